"""Offline site and slides: formulas typeset by a local MathJax, the course fonts first and complete,
nothing loaded from the network; slide metadata valid (``python -m convcourse site`` / ``slides``)."""
from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from convcourse.notebooks import notebook_paths
from convcourse.site import (CODE_FONTS, FONT_FAMILY, MATH_SCRIPT, UI_FONTS, build_site, build_slides,
                             external_loads)
from convcourse.viz.fonts import FONT_PATH, SYMBOLS_PATH, course_charmap

COURSE = notebook_paths()
needs_course = pytest.mark.skipif(not COURSE, reason="no course notebooks yet")
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif",
           "ui-monospace", "-apple-system", "emoji", "math"}
RAW_TEX = re.compile(r"\$[^$\n]{0,60}\\[a-zA-Z]+[^$\n]{0,60}\$|\\(frac|times|cdot|sum|mathrm|sqrt|sigma)\b")
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


class _Text(HTMLParser):
    """The text a reader sees: no <script>/<style> contents (formulas live in math/tex scripts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip, self.parts, self.prose = 0, [], []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("pre", "code"):
            self.code += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in ("pre", "code"):
            self.code -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)
            if not self.code:
                self.prose.append(data)


def visible_text(page: str) -> tuple[str, str]:
    """(all visible text, visible text outside code)."""
    p = _Text()
    p.feed(page)
    return "".join(p.parts), "".join(p.prose)


def font_lists(page: str) -> list[list[str]]:
    """Every font-family list declared in the page's CSS (including the --jp-*-font-family variables)."""
    lists = []
    for m in re.finditer(r"(?:font-family|--jp-[a-z]+-font-family|--r-[a-z]+-font)\s*:\s*([^;{}]+)", page):
        value = m.group(1).strip()
        if value.startswith("var("):
            continue
        lists.append([f.strip().strip("\"'") for f in value.split(",")])
    return lists


def local_refs(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"", page)


def check_page(page: str, out: Path, name: str, math_expected: bool) -> None:
    # nothing from the network; every script and style sheet the page names is there
    assert external_loads(page) == [], name
    for ref in local_refs(page):
        assert not re.match(r"(?:https?:)?//", ref), (name, ref)
        assert (out / ref.split("?")[0]).exists(), (name, ref)
    # math: handed to the local MathJax, never left raw in the visible text
    text, prose = visible_text(page)
    assert not RAW_TEX.search(prose), (name, RAW_TEX.search(prose).group(0))
    if math_expected:
        assert MATH_SCRIPT.search(page), name
        assert 'src="mathjax/MathJax.js' in page, name
    # fonts: the course family declared and first wherever Chinese may be drawn
    assert f'font-family: "{FONT_FAMILY}"' in page and 'url("fonts/NotoSansCJKsc-Course-Regular.otf")' in page
    assert 'url("fonts/CourseSymbols-Regular.ttf")' in page
    lists = font_lists(page)
    for families in lists:
        if FONT_FAMILY in families:
            assert not GENERIC & set(families[:families.index(FONT_FAMILY)]), (name, families)
    # the effective (last) declaration of each font variable, and the index's body, use the course font
    for var in ("--jp-ui-font-family", "--jp-content-font-family", "--jp-code-font-family"):
        values = re.findall(var + r"\s*:\s*([^;{}]+)", page)
        if values:
            assert f'"{FONT_FAMILY}"' in values[-1], (name, var, values[-1])
    if "--jp-ui-font-family" not in page:
        body = re.search(r"body\s*\{\s*font-family:\s*([^;]+)", page).group(1)
        assert body.split(",")[0].strip() == f'"{FONT_FAMILY}"', (name, body)
    # every character the reader sees has a glyph in the course fonts
    charmap = course_charmap()
    missing = {c for c in text if not c.isspace() and ord(c) >= 0x20 and ord(c) not in charmap}
    assert not missing, (name, sorted(missing))


def math_notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [
        new_markdown_cell("# 17 SENet：挤压与激励\n\n行内公式 $s = \\sigma(W_2 \\delta(W_1 z))$，"
                          "计算量 $O((HW)^2)$；矩阵 $X^\\top X$ 与 $a<b$。\n\n"
                          "$$z_c = \\frac{1}{HW}\\sum_{i,j} u_c(i,j)\\quad\\text{（挤压）}$$\n\n"
                          "\\begin{cases} 1 & x>0 \\\\ 0 & \\text{否则} \\end{cases}\n\n价格写作 \\$5。"),
        new_code_cell("print('⏱ 3.2 ms  ※ 2.1  ⚠️ 注意 ✓ 通过 ✅')",
                      outputs=[new_output("stream", name="stdout", text="⏱ 3.2 ms  ※ 2.1  ⚠️ 注意 ✓ 通过 ✅ W₁ ∈ ℝ\n")]),
        new_markdown_cell("## 小结\n\n$\\mathrm{FLOPs} = 2 \\times \\mathrm{MACs}$"),
    ]
    return nb


def test_site_math_and_fonts_on_a_lesson(tmp_path, no_network):
    src = tmp_path / "nb"
    src.mkdir()
    nbformat.write(math_notebook(), src / "17_se.ipynb")
    out = tmp_path / "site"
    pages = build_site(out, [str(src / "17_se.ipynb")])
    page = (out / "17_se.html").read_text(encoding="utf-8")
    formulas = MATH_SCRIPT.findall(page)
    assert "s = \\sigma(W_2 \\delta(W_1 z))" in formulas
    assert "O((HW)^2)" in formulas and "a<b" in formulas            # raw TeX, not HTML-escaped
    assert any("\\frac{1}{HW}" in f for f in formulas) and any("\\begin{cases}" in f for f in formulas)
    assert 'type="math/tex; mode=display"' in page
    assert "$5" in visible_text(page)[1]                           # an escaped dollar stays text
    for required in ("mathjax/MathJax.js", "mathjax/config/TeX-AMS-MML_HTMLorMML-full.js",
                     "mathjax/jax/input/TeX/jax.js", "mathjax/jax/output/HTML-CSS/fonts/STIX-Web",
                     "mathjax/fonts/HTML-CSS/STIX-Web/woff", "mathjax/extensions/TeX/AMSmath.js",
                     "fonts/NotoSansCJKsc-Course-Regular.otf", "fonts/CourseSymbols-Regular.ttf", "fonts/OFL.txt"):
        assert (out / required).exists(), required
    assert "about:blank" not in page
    for p in pages:
        check_page(p.read_text(encoding="utf-8"), out, p.name, math_expected=p.name != "index.html")


def test_font_lists_put_the_course_font_first():
    assert UI_FONTS.split(",")[0].strip() == f'"{FONT_FAMILY}"'
    code = [f.strip().strip('"') for f in CODE_FONTS.split(",")]
    assert not GENERIC & set(code[:code.index(FONT_FAMILY)])


def test_fonts_cover_every_character_of_the_notebooks():
    from convcourse.site import site_text
    from convcourse.viz.fonts_build import drawable, notebook_text, package_text
    from convcourse.notebooks import NOTEBOOK_DIR

    charmap = course_charmap()
    text = notebook_text(NOTEBOOK_DIR) + package_text() + site_text()
    missing = sorted({c for c in text if drawable(c) and ord(c) not in charmap})
    assert not missing, f"rebuild the symbol font: python -m convcourse.viz.fonts_build ({missing})"
    for ch in "⏱※⚠✓✅✗ℝ₁₂⌈⌉ẑᵀ\ufe0f":
        assert ord(ch) in charmap, ch
    assert FONT_PATH.stat().st_size + SYMBOLS_PATH.stat().st_size < 4_000_000
    assert SYMBOLS_PATH.stat().st_size < 100_000 and (SYMBOLS_PATH.parent / "OFL.txt").exists()


def test_figures_draw_course_symbols_without_warnings():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from convcourse.viz import missing_glyphs, use_course_style

    use_course_style()
    text = "卷积 ⏱ 3.2 s ⚠ ✓ ✅ W₁ ∈ ℝ ⌈x⌉ ẑ −1"
    assert missing_glyphs(text) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # a missing glyph warns
        fig, ax = plt.subplots()
        ax.set_title(text)
        fig.canvas.draw()
        plt.close(fig)


def test_slides_offline_with_local_reveal(tmp_path, no_network):
    src = tmp_path / "nb"
    src.mkdir()
    nbformat.write(math_notebook(), src / "17_se.ipynb")
    out = tmp_path / "slides"
    (deck,) = build_slides(out, [str(src / "17_se.ipynb")])
    body = deck.read_text(encoding="utf-8")
    assert body.count("<section") >= 2
    assert external_loads(body) == []
    for ref in local_refs(body):
        assert (out / ref.split("?")[0]).exists(), ref
    assert 'src="reveal.js/dist/reveal.js"' in body and "require(" not in body
    theme = (out / "reveal.js/dist/theme/white.css").read_text(encoding="utf-8")
    assert "@import" not in theme
    assert MATH_SCRIPT.search(body) and (out / "mathjax/MathJax.js").exists()


def test_slides_cli(tmp_path, capsys):
    from convcourse.__main__ import main

    src = tmp_path / "nb"
    src.mkdir()
    nbformat.write(math_notebook(), src / "17_se.ipynb")
    assert main(["slides", "--out", str(tmp_path / "s"), str(src / "17_se.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "1 reveal.js slide show" in out and "17_se.slides.html" in out


@needs_course
def test_slide_metadata_of_every_notebook_is_valid():
    for p in COURSE:
        nb = nbformat.read(p, as_version=4)
        nbformat.validate(nb)
        kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
        assert set(kinds) - {None} <= SLIDE_TYPES, p.name
        assert kinds[0] == "slide", p.name                     # the title opens the first slide
        assert kinds.count("slide") >= 2, p.name


@pytest.fixture(scope="module")
def course_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, build_site(out)


@needs_course
def test_whole_course_site_math_and_fonts(course_site, capsys):
    out, pages = course_site
    assert len(pages) == len(COURSE) + 1
    with_math = 0
    for p in pages:
        page = p.read_text(encoding="utf-8")
        with_math += bool(MATH_SCRIPT.search(page))
        check_page(page, out, p.name, math_expected=False)
    assert with_math >= len(COURSE) // 2           # most lessons have formulas, all typeset locally
