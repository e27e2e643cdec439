"""Planted mistakes for the coding exercise of notebook 23 (GCNet: global context block).

The exercises themselves are data, in ``n23.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch


def _gc(m, x, pooling="softmax", fusion="add"):
    n, c, h, w = x.shape
    logits = m.conv_mask(x)                                           # (N, 1, H, W)
    if pooling == "softmax":
        a = logits.flatten(1).softmax(dim=1).view(n, 1, h, w)
    elif pooling == "rows":                                           # softmax along W only
        a = logits.softmax(dim=-1)
    elif pooling == "channel":                                        # softmax over the single channel: all ones
        a = logits.softmax(dim=1)
    elif pooling == "sigmoid":
        a = torch.sigmoid(logits)
    else:                                                             # average pooling
        a = torch.full_like(logits, 1.0 / (h * w))
    context = (x * a).sum((2, 3), keepdim=True)                       # (N, C, 1, 1)
    t = m.transform(context)
    return x + t if fusion == "add" else x * torch.sigmoid(t)
