"""blocks.shuffle, blocks.ghost, blocks.scconv and their networks: ShuffleNet V2 (13), GhostNet (14), SCConv (16)."""
import math

import pytest
import torch
from torch import nn
from torchvision.models.shufflenetv2 import channel_shuffle as tv_shuffle

from convcourse.attention.se import SEBlock
from convcourse.blocks.ghost import GhostBottleneck, GhostModule, ghost_module_params, ghost_speedup_ratio, make_divisible
from convcourse.blocks.scconv import CRU, SCConv, SRU, cru_widths, scconv_params
from convcourse.blocks.shuffle import ShuffleV2Block, channel_shuffle, channel_unshuffle, shuffle_permutation
from convcourse.measure import bn_params, conv2d_params, count_params, meta_count_params
from convcourse.nets import shufflenetv2 as S
from convcourse.nets.ghostnet import ghostnet

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
    g1 = [count_macs(S.g1_benchmark(a, b), x) for a, b in [(128, 128), (90, 180), (52, 312), (36, 432)]]
    assert max(g1) / min(g1) < 1.06                 # the paper's Table 1 widths: FLOPs equal within ~5%
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


# ---------------------------------------------------------------- Ghost (notebook 14)


@pytest.mark.parametrize("c,n,k,s,d", [(16, 16, 1, 2, 3), (32, 50, 1, 3, 3), (64, 128, 3, 2, 3), (24, 7, 1, 4, 5)])
def test_ghost_module_shapes_and_param_formula(c, n, k, s, d):
    g = GhostModule(c, n, kernel_size=k, ratio=s, dw_size=d)
    assert g(torch.randn(2, c, 9, 9)).shape == (2, n, 9, 9)
    assert count_params(g) == ghost_module_params(c, n, k, s, d)
    m = math.ceil(n / s)
    assert g.primary_conv[0].out_channels == m and g.cheap_operation[0].out_channels == m * (s - 1)
    assert g.cheap_operation[0].groups == m


def test_ghost_module_stride_and_no_relu():
    g = GhostModule(8, 16, stride=2, relu=False)
    assert g(torch.randn(1, 8, 10, 10)).shape == (1, 16, 5, 5)
    assert not any(isinstance(m, nn.ReLU) for m in g.modules())


def test_ghost_saving_approaches_s():
    """Eq. 4-5: conv params / Ghost params -> s when d = k and c >> s (BN aside)."""
    c = 480                                            # divisible by s = 2, 3, 4
    for s in (2, 3, 4):
        conv = conv2d_params(c, c, 3, bias=False)
        m = c // s
        ghost = conv2d_params(c, m, 3, bias=False) + conv2d_params(m, m * (s - 1), 3, groups=m, bias=False)
        assert conv / ghost == pytest.approx(ghost_speedup_ratio(c, 3, s), rel=1e-9)
        assert ghost_speedup_ratio(c, 3, s) == pytest.approx(s, rel=0.01)
        assert ghost_speedup_ratio(c, 3, s) == pytest.approx(s * c / (s + c - 1), rel=1e-9)   # d = k
    assert ghost_speedup_ratio(16, 1, 2) < 1.3         # k = 1, d = 3: far from s in narrow layers


@pytest.mark.parametrize("call, message", [
    (lambda: GhostModule(16, 32, ratio=1), "ratio=1 must be an integer >= 2"),
    (lambda: GhostModule(16, 32, dw_size=4), "must be odd"),
    (lambda: GhostModule(16, 32, kernel_size=2), "must be odd"),
    (lambda: GhostModule(16, 32, stride=3), r"stride=3 must be one of \[1, 2\]"),
    (lambda: GhostModule(16, 0), "out_channels"),
    (lambda: GhostModule(16, 32)(torch.randn(1, 8, 4, 4)), "channels"),
])
def test_ghost_module_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_make_divisible_official_rule():
    assert make_divisible(18, 4) == 20 and make_divisible(168, 4) == 168 and make_divisible(16 * 0.5, 4) == 8
    assert make_divisible(10, 8) == 16          # 8 would drop more than 10%


def test_ghost_bottleneck_shapes_se_and_shortcut():
    blk = GhostBottleneck(24, 72, 40, 5, 2, se_ratio=0.25)
    assert blk(torch.randn(2, 24, 16, 16)).shape == (2, 40, 8, 8)
    assert isinstance(blk.se, SEBlock) and blk.se.fc1.out_channels == 20 and isinstance(blk.se.gate, nn.Hardsigmoid)
    assert not isinstance(blk.shortcut, nn.Identity)
    same = GhostBottleneck(16, 48, 16)
    assert isinstance(same.shortcut, nn.Identity) and isinstance(same.se, nn.Identity)
    x = torch.randn(1, 16, 6, 6)
    same.eval()
    assert same(x).shape == x.shape


def test_ghost_bottleneck_errors():
    with pytest.raises(ValueError, match="stride"):
        GhostBottleneck(16, 48, 16, stride=3)
    with pytest.raises(ValueError, match="dw_kernel_size"):
        GhostBottleneck(16, 48, 16, dw_kernel_size=7)
    with pytest.raises(ValueError, match="se_ratio"):
        GhostBottleneck(16, 48, 16, se_ratio=-0.1)


def test_ghostnet_params_match_paper_and_official_layout():
    assert meta_count_params(ghostnet, width=1.0) == 5_182_508                  # paper: 5.2M
    assert round(meta_count_params(ghostnet, width=0.5) / 1e5) == 26            # paper: 2.6M
    with torch.device("meta"):
        from convcourse.measure import count_macs
        assert round(count_macs(ghostnet(width=1.0), (1, 3, 224, 224)) / 1e6) == 141   # paper: 141M FLOPs


def test_ghostnet_forward_and_errors():
    net = ghostnet(width=0.5, num_classes=7).eval()
    assert net(torch.randn(1, 3, 64, 64)).shape == (1, 7)
    with pytest.raises(ValueError, match="width"):
        ghostnet(width=0)
    with pytest.raises(ValueError, match="dropout"):
        ghostnet(dropout=1.0)
    with pytest.raises(ValueError, match="channels"):
        net(torch.randn(1, 1, 64, 64))


# ---------------------------------------------------------------- SCConv (notebook 16)


@pytest.mark.parametrize("c", [8, 16, 32, 64, 128])
def test_scconv_shapes_and_eq11(c):
    m = SCConv(c)
    assert m(torch.randn(2, c, 7, 9)).shape == (2, c, 7, 9)
    assert count_params(m) == scconv_params(c) == scconv_params(c, with_norm=False) + 2 * c
    assert scconv_params(c, with_norm=False) == 29 * c * c // 16          # alpha = 1/2, r = 2, g = 2, k = 3


def test_scconv_ratio_to_conv3x3_and_out_channels():
    from convcourse.measure import count_macs

    c = 256
    assert conv2d_params(c, c, 3, bias=False) / scconv_params(c, with_norm=False) == pytest.approx(144 / 29)
    m = SCConv(c)
    assert count_macs(nn.Conv2d(c, c, 3, padding=1, bias=False), (1, c, 8, 8)) / count_macs(m, (1, c, 8, 8)) \
        == pytest.approx(144 / 29)
    assert SCConv(32, 48)(torch.randn(1, 32, 5, 5)).shape == (1, 48, 5, 5)


def test_sru_gate_and_reconstruction_follow_eq_3_4():
    sru = SRU(8, group_num=2)
    with torch.no_grad():
        sru.gn.weight.copy_(torch.rand(8) + 0.5)
        sru.gn.bias.copy_(torch.randn(8) * 0.1)
    x = torch.randn(2, 8, 5, 5)
    y = sru(x)
    gn = sru.gn(x)
    w = torch.sigmoid(gn * (sru.gn.weight / sru.gn.weight.sum()).view(1, -1, 1, 1))
    w1 = torch.where(w > 0.5, torch.ones_like(w), w)
    w2 = torch.where(w > 0.5, torch.zeros_like(w), w)
    x1, x2 = w1 * x, w2 * x
    expected = torch.cat([x1[:, :4] + x2[:, 4:], x2[:, :4] + x1[:, 4:]], dim=1)
    assert torch.allclose(y, expected)
    assert torch.equal(sru.last_informative, w > 0.5)


def test_sru_gate_at_init_is_the_sign_of_gn():
    sru = SRU(16, group_num=4)
    x = torch.randn(1, 16, 6, 6)
    sru(x)
    assert torch.equal(sru.last_informative, sru.gn(x) > 0)


def test_cru_softmax_is_per_channel_over_two_branches():
    cru = CRU(32)
    y = cru(torch.randn(2, 32, 6, 6))
    assert y.shape == (2, 32, 6, 6)
    assert cru.last_beta.shape == (2, 2, 32, 1, 1)
    assert torch.allclose(cru.last_beta.sum(0), torch.ones(2, 32, 1, 1))
    assert cru_widths(32) == {"up": 16, "low": 16, "up_squeezed": 8, "low_squeezed": 8, "out": 32}
    assert all(m.bias is None for m in cru.modules() if isinstance(m, nn.Conv2d))


@pytest.mark.parametrize("kwargs,match", [
    (dict(channels=30), "group_num=4 must divide channels=30"),
    (dict(channels=15, group_num=5), "channels=15 must be even"),
    (dict(channels=18, group_num=6, alpha=0.05), "leaves 0 upper channels"),
    (dict(channels=16, alpha=0.95), "lower channels"),
    (dict(channels=16, alpha=1.0), "alpha=1.0 must be a number strictly between 0 and 1"),
    (dict(channels=16, alpha=0), "alpha=0 must be"),
    (dict(channels=12), "groups=2 must divide the squeezed upper channels"),
    (dict(channels=8, squeeze_ratio=8), "after the squeeze"),
    (dict(channels=16, gate_threshold=1.5), "gate_threshold=1.5"),
    (dict(channels=16, groups=3), "groups=3 must divide"),
    (dict(channels=16, kernel_size=2), "kernel_size=2 must be odd"),
    (dict(channels=16, out_channels=4), "must exceed the reused lower channels"),
    (dict(channels=0), "channels"),
])
def test_scconv_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SCConv(**kwargs)


def test_scconv_forward_checks_input():
    with pytest.raises(ValueError, match="channels"):
        SCConv(16)(torch.randn(1, 8, 4, 4))
    with pytest.raises(ValueError, match="4 dims"):
        SRU(16)(torch.randn(16, 4, 4))
