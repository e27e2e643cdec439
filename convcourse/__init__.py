"""卷积模块精讲 (convcourse): faithful reference implementations and helpers for the course notebooks.

``import convcourse`` is cheap (torch only); matplotlib and ipywidgets load when ``viz`` or
``widgets`` is first used.
"""
from __future__ import annotations
from ._checks import checked

__version__ = "0.1.0"


@checked
def setup(seed: int = 0) -> None:
    """First cell of every notebook: fix the seeds and turn on the course's plotting style (Chinese font)."""
    import random

    import torch

    random.seed(seed)
    torch.manual_seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:
        pass
    from .viz import use_course_style

    use_course_style()


__all__ = ["setup", "__version__"]
