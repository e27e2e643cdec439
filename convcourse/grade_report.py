"""What ``grade`` writes besides the CSV: one feedback file per student and the class report.

* ``feedback/<student>.md``: per lesson, every exercise's verdict and the message ``check`` would print (the
  typed mistake of a coding task, the hint of a wrong value), plus what went wrong with the notebook;
* ``report.png``: one bar per exercise, stacked correct / wrong / unanswered / error -- where the class struggles
  is the bar that is mostly orange;
* ``report.html``: that picture, the same counts as a table, and for every exercise the most frequent
  messages of wrong answers (for a coding task: which mistake the students made); offline, no scripts.
"""
from __future__ import annotations

import base64
import html
import re
from collections import Counter
from pathlib import Path
from ._checks import checked

COLOURS = {"correct": "#2a9d8f", "wrong": "#e76f51", "unanswered": "#cfcfcf", "error": "#6d597a"}
WORDS = {"correct": "正确", "wrong": "错误", "unanswered": "未作答", "error": "出错"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@checked
def feedback_name(student: str) -> str:
    """A file name for a student's feedback (spaces and Chinese are kept; path characters are not)."""
    name = _UNSAFE.sub("_", student).strip(" .") or "student"
    return f"{name}.md"


def _exercise_ids(results) -> list[str]:
    return sorted({i for r in results for i in r.results}, key=lambda i: (i.split(".")[0], int(i.split(".")[1])))


@checked
def write_feedback(results, students, folder: Path) -> list[Path]:
    from .check import exercises

    folder.mkdir(parents=True, exist_ok=True)
    titles = {}
    written = []
    for student in students:
        mine = [r for r in results if r.student == student]
        lines = [f"# {student} 的作业反馈", ""]
        for r in mine:
            lines.append(f"## 第 {r.lesson} 课" + (f"（{r.notebook}）" if r.notebook else ""))
            for text in ([f"**问题**：{r.problem}"] if r.problem else []) + [f"注：{n}" for n in r.notes]:
                lines.append(f"- {text}")
            if r.lesson not in titles:
                try:
                    titles[r.lesson] = exercises(r.lesson)
                except ValueError:
                    titles[r.lesson] = {}
            for eid, status in r.results.items():
                title = getattr(titles[r.lesson].get(eid), "title", "")
                lines.append(f"- **{eid}** {title}：{WORDS[status]}。{r.messages.get(eid, '')}")
            lines.append("")
        path = folder / feedback_name(student)
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


@checked
def counts(results) -> dict[str, dict[str, int]]:
    """exercise id -> {status: number of students}."""
    table = {eid: {s: 0 for s in COLOURS} for eid in _exercise_ids(results)}
    for r in results:
        for eid, status in r.results.items():
            table[eid][status] += 1
    return table


@checked
def frequent_mistakes(results, top: int = 3) -> dict[str, list[tuple[str, int]]]:
    """exercise id -> its most frequent messages of wrong answers (hints stripped), with how many students."""
    found: dict[str, Counter] = {}
    for r in results:
        for eid, status in r.results.items():
            if status == "wrong":
                text = r.messages.get(eid, "")
                text = re.sub(r"^❌ 练习 \S+：还不对。\s*", "", text).split("提示", 1)[0].strip() or "（答案不对）"
                found.setdefault(eid, Counter())[text] += 1
    return {eid: c.most_common(top) for eid, c in found.items()}


@checked
def plot_counts(table: dict, path: Path, title: str = "") -> Path:
    """The stacked bar chart of ``counts`` as a PNG."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from .viz import use_course_style

    use_course_style()
    ids = list(table)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.42 * len(ids) + 1.5), 3.6), dpi=110)
    bottom = [0] * len(ids)
    for status, colour in COLOURS.items():
        values = [table[i][status] for i in ids]
        ax.bar(range(len(ids)), values, bottom=bottom, color=colour, label=WORDS[status], width=0.75)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(ids)), ids, rotation=90, fontsize=8)
    ax.set_ylabel("学生人数")
    ax.set_title(title or "每道练习的结果")
    ax.legend(ncol=4, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.28), frameon=False)
    ax.set_ylim(0, max(bottom + [1]) * 1.05)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


@checked
def write_report(results, students, out: Path) -> Path:
    table = counts(results)
    png = plot_counts(table, out / "report.png", f"{len(students)} 个学生，每道练习的结果")
    mistakes = frequent_mistakes(results)
    picture = base64.b64encode(png.read_bytes()).decode("ascii")
    rows = []
    for eid, c in table.items():
        total = sum(c.values()) or 1
        cells = "".join(f"<td>{c[s]}</td>" for s in COLOURS)
        top = "<br>".join(f"{html.escape(t)}（{n} 人）" for t, n in mistakes.get(eid, []))
        rows.append(f"<tr><td>{eid}</td>{cells}<td>{100 * c['correct'] / total:.0f}%</td><td>{top}</td></tr>")
    problems = [f"<li>{html.escape(r.student)} · {html.escape(r.notebook or r.lesson)}：{html.escape(r.problem)}</li>"
                for r in results if r.problem]
    head = "".join(f"<th>{WORDS[s]}</th>" for s in COLOURS)
    page = f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>班级报告</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}}td:nth-child(n+2):nth-child(-n+6){{text-align:right}}</style>
</head><body>
<h1>班级报告</h1>
<p>{len(students)} 个学生，{len(table)} 道练习。每根柱子是一道练习，橙色越多，越多学生在这里卡住。</p>
<img alt="每道练习的正确、错误、未作答与出错人数" src="data:image/png;base64,{picture}">
<h2>每道练习</h2>
<table><tr><th>练习</th>{head}<th>正确率</th><th>最常见的错误</th></tr>
{''.join(rows)}
</table>
<h2>没能顺利运行的笔记本</h2>
<ul>{''.join(problems) or '<li>没有</li>'}</ul>
</body></html>
"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


__all__ = ["counts", "feedback_name", "frequent_mistakes", "plot_counts", "write_feedback", "write_report"]
