"""Small helpers that more than one family needs, written once (as torchvision's ``models/_utils.py``)."""
from __future__ import annotations

from ._checks import check_positive_int, checked

__all__ = ["make_divisible"]


@checked
def make_divisible(value: float, divisor: int = 8, min_value: int | None = None) -> int:
    """Round a channel count to the nearest multiple of ``divisor`` without going below 90% of it.

    The ``_make_divisible`` rule of the official TF MobileNet code, which MobileNetV2 (divisor 8) and the
    official GhostNet code (divisor 4) use to scale widths: ``make_divisible(32 * 0.35) = 16``,
    ``make_divisible(18, 4) = 20``.
    """
    check_positive_int("divisor", divisor)
    min_value = divisor if min_value is None else min_value
    new = max(min_value, int(value + divisor / 2) // divisor * divisor)
    if new < 0.9 * value:                      # rounding down must not lose more than 10%
        new += divisor
    return new
