"""A tiny CNN for the training demos, with an optional attention module after each stage."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_int_sequence, check_positive_int, checked
from ..attention import create_attention
from ..blocks.conv import ConvBNAct


class TinyNet(nn.Module):
    """Three stages (each 3x3 conv-BN-ReLU, then 2x2 max-pool except the last) -> global pool -> FC.

    ``attention`` (a name from ``convcourse.attention.ATTENTION_NAMES``, a class or a partial) is inserted after the conv of
    every stage; ``attention_stages`` picks which (0, 1, 2). Input (N, 3, 48, 48): stage maps are
    48x48, 24x24, 12x12. ``stage_attention()`` returns the attention modules for plotting.
    """

    @checked
    def __init__(self, num_classes: int = 4, widths=(16, 32, 64), attention: str | None = None,
                 attention_stages=(0, 1, 2), attention_kw: dict | None = None, in_channels: int = 3):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        widths = check_int_sequence("widths", widths)
        self.in_channels = in_channels
        stages, c_in = [], in_channels
        for i, w in enumerate(widths):
            layers = [ConvBNAct(c_in, w, 3)]
            if attention is not None and i in attention_stages:
                layers.append(create_attention(attention, w, **(attention_kw or {})))
            if i < len(widths) - 1:
                layers.append(nn.MaxPool2d(2))
            stages.append(nn.Sequential(*layers))
            c_in = w
        self.stages = nn.Sequential(*stages)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_in, num_classes))

    def stage_attention(self) -> list[nn.Module]:
        """The attention module of each stage that has one, in order."""
        from ..attention import attention_class, ATTENTION_NAMES

        classes = tuple({attention_class(n) for n in ATTENTION_NAMES})
        # direct children only: scSE holds a cSE and an sSE, which are attention classes too
        return [m for stage in self.stages for m in stage.children() if isinstance(m, classes)]

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.stages(x)                     # (N, widths[-1], H/4, W/4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.forward_features(x))
