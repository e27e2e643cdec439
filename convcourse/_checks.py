"""Argument and input checks shared by every module of the course.

Every check raises ``ValueError`` with a message that names the argument and the rule,
so a student sees *what* is wrong instead of a deep PyTorch traceback.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import torch


def check_positive_int(name: str, value, minimum: int = 1) -> int:
    """``value`` must be an int >= ``minimum`` (bools are rejected)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}={value!r} must be an integer >= {minimum}")
    if value < minimum:
        raise ValueError(f"{name}={value} must be an integer >= {minimum}")
    return value


def check_positive_number(name: str, value) -> float:
    """``value`` must be a real number > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name}={value!r} must be a number > 0")
    return float(value)


def check_divides(divisor_name: str, divisor: int, name: str, value: int) -> None:
    """``divisor`` must divide ``value``: ``groups=3 must divide in_channels=64``."""
    if value % divisor != 0:
        raise ValueError(f"{divisor_name}={divisor} must divide {name}={value}")


def check_choice(name: str, value, choices: Iterable) -> None:
    """``value`` must be one of ``choices``."""
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"{name}={value!r} must be one of {choices}")


def check_pair(name: str, value) -> tuple[int, int]:
    """An int or a pair of ints, each >= 1 (kernel sizes, spatial sizes)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value, value)
    if not (isinstance(value, Sequence) and len(value) == 2):
        raise ValueError(f"{name}={value!r} must be an int or a pair of ints")
    for v in value:
        check_positive_int(name, v)
    return int(value[0]), int(value[1])


def check_reduced(name: str, channels: int, reduction: int | float, minimum: int = 1) -> int:
    """``channels // reduction`` must leave at least ``minimum`` channels."""
    hidden = int(channels // reduction)
    if hidden < minimum:
        raise ValueError(
            f"{name}={reduction} leaves channels // {name} = {channels} // {reduction} = {hidden} "
            f"hidden channels; it must leave at least {minimum} (use {name} <= {channels // minimum})"
        )
    return hidden


def check_input(x, channels: int | None = None, rank: int = 4, name: str = "x",
                min_size: int | None = None) -> None:
    """A forward input must be a tensor of ``rank`` dims with ``channels`` in dim 1.

    The default describes an image batch: (N, C, H, W).
    """
    if not isinstance(x, torch.Tensor):
        raise ValueError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if x.dim() != rank:
        layout = {4: "(N, C, H, W)", 3: "(N, C, L)", 2: "(N, C)"}.get(rank, f"{rank} dims")
        raise ValueError(f"{name} must have {rank} dims {layout}, got shape {tuple(x.shape)}")
    if channels is not None and x.shape[1] != channels:
        raise ValueError(
            f"{name} has {x.shape[1]} channels (shape {tuple(x.shape)}) but the module was built "
            f"for channels={channels}"
        )
    if min_size is not None and min(x.shape[2:]) < min_size:
        raise ValueError(f"{name} spatial size {tuple(x.shape[2:])} must be at least {min_size}")
