"""Grading a class (``python -m convcourse grade DIR``): execute every student's notebooks, tabulate the checks.

``DIR`` holds one folder per student with that student's notebooks (``NN_*.ipynb``). Each notebook runs in a
fresh kernel (one thread, cwd = the student's folder) with a time limit for the whole notebook; errors in a
cell do not stop it (later exercises are still checked). Every ``check`` call appends its verdict to a
JSON-lines file named by ``CONVCOURSE_RESULTS``; an exercise that never reported is ``unanswered`` when the
notebook ran through and ``error`` when the notebook raised before it or timed out. Results go to a CSV
(student x exercise: correct / wrong / unanswered / error) and a printed summary table.
"""
from __future__ import annotations

import csv
import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .check import RESULTS_ENV, exercises
from .notebooks import kernel_env

STATUSES = ("correct", "wrong", "unanswered", "error")


@dataclass
class NotebookResult:
    student: str
    notebook: str
    problem: str = ""                                 # "", "超时 (>60 s)", "出错：cell 3 ZeroDivisionError"
    results: dict = field(default_factory=dict)       # exercise id -> status


def _registered(number: str) -> list[str]:
    try:
        return list(exercises(number))
    except ValueError:
        return []


def run_notebook(path: Path, timeout: float, results_file: Path) -> str:
    """Execute ``path`` (outputs are not saved); '' if it ran through, else what went wrong."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:                                         # noqa: BLE001 - a broken file is recorded
        return f"无法读取：{type(e).__name__}"
    deadline = time.monotonic() + timeout
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, record_timing=False,
                            timeout_func=lambda cell: max(1, int(deadline - time.monotonic() + 0.999)),
                            startup_timeout=60, resources={"metadata": {"path": str(path.parent)}})
    try:
        with kernel_env({RESULTS_ENV: str(results_file)}):
            client.execute()
    except CellTimeoutError:
        return f"超时（整本限时 {timeout:g} s）"
    except DeadKernelError:
        return "内核崩溃"
    except Exception as e:                                         # noqa: BLE001
        return f"无法执行：{type(e).__name__}"
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"出错：第 {i + 1} 格 {out.get('ename', '')}"
    return ""


def grade_student(folder: Path, timeout: float) -> list[NotebookResult]:
    out = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        ids = _registered(path.name[:2])
        with tempfile.TemporaryDirectory() as tmp:
            results_file = Path(tmp) / "results.jsonl"
            problem = run_notebook(path, timeout, results_file)
            recorded = {}
            if results_file.exists():
                for line in results_file.read_text(encoding="utf-8").splitlines():
                    try:
                        item = json.loads(line)
                    except ValueError:
                        continue
                    if item.get("id") in ids and item.get("status") in STATUSES:
                        recorded[item["id"]] = item["status"]          # the last check of an exercise counts
        missing = "error" if problem else "unanswered"
        out.append(NotebookResult(folder.name, path.name, problem, {i: recorded.get(i, missing) for i in ids}))
    return out


def grade(folder, out_csv=None, timeout: float = 120) -> tuple[list[NotebookResult], str]:
    """Grade every student folder in ``folder``; writes ``out_csv`` (default ``folder/grades.csv``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder (expected one sub-folder per student)")
    students = sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))
    if not students:
        raise ValueError(f"{folder} has no student folders (one sub-folder per student, notebooks inside)")
    results = [r for s in students for r in grade_student(s, timeout)]
    ids = sorted({i for r in results for i in r.results}, key=lambda i: (i.split(".")[0], int(i.split(".")[1])))
    rows = []
    for s in students:
        mine = [r for r in results if r.student == s.name]
        cells = {i: st for r in mine for i, st in r.results.items()}
        counts = {k: sum(v == k for v in cells.values()) for k in STATUSES}
        notes = "; ".join(f"{r.notebook}: {r.problem}" for r in mine if r.problem)
        rows.append({"student": s.name, **{i: cells.get(i, "") for i in ids}, **counts, "notes": notes})
    out_csv = Path(out_csv) if out_csv else folder / "grades.csv"
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["student", *ids, *STATUSES, "notes"])
        writer.writeheader()
        writer.writerows(rows)
    return results, summary_table(rows, out_csv)


def summary_table(rows: list[dict], out_csv: Path) -> str:
    width = max([len("student")] + [len(r["student"]) for r in rows])
    head = f"{'student':<{width}}  correct  wrong  unanswered  error  notes"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['student']:<{width}}  {r['correct']:>7}  {r['wrong']:>5}  {r['unanswered']:>10}  "
                     f"{r['error']:>5}  {r['notes']}".rstrip())
    lines.append(f"CSV: {out_csv}")
    return "\n".join(lines)


__all__ = ["STATUSES", "grade", "run_notebook", "summary_table"]
