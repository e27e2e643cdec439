"""Executing and normalising the course notebooks (``python -m convcourse run``).

``run`` is how authors refresh a notebook after a change: it executes it top to bottom in a fresh
kernel with the same thread count the tests use, stores the outputs, and normalises the metadata
(standard kernelspec, stable cell ids, slide metadata, no widget state, no timings).
"""
from __future__ import annotations

from pathlib import Path
from ._checks import checked

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@checked
def notebook_paths(names=None) -> list[Path]:
    """The course notebooks (all, in syllabus order), or the ones named (file names or paths)."""
    if not names:
        return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    paths = []
    for name in names:
        p = Path(name)
        if not p.exists():
            p = NOTEBOOK_DIR / name
        if not p.exists():
            matches = sorted(NOTEBOOK_DIR.glob(f"{name}*.ipynb"))
            if str(name).isdigit() and len(str(name)) == 1:                    # "7" means 07_*.ipynb ...
                matches = sorted(NOTEBOOK_DIR.glob(f"0{name}_*.ipynb")) + matches  # ... unless 70-79 exist
            if len(matches) > 1:
                numbers = [m.name[:2] for m in matches]
                head = [n for n in numbers if n[0] == "0" and str(name)[0] != "0"]
                rest = [n for n in numbers if n not in head]
                span = ", ".join(head + ([f"{rest[0]}–{rest[-1]}"] if len(rest) > 2 else rest))
                raise ValueError(f"notebook {name!r} is ambiguous: {span} start with it; give two digits "
                                 f"(for example {numbers[0]}) or a file name")
            if not matches:
                raise ValueError(f"notebook {name!r} not found in {NOTEBOOK_DIR.name}/ (give a file name or its number)")
            p = matches[0]
        if p.is_dir():
            raise ValueError(f"notebook {name!r} is a folder; give a .ipynb file")
        paths.append(p)
    return paths


@checked
def slide_type(cell) -> str | None:
    """Slides: a '#'/'##' heading starts a slide, '###' a sub-slide; other cells stay on the current one."""
    if cell.cell_type != "markdown":
        return None
    first = cell.source.lstrip().split("\n", 1)[0]
    if first.startswith("### "):
        return "subslide"
    if first.startswith(("# ", "## ")):
        return "slide"
    return None


@checked
def normalise(nb) -> None:
    """Standard kernelspec, stable ids, slide metadata; drop widget state and execution timings."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": "python", **({"version": lang["version"]} if "version" in lang else {})}
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        for out in cell.get("outputs", []):   # widget views need saved widget state we never store
            out.get("data", {}).pop(WIDGET_VIEW, None)
        kind = slide_type(cell)
        if kind:
            cell.metadata["slideshow"] = {"slide_type": kind}
        else:
            cell.metadata.pop("slideshow", None)


@checked
def run_single_threaded(nb, folder: Path, timeout: int = 600, extra_env: dict | None = None) -> float:
    """Execute ``nb`` in a fresh kernel started in ``folder`` with one BLAS/OpenMP thread; seconds taken.

    ``extra_env`` adds variables for that kernel only (e.g. an instruction-set cap, see ``portability``).
    This is :func:`convcourse.execution.execute`: a stalled kernel is retried once in a fresh one.
    """
    from .execution import execute as execute_notebook

    return execute_notebook(nb, folder, timeout, extra_env).seconds


@checked
def execute(path: Path, timeout: int = 600) -> float:
    """Execute ``path`` in place in a fresh kernel (cwd = its folder); returns the seconds it took."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    seconds = run_single_threaded(nb, path.parent, timeout)
    normalise(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return seconds
