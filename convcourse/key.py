"""The instructor's key: answers, explanations and worked solutions, kept outside the package.

The key is a folder of ``nNN.json`` files, one per lesson, that the instructor keeps (in the course repository it
is ``instructor/key/``; it is never part of the package nor of the student edition)::

    {"NN.1": {"answer": 1234, "solution": {"text": "how the number is worked out ..."}},
     "NN.2": {"answer": "B", "explain": "why B ...", "solution": {"text": "选 B。"}},
     "NN.3": {"solution": {"text": "...", "code": "class MyBlock(nn.Module): ..."}}}

Commands that need it (``solutions``, ``export --instructors``, ``grade``) find it at ``--key PATH``, else in the
folder named by the environment variable ``CONVCOURSE_KEY``, else at ``instructor/key`` beside the course.
``python -m convcourse key publish`` writes the seals of the student edition (``convcourse/exercises/nNN.json``,
see :mod:`convcourse.seal`) from it; ``key check`` says whether they still agree.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from . import seal as _seal
from .check import _EXERCISES, _Invalid, compare, exercises, message_for
from ._checks import checked

ENV = "CONVCOURSE_KEY"
DEFAULT = Path(__file__).resolve().parents[1] / "instructor" / "key"


@checked
def key_folder(path=None) -> Path:
    """The key folder: ``path``, else ``$CONVCOURSE_KEY``, else ``instructor/key``; a clear error if missing."""
    given = path or os.environ.get(ENV)
    folder = Path(given) if given else DEFAULT
    if not folder.is_dir() or not any(folder.glob("n[0-9][0-9].json")):
        where = f"--key {given}" if path else f"{ENV}={given}" if given else f"{DEFAULT}"
        raise ValueError(f"找不到教师的答案文件夹（{where}）：它应当是一个放着 nNN.json 的文件夹。学生版不含答案；"
                         f"请用 --key 指向你保存的答案文件夹，或设置环境变量 {ENV} "
                         "(the instructor key folder was not found)")
    return folder


@checked
def load(path=None, lessons=None) -> dict[str, dict]:
    """Every key entry (``{"NN.k": {"answer": ..., ...}}``) of the given lessons (default: all)."""
    folder = key_folder(path)
    files = sorted(folder.glob("n[0-9][0-9].json"))
    if lessons is not None:
        wanted = {str(n)[:2] for n in lessons}
        files = [f for f in files if f.stem[1:] in wanted]
    out = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ValueError(f"{f} is not valid JSON: {e}") from None
        out.update(data)
    return out


@checked
def expected(entry: dict):
    """The key's answer as a plain value (lists for tuples)."""
    if "answer" not in entry:
        raise ValueError("this key entry has no answer (a coding task has a solution instead)")
    return entry["answer"]


@checked
def reference_answer(ex, entry: dict):
    """What a right answer looks like: the answer, or for a coding task the solution's class."""
    if ex.kind != "coding":
        value = expected(entry)
        return tuple(value) if isinstance(value, list) else value
    import torch
    from torch import nn

    namespace: dict = {"torch": torch, "nn": nn, "F": nn.functional}   # what the notebook cell has imported
    exec(entry["solution"]["code"], namespace)                        # noqa: S102 - the course's own solution
    return namespace[ex.name]


@checked
def judge_value(exercise_id: str, ex, entry: dict, payload: dict) -> tuple[str, str]:
    """The grader's verdict on a value, choice or prediction read out of a student's kernel.

    ``payload`` is what :mod:`convcourse._probe` reported: ``{"value": plain}``, ``{"unanswered": true}`` or
    ``{"unsupported": "Tensor（形状 (2, 3)）"}``. A prediction is judged against the key, never against the
    experiment the student's kernel ran.
    """
    if payload.get("unanswered"):
        return "unanswered", message_for(exercise_id, ex, "unanswered")
    if "value" not in payload:
        what = payload.get("unsupported", "无法读取的对象")
        return "wrong", message_for(exercise_id, ex, "invalid", f"答案的类型不对：{what}")
    value, truth = payload["value"], expected(entry)
    rel_tol = getattr(ex, "rel_tol", 0.0)
    try:
        if ex.kind == "choice" and ex.options:
            if not isinstance(value, str) or value.strip().upper() not in ex.options.upper() or not value.strip():
                raise _Invalid(f"请填一个选项字母：{' / '.join(ex.options)}")
            ok = value.strip().upper() == str(truth).upper()
        else:
            ok = compare(value, truth, rel_tol, "预测" if ex.kind == "predict" else "答案")
    except _Invalid as e:
        return "wrong", message_for(exercise_id, ex, "invalid", str(e))
    if ok:
        return "correct", message_for(exercise_id, ex, "correct", explain=entry.get("explain", ""))
    return "wrong", message_for(exercise_id, ex, "wrong")


# --- the seals of the student edition ----------------------------------------------------------------------

@checked
def seal_entries(data: dict, key: dict) -> list[str]:
    """Seal, in place, every exercise of ``data`` (a lesson's exercise file as JSON) with its answer in ``key``;
    returns the ids whose seal changed. A seal that still describes its answer (and explanation) is kept."""
    changed = []
    for eid, entry in data.items():
        if entry["kind"] == "coding":
            continue
        if eid not in key:
            raise ValueError(f"{eid}: the key has no answer for this exercise")
        answer, explain = expected(key[eid]), key[eid].get("explain", "")
        rel_tol = entry.get("rel_tol", 1e-6 if entry["kind"] in ("value", "predict") else 0.0)
        if entry["kind"] == "choice" and isinstance(answer, str):
            answer = answer.strip().upper()
        old = entry.get("seal")
        if old and _seal.seal_holds(old, eid, answer, rel_tol, explain):
            continue
        entry["seal"] = _seal.make_seal(eid, answer, rel_tol, explain)
        changed.append(eid)
    return changed


@checked
def publish(path=None, exercises_dir: Path = _EXERCISES) -> list[str]:
    """Write the seal of every answer of the key into the package's exercise files; returns the ids resealed.

    Publishing twice changes nothing: a seal that still describes its answer is kept.
    """
    key = load(path)
    changed = []
    for f in sorted(Path(exercises_dir).glob("n[0-9][0-9].json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        ids = seal_entries(data, key)
        if ids:
            f.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            changed += ids
    return changed


@checked
def disagreements(path=None) -> list[str]:
    """Exercises whose seal in the package does not describe the key's answer (``key check``)."""
    key = load(path)
    out = []
    for eid, ex in exercises().items():
        if ex.kind == "coding":
            if "code" not in key.get(eid, {}).get("solution", {}):
                out.append(f"{eid}: the key has no solution code")
            continue
        if eid not in key:
            out.append(f"{eid}: not in the key")
            continue
        answer = expected(key[eid])
        if ex.kind == "choice" and isinstance(answer, str):
            answer = answer.strip().upper()
        if not ex.seal or not _seal.seal_holds(ex.seal, eid, answer, getattr(ex, "rel_tol", 0.0),
                                               key[eid].get("explain", "")):
            out.append(f"{eid}: the seal does not match the key (run python -m convcourse key publish)")
    return out


__all__ = ["DEFAULT", "ENV", "disagreements", "expected", "judge_value", "key_folder", "load", "publish",
           "reference_answer", "seal_entries"]
