"""Res2Net (Gao et al., arXiv:1904.01169): hierarchical residual-like connections inside one block.

The 3x3 conv of a ResNet bottleneck is replaced by s groups of w channels (paper Fig. 2, Eq. 1)::

    x1, ..., xs = split(1x1(x))           each (N, w, H, W)
    y1 = x1                               identity: receptive field 1
    y2 = K2(x2)                           one 3x3:  receptive field 3
    yi = Ki(xi + y(i-1)),  2 < i <= s     i - 1 stacked 3x3s at most: receptive field 2i - 1
    out = 1x1(concat(y1, ..., ys))

So one block mixes s receptive fields ("scale" s); w is the "width" (26w x 4s = w = 26, s = 4).
The whole network is ``convcourse.nets.resnet.ResNet`` with ``Bottle2neck`` as its block.

Faithful to the authors' code (Res2Net-PretrainedModels, res2net.py): the first block of every stage
("stage" type) has no hierarchical additions (yi = Ki(xi)), its 3x3s carry the stride and its
identity split goes through a 3x3 average pool with the same stride. The authors' code keeps the
identity split *last* instead of first; that is the same function with conv1's output channels and
conv3's input channels permuted (same parameter count).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, check_shortcut, checked
from ..attention import create_attention
from ..blocks.residual import conv1x1, conv3x3
from ..helpers import variant_builder
from .resnet import ResNet, _stage_args

__all__ = ["Bottle2neck", "CONFIGS", "res2net50_26w_4s", "res2net50_48w_2s", "res2net50_14w_8s",
           "res2net50_26w_6s", "res2net50_26w_8s", "res2net101_26w_4s", "split_receptive_fields", "measured_receptive_fields"]


@checked
def split_receptive_fields(scale: int, stype: str = "normal") -> list[int]:
    """Largest receptive field (in pixels of the block's 3x3 level) of each output split y1 ... ys.

    normal: [1, 3, 5, ..., 2s - 1]; stage (no hierarchy): [3 (avg-pool), 3, 3, ...].
    """
    check_positive_int("scale", scale, minimum=2)
    check_choice("stype", stype, ("normal", "stage"))
    if stype == "stage":
        return [3] * scale
    return [1] + [2 * i - 1 for i in range(2, scale + 1)]


class Bottle2neck(nn.Module):
    """Res2Net bottleneck: 1x1 -> s splits with hierarchical 3x3s (Eq. 1) -> 1x1 (x4) + shortcut.

    Same signature as ``resnet.Bottleneck`` (``base_width`` is the paper's w, default 26) plus ``scale``
    (s, default 4; a network passes it in ``block_args``) and ``stype`` ("normal" / "stage"; by default
    "stage" when the block has a stride or a projection shortcut, i.e. the first block of a stage).
    Shapes: (N, inplanes, H, W) -> (N, 4 * planes, H / stride, W / stride).
    """

    expansion = 4

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 groups: int = 1, base_width: int = 26, dilation: int = 1,
                 attention=None, attention_kw: dict | None = None,
                 scale: int = 4, stype: str | None = None):
        super().__init__()
        check_positive_int("inplanes", inplanes)
        check_positive_int("planes", planes)
        check_positive_int("base_width", base_width)
        check_positive_int("scale", scale, minimum=2)
        check_choice("stride", stride, (1, 2))
        check_choice("groups", groups, (1,))          # Res2NeXt (groups > 1) is not built here
        if stype is None:
            stype = "stage" if (stride != 1 or downsample is not None) else "normal"
        check_choice("stype", stype, ("normal", "stage"))
        width = int(planes * base_width / 64)          # w: channels per split (floor, as the authors)
        if width < 1:
            raise ValueError(f"base_width={base_width} leaves w = int({planes} * {base_width} / 64) = 0 channels")
        self.inplanes, self.width, self.scale, self.stype = inplanes, width, scale, stype
        self.conv1 = conv1x1(inplanes, width * scale)  # (N, C_in, H, W) -> (N, s w, H, W)
        self.bn1 = nn.BatchNorm2d(width * scale)
        # K2 ... Ks: s - 1 3x3 convs of w -> w channels (the stride sits here in a stage block)
        self.convs = nn.ModuleList(conv3x3(width, width, stride, dilation=dilation) for _ in range(scale - 1))
        self.bns = nn.ModuleList(nn.BatchNorm2d(width) for _ in range(scale - 1))
        # identity split of a stage block: 3x3 average pool with the block's stride (authors' code)
        self.pool = nn.AvgPool2d(3, stride, padding=1) if stype == "stage" else nn.Identity()
        self.conv3 = conv1x1(width * scale, planes * self.expansion)   # (N, s w, H', W') -> (N, 4 planes, ...)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.attention = create_attention(attention, planes * self.expansion, **(attention_kw or {}))
        self.downsample = downsample

    def forward_splits(self, x: torch.Tensor) -> list[torch.Tensor]:
        """The s outputs y1 ... ys of Eq. (1), each (N, w, H / stride, W / stride)."""
        check_input(x, self.inplanes)
        xs = torch.split(self.relu(self.bn1(self.conv1(x))), self.width, dim=1)   # s x (N, w, H, W)
        ys = [self.pool(xs[0])]                                                   # y1 = x1
        y = None
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns), start=1):
            inp = xs[i] if (y is None or self.stype == "stage") else xs[i] + y    # xi (+ y(i-1))
            y = self.relu(bn(conv(inp)))                                          # yi = Ki(...)
            ys.append(y)
        return ys

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.cat(self.forward_splits(x), dim=1)                            # (N, s w, H', W')
        out = self.attention(self.bn3(self.conv3(out)))
        # checked here, not at construction: a block without its shortcut is still useful for its splits
        # (forward_splits, measured_receptive_fields), only the residual sum needs matching shapes
        check_shortcut(self.downsample, self.inplanes, out.shape[1], 1 if out.shape[2:] == x.shape[2:] else 2)
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


# builder -> (blocks per stage, w, s); paper Table 2 / the authors' released models
CONFIGS = {
    "res2net50_26w_4s": ((3, 4, 6, 3), 26, 4),
    "res2net50_48w_2s": ((3, 4, 6, 3), 48, 2),
    "res2net50_14w_8s": ((3, 4, 6, 3), 14, 8),
    "res2net50_26w_6s": ((3, 4, 6, 3), 26, 6),
    "res2net50_26w_8s": ((3, 4, 6, 3), 26, 8),
    "res2net101_26w_4s": ((3, 4, 23, 3), 26, 4),
}


def _build(variant: str, block_args=None, **kw) -> ResNet:
    """A ``ResNet`` whose blocks are Bottle2necks; s reaches every block through ``block_args``
    (merged with the caller's, e.g. an attention module per stage)."""
    layers, width, scale = CONFIGS[variant]
    block_args = [{"scale": scale, **a} for a in _stage_args(block_args)]
    return ResNet(Bottle2neck, layers, width_per_group=width, block_args=block_args, **kw)


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
res2net50_26w_4s = variant_builder(_build, "res2net50_26w_4s",
                                   "Res2Net-50 (26w x 4s): the paper's 25.7 M parameters, 4.2 G multiply-adds.")
res2net50_48w_2s = variant_builder(_build, "res2net50_48w_2s", "Res2Net-50 (48w x 2s).")
res2net50_14w_8s = variant_builder(_build, "res2net50_14w_8s", "Res2Net-50 (14w x 8s).")
res2net50_26w_6s = variant_builder(_build, "res2net50_26w_6s", "Res2Net-50 (26w x 6s).")
res2net50_26w_8s = variant_builder(_build, "res2net50_26w_8s", "Res2Net-50 (26w x 8s).")
res2net101_26w_4s = variant_builder(_build, "res2net101_26w_4s", "Res2Net-101 (26w x 4s).")


@checked
def measured_receptive_fields(block: Bottle2neck, size: int = 17) -> list[int]:
    """Measure the receptive field of each split y1 ... ys by back-propagating from its centre pixel.

    Returns the width (pixels) of the input region whose gradient is non-zero; compare with
    ``split_receptive_fields``. The block is run in eval mode on a (1, C_in, size, size) input.
    """
    check_positive_int("size", size, minimum=3)
    was_training = block.training
    block.eval()
    try:
        x = torch.randn(1, block.inplanes, size, size, requires_grad=True)
        fields = []
        for y in block.forward_splits(x):
            grad, = torch.autograd.grad(y[0, :, y.shape[2] // 2, y.shape[3] // 2].sum(), x, retain_graph=True)
            cols = grad.abs().sum(dim=(0, 1, 2)).nonzero()
            fields.append(int(cols.max() - cols.min() + 1))
    finally:
        block.train(was_training)
    return fields
