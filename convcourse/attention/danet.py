"""Dual Attention (Fu et al., DANet, arXiv:1809.02983): position and channel attention in parallel."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_reduced, checked
from .recording import RecordsAttention


class PositionAttentionModule(RecordsAttention):
    """Position attention module (PAM, Fig. 3(A), Eq. 1-2): every position attends to all positions.

    The paper's maps B, C (1x1 convs, C -> C/8) and D (1x1, C -> C): s_ji = softmax_i(B_i . C_j), the
    weight of position i for output position j, and E_j = alpha * sum_i s_ji D_i + A_j (alpha = ``gamma`` here, learnable, init 0).
    In the code (the official naming): ``query_conv`` gives C (read at the output position j),
    ``key_conv`` gives B (read at the positions i that the softmax runs over), ``value_conv`` gives D.

    Shapes: (N, C, H, W) -> (N, C, H, W) for any H, W (nothing depends on the input size).
    ``last_attention``: S, (N, HW, HW); row j (a query) sums to 1 over the key positions i.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 8):
        super().__init__()
        check_positive_int("channels", channels)
        inner = check_reduced("reduction", channels, reduction)
        self.channels = channels
        self.query_conv = nn.Conv2d(channels, inner, 1)                   # paper's C (at j): C -> C/8
        self.key_conv = nn.Conv2d(channels, inner, 1)                     # paper's B (at i): C -> C/8
        self.value_conv = nn.Conv2d(channels, channels, 1)                # D: C -> C
        self.gamma = nn.Parameter(torch.zeros(1))                        # alpha in Eq. 2, init 0
        self.last_attention: torch.Tensor | None = None

    def aggregate(self, x: torch.Tensor) -> torch.Tensor:
        """sum_i s_ji D_i, before the gamma scale and the residual: (N, C, H, W) -> (N, C, H, W)."""
        n, c, h, w = x.shape
        query = self.query_conv(x).flatten(2).transpose(1, 2)             # (N, HW, C/8)
        key = self.key_conv(x).flatten(2)                                 # (N, C/8, HW)
        attention = (query @ key).softmax(dim=-1)                         # (N, HW, HW), Eq. 1
        value = self.value_conv(x).flatten(2)                             # (N, C, HW)
        out = value @ attention.transpose(1, 2)                           # (N, C, HW): out_j = sum_i s_ji D_i
        self.record(attention)
        return out.view(n, c, h, w)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        return self.gamma * self.aggregate(x) + x                         # Eq. 2


class ChannelAttentionModule(RecordsAttention):
    """Channel attention module (CAM, Fig. 3(B), Eq. 3-4): every channel attends to all channels.

    Affinity A A^T is (C, C), computed on the input itself (no convolutions);
    E_j = beta * sum_i x_ji A_i + A_j, beta learnable, init 0.

    ``max_minus=True`` (default) follows the official code: softmax(max_i(E) - E) instead of the
    paper's softmax(E) (Eq. 3). Softmax ignores a per-row constant, so this equals softmax(-E): the
    weights favour the channels *least* similar to channel j. ``max_minus=False`` gives Eq. 3.

    Shapes: (N, C, H, W) -> (N, C, H, W). ``last_attention``: X, (N, C, C); rows sum to 1.
    """

    @checked
    def __init__(self, channels: int, max_minus: bool = True):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels, self.max_minus = channels, bool(max_minus)
        self.gamma = nn.Parameter(torch.zeros(1))                        # beta in Eq. 4, init 0
        self.last_attention: torch.Tensor | None = None

    def aggregate(self, x: torch.Tensor) -> torch.Tensor:
        """sum_i x_ji A_i, before the gamma scale and the residual: (N, C, H, W) -> (N, C, H, W)."""
        n, c, h, w = x.shape
        a = x.flatten(2)                                                  # (N, C, HW)
        energy = a @ a.transpose(1, 2)                                    # (N, C, C)
        if self.max_minus:                                                # official code
            energy = energy.amax(dim=-1, keepdim=True) - energy
        attention = energy.softmax(dim=-1)                                # (N, C, C), Eq. 3
        self.record(attention)
        return (attention @ a).view(n, c, h, w)                           # (N, C, HW) -> (N, C, H, W)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        return self.gamma * self.aggregate(x) + x                         # Eq. 4


class DualAttention(RecordsAttention):
    """PAM and CAM applied to the same input **in parallel** and summed (Fig. 2), not one after the other as in CBAM.

    In the paper each module's output passes through its own conv before the element-wise sum (segmentation
    head). As a plug-in block we sum the two attention terms over one shared shortcut:
    y = x + alpha * PAM_term(x) + beta * CAM_term(x)  (= PAM(x) + CAM(x) - x), so with alpha = beta = 0
    a fresh block is the identity.

    Args:
        channels: C. reduction: query/key width C // reduction in PAM (paper: 8).
        max_minus: CAM's official-code affinity (see ``ChannelAttentionModule``).

    Shapes: (N, C, H, W) -> (N, C, H, W), any H, W. ``last_attention``: PAM's (N, HW, HW) map;
    ``last_channel_attention``: CAM's (N, C, C) map.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 8, max_minus: bool = True):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels = channels
        self.pam = PositionAttentionModule(channels, reduction)
        self.cam = ChannelAttentionModule(channels, max_minus)
        self.last_attention: torch.Tensor | None = None
        self.last_channel_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        out = x + self.pam.gamma * self.pam.aggregate(x) + self.cam.gamma * self.cam.aggregate(x)
        self.record(self.pam.last_attention)
        self.record(self.cam.last_attention, "last_channel_attention")
        return out


__all__ = ["ChannelAttentionModule", "DualAttention", "PositionAttentionModule"]
