"""ASPP, Atrous Spatial Pyramid Pooling (DeepLabV3, Chen et al., arXiv:1706.05587, Sec. 3.3, Fig. 5).

Taught on its own (lesson 27), so it lives in ``blocks/``; DeepLabV3 (``convcourse/nets/aspp.py``) puts it on
a dilated ResNet. Five branches run in parallel on the backbone's feature map and are concatenated:
a 1x1 conv, three 3x3 atrous (dilated) convs with rates (6, 12, 18) at output stride 16
(doubled, (12, 24, 36), at output stride 8), and image-level pooling (global average pool ->
1x1 conv -> bilinear upsampling back to the map's size). Every branch has 256 channels with
BN-ReLU; a 1x1 conv (256, BN-ReLU) fuses the 5 x 256 concatenated channels.
Shapes: (N, C_in, H, W) -> (N, 256, H, W).
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn
import torch.nn.functional as F

from .._checks import check_input, check_positive_int, checked
from .conv import ConvBNAct

__all__ = ["effective_kernel_size", "valid_tap_counts", "ASPPPooling", "ASPP"]


@checked
def effective_kernel_size(kernel_size: int, rate: int) -> int:
    """Span of a dilated kernel: k + (k - 1)(r - 1) (rate r inserts r - 1 zeros between taps)."""
    check_positive_int("kernel_size", kernel_size)
    check_positive_int("rate", rate)
    return kernel_size + (kernel_size - 1) * (rate - 1)


@checked
def valid_tap_counts(size: int, rate: int, kernel_size: int = 3) -> torch.Tensor:
    """For every position of a ``size`` x ``size`` map: how many of the k x k dilated taps land inside it.

    With zero 'same' padding, taps that fall outside read padding. As the rate approaches the map
    size, most positions keep only the centre tap: the 3x3 filter degenerates to a 1x1 (paper Fig. 4),
    which is why ASPP adds image-level features. Returns a (size, size) integer tensor.
    """
    check_positive_int("size", size)
    check_positive_int("rate", rate)
    check_positive_int("kernel_size", kernel_size)
    idx = torch.arange(size)
    offsets = (torch.arange(kernel_size) - kernel_size // 2) * rate                    # (k,)
    inside = ((idx[:, None] + offsets[None]) >= 0) & ((idx[:, None] + offsets[None]) < size)   # (size, k)
    per_axis = inside.sum(1)                                                             # taps inside per row/col
    return per_axis[:, None] * per_axis[None, :]


def _check_rates(atrous_rates) -> tuple[int, ...]:
    if isinstance(atrous_rates, (str, bytes)) or not isinstance(atrous_rates, Sequence) or len(atrous_rates) == 0:
        raise ValueError(f"atrous_rates={atrous_rates!r} must be a non-empty sequence of positive ints, "
                         "e.g. (6, 12, 18) at output stride 16")
    for r in atrous_rates:
        if isinstance(r, bool) or not isinstance(r, int) or r < 1:
            raise ValueError(f"atrous_rates={tuple(atrous_rates)}: every rate must be a positive int, got {r!r}")
    if len(set(atrous_rates)) != len(atrous_rates):
        raise ValueError(f"atrous_rates={tuple(atrous_rates)} must not repeat a rate")
    return tuple(atrous_rates)


class ASPPPooling(nn.Sequential):
    """Image-level features: global average pool -> 1x1 conv-BN-ReLU -> bilinear upsample to (H, W).

    In training mode the BN sees one value per channel per sample; with batch size 1 BatchNorm cannot
    compute a variance, so that case raises a clear ValueError (torchvision lets BatchNorm raise).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int = 256):
        super().__init__(nn.AdaptiveAvgPool2d(1), ConvBNAct(in_channels, out_channels, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self[1].in_channels)
        if self.training and x.shape[0] == 1:
            raise ValueError("ASPP image pooling in training mode needs batch size >= 2: after global pooling "
                             "BatchNorm sees a (1, C, 1, 1) tensor, one value per channel, and cannot normalise it. "
                             "Train with a larger batch, freeze the BN layers, or call model.eval() for inference.")
        size = x.shape[-2:]
        x = super().forward(x)                                                  # (N, 256, 1, 1)
        return F.interpolate(x, size=size, mode="bilinear", align_corners=False)  # (N, 256, H, W)


class ASPP(nn.Module):
    """Atrous Spatial Pyramid Pooling (DeepLabV3 Sec. 3.3, Fig. 5).

    Args:
        in_channels: channels of the backbone map (2048 for ResNet-50).
        atrous_rates: rates of the 3x3 atrous branches: (6, 12, 18) at output stride 16, (12, 24, 36) at 8.
        out_channels: width of every branch and of the output (256).
        dropout: after the fusing 1x1 conv (0.5 in torchvision; 0.1 in the authors' TF code, keep_prob 0.9).
    """

    @checked
    def __init__(self, in_channels: int, atrous_rates: Sequence[int] = (6, 12, 18), out_channels: int = 256,
                 dropout: float = 0.5):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        rates = _check_rates(atrous_rates)
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
            raise ValueError(f"dropout={dropout!r} must be a probability in [0, 1)")
        self.in_channels, self.rates = in_channels, rates
        branches = [ConvBNAct(in_channels, out_channels, 1)]                              # 1x1 branch
        branches += [ConvBNAct(in_channels, out_channels, 3, dilation=r) for r in rates]  # padding = r: same size
        branches.append(ASPPPooling(in_channels, out_channels))                          # image-level features
        self.convs = nn.ModuleList(branches)
        self.project = nn.Sequential(ConvBNAct(len(branches) * out_channels, out_channels, 1), nn.Dropout(dropout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        out = torch.cat([branch(x) for branch in self.convs], dim=1)   # (N, 5 * 256, H, W)
        return self.project(out)                                        # (N, 256, H, W)
