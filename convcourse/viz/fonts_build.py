"""Rebuild the course's symbol font: ``python -m convcourse.viz.fonts_build`` (maintainers only).

The Chinese subset (``fonts/NotoSansCJKsc-Course-Regular.otf``) lacks a few symbols the lessons print
(``⏱`` before wall-clock times, ``⚠️``, ``✓``, ``✅``, subscripts, ``ℝ``, ceilings ...). This script
collects every character the notebooks, the package's sources and the course pages use, takes each one the Chinese subset
cannot draw from the first Noto font (SIL OFL 1.1, Debian ``fonts-noto-core``) that has it, and writes
them as one small TrueType font, ``fonts/CourseSymbols-Regular.ttf`` (family ``Course Symbols``), plus
common markers (check marks, crosses, stars, arrows) so a new lesson rarely needs a rebuild.
``✅``/``❌`` have only colour-emoji glyphs in Noto; they are drawn with the heavy check mark / heavy
ballot X. The emoji variation selectors get an empty glyph of zero width.

    apt-get install -y fonts-noto-core     # the sources (not needed at run time)
    python -m convcourse.viz.fonts_build
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from .._checks import checked

FONTS = Path(__file__).with_name("fonts")
CJK = FONTS / "NotoSansCJKsc-Course-Regular.otf"
SYMBOLS = FONTS / "CourseSymbols-Regular.ttf"
SYMBOLS_FAMILY = "Course Symbols"
SOURCES = [Path("/usr/share/fonts/truetype/noto") / f"{name}.ttf" for name in
           ("NotoSans-Regular", "NotoSansMath-Regular", "NotoSansSymbols-Regular", "NotoSansSymbols2-Regular")]
# markers a lesson may reasonably print next
EXTRA = ("✓✔✗✘✅❌⚠⏱⌛⏳★☆✦●○◆◇■□▲△▼▽►◄◀▶♦♥♠♣☐☑☒⚡⚙♻→←↑↓↔↕⇒⇐⇔↦↗↘⟶⟵⟹"
         "≈≠≡≤≥≪≫±∓×÷√∛∞∑∏∫∂∇∈∉∋⊂⊃⊆⊇∪∩∧∨¬∀∃∅ℝℕℤℚℂ⌈⌉⌊⌋‖⊕⊗⊙⋅∘…⋯⋮"
         "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ᵀᵢⱼₖ"
         "①②③④⑤⑥⑦⑧⑨⑩")
ALIASES = {0x2705: 0x2714, 0x274C: 0x2718}        # white heavy check mark, cross mark (emoji-only in Noto)
EMPTY = (0xFE0E, 0xFE0F, 0x200D)                   # variation selectors, zero width joiner: nothing to draw


@checked
def notebook_text(folder: Path) -> str:
    """Every character of the stored notebooks: sources and text outputs."""
    parts = []
    for p in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(p.read_text(encoding="utf-8"))["cells"]:
            parts.append("".join(cell["source"]))
            for out in cell.get("outputs", []):
                parts.append("".join(out.get("text", "")))
                for mime, value in out.get("data", {}).items():
                    if mime.startswith("text/"):
                        parts.append("".join(value) if isinstance(value, list) else str(value))
    return "".join(parts)


def package_text() -> str:
    """The course package's own sources: what ``check``/``export`` and the helpers print lands in notebooks."""
    root = Path(__file__).resolve().parents[1]
    return "".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py")))


@checked
def drawable(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") \
        and not 0xFE00 <= ord(ch) <= 0xFE0F


@checked
def needed(text: str) -> set[int]:
    """Code points of ``text`` (and the extra markers) that the Chinese subset cannot draw."""
    from fontTools.ttLib import TTFont

    have = set(TTFont(CJK).getBestCmap())
    return {ord(c) for c in set(text) | set(EXTRA) if drawable(c) and ord(c) not in have}


@checked
def build(text: str, out: Path = SYMBOLS) -> dict[str, list[str]]:
    """Write the symbol font for ``text``; returns which source gave which characters (and what is missing)."""
    import tempfile

    from fontTools import subset
    from fontTools.merge import Merger
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    todo = needed(text) - set(ALIASES)
    todo |= {ALIASES[c] for c in needed(text) & set(ALIASES)}
    report, parts = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for src in SOURCES:
            cmap = TTFont(src).getBestCmap()
            take = sorted(c for c in todo if c in cmap)
            if not take:
                continue
            todo -= set(take)
            report[src.stem] = [chr(c) for c in take]
            opts = subset.Options()
            opts.hinting = False
            opts.layout_features = []
            opts.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "gasp", "fpgm", "prep", "cvt "]
            opts.name_IDs = ["*"]
            opts.notdef_outline = True
            font = TTFont(src)
            sub = subset.Subsetter(opts)
            sub.populate(unicodes=take)
            sub.subset(font)
            part = Path(tmp) / f"{len(parts)}.ttf"
            font.save(part)
            parts.append(str(part))
        report["missing"] = [chr(c) for c in sorted(todo)]
        font = Merger().merge(parts)

    cmap = font.getBestCmap()
    for code, target in ALIASES.items():                # same glyph under the emoji code point
        if target in cmap:
            for table in font["cmap"].tables:
                if table.isUnicode():
                    table.cmap[code] = cmap[target]
    empty = TTGlyphPen(None).glyph()
    order = font.getGlyphOrder() + ["zerowidth"]
    font.setGlyphOrder(order)
    font["glyf"].glyphs["zerowidth"] = empty
    font["glyf"].glyphOrder = order
    font["hmtx"].metrics["zerowidth"] = (0, 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for code in EMPTY:
                table.cmap[code] = "zerowidth"
    font["maxp"].numGlyphs = len(order)

    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            name.removeNames(nameID=rec.nameID)
    name.setName(SYMBOLS_FAMILY, 1, 3, 1, 0x409)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(f"{SYMBOLS_FAMILY} Regular", 3, 3, 1, 0x409)
    name.setName(SYMBOLS_FAMILY, 4, 3, 1, 0x409)
    name.setName("CourseSymbols-Regular", 6, 3, 1, 0x409)
    font.save(out)
    return report


def main() -> int:
    from ..notebooks import NOTEBOOK_DIR
    from ..site import site_text

    report = build(notebook_text(NOTEBOOK_DIR) + package_text() + site_text())
    for src, chars in report.items():
        print(f"{src}: {''.join(chars)}")
    print(f"wrote {SYMBOLS} ({SYMBOLS.stat().st_size:,} bytes)")
    return 1 if report["missing"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
