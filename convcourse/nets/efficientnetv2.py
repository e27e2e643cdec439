"""EfficientNetV2 (Tan & Le, "Smaller Models and Faster Training", arXiv:2104.00298).

Fused-MBConv in the early, high-resolution stages (a full kxk conv runs faster there than
1x1 + depthwise), MBConv with SE in the later stages. Laid out like
``torchvision.models.efficientnet`` so parameter counts compare one to one.

Shapes: (N, 3, H, W) -> (N, num_classes); ``forward_features``: (N, 3, 384, 384) -> (N, 1280, 12, 12).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Sequence

import torch
from torch import nn

from .._checks import check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct
from ..blocks.mbconv import FusedMBConv, MBConv
from ..helpers import init_weights, variant_builder


@dataclass(frozen=True)
class StageSpec:
    """One row of the paper's Table 4: block type, expansion e, kernel k, stride s, output channels, layers."""

    block: str            # "fused" (Fused-MBConv) or "mbconv" (MBConv with SE 0.25)
    expand_ratio: int
    kernel_size: int
    stride: int
    channels: int
    layers: int


# Table 4 of the paper (EfficientNetV2-S); M and L as released in the official code / torchvision.
V2_S = (StageSpec("fused", 1, 3, 1, 24, 2), StageSpec("fused", 4, 3, 2, 48, 4), StageSpec("fused", 4, 3, 2, 64, 4),
        StageSpec("mbconv", 4, 3, 2, 128, 6), StageSpec("mbconv", 6, 3, 1, 160, 9),
        StageSpec("mbconv", 6, 3, 2, 256, 15))
V2_M = (StageSpec("fused", 1, 3, 1, 24, 3), StageSpec("fused", 4, 3, 2, 48, 5), StageSpec("fused", 4, 3, 2, 80, 5),
        StageSpec("mbconv", 4, 3, 2, 160, 7), StageSpec("mbconv", 6, 3, 1, 176, 14),
        StageSpec("mbconv", 6, 3, 2, 304, 18), StageSpec("mbconv", 6, 3, 1, 512, 5))
V2_L = (StageSpec("fused", 1, 3, 1, 32, 4), StageSpec("fused", 4, 3, 2, 64, 7), StageSpec("fused", 4, 3, 2, 96, 7),
        StageSpec("mbconv", 4, 3, 2, 192, 10), StageSpec("mbconv", 6, 3, 1, 224, 19),
        StageSpec("mbconv", 6, 3, 2, 384, 25), StageSpec("mbconv", 6, 3, 1, 640, 7))


class EfficientNetV2(nn.Module):
    """Stem conv 3x3/2 -> stages of Fused-MBConv / MBConv -> 1x1 conv to 1280 -> pool -> dropout -> FC.

    Args:
        stages: the rows of Table 4 (``StageSpec``); the stem width is ``stem_channels``.
        stochastic_depth_prob: the last block's drop probability; block i of n drops with 0.2 * i / n.
        dropout: before the classifier (0.2 for S, 0.3 for M, 0.4 for L in the released models).
    """

    @checked
    def __init__(self, stages: Sequence[StageSpec], num_classes: int = 1000, stem_channels: int = 24,
                 last_channels: int = 1280, dropout: float = 0.2, stochastic_depth_prob: float = 0.2,
                 in_channels: int = 3):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_positive_int("stem_channels", stem_channels)
        check_positive_int("last_channels", last_channels)
        if not stages or not all(isinstance(s, StageSpec) for s in stages):
            raise ValueError("stages must be a non-empty sequence of StageSpec rows (paper Table 4)")
        for name, p in (("dropout", dropout), ("stochastic_depth_prob", stochastic_depth_prob)):
            if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p < 1:
                raise ValueError(f"{name}={p!r} must be a probability in [0, 1)")
        self.in_channels = in_channels
        blocks = {"fused": FusedMBConv, "mbconv": partial(MBConv, se_ratio=0.25)}
        layers: list[nn.Module] = [ConvBNAct(in_channels, stem_channels, 3, 2, activation=nn.SiLU,
                                             norm_layer=partial(nn.BatchNorm2d, eps=1e-3))]   # (N, 24, H/2, W/2)
        total, index, channels = sum(s.layers for s in stages), 0, stem_channels
        for spec in stages:
            if spec.block not in blocks:
                raise ValueError(f"block={spec.block!r} must be one of {list(blocks)}")
            stage = []
            for i in range(spec.layers):   # only the first block of a stage changes stride / width
                stage.append(blocks[spec.block](channels, spec.channels, spec.kernel_size,
                                                spec.stride if i == 0 else 1, spec.expand_ratio,
                                                drop_prob=stochastic_depth_prob * index / total))
                channels, index = spec.channels, index + 1
            layers.append(nn.Sequential(*stage))
        layers.append(ConvBNAct(channels, last_channels, 1, activation=nn.SiLU,
                                norm_layer=partial(nn.BatchNorm2d, eps=1e-3)))              # (N, 1280, H/32, W/32)
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(last_channels, num_classes))
        self.out_channels = last_channels

        init_weights(self, linear="uniform")           # the initialisation of the official code / torchvision

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.features(x)                        # (N, 3, H, W) -> (N, 1280, H/32, W/32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.forward_features(x))     # (N, 1280, 1, 1)
        return self.classifier(torch.flatten(x, 1))    # (N, num_classes)


# builder -> (stages of Table 4 / torchvision, its defaults: dropout, L's wider stem)
CONFIGS = {
    "efficientnet_v2_s": (V2_S, {"dropout": 0.2}),
    "efficientnet_v2_m": (V2_M, {"dropout": 0.3}),
    "efficientnet_v2_l": (V2_L, {"dropout": 0.4, "stem_channels": 32}),
}


def _build(variant: str, **kw) -> EfficientNetV2:
    stages, defaults = CONFIGS[variant]
    return EfficientNetV2(stages, **{**defaults, **kw})


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
efficientnet_v2_s = variant_builder(_build, "efficientnet_v2_s", "EfficientNetV2-S (Table 4): 21.5 M parameters, "
                                    "8.4 G multiply-adds at 384x384 (paper: 22 M, 8.8 B).")
efficientnet_v2_m = variant_builder(_build, "efficientnet_v2_m", "EfficientNetV2-M: 54.1 M parameters, "
                                    "24.6 G multiply-adds at 480x480 (paper: 54 M, 24 B).")
efficientnet_v2_l = variant_builder(_build, "efficientnet_v2_l", "EfficientNetV2-L: 118.5 M parameters, "
                                    "56.1 G multiply-adds at 480x480 (paper: 120 M, 53 B).")


# Table 6 of the paper: (min, max) of image size and of each regulariser over training.
PROGRESSIVE_SETTINGS = {
    "s": {"image_size": (128, 300), "randaug": (5, 15), "mixup": (0.0, 0.0), "dropout": (0.1, 0.3)},
    "m": {"image_size": (128, 380), "randaug": (5, 20), "mixup": (0.0, 0.2), "dropout": (0.1, 0.4)},
    "l": {"image_size": (128, 380), "randaug": (5, 25), "mixup": (0.0, 0.4), "dropout": (0.1, 0.5)},
}


@checked
def progressive_schedule(variant: str = "s", stages: int = 4) -> list[dict[str, float]]:
    """Progressive learning with adaptive regularisation (paper Algorithm 1).

    Training is cut into ``stages`` (M = 4 in the paper); stage i (0-based) uses
    S_i = S_0 + (S_e - S_0) * i / (M - 1) for the image size and the same linear rule for every
    regulariser (RandAugment magnitude, mixup alpha, dropout): small images with weak
    regularisation first, large images with strong regularisation last.
    """
    check_positive_int("stages", stages, minimum=2)
    if variant not in PROGRESSIVE_SETTINGS:
        raise ValueError(f"variant={variant!r} must be one of {list(PROGRESSIVE_SETTINGS)}")
    rows = []
    for i in range(stages):
        t = i / (stages - 1)
        row = {"stage": i}
        for key, (lo, hi) in PROGRESSIVE_SETTINGS[variant].items():
            row[key] = lo + (hi - lo) * t
        row["image_size"] = int(row["image_size"])        # image sizes are whole pixels
        rows.append(row)
    return rows
