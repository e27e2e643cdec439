"""Planted mistakes for the coding exercise of notebook 20 (scSE: concurrent spatial and channel squeeze and excitation).

The exercises themselves are data, in ``n20.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch


def _branches(m, x, relu=True):
    s = m.cse.fc1(x.mean((2, 3), keepdim=True))
    z = torch.sigmoid(m.cse.fc2(torch.relu(s) if relu else s))       # (N, C, 1, 1)
    q = torch.sigmoid(m.sse.conv(x))                                  # (N, 1, H, W)
    return z, q


def _max(m, x):                           # the journal version's fusion
    z, q = _branches(m, x)
    return torch.maximum(x * z, x * q)


def _serial(m, x):                        # x * z * q: CBAM-like gating, not two branches
    z, q = _branches(m, x)
    return x * z * q


def _sse_after_cse(m, x):                 # sSE fed with the cSE output
    z, _ = _branches(m, x)
    u_c = x * z
    return u_c + u_c * torch.sigmoid(m.sse.conv(u_c))


def _no_sse_sigmoid(m, x):
    z, _ = _branches(m, x)
    return x * z + x * m.sse.conv(x)


def _no_cse_sigmoid(m, x):
    _, q = _branches(m, x)
    return x * m.cse.fc2(torch.relu(m.cse.fc1(x.mean((2, 3), keepdim=True)))) + x * q


def _no_relu(m, x):
    z, q = _branches(m, x, relu=False)
    return x * z + x * q
