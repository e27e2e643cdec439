"""Global Context block (Cao, Xu, Lin, Wei, Hu, GCNet, arXiv:1904.11492)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_number, check_reduced, checked
from .recording import RecordsAttention

POOLINGS = ("att", "avg")
FUSIONS = ("add", "mul")


class GCBlock(RecordsAttention):
    """Context modelling -> transform -> fusion (Fig. 4(d), Eq. 3).

    z_i = x_i + W_v2 ReLU(LN(W_v1 sum_j a_j x_j)),  a_j = exp(W_k x_j) / sum_m exp(W_k x_m)

    * context modelling: a 1x1 conv W_k (C -> 1) gives one logit per position, softmax over all H*W
      positions gives pooling weights a (the same for every query: "query-independent" attention),
      and the context is the a-weighted sum of the features, (N, C, 1, 1).
    * transform: bottleneck 1x1 conv C -> C/r, LayerNorm over (C/r, 1, 1), ReLU, 1x1 conv C/r -> C.
    * fusion: broadcast addition to every position (``fusion="add"``, the paper's choice) or, as in
      the paper's ablation, scaling ``x * sigmoid(.)`` (``fusion="mul"``, SE-like).

    ``pooling="avg"`` replaces the attention pooling by global average pooling (the paper's
    "avg" ablation: with ``fusion="mul"`` that is an SE block with LayerNorm).
    As in the official code the last 1x1 conv is zero-initialised, so with ``fusion="add"`` a fresh block
    is the identity.

    Args:
        channels: C, channels of the input.
        reduction: r, the bottleneck has C // r channels (paper default 16, "ratio 1/16").
        ratio: alternatively the official code's ``ratio`` (hidden = int(C * ratio)), e.g. 1/16.
        pooling: ``"att"`` (paper) or ``"avg"``.
        fusion: ``"add"`` (paper) or ``"mul"``.

    Shapes: (N, C, H, W) -> (N, C, H, W), any H, W. ``last_attention``: the pooling weights a,
    (N, 1, H, W), summing to 1 over H, W.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 16, ratio: float | None = None,
                 pooling: str = "att", fusion: str = "add"):
        super().__init__()                                                # @checked: channels is a positive int
        check_choice("pooling", pooling, POOLINGS)
        check_choice("fusion", fusion, FUSIONS)
        if ratio is None:
            hidden = check_reduced("reduction", channels, reduction)
        else:
            check_positive_number("ratio", ratio)
            hidden = int(channels * ratio)
            if hidden < 1:
                raise ValueError(f"ratio={ratio} leaves int(channels * ratio) = int({channels} * {ratio}) = "
                                 f"{hidden} hidden channels; it must leave at least 1")
        self.channels, self.hidden, self.pooling, self.fusion = channels, hidden, pooling, fusion
        if pooling == "att":
            self.conv_mask = nn.Conv2d(channels, 1, 1)                   # W_k: C -> 1
            nn.init.kaiming_normal_(self.conv_mask.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(self.conv_mask.bias)
        self.transform = nn.Sequential(
            nn.Conv2d(channels, hidden, 1),                               # W_v1: C -> C/r
            nn.LayerNorm([hidden, 1, 1]),                                 # LN over (C/r, 1, 1)
            nn.ReLU(inplace=True),
            nn.Conv2d(hidden, channels, 1),                               # W_v2: C/r -> C
        )
        nn.init.zeros_(self.transform[-1].weight)                         # last 1x1 zero-init
        nn.init.zeros_(self.transform[-1].bias)
        self.last_attention: torch.Tensor | None = None

    def pooling_weights(self, x: torch.Tensor) -> torch.Tensor:
        """a_j: (N, C, H, W) -> (N, 1, H, W), softmax over all H*W positions (uniform for ``avg``)."""
        n, _, h, w = x.shape
        if self.pooling == "avg":
            return x.new_full((n, 1, h, w), 1.0 / (h * w))
        logits = self.conv_mask(x)                                        # (N, 1, H, W)
        return logits.flatten(1).softmax(dim=1).view(n, 1, h, w)          # softmax over H*W

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        a = self.pooling_weights(x)                                       # (N, 1, H, W)
        context = x.flatten(2) @ a.flatten(2).transpose(1, 2)            # (N, C, HW) @ (N, HW, 1) -> (N, C, 1)
        context = context.unsqueeze(-1)                                   # (N, C, 1, 1): sum_j a_j x_j
        t = self.transform(context)                                       # (N, C, 1, 1)
        self.record(a)
        if self.fusion == "add":
            return x + t                                                  # broadcast to every position
        return x * torch.sigmoid(t)


__all__ = ["FUSIONS", "POOLINGS", "GCBlock"]
