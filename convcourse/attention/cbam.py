"""CBAM: Convolutional Block Attention Module (Woo et al., ECCV 2018, arXiv:1807.06521)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_odd, check_positive_int, check_reduced, checked
from .recording import RecordsAttention

POOL_TYPES = ("avg", "max")
ORDERS = ("channel-spatial", "spatial-channel", "parallel")


def _channel_rules(channels: int, reduction) -> int:
    """The rules of ``ChannelAttention`` (and ``cbam_params``); returns the MLP's hidden width C // r."""
    check_positive_int("channels", channels)
    return check_reduced("reduction", channels, reduction)


def _spatial_rules(kernel_size) -> int:
    """The rules of ``SpatialAttention`` (and ``cbam_params``): an odd k, so the map keeps its size."""
    return check_odd("kernel_size", kernel_size, "so the map keeps its size")


@checked
def cbam_params(channels: int, reduction: int = 16, kernel_size: int = 7, spatial_bn: bool = False) -> int:
    """Parameters of CBAM: shared MLP 2 C (C/r) + C/r + C, spatial conv 2 k^2 (+ 1 bias, or + 2 for BN)."""
    hidden = _channel_rules(channels, reduction)
    _spatial_rules(kernel_size)
    return 2 * channels * hidden + hidden + channels + 2 * kernel_size ** 2 + (2 if spatial_bn else 1)


class ChannelAttention(nn.Module):
    """M_c(F) = sigma(MLP(AvgPool(F)) + MLP(MaxPool(F))) (Eq. 2, Fig. 2 top): (N, C, H, W) -> (N, C, 1, 1).

    One MLP C -> C/r -> C (ReLU in between) is *shared* by both pooled descriptors. Its two layers are
    1x1 convolutions with bias (the official code uses ``nn.Linear`` with bias: same parameters).
    ``pool_types=("avg",)`` reduces it to SE's excitation (paper Table 1 compares the choices).
    """

    @checked
    def __init__(self, channels: int, reduction: int = 16, pool_types=POOL_TYPES):
        super().__init__()
        hidden = _channel_rules(channels, reduction)
        pool_types = tuple(pool_types)
        if not pool_types:
            raise ValueError(f"pool_types={pool_types} must name at least one of {list(POOL_TYPES)}")
        for p in pool_types:
            check_choice("pool_types", p, POOL_TYPES)
        self.channels, self.pool_types = channels, pool_types
        self.mlp = nn.Sequential(nn.Conv2d(channels, hidden, 1),        # W0: C -> C/r
                                 nn.ReLU(inplace=True),
                                 nn.Conv2d(hidden, channels, 1))        # W1: C/r -> C

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        logits = 0
        for p in self.pool_types:                                       # F_avg^c, F_max^c: (N, C, 1, 1)
            desc = x.mean((2, 3), keepdim=True) if p == "avg" else x.amax((2, 3), keepdim=True)
            logits = logits + self.mlp(desc)                            # same weights for both
        return torch.sigmoid(logits)                                    # (N, C, 1, 1)


class SpatialAttention(nn.Module):
    """M_s(F) = sigma(f^{7x7}([AvgPool(F); MaxPool(F)])) (Eq. 3, Fig. 2 bottom): (N, C, H, W) -> (N, 1, H, W).

    Both poolings run *along the channel axis*, giving a 2-channel map that a k x k conv (k = 7 in the
    paper; Table 2 shows 7 beats 3) turns into one map.

    ``bn=True`` follows the authors' official code (Jongchan/attention-module, ``SpatialGate``): the conv has
    no bias and is followed by ``BatchNorm2d(1, eps=1e-5, momentum=0.01)``, and the two pooled maps are
    concatenated as [max, mean] (its ``ChannelPool``), so the official weights load one to one.
    ``bn=False`` (default) is the paper's Eq. 3: [avg; max], a conv with bias, no BN.
    """

    @checked
    def __init__(self, kernel_size: int = 7, bn: bool = False):
        super().__init__()
        _spatial_rules(kernel_size)
        self.conv = nn.Conv2d(2, 1, kernel_size, padding=kernel_size // 2, bias=not bn)
        self.bn = nn.BatchNorm2d(1, eps=1e-5, momentum=0.01) if bn else nn.Identity()   # official BasicConv
        self.official = bool(bn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x)
        avg, mx = x.mean(1, keepdim=True), x.amax(1, keepdim=True)             # (N, 1, H, W) each
        desc = torch.cat([mx, avg] if self.official else [avg, mx], 1)          # (N, 2, H, W)
        return torch.sigmoid(self.bn(self.conv(desc)))                           # (N, 1, H, W)


class CBAM(RecordsAttention):
    """Channel attention, then spatial attention (Eq. 1, Fig. 1): (N, C, H, W) -> (N, C, H, W).

    F' = M_c(F) * F,  F'' = M_s(F') * F'. No residual inside the module: in a ResNet it sits on the
    residual branch before the addition (Fig. 3), like SE.

    Args:
        channels: C.
        reduction: r of the shared MLP (16 in the paper).
        kernel_size: k of the spatial conv (7 in the paper).
        pool_types: channel descriptors fed to the shared MLP (("avg", "max") in the paper).
        order: "channel-spatial" (the paper's choice), "spatial-channel" or "parallel"
            (both maps computed from F and applied together), the arrangements of paper Table 3.
        spatial_bn: the official code's spatial gate (bias-free conv, BN with momentum 0.01, pooled maps
            in the order [max, mean]); not in Eq. 3. See ``SpatialAttention``.

    ``last_attention``: {"channel": (N, C, 1, 1), "spatial": (N, 1, H, W)}.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 16, kernel_size: int = 7, pool_types=POOL_TYPES,
                 order: str = "channel-spatial", spatial_bn: bool = False):
        super().__init__()
        check_positive_int("channels", channels)
        check_choice("order", order, ORDERS)
        self.channels, self.order = channels, order
        self.channel_attention = ChannelAttention(channels, reduction, pool_types)
        self.spatial_attention = SpatialAttention(kernel_size, spatial_bn)
        self.last_attention: dict[str, torch.Tensor] | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        if self.order == "channel-spatial":
            mc = self.channel_attention(x)
            x = x * mc                                                  # F' = M_c(F) * F
            ms = self.spatial_attention(x)
            out = x * ms                                                # F'' = M_s(F') * F'
        elif self.order == "spatial-channel":
            ms = self.spatial_attention(x)
            x = x * ms
            mc = self.channel_attention(x)
            out = x * mc
        else:                                                           # parallel: both from F
            mc, ms = self.channel_attention(x), self.spatial_attention(x)
            out = x * mc * ms
        self.record({"channel": mc, "spatial": ms})
        return out
