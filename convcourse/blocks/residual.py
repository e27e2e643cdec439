"""Residual blocks of ResNet (He et al., arXiv:1512.03385): the basic block, the bottleneck and the shortcuts.

Shared by ResNet, ResNeXt (the bottleneck with ``groups`` > 1, arXiv:1611.05431), SE/CBAM/ECA-ResNet and
DeepLabV3's backbone, and taught on their own in lesson 04, so they live in ``blocks/``. Laid out like
``torchvision.models.resnet`` (same module names): the bottleneck puts the stride on its 3x3 conv ("ResNet v1.5").

Every block can take an attention module (``attention=``, see ``convcourse.attention``), placed on the
residual branch before the addition, as in SE-ResNet (arXiv:1709.01507, Fig. 3).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_divides, check_input, check_positive_int, check_shortcut, checked
from ..attention import create_attention

__all__ = ["conv3x3", "conv1x1", "ZeroPadShortcut", "projection_shortcut", "BasicBlock", "Bottleneck"]


@checked
def conv3x3(in_planes: int, out_planes: int, stride: int = 1, groups: int = 1, dilation: int = 1) -> nn.Conv2d:
    """3x3 convolution with 'same' padding and no bias (a BN follows)."""
    return nn.Conv2d(in_planes, out_planes, 3, stride=stride, padding=dilation, groups=groups,
                     bias=False, dilation=dilation)


@checked
def conv1x1(in_planes: int, out_planes: int, stride: int = 1) -> nn.Conv2d:
    """1x1 convolution without bias."""
    return nn.Conv2d(in_planes, out_planes, 1, stride=stride, bias=False)


class ZeroPadShortcut(nn.Module):
    """Shortcut option A (paper Sec. 3.3 and 4.2): parameter-free identity for increasing dimensions.

    Subsample by ``stride`` (take every stride-th pixel) and append zero channels:
    (N, C_in, H, W) -> (N, C_out, H / stride, W / stride), C_out >= C_in. Used by the paper's CIFAR-10 nets
    and by the ResNet-34 "A" row of Table 3.
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_choice("stride", stride, (1, 2))
        if out_channels < in_channels:
            raise ValueError(f"out_channels={out_channels} must be >= in_channels={in_channels} "
                             "(zero-padding can only add channels)")
        self.in_channels, self.out_channels, self.stride = in_channels, out_channels, stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        x = x[:, :, ::self.stride, ::self.stride]                            # (N, C_in, H/s, W/s)
        return nn.functional.pad(x, (0, 0, 0, 0, 0, self.out_channels - self.in_channels))  # zeros: C_in -> C_out


@checked
def projection_shortcut(in_channels: int, out_channels: int, stride: int = 1) -> nn.Sequential:
    """Shortcut options B/C: the paper's linear projection W_s x (Eq. 2), done by a 1x1 conv (+ BN)."""
    return nn.Sequential(conv1x1(in_channels, out_channels, stride), nn.BatchNorm2d(out_channels))


class _ResidualBlock(nn.Module):
    """What BasicBlock and Bottleneck share: torchvision's constructor and y = F(x) + shortcut(x) (paper Eq. 1).

    The checks (stride 1 or 2; without ``downsample`` F must keep the shape), then the residual function F,
    which a block builds in ``_make_residual`` (its convs and BNs, in torchvision's order), then the attention
    on F before the addition and the shortcut. F maps (N, inplanes, H, W) -> (N, planes * expansion, H/s, W/s).
    """

    expansion = 1

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 groups: int = 1, base_width: int = 64, dilation: int = 1,
                 attention=None, attention_kw: dict | None = None):
        super().__init__()
        check_choice("stride", stride, (1, 2))
        check_shortcut(downsample, inplanes, planes * self.expansion, stride)
        self._make_residual(inplanes, planes, stride, groups, base_width, dilation)
        self.attention = create_attention(attention, planes * self.expansion, **(attention_kw or {}))
        self.downsample = downsample   # None: identity; else option A (zero-padding) or B/C (1x1 projection)

    def _make_residual(self, inplanes: int, planes: int, stride: int, groups: int, base_width: int,
                       dilation: int) -> None:
        raise NotImplementedError


class BasicBlock(_ResidualBlock):
    """Two 3x3 convs + shortcut (paper Fig. 2): y = relu(F(x) + x). Used by ResNet-18/34.

    ``attention``: a name, a class or a partial (see ``convcourse.attention.create_attention``), applied to
    the residual branch before the addition; ``attention_kw`` goes to its constructor.
    """

    expansion = 1

    def _make_residual(self, inplanes, planes, stride, groups, base_width, dilation):
        if groups != 1 or base_width != 64:
            raise ValueError("BasicBlock only supports groups=1 and base_width=64 (use Bottleneck)")
        self.conv1 = conv3x3(inplanes, planes, stride, dilation=dilation)   # (N, Cin, H, W) -> (N, planes, H/s, W/s)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes, dilation=dilation)
        self.bn2 = nn.BatchNorm2d(planes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.conv1.in_channels)
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.attention(self.bn2(self.conv2(out)))
        return self.relu(out + identity)


class Bottleneck(_ResidualBlock):
    """1x1 reduce -> 3x3 -> 1x1 expand (x4) + shortcut (paper Fig. 5 right). ResNet-50/101/152.

    With ``groups`` > 1 the 3x3 becomes a grouped conv of width ``planes * base_width / 64 * groups``:
    the ResNeXt block in its grouped-convolution form (ResNeXt paper Fig. 3c).
    """

    expansion = 4

    def _make_residual(self, inplanes, planes, stride, groups, base_width, dilation):
        width = int(planes * (base_width / 64.0)) * groups
        check_divides("groups", groups, "width", width)
        self.conv1 = conv1x1(inplanes, width)                      # (N, Cin, H, W) -> (N, w, H, W)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride, groups, dilation)  # -> (N, w, H/s, W/s)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, planes * self.expansion)       # -> (N, 4 planes, H/s, W/s)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.conv1.in_channels)
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.attention(self.bn3(self.conv3(out)))
        return self.relu(out + identity)
