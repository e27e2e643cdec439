"""The one execution path (convcourse.execution): a fresh kernel per notebook, gone when the notebook is done;
a soak that counts stalls and resumes from its log."""
from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from convcourse import execution


def _kernels_of(pid: int) -> list[int]:
    """Kernel processes whose parent is ``pid``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"ipykernel" in cmd:
            found.append(int(proc.name))
    return found


def _notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_execute_runs_the_cells_and_leaves_no_kernel(tmp_path):
    nb = _notebook("import os\nprint(os.environ['OMP_NUM_THREADS'], os.getcwd())", "x = 6 * 7\nx")
    outcome = execution.execute(nb, tmp_path, timeout=60, extra_env={"COURSE_FLAG": "1"})
    assert not outcome.retried and outcome.seconds > 0
    assert nb.cells[0].outputs[0]["text"].split() == ["1", str(tmp_path)]
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert "COURSE_FLAG" not in os.environ                     # the kernel's environment is its own
    assert _kernels_of(os.getpid()) == []                       # shut down, not left until this process exits


def test_a_failing_cell_raises_and_leaves_no_kernel(tmp_path):
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError):
        execution.execute(_notebook("1 / 0"), tmp_path, timeout=60)
    assert _kernels_of(os.getpid()) == []


def test_soak_logs_each_execution_and_resumes(tmp_path):
    path = tmp_path / "tiny.ipynb"
    nbformat.write(_notebook("print('hi')"), path)
    log = tmp_path / "soak.jsonl"
    log.write_text(json.dumps({"i": 0, "notebook": "tiny.ipynb", "seconds": 1.0, "retried": False,
                               "problem": ""}) + "\n", encoding="utf-8")
    summary = execution.soak(2, [path], log, timeout=60, progress=False)       # one done before: runs one more
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["i"] for r in rows] == [0, 1]
    assert summary["executions"] == 2 and summary["stalls_retried"] == 0 and summary["failed"] == 0
    assert execution.soak(2, [path], log, progress=False) == summary                 # nothing left to run


def test_soak_refuses_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="count"):
        execution.soak(0, [tmp_path / "x.ipynb"], tmp_path / "log")
    with pytest.raises(ValueError, match="paths"):
        execution.soak(1, [], tmp_path / "log")
