"""Channel shuffle and the ShuffleNet V2 units (Ma et al., arXiv:1807.11164, Sec. 3 and Fig. 3c/3d).

Channel shuffle (introduced in ShuffleNet V1, arXiv:1707.01083, Fig. 1) lets information cross
between the groups / branches: view the C channels as a (g, C/g) grid, transpose it to (C/g, g),
flatten again. It moves data only (no parameters, no multiply-adds) and is a permutation of the
channels; ``channel_unshuffle`` undoes it.
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_divides, check_input, check_positive_int, checked
from .conv import ConvBNAct

__all__ = ["channel_shuffle", "channel_unshuffle", "shuffle_permutation", "ShuffleV2Block"]


def _check_groups(channels: int, groups: int) -> None:
    check_positive_int("groups", groups)
    check_divides("groups", groups, "channels", channels)


@checked
def channel_shuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, H, W): reshape to (N, g, C/g, H, W), swap the two channel axes, flatten.

    Output channel ``j * g + i`` is input channel ``i * (C/g) + j`` (i-th group, j-th member).
    """
    check_input(x)
    n, c, h, w = x.shape
    _check_groups(c, groups)
    x = x.view(n, groups, c // groups, h, w)          # (N, g, C/g, H, W)
    x = torch.transpose(x, 1, 2).contiguous()          # (N, C/g, g, H, W)
    return x.view(n, c, h, w)                          # (N, C, H, W)


@checked
def channel_unshuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    """The inverse of ``channel_shuffle(x, groups)``: a shuffle with C/g groups transposes the grid back."""
    check_input(x)
    _check_groups(x.shape[1], groups)
    return channel_shuffle(x, x.shape[1] // groups)


@checked
def shuffle_permutation(channels: int, groups: int) -> list[int]:
    """``perm`` with ``channel_shuffle(x, groups)[:, k] == x[:, perm[k]]`` (pure integer arithmetic).

    Position k = j * g + i holds input channel i * (C/g) + j.
    """
    check_positive_int("channels", channels)
    _check_groups(channels, groups)
    per_group = channels // groups
    return [(k % groups) * per_group + k // groups for k in range(channels)]


class ShuffleV2Block(nn.Module):
    """ShuffleNet V2 unit: the basic unit (stride 1, Fig. 3c) or the down-sampling unit (stride 2, Fig. 3d).

    * stride 1: channel split into two halves (G1: equal widths); the left half is kept as is (identity,
      no element-wise add: G4), the right half goes through 1x1 conv-BN-ReLU, 3x3 depthwise conv-BN,
      1x1 conv-BN-ReLU (plain 1x1 convs, no group conv: G2); concat; channel shuffle with 2 groups.
    * stride 2: no split; both branches see the whole input. Left: 3x3 depthwise (stride 2)-BN, 1x1-BN-ReLU.
      Right: as above with the depthwise conv at stride 2. Concat doubles the channels; shuffle.

    Laid out like ``torchvision.models.shufflenetv2.InvertedResidual`` (same parameters).
    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_choice("stride", stride, [1, 2])
        if out_channels % 2:
            raise ValueError(f"out_channels={out_channels} must be even (two branches of out_channels / 2 "
                             f"are concatenated)")
        if stride == 1:
            if in_channels % 2:
                raise ValueError(f"in_channels={in_channels} must be even (the channel split halves it)")
            if in_channels != out_channels:
                raise ValueError(f"stride=1 keeps the width: in_channels={in_channels} must equal "
                                 f"out_channels={out_channels}")
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride
        branch = out_channels // 2
        if stride == 2:                                                  # Fig. 3d, left branch
            self.branch1 = nn.Sequential(
                ConvBNAct(in_channels, in_channels, 3, stride, groups=in_channels, activation=None),
                ConvBNAct(in_channels, branch, 1))
        else:                                                            # Fig. 3c: identity half
            self.branch1 = nn.Identity()
        right_in = in_channels if stride == 2 else branch
        self.branch2 = nn.Sequential(                                    # right branch of Fig. 3c/3d
            ConvBNAct(right_in, branch, 1),                              # 1x1 conv-BN-ReLU
            ConvBNAct(branch, branch, 3, stride, groups=branch, activation=None),  # 3x3 DW conv-BN
            ConvBNAct(branch, branch, 1))                                # 1x1 conv-BN-ReLU

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)                                   # channel split: 2 x (N, C/2, H, W)
            out = torch.cat((x1, self.branch2(x2)), dim=1)               # (N, C, H, W)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)   # (N, C_out, H/2, W/2)
        return channel_shuffle(out, 2)
