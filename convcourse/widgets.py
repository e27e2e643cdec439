"""ipywidgets front-ends over pure functions.

Pattern used in every notebook (it passes strict nbval): a pure function ``show(...)`` that prints
and/or plots; the widget cell (marked ``# NBVAL_IGNORE_OUTPUT``) calls ``panel(show, ...)``; the next
cell calls ``show(...)`` with fixed values, whose output is stored and compared.
A ``ValueError`` raised by the function is shown as a short message instead of a traceback.
"""
from __future__ import annotations

import functools
from typing import Callable
from ._checks import checked


@checked
def guarded(func: Callable) -> Callable:
    """Wrap ``func`` so a ``ValueError`` (an invalid combination of inputs) prints a message."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValueError as e:
            print(f"⚠️ 这组参数不成立：{e}")
            return None

    return wrapper


@checked
def panel(func: Callable, **controls):
    """``ipywidgets.interact`` over ``guarded(func)``; ``controls`` as for ``interact``:
    ``(lo, hi, step)`` tuples become sliders, lists become drop-downs, bools check-boxes."""
    from ipywidgets import interact

    return interact(guarded(func), **controls)
