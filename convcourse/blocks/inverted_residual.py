"""Inverted residual with linear bottleneck (MobileNetV2, Sandler et al., arXiv:1801.04381, Table 1, Fig. 3b)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import MAX_INT, check_choice, check_input, check_odd, check_positive_int, check_positive_number, checked
from .conv import ConvBNAct


def _inverted_residual_rules(in_channels: int, out_channels: int, stride: int, expand_ratio) -> int:
    """The rules of ``InvertedResidual`` (and ``inverted_residual_params``); returns the hidden width round(t C_in)."""
    check_positive_int("in_channels", in_channels)
    check_positive_int("out_channels", out_channels)
    check_choice("stride", stride, (1, 2))
    check_positive_number("expand_ratio", expand_ratio)
    hidden = int(round(in_channels * expand_ratio))             # t * C_in
    if not 1 <= hidden <= MAX_INT:
        raise ValueError(f"expand_ratio={expand_ratio} leaves round({in_channels} * {expand_ratio}) = "
                         f"{hidden} hidden channels; it must leave at least 1"
                         + ("" if hidden < 1 else f" and at most {MAX_INT}"))
    return hidden


class InvertedResidual(nn.Module):
    """expand 1x1 (C_in -> t C_in) -> depthwise 3x3 (stride s) -> **linear** 1x1 projection (-> C_out).

    The first two convs are followed by BN + ReLU6, the projection by BN only ("linear bottleneck",
    Sec. 3.2: ReLU on a low-dimensional tensor destroys information, Fig. 1). The shortcut connects the
    thin bottlenecks and is used only when stride == 1 and C_in == C_out. With expand_ratio t = 1 the
    expansion conv is left out (the first block of MobileNetV2, as in the official code and torchvision).

    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, stride: int, expand_ratio: float):
        super().__init__()
        hidden = _inverted_residual_rules(in_channels, out_channels, stride, expand_ratio)   # t * C_in
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride
        self.use_res_connect = stride == 1 and in_channels == out_channels
        layers: list[nn.Module] = []
        if expand_ratio != 1:
            layers.append(ConvBNAct(in_channels, hidden, 1, activation=nn.ReLU6))            # expand: pointwise
        layers += [
            ConvBNAct(hidden, hidden, 3, stride=stride, groups=hidden, activation=nn.ReLU6),  # depthwise
            ConvBNAct(hidden, out_channels, 1, activation=None),                             # linear projection
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


@checked
def inverted_residual_params(in_channels: int, out_channels: int, expand_ratio: float, kernel_size: int = 3) -> int:
    """Parameters (convs without bias + BN gamma/beta) of ``InvertedResidual``:
    [C_in h + 2h if t != 1] + k^2 h + 2h + h C_out + 2 C_out, with h = round(t C_in).
    ``kernel_size`` is the depthwise kernel (3 in MobileNetV2; an odd k keeps the size, as ``ConvBNAct`` needs)."""
    h = _inverted_residual_rules(in_channels, out_channels, 1, expand_ratio)
    check_odd("kernel_size", kernel_size, "'same' padding of the depthwise conv")
    expand = in_channels * h + 2 * h if expand_ratio != 1 else 0
    return expand + kernel_size ** 2 * h + 2 * h + h * out_channels + 2 * out_channels
