"""Checkable exercises: ``check("01.2", answer)`` says right or wrong with a hint, never the answer.

Exercises are data: ``convcourse/exercises/nNN.json`` (one file per notebook) maps ``"NN.k"`` to the fields of
one exercise plus its ``"kind"``; a coding exercise's planted mistakes name functions of ``exercises/nNN.py``.
Four kinds:

* ``Value``     a number, a shape tuple or a word (``answer_2 = None`` in the notebook);
* ``Choice``    conceptual: multiple choice (``"A"``...) or true/false; a one-line explanation after a right answer;
* ``Predict``   predict-then-run: ``prediction_3 = None`` in one cell, the next cell runs the experiment and calls
                ``check("NN.3", prediction_3, measured=...)``;
* ``Coding``    a skeleton class whose ``forward`` raises ``NotImplementedError`` until the student fills it in;
                ``check`` builds the package's reference module, copies its (randomised) weights into the
                student's module, compares the outputs on random inputs and says in words what is wrong.

Answers, explanations and worked solutions are stored encoded (``encode``: base64 of JSON) so that they are
not readable at a glance in the package; this keeps them off the student's screen, it is not security.
Hints come in steps: a nudge after the first wrong answer, the formula after a later one, never the answer.

When the environment variable ``CONVCOURSE_RESULTS`` names a file, every ``check`` appends one JSON line
``{"id": ..., "status": "correct" | "wrong" | "unanswered"}`` to it (``python -m convcourse grade`` sets it).
"""
from __future__ import annotations

import base64
import functools
import importlib
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

RESULTS_ENV = "CONVCOURSE_RESULTS"
_EXERCISES = Path(__file__).with_name("exercises")      # nNN.json: the exercises; nNN.py: planted mistakes
KINDS = {"value": "计算", "choice": "概念", "predict": "先预测再运行", "coding": "编程"}
_ATTEMPTS: dict[str, int] = {}


def encode(obj) -> str:
    """Course authors: the stored form of an answer, explanation or solution (base64 of JSON)."""
    return base64.b64encode(json.dumps(obj, ensure_ascii=False).encode("utf-8")).decode("ascii")


def decode(text: str):
    return json.loads(base64.b64decode(text.encode("ascii")).decode("utf-8"))


class _Invalid(Exception):
    """The answer has the wrong type; the message says what was expected."""


# --- turning what a student typed into plain Python values -----------------------------------------------

def _describe(x) -> str:
    """What the student gave, in one line: type and shape of arrays, type and a short repr otherwise."""
    shape = getattr(x, "shape", None)
    if shape is not None:
        return f"{type(x).__name__}（形状 {tuple(shape)}）"
    text = repr(x).split("\n", 1)[0]
    return f"{type(x).__name__} {text[:40]}"


def _scalar(x, what: str):
    """int/float from Python numbers, numpy scalars and one-element tensors; arrays are refused in words."""
    if isinstance(x, bool):
        raise _Invalid(f"{what}应当是一个数，而你给的是 {x!r}（True/False）")
    if isinstance(x, (int, float)):
        return x
    shape = getattr(x, "shape", None)
    if shape is not None and hasattr(x, "item"):
        n = 1
        for s in shape:
            n *= int(s)
        if n != 1:
            raise _Invalid(f"{what}应当是一个数，而你给的是 {_describe(x)}；请算出那一个数"
                           "（例如用 .item() 或写出具体数值）")
        return x.item()
    if isinstance(x, str):
        try:
            return int(x) if x.strip().lstrip("-").isdigit() else float(x)
        except ValueError:
            pass
    raise _Invalid(f"{what}应当是一个数（int 或 float），而你给的是 {_describe(x)}")


def _as_tuple(x, what: str) -> tuple:
    ndim = getattr(x, "ndim", None)
    if isinstance(x, (str, bytes)) or not hasattr(x, "__iter__") or ndim not in (None, 1):
        raise _Invalid(f"{what}应当是一个元组，例如 (2, 3)；你给的是 {_describe(x)}")
    return tuple(_scalar(v, f"{what}里的每一项") for v in x)


def _plain(x):
    """A measured value (tensor, numpy, torch.Size ...) as a plain Python value for comparing."""
    if isinstance(x, (bool, str, int, float)):
        return x
    if hasattr(x, "__iter__") and getattr(x, "ndim", 1) == 1:
        return list(_as_tuple(x, "实验结果"))
    return _scalar(x, "实验结果")


def _close(a, b, rel_tol: float, abs_tol: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


# --- the kinds of exercise ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Base:
    answer: str = ""                            # encoded
    hints: tuple = ()                           # plain text, in steps: nudge, then the formula
    explain: str = ""                           # encoded; shown after a right answer
    solution: str = ""                          # encoded worked solution: how to get the answer
    title: str = ""                             # one line for the back of the book
    kind = "value"

    @property
    def hint(self) -> str:
        return self.hints[0] if self.hints else ""

    def expected(self):
        return decode(self.answer)

    def reference_answer(self):
        """What a right answer looks like (for the back of the book and the tests)."""
        return self.expected()

    def judge(self, answer, **kw) -> tuple[bool, str]:
        raise NotImplementedError


def _expected_shape(expected) -> str:
    if isinstance(expected, list):
        return "元组"
    if isinstance(expected, bool):
        return "True 或 False"
    if isinstance(expected, (int, float)):
        return "数"
    return "字符串"


def _compare(answer, expected, rel_tol: float, what: str = "答案") -> bool:
    if isinstance(expected, bool):
        if not isinstance(answer, bool):
            raise _Invalid(f"{what}应当是 True 或 False，而你给的是 {_describe(answer)}")
        return answer is expected
    if isinstance(expected, (int, float)):
        return _close(_scalar(answer, what), expected, rel_tol)
    if isinstance(expected, list):
        got = _as_tuple(answer, what)
        return len(got) == len(expected) and all(_close(a, e, rel_tol) for a, e in zip(got, expected))
    if isinstance(expected, str):
        if not isinstance(answer, str):
            raise _Invalid(f"{what}应当是一个字符串，例如 'se'；你给的是 {_describe(answer)}")
        return answer.strip().lower() == expected.strip().lower()
    raise TypeError(f"unsupported expected value {type(expected).__name__}")


@dataclass(frozen=True)
class Value(_Base):
    """A number, a shape tuple or a word; numbers compare with ``rel_tol``."""

    rel_tol: float = 1e-6
    kind = "value"

    def judge(self, answer, **kw):
        return _compare(answer, self.expected(), self.rel_tol), ""


@dataclass(frozen=True)
class Choice(_Base):
    """Conceptual: one letter of ``options`` (e.g. ``"ABCD"``), or True/False when ``options`` is empty."""

    options: str = ""
    kind = "choice"

    def judge(self, answer, **kw):
        expected = self.expected()
        if isinstance(expected, bool):
            return _compare(answer, expected, 0.0), ""
        if not isinstance(answer, str) or answer.strip().upper() not in self.options.upper():
            raise _Invalid(f"请填一个选项字母：{' / '.join(self.options)}（字符串，例如 \"{self.options[0]}\"）；"
                           f"你给的是")
        return answer.strip().upper() == str(expected).upper(), ""


@dataclass(frozen=True)
class Predict(_Base):
    """Predict-then-run: the prediction is compared with ``measured`` (the experiment), else the stored value."""

    rel_tol: float = 1e-6
    kind = "predict"

    def judge(self, answer, measured=None, **kw):
        truth = self.expected() if measured is None else _plain(measured)
        ok = _compare(answer, truth, self.rel_tol, "预测")
        shown = tuple(truth) if isinstance(truth, list) else f"{truth:.4g}" if isinstance(truth, float) else truth
        return ok, (f"（实验结果：{shown}）" if measured is not None else "")


@dataclass(frozen=True)
class Mistake:
    """A planted wrong variant of the reference (``fn(reference_module, x) -> output``) and what it means."""

    fn: Callable
    message: str


@dataclass(frozen=True)
class Coding(_Base):
    """Implement the core of a module; ``answer`` is unused, ``solution`` holds the reference code (encoded).

    ``reference`` is ``"package.module:Name"``; ``args``/``kwargs`` build both modules; ``inputs`` are the
    shapes of the random inputs (one per forward argument); ``gate=True`` for attention modules whose output is
    ``x * weight`` (lets ``check`` say "missing sigmoid" about the weight); ``mistakes`` are extra planted
    variants recognised by name.
    """

    reference: str = ""
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    inputs: tuple = ((2, 8, 8, 8),)
    gate: bool = False
    mistakes: tuple = ()
    name: str = ""                              # the skeleton class's name in the notebook
    student_args: tuple | None = None           # how the student's class is built, when not like the reference
    student_kwargs: dict | None = None
    atol: float = 1e-6
    kind = "coding"

    def reference_answer(self):
        import torch
        from torch import nn

        namespace: dict = {"torch": torch, "nn": nn, "F": nn.functional}   # what the notebook cell has imported
        exec(decode(self.solution)["code"], namespace)      # noqa: S102 - the course's own solution
        return namespace[self.name]

    def judge(self, answer, **kw):
        from ._coding import judge_module

        return judge_module(self, answer)


# --- the entry points ---------------------------------------------------------------------------------------

_KINDS = {"value": Value, "choice": Choice, "predict": Predict, "coding": Coding}
_TUPLES = ("hints", "args", "kwargs", "inputs", "student_args", "student_kwargs")   # JSON lists -> tuples
REGISTRIES: dict[str, dict] = {}       # lesson number -> its exercises, read once; a test may add one


def _tuples(value):
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _mistake(entry: dict, variants) -> Mistake:
    """``{"variant": "_fn", "with": {...}, "message": "..."}`` -> Mistake(partial(variants._fn, **with), message)."""
    fn = getattr(variants, entry["variant"])
    return Mistake(functools.partial(fn, **entry["with"]) if "with" in entry else fn, entry["message"])


def read_registry(path, variants=None) -> dict:
    """The exercises stored in the JSON file ``path``; planted mistakes name functions of module ``variants``."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    registry = {}
    for exercise_id, entry in data.items():
        fields = {k: _tuples(v) if k in _TUPLES else v for k, v in entry.items() if k != "kind"}
        if "mistakes" in fields:
            fields["mistakes"] = tuple(_mistake(m, variants) for m in fields["mistakes"])
        registry[exercise_id] = _KINDS[entry["kind"]](**fields)
    return registry


def _registry(nb: str) -> dict:
    if nb not in REGISTRIES:
        path = _EXERCISES / f"n{nb}.json"
        if not path.exists():
            raise ValueError(f"练习编号 {nb!r}：第 {nb} 课没有练习")
        variants = (importlib.import_module(f"convcourse.exercises.n{nb}")
                    if path.with_suffix(".py").exists() else None)
        REGISTRIES[nb] = read_registry(path, variants)
    return REGISTRIES[nb]


def _exercise(exercise_id) -> _Base:
    if not isinstance(exercise_id, str) or "." not in exercise_id or not exercise_id.split(".", 1)[0].isdigit():
        raise ValueError(f"练习编号 {exercise_id!r} 不对：它应当形如 \"01.2\"（课号.题号）；"
                         "(exercise_id must look like '01.2')")
    nb = exercise_id.split(".", 1)[0]
    registry = _registry(nb)
    if exercise_id not in registry:
        raise ValueError(f"练习编号 {exercise_id!r} 不存在：第 {nb} 课的练习是 {', '.join(sorted(registry))} "
                         "(is not one of them)")
    return registry[exercise_id]


def is_unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def verdict(exercise_id: str, answer, measured=None) -> tuple[bool | None, str]:
    """(right?, message); right? is None when there is no answer yet or the answer has the wrong type.

    Raises ValueError for an exercise id that does not exist.
    """
    status, message = _evaluate(exercise_id, answer, measured)
    return {"correct": True, "wrong": False}.get(status), message


def _evaluate(exercise_id, answer, measured=None) -> tuple[str, str]:
    ex = _exercise(exercise_id)
    if is_unanswered(answer):
        return "unanswered", f"⏳ 练习 {exercise_id}：尚未作答"
    try:
        ok, extra = ex.judge(answer, measured=measured)
    except _Invalid as e:
        return "invalid", f"⚠️ 练习 {exercise_id}：{e}"
    except _Unanswered:
        return "unanswered", f"⏳ 练习 {exercise_id}：尚未作答"
    if ok:
        explain = decode(ex.explain) if ex.explain else ""
        return "correct", f"✅ 练习 {exercise_id}：正确！{extra}" + (f" {explain}" if explain else "")
    n = _ATTEMPTS[exercise_id] = _ATTEMPTS.get(exercise_id, 0) + 1
    hint = ex.hints[min(n, len(ex.hints)) - 1] if ex.hints else ""
    step = f"（第 {min(n, len(ex.hints))} 步）" if len(ex.hints) > 1 else ""
    extra = f" {extra}" if extra else ""
    return "wrong", f"❌ 练习 {exercise_id}：还不对。{extra}提示{step}：{hint}".replace("。 ", "。")


class _Unanswered(Exception):
    """The skeleton is untouched (its TODO still raises NotImplementedError)."""


def _record(exercise_id, status: str) -> None:
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": str(exercise_id), "status": status}) + "\n")


def check(exercise_id: str, answer=None, measured=None) -> None:
    """Print the verdict on ``answer`` for exercise ``exercise_id`` (``verdict`` returns it as a value).

    Never raises for a student's answer: an unknown id or a wrong type of answer prints a message instead.
    """
    try:
        status, message = _evaluate(exercise_id, answer, measured)
    except ValueError as e:
        status, message = "invalid", f"⚠️ {e}"
    _record(exercise_id, {"invalid": "wrong"}.get(status, status))
    print(message)


def exercises(nb: str | None = None) -> dict[str, _Base]:
    """All exercises (of notebook ``nb``), in order."""
    numbers = [nb] if nb else sorted(p.stem[1:] for p in _EXERCISES.glob("n*.json"))
    out = {}
    for n in numbers:
        out.update(sorted(_registry(n).items(), key=lambda kv: int(kv[0].split(".")[1])))
    return out


__all__ = ["Choice", "Coding", "Mistake", "Predict", "Value", "check", "decode", "encode",
           "exercises", "read_registry", "verdict"]
