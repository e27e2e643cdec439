"""A Chinese font that works on a fresh machine with no CJK font installed.

The course ships a subset of Noto Sans CJK SC (SIL OFL 1.1, see ``fonts/OFL.txt``): GB 2312's 6,763
hanzi plus ASCII, Latin-1, Greek, punctuation, arrows and math operators, ~3 MB; and a ~10 kB symbol
font from Noto Sans / Math / Symbols / Symbols 2 (also OFL) with what the Chinese subset lacks and the
lessons print: ``⏱ ⚠ ✓ ✅``, sub- and superscripts, ``ℝ``, ceilings (rebuilt by
``python -m convcourse.viz.fonts_build``). Both are registered with ``fontManager.addfont`` on every
call, so a stale matplotlib font cache cannot hide them. The offline site uses the same two files.
"""
from __future__ import annotations

from pathlib import Path
from .._checks import checked

FONT_PATH = Path(__file__).with_name("fonts") / "NotoSansCJKsc-Course-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC Course"
SYMBOLS_PATH = Path(__file__).with_name("fonts") / "CourseSymbols-Regular.ttf"
SYMBOLS_FAMILY = "Course Symbols"
# Glyphs neither course font has fall back to matplotlib's own DejaVu Sans (per-glyph fallback).
FALLBACK = ["DejaVu Sans"]


def setup_fonts() -> str:
    """Register the course fonts and make them matplotlib's default sans-serif; return the Chinese family."""
    import matplotlib as mpl
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for family, path in ((FONT_FAMILY, FONT_PATH), (SYMBOLS_FAMILY, SYMBOLS_PATH)):
        if family not in known and path.exists():
            font_manager.fontManager.addfont(str(path))
    families = [FONT_FAMILY, SYMBOLS_FAMILY, *FALLBACK]
    # the families by name, not "sans-serif": matplotlib falls back glyph by glyph only across named families
    mpl.rcParams["font.family"] = families
    mpl.rcParams["font.sans-serif"] = families
    mpl.rcParams["axes.unicode_minus"] = False   # U+2212 is missing from many CJK fonts: use '-'
    return FONT_FAMILY


def course_charmap() -> set[int]:
    """Code points the two course fonts can draw (what the offline site relies on)."""
    from matplotlib.ft2font import FT2Font

    return {c for path in (FONT_PATH, SYMBOLS_PATH) if path.exists() for c in FT2Font(str(path)).get_charmap()}


@checked
def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that neither the course fonts nor the fallback can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    charmaps = [course_charmap()]
    charmaps += [set(FT2Font(font_manager.findfont(name, fallback_to_default=False)).get_charmap())
                 for name in FALLBACK]
    return sorted({ch for ch in text if not ch.isspace() and not any(ord(ch) in cm for cm in charmaps)})
