"""Efficient convolutions, part B: ShuffleNet V2 (13), Ghost (14), SCConv (16)."""
import math

import pytest
import torch
import torchvision
from torch import nn

from convcourse.blocks.shuffle import ShuffleV2Block, channel_shuffle, channel_unshuffle, shuffle_permutation
from convcourse.measure import bn_params, conv2d_params, count_params, meta_count_params
from convcourse.nets import shufflenetv2 as S

# ---------------------------------------------------------------- channel shuffle (notebook 13)


@pytest.mark.parametrize("c,g", [(6, 2), (6, 3), (12, 4), (116, 2), (8, 1), (8, 8)])
def test_channel_shuffle_is_the_permutation_and_invertible(c, g):
    x = torch.randn(2, c, 3, 4)
    perm = shuffle_permutation(c, g)
    assert sorted(perm) == list(range(c))
    y = channel_shuffle(x, g)
    assert torch.equal(y, x[:, perm])
    assert torch.equal(channel_unshuffle(y, g), x)
    assert torch.equal(channel_shuffle(channel_unshuffle(x, g), g), x)


def test_channel_shuffle_matches_torchvision():
    from torchvision.models.shufflenetv2 import channel_shuffle as tv_shuffle

    x = torch.randn(2, 12, 3, 3)
    for g in (1, 2, 3, 4, 6, 12):
        assert torch.equal(channel_shuffle(x, g), tv_shuffle(x, g))


def test_channel_shuffle_errors():
    with pytest.raises(ValueError, match="groups=4 must divide channels=6"):
        channel_shuffle(torch.randn(1, 6, 2, 2), 4)
    with pytest.raises(ValueError, match="groups"):
        channel_shuffle(torch.randn(1, 6, 2, 2), 0)
    with pytest.raises(ValueError, match="4 dims"):
        channel_shuffle(torch.randn(6, 2, 2), 2)
    with pytest.raises(ValueError, match="must divide"):
        channel_unshuffle(torch.randn(1, 6, 2, 2), 4)
    with pytest.raises(ValueError, match="must divide"):
        shuffle_permutation(10, 3)


# ---------------------------------------------------------------- ShuffleNet V2 units


def _basic_params(c):
    b = c // 2
    return 2 * (conv2d_params(b, b, 1, bias=False) + bn_params(b)) + 9 * b + bn_params(b)


def test_shufflev2_units_shapes_and_params():
    basic = ShuffleV2Block(116, 116, 1)
    assert basic(torch.randn(2, 116, 8, 8)).shape == (2, 116, 8, 8)
    assert count_params(basic) == _basic_params(116) == 2 * 58 ** 2 + 15 * 58
    down = ShuffleV2Block(24, 116, 2)
    assert down(torch.randn(2, 24, 8, 8)).shape == (2, 116, 4, 4)
    b = 58
    left = 9 * 24 + 2 * 24 + 24 * b + 2 * b
    right = 24 * b + 2 * b + 9 * b + 2 * b + b * b + 2 * b
    assert count_params(down) == left + right


def test_shufflev2_basic_unit_keeps_left_half():
    unit = ShuffleV2Block(8, 8, 1).eval()
    x = torch.randn(1, 8, 5, 5)
    y = channel_unshuffle(unit(x), 2)
    assert torch.equal(y[:, :4], x[:, :4])       # identity half survives, only moved by the shuffle


@pytest.mark.parametrize("kwargs,match", [
    (dict(in_channels=115, out_channels=115, stride=1), "out_channels=115 must be even"),
    (dict(in_channels=115, out_channels=116, stride=1), "in_channels=115 must be even"),
    (dict(in_channels=116, out_channels=232, stride=1), "must equal"),
    (dict(in_channels=24, out_channels=116, stride=3), r"stride=3 must be one of \[1, 2\]"),
    (dict(in_channels=0, out_channels=116, stride=2), "in_channels"),
    (dict(in_channels=24, out_channels=117, stride=2), "out_channels=117 must be even"),
])
def test_shufflev2_unit_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ShuffleV2Block(**kwargs)


def test_shufflev2_unit_forward_checks_input():
    with pytest.raises(ValueError, match="channels"):
        ShuffleV2Block(8, 8, 1)(torch.randn(1, 6, 4, 4))


# ---------------------------------------------------------------- ShuffleNet V2 nets

SHUFFLE_BUILDERS = ["shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0"]


@pytest.mark.parametrize("name", SHUFFLE_BUILDERS)
def test_shufflenetv2_params_equal_torchvision(name):
    assert meta_count_params(getattr(S, name)) == meta_count_params(getattr(torchvision.models, name), weights=None)


def test_shufflenetv2_same_function_as_torchvision():
    ours, theirs = S.shufflenet_v2_x0_5(num_classes=10).eval(), torchvision.models.shufflenet_v2_x0_5(num_classes=10).eval()
    ours.load_state_dict(dict(zip(ours.state_dict().keys(), theirs.state_dict().values())))
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(ours(x), theirs(x), atol=1e-5)


def test_shufflenetv2_errors():
    with pytest.raises(ValueError, match="3 entries"):
        S.ShuffleNetV2([4, 8], [24, 48, 96, 192, 1024])
    with pytest.raises(ValueError, match="5 entries"):
        S.ShuffleNetV2([4, 8, 4], [24, 48, 96, 192])
    with pytest.raises(ValueError, match="channels"):
        S.shufflenet_v2_x0_5()(torch.randn(1, 1, 64, 64))


def test_guideline_benchmarks_fixed_macs_and_errors():
    from convcourse.measure import count_macs

    x = torch.randn(1, 444, 8, 8)
    g1 = [count_macs(S.g1_benchmark(a, b), x) for a, b in [(128, 128), (90, 180), (52, 312), (37, 444)]]
    assert max(g1) / min(g1) < 1.02
    g2 = [count_macs(S.g2_benchmark(c, g), x) for c, g in [(128, 1), (180, 2), (256, 4), (360, 8)]]
    assert max(g2) / min(g2) < 1.02
    g3 = [count_macs(S.g3_benchmark(k, a), x) for k in (1, 2, 4) for a in ("series", "parallel")]
    assert max(g3) / min(g3) < 1.02
    for r in (True, False):
        for s in (True, False):
            assert S.g4_benchmark(32, r, s)(x[:, :32]).shape == (1, 32, 8, 8)
    with pytest.raises(ValueError, match="groups=3 must divide channels=128"):
        S.g2_benchmark(128, 3)
    with pytest.raises(ValueError, match="fragments=3 must be one of"):
        S.g3_benchmark(3)
    with pytest.raises(ValueError, match="divisible by 4"):
        S.g4_benchmark(30)
    with pytest.raises(ValueError, match="C >= 128"):
        S.g1_benchmark(128, 128)(torch.randn(1, 64, 4, 4))


def test_show_shuffle_validates():
    from convcourse.viz.shuffle import draw_shuffle

    with pytest.raises(ValueError, match="groups=5 must divide channels=12"):
        draw_shuffle(12, 5)
    with pytest.raises(ValueError, match="<= 64"):
        draw_shuffle(100, 2)
