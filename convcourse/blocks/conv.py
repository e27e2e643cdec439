"""Conv -> norm -> activation, the unit most networks in the course are made of."""
from __future__ import annotations

import functools
import inspect
from typing import Callable

import torch
from torch import nn

from .._checks import check_conv, check_input, check_positive_int, checked


def _takes_inplace(factory: Callable[..., nn.Module]) -> bool:
    """Whether an activation class (or a partial of one) has an ``inplace`` argument."""
    while isinstance(factory, functools.partial):
        if "inplace" in factory.keywords:
            return True
        factory = factory.func
    try:
        return "inplace" in inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False


class ConvBNAct(nn.Sequential):
    """k x k conv (no bias, 'same' padding for odd k) -> norm (BatchNorm) -> activation.

    The same layout, state-dict keys (``0``, ``1``, ``2``) and parameter count as torchvision's
    ``Conv2dNormActivation``: ``kernel_size`` is an int or a pair ``(kh, kw)`` (Inception's 1x7 / 7x1),
    ``norm_layer`` a factory called with the channel count (``functools.partial(nn.BatchNorm2d, eps=1e-3)``
    for TensorFlow's epsilon, ``None`` for no norm: then the conv keeps its bias), ``activation`` a factory
    too (``None`` leaves it out: a "linear" layer, as MobileNetV2's projection) and ``inplace`` is handed to
    the activation when its constructor has that argument (``None``: never).
    Shapes: (N, C_in, H, W) -> (N, C_out, H / stride, W / stride).
    """

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size=3, stride: int = 1,
                 groups: int = 1, dilation: int = 1, activation: Callable[..., nn.Module] | None = nn.ReLU,
                 padding=None, norm_layer: Callable[..., nn.Module] | None = nn.BatchNorm2d,
                 bias: bool | None = None, inplace: bool | None = True):
        kh, kw = check_conv(in_channels, out_channels, kernel_size, groups)    # as conv2d_params counts it
        check_positive_int("stride", stride)
        if padding is None:
            if kh % 2 == 0 or kw % 2 == 0:
                raise ValueError(f"kernel_size={kernel_size} must be odd for 'same' padding (an even kernel "
                                 f"cannot keep the size); pass padding= explicitly for an even kernel")
            padding = ((kh - 1) // 2 * dilation, (kw - 1) // 2 * dilation)
        if bias is None:
            bias = norm_layer is None
        kernel = kernel_size if isinstance(kernel_size, int) else (kh, kw)
        layers = [nn.Conv2d(in_channels, out_channels, kernel, stride, padding, dilation, groups, bias=bias)]
        if norm_layer is not None:
            layers.append(norm_layer(out_channels))
        if activation is not None:
            layers.append(activation(inplace=inplace) if inplace is not None and _takes_inplace(activation)
                          else activation())
        super().__init__(*layers)
        self.in_channels, self.out_channels = in_channels, out_channels
        # smallest side a forward accepts: the dilated kernel must fit into the padded input
        ph, pw = layers[0].padding
        self.min_size = max(1, (kh - 1) * dilation + 1 - 2 * ph, (kw - 1) * dilation + 1 - 2 * pw)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=self.min_size)
        return super().forward(x)
