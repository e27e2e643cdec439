"""ECA: Efficient Channel Attention (Wang et al., CVPR 2020, arXiv:1910.03151)."""
from __future__ import annotations

import math

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_positive_number, checked
from .recording import RecordsAttention


@checked
def eca_kernel_size(channels: int, gamma: float = 2, b: float = 1) -> int:
    """Adaptive kernel size k = psi(C) = |log2(C) / gamma + b / gamma|_odd (paper Eq. 12).

    |t|_odd is "the nearest odd number"; like the authors' code we take int(t) and add 1 if even:
    C = 64 -> 3, 128..1024 -> 5, 2048 -> 7 (gamma = 2, b = 1).
    """
    check_positive_int("channels", channels)
    check_positive_number("gamma", gamma)
    t = int(abs((math.log2(channels) + b) / gamma))
    return t if t % 2 else t + 1


class ECA(RecordsAttention):
    """GAP -> 1-D conv of size k across channels (no reduction) -> sigmoid -> scale (Fig. 2, Eq. 9).

    Each channel's weight depends only on its k neighbours: k parameters in all, no bias. With
    ``kernel_size=None`` k comes from ``eca_kernel_size(channels, gamma, b)``; an explicit k must be odd.

    Shapes: (N, C, H, W) -> (N, C, H, W). ``last_attention``: channel weights (N, C, 1, 1).
    """

    @checked
    def __init__(self, channels: int, kernel_size: int | None = None, gamma: float = 2, b: float = 1):
        super().__init__()
        check_positive_int("channels", channels)
        if kernel_size is None:
            kernel_size = eca_kernel_size(channels, gamma, b)
        check_positive_int("kernel_size", kernel_size)
        if kernel_size % 2 == 0:
            raise ValueError(f"kernel_size={kernel_size} must be odd (the 1-D conv is centred on each channel)")
        self.channels, self.kernel_size = channels, kernel_size
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv = nn.Conv1d(1, 1, kernel_size, padding=kernel_size // 2, bias=False)
        self.last_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        y = self.avg_pool(x)                                   # (N, C, H, W) -> (N, C, 1, 1)
        y = self.conv(y.squeeze(-1).transpose(1, 2))           # (N, 1, C): channels become the 1-D axis
        w = torch.sigmoid(y.transpose(1, 2).unsqueeze(-1))     # (N, C, 1, 1)
        self.record(w)
        return x * w
