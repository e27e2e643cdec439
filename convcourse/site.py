"""Offline static website and slides of the course (``python -m convcourse site`` / ``slides``).

Every notebook is rendered with nbconvert's ``HTMLExporter`` (the ``lab`` template) from its stored
outputs -- nothing is executed -- plus an index page with the syllabus grouped by week. The pages
load nothing from the network: the require.js and mermaid ``<script>`` tags that nbconvert points at
CDNs are left out (the notebooks have no widgets or JavaScript outputs that need them). Formulas are
typeset by a local copy of MathJax 2.7 (from the ``jupyter-server-mathjax`` package: HTML-CSS output
with its STIX web fonts, copied to ``mathjax/``): at build time every formula nbconvert's Markdown
parser finds becomes a ``<script type="math/tex">`` element, so no raw ``$...$`` is shown even before
MathJax has run.
Images are embedded and the course's fonts (SIL OFL) are copied to ``fonts/``: the Chinese subset and
the symbol font are declared first in every font list (one family, ``CourseCJK``, split by
``unicode-range``), so the folder reads the same on a machine without a Chinese font, copied to a USB
stick or opened with ``file://``.

``slides`` writes reveal.js slide shows with a local reveal.js (from the ``sphinx-revealjs`` package),
the same MathJax and fonts; in JupyterLab, ``jupyterlab-rise`` presents the notebook itself.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .notebooks import NOTEBOOK_DIR, normalise, notebook_paths
from .syllabus import LESSONS, WEEKS
from ._checks import checked

COURSE_TITLE = "卷积模块精讲"
FONT_DIR = Path(__file__).parent / "viz" / "fonts"
CJK_FONT = "NotoSansCJKsc-Course-Regular.otf"
SYMBOL_FONT = "CourseSymbols-Regular.ttf"
FONT_FILES = (CJK_FONT, SYMBOL_FONT, "OFL.txt")
FONT_FAMILY = "CourseCJK"
# the bundled fonts come FIRST: a generic or system-ui family before them may draw Chinese as boxes
UI_FONTS = f'"{FONT_FAMILY}", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
# code: monospace Latin first (aligned tables), Chinese and symbols from the course fonts, then the generic
CODE_FONTS = f'Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "{FONT_FAMILY}", monospace'
# Basic Latin keeps the reader's own fonts; everything else the course fonts can draw comes from them
CJK_RANGE = "U+0080-10FFFF"
MATHJAX_DIR = "mathjax"
# jupyter-server-mathjax ships MathJax 2.7 with the HTML-CSS output and its STIX web fonts (the SVG
# output is incomplete there); the accessibility add-ons and other languages are left out (~5 MB of 12)
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full"
MATHJAX_PARTS = ("MathJax.js", "LICENSE", f"config/{MATHJAX_CONFIG}.js", "config/Safe.js", "jax/input",
                 "jax/element", "jax/output/HTML-CSS", "fonts/HTML-CSS", "extensions/TeX", "extensions/HTML-CSS",
                 "extensions/MathEvents.js", "extensions/MathMenu.js", "extensions/MathZoom.js",
                 "extensions/tex2jax.js", "extensions/mml2jax.js", "extensions/toMathML.js",
                 "extensions/fast-preview.js", "extensions/Safe.js", "localization/en", "localization/zh-hans")
REVEAL_DIR = "reveal.js"
REVEAL_PARTS = ("LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/reset.css", "plugin/notes/notes.js")
REVEAL_THEME = "white"          # copied without its @import of web fonts: the course fonts replace them


@checked
def font_css(prefix: str = "fonts/") -> str:
    """``@font-face`` rules: one family, the Chinese subset plus the symbol font for what it lacks."""
    return (f'@font-face {{ font-family: "{FONT_FAMILY}"; '
            f'src: local("Noto Sans CJK SC"), local("NotoSansCJKsc-Regular"), url("{prefix}{CJK_FONT}") format("opentype"); '
            f"unicode-range: {CJK_RANGE}; }}\n"
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{prefix}{SYMBOL_FONT}") format("truetype"); '
            f"unicode-range: {symbol_range()}; }}\n")


def symbol_range() -> str:
    """The code points of the symbol font as a CSS ``unicode-range`` (so it is tried first for them)."""
    from matplotlib.ft2font import FT2Font

    codes = sorted(c for c in FT2Font(str(FONT_DIR / SYMBOL_FONT)).get_charmap() if c >= 0x80)
    runs, start = [], None
    for i, c in enumerate(codes):
        start = c if start is None else start
        if i + 1 == len(codes) or codes[i + 1] != c + 1:
            runs.append(f"U+{start:X}" if start == c else f"U+{start:X}-{c:X}")
            start = None
    return ", ".join(runs)


@checked
def mathjax_config(prefix: str = "") -> str:
    """Local MathJax 2: formulas already split out at build time (``math/tex`` scripts), HTML-CSS output
    with the bundled STIX web fonts; ``tex2jax`` finds nothing else, so a stray ``$`` stays text. MathJax's
    blank probe font is ``local()`` instead of ``url('about:blank')``: not even that request is made."""
    return (
        '<script type="text/x-mathjax-config">\n'
        "MathJax.Hub.Config({\n"
        "  extensions: [\"tex2jax.js\", \"MathEvents.js\", \"MathZoom.js\", \"MathMenu.js\", \"toMathML.js\",\n"
        "               \"TeX/noErrors.js\", \"TeX/noUndefined.js\", \"TeX/AMSmath.js\", \"TeX/AMSsymbols.js\"],\n"
        "  tex2jax: { inlineMath: [], displayMath: [], processEscapes: false, processEnvironments: false },\n"
        "  MMLorHTML: { prefer: \"HTML\" },\n"
        "  \"HTML-CSS\": { availableFonts: [], preferredFont: null, webFont: \"STIX-Web\", imageFont: null,\n"
        "               mtextFontInherit: true,\n"
        "               styles: { \"@font-face\": { \"font-family\": \"MathJax_Blank\", src: \"local('MathJax_Blank')\" } } },\n"
        "  menuSettings: { assistiveMML: false, zoom: \"None\" }, \"fast-preview\": { disabled: true },\n"
        "  messageStyle: \"none\", showProcessingMessages: false });\n"
        "</script>\n"
        f'<script type="text/javascript" src="{prefix}{MATHJAX_DIR}/MathJax.js?config={MATHJAX_CONFIG}"></script>\n')


# Overrides of nbconvert's lab template: no CDN scripts, local MathJax, a navigation bar at the top and bottom.
_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{{ resources.course_mathjax }}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}
<style type="text/css">
{{ resources.course_font_css }}
nav.course-nav { display: flex; justify-content: space-between; gap: 1em; max-width: 1100px;
  margin: 0.8em auto; padding: 0.5em 1em; border: 1px solid #ddd; border-radius: 6px; background: #fafafa;
  font-family: var(--jp-ui-font-family); }
nav.course-nav a { text-decoration: none; }
nav.course-nav .disabled { color: #aaa; }
</style>
{%- endblock extra_css -%}
{%- block html_head_css -%}
<style type="text/css">
/* after the lab theme, so these win: the course fonts come first for Chinese and symbols */
:root {
  --jp-ui-font-family: {{ resources.course_ui_fonts }};
  --jp-content-font-family: {{ resources.course_ui_fonts }};
  --jp-code-font-family: {{ resources.course_code_fonts }};
}
body { font-family: var(--jp-content-font-family); }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.course_nav }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.course_nav }}
{{ super() }}
{%- endblock body_footer -%}
"""

# reveal.js slides: the nbconvert template without jQuery/require.js/mermaid CDNs, reveal.js from a local copy
_SLIDES_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">MathJax.Hub.Config({ skipStartupTypeset: true });</script>
{{ resources.course_mathjax }}
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.course_font_css }}
:root { --jp-ui-font-family: {{ resources.course_ui_fonts }}; --jp-content-font-family: {{ resources.course_ui_fonts }};
  --jp-code-font-family: {{ resources.course_code_fonts }}; --r-main-font: {{ resources.course_ui_fonts }};
  --r-heading-font: {{ resources.course_ui_fonts }}; --r-code-font: {{ resources.course_code_fonts }}; }
.reveal, .reveal h1, .reveal h2, .reveal h3, .reveal p, .reveal li { font-family: {{ resources.course_ui_fonts }}; }
.reveal .slides section { overflow-y: auto; max-height: 100%; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({ controls: true, progress: true, history: true, transition: "{{ resources.reveal.transition }}",
  slideNumber: "{{ resources.reveal.number }}", width: {{ resources.reveal.width or 1100 }}, height: {{ resources.reveal.height or 760 }},
  maxScale: 1.0, plugins: [RevealNotes] });   // no CSS zoom: MathJax 2 measures wrongly under it
// MathJax measures formulas on hidden slides as empty: typeset a slide when it is shown
function rerender(event) {
  if (window.MathJax && MathJax.Hub) { MathJax.Hub.Queue(["Typeset", MathJax.Hub, event.currentSlide]); }
}
Reveal.on("ready", rerender);
Reveal.on("slidechanged", rerender);
</script>
{% endblock footer_js %}
"""

_INDEX_CSS = """
body { font-family: %s;
       max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }
code { font-family: %s; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 1.5em; }
th, td { border: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.missing { color: #999; }
""" % (UI_FONTS, CODE_FONTS)

# links between notebooks written as [..](17_se.ipynb) or [..](17_se.ipynb#anchor) -> the .html page
_NOTEBOOK_LINK = re.compile(r'href="(?:\./)?(\d\d_[^"/#]+)\.ipynb(#[^"]*)?"')
# anything that would make the browser fetch from the network when the page is opened
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I)
# the formulas the build hands to MathJax
MATH_SCRIPT = re.compile(r'<script type="math/tex(?:; mode=display)?">(.*?)</script>', re.S)


def _page_name(notebook: str) -> str:
    return Path(notebook).stem + ".html"


def _nav(prev: str | None, nxt: str | None, titles: dict[str, str]) -> str:
    def link(name, arrow_left):
        if name is None:
            return f'<span class="disabled">{"← 上一课" if arrow_left else "下一课 →"}</span>'
        label = html.escape(titles.get(name, Path(name).stem))
        text = f"← {label}" if arrow_left else f"{label} →"
        return f'<a href="{_page_name(name)}">{text}</a>'

    return (f'<nav class="course-nav">{link(prev, True)}'
            f'<a href="index.html">目录 · {COURSE_TITLE}</a>{link(nxt, False)}</nav>')


def _ordered(paths: list[Path]) -> list[Path]:
    """Syllabus order; notebooks not in the syllabus go last, by name."""
    order = {l.notebook: i for i, l in enumerate(LESSONS)}
    return sorted(paths, key=lambda p: (order.get(p.name, len(order)), p.name))


@checked
def index_html(present: set[str]) -> str:
    """The index page: the syllabus table of each week, linking the notebooks that exist."""
    parts = [f"<h1>{COURSE_TITLE}</h1>",
             "<p>课程的离线网页版：每一课都是存档的笔记本（含运行结果），无需联网即可阅读。"
             "要动手运行代码，请在 JupyterLab 中打开 <code>notebooks/</code> 下的同名笔记本。</p>"]
    for week, theme in WEEKS.items():
        lessons = [l for l in LESSONS if l.week == week]
        if not lessons:
            continue
        parts.append(f"<h2>第 {week} 周 · {html.escape(theme)}</h2>")
        parts.append("<table><tr><th>课</th><th>主题</th><th>讲义章节</th><th>预计用时</th><th>先修</th></tr>")
        for l in lessons:
            title = html.escape(l.title)
            cell = (f'<a href="{_page_name(l.notebook)}">{title}</a>' if l.notebook in present
                    else f'<span class="missing">{title}（尚未完成）</span>')
            parts.append(f"<tr><td>{l.notebook[:2]}</td><td>{cell}</td><td>{html.escape(l.source)}</td>"
                         f"<td>{l.minutes} 分钟</td><td>{', '.join(l.requires) or '—'}</td></tr>")
        parts.append("</table>")
    extra = sorted(present - {l.notebook for l in LESSONS})
    if extra:
        parts.append("<h2>其他笔记本</h2><ul>")
        parts += [f'<li><a href="{_page_name(n)}">{html.escape(n)}</a></li>' for n in extra]
        parts.append("</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
            f"<title>{COURSE_TITLE}</title>\n<style>\n{font_css()}{_INDEX_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def site_text() -> str:
    """The text the site adds around the notebooks (index, navigation): for the font's coverage."""
    titles = {l.notebook: f"{l.notebook[:2]} {l.title}" for l in LESSONS}
    return index_html({l.notebook for l in LESSONS}) + _nav(None, None, titles) + "".join(titles.values())


def _math_exporter_class(base):
    """``base`` (an nbconvert HTML exporter) whose Markdown turns formulas into MathJax script elements."""
    from jinja2 import pass_context
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    def script(body: str, display: bool) -> str:
        body = body.replace("</", "< /")                   # cannot close the script element early
        kind = "math/tex; mode=display" if display else "math/tex"
        return f'<script type="{kind}">{body}</script>'

    class MathRenderer(IPythonRenderer):
        def block_math(self, body: str) -> str:
            return script(body, True)

        def inline_math(self, body: str) -> str:
            return script(body, False)

        def latex_environment(self, name: str, body: str) -> str:
            return script(f"\\begin{{{name}}}{body}\\end{{{name}}}", True)

        def multiline_math(self, text: str) -> str:
            return script(text.strip().strip("$"), True)

    class MathExporter(base):
        @pass_context
        def markdown2html(self, context, source):
            cell = context.get("cell", {})
            renderer = MathRenderer(
                escape=False, attachments=cell.get("attachments", {}), embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text, exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

    return MathExporter


def _resources(prefix: str = "") -> dict:
    return {"course_font_css": font_css(prefix + "fonts/"), "course_mathjax": mathjax_config(prefix),
            "course_ui_fonts": UI_FONTS, "course_code_fonts": CODE_FONTS}


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    cls = _math_exporter_class(HTMLExporter)
    exporter = cls(template_name="lab", embed_images=True, language_code="zh",
                   extra_loaders=[jinja2.DictLoader({"convcourse_site.html.j2": _TEMPLATE})])
    exporter.template_file = "convcourse_site.html.j2"
    return exporter


@checked
def render_notebook(path: Path, nav: str = "", exporter=None) -> str:
    """HTML of one notebook from its stored outputs (no execution), with ``nav`` above and below."""
    import nbformat

    exporter = exporter or _exporter()
    nb = nbformat.read(path, as_version=4)
    title = next((l.title for l in LESSONS if l.notebook == path.name), None)
    if title:
        nb.metadata["title"] = f"{path.name[:2]} {title} · {COURSE_TITLE}"
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": path.stem, "path": str(path.parent)}, "course_nav": nav,
                       **_resources()})
    body = _NOTEBOOK_LINK.sub(lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)
    return body


@checked
def external_loads(page: str) -> list[str]:
    """Tags in ``page`` that would load something from the network (should be empty)."""
    return [m.group(0) for m in EXTERNAL_LOAD.finditer(page)]


def _package_dir(module: str, sub: str, what: str) -> Path:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError:
        raise ValueError(f"{what} needs the {module.replace('_', '-')} package (pip install -r requirements.txt)") from None
    return Path(mod.__file__).parent / sub


def mathjax_source() -> Path:
    """MathJax 2.7 as shipped by the ``jupyter-server-mathjax`` package."""
    return _package_dir("jupyter_server_mathjax", "static", "typesetting formulas offline")


def reveal_source() -> Path:
    """reveal.js as shipped by the ``sphinx-revealjs`` package."""
    return _package_dir("sphinx_revealjs", "_static/revealjs", "offline slides")


def _copy_parts(src: Path, dest: Path, parts) -> None:
    for part in parts:
        s, d = src / part, dest / part
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)


@checked
def copy_assets(out_dir: Path, reveal: bool = False) -> None:
    """The course fonts, MathJax (and reveal.js) beside the pages."""
    (out_dir / "fonts").mkdir(parents=True, exist_ok=True)
    for name in FONT_FILES:
        shutil.copyfile(FONT_DIR / name, out_dir / "fonts" / name)
    _copy_parts(mathjax_source(), out_dir / MATHJAX_DIR, MATHJAX_PARTS)
    if reveal:
        _copy_parts(reveal_source(), out_dir / REVEAL_DIR, REVEAL_PARTS)
        theme = f"dist/theme/{REVEAL_THEME}.css"
        css = (reveal_source() / theme).read_text(encoding="utf-8")
        (out_dir / REVEAL_DIR / theme).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / REVEAL_DIR / theme).write_text(re.sub(r"(?m)^@import .*$", "", css), encoding="utf-8")


@checked
def build_site(out_dir: Path | str = "_site", notebooks=None) -> list[Path]:
    """Render every notebook (or the ones named) and the index into ``out_dir``; returns the pages."""
    out_dir = Path(out_dir)
    if out_dir.resolve() == NOTEBOOK_DIR.resolve():
        raise ValueError(f"--out {out_dir} is the notebooks folder; choose another folder")
    paths = _ordered(notebook_paths(notebooks))
    if not paths:
        raise ValueError(f"no notebooks found in {NOTEBOOK_DIR}")
    mathjax_source()                                   # fail early with a clear message
    out_dir.mkdir(parents=True, exist_ok=True)
    titles = {l.notebook: f"{l.notebook[:2]} {l.title}" for l in LESSONS}
    names = [p.name for p in paths]
    exporter = _exporter()
    pages = []
    for i, p in enumerate(paths):
        nav = _nav(names[i - 1] if i else None, names[i + 1] if i + 1 < len(names) else None, titles)
        page = render_notebook(p, nav, exporter)
        loads = external_loads(page)
        if loads:
            raise ValueError(f"{p.name}: the page would load from the network: {loads[:3]}")
        target = out_dir / _page_name(p.name)
        target.write_text(page, encoding="utf-8")
        pages.append(target)
    index = out_dir / "index.html"
    index.write_text(index_html(set(names)), encoding="utf-8")
    copy_assets(out_dir)
    return [index, *pages]


@checked
def build_slides(out_dir: Path | str = "build/slides", notebooks=None) -> list[Path]:
    """reveal.js slide shows of the notebooks named (or all) into ``out_dir``, with local reveal.js."""
    import jinja2
    import nbformat
    from nbconvert import SlidesExporter

    out_dir = Path(out_dir)
    paths = _ordered(notebook_paths(notebooks))
    if not paths:
        raise ValueError(f"no notebooks found in {NOTEBOOK_DIR}")
    reveal_source(), mathjax_source()
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = _math_exporter_class(SlidesExporter)(
        reveal_url_prefix=REVEAL_DIR, reveal_theme=REVEAL_THEME, embed_images=True, language_code="zh",
        extra_loaders=[jinja2.DictLoader({"convcourse_slides.html.j2": _SLIDES_TEMPLATE})])
    exporter.template_file = "convcourse_slides.html.j2"
    written = []
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        normalise(nb)                                   # headings start slides, as `convcourse run` stores
        body, _ = exporter.from_notebook_node(
            nb, resources={"metadata": {"name": p.stem, "path": str(p.parent)}, **_resources()})
        loads = external_loads(body)
        if loads:
            raise ValueError(f"{p.name}: the slides would load from the network: {loads[:3]}")
        target = out_dir / f"{p.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    copy_assets(out_dir, reveal=True)
    return written


__all__ = ["build_site", "build_slides", "external_loads", "font_css", "index_html", "render_notebook",
           "site_text"]
