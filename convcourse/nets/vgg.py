"""VGGNet (Simonyan & Zisserman, arXiv:1409.1556): stacks of 3x3 convs + 2x2 max-pools + three FC layers.

All six configurations of the paper's Table 1 (A, A-LRN, B, C, D, E) are built from ONE table,
``CONFIGS``, written in the paper's own notation ("conv3-64" = 3x3 conv with 64 output channels,
"conv1-256" = 1x1 conv, "maxpool" = 2x2 max-pool with stride 2, "LRN" = local response normalisation).

Laid out like ``torchvision.models.vgg`` (``features`` / ``avgpool`` / ``classifier``) so that the
parameter counts of ``vgg11 ... vgg19_bn`` equal torchvision's. Shapes: (N, 3, 224, 224) -> (N, num_classes).
"""
from __future__ import annotations

import torch
from torch import nn

from .. import helpers
from .._checks import check_choice, check_input, check_positive_int, checked

# Paper Table 1, column by column. Each config ends with 5 max-pools: 224 -> 7.
CONFIGS: dict[str, tuple[str, ...]] = {
    "A": ("conv3-64", "maxpool",
          "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "maxpool"),
    "A-LRN": ("conv3-64", "LRN", "maxpool",
              "conv3-128", "maxpool",
              "conv3-256", "conv3-256", "maxpool",
              "conv3-512", "conv3-512", "maxpool",
              "conv3-512", "conv3-512", "maxpool"),
    "B": ("conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "maxpool"),
    "C": ("conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv1-256", "maxpool",
          "conv3-512", "conv3-512", "conv1-512", "maxpool",
          "conv3-512", "conv3-512", "conv1-512", "maxpool"),
    "D": ("conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "maxpool"),
    "E": ("conv3-64", "conv3-64", "maxpool",
          "conv3-128", "conv3-128", "maxpool",
          "conv3-256", "conv3-256", "conv3-256", "conv3-256", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "conv3-512", "maxpool",
          "conv3-512", "conv3-512", "conv3-512", "conv3-512", "maxpool"),
}

# AlexNet's LRN constants in PyTorch's convention: nn.LocalResponseNorm divides alpha by size,
# so AlexNet's alpha = 1e-4 (applied to the plain sum of squares) becomes 1e-4 * 5 = 5e-4 here.
LRN_SIZE, LRN_ALPHA = 5, 5e-4

# Paper Table 2: number of parameters in millions.
PAPER_PARAMS_M = {"A": 133, "A-LRN": 133, "B": 133, "C": 134, "D": 138, "E": 144}
from ..helpers import variant_builder


def _parse(entry: str) -> tuple[str, int, int]:
    """'conv3-64' -> ('conv', 3, 64); 'maxpool' -> ('maxpool', 2, 0); 'LRN' -> ('LRN', 0, 0)."""
    if entry == "maxpool":
        return "maxpool", 2, 0
    if entry == "LRN":
        return "LRN", 0, 0
    kind, _, channels = entry.partition("-")
    if not (kind.startswith("conv") and kind[4:].isdigit() and channels.isdigit()):
        raise ValueError(f"layer {entry!r} must look like 'conv3-64', 'conv1-256', 'maxpool' or 'LRN'")
    return "conv", int(kind[4:]), int(channels)


@checked
def make_layers(config: str, batch_norm: bool = False, in_channels: int = 3) -> nn.Sequential:
    """The convolutional part of configuration ``config`` (one of ``CONFIGS``).

    Every conv is stride 1 with 'same' padding (paper Sec. 2.1), followed by ReLU; with
    ``batch_norm`` a BN sits between conv and ReLU (not in the paper, which predates BN; the conv keeps
    its bias, as in torchvision, so counts match ``vgg16_bn``). (N, 3, H, W) -> (N, 512, H/32, W/32).
    """
    check_choice("config", config, CONFIGS)
    check_positive_int("in_channels", in_channels)
    layers: list[nn.Module] = []
    c = in_channels
    for entry in CONFIGS[config]:
        kind, k, out = _parse(entry)
        if kind == "maxpool":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))            # halves H and W
        elif kind == "LRN":
            # AlexNet's LRN (n = 5, alpha = 1e-4, beta = 0.75, k = 2; VGG Sec. 2.1 reuses it). AlexNet's
            # formula is k + alpha * sum(a^2); PyTorch computes k + alpha / n * sum(a^2), so alpha = 5 * 1e-4.
            layers.append(nn.LocalResponseNorm(size=LRN_SIZE, alpha=LRN_ALPHA, beta=0.75, k=2.0))
        else:
            layers.append(nn.Conv2d(c, out, kernel_size=k, padding=k // 2))  # same H, W
            if batch_norm:
                layers.append(nn.BatchNorm2d(out))
            layers.append(nn.ReLU(inplace=True))
            c = out
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """VGG: ``features`` (conv stacks) -> 7x7 adaptive average pool -> FC-4096 -> FC-4096 -> FC-classes.

    The paper evaluated "dense" (fully convolutional) at test time; the adaptive pool is torchvision's way
    of accepting any input size while keeping the 224x224 weights. Shapes: (N, 3, H, W) -> (N, num_classes).
    """

    @checked
    def __init__(self, config: str = "D", num_classes: int = 1000, batch_norm: bool = False,
                 dropout: float = 0.5, in_channels: int = 3, init_weights: bool = True):
        super().__init__()
        check_choice("config", config, CONFIGS)
        check_positive_int("num_classes", num_classes)
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
            raise ValueError(f"dropout={dropout!r} must be a number in [0, 1)")
        self.config, self.in_channels = config, in_channels
        self.features = make_layers(config, batch_norm, in_channels)      # -> (N, 512, H/32, W/32)
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))                       # -> (N, 512, 7, 7)
        self.classifier = nn.Sequential(                                  # paper Table 1, last rows
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(True), nn.Dropout(dropout),
            nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(dropout),
            nn.Linear(4096, num_classes),
        )
        if init_weights:   # torchvision's initialisation (the paper pre-trained A and copied its layers)
            helpers.init_weights(self)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=32)
        return self.features(x)                    # (N, 3, 224, 224) -> (N, 512, 7, 7)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.forward_features(x))   # -> (N, 512, 7, 7) at any input size
        return self.classifier(torch.flatten(x, 1))  # -> (N, 25088) -> (N, num_classes)


@checked
def vgg(config: str, *, num_classes: int = 1000, batch_norm: bool = False, **kw) -> VGG:
    """Any configuration of Table 1 by its letter: ``vgg("C")``; unknown names raise ValueError."""
    return VGG(config, num_classes, batch_norm, **kw)


# builder -> (column of Table 1, BatchNorm after every conv)
VARIANTS = {
    "vgg11": ("A", False),
    "vgg11_bn": ("A", True),
    "vgg13": ("B", False),
    "vgg13_bn": ("B", True),
    "vgg16": ("D", False),
    "vgg16_bn": ("D", True),
    "vgg19": ("E", False),
    "vgg19_bn": ("E", True),
}


def _build(variant: str, **kw) -> VGG:
    config, batch_norm = VARIANTS[variant]
    return VGG(config, batch_norm=batch_norm, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
vgg11 = variant_builder(_build, "vgg11", "VGG-11, configuration A (8 conv + 3 FC; 132.9 M parameters).")
vgg11_bn = variant_builder(_build, "vgg11_bn", "VGG-11 with BatchNorm after every conv.")
vgg13 = variant_builder(_build, "vgg13", "VGG-13, configuration B (10 conv + 3 FC; 133.0 M parameters).")
vgg13_bn = variant_builder(_build, "vgg13_bn", "VGG-13 with BatchNorm after every conv.")
vgg16 = variant_builder(_build, "vgg16", "VGG-16, configuration D (13 conv + 3 FC; 138.4 M parameters).")
vgg16_bn = variant_builder(_build, "vgg16_bn", "VGG-16 with BatchNorm after every conv.")
vgg19 = variant_builder(_build, "vgg19", "VGG-19, configuration E (16 conv + 3 FC; 143.7 M parameters).")
vgg19_bn = variant_builder(_build, "vgg19_bn", "VGG-19 with BatchNorm after every conv.")


@checked
def receptive_field(kernel_sizes, strides=None) -> int:
    """Receptive field of a chain of layers: r <- r + (k - 1) * j, j <- j * s (j = product of earlier strides).

    ``receptive_field([3, 3])`` = 5 and ``receptive_field([3, 3, 3])`` = 7: a stack of 3x3 convs sees
    what one 5x5 / 7x7 conv sees (paper Sec. 2.3).
    """
    kernel_sizes = list(kernel_sizes)
    strides = [1] * len(kernel_sizes) if strides is None else list(strides)
    if len(strides) != len(kernel_sizes):
        raise ValueError(f"strides has {len(strides)} entries but kernel_sizes has {len(kernel_sizes)}")
    r, j = 1, 1
    for k, s in zip(kernel_sizes, strides):
        check_positive_int("kernel_size", k)
        check_positive_int("stride", s)
        r, j = r + (k - 1) * j, j * s
    return r


@checked
def layer_costs(config: str = "D", image_size: int = 224, num_classes: int = 1000) -> list[tuple[str, int, int]]:
    """Per weight layer of ``config``: (name, parameters, multiply-adds) from the pure formulas in ``measure``.

    Names follow the paper's blocks: conv1_1 ... conv5_3, fc6, fc7, fc8. Assumes ``image_size`` divisible by 32
    (then the adaptive pool leaves 7x7 only at 224; the FC layers always see 512 x 7 x 7 inputs).
    """
    from ..measure import conv2d_macs, conv2d_params, linear_params

    check_choice("config", config, CONFIGS)
    check_positive_int("image_size", image_size, minimum=32)
    rows, c, size, block, index = [], 3, image_size, 1, 0
    for entry in CONFIGS[config]:
        kind, k, out = _parse(entry)
        if kind == "maxpool":
            size, block, index = size // 2, block + 1, 0
        elif kind == "conv":
            index += 1
            rows.append((f"conv{block}_{index}", conv2d_params(c, out, k), conv2d_macs(c, out, k, size)))
            c = out
    for name, fin, fout in (("fc6", 512 * 7 * 7, 4096), ("fc7", 4096, 4096), ("fc8", 4096, num_classes)):
        rows.append((name, linear_params(fin, fout), fin * fout))
    return rows


@checked
def receptive_fields(config: str = "D") -> list[tuple[str, int]]:
    """Receptive field (pixels of the input) of every conv layer of ``config``: conv1_1 -> 3 ... conv5_3 (D) -> 196."""
    check_choice("config", config, CONFIGS)
    rows, kernels, strides, block, index = [], [], [], 1, 0
    for entry in CONFIGS[config]:
        kind, k, _ = _parse(entry)
        if kind == "maxpool":
            kernels.append(2)
            strides.append(2)
            block, index = block + 1, 0
        elif kind == "conv":
            kernels.append(k)
            strides.append(1)
            index += 1
            rows.append((f"conv{block}_{index}", receptive_field(kernels, strides)))
    return rows
