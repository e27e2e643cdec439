"""Squeeze-and-Excitation (Hu et al., arXiv:1709.01507)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_reduced, checked
from .recording import RecordsAttention


def _se_rules(channels: int, reduction, squeeze_channels: int | None = None) -> int:
    """The rules of ``SEBlock`` (and ``se_params``); returns the bottleneck width (C // r unless given)."""
    check_positive_int("channels", channels)
    if squeeze_channels is None:
        squeeze_channels = check_reduced("reduction", channels, reduction)
    return check_positive_int("squeeze_channels", squeeze_channels)


@checked
def se_params(channels: int, reduction: int = 16, bias: bool = True) -> int:
    """Parameters of an SE block: 2 C^2 / r weights (+ C / r + C biases), hidden width C // r."""
    hidden = _se_rules(channels, reduction)
    return 2 * channels * hidden + ((hidden + channels) if bias else 0)


class SEBlock(RecordsAttention):
    """Squeeze (global average pool) -> Excitation (FC-ReLU-FC-sigmoid) -> Scale (Fig. 1, Eq. 2-4).

    The two FC layers are written as 1x1 convolutions with bias, as in the official Caffe model and in
    ``torchvision.ops.SqueezeExcitation``; on a (N, C, 1, 1) tensor they compute exactly W2 d(W1 z).

    Args:
        channels: C, channels of the input.
        reduction: r in the paper (default 16): the bottleneck has C / r channels.
        squeeze_channels: set the bottleneck width directly instead of C // r (EfficientNet uses
            in_channels // 4 of the block's *input*).
        activation: the non-linearity d between the two FCs (ReLU in the paper, SiLU in EfficientNet).
        gate: the squashing function sigma (Sigmoid in the paper; GhostNet/MobileNetV3 use a hard sigmoid).
        bias: biases in the two FCs (True, as in the official model; many copies, e.g. the popular
            ``SELayer`` with ``nn.Linear(..., bias=False)``, drop them: 2C^2/r instead of 2C^2/r + C/r + C).

    Shapes: (N, C, H, W) -> (N, C, H, W). ``last_attention``: the channel weights s, (N, C, 1, 1).
    """

    @checked
    def __init__(self, channels: int, reduction: int = 16, squeeze_channels: int | None = None,
                 activation: type[nn.Module] = nn.ReLU, gate: type[nn.Module] = nn.Sigmoid,
                 bias: bool = True):
        super().__init__()
        squeeze_channels = _se_rules(channels, reduction, squeeze_channels)
        self.channels = channels
        self.avg_pool = nn.AdaptiveAvgPool2d(1)                      # F_sq, Eq. 2
        self.fc1 = nn.Conv2d(channels, squeeze_channels, 1, bias=bias)  # W1: C -> C/r
        self.activation = activation()                               # delta
        self.fc2 = nn.Conv2d(squeeze_channels, channels, 1, bias=bias)  # W2: C/r -> C
        self.gate = gate()                                           # sigma, Eq. 3
        self.last_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        z = self.avg_pool(x)                                         # (N, C, H, W) -> (N, C, 1, 1)
        s = self.gate(self.fc2(self.activation(self.fc1(z))))        # (N, C, 1, 1), Eq. 3
        self.record(s)
        return x * s                                                 # F_scale, Eq. 4
