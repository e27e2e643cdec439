"""ResNeXt (Xie et al., arXiv:1611.05431): aggregated residual transformations of cardinality C.

The paper draws one block in three strictly equivalent forms (Fig. 3):

* (a) ``SplitTransformMerge``: C parallel paths 1x1 (C_in -> d) -> 3x3 (d -> d) -> 1x1 (d -> C_out),
  their outputs **summed** (Eq. 3: F(x) = sum_i T_i(x)).
* (b) ``EarlyConcat``: the C 3x3 paths are **concatenated** (C * d channels) and one 1x1 merges them.
* (c) ``convcourse.nets.resnet.Bottleneck`` with ``groups=C``: one grouped 3x3 conv.

(c) is what everybody runs (and what torchvision ships); (a) and (b) are written out here to teach the
idea, and ``load_from_grouped`` copies the weights of a (c) block into them to prove the equivalence.
All three share the ``Bottleneck`` constructor signature, so ``ResNet`` can build any of them.

Shapes of every block: (N, inplanes, H, W) -> (N, 4 * planes, H / stride, W / stride).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..attention import create_attention
from ..blocks.residual import Bottleneck, conv1x1, conv3x3
from ..helpers import variant_builder
from .resnet import ResNet

__all__ = ["SplitTransformMerge", "EarlyConcat", "bottleneck_width", "CONFIGS",
           "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d"]


@checked
def bottleneck_width(planes: int, groups: int, base_width: int) -> int:
    """Width of the grouped 3x3 conv: d * C with d = planes * base_width / 64 (torchvision's rule).

    For the first stage (planes = 64) d is exactly ``base_width``: "32x4d" = C = 32 paths of d = 4.
    """
    check_positive_int("planes", planes)
    check_positive_int("groups", groups)
    check_positive_int("base_width", base_width)
    width = int(planes * (base_width / 64.0)) * groups
    if width < groups:
        raise ValueError(f"planes={planes} with base_width={base_width} leaves d = 0 channels per path")
    return width


class _AggregatedBase(nn.Module):
    """What forms (a) and (b) share: the Bottleneck signature, the C paths up to their 3x3, the shortcut, BN
    after the aggregation. A form says how its paths are merged back to C_out channels in ``_merge_conv``."""

    expansion = 4

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 groups: int = 32, base_width: int = 4, dilation: int = 1,
                 attention=None, attention_kw: dict | None = None):
        super().__init__()
        check_positive_int("inplanes", inplanes)
        check_choice("stride", stride, (1, 2))
        check_positive_int("dilation", dilation)
        self.inplanes, self.stride, self.dilation = inplanes, stride, dilation
        self.cardinality = groups                                   # C, the paper's new dimension
        self.d = bottleneck_width(planes, groups, base_width) // groups   # width of one path
        self.out_channels = planes * self.expansion
        # BN right after the *aggregated* transformation, before the addition (paper Sec. 4)
        self.bn3 = nn.BatchNorm2d(self.out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.attention = create_attention(attention, self.out_channels, **(attention_kw or {}))
        self.downsample = downsample
        self._new_paths()
        self.conv3 = self._merge_conv()

    def _merge_conv(self) -> nn.Module:
        raise NotImplementedError

    def _path_front(self, i: int, x: torch.Tensor) -> torch.Tensor:
        """Path i up to its 3x3: (N, inplanes, H, W) -> (N, d, H/s, W/s)."""
        out = self.relu(self.bn1[i](self.conv1[i](x)))
        return self.relu(self.bn2[i](self.conv2[i](out)))

    def _finish(self, x: torch.Tensor, out: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(self.attention(self.bn3(out)) + identity)

    def _new_paths(self) -> None:
        C, d = self.cardinality, self.d
        self.conv1 = nn.ModuleList(conv1x1(self.inplanes, d) for _ in range(C))            # C x (C_in -> d)
        self.bn1 = nn.ModuleList(nn.BatchNorm2d(d) for _ in range(C))
        self.conv2 = nn.ModuleList(conv3x3(d, d, self.stride, dilation=self.dilation) for _ in range(C))
        self.bn2 = nn.ModuleList(nn.BatchNorm2d(d) for _ in range(C))

    @torch.no_grad()
    def _load_front(self, block: Bottleneck) -> None:
        """Path i owns channels [i d, (i + 1) d) of conv1 / bn1 / grouped conv2 / bn2 of a form-(c) block."""
        if not isinstance(block, Bottleneck) or block.conv2.groups != self.cardinality:
            raise ValueError(f"block must be a Bottleneck with groups={self.cardinality}")
        if block.conv1.in_channels != self.inplanes or block.conv3.out_channels != self.out_channels:
            raise ValueError("block must have the same inplanes and planes as this block")
        d = self.d
        for i in range(self.cardinality):
            sl = slice(i * d, (i + 1) * d)
            self.conv1[i].weight.copy_(block.conv1.weight[sl])
            self.conv2[i].weight.copy_(block.conv2.weight[sl])      # grouped weight: (C d, d, 3, 3)
            for mine, theirs in ((self.bn1[i], block.bn1), (self.bn2[i], block.bn2)):
                for name in ("weight", "bias", "running_mean", "running_var"):
                    getattr(mine, name).copy_(getattr(theirs, name)[sl])
        self.bn3.load_state_dict(block.bn3.state_dict())
        self.attention.load_state_dict(block.attention.state_dict())
        if self.downsample is not None:
            self.downsample.load_state_dict(block.downsample.state_dict())


class SplitTransformMerge(_AggregatedBase):
    """ResNeXt block, form (a) (Fig. 3a): C paths, each 1x1 -> 3x3 -> 1x1, outputs summed (Eq. 3).

    ``groups`` is the cardinality C; each path has width d = planes * base_width / 64.
    Shapes: (N, inplanes, H, W) -> (N, 4 * planes, H / stride, W / stride).
    """

    def _merge_conv(self) -> nn.Module:
        return nn.ModuleList(conv1x1(self.d, self.out_channels) for _ in range(self.cardinality))  # C x (d -> C_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.inplanes)
        # Eq. (3): sum_i T_i(x), every T_i: (N, C_in, H, W) -> (N, C_out, H/s, W/s)
        out = sum(self.conv3[i](self._path_front(i, x)) for i in range(self.cardinality))
        return self._finish(x, out)

    @torch.no_grad()
    def load_from_grouped(self, block: Bottleneck) -> "SplitTransformMerge":
        """Copy a form-(c) block's weights: path i's last 1x1 = input channels [i d, (i+1) d) of conv3."""
        self._load_front(block)
        d = self.d
        for i in range(self.cardinality):
            self.conv3[i].weight.copy_(block.conv3.weight[:, i * d:(i + 1) * d])
        return self


class EarlyConcat(_AggregatedBase):
    """ResNeXt block, form (b) (Fig. 3b): C paths 1x1 -> 3x3, concatenated to C*d channels, one 1x1.

    Shapes: (N, inplanes, H, W) -> (N, 4 * planes, H / stride, W / stride).
    """

    def _merge_conv(self) -> nn.Module:
        return conv1x1(self.cardinality * self.d, self.out_channels)    # (N, C d, H, W) -> (N, C_out, H, W)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.inplanes)
        out = torch.cat([self._path_front(i, x) for i in range(self.cardinality)], dim=1)  # (N, C d, H/s, W/s)
        return self._finish(x, self.conv3(out))

    @torch.no_grad()
    def load_from_grouped(self, block: Bottleneck) -> "EarlyConcat":
        """Copy a form-(c) block's weights (the final 1x1 is identical)."""
        self._load_front(block)
        self.conv3.weight.copy_(block.conv3.weight)
        return self


# builder -> (blocks per stage, cardinality C, bottleneck width d); paper Table 1 and Sec. 5.1 / torchvision
CONFIGS = {
    "resnext50_32x4d": ((3, 4, 6, 3), 32, 4),
    "resnext101_32x8d": ((3, 4, 23, 3), 32, 8),
    "resnext101_64x4d": ((3, 4, 23, 3), 64, 4),
}


def _build(variant: str, block: type[nn.Module] = Bottleneck, **kw) -> ResNet:
    """``block`` may be a form (a)/(b) class for teaching: ``resnext50_32x4d(block=EarlyConcat)``."""
    layers, cardinality, d = CONFIGS[variant]
    return ResNet(block, layers, groups=cardinality, width_per_group=d, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
resnext50_32x4d = variant_builder(_build, "resnext50_32x4d", "ResNeXt-50 (32x4d): C = 32 paths of width d = 4 "
                                  "(25.0 M parameters, 4.2 G multiply-adds).")
resnext101_32x8d = variant_builder(_build, "resnext101_32x8d",
                                   "ResNeXt-101 (32x8d): 88.8 M parameters, as in torchvision.")
resnext101_64x4d = variant_builder(_build, "resnext101_64x4d", "ResNeXt-101 (64x4d): paper Table 5, 83.5 M parameters.")
