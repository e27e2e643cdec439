"""The Inception family: GoogLeNet's block (v1, arXiv:1409.4842), the factorisations of Inception-v2/v3
(arXiv:1512.00567) and Inception-ResNet-v2 (arXiv:1602.07261).

* ``InceptionV1Block``: four parallel branches (1x1 | 1x1->3x3 | 1x1->5x5 | 3x3 max-pool->1x1) concatenated
  along channels (v1 paper Fig. 2b); ``reduce=False`` gives the naive block of Fig. 2a.
* ``GoogLeNet`` / ``googlenet()``: the whole v1 network (Table 1, Fig. 3): stem, nine Inception blocks,
  two auxiliary classifiers, global average pooling; ``layout="torchvision"`` equals torchvision's GoogLeNet
  (6,624,904 parameters, 13,004,888 with the auxiliary heads), ``layout="paper"`` is Table 1 as printed.
* ``FactorizedConv``: v3 paper Sec. 3: a 5x5 as two 3x3 (Fig. 1/5) and an n x n as 1 x n then n x 1 (Fig. 3/6).
* ``InceptionResNetA/B/C``: the 35x35 / 17x17 / 8x8 residual Inception blocks of Inception-ResNet-v2
  (v4 paper Fig. 16/17/19) with the residual scaling of Sec. 3.3 (Fig. 20).
* ``InceptionResNetV2``: the whole network, laid out as the authors' released TF-slim code
  (``inception_resnet_v2.py``), whose stem differs from the paper's Fig. 3 (see the notebook).

Shapes: (N, 3, 299, 299) -> (N, num_classes).
"""
from __future__ import annotations

import functools

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct


#: TensorFlow's BatchNorm epsilon (0.001), kept by torchvision's GoogLeNet and the TF-slim Inception-ResNet-v2
_BN_TF = functools.partial(nn.BatchNorm2d, eps=0.001)
#: conv (no bias) -> BN (eps 0.001) -> ReLU, 'same' padding by default; ``padding=0`` is TF's VALID.
#: Accepts non-square kernels such as (1, 7). (torchvision and timm call this unit ``BasicConv2d``.)
_conv = functools.partial(ConvBNAct, norm_layer=_BN_TF)


def _concat_channels(branches: nn.ModuleList, x: torch.Tensor) -> torch.Tensor:
    return torch.cat([branch(x) for branch in branches], dim=1)


# ------------------------------------------------------------------------------------------- Inception v1


def _v1_unit(c_in: int, c_out: int, k: int, stride: int = 1, bn: bool = False) -> ConvBNAct:
    """GoogLeNet's conv unit: conv (bias) -> ReLU as in the paper, or conv (no bias) -> BN (eps 0.001) -> ReLU."""
    return ConvBNAct(c_in, c_out, k, stride, norm_layer=_BN_TF if bn else None)


class InceptionV1Block(nn.Module):
    """GoogLeNet's Inception module (v1 paper Fig. 2, Table 1): 1x1 | 1x1->3x3 | 1x1->5x5 | pool->1x1.

    ``reduce=True`` (Fig. 2b): 1x1 convs shrink the channels before the 3x3 and 5x5 and after the pool.
    ``reduce=False`` (Fig. 2a, the naive block): 3x3 and 5x5 see all input channels and the pooled input
    is passed on unchanged, so the output has ch1x1 + ch3x3 + ch5x5 + in_channels channels.
    Convs have a bias and a ReLU, no BN (2014). Shapes: (N, C_in, H, W) -> (N, out_channels, H, W).

    ``bn=True`` gives torchvision's (and TF-slim's) unit instead: conv without bias -> BN (eps 0.001) -> ReLU.
    ``kernel_5x5`` is the kernel of the "5x5" branch: 5 in the paper; torchvision's GoogLeNet uses 3 there
    (a known deviation it inherited, pytorch/vision#906), so its pretrained weights need ``kernel_5x5=3``.
    """

    @checked
    def __init__(self, in_channels: int, ch1x1: int, ch3x3red: int, ch3x3: int, ch5x5red: int, ch5x5: int,
                 pool_proj: int, reduce: bool = True, bn: bool = False, kernel_5x5: int = 5):
        super().__init__()
        for name, value in (("in_channels", in_channels), ("ch1x1", ch1x1), ("ch3x3red", ch3x3red),
                            ("ch3x3", ch3x3), ("ch5x5red", ch5x5red), ("ch5x5", ch5x5), ("pool_proj", pool_proj)):
            check_positive_int(name, value)
        check_choice("kernel_5x5", kernel_5x5, (3, 5))

        def conv(c_in, c_out, k):
            return _v1_unit(c_in, c_out, k, bn=bn)

        pool = nn.MaxPool2d(3, stride=1, padding=1)
        if reduce:
            branches = [conv(in_channels, ch1x1, 1),
                        nn.Sequential(conv(in_channels, ch3x3red, 1), conv(ch3x3red, ch3x3, 3)),
                        nn.Sequential(conv(in_channels, ch5x5red, 1), conv(ch5x5red, ch5x5, kernel_5x5)),
                        nn.Sequential(pool, conv(in_channels, pool_proj, 1))]
            self.out_channels = ch1x1 + ch3x3 + ch5x5 + pool_proj
        else:
            branches = [conv(in_channels, ch1x1, 1), conv(in_channels, ch3x3, 3), conv(in_channels, ch5x5, 5), pool]
            self.out_channels = ch1x1 + ch3x3 + ch5x5 + in_channels
        self.in_channels, self.reduce = in_channels, reduce
        self.branches = nn.ModuleList(branches)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return _concat_channels(self.branches, x)      # (N, C_in, H, W) -> (N, out_channels, H, W)


# GoogLeNet Table 1: (in_channels, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj)
GOOGLENET_BLOCKS = {
    "3a": (192, 64, 96, 128, 16, 32, 32), "3b": (256, 128, 128, 192, 32, 96, 64),
    "4a": (480, 192, 96, 208, 16, 48, 64), "4b": (512, 160, 112, 224, 24, 64, 64),
    "4c": (512, 128, 128, 256, 24, 64, 64), "4d": (512, 112, 144, 288, 32, 64, 64),
    "4e": (528, 256, 160, 320, 32, 128, 128), "5a": (832, 256, 160, 320, 32, 128, 128),
    "5b": (832, 384, 192, 384, 48, 128, 128),
}


@checked
def googlenet_block(name: str, reduce: bool = True) -> InceptionV1Block:
    """Inception block ``name`` ("3a" ... "5b") of GoogLeNet's Table 1."""
    check_choice("name", name, GOOGLENET_BLOCKS)
    return InceptionV1Block(*GOOGLENET_BLOCKS[name], reduce=reduce)


GOOGLENET_LAYOUTS = ("torchvision", "paper")


class InceptionAux(nn.Sequential):
    """GoogLeNet's auxiliary classifier (paper Sec. 5), on the 14 x 14 output of 4a (512 ch) or 4d (528 ch).

    pool to 4 x 4 -> 1x1 conv 128 (+ ReLU) -> FC 1024 + ReLU -> dropout 0.7 -> FC num_classes.
    The paper pools with a 5x5 average pool of stride 3 (14 -> 4); torchvision with an adaptive 4 x 4 pool
    (the same size, slightly different windows). Used in training only: its loss is added with weight 0.3.
    Shapes: (N, C, 14, 14) -> (N, num_classes).
    """

    @checked
    def __init__(self, in_channels: int, num_classes: int, layout: str = "torchvision", dropout: float = 0.7):
        check_choice("layout", layout, GOOGLENET_LAYOUTS)
        pool = nn.AdaptiveAvgPool2d(4) if layout == "torchvision" else nn.AvgPool2d(5, stride=3)
        super().__init__(pool,                                                   # (N, C, 14, 14) -> (N, C, 4, 4)
                         _v1_unit(in_channels, 128, 1, bn=layout == "torchvision"),   # -> (N, 128, 4, 4)
                         nn.Flatten(),                                           # -> (N, 2048)
                         nn.Linear(128 * 4 * 4, 1024), nn.ReLU(inplace=True),    # -> (N, 1024)
                         nn.Dropout(dropout), nn.Linear(1024, num_classes))      # -> (N, num_classes)
        self.in_channels, self.min_size = in_channels, (1 if layout == "torchvision" else 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=self.min_size, what="the auxiliary classifier")
        return super().forward(x)


class GoogLeNet(nn.Module):
    """GoogLeNet, the Inception-v1 network (arXiv:1409.4842, Table 1, Fig. 3). (N, 3, 224, 224) -> (N, num_classes).

    stem: 7x7/2 conv 64 -> 3x3/2 max-pool -> 1x1 conv 64 -> 3x3 conv 192 -> 3x3/2 max-pool (224 -> 28);
    3a, 3b -> max-pool (14) -> 4a ... 4e -> max-pool (7) -> 5a, 5b (1024 channels) -> global average pool
    -> dropout -> FC. Two auxiliary classifiers read 4a and 4d (training only).

    ``layout="torchvision"`` (default) is torchvision's ``GoogLeNet`` with ``transform_input=False``: every
    conv is conv-BN-ReLU, no LRN, the "5x5" branch uses a 3x3, the last pool before 5a is 2x2, dropout 0.2;
    copying its weights gives the same outputs. ``layout="paper"``: Table 1 as printed (biased convs
    without BN, LRN after the first pool and after the 3x3 stem conv, 5x5 kernels, 3x3 pools, dropout 0.4).

    ``forward`` returns the logits; in training mode with ``aux_logits=True`` it returns
    ``(logits, aux1, aux2)`` (aux1 from 4a, aux2 from 4d; torchvision's tuple is ordered logits, aux2, aux1).
    """

    @checked
    def __init__(self, num_classes: int = 1000, aux_logits: bool = True, layout: str = "torchvision",
                 dropout: float | None = None, dropout_aux: float = 0.7, in_channels: int = 3):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_choice("layout", layout, GOOGLENET_LAYOUTS)
        tv = layout == "torchvision"
        if dropout is None:
            dropout = 0.2 if tv else 0.4
        self.in_channels, self.aux_logits, self.layout = in_channels, bool(aux_logits), layout

        def pool(k=3):
            return nn.MaxPool2d(k, stride=2, ceil_mode=True)

        def lrn():                                           # Caffe's LRN as in the released bvlc_googlenet
            return nn.Identity() if tv else nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1.0)

        self.stem = nn.Sequential(
            _v1_unit(in_channels, 64, 7, stride=2, bn=tv),   # (N, 3, 224, 224) -> (N, 64, 112, 112)
            pool(), lrn(),                                   # -> (N, 64, 56, 56)
            _v1_unit(64, 64, 1, bn=tv),                      # "#3x3 reduce" of the stem
            _v1_unit(64, 192, 3, bn=tv),                     # -> (N, 192, 56, 56)
            lrn(), pool(),                                   # -> (N, 192, 28, 28)
        )
        kw = dict(bn=tv, kernel_5x5=3 if tv else 5)
        blocks = {name: InceptionV1Block(*GOOGLENET_BLOCKS[name], **kw) for name in GOOGLENET_BLOCKS}
        self.inception3 = nn.Sequential(blocks["3a"], blocks["3b"])                    # -> (N, 480, 28, 28)
        self.pool3 = pool()                                                            # -> (N, 480, 14, 14)
        self.inception4a = blocks["4a"]                                                # -> (N, 512, 14, 14)
        self.inception4bcd = nn.Sequential(blocks["4b"], blocks["4c"], blocks["4d"])  # -> (N, 528, 14, 14)
        self.inception4e = blocks["4e"]                                                # -> (N, 832, 14, 14)
        self.pool4 = pool(2 if tv else 3)                                              # -> (N, 832, 7, 7)
        self.inception5 = nn.Sequential(blocks["5a"], blocks["5b"])                    # -> (N, 1024, 7, 7)
        if self.aux_logits:
            self.aux1 = InceptionAux(512, num_classes, layout, dropout_aux)
            self.aux2 = InceptionAux(528, num_classes, layout, dropout_aux)
        self.avgpool = nn.AdaptiveAvgPool2d(1)               # the paper's 7x7 average pool at 224 x 224
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(1024, num_classes)

    def _features_and_aux(self, x: torch.Tensor, aux: bool):
        check_input(x, self.in_channels, min_size=15)
        x = self.inception4a(self.pool3(self.inception3(self.stem(x))))     # (N, 512, 14, 14)
        aux1 = self.aux1(x) if aux else None
        x = self.inception4bcd(x)                                          # (N, 528, 14, 14)
        aux2 = self.aux2(x) if aux else None
        return self.inception5(self.pool4(self.inception4e(x))), aux1, aux2   # (N, 1024, 7, 7)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        return self._features_and_aux(x, aux=False)[0]

    def forward(self, x: torch.Tensor):
        if self.aux_logits and self.training:            # the two auxiliary heads tap the middle of the trunk
            x, aux1, aux2 = self._features_and_aux(x, aux=True)
        else:
            x, aux1, aux2 = self.forward_features(x), None, None
        logits = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))  # (N, num_classes)
        return (logits, aux1, aux2) if aux1 is not None else logits


@checked
def googlenet(*, num_classes: int = 1000, aux_logits: bool = True, layout: str = "torchvision", **kw) -> GoogLeNet:
    """GoogLeNet (Inception v1). torchvision layout: 6,624,904 parameters, 13,004,888 with the auxiliary heads."""
    return GoogLeNet(num_classes, aux_logits, layout, **kw)


# ------------------------------------------------------------------------------ Inception v2/v3 factorisation


class FactorizedConv(nn.Module):
    """A k x k conv replaced by smaller ones with the same receptive field (v3 paper Sec. 3).

    ``mode="stacked"``: (k - 1) / 2 stacked 3x3 convs (5x5 -> two 3x3, Fig. 1; k must be odd).
    ``mode="asymmetric"``: a 1 x k conv then a k x 1 conv (Fig. 3; 3x3 -> 1x3 + 3x1, 7x7 -> 1x7 + 7x1).
    ``mode="full"``: the single k x k conv it replaces (for comparison).
    Every conv is conv-BN(eps 0.001)-ReLU (``_conv``); the intermediate width is ``mid_channels`` (default: out_channels).
    Shapes: (N, C_in, H, W) -> (N, C_out, H, W).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 5, mode: str = "stacked",
                 mid_channels: int | None = None):
        super().__init__()
        check_positive_int("kernel_size", kernel_size, minimum=3)
        check_choice("mode", mode, ("full", "stacked", "asymmetric"))
        if kernel_size % 2 == 0:
            raise ValueError(f"kernel_size={kernel_size} must be odd (same padding keeps H and W)")
        mid = out_channels if mid_channels is None else mid_channels
        if mode == "full":
            layers = [_conv(in_channels, out_channels, kernel_size)]
        elif mode == "stacked":
            n = (kernel_size - 1) // 2                       # each 3x3 adds 2 to the receptive field
            widths = [in_channels] + [mid] * (n - 1) + [out_channels]
            layers = [_conv(widths[i], widths[i + 1], 3) for i in range(n)]
        else:
            layers = [_conv(in_channels, mid, (1, kernel_size)), _conv(mid, out_channels, (kernel_size, 1))]
        self.in_channels, self.out_channels, self.mode = in_channels, out_channels, mode
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.layers(x)


@checked
def factorized_weights(channels: int, kernel_size: int, mode: str) -> int:
    """Conv weights of ``FactorizedConv(C, C, k, mode)``: full k^2 C^2, stacked (k-1)/2 * 9 C^2, asymmetric 2k C^2."""
    check_positive_int("channels", channels)
    check_positive_int("kernel_size", kernel_size, minimum=3)
    check_choice("mode", mode, ("full", "stacked", "asymmetric"))
    per = channels * channels
    return {"full": kernel_size ** 2 * per, "stacked": (kernel_size - 1) // 2 * 9 * per,
            "asymmetric": 2 * kernel_size * per}[mode]


# ------------------------------------------------------------------------------------- Inception-ResNet-v2


class _ResidualInception(nn.Module):
    """x -> relu(x + scale * W_1x1 [concat of branches](x)); the 1x1 is linear (bias, no BN: Fig. 16-19)."""

    def __init__(self, channels: int, branches: list[nn.Module], mixed: int, scale: float, activation: bool):
        super().__init__()
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 1:
            raise ValueError(f"scale={scale!r} must be a number in (0, 1] (the paper uses 0.1 - 0.3)")
        self.channels, self.scale = channels, float(scale)
        self.branches = nn.ModuleList(branches)
        self.up = nn.Conv2d(mixed, channels, 1)              # "1x1 Conv (Linear)": back to the trunk's width
        self.relu = nn.ReLU(inplace=True) if activation else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        mixed = _concat_channels(self.branches, x)          # (N, C, H, W) -> (N, mixed, H, W)
        return self.relu(x + self.scale * self.up(mixed))    # residual scaling, Fig. 20


class InceptionResNetA(_ResidualInception):
    """35x35 block (Block35): 1x1-32 | 1x1-32 -> 3x3-32 | 1x1-32 -> 3x3-48 -> 3x3-64, linear 1x1 to C."""

    @checked
    def __init__(self, channels: int = 320, scale: float = 0.17, activation: bool = True):
        check_positive_int("channels", channels)
        branches = [_conv(channels, 32, 1),
                    nn.Sequential(_conv(channels, 32, 1), _conv(32, 32, 3)),
                    nn.Sequential(_conv(channels, 32, 1), _conv(32, 48, 3), _conv(48, 64, 3))]
        super().__init__(channels, branches, 32 + 32 + 64, scale, activation)


class _AsymmetricResidualInception(_ResidualInception):
    """Blocks B and C share one shape (v4 paper Fig. 17, 19): 1x1-a | 1x1-b -> 1xk-c -> kx1-d, concatenated
    (a + d channels), then the linear 1x1 back to C; a k x k conv factorised into 1 x k and k x 1 (v3 paper Fig. 6)."""

    def __init__(self, channels: int, widths: tuple[int, int, int, int], k: int, scale: float, activation: bool):
        check_positive_int("channels", channels)
        a, b, c, d = widths
        branches = [_conv(channels, a, 1),                                       # (N, C, H, W) -> (N, a, H, W)
                    nn.Sequential(_conv(channels, b, 1), _conv(b, c, (1, k)),    # -> (N, b, H, W) -> (N, c, H, W)
                                  _conv(c, d, (k, 1)))]                          # -> (N, d, H, W)
        super().__init__(channels, branches, a + d, scale, activation)


class InceptionResNetB(_AsymmetricResidualInception):
    """17x17 block (Block17): 1x1-192 | 1x1-128 -> 1x7-160 -> 7x1-192, linear 1x1 to C."""

    @checked
    def __init__(self, channels: int = 1088, scale: float = 0.10, activation: bool = True):
        super().__init__(channels, (192, 128, 160, 192), 7, scale, activation)


class InceptionResNetC(_AsymmetricResidualInception):
    """8x8 block (Block8): 1x1-192 | 1x1-192 -> 1x3-224 -> 3x1-256, linear 1x1 to C."""

    @checked
    def __init__(self, channels: int = 2080, scale: float = 0.20, activation: bool = True):
        super().__init__(channels, (192, 192, 224, 256), 3, scale, activation)


class _Concat(nn.Module):
    """Parallel branches concatenated along channels (the non-residual mixed / reduction blocks)."""

    def __init__(self, in_channels: int, out_channels: int, *branches: nn.Module):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.branches = nn.ModuleList(branches)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _concat_channels(self.branches, x)


def _mixed_5b() -> _Concat:
    """35x35x192 -> 35x35x320 (TF-slim Mixed_5b; the paper's Fig. 3 stem ends at 384 channels instead)."""
    return _Concat(192, 320,
                   _conv(192, 96, 1),
                   nn.Sequential(_conv(192, 48, 1), _conv(48, 64, 5)),
                   nn.Sequential(_conv(192, 64, 1), _conv(64, 96, 3), _conv(96, 96, 3)),
                   nn.Sequential(nn.AvgPool2d(3, 1, 1, count_include_pad=False), _conv(192, 64, 1)))


def _reduction_a(c: int = 320, k: int = 256, l: int = 256, m: int = 384, n: int = 384) -> _Concat:
    """Reduction-A (Fig. 7, Table 1 with k, l, m, n = 256, 256, 384, 384): 35x35xc -> 17x17x(c + m + n)."""
    return _Concat(c, c + m + n,
                   _conv(c, n, 3, stride=2, padding=0),
                   nn.Sequential(_conv(c, k, 1), _conv(k, l, 3), _conv(l, m, 3, stride=2, padding=0)),
                   nn.MaxPool2d(3, stride=2))


def _reduction_b(c: int = 1088) -> _Concat:
    """Reduction-B of Inception-ResNet-v2 (Fig. 18): 17x17x1088 -> 8x8x2080."""
    return _Concat(c, c + 384 + 288 + 320,
                   nn.Sequential(_conv(c, 256, 1), _conv(256, 384, 3, stride=2, padding=0)),
                   nn.Sequential(_conv(c, 256, 1), _conv(256, 288, 3, stride=2, padding=0)),
                   nn.Sequential(_conv(c, 256, 1), _conv(256, 288, 3),
                                 _conv(288, 320, 3, stride=2, padding=0)),
                   nn.MaxPool2d(3, stride=2))


def _aux_map_size(s: int) -> int:
    """Side of Inception-ResNet-v2's 17 x 17 map (after Reduction-A) for an input side ``s``."""
    s = (s - 3) // 2 + 1 - 2                 # Conv2d_1a (3x3/2), Conv2d_2a (3x3 valid)
    s = (s - 3) // 2 + 1 - 2                 # MaxPool_3a (3x3/2), Conv2d_4a (3x3 valid)
    s = (s - 3) // 2 + 1                     # MaxPool_5a
    return (s - 3) // 2 + 1                  # Reduction-A (3x3/2 valid)


AUX_SIZES = (min(s for s in range(75, 400) if _aux_map_size(s) == 17),
             max(s for s in range(75, 400) if _aux_map_size(s) == 19))
"""Input sides for which Inception-ResNet-v2's auxiliary head works (training with aux_logits=True)."""


class InceptionResNetV2(nn.Module):
    """Inception-ResNet-v2 (arXiv:1602.07261, Fig. 15) as in the authors' TF-slim release.

    stem (299 -> 35x35x320) -> 10 x A (scale 0.17) -> Reduction-A (17x17x1088) -> 20 x B (0.10)
    -> Reduction-B (8x8x2080) -> 10 x C (0.20; the last without ReLU) -> 1x1 conv 1536 -> avg pool
    -> dropout (keep 0.8) -> FC. ``aux_logits=True`` adds the auxiliary head on the 17x17 map (training only).
    Shapes: (N, 3, 299, 299) -> (N, num_classes).
    """

    @checked
    def __init__(self, num_classes: int = 1000, aux_logits: bool = False, dropout: float = 0.2,
                 blocks=(10, 20, 10), scales=(0.17, 0.10, 0.20), in_channels: int = 3):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        if len(blocks) != 3 or len(scales) != 3:
            raise ValueError(f"blocks={blocks} and scales={scales} must have 3 entries (for A, B, C)")
        for b in blocks:
            check_positive_int("blocks[i]", b)
        self.in_channels, self.aux_logits = in_channels, aux_logits
        self.stem = nn.Sequential(                                   # TF-slim names and sizes for 299 x 299
            _conv(in_channels, 32, 3, stride=2, padding=0),    # Conv2d_1a_3x3 -> 149 x 149 x 32
            _conv(32, 32, 3, padding=0),                       # Conv2d_2a_3x3 -> 147 x 147 x 32
            _conv(32, 64, 3),                                  # Conv2d_2b_3x3 -> 147 x 147 x 64
            nn.MaxPool2d(3, stride=2),                               # MaxPool_3a    -> 73 x 73 x 64
            _conv(64, 80, 1),                                  # Conv2d_3b_1x1 -> 73 x 73 x 80
            _conv(80, 192, 3, padding=0),                      # Conv2d_4a_3x3 -> 71 x 71 x 192
            nn.MaxPool2d(3, stride=2),                               # MaxPool_5a    -> 35 x 35 x 192
            _mixed_5b(),                                             # Mixed_5b      -> 35 x 35 x 320
        )
        self.blocks_a = nn.Sequential(*[InceptionResNetA(320, scales[0]) for _ in range(blocks[0])])
        self.reduction_a = _reduction_a(320)                         # -> 17 x 17 x 1088
        self.blocks_b = nn.Sequential(*[InceptionResNetB(1088, scales[1]) for _ in range(blocks[1])])
        self.reduction_b = _reduction_b(1088)                        # -> 8 x 8 x 2080
        self.blocks_c = nn.Sequential(*[InceptionResNetC(2080, scales[2]) for _ in range(blocks[2] - 1)],
                                      InceptionResNetC(2080, 1.0, activation=False))  # TF-slim: last block8
        self.conv_final = _conv(2080, 1536, 1)                 # Conv2d_7b_1x1 -> 8 x 8 x 1536
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(1536, num_classes)
        if aux_logits:                                               # AuxLogits on the 17 x 17 x 1088 map
            self.aux = nn.Sequential(nn.AvgPool2d(5, stride=3), _conv(1088, 128, 1),   # -> 5 x 5 x 128
                                     _conv(128, 768, 5, padding=0), nn.Flatten(),      # -> 768
                                     nn.Linear(768, num_classes))

    def _features_and_aux(self, x: torch.Tensor, aux: bool):
        check_input(x, self.in_channels, min_size=75, what="Inception-ResNet-v2")
        if aux and not all(_aux_map_size(s) in (17, 18, 19) for s in x.shape[2:]):
            raise ValueError(
                f"x spatial size {tuple(x.shape[2:])} does not fit the auxiliary head: with aux_logits=True in "
                f"training mode the 17x17 map must stay 17-19 wide (5x5/3 pool, then a 5x5 conv to 1x1), so "
                f"x must be {AUX_SIZES[0]}-{AUX_SIZES[1]} pixels per side (299 in the paper); call model.eval() "
                f"or build with aux_logits=False for other sizes")
        x = self.blocks_a(self.stem(x))                  # (N, 3, 299, 299) -> (N, 320, 35, 35)
        x = self.blocks_b(self.reduction_a(x))           # -> (N, 1088, 17, 17)
        aux = self.aux(x) if aux else None
        x = self.blocks_c(self.reduction_b(x))           # -> (N, 2080, 8, 8)
        return self.conv_final(x), aux                   # -> (N, 1536, 8, 8)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        return self._features_and_aux(x, aux=False)[0]

    def forward(self, x: torch.Tensor):
        if self.aux_logits and self.training:            # the auxiliary head taps the 17 x 17 map
            x, aux = self._features_and_aux(x, aux=True)
        else:
            x, aux = self.forward_features(x), None
        x = self.avgpool(x)                              # -> (N, 1536, 1, 1)
        logits = self.fc(self.dropout(torch.flatten(x, 1)))   # -> (N, num_classes)
        return (logits, aux) if aux is not None else logits


@checked
def inception_resnet_v2(*, num_classes: int = 1000, **kw) -> InceptionResNetV2:
    """Inception-ResNet-v2 (55.8 M parameters with 1000 classes, no auxiliary head)."""
    return InceptionResNetV2(num_classes=num_classes, **kw)
