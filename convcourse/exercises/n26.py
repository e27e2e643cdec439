"""Planted mistakes for the coding exercise of notebook 26 (ParNet and structural re-parameterisation).

The exercises themselves are data, in ``n26.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch
import torch.nn.functional as F


def _fold(conv, bn, sqrt=True, mean=True, dim=0):
    """A variant of folding BN into a bias-free conv (planted mistakes)."""
    std = (bn.running_var + bn.eps).sqrt() if sqrt else bn.running_var + bn.eps
    scale = bn.weight / std
    bias = bn.bias - bn.running_mean * scale if mean else bn.bias
    return conv.weight * scale.reshape((-1, 1, 1, 1) if dim == 0 else (1, -1, 1, 1)), bias


def _rep(m, x, pad=(1, 1, 1, 1), fold_1x1=True, with_1x1=True, bias_1x1=True, **fold):
    """A variant of the re-parameterised ParNet block's forward (planted mistakes)."""
    w3, b3 = _fold(m.conv3x3[0], m.conv3x3[1], **fold)
    if fold_1x1:
        w1, b1 = _fold(m.conv1x1[0], m.conv1x1[1], **fold)
    else:
        w1, b1 = m.conv1x1[0].weight, torch.zeros_like(b3)
    w = w3 + F.pad(w1, list(pad)) if with_1x1 else w3
    b = b3 + b1 if with_1x1 and bias_1x1 else b3
    return F.silu(F.conv2d(x, w, b, padding=1) + m.sse(x))
