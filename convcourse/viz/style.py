"""The course's plotting style."""
from __future__ import annotations

from .fonts import setup_fonts

COURSE_RC = {
    "figure.dpi": 100,
    "figure.figsize": (6.4, 4.0),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "image.cmap": "viridis",
    "savefig.bbox": "tight",
}


def use_course_style() -> None:
    """Chinese font + a quiet, consistent style; inline figures as PNG (nbval does not compare PNG)."""
    import matplotlib as mpl

    mpl.rcParams.update(COURSE_RC)
    setup_fonts()
    try:  # only inside IPython: keep inline figures PNG, never SVG (matplotlib's SVG carries a date)
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        if get_ipython() is not None:
            set_matplotlib_formats("png")
    except ImportError:
        pass
