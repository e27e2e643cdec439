"""``show_source(obj)``: the package's own code of a class, function or method, shown in the notebook.

A lesson reads the real implementation instead of a copy, so the listing cannot drift from the code.
The display is Markdown (a fenced ``python`` block: JupyterLab and the HTML export highlight it) with a
plain-text fallback; both are plain functions of the source text, so the stored output is stable and
strict nbval compares it exactly (a changed implementation shows up as a changed output).
"""
from __future__ import annotations

import inspect
import textwrap
from pathlib import Path
from ._checks import checked

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@checked
def source_of(obj) -> str:
    """The dedented source of ``obj`` (class, function, method, property), exactly as in the file."""
    target = obj.fget if isinstance(obj, property) else obj
    return textwrap.dedent(inspect.getsource(target)).rstrip("\n")


@checked
def where(obj) -> str:
    """'convcourse/attention/se.py · SEBlock.forward' (file relative to the repository, qualified name)."""
    target = obj.fget if isinstance(obj, property) else obj
    target = inspect.unwrap(target)
    path = Path(inspect.getsourcefile(target)).resolve()
    try:
        path = path.relative_to(PACKAGE_ROOT)
    except ValueError:
        pass
    return f"{path.as_posix()} · {getattr(target, '__qualname__', getattr(target, '__name__', repr(target)))}"


class SourceListing:
    """What ``show_source`` displays: Markdown for the notebook, plain text everywhere else."""

    @checked
    def __init__(self, obj):
        self.header, self.code = where(obj), source_of(obj)

    def _repr_markdown_(self) -> str:
        return f"`{self.header}`\n\n```python\n{self.code}\n```"

    def __repr__(self) -> str:
        return f"# {self.header}\n{self.code}"

    def html(self) -> str:
        """The listing highlighted by Pygments (for pages outside Jupyter)."""
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        return highlight(self.code, PythonLexer(), HtmlFormatter(noclasses=True))


@checked
def show_source(obj) -> None:
    """Display the source of ``obj`` from the package, e.g. ``show_source(SEBlock.forward)``."""
    from IPython.display import display

    display(SourceListing(obj))
