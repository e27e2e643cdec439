"""A Chinese font that works on a fresh machine with no CJK font installed.

The course ships a subset of Noto Sans CJK SC (SIL OFL 1.1, see ``fonts/OFL.txt``): GB 2312's 6,763
hanzi plus ASCII, Latin-1, Greek, punctuation, arrows and math operators, ~3 MB. It is registered with
``fontManager.addfont`` on every call, so a stale matplotlib font cache cannot hide it.
"""
from __future__ import annotations

from pathlib import Path

FONT_PATH = Path(__file__).with_name("fonts") / "NotoSansCJKsc-Course-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC Course"
# Glyphs the subset lacks fall back to matplotlib's own DejaVu Sans (per-glyph fallback).
FALLBACK = ["DejaVu Sans"]


def setup_fonts() -> str:
    """Register the course font and make it matplotlib's default sans-serif; return its family name."""
    import matplotlib as mpl
    from matplotlib import font_manager

    if FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_PATH))
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [FONT_FAMILY, *FALLBACK]
    mpl.rcParams["axes.unicode_minus"] = False   # U+2212 is missing from many CJK fonts: use '-'
    return FONT_FAMILY


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that neither the course font nor the fallback can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    fonts = [FT2Font(str(FONT_PATH))]
    fonts += [FT2Font(font_manager.findfont(name, fallback_to_default=False)) for name in FALLBACK]
    charmaps = [set(f.get_charmap()) for f in fonts]
    return sorted({ch for ch in text if not ch.isspace() and not any(ord(ch) in cm for cm in charmaps)})
