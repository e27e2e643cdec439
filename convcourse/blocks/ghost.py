"""Ghost module and Ghost bottleneck (Han et al., GhostNet, arXiv:1911.11907, Sec. 3.1-3.2, Fig. 2-3).

A Ghost module replaces a conv producing n maps: a primary conv makes m = ceil(n / s) "intrinsic" maps,
a cheap depthwise d x d conv makes s - 1 "ghost" maps from each of them, and the two are concatenated
(the identity of Eq. 3 is the intrinsic maps themselves), then cut to n channels.
"""
from __future__ import annotations

import math

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..attention.se import SEBlock
from ..helpers import make_divisible  # re-exported: notebook 14 imports it from here
from .conv import ConvBNAct

__all__ = ["GhostModule", "GhostBottleneck", "make_divisible", "ghost_module_params", "ghost_speedup_ratio"]


def _ghost_module_rules(in_channels: int, out_channels: int, kernel_size: int = 1, ratio: int = 2, dw_size: int = 3,
                        stride: int = 1) -> None:
    """The rules of ``GhostModule`` (and ``ghost_module_params``)."""
    check_positive_int("in_channels", in_channels)
    check_positive_int("out_channels", out_channels)
    check_positive_int("kernel_size", kernel_size)
    check_positive_int("ratio", ratio, minimum=2)     # s = 1 would leave no ghost maps: a plain conv
    check_positive_int("dw_size", dw_size)
    if dw_size % 2 == 0 or kernel_size % 2 == 0:
        raise ValueError(f"kernel_size={kernel_size} and dw_size={dw_size} must be odd ('same' padding)")
    check_choice("stride", stride, [1, 2])


@checked
def ghost_module_params(in_channels: int, out_channels: int, kernel_size: int = 1, ratio: int = 2,
                        dw_size: int = 3) -> int:
    """Parameters of ``GhostModule``: primary k x k conv + BN, cheap depthwise d x d conv + BN (no biases).

    m = ceil(n / s) intrinsic maps: k^2 c m + 2m;  m (s - 1) ghost maps: d^2 m (s - 1) + 2 m (s - 1).
    """
    _ghost_module_rules(in_channels, out_channels, kernel_size, ratio, dw_size)
    m = math.ceil(out_channels / ratio)
    ghosts = m * (ratio - 1)
    return kernel_size ** 2 * in_channels * m + 2 * m + dw_size ** 2 * ghosts + 2 * ghosts


@checked
def ghost_speedup_ratio(in_channels: int, kernel_size: int = 1, ratio: int = 2, dw_size: int = 3) -> float:
    """Eq. 4 (= Eq. 5 for parameters): c k^2 / ((1/s) c k^2 + ((s-1)/s) d^2), which is about s when d ~ k, s << c."""
    check_positive_int("ratio", ratio, minimum=2)
    c, k, s, d = in_channels, kernel_size, ratio, dw_size
    return c * k * k / (c * k * k / s + (s - 1) / s * d * d)


class GhostModule(nn.Module):
    """Ghost module (Fig. 2b): primary conv -> m intrinsic maps, cheap depthwise conv -> m(s-1) ghosts.

    Args follow the official code: ``kernel_size`` of the primary conv (1 in GhostNet), ``ratio`` s,
    ``dw_size`` d of the cheap operation, ``relu`` after both convs (off for the projection module).
    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 1, ratio: int = 2,
                 dw_size: int = 3, stride: int = 1, relu: bool = True):
        super().__init__()
        _ghost_module_rules(in_channels, out_channels, kernel_size, ratio, dw_size, stride)
        self.in_channels, self.out_channels = in_channels, out_channels
        init_channels = math.ceil(out_channels / ratio)                 # m = ceil(n / s)
        new_channels = init_channels * (ratio - 1)                       # m (s - 1)
        act = nn.ReLU if relu else None
        self.primary_conv = ConvBNAct(in_channels, init_channels, kernel_size, stride, activation=act)   # Eq. 2
        self.cheap_operation = ConvBNAct(init_channels, new_channels, dw_size, 1, groups=init_channels,
                                         activation=act)                 # Phi_{i,j} of Eq. 3 (depthwise)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        intrinsic = self.primary_conv(x)                                 # (N, m, H', W')
        ghosts = self.cheap_operation(intrinsic)                         # (N, m(s-1), H', W')
        return torch.cat([intrinsic, ghosts], dim=1)[:, :self.out_channels]   # (N, n, H', W')


class GhostBottleneck(nn.Module):
    """Ghost bottleneck (Fig. 3): Ghost module (expansion, ReLU) -> [3x3/5x5 depthwise stride 2 + BN] ->
    [SE] -> Ghost module (projection, no ReLU) + shortcut.

    The shortcut is the identity when the shape is unchanged, else depthwise conv-BN + 1x1 conv-BN (official code).
    SE follows the official code: bottleneck width ``make_divisible(mid * se_ratio, 4)``, ReLU, hard sigmoid gate
    (``SEBlock`` with ``gate=nn.Hardsigmoid``: relu6(x + 3) / 6, as the official ``hard_sigmoid``).
    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, mid_channels: int, out_channels: int, dw_kernel_size: int = 3,
                 stride: int = 1, se_ratio: float = 0.0):
        super().__init__()
        check_positive_int("mid_channels", mid_channels)
        check_choice("stride", stride, [1, 2])
        check_choice("dw_kernel_size", dw_kernel_size, [3, 5])
        if not (isinstance(se_ratio, (int, float)) and 0.0 <= se_ratio <= 1.0):
            raise ValueError(f"se_ratio={se_ratio!r} must be a number in [0, 1] (0 = no SE)")
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride
        self.ghost1 = GhostModule(in_channels, mid_channels, relu=True)                 # point-wise expansion
        self.conv_dw = (ConvBNAct(mid_channels, mid_channels, dw_kernel_size, stride, groups=mid_channels,
                                  activation=None) if stride > 1 else nn.Identity())   # down-sampling
        self.se = (SEBlock(mid_channels, squeeze_channels=make_divisible(mid_channels * se_ratio, 4),
                           gate=nn.Hardsigmoid) if se_ratio > 0 else nn.Identity())
        self.ghost2 = GhostModule(mid_channels, out_channels, relu=False)               # linear projection
        if in_channels == out_channels and stride == 1:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Sequential(
                ConvBNAct(in_channels, in_channels, dw_kernel_size, stride, groups=in_channels, activation=None),
                ConvBNAct(in_channels, out_channels, 1, activation=None))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        out = self.ghost2(self.se(self.conv_dw(self.ghost1(x))))       # (N, C_out, H', W')
        return out + self.shortcut(x)
