"""Checkable exercises: ``check("01.2", answer)`` says right or wrong with a hint, never the answer.

Exercises live in ``convcourse/exercises/nNN.py`` (one file per notebook) as ``EXERCISES`` dicts.
In the notebooks a solution line is written ``answer_2 = 18432  # SOLUTION``; the student export
(``python -m convcourse export --students``) turns it into ``answer_2 = None``.
"""
from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Exercise:
    """One exercise: the expected value (or a predicate), a hint shown on a wrong answer."""

    expected: Any = None
    hint: str = ""
    rel_tol: float = 1e-6                       # for numbers
    predicate: Callable[[Any], bool] | None = None
    explain: str = ""                           # shown after a right answer

    def is_right(self, answer) -> bool:
        if self.predicate is not None:
            try:
                return bool(self.predicate(answer))
            except Exception:                   # a wrong type of answer is simply wrong
                return False
        if isinstance(self.expected, bool) or isinstance(answer, bool):
            return answer is self.expected
        if isinstance(self.expected, (int, float)) and isinstance(answer, (int, float)):
            return math.isclose(answer, self.expected, rel_tol=self.rel_tol, abs_tol=1e-12)
        if isinstance(self.expected, str) and isinstance(answer, str):
            return answer.strip().lower() == self.expected.strip().lower()
        if isinstance(self.expected, (tuple, list)) and isinstance(answer, (tuple, list)):
            return len(answer) == len(self.expected) and all(
                Exercise(e, rel_tol=self.rel_tol).is_right(a) for a, e in zip(answer, self.expected))
        return answer == self.expected


def _exercise(exercise_id: str) -> Exercise:
    if not isinstance(exercise_id, str) or "." not in exercise_id:
        raise ValueError(f"exercise_id={exercise_id!r} must look like '01.2' (notebook.number)")
    nb = exercise_id.split(".", 1)[0]
    try:
        registry = importlib.import_module(f"convcourse.exercises.n{nb}").EXERCISES
    except ModuleNotFoundError:
        raise ValueError(f"exercise_id={exercise_id!r}: notebook {nb} has no exercises") from None
    if exercise_id not in registry:
        raise ValueError(f"exercise_id={exercise_id!r} is not one of {sorted(registry)}")
    return registry[exercise_id]


def verdict(exercise_id: str, answer) -> tuple[bool | None, str]:
    """(right?, message); right? is None when there is no answer yet."""
    ex = _exercise(exercise_id)
    if answer is None or answer is Ellipsis:
        return None, f"⏳ 练习 {exercise_id}：还没有作答，把答案填进上面的变量再运行本格。"
    if ex.is_right(answer):
        return True, f"✅ 练习 {exercise_id}：正确！" + (f" {ex.explain}" if ex.explain else "")
    return False, f"❌ 练习 {exercise_id}：还不对。提示：{ex.hint}"


def check(exercise_id: str, answer) -> None:
    """Print the verdict on ``answer`` for exercise ``exercise_id`` (use ``verdict`` to get it as a value)."""
    print(verdict(exercise_id, answer)[1])
