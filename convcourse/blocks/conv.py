"""Conv -> BN -> activation, the unit most networks in the course are made of."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_divides, check_input, check_positive_int, checked


class ConvBNAct(nn.Sequential):
    """k x k conv (no bias, 'same' padding for odd k) -> BatchNorm -> activation.

    The same layout and parameter count as ``torchvision.ops.Conv2dNormActivation``.
    ``activation=None`` leaves the activation out (a "linear" layer, as MobileNetV2's projection).
    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 groups: int = 1, dilation: int = 1, activation: type[nn.Module] | None = nn.ReLU,
                 padding: int | None = None, norm: type[nn.Module] | None = nn.BatchNorm2d, bias: bool | None = None):
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_positive_int("kernel_size", kernel_size)
        check_positive_int("stride", stride)
        check_positive_int("groups", groups)
        check_divides("groups", groups, "in_channels", in_channels)
        check_divides("groups", groups, "out_channels", out_channels)
        if padding is None:
            if kernel_size % 2 == 0:
                raise ValueError(f"kernel_size={kernel_size} must be odd for 'same' padding (an even kernel "
                                 f"cannot keep the size); pass padding= explicitly for an even kernel")
            padding = (kernel_size - 1) // 2 * dilation
        if bias is None:
            bias = norm is None
        layers = [nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias=bias)]
        if norm is not None:
            layers.append(norm(out_channels))
        if activation is not None:
            layers.append(activation(inplace=True) if activation in (nn.ReLU, nn.ReLU6, nn.SiLU, nn.Hardswish)
                          else activation())
        super().__init__(*layers)
        self.in_channels, self.out_channels = in_channels, out_channels
        # smallest side a forward accepts: the dilated kernel must fit into the padded input
        self.min_size = max(1, (kernel_size - 1) * dilation + 1 - 2 * padding)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=self.min_size)
        return super().forward(x)
