"""Darknet-53 (Redmon & Farhadi, YOLOv3, arXiv:1804.02767, Table 1): the YOLOv3 backbone.

Every convolution is conv (no bias) -> BN -> LeakyReLU(0.1) ("Convolutional" in the paper). A stage
is a 3x3 stride-2 conv that doubles the channels, then n residual units (1x1 halves the channels,
3x3 restores them, the input is added; no activation after the addition, as the darknet "shortcut"
layer). Stages repeat 1, 2, 8, 8, 4 times: 1 + 5 + 2 * 23 = 52 convolutions + the FC = 53 layers.

Shapes: (N, 3, 416, 416) -> stages (N, 64, 208, 208), (N, 128, 104, 104), (N, 256, 52, 52),
(N, 512, 26, 26), (N, 1024, 13, 13) -> (N, num_classes). YOLOv3 reads the last three.
"""
from __future__ import annotations

import functools
from typing import Sequence

import torch
from torch import nn

from .._checks import check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct

__all__ = ["LeakyReLU01", "conv_bn_leaky", "ResidualUnit", "Darknet", "CONFIGS", "darknet53"]

#: the paper's activation: leaky ReLU with slope 0.1 for x < 0
LeakyReLU01 = functools.partial(nn.LeakyReLU, negative_slope=0.1, inplace=True)


@checked
def conv_bn_leaky(in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1) -> ConvBNAct:
    """The paper's "Convolutional" layer: k x k conv (no bias) -> BN -> LeakyReLU(0.1)."""
    return ConvBNAct(in_channels, out_channels, kernel_size, stride, activation=LeakyReLU01)


class ResidualUnit(nn.Module):
    """1x1 conv (C -> C/2) -> 3x3 conv (C/2 -> C) -> + x (Table 1's boxed rows).

    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    @checked
    def __init__(self, channels: int):
        super().__init__()
        check_positive_int("channels", channels, minimum=2)
        if channels % 2:
            raise ValueError(f"channels={channels} must be even (the 1x1 conv halves it)")
        self.channels = channels
        self.conv1 = conv_bn_leaky(channels, channels // 2, 1)      # (N, C, H, W) -> (N, C/2, H, W)
        self.conv2 = conv_bn_leaky(channels // 2, channels, 3)      # -> (N, C, H, W)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        return x + self.conv2(self.conv1(x))                         # linear shortcut


class Darknet(nn.Module):
    """Darknet backbone + classifier (global average pool, FC), paper Table 1.

    ``layers``: residual units per stage (Darknet-53: 1, 2, 8, 8, 4); ``stem_channels``: width of the
    first 3x3 conv (32); stage i has ``stem_channels * 2 ** (i + 1)`` channels (64 ... 1024).
    """

    @checked
    def __init__(self, layers: Sequence[int] = (1, 2, 8, 8, 4), num_classes: int = 1000,
                 in_channels: int = 3, stem_channels: int = 32):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_positive_int("stem_channels", stem_channels)
        if not (len(layers) >= 1 and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                                         for n in layers)):
            raise ValueError(f"layers={list(layers)} must be residual-unit counts >= 0, e.g. (1, 2, 8, 8, 4)")
        self.in_channels = in_channels
        self.stem = conv_bn_leaky(in_channels, stem_channels, 3)       # (N, 3, H, W) -> (N, 32, H, W)
        stages, c = [], stem_channels
        for n in layers:                                                # each stage: /2 and x2 channels
            stages.append(nn.Sequential(conv_bn_leaky(c, 2 * c, 3, stride=2),
                                        *[ResidualUnit(2 * c) for _ in range(n)]))
            c *= 2
        self.stages = nn.ModuleList(stages)
        self.out_channels = c
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, num_classes)                             # "Connected 1000" (+ softmax in the loss)

    def forward_stages(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Output of every stage: at 416 x 416, spatial sizes 208, 104, 52, 26, 13."""
        check_input(x, self.in_channels)
        x = self.stem(x)
        outs = []
        for stage in self.stages:
            x = stage(x)
            outs.append(x)
        return outs

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        """(N, 3, 416, 416) -> (N, 1024, 13, 13)."""
        return self.forward_stages(x)[-1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.forward_features(x))
        return self.fc(torch.flatten(x, 1))


# builder -> residual units per stage (paper Table 1)
CONFIGS = {"darknet53": (1, 2, 8, 8, 4)}


def _build(variant: str, **kw) -> Darknet:
    return Darknet(CONFIGS[variant], **kw)


@checked
def darknet53(*, num_classes: int = 1000, **kw) -> Darknet:
    """Darknet-53 (YOLOv3 Table 1): 41,609,928 parameters with the 1000-class FC, 9.3 G multiply-adds at 256."""
    return _build("darknet53", num_classes=num_classes, **kw)
