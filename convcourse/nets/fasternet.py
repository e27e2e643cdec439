"""FasterNet (Chen et al., "Run, Don't Walk", arXiv:2303.03667, Fig. 4; configurations of the official code).

Embedding (4x4 conv, stride 4, BN) -> 4 stages of FasterNet blocks, each stage after the first
preceded by a merging layer (2x2 conv, stride 2, BN, channels x2) -> global average pool ->
1x1 conv to 1280 + activation -> linear classifier. Laid out like the authors' official code;
stochastic depth (drop path) has no parameters and does nothing at inference, so it is left out.

Shapes: (N, 3, 224, 224) -> (N, num_classes); the stages see 56, 28, 14, 7 pixels.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct
from ..blocks.pconv import FasterNetBlock
from ..helpers import variant_builder


class FasterNet(nn.Module):
    """The FasterNet family; ``embed_dim`` is C of the first stage, ``depths`` the blocks per stage."""

    @checked
    def __init__(self, embed_dim: int = 96, depths: Sequence[int] = (1, 2, 8, 2), num_classes: int = 1000,
                 n_div: int = 4, mlp_ratio: float = 2.0, activation: type[nn.Module] = nn.ReLU,
                 feature_dim: int = 1280, forward_type: str = "split_cat"):
        super().__init__()
        check_positive_int("embed_dim", embed_dim)
        check_positive_int("num_classes", num_classes)
        check_positive_int("feature_dim", feature_dim)
        if len(depths) < 1:
            raise ValueError(f"depths={tuple(depths)} must name at least one stage")
        for d in depths:
            check_positive_int("depths", d)
        check_choice("forward_type", forward_type, ("slicing", "split_cat"))
        self.patch_embed = ConvBNAct(3, embed_dim, 4, stride=4, padding=0, activation=None)   # (N, C, H/4, W/4)
        stages: list[nn.Module] = []
        dim = embed_dim
        for i, depth in enumerate(depths):
            if i > 0:   # merging layer: (N, C, H, W) -> (N, 2C, H/2, W/2)
                stages.append(ConvBNAct(dim, 2 * dim, 2, stride=2, padding=0, activation=None))
                dim *= 2
            stages.append(nn.Sequential(*[FasterNetBlock(dim, n_div, mlp_ratio, activation, forward_type)
                                          for _ in range(depth)]))
        self.stages = nn.Sequential(*stages)
        self.num_features = dim
        self.avgpool_pre_head = nn.Sequential(nn.AdaptiveAvgPool2d(1),                          # (N, C, 1, 1)
                                              nn.Conv2d(dim, feature_dim, 1, bias=False),       # (N, 1280, 1, 1)
                                              activation())
        self.head = nn.Linear(feature_dim, num_classes)
        for m in self.modules():   # official init: truncated normal(std 0.02) for conv and linear weights
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(m.weight, std=0.02)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, 3, min_size=32, what="FasterNet")         # 4x4 patches, then three 2x2 merges
        return self.stages(self.patch_embed(x))               # (N, 8 C, H/32, W/32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.avgpool_pre_head(self.forward_features(x)), 1)   # (N, 1280)
        return self.head(x)                                   # (N, num_classes)


# builder -> (C of the first stage, blocks per stage, activation); the official configs
CONFIGS = {
    "fasternet_t0": (40, (1, 2, 8, 2), nn.GELU),
    "fasternet_t1": (64, (1, 2, 8, 2), nn.GELU),
    "fasternet_t2": (96, (1, 2, 8, 2), nn.ReLU),
    "fasternet_s": (128, (1, 2, 13, 2), nn.ReLU),
    "fasternet_m": (144, (3, 4, 18, 3), nn.ReLU),
    "fasternet_l": (192, (3, 4, 18, 3), nn.ReLU),
}


def _build(variant: str, **kw) -> FasterNet:
    embed_dim, depths, activation = CONFIGS[variant]
    return FasterNet(embed_dim, depths, activation=activation, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
fasternet_t0 = variant_builder(_build, "fasternet_t0",
                               "FasterNet-T0: C = 40, depths (1, 2, 8, 2), GELU. Official table: 3.9M parameters, 0.34G FLOPs.")
fasternet_t1 = variant_builder(_build, "fasternet_t1",
                               "FasterNet-T1: C = 64, depths (1, 2, 8, 2), GELU. Official table: 7.6M parameters, 0.85G FLOPs.")
fasternet_t2 = variant_builder(_build, "fasternet_t2",
                               "FasterNet-T2: C = 96, depths (1, 2, 8, 2), ReLU. Official table: 15.0M parameters, 1.90G FLOPs.")
fasternet_s = variant_builder(_build, "fasternet_s",
                              "FasterNet-S: C = 128, depths (1, 2, 13, 2), ReLU. Official table: 31.1M parameters, 4.55G FLOPs.")
fasternet_m = variant_builder(_build, "fasternet_m",
                              "FasterNet-M: C = 144, depths (3, 4, 18, 3), ReLU. Official table: 53.5M parameters, 8.72G FLOPs.")
fasternet_l = variant_builder(_build, "fasternet_l",
                              "FasterNet-L: C = 192, depths (3, 4, 18, 3), ReLU. Official table: 93.4M parameters, 15.49G FLOPs.")
