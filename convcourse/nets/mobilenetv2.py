"""MobileNetV2 (Sandler et al., arXiv:1801.04381, Table 2), laid out like ``torchvision.models.mobilenet_v2``.

Shapes: (N, 3, 224, 224) -> (N, num_classes).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_positive_number, checked
from ..blocks.conv import ConvBNAct
from ..blocks.inverted_residual import InvertedResidual
from ..helpers import init_weights, make_divisible

# Table 2: expansion t, output channels c, repeats n, stride s of the first repeat.
INVERTED_RESIDUAL_SETTING = (
    (1, 16, 1, 1),
    (6, 24, 2, 2),
    (6, 32, 3, 2),
    (6, 64, 4, 2),
    (6, 96, 3, 1),
    (6, 160, 3, 2),
    (6, 320, 1, 1),
)


class MobileNetV2(nn.Module):
    """conv 3x3/2 (32) -> 17 inverted residual blocks -> conv 1x1 (1280) -> avg pool -> dropout -> linear.

    ``width_mult`` scales every width (rounded to multiples of 8); the last conv keeps 1280 channels for
    width_mult < 1 (paper Sec. 6.1).
    """

    @checked
    def __init__(self, num_classes: int = 1000, width_mult: float = 1.0, dropout: float = 0.2):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_number("width_mult", width_mult)
        input_channel = make_divisible(32 * width_mult)
        self.last_channel = make_divisible(1280 * max(1.0, width_mult))
        features: list[nn.Module] = [ConvBNAct(3, input_channel, 3, stride=2, activation=nn.ReLU6)]  # 224 -> 112
        for t, c, n, s in INVERTED_RESIDUAL_SETTING:
            output_channel = make_divisible(c * width_mult)
            for i in range(n):
                features.append(InvertedResidual(input_channel, output_channel, s if i == 0 else 1, t))
                input_channel = output_channel
        features.append(ConvBNAct(input_channel, self.last_channel, 1, activation=nn.ReLU6))       # (N, 1280, 7, 7)
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(p=dropout), nn.Linear(self.last_channel, num_classes))
        init_weights(self)                        # same initialisation as the official code / torchvision

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, 3)
        return self.features(x)                                       # (N, 1280, H/32, W/32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.forward_features(x)
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)  # (N, 1280)
        return self.classifier(x)                                     # (N, num_classes)


@checked
def mobilenet_v2(*, num_classes: int = 1000, width_mult: float = 1.0, **kwargs) -> MobileNetV2:
    """MobileNetV2 1.0: 3,504,872 parameters for 1000 classes (paper Table 4: 3.4M, 300M multiply-adds)."""
    return MobileNetV2(num_classes=num_classes, width_mult=width_mult, **kwargs)
