"""Offline static website of the course (``python -m convcourse site``).

Every notebook is rendered with nbconvert's ``HTMLExporter`` (the ``lab`` template) from its stored
outputs -- nothing is executed -- plus an index page with the syllabus grouped by week. The pages
load nothing from the network: the require.js, MathJax and mermaid ``<script>`` tags that nbconvert
points at CDNs are left out (the notebooks have no widgets or JavaScript outputs that need them), and
formulas stay readable as TeX source (``$...$``). Images are embedded and the course's Chinese font
subset (SIL OFL) is copied to ``fonts/`` as a fallback, so the folder can be copied to a USB stick or
opened with ``file://`` on a machine without a Chinese font.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .notebooks import NOTEBOOK_DIR, notebook_paths
from .syllabus import LESSONS, WEEKS

COURSE_TITLE = "卷积模块精讲"

# Overrides of nbconvert's lab template: no CDN scripts, a navigation bar at the top and bottom.
_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}
<style type="text/css">
@font-face { font-family: "CourseCJK"; src: url("fonts/NotoSansCJKsc-Course-Regular.otf") format("opentype"); }
nav.course-nav { display: flex; justify-content: space-between; gap: 1em; max-width: 1100px;
  margin: 0.8em auto; padding: 0.5em 1em; border: 1px solid #ddd; border-radius: 6px; background: #fafafa;
  font-family: var(--jp-ui-font-family); }
nav.course-nav a { text-decoration: none; }
nav.course-nav .disabled { color: #aaa; }
</style>
{%- endblock extra_css -%}
{%- block html_head_css -%}
<style type="text/css">
/* after the lab theme, so these win: Chinese glyphs fall back to the bundled font */
:root {
  --jp-ui-font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "CourseCJK", sans-serif;
  --jp-content-font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "CourseCJK", sans-serif;
  --jp-code-font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace, "CourseCJK";
}
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

_INDEX_CSS = """
@font-face { font-family: "CourseCJK"; src: url("fonts/NotoSansCJKsc-Course-Regular.otf") format("opentype"); }
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "CourseCJK", sans-serif;
       max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
th, td { border: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.missing { color: #999; }
"""

# links between notebooks written as [..](17_se.ipynb) or [..](17_se.ipynb#anchor) -> the .html page
_NOTEBOOK_LINK = re.compile(r'href="(?:\./)?(\d\d_[^"/#]+)\.ipynb(#[^"]*)?"')
# anything that would make the browser fetch from the network when the page is opened
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I)


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
            f"<title>{COURSE_TITLE}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True, language_code="zh-CN",
                            extra_loaders=[jinja2.DictLoader({"convcourse_site.html.j2": _TEMPLATE})])
    exporter.template_file = "convcourse_site.html.j2"
    return exporter


def render_notebook(path: Path, nav: str = "", exporter=None) -> str:
    """HTML of one notebook from its stored outputs (no execution), with ``nav`` above and below."""
    import nbformat

    exporter = exporter or _exporter()
    nb = nbformat.read(path, as_version=4)
    title = next((l.title for l in LESSONS if l.notebook == path.name), None)
    if title:
        nb.metadata["title"] = f"{path.name[:2]} {title} · {COURSE_TITLE}"
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": path.stem, "path": str(path.parent)}, "course_nav": nav})
    body = _NOTEBOOK_LINK.sub(lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)
    return body


def external_loads(page: str) -> list[str]:
    """Tags in ``page`` that would load something from the network (should be empty)."""
    return [m.group(0) for m in EXTERNAL_LOAD.finditer(page)]


def build_site(out_dir: Path | str = "_site", notebooks=None) -> list[Path]:
    """Render every notebook (or the ones named) and the index into ``out_dir``; returns the pages."""
    out_dir = Path(out_dir)
    if out_dir.resolve() == NOTEBOOK_DIR.resolve():
        raise ValueError(f"--out {out_dir} is the notebooks folder; choose another folder")
    paths = _ordered(notebook_paths(notebooks))
    if not paths:
        raise ValueError(f"no notebooks found in {NOTEBOOK_DIR}")
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
    fonts = Path(__file__).parent / "viz" / "fonts"          # the course's CJK subset (OFL) for readers without one
    (out_dir / "fonts").mkdir(exist_ok=True)
    for name in ("NotoSansCJKsc-Course-Regular.otf", "OFL.txt"):
        if (fonts / name).exists():
            shutil.copyfile(fonts / name, out_dir / "fonts" / name)
    return [index, *pages]


__all__ = ["build_site", "external_loads", "index_html", "render_notebook"]
