"""ResNet (He et al., arXiv:1512.03385): the network, its builders and the attention ResNets of lessons 17-19.

Laid out like ``torchvision.models.resnet`` so that parameter counts compare one to one. Its blocks
(``BasicBlock``, ``Bottleneck``, the shortcuts) live in ``convcourse/blocks/residual.py``: ResNeXt, Res2Net and
DeepLabV3 build on them too. Like torchvision (and most modern code) the bottleneck puts the stride on its 3x3
conv ("ResNet v1.5"); the paper's v1 put it on the first 1x1. The parameter count is the same, accuracy is
~0.5% better.

Every block can take an attention module on its residual branch before the addition, as in SE-ResNet
(arXiv:1709.01507, Fig. 3): ``block_args={"attention": SEBlock}`` (a class, a partial or a name such as "se").
"""
from __future__ import annotations

import functools
from typing import Sequence

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..attention.cbam import CBAM
from ..attention.eca import ECA
from ..attention.se import SEBlock
# the blocks live in blocks/residual.py; re-exported here because lessons 04, 07, 08 and 17 import them from here
from ..blocks.residual import (BasicBlock, Bottleneck, ZeroPadShortcut, conv1x1,  # noqa: F401
                               projection_shortcut)
from ..helpers import variant_builder


def _stage_args(block_args: dict | Sequence[dict] | None) -> list[dict]:
    """``block_args`` as four dicts, one per stage (one dict is used for all four)."""
    if block_args is None:
        return [{}] * 4
    if isinstance(block_args, dict):
        return [dict(block_args)] * 4
    if isinstance(block_args, (str, bytes)) or not isinstance(block_args, Sequence) or len(block_args) != 4 \
            or not all(isinstance(a, dict) for a in block_args):
        raise ValueError(f"block_args={block_args!r} must be a dict of block arguments or four dicts, one per stage")
    return [dict(a) for a in block_args]


class ResNet(nn.Module):
    """Stem (7x7/2 conv + 3x3/2 max-pool), four stages of blocks, global pool, FC (paper Table 1).

    Shapes: (N, 3, H, W) -> (N, num_classes); ``forward_features`` stops before the pool:
    (N, 3, 224, 224) -> (N, 512 * expansion, 7, 7).

    ``block_args`` (timm's way): keyword arguments for every block, e.g. ``{"attention": SEBlock}``, or a
    sequence of four dicts, one per stage, e.g. ECA with its own kernel in each stage.
    """

    @checked
    def __init__(self, block: type[nn.Module], layers: Sequence[int], num_classes: int = 1000,
                 in_channels: int = 3, groups: int = 1, width_per_group: int = 64,
                 replace_stride_with_dilation: Sequence[bool] = (False, False, False),
                 block_args: dict | Sequence[dict] | None = None, zero_init_residual: bool = False, shortcut: str = "B"):
        super().__init__()
        # Paper Sec. 3.3 / Table 3: A = zero-padding when dimensions grow, B = projection when they grow
        # (identity otherwise; torchvision and the standard models), C = projection on every block.
        check_choice("shortcut", shortcut, ("A", "B", "C"))
        self.shortcut = shortcut
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_positive_int("groups", groups)
        check_positive_int("width_per_group", width_per_group)
        if len(layers) != 4 or not all(isinstance(n, int) and n >= 1 for n in layers):
            raise ValueError(f"layers={list(layers)} must be four block counts >= 1, e.g. [3, 4, 6, 3]")
        if len(replace_stride_with_dilation) != 3:
            raise ValueError("replace_stride_with_dilation must have 3 booleans (for stages 2, 3, 4)")
        stage_args = _stage_args(block_args)
        self.in_channels = in_channels
        self.inplanes, self.dilation = 64, 1
        self.groups, self.base_width = groups, width_per_group
        self.conv1 = nn.Conv2d(in_channels, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0], block_args=stage_args[0])
        self.layer2 = self._make_layer(block, 128, layers[1], 2, replace_stride_with_dilation[0], stage_args[1])
        self.layer3 = self._make_layer(block, 256, layers[2], 2, replace_stride_with_dilation[1], stage_args[2])
        self.layer4 = self._make_layer(block, 512, layers[3], 2, replace_stride_with_dilation[2], stage_args[3])
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512 * block.expansion, num_classes)
        self.out_channels = 512 * block.expansion

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if zero_init_residual:   # each residual branch starts as zero: the block starts as identity
            for m in self.modules():
                last_bn = getattr(m, "bn3", None) if isinstance(m, Bottleneck) else getattr(m, "bn2", None)
                if isinstance(m, (Bottleneck, BasicBlock)) and last_bn is not None:
                    nn.init.zeros_(last_bn.weight)

    def _make_layer(self, block, planes: int, blocks: int, stride: int = 1, dilate: bool = False,
                    block_args: dict | None = None) -> nn.Sequential:
        previous_dilation = self.dilation
        if dilate:            # keep the resolution, grow the receptive field instead (DeepLab)
            self.dilation *= stride
            stride = 1
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion or self.shortcut == "C":
            shortcut = ZeroPadShortcut if self.shortcut == "A" else projection_shortcut
            downsample = shortcut(self.inplanes, planes * block.expansion, stride)
        kw = dict(groups=self.groups, base_width=self.base_width, **(block_args or {}))
        layers = [block(self.inplanes, planes, stride, downsample, dilation=previous_dilation, **kw)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            extra = {"downsample": projection_shortcut(self.inplanes, self.inplanes)} if self.shortcut == "C" else {}
            layers.append(block(self.inplanes, planes, dilation=self.dilation, **kw, **extra))
        return nn.Sequential(*layers)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))    # (N, 3, 224, 224) -> (N, 64, 56, 56)
        x = self.layer1(x)                                        # -> (N, 64e, 56, 56)
        x = self.layer2(x)                                        # -> (N, 128e, 28, 28)
        x = self.layer3(x)                                        # -> (N, 256e, 14, 14)
        return self.layer4(x)                                     # -> (N, 512e, 7, 7)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.forward_features(x))
        return self.fc(torch.flatten(x, 1))


# builder -> (block, blocks per stage); paper Table 1
CONFIGS = {
    "resnet18": (BasicBlock, (2, 2, 2, 2)),
    "resnet34": (BasicBlock, (3, 4, 6, 3)),
    "resnet50": (Bottleneck, (3, 4, 6, 3)),
    "resnet101": (Bottleneck, (3, 4, 23, 3)),
    "resnet152": (Bottleneck, (3, 8, 36, 3)),
}


def _build(variant: str, **kw) -> ResNet:
    block, layers = CONFIGS[variant]
    return ResNet(block, layers, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
resnet18 = variant_builder(_build, "resnet18", "ResNet-18: BasicBlock x [2, 2, 2, 2] (11.7 M parameters).")
resnet34 = variant_builder(_build, "resnet34", "ResNet-34: BasicBlock x [3, 4, 6, 3] (21.8 M parameters).")
resnet50 = variant_builder(_build, "resnet50",
                           "ResNet-50: Bottleneck x [3, 4, 6, 3] (25.6 M parameters, 4.1 G multiply-adds).")
resnet101 = variant_builder(_build, "resnet101", "ResNet-101: Bottleneck x [3, 4, 23, 3] (44.5 M parameters).")
resnet152 = variant_builder(_build, "resnet152", "ResNet-152: Bottleneck x [3, 8, 36, 3] (60.2 M parameters).")


@checked
def se_resnet50(*, num_classes: int = 1000, reduction: int = 16, **kw) -> ResNet:
    """SE-ResNet-50 (arXiv:1709.01507, Table 1): an SE block in every bottleneck before the addition."""
    return _build("resnet50", num_classes=num_classes,
                  block_args={"attention": functools.partial(SEBlock, reduction=reduction)}, **kw)


@checked
def cbam_resnet50(*, num_classes: int = 1000, reduction: int = 16, **kw) -> ResNet:
    """CBAM-ResNet-50 (arXiv:1807.06521, Fig. 3): a CBAM on every bottleneck's residual branch."""
    return _build("resnet50", num_classes=num_classes,
                  block_args={"attention": functools.partial(CBAM, reduction=reduction)}, **kw)


@checked
def eca_resnet50(*, num_classes: int = 1000, stage_kernels: Sequence[int] | None = None, **kw) -> ResNet:
    """ECA-ResNet-50 (arXiv:1910.03151, Sec. 4.1): ECA in every bottleneck, before the addition.

    By default every ECA picks its adaptive k from its channel count (Eq. 12), which gives
    k = 5, 5, 5, 7 for the four stages; ``stage_kernels`` (four odd ints) fixes k per stage instead,
    e.g. ``(3, 5, 5, 7)`` as in the authors' released ECA-ResNet-50 (one ``block_args`` dict per stage).
    """
    if stage_kernels is None:
        return _build("resnet50", num_classes=num_classes, block_args={"attention": ECA}, **kw)
    if isinstance(stage_kernels, (str, bytes)) or not isinstance(stage_kernels, Sequence) or len(stage_kernels) != 4:
        raise ValueError(f"stage_kernels must give one odd kernel size per stage (4 values), got {stage_kernels!r}")
    block_args = [{"attention": functools.partial(ECA, kernel_size=k)} for k in stage_kernels]
    return _build("resnet50", num_classes=num_classes, block_args=block_args, **kw)
