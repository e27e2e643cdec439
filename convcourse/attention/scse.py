"""cSE, sSE and scSE (Roy, Navab & Wachinger, MICCAI 2018, arXiv:1803.02579)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, checked
from .se import SEBlock
from .recording import RecordsAttention

FUSIONS = ("add", "max")


class ChannelSE(SEBlock):
    """cSE: "spatial squeeze, channel excitation" = the SE block with r = 2 (the paper's choice).

    Shapes: (N, C, H, W) -> (N, C, H, W). ``last_attention``: channel weights (N, C, 1, 1).
    """

    @checked
    def __init__(self, channels: int, reduction: int = 2):
        super().__init__(channels, reduction=reduction)


class SpatialSE(RecordsAttention):
    """sSE: "channel squeeze, spatial excitation": q = sigma(W_sq * U), a 1x1 conv C -> 1, then U * q.

    Shapes: (N, C, H, W) -> (N, C, H, W). ``last_attention``: the spatial map q, (N, 1, H, W).
    """

    @checked
    def __init__(self, channels: int):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels = channels
        self.conv = nn.Conv2d(channels, 1, 1)                   # W_sq: (N, C, H, W) -> (N, 1, H, W)
        self.last_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        q = torch.sigmoid(self.conv(x))                         # (N, 1, H, W), one weight per pixel
        self.record(q)
        return x * q


class SCSE(RecordsAttention):
    """scSE: cSE and sSE side by side on the same input, then fused.

    ``fusion="add"`` is the MICCAI paper's U_scSE = U_cSE + U_sSE (arXiv:1803.02579, Sec. 2.3);
    ``fusion="max"`` is the element-wise max that the journal version (arXiv:1808.08127) found best
    and that the authors' released code uses.

    Shapes: (N, C, H, W) -> (N, C, H, W).
    ``last_attention``: {"channel": (N, C, 1, 1), "spatial": (N, 1, H, W)}.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 2, fusion: str = "add"):
        super().__init__()
        check_positive_int("channels", channels)
        check_choice("fusion", fusion, FUSIONS)
        self.channels, self.fusion = channels, fusion
        self.cse = ChannelSE(channels, reduction)
        self.sse = SpatialSE(channels)
        self.last_attention: dict[str, torch.Tensor] | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        u_c, u_s = self.cse(x), self.sse(x)                     # both (N, C, H, W)
        self.record({"channel": self.cse.last_attention, "spatial": self.sse.last_attention})
        return u_c + u_s if self.fusion == "add" else torch.maximum(u_c, u_s)
