"""Planted mistakes for the coding exercise of notebook 24 (DANet: dual attention).

The exercises themselves are data, in ``n24.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
from .n22 import attend


def _pam(m, x, gamma=True, **variant):
    out = attend(m.query_conv(x), m.key_conv(x), m.value_conv(x), **variant)   # (N, C, H, W)
    return (m.gamma * out if gamma else out) + x
