"""Every stored notebook is clean: the way a student meets it before running anything."""
import json
import re
from pathlib import Path

import nbformat
import pytest

from convcourse.syllabus import LESSONS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PRIVATE = re.compile(r"(/home/|/root/|/Users/|/tmp/|/work/|C:\\\\Users|site-packages|\.venv)")


def test_notebooks_match_the_syllabus():
    assert [p.name for p in NOTEBOOKS] == sorted(l.notebook for l in LESSONS)
    assert [l.notebook for l in LESSONS] == sorted(l.notebook for l in LESSONS), "syllabus order = file order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean(path):
    assert path.stat().st_size < 2_000_000, "notebook over 2 MB"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata, "saved widget state bloats notebooks and changes every run"
    assert PRIVATE.search(json.dumps(nb.metadata)) is None

    title = nb.cells[0]
    assert title.cell_type == "markdown" and title.source.startswith(f"# {path.name[:2]} "), "title '# NN ...'"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run top to bottom in one go"
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", f"error output in cell {cell.id}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"stderr (a warning?) in cell {cell.id}"
            text = json.dumps({k: v for k, v in out.items() if k != "data"}) + json.dumps(
                {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")})
            assert PRIVATE.search(text) is None, f"private path in the output of cell {cell.id}"
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for heading in ("要点", "小结", "练习"):
        assert heading in markdown, f"missing section {heading}"
    assert "convcourse.setup()" in code
    assert "check(" in code, "exercises are checked by convcourse.check"
