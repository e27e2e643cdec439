"""Partial convolution (PConv) and the FasterNet block (Chen et al., "Run, Don't Walk", arXiv:2303.03667).

PConv applies a regular k x k conv to only the first c_p = C / n_div channels and passes the other
C - c_p channels through untouched (Sec. 3.1). With r = c_p / C = 1/4 it costs
h w k^2 c_p^2 FLOPs (1/16 of a regular conv) and h w 2 c_p memory access (1/4).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import (check_choice, check_divides, check_input, check_odd, check_positive_int, check_positive_number, checked)
from .conv import ConvBNAct


class PConv(nn.Module):
    """Partial convolution: conv k x k on channels [0, C/n_div), identity on the rest.

    Args:
        channels: C (input = output channels). Must be divisible by ``n_div``.
        n_div: C / c_p, the paper's 1 / r (default 4).
        forward_type: ``"split_cat"`` (split, conv, concatenate: for training and inference) or
            ``"slicing"`` (clone, then overwrite the first c_p channels in place: inference only, it
            saves the concatenation; the clone keeps the caller's tensor, e.g. the residual, intact).
        kernel_size: k (default 3), no bias (a BN follows later in the FasterNet block).

    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    @checked
    def __init__(self, channels: int, n_div: int = 4, forward_type: str = "split_cat", kernel_size: int = 3):
        super().__init__()
        check_positive_int("channels", channels)
        check_positive_int("n_div", n_div)
        check_divides("n_div", n_div, "channels", channels)
        check_choice("forward_type", forward_type, ("slicing", "split_cat"))
        check_odd("kernel_size", kernel_size, "'same' padding keeps H x W; an even kernel shrinks the map by 1")
        self.channels, self.n_div, self.forward_type = channels, n_div, forward_type
        self.dim_conv = channels // n_div              # c_p
        self.dim_untouched = channels - self.dim_conv  # C - c_p
        self.partial_conv = nn.Conv2d(self.dim_conv, self.dim_conv, kernel_size, 1, (kernel_size - 1) // 2,
                                      bias=False)

    def forward_slicing(self, x: torch.Tensor) -> torch.Tensor:
        x = x.clone()                                   # without it the caller's x (the shortcut!) is overwritten
        x[:, :self.dim_conv] = self.partial_conv(x[:, :self.dim_conv])   # (N, c_p, H, W) written in place
        return x

    def forward_split_cat(self, x: torch.Tensor) -> torch.Tensor:
        x1, x2 = torch.split(x, [self.dim_conv, self.dim_untouched], dim=1)  # (N, c_p, H, W), (N, C - c_p, H, W)
        return torch.cat((self.partial_conv(x1), x2), dim=1)                 # (N, C, H, W)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        if self.forward_type == "slicing":
            return self.forward_slicing(x)
        return self.forward_split_cat(x)


class FasterNetBlock(nn.Module):
    """PConv -> 1x1 conv (C -> mlp_ratio C) -> BN -> act -> 1x1 conv (-> C), plus the shortcut (Fig. 4).

    BN and activation appear only once, after the middle layer (Sec. 3.3), as in the official
    ``MLPBlock``. The activation is GELU for FasterNet-T0/T1 and ReLU for the larger models.

    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    @checked
    def __init__(self, channels: int, n_div: int = 4, mlp_ratio: float = 2.0,
                 activation: type[nn.Module] = nn.ReLU, forward_type: str = "split_cat"):
        super().__init__()
        check_positive_number("mlp_ratio", mlp_ratio)
        self.channels = channels
        hidden = int(channels * mlp_ratio)
        if hidden < 1:
            raise ValueError(f"mlp_ratio={mlp_ratio} leaves int({channels} * {mlp_ratio}) = {hidden} hidden "
                             f"channels; it must leave at least 1")
        self.spatial_mixing = PConv(channels, n_div, forward_type)
        self.mlp = nn.Sequential(
            ConvBNAct(channels, hidden, 1, activation=activation),   # (N, C, H, W) -> (N, 2C, H, W)
            nn.Conv2d(hidden, channels, 1, bias=False),              # (N, 2C, H, W) -> (N, C, H, W)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        return x + self.mlp(self.spatial_mixing(x))


@checked
def pconv_flops(h: int, w: int, channels: int, n_div: int = 4, kernel_size: int = 3) -> int:
    """Paper Eq. 3: h w k^2 c_p^2 (multiply-adds) with c_p = C / n_div."""
    cp = channels // n_div
    return h * w * kernel_size ** 2 * cp ** 2


@checked
def pconv_memory_access(h: int, w: int, channels: int, n_div: int = 4, kernel_size: int = 3) -> int:
    """Paper Eq. 4: h w 2 c_p + k^2 c_p^2 (feature-map reads + writes + weights), in elements."""
    cp = channels // n_div
    return h * w * 2 * cp + kernel_size ** 2 * cp ** 2
