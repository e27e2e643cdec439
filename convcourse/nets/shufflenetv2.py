"""ShuffleNet V2 (Ma et al., arXiv:1807.11164): the network (Table 5) and small benchmark nets for its
four practical guidelines (Sec. 2, Tables 1-4).

Builders follow ``torchvision.models.shufflenet_v2_x*`` one to one (same parameter counts):
stem 3x3 conv (stride 2) + 3x3 max-pool, three stages of ShuffleV2Blocks (the first unit of each stage
down-samples), a 1x1 conv (conv5), global average pool, FC.
Shapes: (N, 3, 224, 224) -> (N, num_classes).
"""
from __future__ import annotations

import math
from typing import Sequence

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct
from ..blocks.shuffle import ShuffleV2Block

__all__ = ["ShuffleNetV2", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5",
           "shufflenet_v2_x2_0", "CONFIGS", "STAGE_OUT_CHANNELS", "g1_benchmark", "g2_benchmark", "g3_benchmark",
           "g4_benchmark"]

# Table 5 of the paper: output channels of conv1, stage2, stage3, stage4, conv5 per width multiplier
STAGE_OUT_CHANNELS = {
    "0.5x": (24, 48, 96, 192, 1024),
    "1.0x": (24, 116, 232, 464, 1024),
    "1.5x": (24, 176, 352, 704, 1024),
    "2.0x": (24, 244, 488, 976, 2048),
}
STAGE_REPEATS = (4, 8, 4)
from ..helpers import variant_builder


class ShuffleNetV2(nn.Module):
    """ShuffleNet V2 (Table 5). ``stages_out_channels`` = (conv1, stage2, stage3, stage4, conv5)."""

    @checked
    def __init__(self, stages_repeats: Sequence[int] = STAGE_REPEATS,
                 stages_out_channels: Sequence[int] = STAGE_OUT_CHANNELS["1.0x"], num_classes: int = 1000):
        super().__init__()
        if len(stages_repeats) != 3:
            raise ValueError(f"stages_repeats={tuple(stages_repeats)} must have 3 entries (stage2-4)")
        if len(stages_out_channels) != 5:
            raise ValueError(f"stages_out_channels={tuple(stages_out_channels)} must have 5 entries "
                             f"(conv1, stage2, stage3, stage4, conv5)")
        for r in stages_repeats:
            check_positive_int("stages_repeats[i]", r)
        check_positive_int("num_classes", num_classes)
        c1, *stage_channels, c5 = stages_out_channels
        self.conv1 = ConvBNAct(3, c1, 3, stride=2)                       # (N, 3, 224, 224) -> (N, 24, 112, 112)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)  # -> (N, 24, 56, 56)
        cin = c1
        stages = []
        for repeats, cout in zip(stages_repeats, stage_channels):        # 28x28, 14x14, 7x7
            units = [ShuffleV2Block(cin, cout, 2)] + [ShuffleV2Block(cout, cout, 1) for _ in range(repeats - 1)]
            stages.append(nn.Sequential(*units))
            cin = cout
        self.stage2, self.stage3, self.stage4 = stages
        self.conv5 = ConvBNAct(cin, c5, 1)                               # (N, c5, 7, 7)
        self.fc = nn.Linear(c5, num_classes)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, 3)
        x = self.maxpool(self.conv1(x))
        x = self.stage4(self.stage3(self.stage2(x)))
        return self.conv5(x)                                             # (N, c5, 7, 7)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.forward_features(x).mean([2, 3])                        # global average pool: (N, c5)
        return self.fc(x)


# builder -> width multiplier (a column of Table 5, see STAGE_OUT_CHANNELS)
CONFIGS = {"shufflenet_v2_x0_5": "0.5x", "shufflenet_v2_x1_0": "1.0x", "shufflenet_v2_x1_5": "1.5x",
           "shufflenet_v2_x2_0": "2.0x"}


def _build(variant: str, **kw) -> ShuffleNetV2:
    return ShuffleNetV2(STAGE_REPEATS, STAGE_OUT_CHANNELS[CONFIGS[variant]], **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
shufflenet_v2_x0_5 = variant_builder(_build, "shufflenet_v2_x0_5",
                                     "ShuffleNet V2 0.5x (41 MFLOPs in the paper's multiply-add count).")
shufflenet_v2_x1_0 = variant_builder(_build, "shufflenet_v2_x1_0", "ShuffleNet V2 1.0x (146 MFLOPs).")
shufflenet_v2_x1_5 = variant_builder(_build, "shufflenet_v2_x1_5", "ShuffleNet V2 1.5x (299 MFLOPs).")
shufflenet_v2_x2_0 = variant_builder(_build, "shufflenet_v2_x2_0", "ShuffleNet V2 2.0x (591 MFLOPs).")


# --------------------------------------------------------------------------------------------------
# Benchmark nets for the four guidelines (Sec. 2). Each is a stack of 10 blocks, bias-free convs without
# BN (BN folds into the conv at inference). Every bench takes an input with *at least* ``in_channels``
# channels and uses the first ones (for batch 1 that slice is a free, contiguous view), so one input
# tensor serves all variants of an experiment and they can be timed interleaved.

class _Bench(nn.Sequential):
    def __init__(self, in_channels: int, *layers: nn.Module):
        super().__init__(*layers)
        self.in_channels = in_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4 or x.shape[1] < self.in_channels:
            raise ValueError(f"x must be (N, C, H, W) with C >= {self.in_channels}, got {tuple(x.shape)}")
        return super().forward(x[:, :self.in_channels])


def _conv1x1(cin: int, cout: int, groups: int = 1) -> nn.Conv2d:
    return nn.Conv2d(cin, cout, 1, groups=groups, bias=False)


@checked
def g1_benchmark(c1: int, c2: int, blocks: int = 10) -> nn.Module:
    """G1 (Table 1): each block is 1x1 conv c1 -> c2 then 1x1 conv c2 -> c1; MACs = 2 h w c1 c2 per block.

    MAC (memory access cost) of one 1x1 conv = h w (c1 + c2) + c1 c2 >= 2 sqrt(h w B) + B / (h w), with
    equality when c1 = c2 (Eq. 1): at fixed FLOPs B, equal widths need the fewest memory accesses.
    """
    check_positive_int("c1", c1)
    check_positive_int("c2", c2)
    check_positive_int("blocks", blocks)
    layers = []
    for _ in range(blocks):
        layers += [_conv1x1(c1, c2), _conv1x1(c2, c1)]
    return _Bench(c1, *layers)


@checked
def g2_benchmark(channels: int, groups: int, layers: int = 10) -> nn.Module:
    """G2 (Table 2): ``layers`` 1x1 group convs c -> c. MACs = h w c^2 / g; MAC = h w 2c + c^2 / g (Eq. 2).

    At fixed FLOPs a larger g allows a wider c (c proportional to sqrt(g)), so memory traffic grows with g.
    """
    check_positive_int("channels", channels)
    check_positive_int("layers", layers)
    if channels % groups:
        raise ValueError(f"groups={groups} must divide channels={channels}")
    return _Bench(channels, *[_conv1x1(channels, channels, groups) for _ in range(layers)])


class _Parallel(nn.Module):
    """``fragments`` 1x1 convs c -> c / fragments on the same input, concatenated: same MACs as one c -> c."""

    def __init__(self, channels: int, fragments: int):
        super().__init__()
        self.branches = nn.ModuleList(_conv1x1(channels, channels // fragments) for _ in range(fragments))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([b(x) for b in self.branches], dim=1)


@checked
def g3_benchmark(fragments: int, arrangement: str = "series", channels: int = 128, blocks: int = 10) -> nn.Module:
    """G3 (Table 3): network fragmentation at (about) fixed MACs.

    * ``series``: each block is ``fragments`` 1x1 convs of width round(c / sqrt(fragments)) in a row
      (the same total MACs, more and smaller kernels one after the other);
    * ``parallel``: each block is ``fragments`` 1x1 convs c -> c / fragments side by side, concatenated
      (exactly the MACs of one c -> c conv, cut into smaller kernels launched separately).
    The paper (Table 3, appendix Fig. 1) uses the same five structures and also adjusts the widths so the
    FLOPs equal the 1-fragment block; it does not list those widths, so the two rules above are ours.
    """
    check_choice("fragments", fragments, [1, 2, 4])
    check_choice("arrangement", arrangement, ["series", "parallel"])
    check_positive_int("channels", channels)
    if channels % fragments:
        raise ValueError(f"fragments={fragments} must divide channels={channels}")
    if arrangement == "series":
        width = round(channels / math.sqrt(fragments))
        return _Bench(width, *[_conv1x1(width, width) for _ in range(blocks * fragments)])
    return _Bench(channels, *[_Parallel(channels, fragments) for _ in range(blocks)])


class _ElementwiseBottleneck(nn.Module):
    """ResNet bottleneck without BN: 1x1 (c -> c/4), 3x3 (c/4), 1x1 (c/4 -> c), optional ReLUs and shortcut."""

    def __init__(self, channels: int, relu: bool, shortcut: bool):
        super().__init__()
        mid = channels // 4
        self.conv1, self.conv2, self.conv3 = (_conv1x1(channels, mid), nn.Conv2d(mid, mid, 3, padding=1, bias=False),
                                              _conv1x1(mid, channels))
        self.relu, self.shortcut = relu, shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        act = torch.relu if self.relu else (lambda t: t)
        out = self.conv3(act(self.conv2(act(self.conv1(x)))))
        if self.shortcut:
            out = out + x
        return act(out)


@checked
def g4_benchmark(channels: int = 64, relu: bool = True, shortcut: bool = True, blocks: int = 10) -> nn.Module:
    """G4 (Table 4): ResNet bottleneck units with / without ReLU and shortcut (the element-wise ops)."""
    check_positive_int("channels", channels)
    if channels % 4:
        raise ValueError(f"channels={channels} must be divisible by 4 (the bottleneck width is channels / 4)")
    return _Bench(channels, *[_ElementwiseBottleneck(channels, relu, shortcut) for _ in range(blocks)])
