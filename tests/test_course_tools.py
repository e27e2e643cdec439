"""The course helpers: CLI, notebook runner, exercises, widgets, offline data, training loop, import cost."""
import importlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import torch

from convcourse import check as C
from convcourse.notebooks import normalise, notebook_paths, slide_type
from convcourse.syllabus import LESSONS, WEEKS, syllabus_markdown

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "convcourse", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_import_is_cheap_beyond_torch():
    code = ("import time, sys; import torch; t = time.perf_counter();"
            "import convcourse, convcourse.measure, convcourse.attention, convcourse.data, convcourse.train, convcourse.check;"
            "dt = time.perf_counter() - t;"
            "assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules and 'torchvision' not in sys.modules;"
            "print(dt)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) < 0.5


def test_syllabus_cli_prints_every_lesson_by_week():
    proc = run_cli("syllabus")
    assert proc.returncode == 0
    for lesson in LESSONS:
        assert lesson.notebook in proc.stdout
    assert all(f"第 {w} 周" in proc.stdout for w in WEEKS)
    assert syllabus_markdown() in proc.stdout
    assert {l.week for l in LESSONS} == set(WEEKS)


def test_readme_carries_the_syllabus():
    assert syllabus_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_doctor_passes_on_this_environment():
    proc = run_cli("doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Chinese font" in proc.stdout and "jupyterlab_widgets" in proc.stdout and "✘" not in proc.stdout


def test_run_executes_a_notebook_in_place(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 99 测试"), nbformat.v4.new_code_cell("import os\nprint(os.environ['OMP_NUM_THREADS'], 6 * 7)"),
                nbformat.v4.new_markdown_cell("### 小节"), nbformat.v4.new_code_cell("'完成'")]
    nb.metadata["kernelspec"] = {"name": "my-custom-env", "display_name": "x", "language": "python"}
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, path)
    proc = run_cli("run", str(path))
    assert proc.returncode == 0, proc.stderr
    out = nbformat.read(path, as_version=4)
    assert out.cells[1].outputs[0]["text"] == "1 42\n"
    assert out.cells[3].outputs[0]["data"]["text/plain"] == "'完成'"
    assert out.metadata["kernelspec"]["name"] == "python3"
    assert out.cells[0].metadata["slideshow"] == {"slide_type": "slide"}
    assert out.cells[2].metadata["slideshow"] == {"slide_type": "subslide"}
    assert [c.id for c in out.cells] == ["cell-00", "cell-01", "cell-02", "cell-03"]


def test_run_reports_unknown_notebook():
    proc = run_cli("run", "no_such_notebook")
    assert proc.returncode == 2 and "not found" in proc.stderr


def test_notebook_paths_resolve_numbers_and_names():
    assert notebook_paths(["00"])[0].name == "00_intro.ipynb"
    assert notebook_paths(["01_group_conv.ipynb"])[0].name == "01_group_conv.ipynb"
    with pytest.raises(ValueError, match="not found"):
        notebook_paths(["zz"])


def test_normalise_drops_widget_state_and_timings():
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"state": {}}
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata["execution"] = {"iopub.status.busy": "2026"}
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "interactive(...)", "application/vnd.jupyter.widget-view+json": {"model_id": "abc"}})]
    nb.cells = [cell]
    normalise(nb)
    assert "widgets" not in nb.metadata and "execution" not in cell.metadata
    assert list(cell.outputs[0]["data"]) == ["text/plain"]
    assert slide_type(nbformat.v4.new_markdown_cell("plain text")) is None


# check itself (right, wrong, unanswered, wrong type, unknown id, hint steps, coding tasks): tests/test_exercises.py


def test_every_exercise_registry_matches_its_notebook():
    """Each lesson's nNN.json loads; its ids belong to that lesson and every exercise has a hint."""
    files = sorted(Path(C.__file__).with_name("exercises").glob("n*.json"))
    assert len(files) == 30
    for path in files:
        registry = C.exercises(path.stem[1:])
        assert registry and all(k.startswith(path.stem[1:] + ".") for k in registry)
        assert all(ex.hint for ex in registry.values()), "every exercise has a hint"


def test_a_registry_file_names_only_known_fields_and_variants(tmp_path):
    """A typo in a registry file fails when the lesson loads, not when a student submits."""
    bad = tmp_path / "n97.json"
    bad.write_text('{"97.1": {"kind": "value", "var": "answer_1", "hint": ["h"]}}', encoding="utf-8")
    with pytest.raises(TypeError, match="hint"):
        C.read_registry(bad)
    bad.write_text('{"97.1": {"kind": "coding", "mistakes": [{"variant": "_nope", "message": "m"}]}}',
                   encoding="utf-8")
    with pytest.raises(AttributeError, match="_nope"):
        C.read_registry(bad, variants=importlib.import_module("convcourse.exercises.n22"))


def test_check_tolerance_at_its_boundary():
    """A number within an exercise's rel_tol is right, one just outside is wrong: 0.01 % off passes an
    exercise with rel_tol = 0.1 %, 1 % off fails it; exact exercises (rel_tol 1e-6) reject an off-by-one.
    The student edition checks against the seal, the grader against the key: both agree here."""
    from convcourse import key as K

    entries = K.load()
    numeric = {k: ex for k, ex in C.exercises().items()
               if isinstance(ex, C.Value) and isinstance(K.expected(entries[k]), (int, float))
               and not isinstance(K.expected(entries[k]), bool) and K.expected(entries[k]) != 0}
    loose = {k: ex for k, ex in numeric.items() if ex.rel_tol >= 1e-3}
    assert loose
    data = {"97.1": {"kind": "value", "var": "answer_1", "rel_tol": 1e-3, "hints": ["h"]}}
    K.seal_entries(data, {"97.1": {"answer": 123.456}})               # the 0.1 % boundary, whatever the lessons use
    per_mille = C.build_registry(data)["97.1"]
    assert per_mille.judge(123.456 * 1.0001)[0] is True and per_mille.judge(123.456 * 1.01)[0] is False
    for k, ex in loose.items():
        truth = K.expected(entries[k])
        for factor, right in ((1 + ex.rel_tol / 2, True), (1 - ex.rel_tol / 2, True), (1 + 2 * ex.rel_tol, False)):
            assert C.verdict(k, truth * factor)[0] is right, (k, factor)
            assert K.judge_value(k, ex, entries[k], {"value": truth * factor})[0] == ("correct" if right else "wrong")
    exact = [k for k, ex in numeric.items() if ex.rel_tol == 1e-6 and isinstance(K.expected(entries[k]), int)
             and abs(K.expected(entries[k])) < 10 ** 5]
    assert exact
    for k in exact:
        assert C.verdict(k, K.expected(entries[k]) + 1)[0] is False, k


def test_guarded_turns_value_errors_into_messages(capsys):
    from convcourse.widgets import guarded

    def f(g):
        if g == 3:
            raise ValueError("groups=3 must divide in_channels=64")
        return g

    assert guarded(f)(2) == 2
    assert guarded(f)(3) is None
    assert "groups=3 must divide in_channels=64" in capsys.readouterr().out


def test_panel_builds_the_controls_and_calls_the_guarded_function(capsys):
    from convcourse.widgets import panel

    calls = []

    def show(C1=8, g=2):
        if C1 % g:
            raise ValueError(f"groups={g} must divide in_channels={C1}")
        calls.append((C1, g))

    w = panel(show, C1=(1, 64, 1), g=(1, 8, 1))
    controls = {c.description: c for c in w.widget.children if getattr(c, "description", "")}
    assert set(controls) == {"C1", "g"}
    assert (controls["C1"].min, controls["C1"].max, controls["C1"].step) == (1, 64, 1)
    assert (controls["g"].min, controls["g"].max) == (1, 8)
    assert calls == [(8, 2)]                                      # drawn once with the defaults
    controls["g"].value = 4
    assert calls[-1] == (8, 4)                                     # moving a slider calls the function
    controls["g"].value = 3                                        # 8 % 3: a message, not a traceback
    assert calls[-1] == (8, 4) and "groups=3 must divide in_channels=8" in capsys.readouterr().out


def test_shapes_dataset_is_deterministic_with_boxes():
    from convcourse.data import make_shapes, split

    a, b = make_shapes(50, seed=3), make_shapes(50, seed=3)
    assert torch.equal(a.images, b.images) and torch.equal(a.labels, b.labels)
    assert a.images.shape == (50, 3, 48, 48) and 0 <= a.images.min() and a.images.max() <= 1
    top, left, bottom, right = a.boxes.T
    assert (top < bottom).all() and (left < right).all() and (bottom <= 48).all() and (right <= 48).all()
    train, test = split(a, 0.8)
    assert len(train) == 40 and len(test) == 10


def test_segmentation_dataset():
    from convcourse.data import make_segmentation

    d = make_segmentation(4, size=32)
    assert d.images.shape == (4, 1, 32, 32) and d.masks.shape == (4, 32, 32)
    assert set(d.masks.unique().tolist()) <= {0, 1} and d.masks.sum() > 0


def test_fit_learns_the_shapes_task():
    from convcourse.data import make_shapes, split
    from convcourse.nets.tiny import TinyNet
    from convcourse.train import fit

    train, test = split(make_shapes(400, size=32, seed=1))
    hist = fit(TinyNet(widths=(8, 16, 16)), train, test, epochs=3, verbose=False)
    assert len(hist.loss) == 3 and hist.loss[-1] < hist.loss[0]


def test_tiny_net_with_attention_exposes_its_modules():
    from convcourse.nets.tiny import TinyNet

    net = TinyNet(attention="se", attention_kw={"reduction": 4})
    assert net(torch.zeros(2, 3, 48, 48)).shape == (2, 4)
    assert len(net.stage_attention()) == 3


@pytest.mark.parametrize("call,message", [
    (lambda: __import__("convcourse.data").data.make_shapes(0), "n=0"),
    (lambda: __import__("convcourse.data").data.make_shapes(10, size=8), "size=8"),
    (lambda: __import__("convcourse.data").data.split([1, 2], 1.5), "fraction=1.5"),
    (lambda: __import__("convcourse.train").train.fit(torch.nn.Linear(2, 2), [], epochs=0), "epochs=0"),
    (lambda: __import__("convcourse.nets.tiny").nets.tiny.TinyNet()(torch.zeros(1, 1, 8, 8)), "1 channels"),
    (lambda: __import__("convcourse.nets.tiny").nets.tiny.TinyNet()(torch.zeros(3, 8, 8)), "4 dims"),
    (lambda: __import__("convcourse.attention").attention.build_attention("nope", 8), "name='nope' must be one of"),
    (lambda: __import__("convcourse.attention").attention.build_attention("se", 0), "channels=0"),
])
def test_helpers_bad_inputs(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash\n")[1:]]
    open_cmd, test_cmd = blocks[0], blocks[1]
    assert "jupyter lab" in open_cmd and "pytest" in test_cmd
    assert test_cmd in ci.splitlines()


def test_requirements_are_exact_pins():
    lines = [l.split("#")[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = [l for l in lines if l and l != "-e ."]
    assert all("==" in l for l in pins), pins
    assert "torch==2.14.1" in pins and "torchvision==0.29.1" in pins
    for name in ("jupyterlab", "ipywidgets", "jupyterlab_widgets", "matplotlib", "nbval", "pytest"):
        assert any(p.startswith(name + "==") for p in pins), name


def test_make_shapes_does_not_depend_on_its_chunk_size(monkeypatch):
    """The geometry is computed in chunks to save memory; the images must not change with the chunk size."""
    from convcourse import data

    reference = data.make_shapes(70, size=32, seed=4)
    monkeypatch.setattr(data, "_CHUNK", 9)
    chunked = data.make_shapes(70, size=32, seed=4)
    assert torch.equal(reference.images, chunked.images)
    assert torch.equal(reference.labels, chunked.labels) and torch.equal(reference.boxes, chunked.boxes)
