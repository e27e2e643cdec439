"""Xception (Chollet, arXiv:1610.02357): Inception modules taken to the extreme = depthwise separable convs,
stacked linearly with residual connections (paper Fig. 5).

36 conv layers in 14 modules: entry flow (the stem's 2 convs + 3 downsampling blocks), middle flow
(8 identical blocks of 3 separable convs on 19x19x728), exit flow (1 downsampling block + 2 separable convs).
Every module except the first and the last has a linear residual connection (1x1 conv, stride 2, + BN where
the shape changes). Separable convs have no BN/ReLU between depthwise and pointwise (paper Sec. 4.7, Fig. 10).

Shapes: (N, 3, 299, 299) -> entry (N, 728, 19, 19) -> middle (N, 728, 19, 19) -> exit (N, 2048, 10, 10)
-> (N, num_classes).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from ..blocks.conv import ConvBNAct
from ..blocks.separable import SeparableConv2d


class XceptionBlock(nn.Module):
    """``reps`` x [ReLU -> SeparableConv 3x3 -> BN] (+ 3x3/2 max-pool when ``stride`` = 2) + shortcut.

    ``grow_first``: the first separable conv goes to ``out_channels`` (entry flow); otherwise the last one does
    (exit flow: 728 -> 728 -> 1024). ``start_with_relu=False`` for the very first block, which follows the stem's
    ReLU. The shortcut is the identity, or a 1x1 conv (stride ``stride``) + BN when the shape changes.
    Shapes: (N, C_in, H, W) -> (N, C_out, ceil(H / stride), ceil(W / stride)).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, reps: int = 2, stride: int = 1,
                 start_with_relu: bool = True, grow_first: bool = True):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_positive_int("reps", reps)
        check_choice("stride", stride, (1, 2))
        self.in_channels, self.out_channels = in_channels, out_channels
        if grow_first:
            widths = [in_channels] + [out_channels] * reps
        else:
            widths = [in_channels] * reps + [out_channels]
        layers: list[nn.Module] = []
        for i in range(reps):
            if i > 0 or start_with_relu:
                layers.append(nn.ReLU(inplace=i > 0))      # not in-place on the block input: the shortcut needs it
            layers += [SeparableConv2d(widths[i], widths[i + 1], 3), nn.BatchNorm2d(widths[i + 1])]
        if stride == 2:
            layers.append(nn.MaxPool2d(3, stride=2, padding=1))                 # TF "SAME": 147 -> 74 -> 37 -> 19 -> 10
        self.residual = nn.Sequential(*layers)
        self.shortcut = (nn.Identity() if stride == 1 and in_channels == out_channels else
                         nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(out_channels)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.residual(x) + self.shortcut(x)


class Xception(nn.Module):
    """Xception for 299 x 299 ImageNet images (paper Fig. 5; 22.9 M parameters, Table 3).

    ``middle_repeats`` is the number of middle-flow blocks (8 in the paper).
    Shapes: (N, 3, 299, 299) -> (N, num_classes).
    """

    @checked
    def __init__(self, num_classes: int = 1000, middle_repeats: int = 8, in_channels: int = 3):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("middle_repeats", middle_repeats)
        check_positive_int("in_channels", in_channels)
        self.in_channels = in_channels
        self.entry_flow = nn.Sequential(
            ConvBNAct(in_channels, 32, 3, stride=2, padding=0),       # module 1: 299 -> 149 x 149 x 32
            ConvBNAct(32, 64, 3, padding=0),                          #            -> 147 x 147 x 64
            XceptionBlock(64, 128, 2, 2, start_with_relu=False),      # module 2:  -> 74 x 74 x 128
            XceptionBlock(128, 256, 2, 2),                            # module 3:  -> 37 x 37 x 256
            XceptionBlock(256, 728, 2, 2),                            # module 4:  -> 19 x 19 x 728
        )
        self.middle_flow = nn.Sequential(*[XceptionBlock(728, 728, 3, 1) for _ in range(middle_repeats)])  # 5-12
        self.exit_flow = nn.Sequential(
            XceptionBlock(728, 1024, 2, 2, grow_first=False),         # module 13: -> 10 x 10 x 1024
            SeparableConv2d(1024, 1536, 3), nn.BatchNorm2d(1536), nn.ReLU(inplace=True),   # module 14
            SeparableConv2d(1536, 2048, 3), nn.BatchNorm2d(2048), nn.ReLU(inplace=True),   # -> 10 x 10 x 2048
        )
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(2048, num_classes)                        # "logistic regression"

    def paper_modules(self) -> list[nn.Module]:
        """The 14 modules of the paper's Fig. 5, in order (modules 2-13 are ``XceptionBlock``s with a shortcut)."""
        entry, middle, exit_ = self.entry_flow, self.middle_flow, self.exit_flow
        return [nn.Sequential(entry[0], entry[1]), *entry[2:], *middle, exit_[0], nn.Sequential(*exit_[1:])]

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=32)
        return self.exit_flow(self.middle_flow(self.entry_flow(x)))   # (N, 3, 299, 299) -> (N, 2048, 10, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.forward_features(x)), 1))


@checked
def conv_layers(model: nn.Module) -> list[nn.Module]:
    """The paper's 36 "convolutional layers": the stem's two convs and every separable conv (shortcuts excluded)."""
    layers = []
    for m in model.modules():                      # pre-order: the order of the forward pass
        if isinstance(m, SeparableConv2d):
            layers.append(m)
        elif isinstance(m, ConvBNAct):
            layers.append(m[0])
    return layers


@checked
def xception(*, num_classes: int = 1000, **kw) -> Xception:
    """Xception (22,855,952 parameters with 1000 classes, as the paper's Table 3)."""
    return Xception(num_classes, **kw)
