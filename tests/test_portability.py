"""Stored outputs pass on any CPU: the ※ rule is used sparingly, always with an assert, and the tools work."""
from pathlib import Path

import nbformat
import pytest

from convcourse import portability
from convcourse.portability import MARKER, MAX_MARKED_LINES, marked_lines, sanitize, sanitize_rules

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_cpu_dependent_lines_are_few_and_asserted(path):
    nb = nbformat.read(path, as_version=4)
    marked = marked_lines(nb)
    assert len(marked) <= MAX_MARKED_LINES, (
        f"{len(marked)} lines carry {MARKER} (at most {MAX_MARKED_LINES}): make the demo well-conditioned instead")
    for i, line in marked:
        assert "assert" in nb.cells[i].source, f"cell {i} prints a CPU-dependent number without asserting its claim: {line}"
        assert line.index(MARKER) > 0, f"cell {i}: say what the number is before {MARKER}: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ignored_outputs_are_only_widgets(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert "NBVAL_SKIP" not in cell.source, f"cell {i}: a skipped cell tests nothing"
        if "NBVAL_IGNORE_OUTPUT" in cell.source:
            assert "panel(" in cell.source or "interact(" in cell.source, (
                f"cell {i}: NBVAL_IGNORE_OUTPUT is for widget cells only; mark CPU-dependent numbers with {MARKER}")


def test_sanitize_file_hides_marked_numbers_and_nothing_else():
    rules = sanitize_rules()
    assert sanitize("plain-56 第 1 层梯度范数 ※ 774", rules) == sanitize("plain-56 第 1 层梯度范数 ※ 793", rules)
    assert sanitize("plain-56 ※ 774\nresnet-56 0.5", rules) != sanitize("plain-56 ※ 774\nresnet-56 0.6", rules)
    # timings after ⏱ only
    assert sanitize("SE ⏱ 0.45 ms", rules) == sanitize("SE ⏱ 0.52 ms", rules)
    assert sanitize("MAC ratio 8.4 ⏱ 1 ms", rules) != sanitize("MAC ratio 8.5 ⏱ 1 ms", rules)
    # addresses are hidden, figure sizes are not
    assert sanitize("<object at 0x7f3a2c1b9d30>", rules) == sanitize("<object at 0x7f00deadbeef>", rules)
    assert sanitize("<Figure size 800x230 with 1 Axes>", rules) != sanitize("<Figure size 800x240 with 1 Axes>", rules)


def test_caps_and_cpu_description():
    assert set(portability.CAPS) == {"sse41", "avx2", "avx512"}
    assert portability.cap_env("sse41")["ATEN_CPU_CAPABILITY"] == "default"
    with pytest.raises(ValueError, match="cpu='neon' must be one of"):
        portability.cap_env("neon")
    assert portability.cpu_description().startswith("torch CPU kernels: ")


def test_differing_cells_finds_an_output_that_depends_on_the_cap(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nprint(os.environ.get('ATEN_CPU_CAPABILITY'))"),
                nbformat.v4.new_code_cell("print('same everywhere')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    from convcourse.notebooks import run_single_threaded

    run_single_threaded(nb, tmp_path)
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    diffs = portability.differing_cells(path, "sse41")
    assert [i for i, _, _ in diffs] == [0]
    assert diffs[0][2].strip() == "default"
