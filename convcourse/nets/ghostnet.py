"""GhostNet (Han et al., arXiv:1911.11907, Table 1): MobileNetV3-like layout built of Ghost bottlenecks.

torchvision does not ship GhostNet; the layout follows the paper's Table 1 and the authors' official
PyTorch code (widths rounded with ``make_divisible(c * width, 4)``, 1280-wide head with bias, dropout 0.2).
GhostNet 1.0x: 5.2 M parameters, 141 M FLOPs (multiply-adds) at 224 x 224 in the paper.
Shapes: (N, 3, H, W) -> (N, num_classes).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_positive_number, checked
from ..blocks.conv import ConvBNAct
from ..blocks.ghost import GhostBottleneck
from ..helpers import make_divisible

__all__ = ["GhostNet", "ghostnet", "GHOSTNET_CFG"]

# Table 1: per stage, rows of (dw kernel k, expansion width #exp, output width #out, SE ratio, stride)
GHOSTNET_CFG = [
    [(3, 16, 16, 0.0, 1)],
    [(3, 48, 24, 0.0, 2)],
    [(3, 72, 24, 0.0, 1)],
    [(5, 72, 40, 0.25, 2)],
    [(5, 120, 40, 0.25, 1)],
    [(3, 240, 80, 0.0, 2)],
    [(3, 200, 80, 0.0, 1), (3, 184, 80, 0.0, 1), (3, 184, 80, 0.0, 1),
     (3, 480, 112, 0.25, 1), (3, 672, 112, 0.25, 1)],
    [(5, 672, 160, 0.25, 2)],
    [(5, 960, 160, 0.0, 1), (5, 960, 160, 0.25, 1), (5, 960, 160, 0.0, 1), (5, 960, 160, 0.25, 1)],
]


class GhostNet(nn.Module):
    """Stem conv 3x3/2 (16) -> Ghost bottlenecks (Table 1) -> 1x1 conv (960) -> avg pool -> 1x1 conv 1280 -> FC."""

    @checked
    def __init__(self, cfgs=GHOSTNET_CFG, num_classes: int = 1000, width: float = 1.0, dropout: float = 0.2):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_number("width", width)
        if width > 16:                        # a multiplier: the paper's Table 7 reports 0.5x, 1.0x, 1.3x
            raise ValueError(f"width={width} must be a width multiplier <= 16 (the paper uses 0.5, 1.0, 1.3)")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout={dropout} must be in [0, 1)")
        cin = make_divisible(16 * width, 4)
        self.conv_stem = ConvBNAct(3, cin, 3, stride=2)                     # (N, 16, 112, 112)
        stages = []
        for cfg in cfgs:
            layers = []
            for k, exp, c, se, s in cfg:
                cout, mid = make_divisible(c * width, 4), make_divisible(exp * width, 4)
                layers.append(GhostBottleneck(cin, mid, cout, k, s, se_ratio=se))
                cin = cout
            stages.append(nn.Sequential(*layers))
        last = make_divisible(exp * width, 4)                               # 960 at width 1.0
        stages.append(nn.Sequential(ConvBNAct(cin, last, 1)))              # (N, 960, 7, 7)
        self.blocks = nn.Sequential(*stages)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.conv_head = nn.Conv2d(last, 1280, 1, bias=True)               # (N, 1280, 1, 1), no BN
        self.act2 = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(1280, num_classes)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, 3)
        return self.blocks(self.conv_stem(x))                              # (N, 960, H/32, W/32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.forward_features(x)
        x = self.act2(self.conv_head(self.global_pool(x))).flatten(1)     # (N, 1280)
        return self.classifier(self.dropout(x))


@checked
def ghostnet(*, num_classes: int = 1000, width: float = 1.0, **kwargs) -> GhostNet:
    """GhostNet with width multiplier ``width`` (the paper reports 0.5x, 1.0x, 1.3x): ``ghostnet(width=1.3)``."""
    return GhostNet(GHOSTNET_CFG, num_classes=num_classes, width=width, **kwargs)
