"""Instructor kit: student export, offline site, slides, benchmarks (``python -m convcourse export/site/bench``)."""
from __future__ import annotations

import re
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from torch import nn

from convcourse.__main__ import main
from convcourse.export import PLACEHOLDER, ExportError, strip_source, student_notebook
from convcourse.notebooks import notebook_paths
from convcourse.site import external_loads, index_html

VERDICT = re.compile(r"✅ 练习")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
COURSE = notebook_paths()
needs_course = pytest.mark.skipif(not COURSE, reason="no course notebooks yet")
# a 1x1 PNG
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFAAIBpfDB8gAAAABJRU5ErkJggg=="


def lesson_notebook() -> nbformat.NotebookNode:
    """A small notebook shaped like a lesson: Chinese, TeX, a figure, an exercise, a solution cell."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [
        new_markdown_cell("# 17 SENet：挤压与激励\n\n公式 $s = \\sigma(W_2 \\delta(W_1 z))$，见 [下一课](18_cbam.ipynb)。"),
        new_code_cell("print('通道注意力')", execution_count=1,
                      outputs=[new_output("stream", name="stdout", text="通道注意力\n")]),
        new_code_cell("plt.show()", execution_count=2,
                      outputs=[new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]),
        new_markdown_cell("## 练习"),
        new_code_cell('from convcourse.check import check\nanswer_1 = 18432  # SOLUTION\ncheck("17.1", answer_1)',
                      execution_count=3, outputs=[new_output("stream", name="stdout", text="✅ 练习 17.1：正确！\n")]),
        new_code_cell("c_in, c_out = 64, 128  # SOLUTION\ncheck(\"17.2\", (c_in, c_out))", execution_count=4,
                      outputs=[new_output("stream", name="stdout", text="✅ 练习 17.2：正确！\n")]),
        new_code_cell("def worked_solution():\n    return 18432", metadata={"tags": ["solution"]}),
    ]
    nbformat.validate(nb)
    return nb


# --- export --students ---------------------------------------------------------------------------

def test_student_notebook_strips_answers_and_verdicts():
    nb = lesson_notebook()
    out = student_notebook(nb)
    nbformat.validate(out)
    sources = [c.source for c in out.cells]
    assert not any("# SOLUTION" in s for s in sources)
    assert "answer_1 = None  " + PLACEHOLDER in sources[4]
    assert "c_in, c_out = None, None  " + PLACEHOLDER in sources[5]
    assert not any("worked_solution" in s for s in sources)              # the 'solution' cell is dropped
    assert out.cells[4].outputs == [] and out.cells[4].execution_count is None
    assert out.cells[1].outputs[0].text == "通道注意力\n"                    # other outputs are kept
    assert out.cells[2].outputs[0].data["image/png"] == PNG
    assert "# SOLUTION" in nb.cells[4].source                              # the original is untouched


def test_strip_source_keeps_indent_and_other_lines():
    src = "x = 1\nif True:\n    answer_3 = 2 ** 10  # SOLUTION\ny = 2"
    new, changed = strip_source(src)
    assert changed and new == f"x = 1\nif True:\n    answer_3 = None  {PLACEHOLDER}\ny = 2"
    assert strip_source("x = 1  # not a solution")[1] is False


@pytest.mark.parametrize("line", ["print(18432)  # SOLUTION", "answer = (1 +  # SOLUTION"])
def test_strip_source_rejects_non_assignment_solutions(line):
    with pytest.raises(ExportError, match="SOLUTION"):
        strip_source(line)


def test_export_cli_requires_students_flag(capsys, tmp_path):
    assert main(["export", "--out", str(tmp_path)]) == 2
    assert "--students" in capsys.readouterr().err


def test_export_cli_unknown_notebook(capsys, tmp_path):
    assert main(["export", "--students", "--out", str(tmp_path), "99_nope"]) == 2
    assert "not found" in capsys.readouterr().err


@needs_course
def test_export_students_whole_course(tmp_path, capsys):
    out = tmp_path / "students"
    assert main(["export", "--students", "--out", str(out)]) == 0
    written = sorted((out / "notebooks").glob("*.ipynb"))
    assert [p.name for p in written] == [p.name for p in COURSE]
    for p in written:
        nb = nbformat.read(p, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            assert "# SOLUTION" not in cell.source, p.name
            assert "solution" not in cell.metadata.get("tags", []), p.name
            for o in cell.get("outputs", []):
                assert not VERDICT.search(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))), p.name


# --- site ----------------------------------------------------------------------------------------

def test_site_on_a_lesson(tmp_path, no_network, capsys):
    src = tmp_path / "nb"
    src.mkdir()
    nbformat.write(lesson_notebook(), src / "17_se.ipynb")
    out = tmp_path / "site"
    assert main(["site", "--out", str(out), str(src / "17_se.ipynb")]) == 0
    page = (out / "17_se.html").read_text(encoding="utf-8")
    assert "通道注意力" in page and "挤压与激励" in page
    assert '<meta charset="utf-8"' in page
    assert 'href="index.html"' in page and 'href="18_cbam.html"' in page      # nav + rewritten link
    assert "data:image/png;base64," in page                                   # images embedded
    assert '<script type="math/tex">s = \\sigma' in page                      # TeX for the local MathJax
    assert external_loads(page) == []
    assert re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', page) == ["mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"]
    assert (out / "mathjax" / "MathJax.js").exists()
    assert (out / "fonts" / "NotoSansCJKsc-Course-Regular.otf").exists() and (out / "fonts" / "OFL.txt").exists()
    assert 'url("fonts/NotoSansCJKsc-Course-Regular.otf")' in page


def test_external_loads_detects_cdn_tags():
    assert external_loads('<script src="https://cdn.example/require.js"></script>')
    assert external_loads("<link rel='stylesheet' href='//fonts.example/x.css'>")
    assert external_loads("<style>@import url(https://fonts.example/x.css);</style>")
    assert not external_loads('<a href="https://arxiv.org/abs/1709.01507">paper</a>')


def test_index_lists_every_week_and_marks_missing():
    from convcourse.syllabus import LESSONS, WEEKS

    page = index_html({LESSONS[0].notebook})
    for week in WEEKS:
        assert f"第 {week} 周" in page
    assert f'href="{LESSONS[0].notebook[:-6]}.html"' in page
    assert "尚未完成" in page


def test_site_cli_refuses_notebooks_folder(capsys):
    from convcourse.notebooks import NOTEBOOK_DIR

    assert main(["site", "--out", str(NOTEBOOK_DIR)]) == 2
    assert "notebooks folder" in capsys.readouterr().err


@needs_course
def test_site_whole_course_offline(tmp_path, no_network, capsys):
    out = tmp_path / "site"
    assert main(["site", "--out", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for p in COURSE:
        page = (out / (p.stem + ".html")).read_text(encoding="utf-8")
        assert f'href="{p.stem}.html"' in index, p.name
        assert CHINESE.search(page), p.name
        assert external_loads(page) == [], p.name
        assert 'href="index.html"' in page


# --- slides (nbconvert reveal.js) ----------------------------------------------------------------

@pytest.mark.parametrize("which", [0, -1])
def test_slides_build_offline(tmp_path, no_network, which):
    from nbconvert import SlidesExporter

    from convcourse.notebooks import normalise

    nb = nbformat.read(COURSE[which], as_version=4) if COURSE else lesson_notebook()
    normalise(nb)                      # what `convcourse run` stores: headings start slides
    assert any(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
    body, _ = SlidesExporter(reveal_url_prefix="reveal.js").from_notebook_node(nb)
    assert body.count("<section") >= 2
    assert "reveal.js/dist/reveal.js" in body                 # a local copy is used when one is served
    assert CHINESE.search(body)


# --- bench ---------------------------------------------------------------------------------------

def test_bench_models_tiny_and_missing():
    from convcourse.bench import Pair, bench_models, models_table

    pairs = [Pair("conv", lambda: nn.Conv2d(4, 8, 3), lambda: nn.Conv2d(4, 8, 3, bias=False), (1, 4, 8, 8)),
             Pair("later", "convcourse.nets.not_written_yet:net", "torchvision.models:resnet18")]
    rows = bench_models(pairs, repeats=2, warmup=1)
    assert rows[0]["status"] == "ok"
    assert (rows[0]["params_ours"], rows[0]["params_theirs"]) == (296, 288)
    assert rows[0]["ratio"] > 0
    assert rows[1]["status"].startswith("missing")
    table = models_table(rows)
    assert "| conv | 296 | 288 | ✗ |" in table and "| later | missing" in table


def test_bench_pairs_resolve_and_have_equal_params():
    """Every pair the benchmark lists exists (a renamed or removed builder fails here) and has the same
    parameter count as torchvision (meta device)."""
    from convcourse.bench import PAIRS, _SPECIAL_ARGS, resolve
    from convcourse.measure import meta_count_params

    assert len(PAIRS) >= 7
    for p in PAIRS:
        ours, theirs = resolve(p.ours), resolve(p.theirs)
        a_args, a_kw = _SPECIAL_ARGS.get(p.ours, ((), {}))
        b_args, b_kw = _SPECIAL_ARGS.get(p.theirs, ((), {"weights": None}))
        assert meta_count_params(ours, *a_args, **a_kw) == meta_count_params(theirs, *b_args, **b_kw), p.name


def test_run_notebook_reports_time_and_peak_memory(tmp_path):
    from convcourse.bench import bench_notebooks, notebooks_table

    nb = new_notebook()
    nb.cells = [new_code_cell("x = bytearray(50 * 2**20)\nprint('你好')")]
    nbformat.write(nb, tmp_path / "90_tiny.ipynb")
    rows = bench_notebooks([str(tmp_path / "90_tiny.ipynb")], timeout=120)
    assert rows[0]["status"] == "ok" and rows[0]["seconds"] > 0
    assert rows[0]["peak_mib"] >= 50                                  # the 50 MiB buffer is seen
    assert nbformat.read(tmp_path / "90_tiny.ipynb", as_version=4).cells[0].outputs == []   # original untouched
    assert "| 90_tiny.ipynb |" in notebooks_table(rows) and "total (1/1 ran)" in notebooks_table(rows)


def test_run_notebook_counts_the_private_memory_of_workers_the_kernel_forks(tmp_path):
    """Notebook 29 forks training workers: the table must show what kernel + workers need together."""
    from convcourse.bench import bench_notebooks, notebooks_table

    if not sys.platform.startswith("linux"):
        pytest.skip("TreeMemory reads /proc")
    nb = new_notebook()
    nb.cells = [new_code_cell("import os, time\n"
                              "pid = os.fork()\n"
                              "if pid == 0:\n"
                              "    b = bytearray(120 * 2**20)          # the worker's own pages\n"
                              "    time.sleep(1.5)\n"
                              "    os._exit(0)\n"
                              "os.waitpid(pid, 0)\n"
                              "print('done')")]
    nbformat.write(nb, tmp_path / "91_fork.ipynb")
    rows = bench_notebooks([str(tmp_path / "91_fork.ipynb")], timeout=120)
    row = rows[0]
    assert row["status"] == "ok"
    assert 110 <= row["worker_private_mib"] < 400, row                # the 120 MiB buffer, not the shared pages
    assert row["tree_peak_mib"] >= row["worker_private_mib"] + 20, row  # plus the kernel's own resident pages
    table = notebooks_table(rows)
    assert f"| {row['worker_private_mib']:.0f} | {row['tree_peak_mib']:.0f} | ok |" in table
    assert f"max {row['tree_peak_mib']:.0f}" in table.splitlines()[-1]


def test_tree_memory_sees_nothing_without_grandchildren_and_refuses_a_bad_interval():
    import subprocess

    from convcourse.instruments import TreeMemory

    with TreeMemory(interval=0.05) as tree:
        subprocess.run([sys.executable, "-c", "import time; time.sleep(0.3)"], check=True)
    assert tree.peak_mib is None and tree.worker_private_mib is None     # a child alone is not a worker
    with pytest.raises(ValueError, match="interval"):
        TreeMemory(interval=0)


def test_bench_cli_prints_a_markdown_table(capsys):
    assert main(["bench", "--repeats", "1", "--only", "SEBlock vs ops.SqueezeExcitation"]) == 0
    out = capsys.readouterr().out
    assert "| model | params ours |" in out and "| SEBlock vs ops.SqueezeExcitation | 8,464 | 8,464 | ✓ |" in out


@pytest.mark.parametrize("argv, message", [
    (["bench", "--repeats", "0"], "--repeats=0 must be an integer >= 1"),
    (["bench", "--only", "vgg99"], "not among"),
])
def test_bench_cli_bad_arguments(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bench_cli_non_integer_repeats(capsys):
    with pytest.raises(SystemExit) as e:
        main(["bench", "--repeats", "many"])
    assert e.value.code == 2 and "invalid int value" in capsys.readouterr().err


# --- module comparison (notebook 29) -------------------------------------------------------------

def test_activation_memory_counts_every_created_tensor():
    from convcourse.instruments import activation_memory

    conv = nn.Conv2d(4, 8, 3, padding=1)
    mem = activation_memory(conv, (1, 4, 8, 8))
    assert mem == {"peak": 8 * 8 * 8 * 4, "total": 8 * 8 * 8 * 4}          # one float32 (1, 8, 8, 8) output
    relu_chain = nn.Sequential(nn.Conv2d(4, 8, 1), nn.ReLU(), nn.Conv2d(8, 8, 1))
    mem = activation_memory(relu_chain, (1, 4, 8, 8))
    assert mem["total"] == 3 * 2048 and 2048 <= mem["peak"] <= 3 * 2048


def test_catalog_modules_keep_the_spatial_size():
    from convcourse.attention import ATTENTION_NAMES
    from convcourse.compare import CATALOG, available, cost_table, profile_modules

    assert {e.args(64)[0] for e in CATALOG if e.kind == "注意力"} == set(ATTENTION_NAMES)
    found, missing = available(channels=64)
    assert len(found) + len(missing) == len(CATALOG)
    small = {k: v for k, v in list(found.items())[:3]}
    rows = profile_modules(small, (1, 64, 12, 12), repeats=1, warmup=0)
    assert all(r["out_shape"][2:] == (12, 12) and r["params"] >= 0 and r["peak_mib"] > 0 for r in rows)
    table = cost_table(rows, baseline=rows[0]["name"])
    assert table.count("⏱") == len(rows) + 1 and "(1.00×)" in table


def test_catalog_build_lets_a_constructor_bug_through():
    """Only an absent module or class counts as missing; an error inside a constructor is a bug and propagates."""
    from convcourse.compare import Entry, available, build

    absent = Entry("不存在", "卷积块", "00", "convcourse.blocks.no_such_file:Block")
    wrong_attr = Entry("没有这个类", "卷积块", "00", "convcourse.blocks.fire:NoSuchBlock")
    found, missing = available((absent, wrong_attr))
    assert found == {} and missing == ["不存在", "没有这个类"]
    broken = Entry("坏的", "卷积块", "00", "convcourse.blocks.fire:Fire", args=lambda c: (c, 0, 1, 1))
    with pytest.raises(ValueError):
        build(broken)
    with pytest.raises(ValueError):
        available((broken,))


def test_one_resolver_for_registry_bench_and_catalogue():
    import convcourse.bench as bench
    import convcourse.compare as compare
    from convcourse.registry import Missing, resolve

    assert bench.resolve is resolve and compare.resolve is resolve
    assert resolve("convcourse.blocks.fire:Fire").__name__ == "Fire" and resolve(len) is len
    with pytest.raises(Missing, match="no_such_module not found"):
        resolve("convcourse.no_such_module:x")
    with pytest.raises(Missing, match="has no Nope"):
        resolve("convcourse.blocks.fire:Nope")
    with pytest.raises(ValueError, match="package.module:callable"):
        resolve("no colon")


def test_peak_rss_reports_this_process_and_its_children():
    import subprocess
    import sys

    from convcourse.instruments import peak_rss_mib

    subprocess.run([sys.executable, "-c", "b = bytearray(80 * 2**20)"], check=True)
    peak = peak_rss_mib()
    assert peak["self"] > 50                                   # this process has torch loaded
    assert peak["children"] >= 80                              # the child held 80 MiB
