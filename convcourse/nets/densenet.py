"""DenseNet (Huang et al., arXiv:1608.06993): every layer receives the concatenation of all earlier ones.

Laid out like ``torchvision.models.densenet`` (same module names, so the parameter counts and even the
state dicts match one to one). The ImageNet models are DenseNet-BC (paper Sec. 3):

* dense layer H_l (DenseNet-B): BN-ReLU-1x1 conv (bn_size * k = 4k) - BN-ReLU-3x3 conv (k);
  input x_0 ... x_(l-1) concatenated (Eq. 2): c_0 + (l - 1) k channels -> k new channels;
* transition (DenseNet-C): BN-ReLU-1x1 conv (m -> floor(theta * m), theta = 0.5) - 2x2 average pool.

Shapes: (N, 3, 224, 224) -> features (N, 1024, 7, 7) for DenseNet-121 -> (N, num_classes).
``stem="cifar"`` gives the paper's CIFAR/SVHN entry instead (Sec. 3, "Implementation Details"): one 3x3 conv,
stride 1, padding 1, no pooling, so the first dense block sees the full 32x32 (or 28x28) image.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import torch
import torch.nn.functional as F
import torch.utils.checkpoint as cp
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked

__all__ = ["DenseLayer", "DenseBlock", "Transition", "DenseNet", "CONFIGS", "dense_block_channels",
           "densenet_channels", "densenet_min_size", "STEMS", "concatenation_bytes", "saved_activation_bytes", "densenet121", "densenet169", "densenet201", "densenet161"]
from ..helpers import variant_builder


def _check_rate(name: str, value, low: float, high: float, low_open: bool) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and \
        (low < value if low_open else low <= value) and value <= high
    if not ok:
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}]"
        raise ValueError(f"{name}={value!r} must be a number in {interval}")
    return float(value)


@checked
def dense_block_channels(in_channels: int, num_layers: int, growth_rate: int) -> list[int]:
    """Channels of the concatenated feature map before layer 1, 2, ..., L and after the block.

    c_0, c_0 + k, c_0 + 2k, ..., c_0 + L k (paper Sec. 3, "growth rate").
    """
    check_positive_int("in_channels", in_channels)
    check_positive_int("num_layers", num_layers)
    check_positive_int("growth_rate", growth_rate)
    return [in_channels + i * growth_rate for i in range(num_layers + 1)]


STEMS = ("imagenet", "cifar")
"""The two entries of the paper: ImageNet's 7x7/2 conv + 3x3/2 max-pool (Table 1), CIFAR/SVHN's 3x3 conv (Sec. 3)."""


@checked
def densenet_min_size(num_blocks: int, stem: str = "imagenet") -> int:
    """Smallest input side a DenseNet with ``num_blocks`` dense blocks accepts.

    Each of the ``num_blocks - 1`` transitions ends in a 2x2 average pool, which needs a map of side >= 2:
    the first block's map must be at least 2^(num_blocks - 1). The ImageNet stem takes a side H to
    floor((H - 1) / 4) + 1 (7x7/2 conv, 3x3/2 max-pool, both padded), so H >= 4 (2^(num_blocks - 1) - 1) + 1:
    29 for DenseNet-121's four blocks. The CIFAR stem keeps the size: H >= 2^(num_blocks - 1) (4 for three blocks).
    """
    check_positive_int("num_blocks", num_blocks, maximum=32)
    check_choice("stem", stem, STEMS)
    first_block = 2 ** (num_blocks - 1)
    return first_block if stem == "cifar" else 4 * (first_block - 1) + 1


@checked
def densenet_channels(block_config: Sequence[int], growth_rate: int = 32, num_init_features: int = 64,
                      compression: float = 0.5) -> list[tuple[int, int]]:
    """(channels in, channels out) of every dense block; transitions keep floor(theta * m)."""
    _check_rate("compression", compression, 0.0, 1.0, low_open=True)
    out, c = [], num_init_features
    for i, num_layers in enumerate(block_config):
        c_out = dense_block_channels(c, num_layers, growth_rate)[-1]
        out.append((c, c_out))
        c = int(c_out * compression) if i != len(block_config) - 1 else c_out
    return out


class DenseLayer(nn.Module):
    """H_l of DenseNet-B: BN-ReLU-1x1 (bn_size * k) - BN-ReLU-3x3 (k).

    Input: one tensor or the list [x_0, ..., x_(l-1)] (concatenated here, Eq. 2), in total
    ``in_channels`` channels. Output: (N, growth_rate, H, W), the layer's k new feature maps.
    ``memory_efficient`` recomputes concat-BN-ReLU-1x1 in the backward pass instead of storing it
    (Pleiss et al., arXiv:1707.06990): less memory, more time.
    """

    @checked
    def __init__(self, in_channels: int, growth_rate: int = 32, bn_size: int = 4, drop_rate: float = 0.0,
                 memory_efficient: bool = False):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("growth_rate", growth_rate)
        check_positive_int("bn_size", bn_size)
        self.drop_rate = _check_rate("drop_rate", drop_rate, 0.0, 1.0, low_open=False)
        self.in_channels, self.memory_efficient = in_channels, bool(memory_efficient)
        self.norm1 = nn.BatchNorm2d(in_channels)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_channels, bn_size * growth_rate, 1, bias=False)    # -> (N, 4k, H, W)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, 3, padding=1, bias=False)  # -> (N, k, H, W)

    def bottleneck(self, *features: torch.Tensor) -> torch.Tensor:
        """[x_0, ..., x_(l-1)] -> concat -> BN-ReLU-1x1: (N, 4k, H, W)."""
        return self.conv1(self.relu1(self.norm1(torch.cat(features, 1))))

    def forward(self, features: torch.Tensor | list[torch.Tensor]) -> torch.Tensor:
        features = [features] if isinstance(features, torch.Tensor) else list(features)
        for i, f in enumerate(features):
            check_input(f, name=f"features[{i}]")
        channels = sum(f.shape[1] for f in features)
        if channels != self.in_channels:
            raise ValueError(f"features have {channels} channels in total but the layer was built for "
                             f"in_channels={self.in_channels}")
        if self.memory_efficient and any(f.requires_grad for f in features):
            out = cp.checkpoint(self.bottleneck, *features, use_reentrant=False)
        else:
            out = self.bottleneck(*features)
        out = self.conv2(self.relu2(self.norm2(out)))
        if self.drop_rate > 0:
            out = F.dropout(out, p=self.drop_rate, training=self.training)
        return out


class DenseBlock(nn.ModuleDict):
    """L dense layers; layer l sees c_0 + (l - 1) k channels. (N, c_0, H, W) -> (N, c_0 + L k, H, W)."""

    @checked
    def __init__(self, num_layers: int, in_channels: int, growth_rate: int = 32, bn_size: int = 4,
                 drop_rate: float = 0.0, memory_efficient: bool = False):
        channels = dense_block_channels(in_channels, num_layers, growth_rate)
        super().__init__()
        for i in range(num_layers):
            self.add_module(f"denselayer{i + 1}",
                            DenseLayer(channels[i], growth_rate, bn_size, drop_rate, memory_efficient))
        self.in_channels, self.out_channels = in_channels, channels[-1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        features = [x]
        for layer in self.values():
            features.append(layer(features))        # each layer adds k channels
        return torch.cat(features, 1)


class Transition(nn.Sequential):
    """BN-ReLU-1x1 conv (in -> out) - 2x2 average pool: (N, m, H, W) -> (N, out, H/2, W/2)."""

    @checked
    def __init__(self, in_channels: int, out_channels: int):
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        super().__init__(OrderedDict([
            ("norm", nn.BatchNorm2d(in_channels)),
            ("relu", nn.ReLU(inplace=True)),
            ("conv", nn.Conv2d(in_channels, out_channels, 1, bias=False)),
            ("pool", nn.AvgPool2d(2, stride=2)),
        ]))
        self.in_channels, self.out_channels = in_channels, out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=2, what="the 2x2 average pool")
        return super().forward(x)


class DenseNet(nn.Module):
    """DenseNet-BC for ImageNet (paper Table 1): 7x7/2 conv + 3x3/2 max-pool, 4 dense blocks with
    transitions between them, BN-ReLU, global average pool, FC.

    ``stem="cifar"``: the entry of the paper's CIFAR/SVHN networks (Sec. 3) instead, a single 3x3 conv
    (stride 1, padding 1; the paper uses 2k channels for DenseNet-BC: ``num_init_features=2 * growth_rate``),
    no BN-ReLU and no pooling before the first block (each dense layer starts with its own BN-ReLU).
    The smallest input follows the number of blocks and the stem (``densenet_min_size``).

    Shapes: (N, in_channels, 224, 224) -> (N, num_classes); ``forward_features`` -> (N, C, 7, 7);
    with ``stem="cifar"`` and three blocks: (N, C_in, 32, 32) -> features (N, C, 8, 8).
    """

    @checked
    def __init__(self, growth_rate: int = 32, block_config: Sequence[int] = (6, 12, 24, 16),
                 num_init_features: int = 64, bn_size: int = 4, compression: float = 0.5,
                 drop_rate: float = 0.0, num_classes: int = 1000, in_channels: int = 3,
                 memory_efficient: bool = False, stem: str = "imagenet"):
        super().__init__()
        check_choice("stem", stem, STEMS)
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_positive_int("num_init_features", num_init_features)
        if not (len(block_config) >= 1 and all(isinstance(n, int) and n >= 1 for n in block_config)):
            raise ValueError(f"block_config={list(block_config)} must be block sizes >= 1, e.g. (6, 12, 24, 16)")
        stages = densenet_channels(block_config, growth_rate, num_init_features, compression)
        self.in_channels, self.stem = in_channels, stem
        self.min_size = densenet_min_size(len(block_config), stem)
        if stem == "imagenet":
            self.features = nn.Sequential(OrderedDict([
                ("conv0", nn.Conv2d(in_channels, num_init_features, 7, stride=2, padding=3, bias=False)),
                ("norm0", nn.BatchNorm2d(num_init_features)),
                ("relu0", nn.ReLU(inplace=True)),
                ("pool0", nn.MaxPool2d(3, stride=2, padding=1)),       # (N, 3, 224, 224) -> (N, 64, 56, 56)
            ]))
        else:                                       # CIFAR/SVHN: (N, C_in, 32, 32) -> (N, 2k, 32, 32)
            self.features = nn.Sequential(OrderedDict([
                ("conv0", nn.Conv2d(in_channels, num_init_features, 3, padding=1, bias=False)),
            ]))
        for i, (num_layers, (c_in, c_out)) in enumerate(zip(block_config, stages)):
            self.features.add_module(f"denseblock{i + 1}", DenseBlock(num_layers, c_in, growth_rate, bn_size,
                                                                      drop_rate, memory_efficient))
            if i != len(block_config) - 1:          # halve the resolution, compress to theta * m channels
                self.features.add_module(f"transition{i + 1}", Transition(c_out, stages[i + 1][0]))
        self.out_channels = stages[-1][1]
        self.features.add_module("norm5", nn.BatchNorm2d(self.out_channels))
        self.classifier = nn.Linear(self.out_channels, num_classes)

        for m in self.modules():                    # the same initialisation as torchvision
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.Linear):
                nn.init.constant_(m.bias, 0)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        # the smallest side whose map is still >= 2 at the last transition's 2x2 pool (29 for DenseNet-121)
        check_input(x, self.in_channels, min_size=self.min_size, what="DenseNet")
        return F.relu(self.features(x), inplace=True)             # -> (N, C, 7, 7)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(self.forward_features(x), 1)    # -> (N, C, 1, 1)
        return self.classifier(torch.flatten(x, 1))


# builder -> (growth rate k, block sizes, initial features); paper Table 1
CONFIGS = {
    "densenet121": (32, (6, 12, 24, 16), 64),
    "densenet169": (32, (6, 12, 32, 32), 64),
    "densenet201": (32, (6, 12, 48, 32), 64),
    "densenet161": (48, (6, 12, 36, 24), 96),
}


def _build(variant: str, **kw) -> DenseNet:
    k, blocks, init = CONFIGS[variant]
    return DenseNet(k, blocks, init, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
densenet121 = variant_builder(_build, "densenet121",
                              "DenseNet-121 (k = 32, blocks 6-12-24-16): 7,978,856 parameters, 2.8 G multiply-adds.")
densenet169 = variant_builder(_build, "densenet169",
                              "DenseNet-169 (k = 32, blocks 6-12-32-32): 14.1 M parameters.")
densenet201 = variant_builder(_build, "densenet201",
                              "DenseNet-201 (k = 32, blocks 6-12-48-32): 20.0 M parameters.")
densenet161 = variant_builder(_build, "densenet161",
                              "DenseNet-161 (k = 48, 96 initial features, blocks 6-12-36-24): 28.7 M parameters.")


# ---------------------------------------------------------------- measuring the memory of concatenation
@checked
def concatenation_bytes(module: nn.Module, x: torch.Tensor) -> list[int]:
    """Bytes of every tensor ``torch.cat`` allocates during one forward pass (no grad), in order.

    Measured by intercepting the ``aten.cat`` calls (``TorchDispatchMode``). In a naive dense block,
    layer l allocates a fresh (N, c_0 + (l - 1) k, H, W) tensor: the sum grows quadratically with L.
    """
    from torch.utils._python_dispatch import TorchDispatchMode

    sizes: list[int] = []

    class _CatSpy(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            if func is torch.ops.aten.cat.default:
                sizes.append(out.numel() * out.element_size())
            return out

    with torch.no_grad(), _CatSpy():
        module(x)
    return sizes


@checked
def saved_activation_bytes(module: nn.Module, x: torch.Tensor) -> int:
    """Bytes of the distinct tensors autograd keeps for the backward pass of one training forward.

    This is the activation memory of training; ``memory_efficient=True`` lowers it by recomputing
    the concatenations (Pleiss et al., arXiv:1707.06990). Works on the ``meta`` device too (``x`` is
    moved to the module's device): a network built there is measured without allocating anything.
    Tensors are told apart by their storage object, which views share and meta tensors have too.
    """
    storages: dict[int, int] = {}

    def pack(t: torch.Tensor) -> torch.Tensor:
        s = t.untyped_storage()
        storages[s._cdata] = s.nbytes()         # the tensor stays alive in the graph: the key stays unique
        return t

    p = next(module.parameters(), None)
    x = x.detach().to(p.device if p is not None else x.device).requires_grad_(True)
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        module(x)
    return sum(storages.values())
