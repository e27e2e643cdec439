"""Attention modules behind one plug-in interface.

``build_attention(name, channels, **kw)`` returns an ``nn.Module`` mapping (N, C, H, W) -> (N, C, H, W).
``create_attention(attention, channels, **kw)`` is what a block calls with its ``attention=`` argument: a name,
a class or a ``functools.partial`` of one (timm's ``create_attn``), or ``None`` for no attention.
Recording is opt-in: inside ``with record_attention(model):`` each module keeps the map of its forward pass in
``module.last_attention`` (a tensor, or a dict of tensors when it has several) for plotting; otherwise ``forward``
keeps nothing (``attention/recording.py``).
"""
from __future__ import annotations

import importlib

from torch import nn

from .recording import RecordsAttention, record_attention  # noqa: F401 - re-exported
from .._checks import ArgumentTypeError, check_choice, check_module, check_positive_int, checked

# name -> (module file, class name). Files are imported lazily, on first use.
_REGISTRY: dict[str, tuple[str, str]] = {
    "se": ("se", "SEBlock"),
    "cbam": ("cbam", "CBAM"),
    "eca": ("eca", "ECA"),
    "cse": ("scse", "ChannelSE"),
    "sse": ("scse", "SpatialSE"),
    "scse": ("scse", "SCSE"),
    "simam": ("simam", "SimAM"),
    "gc": ("gc", "GCBlock"),
    "nonlocal": ("nonlocal_", "NonLocalBlock"),
    "danet": ("danet", "DualAttention"),
}

ATTENTION_NAMES = tuple(_REGISTRY)


@checked
def attention_class(name: str) -> type[nn.Module]:
    """The class registered under ``name`` (see ``ATTENTION_NAMES``)."""
    check_choice("name", name, ATTENTION_NAMES)
    file, cls = _REGISTRY[name]
    return getattr(importlib.import_module(f"{__name__}.{file}"), cls)


@checked
def build_attention(name: str, channels: int, **kw) -> nn.Module:
    """Build the attention module ``name`` for ``channels`` channels; ``kw`` go to its constructor.

    >>> build_attention("se", 64, reduction=16)  # doctest: +SKIP
    """
    check_positive_int("channels", channels)
    return attention_class(name)(channels, **kw)


@checked
def create_attention(attention, channels: int, **kw) -> nn.Module:
    """The attention module a block plugs in on its residual branch.

    ``None`` -> ``nn.Identity()``; a name from ``ATTENTION_NAMES`` -> ``build_attention(name, channels, **kw)``;
    a class or a partial, e.g. ``functools.partial(ECA, kernel_size=3)`` -> ``attention(channels, **kw)``.
    A network hands it to its blocks through ``block_args`` (one dict, or one per stage).
    """
    check_positive_int("channels", channels)
    if attention is None:
        return nn.Identity()
    if isinstance(attention, str):
        if attention not in ATTENTION_NAMES:
            raise ValueError(f"attention={attention!r} must be None, one of {list(ATTENTION_NAMES)}, or a class / "
                             "functools.partial called as attention(channels)")
        return build_attention(attention, channels, **kw)
    if not callable(attention):
        raise ArgumentTypeError(f"attention={attention!r} must be None, a name from {list(ATTENTION_NAMES)}, "
                                "or a class / functools.partial called as attention(channels)")
    module = attention(channels, **kw)
    check_module("attention(channels)", module)
    return module


__all__ = ["ATTENTION_NAMES", "attention_class", "build_attention", "create_attention"]
