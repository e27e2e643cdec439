"""Small helpers that more than one family needs, written once (as torchvision's ``models/_utils.py``)."""
from __future__ import annotations

import math
from typing import Callable

from torch import nn

from ._checks import check_choice, check_positive_int, checked

__all__ = ["make_divisible", "init_weights", "variant_builder"]


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


@checked
def init_weights(model: nn.Module, linear: str = "normal") -> nn.Module:
    """The initialisation of the official code that torchvision keeps for VGG, MobileNetV2 and EfficientNetV2.

    Convs He-normal with fan_out, BatchNorm gamma = 1 and beta = 0, every bias 0; linear weights N(0, 0.01)
    or, with ``linear="uniform"`` (EfficientNet), U(-1/sqrt(out), 1/sqrt(out)). Returns ``model``.
    """
    check_choice("linear", linear, ("normal", "uniform"))
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Linear):
            if linear == "normal":
                nn.init.normal_(m.weight, 0, 0.01)
            else:
                r = 1.0 / math.sqrt(m.out_features)
                nn.init.uniform_(m.weight, -r, r)
            nn.init.zeros_(m.bias)
    return model


@checked
def variant_builder(build: Callable[..., nn.Module], variant: str, doc: str, *,
                    default_num_classes: int = 1000) -> Callable[..., nn.Module]:
    """The public builder of one row of a family's ``CONFIGS``, written once for every family.

    ``resnet50 = variant_builder(_build, "resnet50", "ResNet-50: ...")`` is the torchvision-style builder
    ``def resnet50(*, num_classes=1000, **kw): return _build("resnet50", num_classes=num_classes, **kw)``:
    keyword-only (``resnet50(10)`` is a TypeError), its arguments checked by ``@checked``, ``doc`` as its
    docstring, named ``variant`` in ``build``'s module (for the registry, ``help`` and pickling).
    ``default_num_classes``: the classes of the paper's data set (10 for the CIFAR ResNets).
    """
    def builder(*, num_classes: int = default_num_classes, **kw) -> nn.Module:
        return build(variant, num_classes=num_classes, **kw)

    builder.__name__ = builder.__qualname__ = variant
    builder.__module__, builder.__doc__ = build.__module__, doc
    builder.__annotations__["return"] = build.__annotations__.get("return", "nn.Module")   # e.g. "ResNet"
    return checked(builder)
