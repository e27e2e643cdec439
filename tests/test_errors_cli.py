"""The command line turns file-system and input errors into one line on stderr and exit code 2."""
import subprocess
import sys
from pathlib import Path

import pytest

from convcourse.__main__ import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def not_a_notebook(tmp_path):
    p = tmp_path / "broken.ipynb"
    p.write_text("not json")
    return p


def _run(argv, capsys):
    code = main(argv)
    err = capsys.readouterr().err
    return code, err


def test_run_one_digit_is_ambiguous(capsys):
    code, err = _run(["run", "1"], capsys)
    assert code == 2 and err.count("\n") == 1
    assert "ambiguous" in err and "10–19" in err


@pytest.mark.parametrize("command", ["run", "export", "site"])
def test_not_json_or_a_folder_is_one_line(command, not_a_notebook, tmp_path, capsys):
    extra = ["--students", "--out", str(tmp_path / "out")] if command == "export" else (
        ["--out", str(tmp_path / "site")] if command == "site" else [])
    for target in (not_a_notebook, tmp_path):
        code, err = _run([command, *extra, str(target)], capsys)
        assert code == 2, (command, target, err)
        assert err.startswith("error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err


@pytest.mark.parametrize("command", ["export", "site"])
def test_unwritable_out_is_one_line(command, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should go")
    extra = ["--students"] if command == "export" else []
    code, err = _run([command, *extra, "--out", str(blocker / "sub"), "03"], capsys)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err


def test_bench_only_without_names(capsys):
    code, err = _run(["bench", "--only"], capsys)
    assert code == 2 and "--only needs at least one name" in err


def test_cli_process_exit_code():
    r = subprocess.run([sys.executable, "-m", "convcourse", "run", "2"], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("error: notebook '2' is ambiguous") and not r.stdout
