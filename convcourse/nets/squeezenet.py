"""SqueezeNet 1.0 and 1.1 (Iandola et al., arXiv:1602.07360), laid out like ``torchvision.models.squeezenet``.

1.0 is the paper's Table 1 (conv1 7x7/2 with 96 filters, max-pools after conv1, fire4 and fire8).
1.1 comes from the authors' repository (forresti/SqueezeNet, "SqueezeNet_v1.1"), not from the paper:
conv1 3x3/2 with 64 filters and the pools moved earlier (after conv1, fire3, fire5): same accuracy
with ~2.4x less computation. There is no fully connected layer: conv10 (1x1, num_classes filters)
followed by global average pooling is the classifier (strategy 3 / NiN).

Shapes: (N, 3, 224, 224) -> (N, num_classes).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.fire import Fire
from ..helpers import variant_builder


class SqueezeNet(nn.Module):
    """SqueezeNet ``version`` "1_0" or "1_1" (see module docstring)."""

    @checked
    def __init__(self, version: str = "1_0", num_classes: int = 1000, dropout: float = 0.5):
        super().__init__()
        check_choice("version", version, ("1_0", "1_1"))
        check_positive_int("num_classes", num_classes)
        self.num_classes = num_classes
        # smallest side whose map survives the three ceil-mode max-pools and the 13x13 classifier input
        self.min_size = 21 if version == "1_0" else 17
        pool = lambda: nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True)  # noqa: E731
        if version == "1_0":
            self.features = nn.Sequential(
                nn.Conv2d(3, 96, kernel_size=7, stride=2), nn.ReLU(inplace=True), pool(),   # 224 -> 109 -> 54
                Fire(96, 16, 64, 64), Fire(128, 16, 64, 64), Fire(128, 32, 128, 128), pool(),  # -> 27
                Fire(256, 32, 128, 128), Fire(256, 48, 192, 192), Fire(384, 48, 192, 192),
                Fire(384, 64, 256, 256), pool(),                                             # -> 13
                Fire(512, 64, 256, 256),
            )
        else:
            self.features = nn.Sequential(
                nn.Conv2d(3, 64, kernel_size=3, stride=2), nn.ReLU(inplace=True), pool(),   # 224 -> 111 -> 55
                Fire(64, 16, 64, 64), Fire(128, 16, 64, 64), pool(),                        # -> 27
                Fire(128, 32, 128, 128), Fire(256, 32, 128, 128), pool(),                   # -> 13
                Fire(256, 48, 192, 192), Fire(384, 48, 192, 192),
                Fire(384, 64, 256, 256), Fire(512, 64, 256, 256),
            )
        final_conv = nn.Conv2d(512, num_classes, kernel_size=1)   # conv10: one map per class
        self.classifier = nn.Sequential(nn.Dropout(p=dropout), final_conv, nn.ReLU(inplace=True),
                                        nn.AdaptiveAvgPool2d((1, 1)))
        for m in self.modules():                                  # same initialisation as torchvision
            if isinstance(m, nn.Conv2d):
                if m is final_conv:
                    nn.init.normal_(m.weight, mean=0.0, std=0.01)
                else:
                    nn.init.kaiming_uniform_(m.weight)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, 3, min_size=self.min_size, what="SqueezeNet")
        return self.features(x)                 # (N, 512, 13, 13)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.classifier(self.forward_features(x))   # conv10 + global pool: (N, num_classes, 1, 1)
        return torch.flatten(x, 1)              # (N, num_classes)


# builder -> version (paper Table 1 / the authors' repository)
CONFIGS = {"squeezenet1_0": "1_0", "squeezenet1_1": "1_1"}


def _build(variant: str, **kw) -> SqueezeNet:
    return SqueezeNet(CONFIGS[variant], **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
squeezenet1_0 = variant_builder(_build, "squeezenet1_0",
                                "SqueezeNet 1.0 (paper Table 1): 1,248,424 parameters for 1000 classes.")
squeezenet1_1 = variant_builder(_build, "squeezenet1_1", "SqueezeNet 1.1 (authors' repository): 1,235,496 parameters, "
                                "~2.4x fewer MACs than 1.0.")
