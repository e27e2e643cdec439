"""Planted mistakes for the coding exercise of notebook 27 (ASPP and DeepLabV3).

The exercises themselves are data, in ``n27.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch


def _aspp(m, x, order=None, pool="mean"):
    """A variant of the reference ASPP's forward (planted mistakes)."""
    outs = [branch(x) for branch in m.convs[:-1]]
    z = x.mean((2, 3), keepdim=True) if pool == "mean" else x.amax((2, 3), keepdim=True)
    outs.append(m.convs[-1][1](z).expand(-1, -1, *x.shape[-2:]))
    if order is not None:
        outs = [outs[i] for i in order]
    return m.project(torch.cat(outs, 1))
