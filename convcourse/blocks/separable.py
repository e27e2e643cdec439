"""Depthwise, pointwise and depthwise-separable convolutions (Xception arXiv:1610.02357, MobileNet arXiv:1704.04861).

A depthwise conv is a grouped conv with groups = C_in: each channel gets its own k x k filter.
A pointwise conv is a 1 x 1 conv that mixes channels. Together they factor a k x k conv whose
parameters k^2 C_in C_out drop to k^2 C_in + C_in C_out (ratio 1/C_out + 1/k^2, MobileNet Eq. 5).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_conv, check_input, check_positive_int, checked
from .conv import ConvBNAct


class DepthwiseConv2d(nn.Conv2d):
    """k x k conv with groups = in_channels (one filter per channel); ``depth_multiplier`` filters each.
    ``kernel_size`` is an int or a pair (k_h, k_w), as for ``nn.Conv2d``."""

    @checked
    def __init__(self, in_channels: int, kernel_size: int | tuple[int, int] = 3, stride: int = 1,
                 padding: int | None = None, dilation: int = 1, depth_multiplier: int = 1, bias: bool = False):
        check_positive_int("in_channels", in_channels)
        check_positive_int("depth_multiplier", depth_multiplier)
        kh, kw = check_conv(in_channels, in_channels * depth_multiplier, kernel_size, groups=in_channels)
        if padding is None:
            padding = ((kh - 1) // 2 * dilation, (kw - 1) // 2 * dilation)
        super().__init__(in_channels, in_channels * depth_multiplier, kernel_size, stride, padding, dilation,
                         groups=in_channels, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return super().forward(x)


class SeparableConv2d(nn.Module):
    """Xception's separable conv: depthwise k x k then pointwise 1 x 1, **no** BN or ReLU in between
    (the Xception paper, Sec. 4 and Fig. 10, found the intermediate non-linearity hurts).

    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 dilation: int = 1, bias: bool = False):
        super().__init__()
        self.depthwise = DepthwiseConv2d(in_channels, kernel_size, stride, dilation=dilation, bias=bias)
        check_conv(in_channels, out_channels, 1)                        # the pointwise conv, as counted
        self.in_channels, self.out_channels = in_channels, out_channels
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.pointwise(self.depthwise(x))      # (N, C_in, H, W) -> (N, C_in, H', W') -> (N, C_out, H', W')


class DepthwiseSeparableConv(nn.Module):
    """MobileNet v1's unit (Fig. 3 right): 3x3 depthwise-BN-ReLU then 1x1 pointwise-BN-ReLU.

    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 activation: type[nn.Module] | None = nn.ReLU):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.depthwise = ConvBNAct(in_channels, in_channels, kernel_size, stride, groups=in_channels,
                                   activation=activation)
        self.pointwise = ConvBNAct(in_channels, out_channels, 1, activation=activation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.pointwise(self.depthwise(x))
