"""Structural re-parameterisation (RepVGG, Ding et al., arXiv:2101.03697; used by ParNet, arXiv:2110.07641).

A branch "conv (no bias) -> BatchNorm" is, in eval mode, an affine map of the conv output:
BN(Wx) = gamma * (Wx - mu) / sqrt(var + eps) + beta = W'x + b' with
W' = W * gamma / sqrt(var + eps) (per output channel) and b' = beta - mu * gamma / sqrt(var + eps).
Convolutions are linear, so parallel branches that see the same input with the same stride and
output grid can be summed into **one** kxk kernel: a 1x1 kernel is a 3x3 kernel that is zero
except at the centre; "2x2 average pool then 1x1 conv" (stride 2) is a 3x3 / stride-2 kernel with
w / 4 in its lower-right 2x2 corner.
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F
from .._checks import checked

__all__ = ["fuse_conv_bn", "pad_1x1_to_3x3", "avgpool_1x1_to_3x3", "fuse_branches"]


@torch.no_grad()
@checked
def fuse_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> tuple[torch.Tensor, torch.Tensor]:
    """(W', b') of the single conv equal to ``bn(conv(x))`` in eval mode (running statistics)."""
    if not isinstance(conv, nn.Conv2d) or not isinstance(bn, nn.BatchNorm2d):
        raise ValueError("fuse_conv_bn needs an nn.Conv2d and an nn.BatchNorm2d")
    if conv.out_channels != bn.num_features:
        raise ValueError(f"bn has {bn.num_features} channels but conv has out_channels={conv.out_channels}")
    std = (bn.running_var + bn.eps).sqrt()                       # (C_out,)
    scale = bn.weight / std                                      # gamma / sqrt(var + eps)
    weight = conv.weight * scale.reshape(-1, 1, 1, 1)            # (C_out, C_in/g, k, k)
    conv_bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
    bias = bn.bias + (conv_bias - bn.running_mean) * scale      # (C_out,)
    return weight, bias


@checked
def pad_1x1_to_3x3(weight: torch.Tensor) -> torch.Tensor:
    """(C_out, C_in, 1, 1) -> (C_out, C_in, 3, 3): the 1x1 kernel at the centre, zeros around it."""
    if weight.shape[-2:] != (1, 1):
        raise ValueError(f"weight must be a 1x1 kernel, got shape {tuple(weight.shape)}")
    return F.pad(weight, [1, 1, 1, 1])


@checked
def avgpool_1x1_to_3x3(weight: torch.Tensor) -> torch.Tensor:
    """"AvgPool 2x2/2 -> 1x1 conv" as a 3x3 / stride-2 / padding-1 kernel: w/4 at rows and columns 1..2.

    A 3x3 stride-2 conv with padding 1 reads input rows 2i-1, 2i, 2i+1 for output row i; the 2x2
    pool reads rows 2i, 2i+1: kernel positions 1 and 2.
    """
    if weight.shape[-2:] != (1, 1):
        raise ValueError(f"weight must be a 1x1 kernel, got shape {tuple(weight.shape)}")
    return F.pad(weight.expand(*weight.shape[:2], 2, 2) / 4, [1, 0, 1, 0])


@checked
@torch.no_grad()
def fuse_branches(branch3x3: nn.Sequential, branch1x1: nn.Sequential, to_3x3=pad_1x1_to_3x3) -> nn.Conv2d:
    """One 3x3 conv with bias equal, in eval mode, to ``branch3x3(x) + branch1x1(x)`` (each branch conv -> BN).

    ``to_3x3`` places the folded 1x1 kernel in a 3x3 one: ``pad_1x1_to_3x3`` when both branches see the same
    grid, ``avgpool_1x1_to_3x3`` when the 1x1 branch reads a 2x2 average pool (stride 2).
    """
    conv3 = branch3x3[0]
    w3, b3 = fuse_conv_bn(conv3, branch3x3[1])                   # (C_out, C_in/g, 3, 3), (C_out,)
    w1, b1 = fuse_conv_bn(branch1x1[0], branch1x1[1])            # (C_out, C_in/g, 1, 1), (C_out,)
    # built where the weights live: on the meta device a fused network costs no memory
    fused = nn.Conv2d(conv3.in_channels, conv3.out_channels, 3, conv3.stride, 1, groups=conv3.groups, bias=True,
                      device=w3.device, dtype=w3.dtype)
    fused.weight.copy_(w3 + to_3x3(w1))                          # kernels add: the convs are linear
    fused.bias.copy_(b3 + b1)
    return fused
