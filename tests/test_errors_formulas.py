"""Bad input to the pure formulas (measure.py and the blocks' *_params / *_flops helpers): a ValueError
(TypeError for a wrong type) from the course, naming the argument, instead of garbage or ZeroDivisionError."""
import math

import pytest

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
