"""Back of the book (``python -m convcourse solutions [NN ...]``): worked solutions, answer and how to get it.

The solutions are stored encoded with the exercises (``convcourse/exercises/nNN.json``), so they stay off the
student's screen until asked for.
"""
from __future__ import annotations

import textwrap

from .check import KINDS, decode, exercises


def _shown(value) -> str:
    if isinstance(value, list):
        return repr(tuple(value))
    return repr(value)


def solution_lines(exercise_id: str, ex) -> list[str]:
    sol = decode(ex.solution) if ex.solution else {}
    lines = [f"练习 {exercise_id}（{KINDS[ex.kind]}）{ex.title}".rstrip()]
    if ex.kind == "coding":
        lines.append("  参考实现：")
        lines += [textwrap.indent(sol.get("code", "").rstrip(), "    ")]
    else:
        lines.append(f"  答案：{_shown(ex.expected())}")
    if sol.get("text"):
        lines.append(textwrap.fill(sol["text"], width=100, initial_indent="  解法：", subsequent_indent="        "))
    if ex.explain:
        lines.append(f"  要点：{decode(ex.explain)}")
    return lines


def solutions_text(notebooks=None) -> str:
    """The worked solutions of the given notebook numbers ("17", "17_se", "17_se.ipynb"), or of all."""
    numbers = [str(n)[:2] for n in notebooks] if notebooks else [None]
    out = []
    for nb in numbers:
        if nb is not None and not nb.isdigit():
            raise ValueError(f"notebook {nb!r}: give its number, e.g. 17")
        for eid, ex in exercises(nb).items():
            out += solution_lines(eid, ex) + [""]
    return "\n".join(out).rstrip() + "\n"


__all__ = ["solution_lines", "solutions_text"]
