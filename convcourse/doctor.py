"""``python -m convcourse doctor``: is this machine ready for the course?

Checks the pinned versions, the Chinese font (renders with no missing glyph and no warning), the widget
front-end, and that every notebook of the syllabus is present and readable. Prints one line per check.
"""
from __future__ import annotations

import importlib.metadata as md
import sys
import warnings
from pathlib import Path

from .notebooks import NOTEBOOK_DIR, ROOT


def _pins() -> dict[str, str]:
    pins = {}
    req = ROOT / "requirements.txt"
    if req.exists():
        for line in req.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.strip()] = version.strip()
    return pins


def check_versions() -> list[tuple[bool, str]]:
    results = [(sys.version_info[:2] >= (3, 10), f"Python {sys.version.split()[0]} (3.10+ needed, 3.11 tested)")]
    for name, want in _pins().items():
        try:
            have = md.version(name)
        except md.PackageNotFoundError:
            results.append((False, f"{name} not installed (want {want}): pip install -r requirements.txt"))
            continue
        results.append((have == want, f"{name} {have}" + ("" if have == want else f" (course pins {want})")))
    return results


def check_font() -> tuple[bool, str]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from .viz import missing_glyphs, setup_fonts

    family = setup_fonts()
    text = "卷积模块精讲：参数量 −1 ≈ 3×3 αβγ"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title(text)
        fig.canvas.draw()
        plt.close(fig)
    glyph_warnings = [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    missing = missing_glyphs(text)
    ok = not glyph_warnings and not missing
    return ok, f"Chinese font '{family}' " + ("renders" if ok else f"missing glyphs: {missing or glyph_warnings}")


def check_widgets() -> tuple[bool, str]:
    try:
        ipw = md.version("ipywidgets")
        front = md.version("jupyterlab_widgets")
    except md.PackageNotFoundError as e:
        return False, f"widgets: {e.name} missing (widgets would show as plain text)"
    return True, f"widgets: ipywidgets {ipw} with JupyterLab front-end jupyterlab_widgets {front}"


def check_notebooks() -> tuple[bool, str]:
    import nbformat

    from .syllabus import LESSONS

    missing, broken = [], []
    for lesson in LESSONS:
        path = NOTEBOOK_DIR / lesson.notebook
        if not path.exists():
            missing.append(lesson.notebook)
            continue
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as e:  # report, do not crash the doctor
            broken.append(f"{lesson.notebook}: {e}")
    ok = not missing and not broken
    msg = f"notebooks: {len(LESSONS) - len(missing) - len(broken)}/{len(LESSONS)} present and valid"
    if missing:
        msg += f"; missing {missing}"
    if broken:
        msg += f"; broken {broken}"
    return ok, msg


def check_cpu() -> tuple[bool, str]:
    """Report the instruction set torch's CPU kernels use (stored outputs hold no number that depends on it)."""
    from .portability import cpu_description

    return True, cpu_description()


def run_checks() -> int:
    """Run every check, print ✔/✘ lines, return 0 when all pass."""
    results = check_versions() + [check_cpu(), check_font(), check_widgets(), check_notebooks()]
    for ok, msg in results:
        print(("✔ " if ok else "✘ ") + msg)
    failed = sum(not ok for ok, _ in results)
    print("all checks passed" if not failed else f"{failed} check(s) failed")
    return 0 if not failed else 1
