"""Back of the book (``python -m convcourse solutions [NN ...] [--key KEY]``): answer and how to get it.

The worked solutions are the instructor's: they are read from the key folder (:mod:`convcourse.key`), which the
student edition does not contain.
"""
from __future__ import annotations

import textwrap

from .check import KINDS, exercises
from .key import expected, load
from ._checks import checked


def _shown(value) -> str:
    if isinstance(value, list):
        return repr(tuple(value))
    return repr(value)


@checked
def solution_lines(exercise_id: str, ex, entry: dict) -> list[str]:
    sol = entry.get("solution", {})
    lines = [f"练习 {exercise_id}（{KINDS[ex.kind]}）{ex.title}".rstrip()]
    if ex.kind == "coding":
        lines.append("  参考实现：")
        lines += [textwrap.indent(sol.get("code", "").rstrip(), "    ")]
    else:
        lines.append(f"  答案：{_shown(expected(entry))}")
    if sol.get("text"):
        lines.append(textwrap.fill(sol["text"], width=100, initial_indent="  解法：", subsequent_indent="        "))
    if entry.get("explain"):
        lines.append(f"  要点：{entry['explain']}")
    return lines


@checked
def solutions_text(notebooks=None, key=None) -> str:
    """The worked solutions of the given notebook numbers ("17", "17_se", "17_se.ipynb"), or of all."""
    numbers = [str(n)[:2] for n in notebooks] if notebooks else [None]
    for nb in numbers:
        if nb is not None and not nb.isdigit():
            raise ValueError(f"notebook {nb!r}: give its number, e.g. 17")
    entries = load(key)
    out = []
    for nb in numbers:
        for eid, ex in exercises(nb).items():
            if eid not in entries:
                raise ValueError(f"{eid}: the key has no entry for this exercise")
            out += solution_lines(eid, ex, entries[eid]) + [""]
    return "\n".join(out).rstrip() + "\n"


__all__ = ["solution_lines", "solutions_text"]
