"""Planted mistakes for the coding exercise of notebook 18 (CBAM: channel and spatial attention).

The exercises themselves are data, in ``n18.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch


def _parts(m):
    return m.channel_attention.mlp, m.spatial_attention.conv


def _mc(mlp, x):
    return torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))


def _ms(conv, f, order=("avg", "max")):
    maps = {"avg": f.mean(1, keepdim=True), "max": f.amax(1, keepdim=True)}
    return torch.sigmoid(conv(torch.cat([maps[k] for k in order], 1)))


def _max_avg(m, x):                       # the two pooled maps concatenated as [max, avg]
    mlp, conv = _parts(m)
    f = x * _mc(mlp, x)
    return f * _ms(conv, f, ("max", "avg"))


def _spatial_from_input(m, x):            # M_s computed from F instead of F'
    mlp, conv = _parts(m)
    return x * _mc(mlp, x) * _ms(conv, x)


def _avg_only(m, x):                      # SE's excitation: no max-pooled descriptor
    mlp, conv = _parts(m)
    f = x * torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)))
    return f * _ms(conv, f)


def _sigmoid_each(m, x):                  # sigma(a) + sigma(b) instead of sigma(a + b)
    mlp, conv = _parts(m)
    f = x * (torch.sigmoid(mlp(x.mean((2, 3), keepdim=True))) + torch.sigmoid(mlp(x.amax((2, 3), keepdim=True))))
    return f * _ms(conv, f)


def _spatial_first(m, x):                 # spatial attention, then channel attention
    mlp, conv = _parts(m)
    f = x * _ms(conv, x)
    return f * _mc(mlp, f)


def _no_channel_sigmoid(m, x):
    mlp, conv = _parts(m)
    f = x * (mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))
    return f * _ms(conv, f)


def _no_spatial_sigmoid(m, x):
    mlp, conv = _parts(m)
    f = x * _mc(mlp, x)
    return f * conv(torch.cat([f.mean(1, keepdim=True), f.amax(1, keepdim=True)], 1))
