"""Bad input to the pure formulas (measure.py and the blocks' *_params / *_flops helpers): a ValueError
(TypeError for a wrong type) from the course, naming the argument, instead of garbage or ZeroDivisionError."""
import contextlib
import dataclasses
import inspect
import math
from typing import Callable

import pytest
import torch

from convcourse import measure as M
from convcourse._checks import ArgumentTypeError
from convcourse.attention.cbam import cbam_params
from convcourse.blocks import fire, ghost, inverted_residual, pconv, scconv
from convcourse.nets.inception import factorized_weights


@pytest.mark.parametrize("call, name", [
    (lambda: fire.fire_params(in_channels=-1, squeeze1x1=16, expand1x1=64, expand3x3=64), "in_channels"),
    (lambda: inverted_residual.inverted_residual_params(in_channels=-1, out_channels=16, expand_ratio=6), "in_channels"),
    (lambda: cbam_params(64, reduction=0), "reduction"),
    (lambda: pconv.pconv_flops(8, 8, 64, n_div=0), "n_div"),
    (lambda: pconv.pconv_memory_access(8, 8, 64, n_div=0), "n_div"),
    (lambda: ghost.ghost_module_params(16, 32, ratio=0), "ratio"),
    (lambda: ghost.ghost_speedup_ratio(16, ratio=0), "ratio"),
    (lambda: ghost.make_divisible(10, divisor=0), "divisor"),
    (lambda: scconv.scconv_params(32, squeeze_ratio=0), "squeeze_ratio"),
    (lambda: factorized_weights(0, 3, "full"), "channels"),
    (lambda: M.conv2d_params(8, 8, 3, groups=0), "groups"),
    (lambda: M.conv2d_output_size(8, 3, stride=0), "stride"),
    (lambda: M.conv2d_output_size(8, 3, dilation=0), "dilation"),
    (lambda: M.linear_params(-3, 4), "in_features"),
    (lambda: M.bn_params(10 ** 12), "channels"),
])
def test_bad_values_name_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("call, name", [
    (lambda: pconv.pconv_flops(h="8", w=8, channels=64), "h"),
    (lambda: M.conv2d_params(8.0, 8, 3), "in_channels"),
    (lambda: M.conv2d_params(8, 8, None), "kernel_size"),
    (lambda: M.bn_params(True), "channels"),
    (lambda: cbam_params(64, reduction="16"), "reduction"),
])
def test_wrong_types_raise_type_errors(call, name):
    with pytest.raises(TypeError, match=name) as info:
        call()
    # still a ValueError too: notebooks and widgets that catch ValueError keep working
    assert isinstance(info.value, ArgumentTypeError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_and_inf_are_rejected_where_they_would_poison_results(bad):
    with pytest.raises(ValueError, match="reduction"):
        cbam_params(64, reduction=bad)
    with pytest.raises(ValueError, match="expand_ratio"):
        inverted_residual.inverted_residual_params(16, 16, expand_ratio=bad)


def test_messages_use_the_same_words_everywhere():
    msgs = []
    for call in (lambda: fire.fire_params(0, 16, 64, 64), lambda: M.bn_params(0), lambda: pconv.pconv_flops(8, 0, 64)):
        with pytest.raises(ValueError) as info:
            call()
        msgs.append(str(info.value))
    assert all(m.endswith("=0 must be an integer >= 1") for m in msgs), msgs


def test_valid_inputs_unchanged():
    assert M.conv2d_params(64, 128, 3) == 3 * 3 * 64 * 128 + 128
    assert M.conv2d_output_size(7, 3, stride=2, padding=1) == (4, 4)
    assert M.conv2d_output_size(7, 3, padding=(0, 1)) == (5, 7)
    assert ghost.make_divisible(10, 4) == 12


# ---- every formula checks exactly the rules of the module it counts ------------------------------------------
# A formula and its module call the same rule function (named here), so they accept and refuse the same
# arguments; where both accept, the formula's count is the module's. The module is built on the meta device.

from convcourse import _checks  # noqa: E402
from convcourse.attention import cbam as cbam_module, se as se_module  # noqa: E402
from convcourse.blocks.conv import ConvBNAct  # noqa: E402
from convcourse.blocks.separable import SeparableConv2d  # noqa: E402


@dataclasses.dataclass(frozen=True)
class Counted:
    formula: Callable
    module: Callable            # builds the counted module from the formula's arguments
    rules: tuple                # the rule functions both call
    base: dict                  # valid arguments; each argument of ``VALUES`` is varied from here
    count: Callable | None = None   # what the module has that the formula counts (default: its parameters)
    formula_only: tuple = ()    # arguments the module does not have (checked by the formula alone, above)


def _conv(in_channels, out_channels, kernel_size, groups=1, bias=True, output_size=None):
    return ConvBNAct(in_channels, out_channels, kernel_size, groups=groups, padding=0, norm_layer=None,
                     activation=None, bias=bias)


def _conv_macs(module, output_size, **_):
    kh, kw = module[0].kernel_size
    ho, wo = _checks.check_pair("output_size", output_size)
    return M.count_macs(module, (1, module.in_channels, ho + kh - 1, wo + kw - 1))


COUNTED = {
    "conv2d_params": Counted(M.conv2d_params, _conv, (_checks.check_conv,),
                             dict(in_channels=16, out_channels=32, kernel_size=3)),
    "conv2d_macs": Counted(M.conv2d_macs, lambda **kw: _conv(**kw, bias=False), (_checks.check_conv,),
                           dict(in_channels=16, out_channels=32, kernel_size=3, output_size=7), count=_conv_macs),
    "depthwise_separable_params": Counted(
        M.depthwise_separable_params, lambda in_channels, out_channels, kernel_size, bias=False:
        SeparableConv2d(in_channels, out_channels, kernel_size, bias=bias), (_checks.check_conv,),
        dict(in_channels=16, out_channels=32, kernel_size=3)),
    "se_params": Counted(se_module.se_params, se_module.SEBlock, (se_module._se_rules,), dict(channels=64)),
    "cbam_params": Counted(cbam_params, cbam_module.CBAM, (cbam_module._channel_rules, cbam_module._spatial_rules),
                           dict(channels=64)),
    "fire_params": Counted(fire.fire_params, fire.Fire, (fire._fire_rules,),
                           dict(in_channels=96, squeeze1x1=16, expand1x1=64, expand3x3=64)),
    "ghost_module_params": Counted(ghost.ghost_module_params, ghost.GhostModule, (ghost._ghost_module_rules,),
                                   dict(in_channels=16, out_channels=32)),
    "inverted_residual_params": Counted(
        inverted_residual.inverted_residual_params,
        lambda in_channels, out_channels, expand_ratio, kernel_size=3:
        inverted_residual.InvertedResidual(in_channels, out_channels, 1, expand_ratio),
        (inverted_residual._inverted_residual_rules,), dict(in_channels=24, out_channels=24, expand_ratio=6),
        formula_only=("kernel_size",)),            # the module's depthwise conv is 3x3, as in MobileNetV2
    "scconv_params": Counted(     # with the GN: SCConv (SRU + CRU)
        scconv.scconv_params, lambda in_channels, with_norm=True, **kw: scconv.SCConv(in_channels, **kw),
        (scconv._sru_rules, scconv._cru_rules), dict(in_channels=32)),
    "scconv_params(with_norm=False)": Counted(     # without it: CRU
        scconv.scconv_params, lambda with_norm=False, group_num=None, **kw: scconv.CRU(**kw), (scconv._cru_rules,),
        dict(in_channels=32, with_norm=False), formula_only=("group_num",)),      # the GN's, not counted
}

# Bad and good values of each argument the formulas share with their modules.
_INTS = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16, 30, 64, 96, _checks.MAX_INT, _checks.MAX_INT + 1, 10 ** 12,
         1.5, 8.0, "8", None, True, False, math.nan, math.inf, (3, 3), [8]]
_RATIOS = [-1, 0, 0.05, 0.25, 0.5, 0.75, 1, 1.0, 1.5, 2, 6, 16, 100, 1024, 1e6, math.nan, math.inf, "6", None, True,
           [2], _checks.MAX_INT]
_KERNELS = _INTS + [(1, 7), (7, 1), (2, 2), (3, 5), [3, 3], (3,), (0, 3), (3, "3"), (3, 3, 3)]
_BOOLS = [True, False, 0, 1, "yes"]        # (bias=None is ConvBNAct's "a bias unless a norm follows", not a count)
VALUES = {
    "in_channels": _INTS, "out_channels": _INTS, "channels": _INTS, "groups": _INTS, "squeeze1x1": _INTS,
    "expand1x1": _INTS, "expand3x3": _INTS, "ratio": _INTS, "dw_size": _INTS, "squeeze_ratio": _INTS,
    "group_num": _INTS, "kernel_size": _KERNELS, "reduction": _RATIOS + [1, 4, 32, 64, 65],
    "expand_ratio": _RATIOS, "alpha": _RATIOS, "bias": _BOOLS, "spatial_bn": _BOOLS,
}
VALUES["out_channels"] = VALUES["out_channels"] + [None]      # SCConv / CRU: None = as many as in_channels


def _outcome(call):
    try:
        return call(), None
    except (ValueError, TypeError) as e:
        return None, e


def _cases():
    for name, c in COUNTED.items():
        params = inspect.signature(c.formula).parameters
        for arg in params:
            if arg not in VALUES or arg in c.formula_only:
                continue
            for value in VALUES[arg]:
                yield pytest.param(name, arg, value, id=f"{name}-{arg}={value!r}")


@pytest.mark.parametrize("name, arg, value", list(_cases()))
def test_formula_refuses_what_its_module_refuses(name, arg, value):
    c = COUNTED[name]
    kw = {**c.base, arg: value}
    number, formula_error = _outcome(lambda: c.formula(**kw))
    with torch.device("meta"):
        module, module_error = _outcome(lambda: c.module(**kw))
    assert (formula_error is None) == (module_error is None), (
        f"{name}({kw}): formula {'accepts' if formula_error is None else 'refuses: ' + str(formula_error)}, "
        f"module {'accepts' if module_error is None else 'refuses: ' + str(module_error)}")
    if formula_error is None:
        counted = (c.count or (lambda m, **_: M.count_params(m)))(module, **kw)
        assert number == counted, f"{name}({kw}) = {number}, the module has {counted}"
    else:
        assert type(formula_error) is type(module_error), (formula_error, module_error)


@pytest.mark.parametrize("name", list(COUNTED))
def test_formula_and_module_call_the_same_rule_function(name):
    """The rule is shared, not copied: a spy on each rule function sees both the formula and the module call it."""
    import sys
    from unittest import mock

    c = COUNTED[name]
    for rule in c.rules:
        owners = [m for key, m in list(sys.modules.items()) if key.startswith("convcourse")
                  and getattr(m, rule.__name__, None) is rule]
        calls = []

        def spy(*args, _rule=rule, **kwargs):
            calls.append(args)
            return _rule(*args, **kwargs)

        with contextlib.ExitStack() as stack:
            for owner in owners:
                stack.enter_context(mock.patch.object(owner, rule.__name__, spy))
            c.formula(**c.base)
            by_formula, calls[:] = len(calls), []
            with torch.device("meta"):
                c.module(**c.base)
        assert by_formula and calls, f"{rule.__name__}: formula calls it {by_formula} times, module {len(calls)}"


@pytest.mark.parametrize("formula, layer, kw", [
    (M.linear_params, lambda in_features, out_features, bias=True: torch.nn.Linear(in_features, out_features, bias),
     dict(in_features=64, out_features=10)),
    (M.bn_params, lambda channels: torch.nn.BatchNorm2d(channels), dict(channels=64)),
])
def test_formulas_of_torch_layers_agree_where_they_accept(formula, layer, kw):
    """``linear_params`` and ``bn_params`` count torch's own layers, which the course does not wrap (so there is no
    shared rule): torch accepts zero features, the formula asks for >= 1 (a layer of width 0 is a typo in a
    lesson). Where the formula accepts, the layer builds and has exactly the counted parameters."""
    for arg in kw:
        for value in _INTS:
            number, error = _outcome(lambda: formula(**{**kw, arg: value}))
            if error is None:
                with torch.device("meta"):
                    assert number == M.count_params(layer(**{**kw, arg: value})), (arg, value)
