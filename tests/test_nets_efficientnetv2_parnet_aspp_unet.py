"""nets.efficientnetv2, blocks.mbconv, nets.parnet, blocks.parnet, blocks.rep, nets.aspp, nets.unet: lessons 25-28."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from convcourse.blocks.mbconv import FusedMBConv, MBConv, StochasticDepth
from convcourse.blocks.parnet import SSE, DownsamplingBlock, FusionBlock, ParNetBlock
from convcourse.blocks.rep import avgpool_1x1_to_3x3, fuse_conv_bn, pad_1x1_to_3x3
from convcourse.measure import bn_params, conv2d_params, count_params, meta_count_params
from convcourse.nets import aspp as aspp_mod
from convcourse.nets import efficientnetv2 as effv2
from convcourse.nets import parnet as parnet_mod
from convcourse.nets import unet as unet_mod


# ---------------------------------------------------------------- 25 EfficientNetV2


def test_efficientnet_v2_s_num_classes_and_shape():
    m = effv2.efficientnet_v2_s(num_classes=10).eval()
    with torch.no_grad():
        assert m(torch.randn(2, 3, 64, 64)).shape == (2, 10)
        assert m.forward_features(torch.randn(1, 3, 64, 64)).shape == (1, 1280, 2, 2)


def _bn_conv(cin, cout, k, groups=1):
    return conv2d_params(cin, cout, k, groups, bias=False) + bn_params(cout)


def test_mbconv_shapes_and_params():
    b = MBConv(64, 128, 3, 2, expand_ratio=4)
    assert b(torch.randn(2, 64, 16, 16)).shape == (2, 128, 8, 8)
    e, sq = 256, 16                                  # SE squeeze from the *input* channels: 64 / 4
    expected = (_bn_conv(64, e, 1) + _bn_conv(e, e, 3, groups=e) + conv2d_params(e, sq, 1)
                + conv2d_params(sq, e, 1) + _bn_conv(e, 128, 1))
    assert count_params(b) == expected
    assert b.block[2].fc1.out_channels == 16
    assert not b.use_res_connect and MBConv(32, 32).use_res_connect


def test_fused_mbconv_shapes_and_params():
    b = FusedMBConv(24, 48, 3, 2, expand_ratio=4)
    assert b(torch.randn(1, 24, 16, 16)).shape == (1, 48, 8, 8)
    assert count_params(b) == _bn_conv(24, 96, 3) + _bn_conv(96, 48, 1)
    b1 = FusedMBConv(24, 24, 3, 1, expand_ratio=1)
    assert count_params(b1) == _bn_conv(24, 24, 3) and b1.use_res_connect
    se = FusedMBConv(24, 48, 3, 1, expand_ratio=4, se_ratio=0.25)
    assert se(torch.randn(1, 24, 8, 8)).shape == (1, 48, 8, 8)


def test_mbconv_blocks_backward_with_inplace_residual():
    for blk in (MBConv(8, 8, drop_prob=0.5), FusedMBConv(8, 8, expand_ratio=1), FusedMBConv(8, 8, drop_prob=0.2)):
        x = torch.randn(4, 8, 6, 6, requires_grad=True)
        blk.train()(x).sum().backward()
        assert x.grad is not None and torch.isfinite(x.grad).all()


def test_stochastic_depth_eval_identity_and_train_drops():
    sd = StochasticDepth(0.5)
    x = torch.ones(1000, 1, 1, 1)
    assert torch.equal(sd.eval()(x), x)
    y = sd.train()(x)
    assert set(y.unique().tolist()) <= {0.0, 2.0} and 300 < int((y == 0).sum()) < 700


@pytest.mark.parametrize("kw, msg", [
    (dict(stride=3), "stride=3"), (dict(kernel_size=4), "kernel_size=4"), (dict(expand_ratio=0), "expand_ratio"),
    (dict(se_ratio=2), "se_ratio"), (dict(drop_prob=1.0), "drop_prob=1.0"), (dict(in_channels=0), "in_channels"),
])
def test_mbconv_bad_args(kw, msg):
    args = dict(in_channels=16, out_channels=16) | kw
    for cls in (MBConv, FusedMBConv):
        with pytest.raises(ValueError, match=msg):
            cls(**args)


def test_mbconv_bad_input():
    with pytest.raises(ValueError, match="channels"):
        MBConv(16, 16)(torch.randn(1, 8, 4, 4))
    with pytest.raises(ValueError, match="4 dims"):
        FusedMBConv(16, 16)(torch.randn(16, 4, 4))


def test_efficientnetv2_bad_args():
    with pytest.raises(ValueError, match="num_classes"):
        effv2.efficientnet_v2_s(num_classes=0)
    with pytest.raises(ValueError, match="dropout"):
        effv2.efficientnet_v2_s(dropout=1.5)
    with pytest.raises(ValueError, match="stages"):
        effv2.EfficientNetV2([])


def test_progressive_schedule():
    rows = effv2.progressive_schedule("s")
    assert [r["image_size"] for r in rows] == [128, 185, 242, 300]
    assert rows[0]["dropout"] == pytest.approx(0.1) and rows[-1]["dropout"] == pytest.approx(0.3)
    with pytest.raises(ValueError, match="variant"):
        effv2.progressive_schedule("xl")
    with pytest.raises(ValueError, match="stages"):
        effv2.progressive_schedule("s", stages=1)


# ---------------------------------------------------------------- 26 ParNet


def _warm_bn(module, *inputs, steps=3):
    """Give every BN non-trivial running statistics with a few train-mode forwards."""
    module.train()
    with torch.no_grad():
        for _ in range(steps):
            module(*[x * 2 + 0.5 for x in inputs])
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    return module.eval()


def test_fuse_conv_bn_matches_eval_bn():
    conv, bn = nn.Conv2d(4, 6, 3, padding=1, bias=False), nn.BatchNorm2d(6)
    _warm_bn(nn.Sequential(conv, bn), torch.randn(8, 4, 5, 5))
    w, b = fuse_conv_bn(conv, bn)
    x = torch.randn(2, 4, 5, 5)
    with torch.no_grad():
        assert (nn.functional.conv2d(x, w, b, padding=1) - bn(conv(x))).abs().max() < 1e-5
    assert pad_1x1_to_3x3(torch.ones(2, 3, 1, 1))[0, 0].tolist() == [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    assert avgpool_1x1_to_3x3(torch.ones(1, 1, 1, 1))[0, 0].tolist() == [[0, 0, 0], [0, .25, .25], [0, .25, .25]]


def test_parnet_block_shapes_params_and_reparam():
    c = 16
    blk = ParNetBlock(c)
    assert count_params(blk) == 11 * c * c + 6 * c               # 3x3+BN, 1x1+BN, SSE (BN + 1x1)
    x = torch.randn(4, c, 10, 10)
    _warm_bn(blk, x)
    with torch.no_grad():
        y = blk(x)
        blk.reparameterize()
        assert y.shape == x.shape and (blk(x) - y).abs().max() < 1e-5
    assert count_params(blk) == 10 * c * c + 3 * c               # fused 3x3 with bias + SSE


@pytest.mark.parametrize("cin, cout, stride, groups", [(8, 16, 2, 1), (16, 16, 1, 2), (3, 8, 2, 1)])
def test_downsampling_block_reparam(cin, cout, stride, groups):
    blk = DownsamplingBlock(cin, cout, stride, groups)
    x = torch.randn(4, cin, 12, 12)
    _warm_bn(blk, x)
    with torch.no_grad():
        y = blk(x)
        blk.reparameterize()
        assert y.shape == (4, cout, 12 // stride, 12 // stride) and (blk(x) - y).abs().max() < 1e-5


def test_fusion_block_and_whole_parnet_reparam():
    fb = FusionBlock(8, 16)
    a, b = torch.randn(2, 8, 8, 8), torch.randn(2, 8, 8, 8)
    assert fb(a, b).shape == (2, 16, 4, 4)
    net = parnet_mod.ParNet((8, 12, 16, 24, 32), num_classes=5)
    x = torch.randn(2, 3, 64, 64)
    _warm_bn(net, x)
    with torch.no_grad():
        y = net(x)
        net.reparameterize()
        assert y.shape == (2, 5) and (net(x) - y).abs().max() < 1e-5


@pytest.mark.parametrize("variant", ["s", "m", "l", "xl"])
def test_parnet_fused_params_match_paper(variant):
    with torch.device("meta"):
        net = getattr(parnet_mod, f"parnet_{variant}")()
    rng = torch.get_rng_state()
    net.reparameterize()
    assert abs(count_params(net) / 1e6 - parnet_mod.PAPER_PARAMS_M[variant]) < 0.2
    # the fused convs are built where the weights live: on meta nothing is allocated or initialised
    # (a CPU conv would draw its random init first: ParNet-XL's took 90 MB for a moment)
    assert {p.device.type for p in net.parameters()} == {"meta"}
    assert torch.equal(torch.get_rng_state(), rng)


@pytest.mark.parametrize("call, message", [
    (lambda: DownsamplingBlock(8, 8, stride=3), "stride=3"),
    (lambda: DownsamplingBlock(3, 8, groups=2), "groups=2 must divide in_channels=3"),
    (lambda: DownsamplingBlock(8, 8)(torch.randn(1, 8, 7, 7)), "must be even"),
    (lambda: ParNetBlock(8)(torch.randn(1, 4, 8, 8)), "channels"),
    (lambda: ParNetBlock(0), "channels"),
    (lambda: FusionBlock(8, 8)(torch.randn(1, 8, 8, 8), torch.randn(1, 8, 4, 4)), "same shape"),
    (lambda: parnet_mod.ParNet((64, 96, 192)), "widths"),
    (lambda: SSE(4)(torch.randn(1, 3, 4, 4)), "channels"),
])
def test_parnet_bad_args_and_inputs(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("size", [28, 31, 48, 33])
def test_parnet_names_multiples_of_32(size):
    """Five stride-2 blocks: a side that is not a multiple of 32 fails with one clear message, not deep inside."""
    net = parnet_mod.ParNet((8, 12, 16, 24, 32), stream_blocks=(1, 1, 1), num_classes=10, in_channels=1).eval()
    with pytest.raises(ValueError, match=rf"size \({size}, {size}\) must be a multiple of 32 .*pad"), torch.no_grad():
        net(torch.zeros(1, 1, size, size))
    with torch.no_grad():
        assert net(torch.zeros(1, 1, 32, 64)).shape == (1, 10)


# ---------------------------------------------------------------- 27 ASPP / DeepLabV3


def test_aspp_shapes_and_params():
    m = aspp_mod.ASPP(64, (1, 2, 3), out_channels=16)
    assert m(torch.randn(2, 64, 9, 9)).shape == (2, 16, 9, 9)
    branch = conv2d_params(64, 16, 1, bias=False) + bn_params(16)
    atrous = conv2d_params(64, 16, 3, bias=False) + bn_params(16)
    assert count_params(m) == 2 * branch + 3 * atrous + conv2d_params(5 * 16, 16, 1, bias=False) + bn_params(16)
    assert aspp_mod.deeplabv3_resnet50(num_classes=3, output_stride=16).classifier[0].rates == (6, 12, 18)


def test_aspp_batch_one_training_is_a_clear_error():
    m = aspp_mod.ASPP(8, (1, 2, 3), out_channels=4)
    with pytest.raises(ValueError, match="batch size >= 2"):
        m.train()(torch.randn(1, 8, 5, 5))
    assert m.eval()(torch.randn(1, 8, 5, 5)).shape == (1, 4, 5, 5)


@pytest.mark.parametrize("rates", [(), (6, 0, 18), (6, -1), (6, 6), (6.0, 12), "6"])
def test_aspp_bad_rates(rates):
    with pytest.raises(ValueError, match="atrous_rates"):
        aspp_mod.ASPP(8, rates)


def test_aspp_bad_args_and_input():
    with pytest.raises(ValueError, match="output_stride=4"):
        aspp_mod.deeplabv3_resnet50(output_stride=4)
    with pytest.raises(ValueError, match="channels"):
        aspp_mod.ASPP(8)(torch.randn(2, 4, 5, 5))
    with pytest.raises(ValueError, match="dropout"):
        aspp_mod.ASPP(8, dropout=1.0)


def test_effective_kernel_and_valid_taps():
    assert [aspp_mod.effective_kernel_size(3, r) for r in (1, 2, 6, 12)] == [3, 5, 13, 25]
    counts = aspp_mod.valid_tap_counts(65, 1)
    assert counts[32, 32] == 9 and counts[0, 0] == 4
    assert (aspp_mod.valid_tap_counts(65, 65) == 1).all()          # rate >= map size: only the centre tap
    # the formula is the support of a dilated conv's gradient
    conv = nn.Conv2d(1, 1, 3, padding=6, dilation=6, bias=False)
    x = torch.zeros(1, 1, 31, 31, requires_grad=True)
    conv(x)[0, 0, 15, 15].backward()
    rows = (x.grad[0, 0] != 0).any(1).nonzero()
    assert int(rows.max() - rows.min() + 1) == aspp_mod.effective_kernel_size(3, 6)


# ---------------------------------------------------------------- 28 U-Net


def test_unet_572_to_388_on_meta():
    with torch.device("meta"):
        net = unet_mod.UNet()
        shapes = []
        y = net(torch.empty(1, 1, 572, 572), shapes=shapes)
    assert y.shape == (1, 2, 388, 388)
    assert ("底部：两次 3×3", (1, 1024, 28, 28)) in shapes
    assert count_params(net) == 31_030_658                       # the widely quoted U-Net parameter count
    assert unet_mod.output_size(572) == 388


def test_unet_params_formula():
    def double(cin, cout):
        return conv2d_params(cin, cout, 3) + conv2d_params(cout, cout, 3)
    w = [64, 128, 256, 512, 1024]
    expected = double(1, 64) + sum(double(w[i], w[i + 1]) for i in range(4))
    expected += sum(conv2d_params(2 * c, c, 2) + double(2 * c, c) for c in w[:4])   # up-conv (same count) + convs
    expected += conv2d_params(64, 2, 1)
    assert meta_count_params(unet_mod.UNet) == expected


def test_unet_padding_same_size_and_small_width():
    net = unet_mod.UNet(in_channels=3, num_classes=4, base_width=4, padding=True, batch_norm=True)
    assert net(torch.randn(2, 3, 32, 48)).shape == (2, 4, 32, 48)
    small = unet_mod.UNet(base_width=2)
    assert small(torch.randn(1, 1, 188, 188)).shape == (1, 2, 4, 4)


def test_unet_valid_sizes():
    sizes = unet_mod.valid_input_sizes(1, 700)
    assert sizes[0] == 188 and 572 in sizes and all((s - 60) % 16 == 0 for s in sizes)
    assert unet_mod.valid_input_sizes(1, 100, padding=True) == [16, 32, 48, 64, 80, 96]


def test_unet_bad_inputs():
    with pytest.raises(ValueError, match=r"input size 570 .*\[556, 572\]"):
        unet_mod.UNet(base_width=2)(torch.randn(1, 1, 570, 572))
    with pytest.raises(ValueError, match="input size 30"):
        unet_mod.UNet(base_width=2, padding=True)(torch.randn(1, 1, 30, 32))
    with pytest.raises(ValueError, match="channels"):
        unet_mod.UNet(base_width=2, padding=True)(torch.randn(1, 3, 32, 32))
    with pytest.raises(ValueError, match="base_width"):
        unet_mod.UNet(base_width=0)
    with pytest.raises(ValueError, match="padding"):
        unet_mod.UNet(padding="same")
    with pytest.raises(ValueError, match="input size 100"):
        unet_mod.output_size(100)
    with pytest.raises(ValueError, match="larger"):
        unet_mod.center_crop(torch.zeros(1, 1, 4, 4), (6, 6))
