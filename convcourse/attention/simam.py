"""SimAM: a simple, parameter-free attention module (Yang et al., ICML 2021, PMLR 139:11863-11874)."""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_input, check_positive_int, check_positive_number, checked
from .recording import RecordsAttention


@checked
def inverse_energy(x: torch.Tensor, e_lambda: float = 1e-4) -> torch.Tensor:
    """1 / e_t* = (t - mu)^2 / (4 (sigma^2 + lambda)) + 1/2 for every neuron t (paper Eq. 4, inverted).

    mu and sigma^2 are the mean and variance of the neuron's channel (over its M = H x W positions);
    like the authors' code the variance divides by M - 1. Shapes: (N, C, H, W) -> (N, C, H, W).
    """
    check_input(x)
    check_positive_number("e_lambda", e_lambda)
    m = x.shape[2] * x.shape[3]
    if m < 2:
        raise ValueError(f"x spatial size {tuple(x.shape[2:])} must hold at least 2 positions")
    d = (x - x.mean((2, 3), keepdim=True)) ** 2                 # (t - mu)^2: (N, C, H, W)
    var = d.sum((2, 3), keepdim=True) / (m - 1)                 # sigma^2: (N, C, 1, 1)
    return d / (4 * (var + e_lambda)) + 0.5


@checked
def minimal_energy(x: torch.Tensor, e_lambda: float = 1e-4) -> torch.Tensor:
    """e_t* = 4 (sigma^2 + lambda) / ((t - mu)^2 + 2 sigma^2 + 2 lambda) (paper Eq. 4).

    A *low* energy means the neuron stands out from the others in its channel: it matters more.
    Shapes: (N, C, H, W) -> (N, C, H, W).
    """
    return 1 / inverse_energy(x, e_lambda)


class SimAM(RecordsAttention):
    """X~ = sigmoid(1 / E) * X (paper Eq. 5): a full 3-D weight map from a closed form, zero parameters.

    ``channels`` is only used to check the input. Shapes: (N, C, H, W) -> (N, C, H, W).
    ``last_attention``: the weights sigmoid(1 / e*), (N, C, H, W).
    """

    @checked
    def __init__(self, channels: int, e_lambda: float = 1e-4):
        super().__init__()
        check_positive_int("channels", channels)
        self.channels = channels
        self.e_lambda = check_positive_number("e_lambda", e_lambda)
        self.last_attention: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.channels)
        weight = torch.sigmoid(inverse_energy(x, self.e_lambda))       # (N, C, H, W), Eq. 5
        self.record(weight)
        return x * weight
