"""The CIFAR-10 ResNets and their plain twins of the ResNet paper (arXiv:1512.03385, Sec. 4.2, Fig. 6, Table 6).

6n + 2 weight layers: a 3x3 conv, then three stages of n two-conv blocks on maps of 32, 16, 8 pixels with
16, 32, 64 filters, global average pool, FC. Shortcuts are identities; where the width doubles they are
option A (zero-padding, no parameters), so a ResNet and its plain twin have *exactly* the same parameters.
This is the network family the paper used to show degradation (plain-56 trains worse than plain-20).

Shapes: (N, 3, H, W) -> (N, num_classes); the stages see H, H/2, H/4.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.residual import BasicBlock, ZeroPadShortcut, conv3x3, projection_shortcut
from ..helpers import variant_builder


class PlainBlock(nn.Module):
    """BasicBlock without its shortcut: relu(BN(conv(relu(BN(conv(x)))))). Same constructor as BasicBlock."""

    expansion = 1

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None):
        super().__init__()
        check_choice("stride", stride, (1, 2))
        self.conv1 = conv3x3(inplanes, planes, stride)      # (N, C_in, H, W) -> (N, C, H/s, W/s)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.conv1.in_channels)
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)))        # no "+ x": the plain baseline of Fig. 6 (left)


class CifarResNet(nn.Module):
    """ResNet-(6n+2) of Sec. 4.2 (``residual=False``: the plain net of the same shape).

    ``shortcut``: "A" (zero-padding, the paper's CIFAR choice) or "B" (1x1 projection where the width grows).
    ``widths`` defaults to the paper's (16, 32, 64); smaller widths make fast classroom demos.
    """

    @checked
    def __init__(self, depth: int = 20, num_classes: int = 10, residual: bool = True, shortcut: str = "A",
                 widths: Sequence[int] = (16, 32, 64), in_channels: int = 3):
        super().__init__()
        check_positive_int("depth", depth, minimum=8)
        if (depth - 2) % 6 != 0:
            raise ValueError(f"depth={depth} must be 6n + 2 (20, 32, 44, 56, 110, ...)")
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_choice("shortcut", shortcut, ("A", "B"))
        if len(widths) != 3:
            raise ValueError(f"widths={list(widths)} must have 3 entries (one per stage)")
        for w in widths:
            check_positive_int("widths[i]", w)
        n = (depth - 2) // 6
        self.depth, self.residual, self.in_channels = depth, residual, in_channels
        block = BasicBlock if residual else PlainBlock
        make_shortcut = ZeroPadShortcut if shortcut == "A" else projection_shortcut
        self.conv1 = nn.Sequential(conv3x3(in_channels, widths[0]), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True))
        stages, c = [], widths[0]
        for i, w in enumerate(widths):
            stride = 1 if i == 0 else 2
            down = make_shortcut(c, w, stride) if residual and (stride != 1 or c != w) else None
            blocks = [block(c, w, stride, down)] + [block(w, w) for _ in range(n - 1)]
            stages.append(nn.Sequential(*blocks))
            c = w
        self.layer1, self.layer2, self.layer3 = stages       # maps H, H/2, H/4
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def conv_layers(self) -> list[nn.Conv2d]:
        """The 6n + 1 3x3 convolutions in order (for per-layer plots), shortcut projections excluded."""
        return [m for name, m in self.named_modules() if isinstance(m, nn.Conv2d) and "downsample" not in name]

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        x = self.conv1(x)                                    # (N, 3, H, W) -> (N, 16, H, W)
        return self.layer3(self.layer2(self.layer1(x)))      # -> (N, 64, H/4, W/4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.forward_features(x)), 1))    # -> (N, num_classes)


# builder -> depth 6n + 2 (paper Sec. 4.2, Table 6)
CONFIGS = {"resnet20": 20, "resnet32": 32, "resnet44": 44, "resnet56": 56, "resnet110": 110}


def _build(variant: str, **kw) -> CifarResNet:
    return CifarResNet(CONFIGS[variant], **kw)


# one keyword-only builder per row: name(*, num_classes=10, **kw) = _build("name", num_classes=num_classes, **kw)
resnet20 = variant_builder(_build, "resnet20", "ResNet-20 for CIFAR-10 (0.27 M parameters, Table 6).",
                           default_num_classes=10)
resnet32 = variant_builder(_build, "resnet32", "ResNet-32 for CIFAR-10 (0.46 M parameters).", default_num_classes=10)
resnet44 = variant_builder(_build, "resnet44", "ResNet-44 for CIFAR-10 (0.66 M parameters).", default_num_classes=10)
resnet56 = variant_builder(_build, "resnet56", "ResNet-56 for CIFAR-10 (0.85 M parameters).", default_num_classes=10)
resnet110 = variant_builder(_build, "resnet110", "ResNet-110 for CIFAR-10 (1.7 M parameters).", default_num_classes=10)


@checked
def plain_net(*, depth: int = 20, num_classes: int = 10, **kw) -> CifarResNet:
    """The plain (no-shortcut) CIFAR net of the same depth: plain-20/32/44/56 of Fig. 6 (left)."""
    return CifarResNet(depth, num_classes, residual=False, **kw)
