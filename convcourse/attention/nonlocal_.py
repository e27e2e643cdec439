"""Non-local block (Wang, Girshick, Gupta, He, arXiv:1711.07971), 2-D (image) version.

The file is called ``nonlocal_.py`` because ``nonlocal`` is a Python keyword.
"""
from __future__ import annotations

import math

import torch
from torch import nn

from .._checks import check_choice, check_input, check_positive_int, check_reduced, checked
from .recording import RecordsAttention

MODES = ("embedded_gaussian", "gaussian", "dot_product", "concatenation")
INITS = ("pytorch", "official")


class NonLocalBlock(RecordsAttention):
    """z_i = W_z y_i + x_i with y_i = 1/C(x) * sum_j f(x_i, x_j) g(x_j)  (Eq. 1 and Eq. 6, Fig. 2).

    Every output position i is a weighted sum over *all* positions j of the feature map, with weights
    from a pairwise function f (the "instantiation", Sec. 3.2):

    * ``embedded_gaussian`` (default): f = exp(theta(x_i)^T phi(x_j)), normalised by softmax over j (Eq. 3)
    * ``gaussian``: f = exp(x_i^T x_j), softmax over j, no theta/phi (Eq. 2)
    * ``dot_product``: f = theta(x_i)^T phi(x_j), divided by the number of positions N (Eq. 4)
    * ``concatenation``: f = ReLU(w_f^T [theta(x_i), phi(x_j)]), divided by N (Eq. 5)

    theta, phi, g are 1x1 convolutions to ``inter_channels`` = C / 2 (Sec. 3.3). W_z is a 1x1
    convolution back to C followed by BN whose scale is initialised to zero, so a freshly inserted
    block is the identity. The residual form that makes this possible is Sec. 3.3 (Eq. 6); the BN after
    W_z with zero-initialised scale is stated in Sec. 4, "Implementation Details" (following Goyal et al.),
    and is what the official code does. ``sub_sample`` adds a 2x2 max-pool after
    phi and g (Sec. 3.3): the keys/values shrink to a quarter, the output keeps the full size.

    Args:
        channels: C, channels of the input.
        reduction: inter_channels = C // reduction (paper: 2).
        inter_channels: set the embedding width directly instead.
        mode: one of ``MODES``.
        sub_sample: max-pool phi and g by 2 (paper's "sub-sampling" trick).
        bn_layer: W_z is conv + BN (zero-init BN scale); if False a plain conv with zero-init weight/bias.
        use_scale: divide theta^T phi by sqrt(inter_channels) before softmax. The paper does not,
            the released Caffe2/Detectron code does (default there); off by default here.
        init: how theta, phi, g (and W_z's conv) are initialised. "pytorch" (default): PyTorch's
            default conv init. "official": N(0, 0.01) weights and zero biases, as the authors' released
            code (``CONV_INIT_STD = 0.01``); the paper (Sec. 4) cites He et al.'s init instead. Either way
            the zero-initialised BN scale (or the zeroed W_z without BN) keeps a fresh block the identity.

    Shapes: (N, C, H, W) -> (N, C, H, W), any H, W. ``last_attention``: the normalised pairwise weights
    f / C(x), shape (N, H*W, H'*W') with H'W' = HW (or about HW/4 with ``sub_sample``); row i is the map of query i.
    """

    @checked
    def __init__(self, channels: int, reduction: int = 2, inter_channels: int | None = None,
                 mode: str = "embedded_gaussian", sub_sample: bool = False, bn_layer: bool = True,
                 use_scale: bool = False, init: str = "pytorch"):
        super().__init__()                                                # @checked: channels is a positive int
        check_choice("mode", mode, MODES)
        check_choice("init", init, INITS)
        if inter_channels is None:
            inter_channels = check_reduced("reduction", channels, reduction)
        check_positive_int("inter_channels", inter_channels)
        self.channels, self.inter_channels = channels, inter_channels
        self.mode, self.sub_sample, self.use_scale = mode, bool(sub_sample), bool(use_scale)

        self.g = nn.Conv2d(channels, inter_channels, 1)                   # W_g: C -> C'
        if mode != "gaussian":                                            # plain Gaussian uses x itself
            self.theta = nn.Conv2d(channels, inter_channels, 1)           # W_theta: C -> C'
            self.phi = nn.Conv2d(channels, inter_channels, 1)             # W_phi: C -> C'
        if mode == "concatenation":
            self.w_f = nn.Linear(2 * inter_channels, 1, bias=False)       # w_f on [theta_i, phi_j], Eq. 5
        self.pool = nn.MaxPool2d(2) if sub_sample else nn.Identity()
        if bn_layer:
            self.W_z = nn.Sequential(nn.Conv2d(inter_channels, channels, 1), nn.BatchNorm2d(channels))
            nn.init.zeros_(self.W_z[1].weight)                            # BN scale = 0 -> block = identity
            nn.init.zeros_(self.W_z[1].bias)
        else:
            self.W_z = nn.Conv2d(inter_channels, channels, 1)
            nn.init.zeros_(self.W_z.weight)
            nn.init.zeros_(self.W_z.bias)
        if init == "official":                                            # released code: Gaussian, std 0.01
            convs = [m for m in (getattr(self, "theta", None), getattr(self, "phi", None), self.g,
                                 self.W_z[0] if bn_layer else None) if m is not None]
            for conv in convs:
                nn.init.normal_(conv.weight, std=0.01)
                nn.init.zeros_(conv.bias)
        self.last_attention: torch.Tensor | None = None

    def pairwise(self, x: torch.Tensor) -> torch.Tensor:
        """The normalised weights f(x_i, x_j) / C(x): (N, C, H, W) -> (N, HW, H'W')."""
        if self.mode == "gaussian":
            theta, phi = x, self.pool(x)                                  # (N, C, H, W), (N, C, H', W')
        else:
            theta, phi = self.theta(x), self.pool(self.phi(x))            # (N, C', H, W), (N, C', H', W')
        theta = theta.flatten(2).transpose(1, 2)                          # (N, HW, C')
        phi = phi.flatten(2)                                              # (N, C', H'W')
        if self.mode == "concatenation":
            w_theta, w_phi = self.w_f.weight[0].split(self.inter_channels)
            f = torch.relu((theta @ w_theta)[:, :, None] + (w_phi @ phi)[:, None, :])  # (N, HW, H'W'), Eq. 5
            return f / phi.shape[-1]                                      # C(x) = N positions
        f = theta @ phi                                                   # (N, HW, H'W')
        if self.mode == "dot_product":
            return f / phi.shape[-1]                                      # Eq. 4: C(x) = N
        if self.use_scale:
            f = f / math.sqrt(theta.shape[-1])
        return f.softmax(dim=-1)                                          # Eq. 2/3: softmax over j

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels, min_size=2 if self.sub_sample else None)
        n, _, h, w = x.shape
        attention = self.pairwise(x)                                      # (N, HW, H'W')
        g = self.pool(self.g(x)).flatten(2).transpose(1, 2)               # (N, H'W', C')
        y = attention @ g                                                 # (N, HW, C'), Eq. 1
        y = y.transpose(1, 2).reshape(n, self.inter_channels, h, w)       # (N, C', H, W)
        self.record(attention)
        return self.W_z(y) + x                                            # Eq. 6: residual connection


__all__ = ["INITS", "MODES", "NonLocalBlock"]
