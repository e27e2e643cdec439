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

The package holds no answer: a value, choice or prediction is checked against its *seal* (``convcourse.seal``:
salted, slow hashes of the right canonical forms; the explanation is encrypted under the answer), and a coding
task against the reference module itself. Answers, explanations and worked solutions are the instructor's, in
the key folder (``convcourse.key``). Hints come in steps: a nudge after the first wrong answer, the formula after
a later one, never the answer.

``check`` only prints: a grade never comes from it. ``python -m convcourse grade`` runs the notebook, reads the
answers out of the kernel and judges them itself, against the key (``convcourse.grade``).
"""
from __future__ import annotations

import functools
import importlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import seal as _seal

_EXERCISES = Path(__file__).with_name("exercises")      # nNN.json: the exercises; nNN.py: planted mistakes
KINDS = {"value": "计算", "choice": "概念", "predict": "先预测再运行", "coding": "编程"}
_ATTEMPTS: dict[str, int] = {}


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


def as_form(answer, form: str, what: str = "答案"):
    """``answer`` as the plain value an exercise of ``form`` ('bool', 'text', 'integer', 'number', 'tuple')
    compares; ``_Invalid`` (a sentence saying what is expected) when it cannot be one."""
    if form == "bool":
        if not isinstance(answer, bool):
            raise _Invalid(f"{what}应当是 True 或 False，而你给的是 {_describe(answer)}")
        return answer
    if form == "text":
        if not isinstance(answer, str):
            raise _Invalid(f"{what}应当是一个字符串，例如 'se'；你给的是 {_describe(answer)}")
        return answer
    if form == "tuple":
        return list(_as_tuple(answer, what))
    return _scalar(answer, what)


def compare(answer, expected, rel_tol: float, what: str = "答案") -> bool:
    """Is ``answer`` (what the student gave) ``expected`` (a plain value: the key's answer or a measurement)?"""
    if isinstance(expected, bool):
        return as_form(answer, "bool", what) is expected
    if isinstance(expected, (int, float)):
        return _close(as_form(answer, "number", what), expected, rel_tol)
    if isinstance(expected, (list, tuple)):
        got = as_form(answer, "tuple", what)
        return len(got) == len(expected) and all(_close(a, e, rel_tol) for a, e in zip(got, expected))
    if isinstance(expected, str):
        return as_form(answer, "text", what).strip().lower() == expected.strip().lower()
    raise TypeError(f"unsupported expected value {type(expected).__name__}")


# --- the kinds of exercise ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Base:
    hints: tuple = ()                           # plain text, in steps: nudge, then the formula
    title: str = ""                             # one line for the back of the book
    var: str = ""                               # the notebook variable (or class) that holds the answer
    seal: dict | None = None                    # the sealed answer (convcourse.seal); no answer is stored
    id: str = ""
    kind = "value"

    @property
    def hint(self) -> str:
        return self.hints[0] if self.hints else ""

    def _open(self, value, rel_tol: float) -> tuple[bool, str]:
        if not self.seal:
            raise _Invalid("这道题在学生版里没有可核对的答案（请教师用 python -m convcourse key publish 生成）")
        try:
            return _seal.open_seal(self.seal, self.id, value, rel_tol)
        except _seal.NotComparable:
            return False, ""

    def judge(self, answer, **kw) -> tuple[bool, str, str]:
        """(right?, a remark on the experiment, the explanation after a right answer)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Value(_Base):
    """A number, a shape tuple or a word; numbers compare with ``rel_tol``."""

    rel_tol: float = 1e-6
    kind = "value"

    def judge(self, answer, **kw):
        form = (self.seal or {}).get("form", "number")
        ok, explain = self._open(as_form(answer, form), self.rel_tol)
        return ok, "", explain


@dataclass(frozen=True)
class Choice(_Base):
    """Conceptual: one letter of ``options`` (e.g. ``"ABCD"``), or True/False when ``options`` is empty."""

    options: str = ""
    kind = "choice"

    def judge(self, answer, **kw):
        if not self.options:
            ok, explain = self._open(as_form(answer, "bool"), 0.0)
            return ok, "", explain
        if not isinstance(answer, str) or answer.strip().upper() not in self.options.upper() or not answer.strip():
            raise _Invalid(f"请填一个选项字母：{' / '.join(self.options)}（字符串，例如 \"{self.options[0]}\"）；"
                           f"你给的是 {_describe(answer)}")
        ok, explain = self._open(answer.strip().upper(), 0.0)
        return ok, "", explain


@dataclass(frozen=True)
class Predict(_Base):
    """Predict-then-run: the prediction is compared with ``measured`` (the experiment), else with the seal."""

    rel_tol: float = 1e-6
    kind = "predict"

    def judge(self, answer, measured=None, **kw):
        if measured is None:
            form = (self.seal or {}).get("form", "number")
            ok, explain = self._open(as_form(answer, form, "预测"), self.rel_tol)
            return ok, "", explain
        truth = _plain(measured)
        ok = compare(answer, truth, self.rel_tol, "预测")
        explain = ""
        if ok and self.seal:
            try:
                explain = self._open(as_form(answer, self.seal["form"], "预测"), self.rel_tol)[1]
            except _Invalid:
                explain = ""
        shown = tuple(truth) if isinstance(truth, list) else f"{truth:.4g}" if isinstance(truth, float) else truth
        return ok, f"（实验结果：{shown}）", explain


@dataclass(frozen=True)
class Mistake:
    """A planted wrong variant of the reference (``fn(reference_module, x) -> output``) and what it means."""

    fn: Callable
    message: str


@dataclass(frozen=True)
class Coding(_Base):
    """Implement the core of a module, judged against the package's reference module.

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

    def judge(self, answer, **kw):
        from ._coding import judge_module

        ok, message = judge_module(self, answer)
        return ok, message, ""


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
    return build_registry(data, variants)


def build_registry(data: dict, variants=None) -> dict:
    """Exercise objects from the JSON form of a lesson's exercises (``{"NN.k": {"kind": ..., ...}}``)."""
    registry = {}
    for exercise_id, entry in data.items():
        fields = {k: _tuples(v) if k in _TUPLES else v for k, v in entry.items() if k != "kind"}
        if "mistakes" in fields:
            fields["mistakes"] = tuple(_mistake(m, variants) for m in fields["mistakes"])
        registry[exercise_id] = _KINDS[entry["kind"]](id=exercise_id, **fields)
    return registry


def _registry(nb: str) -> dict:
    if nb not in REGISTRIES:
        path = _EXERCISES / f"n{nb}.json"
        if not path.exists():
            raise ValueError(f"练习编号 {nb!r}：第 {nb} 课没有练习")
        REGISTRIES[nb] = read_registry(path, planted_mistakes(nb))
    return REGISTRIES[nb]


def planted_mistakes(nb: str):
    """The module of lesson ``nb``'s planted mistakes (``exercises/nNN.py``), or None."""
    path = _EXERCISES / f"n{nb}.py"
    return importlib.import_module(f"convcourse.exercises.n{nb}") if path.exists() else None


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


def message_for(exercise_id: str, ex: _Base, status: str, extra: str = "", explain: str = "",
                attempt: int = 1) -> str:
    """The one-line verdict ``check`` prints (and the grader's feedback repeats)."""
    if status == "unanswered":
        return f"⏳ 练习 {exercise_id}：尚未作答"
    if status == "invalid":
        return f"⚠️ 练习 {exercise_id}：{extra}"
    if status == "correct":
        return f"✅ 练习 {exercise_id}：正确！{extra}" + (f" {explain}" if explain else "")
    hint = ex.hints[min(attempt, len(ex.hints)) - 1] if ex.hints else ""
    step = f"（第 {min(attempt, len(ex.hints))} 步）" if len(ex.hints) > 1 else ""
    extra = f" {extra}" if extra else ""
    return f"❌ 练习 {exercise_id}：还不对。{extra}提示{step}：{hint}".replace("。 ", "。")


def _evaluate(exercise_id, answer, measured=None) -> tuple[str, str]:
    ex = _exercise(exercise_id)
    if is_unanswered(answer):
        return "unanswered", message_for(exercise_id, ex, "unanswered")
    try:
        ok, extra, explain = ex.judge(answer, measured=measured)
    except _Invalid as e:
        return "invalid", message_for(exercise_id, ex, "invalid", str(e))
    except _Unanswered:
        return "unanswered", message_for(exercise_id, ex, "unanswered")
    if ok:
        return "correct", message_for(exercise_id, ex, "correct", extra, explain)
    n = _ATTEMPTS[exercise_id] = _ATTEMPTS.get(exercise_id, 0) + 1
    return "wrong", message_for(exercise_id, ex, "wrong", extra, attempt=n)


class _Unanswered(Exception):
    """The skeleton is untouched (its TODO still raises NotImplementedError)."""


def check(exercise_id: str, answer=None, measured=None) -> None:
    """Print the verdict on ``answer`` for exercise ``exercise_id`` (``verdict`` returns it as a value).

    Never raises for a student's answer: an unknown id or a wrong type of answer prints a message instead.
    """
    try:
        _, message = _evaluate(exercise_id, answer, measured)
    except ValueError as e:
        message = f"⚠️ {e}"
    print(message)


def exercises(nb: str | None = None) -> dict[str, _Base]:
    """All exercises (of notebook ``nb``), in order."""
    numbers = [nb] if nb else sorted(p.stem[1:] for p in _EXERCISES.glob("n*.json"))
    out = {}
    for n in numbers:
        out.update(sorted(_registry(n).items(), key=lambda kv: int(kv[0].split(".")[1])))
    return out


__all__ = ["Choice", "Coding", "Mistake", "Predict", "Value", "as_form", "build_registry", "check", "compare",
           "exercises", "message_for", "read_registry", "verdict"]
