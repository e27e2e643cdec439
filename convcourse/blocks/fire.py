"""Fire module of SqueezeNet (Iandola et al., arXiv:1602.07360, Sec. 3.2, Fig. 1)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, checked


def _fire_rules(in_channels: int, squeeze1x1: int, expand1x1: int, expand3x3: int) -> None:
    """The rules of ``Fire`` (and ``fire_params``): every width a positive int."""
    check_positive_int("in_channels", in_channels)
    check_positive_int("squeeze1x1", squeeze1x1)
    check_positive_int("expand1x1", expand1x1)
    check_positive_int("expand3x3", expand3x3)


class Fire(nn.Module):
    """squeeze 1x1 (s channels) -> ReLU -> [expand 1x1 (e1) | expand 3x3 (e3)] -> concat -> ReLU.

    The paper keeps s < e1 + e3 so the squeeze layer limits the input channels of the 3x3 filters
    (strategy 2); its networks use e1 = e3 = 4 s (squeeze ratio SR = 0.125, pct3x3 = 0.5).
    All convs have a bias and stride 1; the 3x3 expand is zero-padded by 1 so both branches keep H x W.
    ReLU after the concat equals ReLU on each branch before it (element-wise), which is how
    ``torchvision.models.squeezenet`` writes it; we do the same so the two run the same kernels.

    Shapes: (N, C_in, H, W) -> (N, e1 + e3, H, W).
    """

    @checked
    def __init__(self, in_channels: int, squeeze1x1: int, expand1x1: int, expand3x3: int):
        super().__init__()
        _fire_rules(in_channels, squeeze1x1, expand1x1, expand3x3)
        self.in_channels, self.out_channels = in_channels, expand1x1 + expand3x3
        self.squeeze = nn.Conv2d(in_channels, squeeze1x1, kernel_size=1)
        self.squeeze_activation = nn.ReLU(inplace=True)
        self.expand1x1 = nn.Conv2d(squeeze1x1, expand1x1, kernel_size=1)
        self.expand1x1_activation = nn.ReLU(inplace=True)
        self.expand3x3 = nn.Conv2d(squeeze1x1, expand3x3, kernel_size=3, padding=1)
        self.expand3x3_activation = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        s = self.squeeze_activation(self.squeeze(x))                 # (N, s, H, W)
        return torch.cat([self.expand1x1_activation(self.expand1x1(s)),  # (N, e1, H, W)
                          self.expand3x3_activation(self.expand3x3(s))],  # (N, e3, H, W)
                         dim=1)                                       # (N, e1 + e3, H, W)


@checked
def fire_params(in_channels: int, squeeze1x1: int, expand1x1: int, expand3x3: int) -> int:
    """Parameters of a Fire module (with biases): s(C_in + 1) + e1(s + 1) + e3(9 s + 1)."""
    _fire_rules(in_channels, squeeze1x1, expand1x1, expand3x3)
    s = squeeze1x1
    return s * (in_channels + 1) + expand1x1 * (s + 1) + expand3x3 * (9 * s + 1)
