"""Argument and input checks shared by every module of the course: the course's one validation layer.

The rule (CONTRIBUTING, "Module code"): every public function, constructor and forward checks what the
user passed *before* doing any work, and a bad value raises

- ``ValueError`` naming the argument, its value and the rule: ``groups=3 must divide in_channels=64``;
- ``ArgumentTypeError`` (a ``TypeError``, and also a ``ValueError`` so ``except ValueError`` and
  ``widgets.guarded`` keep catching it) when the type is wrong: ``stride='2' must be an integer >= 1``.

The same words are used everywhere: ``must be an integer >= 1``, ``must be a finite number > 0``,
``must be a number in [0, 1)``, ``must be True or False``. Arguments that mean the same thing in every
module (``in_channels``, ``stride``, ``dropout``, ``lr`` ...) have one rule, in :data:`RULES`, which the
``@checked`` decorator applies by name; a module adds its own rules (``groups`` must divide
``in_channels``) in its body with the helpers below.
"""
from __future__ import annotations

import functools
import inspect
import math
import numbers
from typing import Callable, Iterable, Sequence

MAX_INT = 1 << 20
"""Largest integer argument a size or count may take (channels, kernel sizes, image sides, epochs ...):
a layer 2^20 channels wide would not fit in memory, and a typo like ``10**9`` should fail at once, not
after the allocator has been asked for terabytes."""


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong type (``'8'`` for an int, ``None`` for a number).

    A ``TypeError``; also a ``ValueError``, so code that catches the course's ``ValueError``
    (``widgets.guarded``, the CLI) shows its message too.
    """


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_positive_int(name: str, value, minimum: int = 1, maximum: int | None = MAX_INT) -> int:
    """``value`` must be an int >= ``minimum`` (and <= ``maximum``); bools are rejected."""
    if not _is_int(value):
        raise ArgumentTypeError(f"{name}={value!r} must be an integer >= {minimum}")
    if value < minimum:
        raise ValueError(f"{name}={value} must be an integer >= {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}={value} must be an integer <= {maximum} (a larger value does not fit in memory; "
                         f"check for a typo)")
    return int(value)


def check_int_range(name: str, value, minimum: int, maximum: int) -> int:
    """``value`` must be an int in [``minimum``, ``maximum``]."""
    if not _is_int(value):
        raise ArgumentTypeError(f"{name}={value!r} must be an integer in [{minimum}, {maximum}]")
    if not minimum <= value <= maximum:
        raise ValueError(f"{name}={value} must be an integer in [{minimum}, {maximum}]")
    return int(value)


def check_number(name: str, value, low: float | None = None, high: float | None = None,
                 low_open: bool = False, high_open: bool = False) -> float:
    """``value`` must be a finite real number in the given interval (``None``: unbounded on that side)."""
    lo = "" if low is None else f"{'(' if low_open else '['}{low:g}, "
    hi = "" if high is None else f"{high:g}{')' if high_open else ']'}"
    if low is not None and high is not None:
        rule = f"a number in {lo}{hi}"
    elif low is not None:
        rule = f"a finite number {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        rule = f"a finite number {'<' if high_open else '<='} {high:g}"
    else:
        rule = "a finite number"
    if not _is_number(value):
        raise ArgumentTypeError(f"{name}={value!r} must be {rule}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name}={value!r} must be {rule} (NaN and inf would make every result NaN)")
    if low is not None and (v < low or (low_open and v == low)) or \
            high is not None and (v > high or (high_open and v == high)):
        raise ValueError(f"{name}={value!r} must be {rule}")
    return v


def check_positive_number(name: str, value) -> float:
    """``value`` must be a finite real number > 0."""
    if not _is_number(value):
        raise ArgumentTypeError(f"{name}={value!r} must be a number > 0")
    if not value > 0:
        raise ValueError(f"{name}={value!r} must be a number > 0")
    if not math.isfinite(value):
        raise ValueError(f"{name}={value!r} must be a finite number > 0 (inf would make every result NaN)")
    return float(value)


def check_probability(name: str, value) -> float:
    """A drop probability: a finite number in [0, 1) (1 would drop everything)."""
    return check_number(name, value, 0, 1, high_open=True)


def check_bool(name: str, value) -> bool:
    """``value`` must be ``True`` or ``False`` (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(f"{name}={value!r} must be True or False")
    return value


def check_divides(divisor_name: str, divisor: int, name: str, value: int) -> None:
    """``divisor`` must divide ``value``: ``groups=3 must divide in_channels=64``."""
    if divisor == 0 or value % divisor != 0:
        raise ValueError(f"{divisor_name}={divisor} must divide {name}={value}")


def check_choice(name: str, value, choices: Iterable) -> None:
    """``value`` must be one of ``choices``."""
    choices = list(choices)
    try:
        ok = value in choices
    except (TypeError, RuntimeError):     # an unhashable or tensor value: not one of the choices
        ok = False
    if not ok or isinstance(value, bool) and not any(isinstance(c, bool) for c in choices):
        raise ValueError(f"{name}={value!r} must be one of {choices}")


def check_pair(name: str, value, minimum: int = 1) -> tuple[int, int]:
    """An int or a pair of ints, each >= ``minimum`` (kernel sizes, spatial sizes)."""
    if _is_int(value):
        value = (value, value)
    if not (isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2):
        raise ArgumentTypeError(f"{name}={value!r} must be an int or a pair of ints")
    for v in value:
        check_positive_int(name, v, minimum)
    return int(value[0]), int(value[1])


def check_int_sequence(name: str, value, minimum: int = 1, min_len: int = 1) -> tuple[int, ...]:
    """A non-empty tuple/list of ints, each >= ``minimum`` (stage depths, widths, rates)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ArgumentTypeError(f"{name}={value!r} must be a tuple of integers >= {minimum}")
    if len(value) < min_len:
        raise ValueError(f"{name}={tuple(value)!r} must have at least {min_len} entries")
    for v in value:
        if not _is_int(v):
            raise ArgumentTypeError(f"{name}={tuple(value)!r} must be a tuple of integers >= {minimum}")
        if not minimum <= v <= MAX_INT:
            raise ValueError(f"{name}={tuple(value)!r} must be a tuple of integers >= {minimum}"
                             + (f" and <= {MAX_INT}" if v > MAX_INT else ""))
    return tuple(int(v) for v in value)


def check_reduced(name: str, channels: int, reduction: int, minimum: int = 1) -> int:
    """``reduction`` is a positive int and ``channels // reduction`` leaves at least ``minimum`` channels."""
    check_positive_int(name, reduction)
    hidden = channels // reduction
    if hidden < minimum:
        raise ValueError(
            f"{name}={reduction} leaves channels // {name} = {channels} // {reduction} = {hidden} "
            f"hidden channels; it must leave at least {minimum} (use {name} <= {channels // minimum})"
        )
    return hidden


def check_tensor(name: str, value, rank: int | Sequence[int] | None = None, floating: bool = False,
                 finite: bool = False):
    """A tensor (or something ``torch.as_tensor`` turns into one) of the given rank(s), optionally floating
    point and without NaN/inf. Returns the tensor."""
    import torch

    if not isinstance(value, torch.Tensor):
        if value is None or isinstance(value, (str, bytes, dict, numbers.Number)) and not rank == 0:
            raise ArgumentTypeError(f"{name} must be a tensor or an array, got {type(value).__name__}")
        try:
            value = torch.as_tensor(value)
        except (TypeError, ValueError, RuntimeError) as e:
            raise ArgumentTypeError(f"{name} must be a tensor or an array, got {type(value).__name__}") from e
    if rank is not None:
        ranks = (rank,) if isinstance(rank, int) else tuple(rank)
        if value.dim() not in ranks:
            raise ValueError(f"{name} must have {' or '.join(map(str, ranks))} dims, got shape {tuple(value.shape)}")
    if floating and not (value.is_floating_point() or value.dtype == torch.bool or _is_int_dtype(value)):
        raise ValueError(f"{name} has dtype {value.dtype}; it must hold real numbers")
    if finite and value.device.type != "meta" and value.numel() and not bool(torch.isfinite(value).all()):
        raise ValueError(f"{name} contains NaN or inf; every value must be finite")
    return value


def _is_int_dtype(t) -> bool:
    return not t.is_floating_point() and not t.is_complex() and str(t.dtype) != "torch.bool"


_LAYOUT = {4: "(N, C, H, W)", 3: "(N, C, L)", 2: "(N, C)"}


def check_input(x, channels: int | None = None, rank: int = 4, name: str = "x",
                min_size: int | None = None, what: str | None = None) -> None:
    """A forward input must be a floating-point tensor of ``rank`` dims with ``channels`` in dim 1 and
    every spatial side >= ``min_size`` (>= 1 in any case).

    The default describes an image batch: (N, C, H, W). ``what`` names the module in the size message
    (``"DenseNet-121"``), which then says the smallest input size that works.
    """
    import torch

    if not isinstance(x, torch.Tensor):
        raise ArgumentTypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if x.dim() != rank:
        layout = _LAYOUT.get(rank, f"{rank} dims")
        raise ValueError(f"{name} must have {rank} dims {layout}, got shape {tuple(x.shape)}")
    if channels is not None and x.shape[1] != channels:
        raise ValueError(
            f"{name} has {x.shape[1]} channels (shape {tuple(x.shape)}) but the module was built "
            f"for channels={channels}"
        )
    if not (x.is_floating_point() or x.is_complex()):
        raise ValueError(f"{name} has dtype {x.dtype}; convolution and normalisation layers need a "
                         f"floating-point tensor: pass {name}.float()")
    if x.shape[0] == 0:
        raise ValueError(f"{name} has batch size 0 (shape {tuple(x.shape)}); pass at least one sample")
    spatial = tuple(x.shape[2:])
    smallest = max(min_size or 1, 1)
    if spatial and min(spatial) < smallest:
        layout = "x".join([str(smallest)] * len(spatial))
        who = f"{what} " if what else ""
        raise ValueError(f"{name} spatial size {spatial} must be at least {smallest}: the smallest input "
                         f"{who}accepts is {layout}")


# ---- one rule per argument name -------------------------------------------------------------------------

def _int1(name, value):
    return check_positive_int(name, value)


def _int0(name, value):
    return check_positive_int(name, value, minimum=0)


def _int_or_pair(name, value):
    if _is_int(value):
        return check_positive_int(name, value)
    return check_pair(name, value)


def _positive(name, value):
    return check_positive_number(name, value)


def _finite(name, value):
    return check_number(name, value)


def _seed(name, value):
    return check_int_range(name, value, 0, 2 ** 63 - 1)


def _bool(name, value):
    return check_bool(name, value)


_INT1 = ("in_channels", "out_channels", "channels", "mid_channels", "inter_channels", "squeeze_channels",
         "last_channels", "stem_channels", "planes", "inplanes", "in_planes", "out_planes", "c_in", "c_out",
         "c1", "c2", "in_features", "out_features", "num_classes", "growth_rate", "bn_size", "base_width",
         "width_per_group", "num_init_features", "embed_dim", "feature_dim", "groups", "group_num", "n_div",
         "stride", "dilation", "depth", "depth_multiplier", "repeats", "reps", "num_layers", "middle_repeats",
         "epochs", "batch_size", "ncols", "max_maps", "rounds", "timeout", "n_train", "n_test", "h", "w",
         "squeeze1x1", "expand1x1", "expand3x3", "ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5",
         "pool_proj", "output_stride", "divisor", "min_value", "shapes", "high", "low", "squeeze_ratio")
_INT0 = ("padding", "clutter", "warmup")
_PAIR = ("kernel_size", "dw_size", "dw_kernel_size", "k", "size", "image_size", "feature_size", "input_size")
_INTS = ("layers", "blocks")
_POSITIVE = ("reduction", "ratio", "lr", "eps", "norm_eps", "e_lambda", "scale", "gamma")
_RATIO = ("expand_ratio", "width_mult", "mlp_ratio")
_PROB = ("dropout", "dropout_aux", "drop_rate", "drop_prob", "stochastic_depth_prob", "p")
_FINITE = ("alpha", "gate_threshold", "fraction", "se_ratio", "compression", "b")
_BOOL = ("bias", "batch_norm", "inplace", "aux_logits", "bn_layer", "grow_first", "init_weights",
         "max_minus", "memory_efficient", "reduce", "relu", "residual", "right", "shortcut_bn", "spatial_bn",
         "start_with_relu", "sub_sample", "trainable_only", "use_scale", "verbose", "with_norm",
         "zero_init_residual", "zero_init_last")
MAX_RATIO = 1024


def _ratio(name, value):
    return check_number(name, value, 0, MAX_RATIO, low_open=True)


def _int_or_ints(name, value):
    if _is_int(value):
        return check_positive_int(name, value)
    return check_int_sequence(name, value)


def _cmap(name, value):
    """A Matplotlib colormap name ('viridis', 'jet', 'gray' ...) or a Colormap."""
    import matplotlib

    if isinstance(value, matplotlib.colors.Colormap):
        return value
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name}={_shown(value)} must be a colormap name such as 'viridis'")
    if value not in matplotlib.colormaps:
        raise ValueError(f"{name}={value!r} must be a Matplotlib colormap name such as 'viridis', 'jet' or 'gray' "
                         "(list(matplotlib.colormaps) shows them all)")
    return value


RULES: dict[str, Callable] = {
    **{n: _int1 for n in _INT1}, **{n: _int0 for n in _INT0}, **{n: _int_or_pair for n in _PAIR},
    **{n: _int_or_ints for n in _INTS}, **{n: _positive for n in _POSITIVE}, **{n: _ratio for n in _RATIO},
    **{n: check_probability for n in _PROB}, **{n: _finite for n in _FINITE}, **{n: _bool for n in _BOOL},
    "seed": _seed, "data_seed": _seed, "cmap": _cmap,
}
"""The course's argument vocabulary: one rule per argument name, the same words in every module."""


# ---- one rule per annotation ----------------------------------------------------------------------------
# An argument whose name is not in RULES is checked by its annotation: ``image: int``, ``title: str | None``,
# ``model: nn.Module``, ``path: Path | str``, ``layers: Sequence[int]`` ... The message names the argument, what
# it got and what it must be: ``ncols='4' must be an integer``.

class _Kind:
    """What an annotation asks for: ``accepts(value)`` and the words of the message (``what``)."""

    def __init__(self, what: str, accepts: Callable[[object], bool], check: Callable | None = None):
        self.what, self.accepts, self.check = what, accepts, check


def _shown(value) -> str:
    """``repr(value)``, or its type for a value whose repr is long (a tensor, a model, a dataset)."""
    text = repr(value)
    return text if len(text) <= 60 and "\n" not in text else f"<{type(value).__name__}>"


def _is_tensor_like(value) -> bool:
    import torch

    if isinstance(value, torch.Tensor):
        return True
    np = _numpy()
    return np is not None and isinstance(value, np.ndarray)


def _numpy():
    import sys

    return sys.modules.get("numpy")


def _is_path(value) -> bool:
    import os

    return isinstance(value, (str, os.PathLike))


def _sequence_of(item: _Kind | None, what: str) -> _Kind:
    def accepts(value) -> bool:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, Sequence)):
            return False
        return item is None or all(item.accepts(v) for v in value)
    return _Kind(what, accepts)


_PLURAL = {"an integer": "integers", "a finite number": "numbers", "a string": "strings", "True or False": "flags",
           "a dict": "dicts", "a tensor or an array": "tensors"}


def _kind_of(hint) -> _Kind | None:
    """The kind an evaluated annotation asks for; None for one that says nothing checkable (Any, a TypeVar ...)."""
    import collections.abc
    import pathlib
    import types
    import typing

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is type(None) or hint is None:
        return _Kind("None", lambda v: v is None)
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind_of(a) for a in args]
        if any(k is None for k in kinds):
            return None
        return _Kind(" or ".join(k.what for k in kinds), lambda v: any(k.accepts(v) for k in kinds))
    if hint is bool:
        return _Kind("True or False", lambda v: isinstance(v, bool))
    if hint is int:
        return _Kind("an integer", _is_int)
    if hint is float:
        return _Kind("a finite number", lambda v: _is_number(v) and math.isfinite(v))
    if hint is str:
        return _Kind("a string", lambda v: isinstance(v, str))
    if hint in (pathlib.Path, pathlib.PurePath):
        return _Kind("a path (str or pathlib.Path)", _is_path)
    if origin is typing.Literal:
        return _Kind(f"one of {list(args)}", lambda v: any(v == a and type(v) is type(a) for a in args))
    if origin is type or hint is type:
        return _Kind("a class", lambda v: callable(v))       # a factory: a class or a functools.partial of one
    if origin in (collections.abc.Callable,) or hint in (collections.abc.Callable, typing.Callable):
        return _Kind("callable", callable)
    if origin in (dict, collections.abc.Mapping) or hint in (dict, collections.abc.Mapping, typing.Mapping):
        return _Kind("a dict", lambda v: isinstance(v, collections.abc.Mapping))
    if origin in (tuple, list, collections.abc.Sequence) or hint in (tuple, list, collections.abc.Sequence):
        if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:      # tuple[int, int]: a pair
            a, b = (_kind_of(x) for x in args)
            if a is None or b is None:
                return None
            both = a.what if a.what == b.what else f"{a.what} and {b.what}"
            return _Kind(f"a pair of {_PLURAL.get(both, both)}", lambda v: isinstance(v, (tuple, list))
                         and len(v) == 2 and a.accepts(v[0]) and b.accepts(v[1]))
        item = _kind_of(args[0]) if args and args[0] is not Ellipsis else None
        name = "a list" if origin is list or hint is list else "a tuple"
        what = f"{name} of {_PLURAL.get(item.what, item.what)}" if item is not None else name
        return _sequence_of(item, what)
    if origin in (set, frozenset) or hint in (set, frozenset):
        return _Kind("a set", lambda v: isinstance(v, (set, frozenset)))
    if isinstance(hint, type):
        import torch

        if issubclass(hint, torch.Tensor) or getattr(hint, "__module__", "") == "numpy" and hint.__name__ == "ndarray":
            return _Kind("a tensor or an array", _is_tensor_like)
        if hint is torch.nn.Module:                           # the shared rule, with its hint for a class
            return _Kind("an nn.Module", lambda v: isinstance(v, hint), check=check_module)
        label = f"nn.{hint.__name__}" if hint.__module__.startswith("torch.nn") else hint.__name__
        article = "an" if label[0].lower() in "aeiou" or label.startswith("nn.") else "a"
        return _Kind(f"{article} {label}", lambda v: isinstance(v, hint))
    return None


def _annotation_kinds(f: Callable, sig: inspect.Signature) -> dict[str, _Kind]:
    """Each parameter's kind, from its annotation evaluated in ``f``'s module (an annotation naming something
    that is not importable at run time is skipped)."""
    namespace = dict(getattr(inspect.unwrap(f), "__globals__", {}))
    kinds = {}
    for p in sig.parameters.values():
        hint = p.annotation
        if hint is p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if isinstance(hint, str):
            try:
                hint = eval(hint, namespace)        # noqa: S307 - the function's own annotation
            except Exception:  # noqa: BLE001 - a name only imported for type checkers
                continue
        kind = _kind_of(hint)
        if kind is not None:
            kinds[p.name] = kind
    return kinds


def check_kind(name: str, value, kind: _Kind) -> None:
    """``value`` must be of the annotated kind: ``ncols='4' must be an integer``."""
    if not kind.accepts(value):
        if kind.check is not None:
            kind.check(name, value)
        raise ArgumentTypeError(f"{name}={_shown(value)} must be {kind.what}")


def checked(func: Callable | None = None, /, **overrides: Callable | None):
    """Decorator: check the call's arguments before ``func`` runs, by name with :data:`RULES` and, for a name
    not in RULES, by its annotation (``int``, ``float``, ``bool``, ``str``, ``Path``, tuples and lists of ints,
    ``torch.Tensor``, ``nn.Module``, ``X | None`` ...).

    ``overrides`` replace a rule for this function (``None``: no generic rule for that argument, the body
    checks it). An argument whose default is ``None`` may be ``None``; a parameter annotated or defaulting
    to ``bool`` in a name that also means a number (``padding=False``) accepts a bool.
    """

    def decorate(f: Callable) -> Callable:
        sig = inspect.signature(f)
        kinds = _annotation_kinds(f, sig)
        plan = []
        for p in sig.parameters.values():
            if p.name in overrides or p.name in RULES:
                rule = overrides.get(p.name, RULES.get(p.name))
            elif p.name in kinds:
                rule = functools.partial(_kind_rule, kind=kinds[p.name])
            else:
                rule = None
            if rule is None:
                continue
            plan.append((p.name, rule, p.default is None, isinstance(p.default, bool) and rule is not _bool))
        if not plan:
            return f

        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError:
                return f(*args, **kwargs)           # Python's own message for a wrong call
            given = bound.arguments
            for name, rule, none_ok, bool_ok in plan:
                if name not in given:
                    continue
                value = given[name]
                if value is None and none_ok or bool_ok and isinstance(value, bool):
                    continue
                rule(name, value)
            return f(*args, **kwargs)

        wrapper.__signature__ = sig
        return wrapper

    return decorate(func) if func is not None else decorate


def _kind_rule(name, value, kind: _Kind):
    check_kind(name, value, kind)


__all__ = ["MAX_INT", "RULES", "ArgumentTypeError", "check_bool", "check_choice", "check_divides", "check_input",
           "check_int_range", "check_int_sequence", "check_number", "check_pair", "check_positive_int",
           "check_positive_number", "check_probability", "check_reduced", "check_tensor", "checked"]


def check_shortcut(downsample, inplanes: int, out_channels: int, stride: int) -> None:
    """A residual block without a ``downsample`` adds x to F(x): they must have the same shape."""
    if downsample is None and (stride != 1 or inplanes != out_channels):
        raise ValueError(
            f"downsample=None adds x to F(x), but the block maps inplanes={inplanes} -> {out_channels} channels "
            f"with stride={stride}: pass downsample=projection_shortcut({inplanes}, {out_channels}, {stride}) "
            f"(or keep inplanes == {out_channels} and stride=1)")


def check_map(name: str, value):
    """An attention or feature map that squeezes to (h, w), holds real numbers and no NaN/inf;
    returned as a float tensor on the CPU."""
    t = check_tensor(name, value, floating=True).detach().float().cpu().squeeze()
    if t.dim() != 2:
        raise ValueError(f"{name} must squeeze to (h, w), got {tuple(t.shape)}")
    if t.numel() == 0:
        raise ValueError(f"{name} is empty (shape {tuple(t.shape)}); it must have at least one value")
    check_tensor(name, t, finite=True)
    return t


def check_box(name: str, box, height: int, width: int) -> tuple[int, int, int, int]:
    """``box`` = (top, left, bottom, right) in pixels of a ``height`` x ``width`` image, non-empty, inside it."""
    if isinstance(box, (str, bytes)) or not hasattr(box, "__len__") or len(box) != 4:
        raise ArgumentTypeError(f"{name}={box!r} must be 4 integers (top, left, bottom, right)")
    values = []
    for v in box:
        v = v.item() if hasattr(v, "item") and getattr(v, "numel", lambda: 1)() == 1 else v
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if not _is_int(v):
            raise ArgumentTypeError(f"{name}={tuple(box)!r} must be 4 integers (top, left, bottom, right)")
        values.append(int(v))
    top, left, bottom, right = values
    if not (0 <= top < bottom <= height and 0 <= left < right <= width):
        raise ValueError(f"{name}={tuple(values)} must satisfy 0 <= top < bottom <= {height} and "
                         f"0 <= left < right <= {width}")
    return top, left, bottom, right


__all__ += ["check_box", "check_map", "check_samples", "check_shortcut"]


def check_module(name: str, value):
    """``value`` must be a ``torch.nn.Module`` (a model, not its class or its output)."""
    from torch import nn

    if not isinstance(value, nn.Module):
        hint = " (a class: call it to build the module)" if isinstance(value, type) else ""
        raise ArgumentTypeError(f"{name} must be an nn.Module, got {type(value).__name__}{hint}")
    return value


def check_samples(dataset: str, **fields):
    """The tensors of a dataset record: each a tensor, ``images`` (N, C, H, W), every other field N long.

    ``check_samples("DigitsDataset", images=..., labels=...)``: a dataset whose images and labels have
    different lengths would train on a silent truncation, or fail deep inside a DataLoader.
    """
    import torch

    n = None
    for name, value in fields.items():
        if not isinstance(value, torch.Tensor):
            raise ArgumentTypeError(f"{dataset}: {name} must be a tensor, got {type(value).__name__}")
        if name == "images" and value.dim() != 4:
            raise ValueError(f"{dataset}: images must be (N, C, H, W), got shape {tuple(value.shape)}")
        if value.dim() == 0:
            raise ValueError(f"{dataset}: {name} must hold one entry per image, got a 0-d tensor")
        if n is None:
            n = value.shape[0]
        elif value.shape[0] != n:
            first = next(iter(fields))
            raise ValueError(f"{dataset}: {name} holds {value.shape[0]} entries but {first} holds {n}: "
                             f"they must be equally long (one per sample)")


def check_dataset(name: str, value, allow_none: bool = False):
    """A dataset: something with ``len()`` and indexing, holding at least one sample."""
    if value is None and allow_none:
        return value
    if not (hasattr(value, "__len__") and hasattr(value, "__getitem__")) or isinstance(value, (str, bytes)):
        raise ArgumentTypeError(f"{name} must be a dataset (len() and indexing), got {type(value).__name__}")
    if len(value) == 0:
        raise ValueError(f"{name} is empty; it must hold at least one sample")
    return value


__all__ += ["check_dataset", "check_module"]


def check_same_length(name_a: str, a, name_b: str, b) -> int:
    """Two sequences that go together (maps and their boxes) must have the same, non-zero length."""
    for name, value in ((name_a, a), (name_b, b)):
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
            raise ArgumentTypeError(f"{name}={value!r:.60} must be a sequence or a tensor (one entry per sample), "
                                    f"got {type(value).__name__}")
    if len(a) != len(b):
        raise ValueError(f"{name_a} has {len(a)} entries but {name_b} has {len(b)}: pass one per {name_a[:-1]}")
    if len(a) == 0:
        raise ValueError(f"{name_a} and {name_b} are empty; pass at least one of each")
    return len(a)


__all__ += ["check_same_length"]


def check_odd(name: str, value: int, why: str) -> int:
    """An odd integer (a kernel centred on each position): ``kernel_size=4 must be odd ('same' padding)``."""
    check_positive_int(name, value)
    if value % 2 == 0:
        raise ValueError(f"{name}={value} must be odd ({why})")
    return value


__all__ += ["check_odd"]


def check_conv(in_channels, out_channels, kernel_size, groups=1) -> tuple[int, int]:
    """The rules of one convolution layer, shared by the layers that build it (``ConvBNAct``, ``DepthwiseConv2d``,
    ``SeparableConv2d``) and the formulas that count it (``conv2d_params``, ``conv2d_macs``,
    ``depthwise_separable_params``): positive channel counts, an int or a pair for the kernel, and ``groups``
    dividing both channel counts (each kernel sees C_in / g input channels). Returns (k_h, k_w)."""
    check_positive_int("in_channels", in_channels)
    check_positive_int("out_channels", out_channels)
    kh, kw = check_pair("kernel_size", kernel_size)
    check_positive_int("groups", groups)
    check_divides("groups", groups, "in_channels", in_channels)
    check_divides("groups", groups, "out_channels", out_channels)
    return kh, kw


__all__ += ["check_conv"]
