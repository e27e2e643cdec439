"""Mutation testing of the core: ``python tests/mutate.py`` (slow: minutes; not part of the pytest run).

Plants each mutant of ``tests/mutants.py`` in a private copy of the **committed** tree (``git archive HEAD``;
``--worktree`` copies the working tree instead), runs the unit tests that mention the mutated code, and
reports which mutants no test killed. The working tree is never modified.

    python tests/mutate.py                      # every mutant, the tests of HEAD
    python tests/mutate.py --only se_no_sigmoid shuffle_view_swapped
    python tests/mutate.py --rev 540e25c        # the same mutants against an older commit (code and tests)
    python tests/mutate.py --list

Exit code 0 when every mutant is killed or listed in ``EQUIVALENT``, 1 otherwise.
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from mutants import EQUIVALENT, MUTANTS  # noqa: E402


def _git_tree(rev: str, dest: Path, paths: list[str]) -> None:
    data = subprocess.run(["git", "archive", rev, *paths], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def make_copy(dest: Path, worktree: bool, tests_from: str | None, rev: str = "HEAD") -> None:
    """convcourse/, conftest.py, pyproject.toml and tests/ of ``rev`` (or the working tree) in ``dest``."""
    paths = ["convcourse", "conftest.py", "pyproject.toml", "tests"]
    if worktree:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(ROOT / "convcourse", dest / "convcourse", ignore=ignore)
        shutil.copytree(ROOT / "tests", dest / "tests", ignore=ignore)
        for f in ("conftest.py", "pyproject.toml"):
            shutil.copy2(ROOT / f, dest / f)
    else:
        _git_tree(rev, dest, paths)
    if tests_from:
        shutil.rmtree(dest / "tests")
        _git_tree(tests_from, dest, ["tests"])


# the unit tests of the core, by file-name prefix (old and new names alike); the registry test (whole networks
# against their twins), the notebook-level and property-style files are slow to collect and kill no formula bug
UNIT_PREFIXES = ("test_measure", "test_attention", "test_blocks", "test_nets", "test_course_tools",
                 "test_instructor_kit", "test_exercises", "test_viz")


def select_tests(tests_dir: Path, words: tuple[str, ...]) -> list[str]:
    """Unit-test files of the core that mention one of ``words``."""
    out = []
    for p in sorted(tests_dir.glob("test_*.py")):
        if not p.name.startswith(UNIT_PREFIXES):
            continue
        text = p.read_text(encoding="utf-8")
        if any(w in text for w in words):
            out.append(f"tests/{p.name}")
    return out


def run_mutant(m, copy: Path, timeout: int) -> tuple[str, float, str]:
    """('killed' | 'survived' | 'stale' | 'no tests' | 'timeout', seconds, detail)."""
    path = copy / m.file
    if not path.exists():
        return "stale", 0.0, f"{m.file} does not exist"
    original = path.read_text(encoding="utf-8")
    if original.count(m.old) != 1:
        return "stale", 0.0, f"the code to mutate occurs {original.count(m.old)} times in {m.file}"
    files = select_tests(copy / "tests", m.select)
    if not files:
        return "no tests", 0.0, f"no test file mentions {m.select}"
    path.write_text(original.replace(m.old, m.new), encoding="utf-8")
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-o", "addopts=", "-p", "no:cacheprovider",
           "-W", "ignore::DeprecationWarning", *files]
    if m.k:
        cmd += ["-k", m.k]
    env = dict(os.environ, PYTHONPATH=str(copy), OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        status = {0: "survived", 5: "no tests"}.get(proc.returncode, "killed")
        lines = [l for l in proc.stdout.splitlines() if l.startswith("FAILED") or l.startswith("ERROR")]
        detail = lines[0] if lines else proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    except subprocess.TimeoutExpired:
        status, detail = "timeout", f"> {timeout} s"
    finally:
        path.write_text(original, encoding="utf-8")
    return status, time.perf_counter() - start, detail


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", help="mutant ids")
    ap.add_argument("--worktree", action="store_true", help="copy the working tree instead of HEAD")
    ap.add_argument("--rev", default="HEAD", help="the commit to copy (code and tests)")
    ap.add_argument("--tests-from", help="use the tests/ of this commit instead")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    by_id = {m.id: m for m in MUTANTS}
    mutants = [by_id[i] for i in args.only if i in by_id] if args.only else list(MUTANTS)   # in the order given
    if args.only and len(mutants) != len(args.only):
        unknown = set(args.only) - {m.id for m in MUTANTS}
        print(f"unknown mutant ids: {sorted(unknown)}", file=sys.stderr)
        return 2
    if args.list:
        for m in mutants:
            print(f"{m.id:40s} {m.file}{'  (notebook-caught before)' if m.notebook else ''}")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="convcourse-mutate-") as tmp:
        copy = Path(tmp)
        make_copy(copy, args.worktree, args.tests_from, args.rev)
        for i, m in enumerate(mutants, 1):
            status, seconds, detail = run_mutant(m, copy, args.timeout)
            results.append((m, status))
            print(f"[{i:2d}/{len(mutants)}] {status:8s} {seconds:6.1f} s  {m.id}  {detail[:110]}", flush=True)
    scored = [(m, s) for m, s in results if s in ("killed", "survived", "timeout", "no tests")]
    killed = [m for m, s in scored if s in ("killed", "timeout")]
    survivors = [m for m, s in scored if m not in killed]
    stale = [m for m, s in results if s == "stale"]
    print(f"\nmutation score: {len(killed)}/{len(scored)} killed ({100 * len(killed) / max(len(scored), 1):.0f} %)"
          + (f"; {len(stale)} stale (code changed): {[m.id for m in stale]}" if stale else ""))
    nb = [m for m, s in scored if m.notebook]
    print(f"notebook-caught bugs killed by the unit tests: {sum(m in killed for m in nb)}/{len(nb)}")
    unexplained = [m for m in survivors if m.id not in EQUIVALENT]
    for m in survivors:
        print(f"survivor {m.id}: {EQUIVALENT.get(m.id, 'NOT KILLED')}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
