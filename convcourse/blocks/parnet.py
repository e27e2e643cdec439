"""The three blocks of ParNet (Goyal et al., "Non-deep Networks", arXiv:2110.07641, Fig. 2).

* ``ParNetBlock``: RepVGG-style 3x3 conv-BN + 1x1 conv-BN, plus the Skip-Squeeze-Excitation
  branch SSE(x) = BN(x) * sigmoid(conv1x1(avgpool(BN(x)))), summed, then SiLU. In eval mode
  ``reparameterize()`` fuses the 3x3 and 1x1 branches (with their BNs) into one 3x3 conv.
* ``DownsamplingBlock``: 3x3/2 conv-BN + (2x2 avg-pool -> 1x1 conv-BN), multiplied by a
  single-layer SE gate sigmoid(conv1x1(avgpool(x))), then SiLU. The official code multiplies this
  gate by 2 (``SE1(ver=2)``: 2 * sigmoid, in every downsampling and fusion block); the paper's Fig. 2
  shows a plain sigmoid. ``gate="2sigmoid"`` gives the official form, ``gate="sigmoid"`` (default) the paper's.
* ``FusionBlock``: BN each of two streams, concatenate (channels interleaved), then a
  downsampling block with 2 groups and a channel shuffle.

Laid out like the authors' official code (NonDeepNetworks, ``simpnet.py``) so that parameter
counts match it.
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_divides, check_input, check_positive_int, checked
from .conv import ConvBNAct
from .rep import avgpool_1x1_to_3x3, fuse_branches, pad_1x1_to_3x3
from .shuffle import channel_shuffle
from ..attention.recording import RecordsAttention

__all__ = ["SSE", "ParNetBlock", "DownsamplingBlock", "FusionBlock", "GATES"]

GATES = ("sigmoid", "2sigmoid")      # paper Fig. 2 | official code (SE1 with ver=2 returns 2 * sigmoid)


class SSE(RecordsAttention):
    """Skip-Squeeze-Excitation (Fig. 2, right): BN -> global pool -> 1x1 conv -> sigmoid, times BN(x).

    Only one 1x1 conv (no bottleneck, no bias), so it adds one layer of depth, not two as SE would.
    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    @checked
    def __init__(self, channels: int):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels = channels
        self.bn = nn.BatchNorm2d(channels)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Conv2d(channels, channels, 1, bias=False)
        self.gate = nn.Sigmoid()
        self.last_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        x = self.bn(x)                                        # the "skip" branch is a BN of x
        s = self.gate(self.fc(self.pool(x)))                  # (N, C, 1, 1)
        self.record(s)
        return x * s


class ParNetBlock(nn.Module):
    """ParNet block: SiLU(BN(conv3x3(x)) + BN(conv1x1(x)) + SSE(x)); (N, C, H, W) -> (N, C, H, W)."""

    @checked
    def __init__(self, channels: int):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels = channels
        self.conv3x3 = ConvBNAct(channels, channels, 3, activation=None)   # conv + BN
        self.conv1x1 = ConvBNAct(channels, channels, 1, activation=None)   # conv + BN
        self.sse = SSE(channels)
        self.act = nn.SiLU(inplace=True)
        self.fused: nn.Conv2d | None = None                                 # set by reparameterize()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        if self.fused is not None:
            return self.act(self.fused(x) + self.sse(x))
        return self.act(self.conv3x3(x) + self.conv1x1(x) + self.sse(x))

    @torch.no_grad()
    def reparameterize(self) -> None:
        """Fold both BNs into their convs and the 1x1 kernel into the 3x3 one (eval-mode equality)."""
        if self.fused is not None:
            return
        self.fused = fuse_branches(self.conv3x3, self.conv1x1, pad_1x1_to_3x3)   # W3' + pad(W1'), b3' + b1'
        del self.conv3x3, self.conv1x1
        self.eval()


class DownsamplingBlock(nn.Module):
    """ParNet downsampling block (Fig. 2, middle).

    SiLU((BN(conv3x3/s(x)) + BN(conv1x1(avgpool2x2(x)))) * sigmoid(conv1x1(avgpool(x)))).
    With ``stride=1`` the average pool is left out (the last fusion block of ParNet).
    ``gate``: "sigmoid" (paper Fig. 2) or "2sigmoid" (official code: the gate is 2 * sigmoid, in (0, 2),
    so a gate of 1 -- passing the branch sum unchanged -- sits at the sigmoid's midpoint; no parameters change).
    Shapes: (N, C_in, H, W) -> (N, C_out, H/s, W/s); H and W must be even when s = 2.
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, stride: int = 2, groups: int = 1,
                 gate: str = "sigmoid"):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_choice("stride", stride, (1, 2))
        check_positive_int("groups", groups)
        check_divides("groups", groups, "in_channels", in_channels)
        check_divides("groups", groups, "out_channels", out_channels)
        check_choice("gate", gate, GATES)
        self.in_channels, self.out_channels, self.stride, self.groups = in_channels, out_channels, stride, groups
        self.gate = gate
        self.conv3x3 = ConvBNAct(in_channels, out_channels, 3, stride, groups, activation=None)
        self.pool = nn.AvgPool2d(2, 2) if stride == 2 else nn.Identity()
        self.conv1x1 = ConvBNAct(in_channels, out_channels, 1, groups=groups, activation=None)
        self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1),
                                nn.Conv2d(in_channels, out_channels, 1, groups=groups, bias=False),
                                nn.Sigmoid())                                  # (N, C_out, 1, 1)
        self.act = nn.SiLU(inplace=True)
        self.fused: nn.Conv2d | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        if self.stride == 2 and (x.shape[-2] % 2 or x.shape[-1] % 2):
            raise ValueError(f"x spatial size {tuple(x.shape[-2:])} must be even for a stride-2 ParNet "
                             "downsampling block (the 2x2 average pool and the 3x3/2 conv must agree)")
        if self.fused is not None:
            out = self.fused(x)
        else:
            out = self.conv3x3(x) + self.conv1x1(self.pool(x))
        gate = self.se(x)                                                       # (N, C_out, 1, 1)
        if self.gate == "2sigmoid":
            gate = 2 * gate                                                     # official code: 2 * sigmoid
        return self.act(out * gate)

    @torch.no_grad()
    def reparameterize(self) -> None:
        """Fold the two conv-BN branches (and the 2x2 pool) into one 3x3 conv with bias."""
        if self.fused is not None:
            return
        to_3x3 = avgpool_1x1_to_3x3 if self.stride == 2 else pad_1x1_to_3x3   # the 1x1 branch reads pool(x)
        self.fused = fuse_branches(self.conv3x3, self.conv1x1, to_3x3)
        del self.conv3x3, self.conv1x1, self.pool
        self.eval()


class FusionBlock(nn.Module):
    """ParNet fusion block: merge a stream with the output of the coarser path.

    (BN(a), BN(b)) -> concatenate with channels interleaved -> DownsamplingBlock(2C -> C_out, groups=2)
    -> channel shuffle. ``gate`` as in ``DownsamplingBlock``. Shapes: two (N, C, H, W) -> (N, C_out, H/s, W/s).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, stride: int = 2, gate: str = "sigmoid"):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        self.in_channels = in_channels
        self.bn_a, self.bn_b = nn.BatchNorm2d(in_channels), nn.BatchNorm2d(in_channels)
        self.down = DownsamplingBlock(2 * in_channels, out_channels, stride, groups=2, gate=gate)

    def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        check_input(a, self.in_channels, name="a")
        check_input(b, self.in_channels, name="b")
        if a.shape != b.shape:
            raise ValueError(f"a {tuple(a.shape)} and b {tuple(b.shape)} must have the same shape")
        x = channel_shuffle(torch.cat([self.bn_a(a), self.bn_b(b)], 1), 2)   # a0 b0 a1 b1 ... (N, 2C, H, W)
        return channel_shuffle(self.down(x), 2)                              # mix the two groups again

    def reparameterize(self) -> None:
        self.down.reparameterize()
