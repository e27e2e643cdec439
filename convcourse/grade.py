"""Grading a class: ``python -m convcourse grade CLASS [--key KEY] [-j N] [--timeout S] [--memory MiB] [--force]``.

``CLASS`` holds one folder per student with that student's notebooks (``NN_*.ipynb``, plus any files they read).
Every notebook runs in a sandbox of its own (:mod:`convcourse.sandbox`; limits: wall time, memory, processes,
file sizes) and its answers are judged in this process against the instructor's key
(:mod:`convcourse.submission`, :mod:`convcourse.key`): a student's code cannot write its own grade.

``-j N`` grades N notebooks at a time; a progress bar shows notebooks and students done, time elapsed and left.
Each result is saved as soon as it is known (``OUT/.cache/``), so an interrupted run (Ctrl-C) resumes where it
stopped, and a submission that did not change since its last grade (same content, key and limits) is not run
again unless ``--force``. Output in ``OUT`` (default ``CLASS/_grades``): ``grades.csv`` (student x exercise:
correct / wrong / unanswered / error, counts, notes), ``feedback/<student>.md`` (each exercise's verdict and
message) and the class report ``report.html`` with ``report.png`` (:mod:`convcourse.grade_report`).
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .submission import Limits
from ._checks import checked

STATUSES = ("correct", "wrong", "unanswered", "error")
GRADER_VERSION = "3"
MAX_NOTEBOOK_MIB = 50
MAX_FOLDER_MIB = 100
_CHECK = re.compile(r"""\bcheck\(\s*["'](\d\d)\.\d+["']""")
_TITLE = re.compile(r"^#\s*(\d\d)\b")


@dataclass
class Task:
    """One notebook to grade (or, with ``path=None``, a lesson a student did not hand in)."""

    student: str
    lesson: str
    path: Path | None
    notes: list = field(default_factory=list)
    problem: str = ""                         # set when the file cannot be run at all


@dataclass
class Result:
    student: str
    lesson: str
    notebook: str = ""
    problem: str = ""
    notes: list = field(default_factory=list)
    results: dict = field(default_factory=dict)       # exercise id -> status
    messages: dict = field(default_factory=dict)      # exercise id -> the verdict in words
    seconds: float = 0.0
    peak_mib: float = 0.0
    isolation: str = ""
    cached: bool = False


# --------------------------------------------------------------------------- reading the class folder

def _read_notebook(path: Path):
    """(notebook, problem in words, notes); problem is '' when the file is a notebook that can run."""
    import nbformat

    notes = []
    if path.stat().st_size > MAX_NOTEBOOK_MIB << 20:
        return None, f"文件超过 {MAX_NOTEBOOK_MIB} MiB，没有评分", notes
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "不是有效的笔记本文件（不是 JSON），没有评分", notes
    if not isinstance(raw, dict) or "cells" not in raw:
        return None, "不是 Jupyter 笔记本（没有 cells），没有评分", notes
    raw.setdefault("nbformat", 4)
    raw.setdefault("nbformat_minor", 5)
    if not raw.get("metadata"):
        notes.append("笔记本的元数据被删掉了：按 Python 3 内核执行")
    raw["metadata"] = raw.get("metadata") or {}
    try:
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        nbformat.validator.normalize(nb)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for cell in nb.cells:
            if cell.get("cell_type") == "code":
                cell.setdefault("outputs", [])
                cell.setdefault("execution_count", None)
            cell.setdefault("metadata", {})
    except Exception as e:                                         # noqa: BLE001 - any malformed notebook
        return None, f"笔记本格式有误（{type(e).__name__}），没有评分", notes
    return nb, "", notes


@checked
def lesson_of(nb, file_name: str) -> str:
    """The lesson a notebook's content belongs to: its exercise checks, else its title, else its file name."""
    counts: dict[str, int] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for n in _CHECK.findall(cell.source):
                counts[n] = counts.get(n, 0) + 1
    if counts:
        return max(counts, key=counts.get)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _TITLE.match(cell.source.lstrip())
            if m:
                return m.group(1)
    return file_name[:2]


def _released_names() -> dict[str, str]:
    from .notebooks import notebook_paths

    return {p.name[:2]: p.name for p in notebook_paths()}


def _folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / (1 << 20)


@checked
def scan(class_dir: Path, lessons=None) -> tuple[list[str], list[Task], list[str]]:
    """(students, tasks, warnings): one task per student and lesson; bad input becomes a note, never a stop."""
    students = sorted(d.name for d in class_dir.iterdir()
                      if d.is_dir() and not d.name.startswith((".", "_")))
    warnings = [f"忽略了不在学生文件夹里的文件：{p.name}" for p in sorted(class_dir.iterdir())
                if p.is_file() and p.suffix == ".ipynb"]
    released = _released_names()
    found: dict[str, dict[str, list[Task]]] = {}
    for student in students:
        folder = class_dir / student
        found[student] = {}
        if _folder_mib(folder) > MAX_FOLDER_MIB:
            found[student]["--"] = [Task(student, "--", None, problem=f"文件夹超过 {MAX_FOLDER_MIB} MiB，没有评分")]
            continue
        for path in sorted(folder.glob("*.ipynb")):
            if not path.is_file():
                continue
            nb, problem, notes = _read_notebook(path)
            lesson = lesson_of(nb, path.name) if nb is not None else path.name[:2]
            if nb is not None and path.name[:2].isdigit() and lesson != path.name[:2]:
                notes.append(f"文件名是第 {path.name[:2]} 课，内容却是第 {lesson} 课：按第 {lesson} 课评分")
            if not lesson.isdigit():
                warnings.append(f"{student}/{path.name}：认不出是哪一课（文件名应以课号开头，如 11_fire.ipynb），没有评分")
                continue
            found[student].setdefault(lesson, []).append(Task(student, lesson, path, notes, problem))
    wanted = sorted({str(n).zfill(2)[:2] for n in lessons} if lessons else
                    {l for per in found.values() for l in per if l.isdigit()})
    tasks = []
    for student in students:
        per = found[student]
        if "--" in per:
            tasks += [Task(student, l, None, problem=per["--"][0].problem) for l in wanted]
            continue
        if not per:
            tasks += [Task(student, l, None, notes=["没有找到笔记本（应为 NN_主题.ipynb）"]) for l in wanted]
            continue
        for lesson in wanted:
            options = per.get(lesson, [])
            if not options:
                misnamed = [f"{t.path.name} 的内容是第 {held} 课" for held, other in per.items() for t in other
                            if t.path is not None and t.path.name[:2] == lesson]
                note = f"没有交第 {lesson} 课" + (f"：{'；'.join(misnamed)}" if misnamed else "")
                tasks.append(Task(student, lesson, None, notes=[note]))
                continue
            options.sort(key=lambda t: (t.problem != "", t.path.name != released.get(lesson),
                                        t.path.name[:2] != lesson, t.path.name))
            chosen = options[0]
            if len(options) > 1:
                others = "、".join(t.path.name for t in options[1:])
                chosen.notes.append(f"第 {lesson} 课交了 {len(options)} 本：评的是 {chosen.path.name}，没有评 {others}")
            tasks.append(chosen)
    return students, tasks, warnings


# --------------------------------------------------------------------------- judging

@checked
def judge(lesson_exercises: dict, key_entries: dict, run) -> tuple[dict, dict]:
    """Verdicts (``{id: status}``, ``{id: message}``) of one executed submission, from the key alone."""
    from .check import message_for
    from .key import judge_value

    results, messages = {}, {}
    for eid, ex in lesson_exercises.items():
        cap = run.captured.get(eid)
        if cap is None:
            status = "error" if run.problem else "unanswered"
            results[eid] = status
            messages[eid] = (f"没有运行到这道题：{run.problem}" if run.problem
                             else message_for(eid, ex, "unanswered"))
            continue
        payload = cap.payload
        if payload.get("unreadable"):
            results[eid], messages[eid] = "error", "没能读出你的答案（笔记本改动了运行环境？）"
        elif ex.kind == "coding":
            results[eid], messages[eid] = judge_coding(eid, ex, payload)
        else:
            results[eid], messages[eid] = judge_value(eid, ex, key_entries[eid], payload)
    return results, messages


@checked
def judge_coding(eid: str, ex, payload: dict) -> tuple[str, str]:
    """A coding task from what the student's module computed: compared here with the reference module."""
    from ._coding import judge_output, random_inputs, reference
    from .check import message_for
    from .submission import tensor_from

    if payload.get("unanswered") or payload.get("missing"):
        return "unanswered", message_for(eid, ex, "unanswered")
    text = lambda key: str(payload.get(key, ""))[:300]                # noqa: E731 - the student's own words
    if "not_module" in payload:
        why = f"请把你写好的类本身（例如 {ex.name}，不带括号）交给 check；你的 {ex.name} 是 {text('not_module')}"
        return "wrong", message_for(eid, ex, "invalid", why)
    if "error" in payload:
        where = "构造你的模块" if payload.get("where") == "init" else "运行 forward"
        return "wrong", message_for(eid, ex, "wrong", f"{where}时出错：{text('error')}。")
    if "layout_problem" in payload:
        return "wrong", message_for(eid, ex, "wrong", text("layout_problem"))
    if "not_tensor" in payload:
        return "wrong", message_for(eid, ex, "wrong", f"forward 应当返回一个张量，而你的返回了 {text('not_tensor')}。")
    try:
        y = tensor_from(payload["output"])
    except (KeyError, ValueError, TypeError):
        return "error", "没能读出你的模块的输出"
    ref, gen = reference(ex)
    xs = random_inputs(ex, gen)
    ref.double().eval()
    ok, message = judge_output(ex, ref, xs, y)
    return ("correct", message_for(eid, ex, "correct")) if ok else ("wrong", message_for(eid, ex, "wrong", message))


# --------------------------------------------------------------------------- one task, cached

def _fingerprint(task: Task, key_entries: dict, limits: Limits) -> str:
    from .check import _EXERCISES

    h = hashlib.sha256()
    h.update(json.dumps([GRADER_VERSION, asdict(limits), task.lesson, task.notes, task.problem,
                         {k: v for k, v in key_entries.items() if k.startswith(task.lesson + ".")}],
                        sort_keys=True, ensure_ascii=False).encode())
    public = _EXERCISES / f"n{task.lesson}.json"
    if public.exists():
        h.update(public.read_bytes())
    if task.path is not None:
        folder = task.path.parent
        for p in sorted(folder.rglob("*")):
            if p.is_file() and (p == task.path or p.suffix != ".ipynb"):
                h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _cache_file(cache: Path, task: Task) -> Path:
    return cache / f"{hashlib.sha256(task.student.encode()).hexdigest()[:16]}-{task.lesson}.json"


@checked
def grade_task(task: Task, key_entries: dict, limits: Limits, work_root: Path, hide: list[Path],
               font, level: str) -> Result:
    from .check import exercises
    from .submission import execute_submission

    try:
        lesson_exercises = exercises(task.lesson)
    except ValueError:
        lesson_exercises = {}
    result = Result(task.student, task.lesson, task.path.name if task.path else "", notes=list(task.notes))
    if not lesson_exercises:
        result.notes.append(f"第 {task.lesson} 课没有练习")
        return result
    if task.path is None or task.problem:
        result.problem = task.problem
        status = "error" if task.problem else "unanswered"
        result.results = {eid: status for eid in lesson_exercises}
        result.messages = {eid: task.problem or "没有交这一课" for eid in lesson_exercises}
        return result
    work = Path(tempfile.mkdtemp(prefix="nb-", dir=work_root))
    try:
        run = execute_submission(task.path, lesson_exercises, work, limits, hide, font, level)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.problem, result.seconds, result.peak_mib, result.isolation = run.problem, run.seconds, run.peak_mib, run.isolation
    result.notes += run.notes
    result.results, result.messages = judge(lesson_exercises, key_entries, run)
    return result


# --------------------------------------------------------------------------- the class

@checked
def grade(class_dir, key=None, out=None, jobs: int = 1, limits: Limits | None = None, force: bool = False,
          lessons=None, progress: bool = True) -> tuple[list[Result], str]:
    """Grade every student folder in ``class_dir``; returns the results and the printed summary."""
    import torch

    from . import grade_report
    from .key import load
    from .submission import LIVE, font_cache, isolation

    class_dir = Path(class_dir)
    if not class_dir.is_dir():
        raise ValueError(f"{class_dir} is not a folder (expected one sub-folder per student)")
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs={jobs!r} must be an integer >= 1")
    limits = limits or Limits()
    out = Path(out) if out else class_dir / "_grades"
    key_entries = load(key)
    from .key import key_folder

    students, tasks, warnings = scan(class_dir, lessons)
    if not students:
        raise ValueError(f"{class_dir} has no student folders (one sub-folder per student, notebooks inside)")
    cache = out / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    work_root = Path(tempfile.mkdtemp(prefix="convcourse-grade-"))
    hide = [key_folder(key).resolve(), class_dir.resolve(), out.resolve()]
    level, why = isolation(work_root)
    font = font_cache(work_root)
    results: list[Result] = []
    todo = []
    for task in tasks:
        stamp = _fingerprint(task, key_entries, limits)
        saved = _cache_file(cache, task)
        if not force and saved.exists():
            try:
                data = json.loads(saved.read_text(encoding="utf-8"))
                if data.get("fingerprint") == stamp:
                    results.append(Result(**{**data["result"], "cached": True}))
                    continue
            except (ValueError, TypeError):
                pass
        todo.append((task, stamp, saved))
    bar = _progress(len(tasks), len(students), progress)
    done_per_student = {s: 0 for s in students}
    need_per_student = {s: sum(t.student == s for t in tasks) for s in students}
    lock = threading.Lock()

    def finished(result: Result):
        with lock:
            done_per_student[result.student] += 1
            complete = sum(done_per_student[s] == need_per_student[s] for s in students)
            bar.set_description_str(f"评分：学生 {complete}/{len(students)}，笔记本", refresh=False)
            bar.update(1)

    for r in results:
        finished(r)
    start = time.monotonic()
    interrupted = False
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(grade_task, t, key_entries, limits, work_root, hide, font, level): (t, stamp, saved)
                   for t, stamp, saved in todo}
        for fut in as_completed(futures):
            task, stamp, saved = futures[fut]
            result = fut.result()
            tmp = saved.with_suffix(".tmp")
            tmp.write_text(json.dumps({"fingerprint": stamp, "result": asdict(result)}, ensure_ascii=False),
                           encoding="utf-8")
            tmp.replace(saved)
            results.append(result)
            finished(result)
    except KeyboardInterrupt:
        interrupted = True
        for pid in list(LIVE):
            from .submission import _kill_group

            _kill_group(pid)
        pool.shutdown(wait=False, cancel_futures=True)
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=interrupted)
        bar.close()
        shutil.rmtree(work_root, ignore_errors=True)
    elapsed = time.monotonic() - start
    order = {(t.student, t.lesson): i for i, t in enumerate(tasks)}
    results.sort(key=lambda r: order.get((r.student, r.lesson), 0))
    rows = write_csv(results, students, out / "grades.csv")
    grade_report.write_feedback(results, students, out / "feedback")
    grade_report.write_report(results, students, out)
    summary = summary_table(rows, out, warnings)
    ran = sum(not r.cached for r in results if r.notebook)
    head = (f"评分完成：{len(students)} 个学生，{len(tasks)} 本笔记本（运行 {ran} 本，未改动而跳过 "
            f"{sum(r.cached for r in results)} 本），用时 {elapsed:.1f} s，并行 {jobs}")
    if level != "namespaces":
        head += f"\n隔离：只有资源限制（{why}）：学生代码能读到你这个用户能读的文件，请不要在这台机器上放答案以外的机密"
    if interrupted:
        head = "已中断：评完的结果已保存；再次运行同一命令会从中断处继续\n" + head
    return results, head + "\n" + summary


def _progress(total: int, students: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=f"评分：学生 0/{students}，笔记本", unit="本", disable=not show, dynamic_ncols=True,
                bar_format="{desc} {n_fmt}/{total_fmt} |{bar}| 已用 {elapsed}，还剩 {remaining}")


@checked
def write_csv(results: list[Result], students: list[str], path: Path) -> list[dict]:
    ids = sorted({i for r in results for i in r.results}, key=lambda i: (i.split(".")[0], int(i.split(".")[1])))
    rows = []
    for s in students:
        mine = [r for r in results if r.student == s]
        cells = {i: st for r in mine for i, st in r.results.items()}
        counts = {k: sum(v == k for v in cells.values()) for k in STATUSES}
        notes = "; ".join(f"{r.notebook or '第 ' + r.lesson + ' 课'}: {text}" for r in mine
                          for text in ([r.problem] if r.problem else []) + r.notes)
        rows.append({"student": s, **{i: cells.get(i, "") for i in ids}, **counts, "notes": notes})
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["student", *ids, *STATUSES, "notes"])
        writer.writeheader()
        writer.writerows(rows)
    return rows


@checked
def summary_table(rows: list[dict], out: Path, warnings=()) -> str:
    from .measure import pad, text_width

    width = max([len("student")] + [text_width(r["student"]) for r in rows])
    head = f"{pad('student', width)}  correct  wrong  unanswered  error  notes"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{pad(r['student'], width)}  {r['correct']:>7}  {r['wrong']:>5}  {r['unanswered']:>10}  "
                     f"{r['error']:>5}  {r['notes']}".rstrip())
    lines += list(warnings)
    lines.append(f"CSV: {out / 'grades.csv'}")
    lines.append(f"反馈: {out / 'feedback'}/<学生>.md   班级报告: {out / 'report.html'}")
    return "\n".join(lines)


__all__ = ["GRADER_VERSION", "Result", "STATUSES", "Task", "grade", "judge", "judge_coding", "lesson_of", "scan",
           "summary_table", "write_csv"]
