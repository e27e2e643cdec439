"""MBConv and Fused-MBConv, the two blocks of EfficientNetV2 (Tan & Le, arXiv:2104.00298, Fig. 2).

Laid out like ``torchvision.models.efficientnet`` (same modules, same parameter count):

* ``MBConv``      : 1x1 expand -> depthwise kxk -> SE -> 1x1 project (linear), + residual.
* ``FusedMBConv`` : kxk "fused" expand (a full conv replaces 1x1 + depthwise) -> (SE) -> 1x1 project,
  + residual. With ``expand_ratio=1`` it is a single kxk conv-BN-SiLU.

The residual branch is dropped at random per sample in training (stochastic depth,
Huang et al., arXiv:1603.09382), with survival probability 1 - p and rescaling by 1 / (1 - p).
"""
from __future__ import annotations

from functools import partial

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, check_positive_number, checked
from ..attention.se import SEBlock
from .conv import ConvBNAct


def _norm(eps: float):
    """BatchNorm with EfficientNet's eps (1e-3, as the official TensorFlow code and torchvision)."""
    return partial(nn.BatchNorm2d, eps=eps)


class StochasticDepth(nn.Module):
    """Drop a residual branch for whole samples ("row" mode) with probability ``p`` in training.

    Shapes: (N, C, H, W) -> (N, C, H, W). In eval mode it is the identity.
    """

    @checked
    def __init__(self, p: float = 0.0):
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p < 1.0:
            raise ValueError(f"p={p!r} must be a probability in [0, 1)")
        self.p = float(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        keep = 1.0 - self.p
        mask = x.new_empty((x.shape[0],) + (1,) * (x.dim() - 1)).bernoulli_(keep)   # (N, 1, 1, 1)
        return x * mask / keep

    def extra_repr(self) -> str:
        return f"p={self.p}"


class _MBBase(nn.Module):
    """What both blocks share: argument checks, the widths, and the residual + stochastic-depth forward.

    A subclass states its defaults in ``__init__`` and lists its layers in ``_layers``.
    """

    @checked(drop_prob=None)     # StochasticDepth checks it: "p=... must be a probability in [0, 1)"
    def __init__(self, in_channels, out_channels, kernel_size, stride, expand_ratio, se_ratio, drop_prob, norm_eps):
        super().__init__()
        check_positive_int("in_channels", in_channels)
        check_positive_int("out_channels", out_channels)
        check_positive_int("kernel_size", kernel_size)
        if kernel_size % 2 == 0:
            raise ValueError(f"kernel_size={kernel_size} must be odd (for 'same' padding)")
        check_choice("stride", stride, (1, 2))
        check_positive_number("expand_ratio", expand_ratio)
        if isinstance(se_ratio, bool) or not isinstance(se_ratio, (int, float)) or not 0 <= se_ratio <= 1:
            raise ValueError(f"se_ratio={se_ratio!r} must be a number in [0, 1] (0 = no SE)")
        self.in_channels, self.out_channels = in_channels, out_channels
        # the shortcut exists only when the shape is unchanged (paper Fig. 2, torchvision)
        self.use_res_connect = stride == 1 and in_channels == out_channels
        self.stochastic_depth = StochasticDepth(drop_prob)
        expanded = int(round(in_channels * expand_ratio))                 # e * C_in
        self.block = nn.Sequential(*self._layers(expanded, kernel_size, stride, se_ratio, _norm(norm_eps)))

    def _se(self, expanded: int, se_ratio: float) -> list[nn.Module]:
        # squeeze width from the block's *input* channels (in_channels * 0.25), as in the official code
        if se_ratio <= 0:
            return []
        return [SEBlock(expanded, squeeze_channels=max(1, int(self.in_channels * se_ratio)), activation=nn.SiLU)]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        out = self.block(x)
        if self.use_res_connect:
            out = self.stochastic_depth(out)
            out += x                      # in place, as torchvision: the block's output is a fresh tensor
        return out


class MBConv(_MBBase):
    """Mobile inverted bottleneck with SE (EfficientNetV2 Fig. 2 left).

    (N, C_in, H, W) -> 1x1 -> (N, e*C_in, H, W) -> DW kxk/s -> (N, e*C_in, H/s, W/s) -> SE
    -> 1x1 (no activation) -> (N, C_out, H/s, W/s), plus the input when stride=1 and C_in = C_out.

    Args:
        expand_ratio: e (4 or 6 in EfficientNetV2-S); with e=1 the 1x1 expansion is left out.
        se_ratio: SE bottleneck = se_ratio * C_in (0.25 in the paper; 0 = no SE).
        drop_prob: stochastic-depth probability of this block.
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 expand_ratio: float = 4, se_ratio: float = 0.25, drop_prob: float = 0.0, norm_eps: float = 1e-3):
        super().__init__(in_channels, out_channels, kernel_size, stride, expand_ratio, se_ratio, drop_prob, norm_eps)

    def _layers(self, expanded, kernel_size, stride, se_ratio, norm) -> list[nn.Module]:
        c_in, c_out = self.in_channels, self.out_channels
        expand = [ConvBNAct(c_in, expanded, 1, activation=nn.SiLU, norm_layer=norm)] if expanded != c_in else []
        depthwise = ConvBNAct(expanded, expanded, kernel_size, stride, groups=expanded, activation=nn.SiLU,
                              norm_layer=norm)
        se = self._se(expanded, se_ratio)
        project = ConvBNAct(expanded, c_out, 1, activation=None, norm_layer=norm)          # linear bottleneck
        return [*expand, depthwise, *se, project]


class FusedMBConv(_MBBase):
    """Fused-MBConv (EfficientNetV2 Fig. 2 right): the 1x1 expansion and the depthwise kxk become one kxk conv.

    (N, C_in, H, W) -> kxk/s -> (N, e*C_in, H/s, W/s) -> (SE) -> 1x1 (no activation) -> (N, C_out, H/s, W/s).
    With expand_ratio=1 the block is a single kxk conv-BN-SiLU (EfficientNetV2-S stage 1).
    EfficientNetV2-S/M/L use no SE in their Fused-MBConv stages (se_ratio=0, the default here).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 expand_ratio: float = 4, se_ratio: float = 0.0, drop_prob: float = 0.0, norm_eps: float = 1e-3):
        super().__init__(in_channels, out_channels, kernel_size, stride, expand_ratio, se_ratio, drop_prob, norm_eps)

    def _layers(self, expanded, kernel_size, stride, se_ratio, norm) -> list[nn.Module]:
        c_in, c_out = self.in_channels, self.out_channels
        se = self._se(expanded if expanded != c_in else c_out, se_ratio)
        if expanded == c_in:              # e = 1: one kxk conv-BN-SiLU (+ SE on its output)
            return [ConvBNAct(c_in, c_out, kernel_size, stride, activation=nn.SiLU, norm_layer=norm), *se]
        fused = ConvBNAct(c_in, expanded, kernel_size, stride, activation=nn.SiLU, norm_layer=norm)  # kxk expand
        project = ConvBNAct(expanded, c_out, 1, activation=None, norm_layer=norm)
        return [fused, *se, project]
