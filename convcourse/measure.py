"""Counting what a module costs: parameters, FLOPs / multiply-adds, CPU latency.

Conventions used everywhere in the course:

* **MACs** (multiply-accumulates) are what most papers call "FLOPs" (ResNet-50: ~4.1 G).
* **FLOPs** here are floating-point operations as counted by
  ``torch.utils.flop_counter.FlopCounterMode``: one multiply-add = 2 FLOPs, so FLOPs = 2 x MACs.
  Element-wise work (BN, ReLU, bias, pooling) is not counted by either.

The formulas are pure functions of integers so they can be derived, printed and checked in the
notebooks against ``sum(p.numel() for p in m.parameters())``.
"""
from __future__ import annotations

from typing import Callable

import torch
from torch import nn

from ._checks import MAX_INT, check_conv, check_int_range, check_pair, check_positive_int, checked
from .instruments import (_input_for, compare_latency, compare_latency_one_at_a_time,  # noqa: F401 - re-exported
                          measure_latency)

__all__ = [
    "conv2d_params", "conv2d_macs", "conv2d_output_size", "linear_params", "bn_params",
    "depthwise_separable_params", "count_params", "meta_count_params", "count_flops",
    "count_macs", "measure_latency", "compare_latency", "compare_latency_one_at_a_time", "human", "materialize",
]


@checked
def conv2d_params(in_channels: int, out_channels: int, kernel_size, groups: int = 1,
                  bias: bool = True) -> int:
    """Parameters of ``nn.Conv2d``: k_h * k_w * (C_in / g) * C_out (+ C_out bias).

    Each of the C_out kernels sees only C_in / g input channels (note 004, section 1: Q / g).
    """
    kh, kw = check_conv(in_channels, out_channels, kernel_size, groups)      # the rules of ConvBNAct's conv
    return kh * kw * (in_channels // groups) * out_channels + (out_channels if bias else 0)


@checked(padding=None)
def conv2d_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1) -> tuple[int, int]:
    """Spatial output size: floor((H + 2p - d(k - 1) - 1) / s) + 1 for each axis."""
    h, w = check_pair("input_size", input_size)
    kh, kw = check_pair("kernel_size", kernel_size)
    sh, sw = check_pair("stride", stride)
    dh, dw = check_pair("dilation", dilation)
    ph, pw = check_pair("padding", padding, minimum=-MAX_INT)
    if ph < 0 or pw < 0:
        raise ValueError(f"padding={padding} must be >= 0")
    out = ((h + 2 * ph - dh * (kh - 1) - 1) // sh + 1, (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1)
    if min(out) < 1:
        raise ValueError(f"input_size={(h, w)} is too small for kernel_size={(kh, kw)} "
                         f"with padding={padding}, dilation={(dh, dw)}: output would be {out}")
    return out


@checked
def conv2d_macs(in_channels: int, out_channels: int, kernel_size, output_size, groups: int = 1) -> int:
    """Multiply-adds of a convolution: H_out * W_out * (parameters without bias)."""
    ho, wo = check_pair("output_size", output_size)
    return ho * wo * conv2d_params(in_channels, out_channels, kernel_size, groups, bias=False)


@checked
def linear_params(in_features: int, out_features: int, bias: bool = True) -> int:
    """Parameters of ``nn.Linear``: C_in * C_out (+ C_out)."""
    check_positive_int("in_features", in_features)
    check_positive_int("out_features", out_features)
    return in_features * out_features + (out_features if bias else 0)


@checked
def bn_params(channels: int) -> int:
    """Learnable parameters of ``nn.BatchNorm2d``: gamma and beta (running stats are buffers)."""
    check_positive_int("channels", channels)
    return 2 * channels


@checked
def depthwise_separable_params(in_channels: int, out_channels: int, kernel_size, bias: bool = False) -> int:
    """Depthwise k x k conv (groups = C_in) followed by a pointwise 1 x 1 conv (``SeparableConv2d``)."""
    return (conv2d_params(in_channels, in_channels, kernel_size, groups=in_channels, bias=bias)
            + conv2d_params(in_channels, out_channels, 1, bias=bias))


@checked
def count_params(module: nn.Module, trainable_only: bool = False) -> int:
    """Number of parameters: ``sum(p.numel() for p in module.parameters())``."""
    if not isinstance(module, nn.Module):
        raise ValueError(f"module must be an nn.Module, got {type(module).__name__}")
    return sum(p.numel() for p in module.parameters() if p.requires_grad or not trainable_only)


@checked
def meta_count_params(builder: Callable[..., nn.Module], *args, **kwargs) -> int:
    """Count the parameters of ``builder(*args, **kwargs)`` without allocating its weights.

    The model is built on PyTorch's ``meta`` device (shapes only), so VGG-19's 143 M parameters
    cost no memory and no time.
    """
    with torch.device("meta"):
        model = builder(*args, **kwargs)
    return count_params(model)


@checked
def materialize(module: nn.Module) -> nn.Module:
    """Give a module built on the ``meta`` device real CPU memory and a fresh default initialisation.

    ``to_empty`` allocates uninitialised storage; every submodule with ``reset_parameters`` (conv,
    linear, batch norm, ...) is then initialised again as at construction. With ``module.to("meta")``
    after use, a large network runs one stage at a time, holding only that stage's weights.
    Raises ``ValueError`` if a submodule owns parameters or buffers it cannot re-initialise.
    """
    for name, m in module.named_modules():
        owns = next(m.parameters(recurse=False), None) is not None or next(m.buffers(recurse=False), None) is not None
        if owns and not hasattr(m, "reset_parameters"):
            raise ValueError(f"materialize: submodule {name or type(m).__name__!r} ({type(m).__name__}) owns "
                             "parameters but has no reset_parameters(), so its values cannot be re-initialised")
    module.to_empty(device="cpu")
    for m in module.modules():
        if hasattr(m, "reset_parameters"):
            m.reset_parameters()
    return module


@checked
def count_flops(module: nn.Module, input_shape) -> int:
    """FLOPs of one forward pass (FlopCounterMode's convention: 1 multiply-add = 2 FLOPs).

    ``input_shape`` is a tuple such as (1, 3, 224, 224) or a ready tensor. A module built on the
    ``meta`` device is counted without computing anything.
    """
    from torch.utils.flop_counter import FlopCounterMode

    x = _input_for(module, input_shape)
    was_training = module.training
    module.eval()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            module(x)
    finally:
        module.train(was_training)
    return int(counter.get_total_flops())


@checked
def count_macs(module: nn.Module, input_shape) -> int:
    """Multiply-accumulates of one forward pass (= the "FLOPs" most papers report) = FLOPs / 2."""
    return count_flops(module, input_shape) // 2


@checked
def human(n: float, unit: str = "") -> str:
    """Readable count: 25557032 -> '25.56M', 4089184256 -> '4.09G'."""
    for scale, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= scale:
            return f"{n / scale:.2f}{suffix}{unit}"
    return f"{n:g}{unit}"


@checked
def conv_cost_rows(in_channels: int, out_channels: int, kernel_size: int, groups: int,
                   size: int = 56) -> list[tuple[str, int, int]]:
    """(name, parameters, MACs) of three ways to map C1 -> C2 channels with a k x k window on size x size:
    standard conv, grouped conv with ``groups``, depthwise-separable conv (k x k depthwise + 1 x 1 pointwise).
    Bias-free, stride 1, 'same' padding. Raises ValueError for combinations that cannot exist."""
    check_positive_int("size", size)
    std = conv2d_params(in_channels, out_channels, kernel_size, bias=False)
    grp = conv2d_params(in_channels, out_channels, kernel_size, groups=groups, bias=False)
    dws = depthwise_separable_params(in_channels, out_channels, kernel_size)
    hw = size * size
    return [("标准卷积", std, std * hw), (f"分组卷积 g={groups}", grp, grp * hw), ("深度可分离卷积", dws, dws * hw)]


@checked
def conv_cost_report(in_channels: int, out_channels: int, kernel_size: int, groups: int, size: int = 56) -> str:
    """``conv_cost_rows`` as an aligned text table, parameters and MACs relative to the standard conv."""
    rows = conv_cost_rows(in_channels, out_channels, kernel_size, groups, size)
    base = rows[0][1]
    lines = [f"C1={in_channels}, C2={out_channels}, k={kernel_size}, 特征图 {size}x{size}",
             pad("", 16) + pad("参数量", 12, True) + pad("MACs", 10, True) + pad("参数比例", 10, True)]
    for name, p, macs in rows:
        lines.append(pad(name, 16) + pad(f"{p:,}", 12, True) + pad(human(macs), 10, True) + pad(f"{p / base:.4f}", 10, True))
    return "\n".join(lines)


@checked
def text_width(text: str) -> int:
    """Terminal columns of ``text``: a Chinese (wide or full-width) character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@checked
def pad(text: str, width: int, right: bool = False) -> str:
    """Pad ``text`` to ``width`` terminal columns, counting a Chinese character as two columns."""
    check_int_range("width", width, 0, 10_000)                 # a table column, not a page of spaces
    fill = " " * max(width - text_width(text), 0)
    return fill + text if right else text + fill
