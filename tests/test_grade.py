"""The grader as an instructor meets it: a class folder of honest students, students who cheat one way each
(``convcourse.grade_demo.TAMPERING``) and bad input, graded once with ``-j 2``.

What must hold: every verdict comes from the grader's own process and the instructor's key, so no tampering earns
a credit that an honest blank notebook would not; honest notebooks keep exactly their verdicts; a notebook that
loops, allocates 20 GB, exits, kills its kernel, forks or writes outside its folder is cut off or contained and
recorded, and harms no other student's result. And: no file a student installs or receives holds an answer.
"""
from __future__ import annotations

import base64
import csv
import json
import os
import re
import uuid
from pathlib import Path

import nbformat
import pytest

from convcourse import grade_demo
from convcourse.export import export_students, instructor_notebook, is_exercise_cell, student_notebook
from convcourse.grade import grade
from convcourse.key import key_folder, load
from convcourse.notebooks import notebook_paths
from convcourse.submission import Limits, isolation

LESSON = "11"
PATH = notebook_paths([LESSON])[0]
ENTRIES = {eid: e for eid, e in load().items() if eid.startswith(LESSON + ".")}
TOKEN = uuid.uuid4().hex[:8]
SLEEP = 4000 + int(TOKEN[:3], 16)                 # the forked process's `sleep N`, unique to this run
ESCAPE = Path("/tmp") / f"convcourse-escaped-{TOKEN}"
NAMESPACES = isolation(Path("/tmp"))[0] == "namespaces"
needs_namespaces = pytest.mark.skipif(not NAMESPACES, reason="this machine refuses user namespaces: only "
                                      "resource limits isolate a submission, so file-system escapes are possible "
                                      "(the grader says so in its summary)")


def _released():
    return nbformat.read(PATH, as_version=4)


def _exercises_only(nb):
    """The title and the exercise section: what a tampering needs, and quick to run."""
    first = next(i for i, c in enumerate(nb.cells) if is_exercise_cell(c))
    nb.cells = [nb.cells[0]] + nb.cells[first - 1:]
    return nb


def _write(folder: Path, nb, name: str = PATH.name):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(results by student, the summary, the class folder, the fields the tamperings used)."""
    root = tmp_path_factory.mktemp("class")
    klass = root / "class"
    blank = student_notebook(_released(), PATH.name)
    short = _exercises_only(student_notebook(_released(), PATH.name))
    wrong = grade_demo.answered(short, PATH.name, ENTRIES, {eid: "wrong" for eid in ENTRIES})
    _write(klass / "老师 的版本", instructor_notebook(_released(), PATH.name, ENTRIES))   # CJK and a space
    _write(klass / "blank", blank)
    _write(klass / "wrong answers", wrong)
    fields = {"key_file": str(key_folder() / f"n{LESSON}.json"),
              "outside": [str(ESCAPE), str(klass / "blank" / "escaped.txt"), str(Path.home() / f"escaped-{TOKEN}"),
                          str(Path(grade_demo.__file__).parent / f"escaped-{TOKEN}.py")],
              "victim": str(klass / "blank"), "sleep_seconds": SLEEP}
    for name, tamper in grade_demo.TAMPERING.items():
        _write(klass / f"t_{name}", grade_demo.tampered(wrong, LESSON, tamper, fields))
    # bad input
    (klass / "not json").mkdir()
    (klass / "not json" / PATH.name).write_text("{ this is not a notebook", encoding="utf-8")
    other = notebook_paths(["01"])[0]
    _write(klass / "other lesson", student_notebook(nbformat.read(other, as_version=4), other.name), PATH.name)
    _write(klass / "duplicate", short)
    _write(klass / "duplicate", short, "11_copy.ipynb")
    stripped = json.loads(nbformat.writes(short))
    stripped["metadata"] = {}
    (klass / "stripped").mkdir()
    (klass / "stripped" / PATH.name).write_text(json.dumps(stripped), encoding="utf-8")
    (klass / "empty").mkdir()
    results, summary = grade(klass, jobs=2, limits=Limits(seconds=45), lessons=[LESSON], progress=False)
    by_student = {r.student: r for r in results if r.lesson == LESSON}
    return by_student, summary, klass, fields


def _counts(result):
    values = list(result.results.values())
    return {s: values.count(s) for s in ("correct", "wrong", "unanswered", "error")}


# --------------------------------------------------------------------------- honest students keep their verdicts

def test_honest_submissions_keep_exactly_their_verdicts(graded):
    by, _, _, _ = graded
    assert set(by["老师 的版本"].results.values()) == {"correct"}, by["老师 的版本"].messages
    assert set(by["blank"].results.values()) == {"unanswered"}, by["blank"].messages
    assert set(by["wrong answers"].results.values()) == {"wrong"}, by["wrong answers"].messages
    assert len(by["blank"].results) == len(ENTRIES) == 5


# --------------------------------------------------------------------------- tampering earns nothing

CHEATS = [name for name in grade_demo.TAMPERING if name != "reference_import"]


def test_at_least_twelve_kinds_of_tampering():
    assert len(CHEATS) >= 12


@pytest.mark.parametrize("name", CHEATS)
def test_tampering_earns_no_credit(graded, name):
    by, _, _, _ = graded
    result = by[f"t_{name}"]
    assert _counts(result)["correct"] == 0, (name, result.results, result.messages)
    assert len(result.results) == len(ENTRIES)


def test_importing_the_reference_module_is_allowed(graded):
    by, _, _, _ = graded
    result = by["t_reference_import"]
    coding = [eid for eid in ENTRIES if "solution" in ENTRIES[eid] and "answer" not in ENTRIES[eid]]
    assert coding and all(result.results[eid] == "correct" for eid in coding), result.messages
    assert all(result.results[eid] == "wrong" for eid in ENTRIES if eid not in coding)


def test_the_key_tampering_has_teeth():
    """Outside the grader's sandbox the same lines do read the answer: the test above proves the sandbox."""
    code = grade_demo.TAMPERING["key_from_disk"].code.format(
        key_file=str(key_folder() / f"n{LESSON}.json"), lesson=LESSON, id=f"{LESSON}.1", var="answer_1")
    namespace: dict = {}
    exec(code, namespace)                                           # noqa: S102 - the test's own string
    assert namespace["answer_1"] == ENTRIES[f"{LESSON}.1"]["answer"]


def test_runaway_notebooks_are_cut_off_and_recorded(graded):
    by, summary, klass, _ = graded
    assert "超时" in by["t_infinite_loop"].problem
    assert "内存" in by["t_memory_20gb"].problem, by["t_memory_20gb"].problem
    assert by["t_memory_20gb"].peak_mib < 4096
    for name in ("os_exit", "kernel_killed"):
        assert "内核退出" in by[f"t_{name}"].problem, (name, by[f"t_{name}"].problem)
        assert set(by[f"t_{name}"].results.values()) == {"error"}
    rows = list(csv.DictReader((klass / "_grades" / "grades.csv").open(encoding="utf-8")))
    loop = [r for r in rows if r["student"] == "t_infinite_loop"]
    assert loop and "超时" in json.dumps(loop, ensure_ascii=False)


def test_no_process_outlives_its_notebook(graded):
    alive = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmd[:2] == [b"sleep", str(SLEEP).encode()]:
            alive.append(proc.name)
    assert not alive


@needs_namespaces
def test_writes_outside_the_submission_change_nothing(graded):
    by, _, klass, fields = graded
    for path in fields["outside"]:
        assert not Path(path).exists(), path
    assert (klass / "blank" / PATH.name).exists()                     # the victim's folder is intact
    assert set(by["blank"].results.values()) == {"unanswered"}


@needs_namespaces
def test_sandboxed_runs_say_so(graded):
    by, summary, _, _ = graded
    assert {r.isolation for r in by.values() if r.notebook and not r.problem} == {"namespaces"}
    assert "只有资源限制" not in summary


# --------------------------------------------------------------------------- bad input becomes a note

def test_bad_input_is_noted_and_grading_goes_on(graded):
    by, _, _, _ = graded
    assert "不是 JSON" in by["not json"].problem and set(by["not json"].results.values()) == {"error"}
    assert any(f"{PATH.name} 的内容是第 01 课" in n for n in by["other lesson"].notes), by["other lesson"].notes
    assert any("交了 2 本" in n for n in by["duplicate"].notes)
    assert any("元数据被删掉" in n for n in by["stripped"].notes)
    assert set(by["stripped"].results.values()) == {"unanswered"}     # still run, as a Python 3 notebook
    assert any("没有找到笔记本" in n for n in by["empty"].notes)


# --------------------------------------------------------------------------- what the instructor receives

def test_feedback_and_report(graded):
    by, _, klass, _ = graded
    out = klass / "_grades"
    feedback = sorted(p.stem for p in (out / "feedback").glob("*.md"))
    assert feedback == sorted(by)
    text = (out / "feedback" / "wrong answers.md").read_text(encoding="utf-8")
    assert all(eid in text for eid in ENTRIES) and "❌" in text and "错误" in text
    html = (out / "report.html").read_text(encoding="utf-8")
    assert all(eid in html for eid in ENTRIES)
    assert (out / "report.png").stat().st_size > 10_000


def test_a_second_run_skips_unchanged_submissions(graded, capfd):
    by, _, klass, _ = graded
    results, summary = grade(klass, jobs=2, limits=Limits(seconds=45), lessons=[LESSON], progress=True)
    assert all(r.cached for r in results if r.notebook and r.lesson == LESSON)
    assert "运行 0 本" in summary
    assert "评分：学生" in capfd.readouterr().err                      # the progress bar
    assert {r.student: r.results for r in results} == {s: r.results for s, r in by.items()}


def test_a_changed_submission_and_force_are_graded_again(tmp_path):
    short = _exercises_only(student_notebook(_released(), PATH.name))
    _write(tmp_path / "a", short)
    first, _ = grade(tmp_path, lessons=[LESSON], progress=False)
    again, _ = grade(tmp_path, lessons=[LESSON], progress=False)
    assert not first[0].cached and again[0].cached
    short.cells.append(nbformat.v4.new_markdown_cell("改动"))
    _write(tmp_path / "a", short)
    changed, _ = grade(tmp_path, lessons=[LESSON], progress=False)
    forced, _ = grade(tmp_path, lessons=[LESSON], progress=False, force=True)
    assert not changed[0].cached and not forced[0].cached


# --------------------------------------------------------------------------- the student edition holds no answer

def _forms(value) -> tuple[set[bytes], set[bytes]]:
    """(plain, encoded): the answer as text, JSON and repr, and each of those in base64 and hex."""
    plain = {str(value), json.dumps(value, ensure_ascii=False), repr(value)}
    if isinstance(value, list):
        plain |= {repr(tuple(value)), ", ".join(map(str, value))}
    raw = {p.encode("utf-8") for p in plain}
    encoded = set()
    for r in raw:
        encoded |= {base64.b64encode(r), base64.b64encode(r).rstrip(b"="), r.hex().encode()}
    return raw, {e for e in encoded if len(e) >= 8}


def _distinctive(value) -> bool:
    """An answer whose text could hardly turn up by chance: a number with 4+ significant digits, a string of 8+
    characters (coincidences in the course's own code are listed in ``COINCIDENCES``)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return len(str(abs(value)).replace(".", "").strip("0")) >= 4
    if isinstance(value, str):
        return len(value) >= 8
    if isinstance(value, list):
        return any(_distinctive(v) for v in value)
    return False


# An answer that is also an unrelated number in the course's code (checked by hand: no hint of the exercise).
COINCIDENCES = {
    ("27.3", "convcourse/nets/inception.py"): "Inception-ResNet-v2's last 1x1 conv has 1536 channels",
    ("27.3", "convcourse/nets/xception.py"): "Xception's exit flow has a 1536-channel separable conv",
}


def _found(needle: bytes, blob: bytes, plain: bool) -> bool:
    """``needle`` in ``blob``; a plain answer only as a whole token (not inside a longer number or a hex digest)."""
    if not plain:
        return needle in blob
    return re.search(rb"(?<![0-9A-Za-z_.])" + re.escape(needle) + rb"(?![0-9A-Za-z_])", blob) is not None


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("students")
    export_students(out)
    blobs = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return out, blobs


def test_the_student_edition_holds_no_answer(edition):
    """Every answer, in every encoding, is absent from the package and from its own lesson's notebook."""
    out, blobs = edition
    assert not (out / "instructor").exists()
    key = load()
    leaks = []
    for eid, entry in key.items():
        needles = []                                                 # (bytes, plain?)
        if "answer" in entry:
            plain, encoded = _forms(entry["answer"])
            needles += [(n, True) for n in plain if _distinctive(entry["answer"])] + [(n, False) for n in encoded]
        for text in (entry.get("explain", ""), entry.get("solution", {}).get("text", "")):
            if len(text) >= 12:
                needles += [(text.encode("utf-8"), False), (base64.b64encode(text.encode("utf-8")), False)]
        code = entry.get("solution", {}).get("code", "")
        if "def forward" in code:
            needles.append((code.split("def forward", 1)[1].encode("utf-8"), False))
        for path, blob in blobs.items():
            if path.suffix == ".ipynb" and not path.name.startswith(eid[:2]):
                continue                     # another lesson may print the same shape or count for its own reasons
            where = path.relative_to(out).as_posix()
            if (eid, where) in COINCIDENCES:
                continue
            leaks += [(eid, where, n[:40]) for n, plain in needles if _found(n, blob, plain)]
    assert not leaks, leaks[:20]


def test_the_package_folder_holds_no_key():
    package = Path(grade_demo.__file__).parent
    names = {p.name for p in package.rglob("*")}
    assert not any(n.startswith("key") and n.endswith(".json") for n in names)
    for path in (package / "exercises").glob("n*.json"):
        for eid, entry in json.loads(path.read_text(encoding="utf-8")).items():
            assert not {"answer", "explain", "solution"} & set(entry), (path.name, eid)
            assert set(entry.get("seal", {})) <= {"form", "salt", "accept", "explain", "elements"}, (path.name, eid)


def test_the_memory_limit_measures_a_kernel_and_what_it_starts(tmp_path):
    """The grader's memory figure (PSS of the kernel's whole process tree) sees a grandchild's pages."""
    import subprocess
    import sys
    import time

    from convcourse import submission
    from convcourse._proc import process_tree

    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")
    ready = tmp_path / "ready"
    worker = tmp_path / "worker.py"
    worker.write_text(f"import time\nb = bytearray(100 * 2**20)\nopen({str(ready)!r}, 'w').close()\ntime.sleep(30)\n")
    code = f"import subprocess, sys\nsubprocess.run([sys.executable, {str(worker)!r}])\n"
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(300):
            if ready.exists():
                break
            time.sleep(0.05)
        tree = process_tree(parent.pid)
        assert tree[parent.pid] == 0 and sorted(tree.values()) == [0, 1], tree
        assert submission._pss_mib(tree) >= 100                 # the grandchild's 100 MiB buffer is counted
    finally:
        for pid in process_tree(parent.pid):
            os.kill(pid, 9)
        parent.wait()
