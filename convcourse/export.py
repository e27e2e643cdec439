"""Student and instructor editions (``python -m convcourse export --students`` / ``--instructors``).

The course notebooks ship unanswered (``answer_2 = None``, skeleton classes whose ``forward`` raises
``NotImplementedError``). The instructor edition fills every exercise in with the reference solution from the
instructor's key (:mod:`convcourse.key`: values for ``answer_k``/``prediction_k``, the full class for coding tasks)
and clears the exercise cells' outputs, so running it shows every check passing.

The **student edition** is what students receive: a folder that installs and runs on its own --
``notebooks/`` (answers removed), ``assets/``, the ``convcourse`` package (it holds sealed answers only, see
:mod:`convcourse.seal`), ``pyproject.toml``, ``requirements.txt`` and the README. The key folder, the tests and the
course's tooling for authors are not in it.

The notebooks are written with the answers in them, so instructors can run and test them. The student
edition removes the answers and keeps everything else:

* a code line ``answer_2 = 18432  # SOLUTION`` becomes ``answer_2 = None  # 在这里填入你的答案``
  (``check`` treats ``None`` as "not answered yet");
* cells tagged ``solution`` (cell metadata ``tags``) are dropped: worked solutions longer than one line;
* the outputs of exercise cells (they would show the ✅ verdict) are cleared;
* every other cell keeps its stored outputs, so students see figures and tables without running first.

The folder layout of the repository is kept (``OUT/notebooks/*.ipynb`` and ``OUT/assets/``), so
relative links such as ``../assets/figure.svg`` keep working.
"""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from .notebooks import NOTEBOOK_DIR, ROOT, notebook_paths
from ._checks import checked

PLACEHOLDER = "# 在这里填入你的答案"
SOLUTION_TAG = "solution"
# a solution line: anything that ends with the marker comment "# SOLUTION"
_SOLUTION_LINE = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*#\s*SOLUTION\s*$")
# an exercise check call: check("01.2", answer_2)
_CHECK_CALL = re.compile(r"""\bcheck\(\s*["']\d\d\.\d+["']""")
# a verdict printed by convcourse.check.verdict
_VERDICT = re.compile(r"[✅❌⏳] 练习 \d\d\.\d+")


class ExportError(ValueError):
    """A notebook cannot be turned into a student edition (e.g. a solution line that is not an assignment)."""


def _blank_line(indent: str, code: str, where: str) -> str:
    """``name = expr`` -> ``name = None  # 在这里填入你的答案`` (tuples: ``a, b = None, None``)."""
    try:
        tree = ast.parse(code.strip())
    except SyntaxError:
        raise ExportError(f"{where}: the line {code.strip()!r} marked '# SOLUTION' is not a complete "
                          "statement; put multi-line solutions in a cell tagged 'solution'") from None
    stmt = tree.body[0] if len(tree.body) == 1 else None
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if stmt.value is None:                                   # "x: int  # SOLUTION"
            raise ExportError(f"{where}: the line {code.strip()!r} marked '# SOLUTION' assigns nothing")
        text = code.strip().encode()                             # col_offset counts UTF-8 bytes
        lhs = text[:stmt.value.col_offset].decode().rstrip().removesuffix("=").rstrip()
        return f"{indent}{lhs} = {_nones(targets[-1], code, where)}  {PLACEHOLDER}"
    raise ExportError(f"{where}: the line {code.strip()!r} marked '# SOLUTION' must be an assignment "
                      "such as 'answer_1 = 18432  # SOLUTION'")


def _nones(target, code: str, where: str) -> str:
    """``None`` shaped like an assignment target: ``a, (b, c)`` -> ``None, (None, None)``."""
    if isinstance(target, (ast.Tuple, ast.List)):
        parts = []
        for elt in target.elts:
            if isinstance(elt, ast.Starred):
                raise ExportError(f"{where}: the line {code.strip()!r} marked '# SOLUTION' unpacks into a starred "
                                  "name, which cannot be blanked; write one plain assignment per answer, "
                                  "such as 'answer_1 = 18432  # SOLUTION'")
            inner = _nones(elt, code, where)
            parts.append(f"({inner})" if isinstance(elt, (ast.Tuple, ast.List)) else inner)
        return ", ".join(parts) + ("," if len(parts) == 1 else "")
    return "None"


@checked
def strip_source(source: str, where: str = "cell") -> tuple[str, bool]:
    """Blank every ``# SOLUTION`` line of a code cell's source; returns (new source, changed?)."""
    lines, changed = [], False
    for line in source.split("\n"):
        m = _SOLUTION_LINE.match(line)
        if m:
            line, changed = _blank_line(m["indent"], m["code"], where), True
        lines.append(line)
    return "\n".join(lines), changed


def _output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(str(out.get("text", "")))
        for value in out.get("data", {}).values():
            parts.append(value if isinstance(value, str) else "".join(value) if isinstance(value, list) else "")
    return "".join(parts)


@checked
def is_exercise_cell(cell) -> bool:
    """A code cell that holds an answer or calls ``check("NN.k", ...)``, or shows a verdict."""
    return cell.cell_type == "code" and bool(
        _CHECK_CALL.search(cell.source) or any(_SOLUTION_LINE.match(l) for l in cell.source.split("\n"))
        or _VERDICT.search(_output_text(cell)))


@checked
def student_notebook(nb, name: str = "notebook"):
    """Return a student copy of ``nb`` (an nbformat v4 notebook); ``nb`` is left unchanged."""
    import copy

    import nbformat

    out = copy.deepcopy(nb)
    cells = []
    for i, cell in enumerate(out.cells):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            exercise = is_exercise_cell(cell)
            cell.source, _ = strip_source(cell.source, f"{name} cell {i}")
            if exercise:
                cell.outputs = []
                cell.execution_count = None
        cells.append(cell)
    out.cells = cells
    nbformat.validate(out)
    return out


EDITION_FILES = ("README.md", "pyproject.toml", "requirements.txt")
_NOT_SHIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


@checked
def export_students(out_dir: Path | str = "build/students", notebooks=None) -> list[Path]:
    """Write the student edition: ``notebooks`` (default: all) without answers in ``out_dir/notebooks/``, plus
    ``assets/``, the ``convcourse`` package and the files that install it. Returns the written notebook paths."""
    written = _export(out_dir, notebooks, student_notebook)
    out_dir = Path(out_dir)
    package = Path(__file__).resolve().parent
    shutil.copytree(package, out_dir / package.name, ignore=_NOT_SHIPPED, dirs_exist_ok=True)
    for name in EDITION_FILES:
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, out_dir / name)
    return written


def _export(out_dir, notebooks, transform) -> list[Path]:
    import nbformat

    out_dir = Path(out_dir)
    paths = notebook_paths(notebooks)
    if not paths:
        raise ExportError(f"no notebooks found in {NOTEBOOK_DIR}")
    if out_dir.resolve() in (ROOT.resolve(), NOTEBOOK_DIR.resolve()):
        raise ExportError(f"--out {out_dir} would overwrite the course itself; choose another folder")
    nb_dir = out_dir / "notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        target = nb_dir / p.name
        nbformat.write(transform(nb, p.name), target)
        written.append(target)
    assets = ROOT / "assets"
    if assets.is_dir():
        shutil.copytree(assets, out_dir / "assets", dirs_exist_ok=True)
    return written


_CHECK_ARGS = re.compile(r"""\bcheck\(\s*["'](?P<id>\d\d\.\d+)["']\s*,\s*(?P<name>[A-Za-z_]\w*)""")


def _filled_value(value) -> str:
    return repr(tuple(value)) if isinstance(value, list) else repr(value)


@checked
def fill_notebook(nb, name: str, entries: dict, answer_for, comment: str = "参考答案"):
    """Return a copy of ``nb`` with exercises answered: ``answer_for(eid, ex, entry)`` gives the Python source of
    a value (for ``var = None``), the code of a class (for a coding task), or ``None`` to leave it unanswered;
    ``comment`` ends each filled line."""
    import copy

    import nbformat

    from .check import exercises

    out = copy.deepcopy(nb)
    calls = [(m["id"], m["name"]) for c in out.cells if c.cell_type == "code" for m in _CHECK_ARGS.finditer(c.source)]
    known = {}
    for eid, _ in calls:
        try:
            known.update(exercises(eid[:2]))
        except ValueError:
            raise ExportError(f"{name}: check(\"{eid}\", ...) but notebook {eid[:2]} has no exercises") from None
    for eid, var in calls:
        if eid not in known:
            raise ExportError(f"{name}: check(\"{eid}\", ...) is not a registered exercise")
        ex = known[eid]
        if eid not in entries:
            raise ExportError(f"{name}: exercise {eid} has no entry in the key")
        filled = answer_for(eid, ex, entries[eid])
        if filled is None:
            continue
        done = False
        for cell in out.cells:
            if cell.cell_type != "code":
                continue
            if ex.kind == "coding":
                try:
                    tree = ast.parse(cell.source)
                except SyntaxError:
                    continue
                for node in tree.body:
                    if isinstance(node, ast.ClassDef) and node.name == var:
                        lines = cell.source.split("\n")
                        code = filled.rstrip("\n").split("\n")
                        cell.source = "\n".join(lines[:node.lineno - 1] + code + lines[node.end_lineno:])
                        done = True
                        break
            else:
                pattern = re.compile(rf"^(?P<indent>\s*){re.escape(var)}\s*=\s*None\b.*$", re.M)
                new, n = pattern.subn(lambda m: f"{m['indent']}{var} = {filled}  # {comment}",
                                      cell.source, count=1)
                if n:
                    cell.source, done = new, True
            if done:
                break
        if not done:
            raise ExportError(f"{name}: exercise {eid}: found no `{var} = None` (or `class {var}`) to fill in")
    for cell in out.cells:
        if is_exercise_cell(cell):
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(out)
    return out


@checked
def instructor_notebook(nb, name: str = "notebook", key=None):
    """Return a copy of ``nb`` with every exercise answered by the reference solution of the key (a dict of
    key entries, or the key folder: see :mod:`convcourse.key`)."""
    from .key import expected, load

    entries = key if isinstance(key, dict) else load(key)

    def reference(eid, ex, entry):
        return entry["solution"]["code"] if ex.kind == "coding" else _filled_value(expected(entry))

    return fill_notebook(nb, name, entries, reference)


@checked
def export_instructors(out_dir: Path | str = "build/instructors", notebooks=None, key=None) -> list[Path]:
    """Write the instructor edition (answers from the key filled in) of ``notebooks`` (default: all) to
    ``out_dir/notebooks/``."""
    from .key import load

    entries = load(key)
    return _export(out_dir, notebooks, lambda nb, name: instructor_notebook(nb, name, entries))


__all__ = ["ExportError", "export_instructors", "fill_notebook", "instructor_notebook", "PLACEHOLDER", "export_students", "is_exercise_cell", "strip_source", "student_notebook"]
