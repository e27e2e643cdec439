"""Planted mistakes for the coding exercise of notebook 22 (Non-local).

The exercises themselves are data, in ``n22.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import math
from .._checks import checked


@checked
def attend(query, key, value, dim=-1, softmax=True, scale=1.0, swap=False, transpose=True,
           transposed_weights=False):
    """y_i = Σ_j softmax_j(q_i · k_j) v_j over all H·W positions, and its planted variants.

    query, key: (N, C', H, W); value: (N, C, H, W) -> (N, C, H, W). Shared with notebook 24 (PAM is this
    attention). ``dim=1`` normalises over the queries, ``softmax=False`` keeps raw scores, ``swap`` exchanges
    the query and key maps, ``transpose=False`` reshapes (N, HW, C) without transposing,
    ``transposed_weights`` weights with Aᵀ (PAM's value @ S instead of value @ Sᵀ).
    """
    n, _, h, w = query.shape
    q = query.flatten(2).transpose(1, 2)                              # (N, HW, C')
    k = key.flatten(2)                                                # (N, C', HW)
    if swap:
        q, k = key.flatten(2).transpose(1, 2), query.flatten(2)
    f = q @ k * scale                                                 # (N, HW, HW)
    a = f.softmax(dim=dim) if softmax else f
    a = a.transpose(1, 2) if transposed_weights else a
    y = a @ value.flatten(2).transpose(1, 2)                          # (N, HW, C)
    return y.transpose(1, 2).reshape(n, -1, h, w) if transpose else y.reshape(n, -1, h, w)


def _nonlocal(m, x, bn=True, **variant):
    y = attend(m.theta(x), m.phi(x), m.g(x), **variant)              # (N, C', H, W)
    return (m.W_z(y) if bn else m.W_z[0](y)) + x


def _scaled(m, x):
    return _nonlocal(m, x, scale=1 / math.sqrt(m.inter_channels))
