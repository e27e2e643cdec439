"""ResNet (He et al., arXiv:1512.03385) and its grouped-width variant ResNeXt (arXiv:1611.05431).

Laid out like ``torchvision.models.resnet`` so that parameter counts compare one to one. Like
torchvision (and most modern code) the bottleneck puts the stride on its 3x3 conv ("ResNet v1.5");
the paper's v1 put it on the first 1x1. The parameter count is the same, accuracy is ~0.5% better.

Every block can take an attention module (``attention="se"`` etc., see ``convcourse.attention``),
placed on the residual branch before the addition, as in SE-ResNet (arXiv:1709.01507, Fig. 3).
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .._checks import check_choice, check_divides, check_input, check_positive_int, check_shortcut, checked
from ..attention import build_attention


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


def _attention_or_identity(attention: str | None, channels: int, attention_kw: dict | None) -> nn.Module:
    return nn.Identity() if attention is None else build_attention(attention, channels, **(attention_kw or {}))


class BasicBlock(nn.Module):
    """Two 3x3 convs + shortcut (paper Fig. 2): y = relu(F(x) + x). Used by ResNet-18/34."""

    expansion = 1

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 groups: int = 1, base_width: int = 64, dilation: int = 1,
                 attention: str | None = None, attention_kw: dict | None = None):
        super().__init__()
        if groups != 1 or base_width != 64:
            raise ValueError("BasicBlock only supports groups=1 and base_width=64 (use Bottleneck)")
        check_choice("stride", stride, (1, 2))
        check_shortcut(downsample, inplanes, planes * self.expansion, stride)
        self.conv1 = conv3x3(inplanes, planes, stride, dilation=dilation)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes, dilation=dilation)
        self.bn2 = nn.BatchNorm2d(planes)
        self.attention = _attention_or_identity(attention, planes, attention_kw)
        self.downsample = downsample   # 1x1 projection shortcut when shape changes (option B)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.conv1.in_channels)
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.attention(self.bn2(self.conv2(out)))
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """1x1 reduce -> 3x3 -> 1x1 expand (x4) + shortcut (paper Fig. 5 right). ResNet-50/101/152.

    With ``groups`` > 1 the 3x3 becomes a grouped conv of width ``planes * base_width / 64 * groups``:
    the ResNeXt block in its grouped-convolution form (ResNeXt paper Fig. 3c).
    """

    expansion = 4

    @checked
    def __init__(self, inplanes: int, planes: int, stride: int = 1, downsample: nn.Module | None = None,
                 groups: int = 1, base_width: int = 64, dilation: int = 1,
                 attention: str | None = None, attention_kw: dict | None = None):
        super().__init__()
        check_choice("stride", stride, (1, 2))
        width = int(planes * (base_width / 64.0)) * groups
        check_divides("groups", groups, "width", width)
        check_shortcut(downsample, inplanes, planes * self.expansion, stride)
        self.conv1 = conv1x1(inplanes, width)                      # (N, Cin, H, W) -> (N, w, H, W)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride, groups, dilation)  # -> (N, w, H/s, W/s)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, planes * self.expansion)       # -> (N, 4 planes, H/s, W/s)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.attention = _attention_or_identity(attention, planes * self.expansion, attention_kw)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.conv1.in_channels)
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.attention(self.bn3(self.conv3(out)))
        return self.relu(out + identity)


class ResNet(nn.Module):
    """Stem (7x7/2 conv + 3x3/2 max-pool), four stages of blocks, global pool, FC (paper Table 1).

    Shapes: (N, 3, H, W) -> (N, num_classes); ``forward_features`` stops before the pool:
    (N, 3, 224, 224) -> (N, 512 * expansion, 7, 7).
    """

    @checked
    def __init__(self, block: type[nn.Module], layers: Sequence[int], num_classes: int = 1000,
                 in_channels: int = 3, groups: int = 1, width_per_group: int = 64,
                 replace_stride_with_dilation: Sequence[bool] = (False, False, False),
                 attention: str | None = None, attention_kw: dict | None = None,
                 zero_init_residual: bool = False, shortcut: str = "B"):
        super().__init__()
        # Paper Sec. 3.3 / Table 3: A = zero-padding when dimensions grow, B = projection when they grow
        # (identity otherwise; torchvision and the standard models), C = projection on every block.
        check_choice("shortcut", shortcut, ("A", "B", "C"))
        self.shortcut = shortcut
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        check_positive_int("groups", groups)
        check_positive_int("width_per_group", width_per_group)
        if len(layers) != 4 or not all(isinstance(n, int) and n >= 1 for n in layers):
            raise ValueError(f"layers={list(layers)} must be four block counts >= 1, e.g. [3, 4, 6, 3]")
        if len(replace_stride_with_dilation) != 3:
            raise ValueError("replace_stride_with_dilation must have 3 booleans (for stages 2, 3, 4)")
        self.in_channels = in_channels
        self.inplanes, self.dilation = 64, 1
        self.groups, self.base_width = groups, width_per_group
        self._attention, self._attention_kw = attention, attention_kw
        self.conv1 = nn.Conv2d(in_channels, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], 2, replace_stride_with_dilation[0])
        self.layer3 = self._make_layer(block, 256, layers[2], 2, replace_stride_with_dilation[1])
        self.layer4 = self._make_layer(block, 512, layers[3], 2, replace_stride_with_dilation[2])
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512 * block.expansion, num_classes)
        self.out_channels = 512 * block.expansion

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        if zero_init_residual:   # each residual branch starts as zero: the block starts as identity
            for m in self.modules():
                last_bn = getattr(m, "bn3", None) if isinstance(m, Bottleneck) else getattr(m, "bn2", None)
                if isinstance(m, (Bottleneck, BasicBlock)) and last_bn is not None:
                    nn.init.zeros_(last_bn.weight)

    def _make_layer(self, block, planes: int, blocks: int, stride: int = 1, dilate: bool = False) -> nn.Sequential:
        previous_dilation = self.dilation
        if dilate:            # keep the resolution, grow the receptive field instead (DeepLab)
            self.dilation *= stride
            stride = 1
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion or self.shortcut == "C":
            shortcut = ZeroPadShortcut if self.shortcut == "A" else projection_shortcut
            downsample = shortcut(self.inplanes, planes * block.expansion, stride)
        kw = dict(groups=self.groups, base_width=self.base_width,
                  attention=self._attention, attention_kw=self._attention_kw)
        layers = [block(self.inplanes, planes, stride, downsample, dilation=previous_dilation, **kw)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            extra = {"downsample": projection_shortcut(self.inplanes, self.inplanes)} if self.shortcut == "C" else {}
            layers.append(block(self.inplanes, planes, dilation=self.dilation, **kw, **extra))
        return nn.Sequential(*layers)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))    # (N, 3, 224, 224) -> (N, 64, 56, 56)
        x = self.layer1(x)                                        # -> (N, 64e, 56, 56)
        x = self.layer2(x)                                        # -> (N, 128e, 28, 28)
        x = self.layer3(x)                                        # -> (N, 256e, 14, 14)
        return self.layer4(x)                                     # -> (N, 512e, 7, 7)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.forward_features(x))
        return self.fc(torch.flatten(x, 1))


@checked
def resnet18(num_classes: int = 1000, **kw) -> ResNet:
    """ResNet-18: BasicBlock x [2, 2, 2, 2] (11.7 M parameters)."""
    return ResNet(BasicBlock, [2, 2, 2, 2], num_classes, **kw)


@checked
def resnet34(num_classes: int = 1000, **kw) -> ResNet:
    """ResNet-34: BasicBlock x [3, 4, 6, 3] (21.8 M parameters)."""
    return ResNet(BasicBlock, [3, 4, 6, 3], num_classes, **kw)


@checked
def resnet50(num_classes: int = 1000, **kw) -> ResNet:
    """ResNet-50: Bottleneck x [3, 4, 6, 3] (25.6 M parameters, 4.1 G multiply-adds)."""
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, **kw)


@checked
def resnet101(num_classes: int = 1000, **kw) -> ResNet:
    """ResNet-101: Bottleneck x [3, 4, 23, 3] (44.5 M parameters)."""
    return ResNet(Bottleneck, [3, 4, 23, 3], num_classes, **kw)


@checked
def resnet152(num_classes: int = 1000, **kw) -> ResNet:
    """ResNet-152: Bottleneck x [3, 8, 36, 3] (60.2 M parameters)."""
    return ResNet(Bottleneck, [3, 8, 36, 3], num_classes, **kw)


@checked
def se_resnet50(num_classes: int = 1000, reduction: int = 16, **kw) -> ResNet:
    """SE-ResNet-50 (arXiv:1709.01507, Table 1): an SE block in every bottleneck before the addition."""
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, attention="se",
                  attention_kw={"reduction": reduction}, **kw)


@checked
def cbam_resnet50(num_classes: int = 1000, reduction: int = 16, **kw) -> ResNet:
    """CBAM-ResNet-50 (arXiv:1807.06521, Fig. 3): a CBAM on every bottleneck's residual branch."""
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, attention="cbam",
                  attention_kw={"reduction": reduction}, **kw)


@checked
def eca_resnet50(num_classes: int = 1000, stage_kernels: Sequence[int] | None = None, **kw) -> ResNet:
    """ECA-ResNet-50 (arXiv:1910.03151, Sec. 4.1): ECA in every bottleneck, before the addition.

    By default every ECA picks its adaptive k from its channel count (Eq. 12), which gives
    k = 5, 5, 5, 7 for the four stages; ``stage_kernels`` (four odd ints) fixes k per stage instead,
    e.g. ``(3, 5, 5, 7)`` as in the authors' released ECA-ResNet-50.
    """
    if stage_kernels is None:
        return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, attention="eca", **kw)
    if len(stage_kernels) != 4:
        raise ValueError(f"stage_kernels must give one odd kernel size per stage (4 values), got {stage_kernels!r}")
    model = ResNet(Bottleneck, [3, 4, 6, 3], num_classes, attention="eca", **kw)
    for stage, k in zip((model.layer1, model.layer2, model.layer3, model.layer4), stage_kernels):
        for block in stage:
            block.attention = build_attention("eca", block.attention.channels, kernel_size=k)
    return model
