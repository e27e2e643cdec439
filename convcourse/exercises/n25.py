"""Planted mistakes for the coding exercise of notebook 25 (EfficientNetV2: MBConv and Fused-MBConv).

The exercises themselves are data, in ``n25.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch
import torch.nn.functional as F


ACTIVATIONS = {"silu": F.silu, "relu": F.relu, "relu6": F.relu6, "sigmoid": torch.sigmoid, "identity": lambda t: t}


def _mbconv(m, x, act="silu", se_act="silu", gate="sigmoid", pool="mean", se=True, last=None):
    """A variant of the reference MBConv's forward (planted mistakes); activations by name."""
    act, se_act, gate = ACTIVATIONS[act], ACTIVATIONS[se_act], ACTIVATIONS[gate]
    expand, dw, se_block, project = m.block
    out = act(expand[1](expand[0](x)))
    out = act(dw[1](dw[0](out)))
    if se:
        z = out.mean((2, 3), keepdim=True) if pool == "mean" else out.amax((2, 3), keepdim=True)
        out = out * gate(se_block.fc2(se_act(se_block.fc1(z))))
    out = project[1](project[0](out))
    if last is not None:
        out = ACTIVATIONS[last](out)
    return out + x
