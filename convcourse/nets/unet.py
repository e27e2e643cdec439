"""U-Net (Ronneberger, Fischer, Brox, arXiv:1505.04597, Fig. 1).

Contracting path: 4 x [two 3x3 convs + ReLU, 2x2 max-pool], channels 64 -> 128 -> 256 -> 512, then
two 3x3 convs at 1024. Expansive path: 4 x [2x2 up-convolution halving the channels, concatenate
with the **centre crop** of the contracting feature map at the same level, two 3x3 convs + ReLU].
A final 1x1 conv maps 64 channels to the classes.

The paper uses unpadded ("valid") convolutions: every 3x3 conv shrinks the map by 2 pixels, so a
572 x 572 tile gives a 388 x 388 segmentation of its centre (overlap-tile strategy), and only
certain input sizes work (``valid_input_sizes``). ``padding=True`` gives the common same-size variant
(input divisible by 16). The paper has no BatchNorm (2015); ``batch_norm=True`` adds it after each conv.

Shapes: (N, C_in, 572, 572) -> (N, num_classes, 388, 388) (valid), (N, C_in, H, W) -> (N, K, H, W) (padding).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_pair, check_positive_int, check_tensor, checked
from ..blocks.conv import ConvBNAct

DEPTH = 4          # number of 2x2 poolings (paper Fig. 1)


def _level_sizes(size: int, depth: int = DEPTH, padding: bool = False) -> list[int] | None:
    """Spatial sizes along the U for one axis, or None if ``size`` does not work.

    Returns [after convs of level 1, ..., bottom, after convs of up level depth, ..., output].
    """
    shrink = 0 if padding else 4            # two 3x3 convs without padding remove 2 + 2 pixels
    sizes, s = [], size
    for _ in range(depth):
        s -= shrink
        if s < 2 or s % 2:                   # a 2x2 / stride-2 pool needs an even size
            return None
        sizes.append(s)
        s //= 2
    s -= shrink                              # bottom
    if s < 1:
        return None
    sizes.append(s)
    for _ in range(depth):
        s = 2 * s - shrink                   # 2x2 up-convolution doubles, the two convs shrink
        if s < 1:
            return None
        sizes.append(s)
    return sizes


@checked
def output_size(input_size: int, padding: bool = False) -> int:
    """Output side length for an input of side ``input_size`` (ValueError if it does not work)."""
    check_positive_int("input_size", input_size)
    sizes = _level_sizes(input_size, padding=padding)
    if sizes is None:
        raise ValueError(_size_message(input_size, padding))
    return sizes[-1]


@checked
def valid_input_sizes(low: int = 1, high: int = 1024, padding: bool = False) -> list[int]:
    """All input side lengths in [low, high] that pass through the U (valid convs: 16 b + 60, b >= 8)."""
    check_positive_int("high", high, maximum=1 << 14)        # a 16384-pixel side is already far beyond any demo
    if low > high:
        raise ValueError(f"low={low} must be <= high={high}")
    return [s for s in range(max(1, low), high + 1) if _level_sizes(s, padding=padding) is not None]


def _size_message(size: int, padding: bool) -> str:
    near = [s for s in valid_input_sizes(max(1, size - 40), size + 40, padding)]
    lower = max((s for s in near if s < size), default=None)
    upper = min((s for s in near if s > size), default=None)
    rule = ("divisible by 16" if padding else
            "16 * b + 60 with b >= 8 (every map before a 2x2 pool must be even after the unpadded convs)")
    return (f"input size {size} does not work for U-Net with padding={padding}: the side must be {rule}; "
            f"nearest sizes that work: {[s for s in (lower, upper) if s is not None]} "
            f"(see valid_input_sizes())")


@checked
def center_crop(x: torch.Tensor, size: tuple[int, int]) -> torch.Tensor:
    """Crop the centre ``size`` of a (N, C, H, W) map (the paper's crop of the skip connection)."""
    check_tensor("x", x, rank=(3, 4))
    th, tw = check_pair("size", size)
    h, w = x.shape[-2:]
    if th > h or tw > w:
        raise ValueError(f"cannot crop {(h, w)} to a larger size {(th, tw)}")
    top, left = (h - th) // 2, (w - tw) // 2
    return x[..., top:top + th, left:left + tw]


class DoubleConv(nn.Sequential):
    """Two 3x3 conv -> ReLU (paper: unpadded, with bias, no BN). (N, C_in, H, W) -> (N, C_out, H-4, W-4)."""

    @checked
    def __init__(self, in_channels: int, out_channels: int, padding: bool = False, batch_norm: bool = False):
        p = 1 if padding else 0
        norm = nn.BatchNorm2d if batch_norm else None
        super().__init__(ConvBNAct(in_channels, out_channels, 3, padding=p, norm_layer=norm),
                         ConvBNAct(out_channels, out_channels, 3, padding=p, norm_layer=norm))
        self.in_channels, self.min_size = in_channels, (1 if padding else 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=self.min_size, what="two unpadded 3x3 convs")
        return super().forward(x)


class UNet(nn.Module):
    """U-Net (Fig. 1): 4 down levels, a bottom level, 4 up levels with crop-and-concatenate skips.

    Args:
        in_channels: 1 for the paper's grey microscopy images.
        num_classes: 2 in the paper (cell / background).
        base_width: channels of the first level (64); level i has base_width * 2**i.
        padding: False = the paper's valid convolutions (572 -> 388); True = same-size output.
        batch_norm: add BN after every 3x3 conv (not in the paper; helps short training runs).
    """

    @checked
    def __init__(self, in_channels: int = 1, num_classes: int = 2, base_width: int = 64, padding: bool = False,
                 batch_norm: bool = False):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("num_classes", num_classes)
        check_positive_int("base_width", base_width)
        if not isinstance(padding, bool):
            raise ValueError(f"padding={padding!r} must be True or False")
        self.in_channels, self.padding = in_channels, padding
        widths = [base_width * 2 ** i for i in range(DEPTH + 1)]          # 64, 128, 256, 512, 1024
        self.down = nn.ModuleList()
        c = in_channels
        for w in widths[:-1]:
            self.down.append(DoubleConv(c, w, padding, batch_norm))
            c = w
        self.pool = nn.MaxPool2d(2, 2)
        self.bottom = DoubleConv(widths[-2], widths[-1], padding, batch_norm)
        self.up = nn.ModuleList()       # 2x2 up-convolution: doubles H, W and halves the channels
        self.up_convs = nn.ModuleList()
        for w in reversed(widths[:-1]):                                    # 512, 256, 128, 64
            self.up.append(nn.ConvTranspose2d(2 * w, w, 2, stride=2))
            self.up_convs.append(DoubleConv(2 * w, w, padding, batch_norm))   # after concat: 2w channels
        self.head = nn.Conv2d(widths[0], num_classes, 1)                   # 1x1 conv to the classes

    def _check_size(self, x: torch.Tensor) -> None:
        for side in x.shape[-2:]:
            if _level_sizes(int(side), padding=self.padding) is None:
                raise ValueError(_size_message(int(side), self.padding))

    def forward(self, x: torch.Tensor, shapes: list | None = None) -> torch.Tensor:
        """(N, C_in, H, W) -> (N, num_classes, H', W'); if ``shapes`` is a list, each level's shape is appended."""
        check_input(x, self.in_channels)
        self._check_size(x)
        log = (lambda name, t: shapes.append((name, tuple(t.shape)))) if shapes is not None else (lambda *a: None)
        log("输入", x)
        skips = []
        for i, block in enumerate(self.down):
            x = block(x)                                   # (N, w_i, H_i - 4, W_i - 4)
            log(f"下采样 {i + 1}：两次 3×3", x)
            skips.append(x)
            x = self.pool(x)                               # halve H, W
        x = self.bottom(x)                                 # (N, 16 base, ., .)
        log("底部：两次 3×3", x)
        for i, (up, conv) in enumerate(zip(self.up, self.up_convs)):
            x = up(x)                                      # double H, W; halve channels
            skip = center_crop(skips[-1 - i], x.shape[-2:])
            log(f"上采样 {i + 1}：2×2 up-conv（跳连裁剪 {tuple(skips[-1 - i].shape[-2:])}→{tuple(skip.shape[-2:])}）", x)
            x = conv(torch.cat([skip, x], dim=1))          # concatenate, then two 3x3 convs
            log(f"上采样 {i + 1}：拼接 + 两次 3×3", x)
        x = self.head(x)
        log("输出：1×1 卷积", x)
        return x
