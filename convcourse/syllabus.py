"""The course table: every notebook, the note section it explains, its week and time estimate.

One place for the syllabus: ``syllabus.json`` (data) read into ``WEEKS`` and ``LESSONS``; the README table,
``python -m convcourse syllabus``, the site and the tests that check every notebook exists all read them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Lesson:
    notebook: str      # file name in notebooks/
    title: str         # Chinese title as shown in the notebook's first heading
    source: str        # which note section it explains
    week: int
    minutes: int       # time estimate for a student working through it
    requires: tuple[str, ...] = ()   # notebooks to read first (by number)


def _read(path: Path) -> tuple[dict[int, str], tuple[Lesson, ...]]:
    """The table lives in ``syllabus.json`` beside this file: weeks by number, then one row per notebook."""
    data = json.loads(path.read_text(encoding="utf-8"))
    weeks = {int(k): theme for k, theme in data["weeks"].items()}
    lessons = tuple(Lesson(**{**row, "requires": tuple(row.get("requires", ()))}) for row in data["lessons"])
    return weeks, lessons


WEEKS, LESSONS = _read(Path(__file__).with_name("syllabus.json"))


def syllabus_markdown() -> str:
    """The syllabus as a markdown table grouped by week (used by the README and the CLI)."""
    lines = []
    for week, theme in WEEKS.items():
        lines += [f"**第 {week} 周 · {theme}**", "",
                  "| 笔记本 | 主题 | 讲义章节 | 预计用时 | 先修 |", "|---|---|---|---|---|"]
        for l in (l for l in LESSONS if l.week == week):
            req = ", ".join(l.requires) or "—"
            lines.append(f"| `{l.notebook}` | {l.title} | {l.source} | {l.minutes} 分钟 | {req} |")
        lines.append("")
    return "\n".join(lines)
