"""SCConv: Spatial and Channel reconstruction Convolution (Li, Wen, He, CVPR 2023, pp. 6153-6162; no arXiv
version — https://openaccess.thecvf.com/content/CVPR2023/html/Li_SCConv_Spatial_and_Channel_Reconstruction_Convolution_for_Feature_Redundancy_CVPR_2023_paper.html).

SCConv = SRU (spatial reconstruction unit, Sec. 2.1, Eq. 1-4) followed by CRU (channel reconstruction
unit, Sec. 2.2, Eq. 5-9). It replaces the 3x3 conv of a bottleneck: (N, C, H, W) -> (N, C_out, H, W).
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_divides, check_input, check_positive_int, checked

__all__ = ["SRU", "CRU", "SCConv", "scconv_params", "cru_widths"]


def _check_fraction(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value < 1.0:
        raise ValueError(f"{name}={value!r} must be a number strictly between 0 and 1")
    return float(value)


def _sru_rules(channels: int, group_num: int = 4, gate_threshold=0.5, name: str = "channels") -> float:
    """The rules of ``SRU`` (and of ``scconv_params`` when it counts the GN): ``group_num`` divides an even
    number of channels; returns the gate threshold. ``name``: what the caller calls the channel count."""
    check_positive_int(name, channels)
    check_positive_int("group_num", group_num)
    check_divides("group_num", group_num, name, channels)
    if channels % 2:
        raise ValueError(f"{name}={channels} must be even (the cross reconstruction splits it in halves)")
    return _check_fraction("gate_threshold", gate_threshold)


def _cru_rules(in_channels: int, out_channels: int | None = None, alpha=0.5, squeeze_ratio: int = 2, groups: int = 2,
               kernel_size: int = 3) -> dict[str, int]:
    """The rules of ``CRU`` (and ``scconv_params``): the widths of ``cru_widths`` and an odd group-conv kernel."""
    check_positive_int("kernel_size", kernel_size)
    if kernel_size % 2 == 0:
        raise ValueError(f"kernel_size={kernel_size} must be odd ('same' padding)")
    return cru_widths(in_channels, out_channels, alpha, squeeze_ratio, groups)


class SRU(nn.Module):
    """Spatial Reconstruction Unit (Fig. 2): separate informative from less informative pixels, cross-reconstruct.

    * Eq. 1: GN(X) with trainable gamma, beta (``nn.GroupNorm``: gamma = 1, beta = 0 at init).
    * Eq. 2: W_gamma = gamma_i / sum_j gamma_j (importance of each channel).
    * Eq. 3: W = Gate(Sigmoid(W_gamma * GN(X))); weights above ``gate_threshold`` set to 1 give W1, set to 0
      give W2 (the paper's wording; the others keep their sigmoid value).
    * Eq. 4: X1 = W1 * X, X2 = W2 * X; split each in halves; X^w = [X11 + X22, X21 + X12].

    ``last_informative`` keeps the boolean map W > threshold of the last forward (for plotting).
    Shapes: (N, C, H, W) -> (N, C, H, W); C must be even and divisible by ``group_num``.
    """

    @checked
    def __init__(self, channels: int, group_num: int = 4, gate_threshold: float = 0.5, eps: float = 1e-5):
        super().__init__()
        self.gate_threshold = _sru_rules(channels, group_num, gate_threshold)
        self.channels = channels
        self.gn = nn.GroupNorm(group_num, channels, eps=eps)
        self.last_informative: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        gn_x = self.gn(x)                                                # Eq. 1, (N, C, H, W)
        w_gamma = (self.gn.weight / self.gn.weight.sum()).view(1, -1, 1, 1)   # Eq. 2, (1, C, 1, 1)
        w = torch.sigmoid(gn_x * w_gamma)                                # Eq. 3 before the gate, in (0, 1)
        informative = w > self.gate_threshold
        self.last_informative = informative.detach()
        w1 = torch.where(informative, torch.ones_like(w), w)            # informative weights W1
        w2 = torch.where(informative, torch.zeros_like(w), w)           # non-informative weights W2
        x11, x12 = (w1 * x).chunk(2, dim=1)                              # Eq. 4: X1^w = W1 (x) X, halves
        x21, x22 = (w2 * x).chunk(2, dim=1)                              #        X2^w = W2 (x) X, halves
        return torch.cat([x11 + x22, x21 + x12], dim=1)                 # X^w = X^w1 U X^w2


@checked
def cru_widths(in_channels: int, out_channels: int | None = None, alpha: float = 0.5, squeeze_ratio: int = 2,
               groups: int = 2) -> dict[str, int]:
    """Channel widths of a CRU, validated: up = int(alpha C1), low = C1 - up, each squeezed by r."""
    check_positive_int("in_channels", in_channels)
    out_channels = in_channels if out_channels is None else out_channels
    check_positive_int("out_channels", out_channels)
    alpha = _check_fraction("alpha", alpha)
    check_positive_int("squeeze_ratio", squeeze_ratio)
    check_positive_int("groups", groups)
    up = int(alpha * in_channels)
    low = in_channels - up
    for name, c in (("upper", up), ("lower", low)):
        if c // squeeze_ratio < 1:
            raise ValueError(f"alpha={alpha} with in_channels={in_channels} leaves {c} {name} channels, "
                             f"{c} // squeeze_ratio={squeeze_ratio} = 0 after the squeeze; each part needs >= "
                             f"{squeeze_ratio} channels")
    up_sq, low_sq = up // squeeze_ratio, low // squeeze_ratio
    check_divides("groups", groups, "the squeezed upper channels alpha*C1/r", up_sq)
    check_divides("groups", groups, "out_channels", out_channels)
    if out_channels - low_sq < 1:
        raise ValueError(f"out_channels={out_channels} must exceed the reused lower channels {low_sq} "
                         f"((1 - alpha) C1 / r, Eq. 6)")
    return {"up": up, "low": low, "up_squeezed": up_sq, "low_squeezed": low_sq, "out": out_channels}


class CRU(nn.Module):
    """Channel Reconstruction Unit (Fig. 3): split, transform, fuse.

    * Split: alpha C1 and (1 - alpha) C1 channels, each squeezed by a 1x1 conv with ratio r.
    * Eq. 5: Y1 = GWC(X_up) + PWC1(X_up), the k x k group conv (g groups) and 1x1 conv both -> C2.
    * Eq. 6: Y2 = [PWC2(X_low), X_low] (a cheap 1x1 conv plus the reused input) -> C2.
    * Eq. 7-9: S_m = GAP(Y_m); beta_1, beta_2 = softmax over the two branches *per channel*
      (beta_1 + beta_2 = 1); Y = beta_1 Y1 + beta_2 Y2.
    All convs are bias-free (Eq. 11 counts weights only). Shapes: (N, C1, H, W) -> (N, C2, H, W).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int | None = None, alpha: float = 0.5,
                 squeeze_ratio: int = 2, groups: int = 2, kernel_size: int = 3):
        super().__init__()
        w = _cru_rules(in_channels, out_channels, alpha, squeeze_ratio, groups, kernel_size)
        self.in_channels, self.out_channels, self.widths = in_channels, w["out"], w
        self.squeeze1 = nn.Conv2d(w["up"], w["up_squeezed"], 1, bias=False)
        self.squeeze2 = nn.Conv2d(w["low"], w["low_squeezed"], 1, bias=False)
        self.gwc = nn.Conv2d(w["up_squeezed"], w["out"], kernel_size, padding=kernel_size // 2, groups=groups,
                             bias=False)                                             # M^G
        self.pwc1 = nn.Conv2d(w["up_squeezed"], w["out"], 1, bias=False)            # M^P1
        self.pwc2 = nn.Conv2d(w["low_squeezed"], w["out"] - w["low_squeezed"], 1, bias=False)   # M^P2
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.last_beta: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        up, low = torch.split(x, [self.widths["up"], self.widths["low"]], dim=1)   # split
        up, low = self.squeeze1(up), self.squeeze2(low)                 # (N, aC1/r, H, W), (N, (1-a)C1/r, H, W)
        y1 = self.gwc(up) + self.pwc1(up)                               # Eq. 5, (N, C2, H, W)
        y2 = torch.cat([self.pwc2(low), low], dim=1)                    # Eq. 6, (N, C2, H, W)
        s = torch.stack([self.pool(y1), self.pool(y2)], dim=0)         # Eq. 7, (2, N, C2, 1, 1)
        beta = torch.softmax(s, dim=0)                                  # Eq. 8: per channel, over the 2 branches
        self.last_beta = beta.detach()
        return beta[0] * y1 + beta[1] * y2                              # Eq. 9


class SCConv(nn.Module):
    """SRU then CRU (Fig. 1), a drop-in replacement of a k x k conv with stride 1.

    Paper defaults: gate threshold 0.5, alpha = 1/2, r = 2, g = 2, k = 3. The paper does not state the GN
    group number; ``group_num=4`` as in the lecture notes' code.
    Shapes: (N, C, H, W) -> (N, C_out, H, W) with C_out = C unless ``out_channels`` is given.
    """

    @checked
    def __init__(self, channels: int, out_channels: int | None = None, group_num: int = 4,
                 gate_threshold: float = 0.5, alpha: float = 0.5, squeeze_ratio: int = 2, groups: int = 2,
                 kernel_size: int = 3):
        super().__init__()
        self.sru = SRU(channels, group_num, gate_threshold)
        self.cru = CRU(channels, out_channels, alpha, squeeze_ratio, groups, kernel_size)
        self.in_channels, self.out_channels = channels, self.cru.out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        return self.cru(self.sru(x))


@checked
def scconv_params(in_channels: int, out_channels: int | None = None, alpha: float = 0.5, squeeze_ratio: int = 2,
                  groups: int = 2, kernel_size: int = 3, with_norm: bool = True, group_num: int = 4) -> int:
    """Eq. 11 (with the integer widths the module uses) + the GN's 2 C1 parameters when ``with_norm``.

    With ``with_norm`` it counts ``SCConv`` (the SRU's GN has ``group_num`` groups), without it ``CRU``.
    P_sc = aC1 * aC1/r + k^2 (aC1/(g r)) (C2/g) g + aC1/r * C2 + (1-a)C1 * (1-a)C1/r + (1-a)C1/r * (C2 - (1-a)C1/r)
    """
    if with_norm:
        _sru_rules(in_channels, group_num, name="in_channels")
    w = _cru_rules(in_channels, out_channels, alpha, squeeze_ratio, groups, kernel_size)
    k2 = kernel_size * kernel_size
    p = (w["up"] * w["up_squeezed"] + k2 * (w["up_squeezed"] // groups) * w["out"] + w["up_squeezed"] * w["out"]
         + w["low"] * w["low_squeezed"] + w["low_squeezed"] * (w["out"] - w["low_squeezed"]))
    return p + (2 * in_channels if with_norm else 0)
