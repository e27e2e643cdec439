"""Depthwise-separable convs, Fire/SqueezeNet, inverted residual/MobileNetV2, PConv/FasterNet."""
import pytest
import torch
import torchvision.models as tv
from torch import nn

from convcourse.blocks.fire import Fire, fire_params
from convcourse.blocks.inverted_residual import InvertedResidual, inverted_residual_params
from convcourse.helpers import make_divisible
from convcourse.blocks.pconv import FasterNetBlock, PConv, pconv_flops, pconv_memory_access
from convcourse.blocks.separable import DepthwiseConv2d, SeparableConv2d
from convcourse.measure import conv2d_params, count_macs, count_params, depthwise_separable_params, meta_count_params
from convcourse.nets import fasternet, mobilenetv2, squeezenet


# ---------------------------------------------------------------- 02 depthwise separable
@pytest.mark.parametrize("c,k", [(8, 3), (16, 5), (3, 1)])
def test_depthwise_equals_grouped_conv_with_same_weights(c, k):
    dw = DepthwiseConv2d(c, k)
    ref = nn.Conv2d(c, c, k, padding=k // 2, groups=c, bias=False)
    ref.weight.data.copy_(dw.weight.data)
    x = torch.randn(2, c, 9, 9)
    torch.testing.assert_close(dw(x), ref(x))
    # and it is C independent single-channel convolutions
    per_channel = torch.cat([nn.functional.conv2d(x[:, i:i + 1], dw.weight[i:i + 1], padding=k // 2)
                             for i in range(c)], 1)
    torch.testing.assert_close(dw(x), per_channel)


@pytest.mark.parametrize("c1,c2,k", [(32, 64, 3), (128, 256, 3), (64, 64, 5), (512, 1024, 7)])
def test_separable_parameter_ratio(c1, c2, k):
    m = SeparableConv2d(c1, c2, k)
    assert count_params(m) == depthwise_separable_params(c1, c2, k)
    ratio = count_params(m) / conv2d_params(c1, c2, k, bias=False)
    assert ratio == pytest.approx(1 / c2 + 1 / k ** 2)


# ---------------------------------------------------------------- 11 fire / squeezenet
def test_fire_shape_and_params():
    f = Fire(96, 16, 64, 64)
    assert f(torch.randn(2, 96, 13, 13)).shape == (2, 128, 13, 13)
    assert count_params(f) == fire_params(96, 16, 64, 64)


def test_fire_relu_after_concat_equals_per_branch():
    f = Fire(8, 4, 6, 10)
    x = torch.randn(1, 8, 5, 5)
    s = torch.relu(f.squeeze(x))
    ref = torch.relu(torch.cat([f.expand1x1(s), f.expand3x3(s)], 1))
    torch.testing.assert_close(f(x), ref)


@pytest.mark.parametrize("name", ["squeezenet1_0", "squeezenet1_1"])
def test_squeezenet_matches_torchvision(name):
    assert meta_count_params(getattr(squeezenet, name)) == meta_count_params(getattr(tv, name))
    assert meta_count_params(getattr(squeezenet, name), num_classes=10) == \
        meta_count_params(getattr(tv, name), num_classes=10)


def test_squeezenet_forward():
    assert squeezenet.squeezenet1_1(num_classes=7)(torch.randn(1, 3, 96, 96)).shape == (1, 7)


# ---------------------------------------------------------------- 12 inverted residual / mobilenetv2
@pytest.mark.parametrize("cin,cout,s,t", [(16, 16, 1, 6), (16, 24, 2, 6), (32, 16, 1, 1), (24, 24, 1, 4)])
def test_inverted_residual_shape_params_residual(cin, cout, s, t):
    b = InvertedResidual(cin, cout, s, t)
    assert b(torch.randn(2, cin, 16, 16)).shape == (2, cout, 16 // s, 16 // s)
    assert count_params(b) == inverted_residual_params(cin, cout, t)
    assert b.use_res_connect == (s == 1 and cin == cout)
    assert len(b.conv) == (2 if t == 1 else 3)
    assert not isinstance(b.conv[-1][-1], (nn.ReLU, nn.ReLU6))   # linear bottleneck


def test_make_divisible():
    assert [make_divisible(v) for v in (32 * 0.35, 16 * 0.5, 1280 * 1.4, 24 * 0.75)] == [16, 8, 1792, 24]


@pytest.mark.parametrize("width", [1.0, 0.5, 0.75, 1.4, 0.35])
def test_mobilenet_v2_matches_torchvision(width):
    assert meta_count_params(mobilenetv2.mobilenet_v2, width_mult=width) == \
        meta_count_params(tv.mobilenet_v2, width_mult=width)


def test_mobilenet_v2_forward_and_macs():
    net = mobilenetv2.mobilenet_v2(num_classes=5, width_mult=0.35)
    assert net(torch.randn(1, 3, 64, 64)).shape == (1, 5)
    with torch.device("meta"):
        ours, ref = mobilenetv2.mobilenet_v2(), tv.mobilenet_v2()
    assert count_macs(ours, (1, 3, 224, 224)) == count_macs(ref, (1, 3, 224, 224))


# ---------------------------------------------------------------- 15 pconv / fasternet
def test_pconv_slicing_equals_split_cat_and_keeps_input():
    a = PConv(16, forward_type="split_cat").eval()
    b = PConv(16, forward_type="slicing").eval()
    b.load_state_dict(a.state_dict())
    x = torch.randn(2, 16, 8, 8)
    x0 = x.clone()
    with torch.no_grad():
        ya, yb = a(x), b(x)
    torch.testing.assert_close(ya, yb)
    assert torch.equal(x, x0)                                # input not modified in place
    assert torch.equal(ya[:, 4:], x[:, 4:])                  # 3/4 of the channels untouched
    assert count_params(a) == 9 * 4 * 4


def test_pconv_slicing_cannot_train():
    p = PConv(8, forward_type="slicing")
    with pytest.raises(RuntimeError):
        p(torch.randn(1, 8, 5, 5, requires_grad=True)).sum().backward()


def test_pconv_formulas():
    assert pconv_flops(56, 56, 64) == count_macs(PConv(64), (1, 64, 56, 56))
    assert pconv_memory_access(56, 56, 64) == 56 * 56 * 2 * 16 + 9 * 16 * 16


def test_fasternet_block():
    blk = FasterNetBlock(40, activation=nn.GELU)
    assert blk(torch.randn(2, 40, 7, 7)).shape == (2, 40, 7, 7)
    assert count_params(blk) == 9 * 10 * 10 + 40 * 80 + 2 * 80 + 80 * 40


@pytest.mark.parametrize("name,expected", [("fasternet_t0", 3_905_500), ("fasternet_t1", 7_595_368),
                                           ("fasternet_t2", 14_982_888), ("fasternet_s", 31_181_032)])
def test_fasternet_params(name, expected):
    assert meta_count_params(getattr(fasternet, name)) == expected


def test_fasternet_forward():
    net = fasternet.fasternet_t0(num_classes=3)
    assert net(torch.randn(1, 3, 64, 64)).shape == (1, 3)


# ---------------------------------------------------------------- bad inputs
@pytest.mark.parametrize("make,match", [
    (lambda: PConv(30, n_div=4), "n_div=4 must divide channels=30"),
    (lambda: PConv(16, forward_type="fast"), "forward_type"),
    (lambda: PConv(0), "channels"),
    (lambda: InvertedResidual(16, 16, 3, 6), r"stride=3 must be one of \[1, 2\]"),
    (lambda: InvertedResidual(16, 16, 1, 0), "expand_ratio"),
    (lambda: Fire(16, 0, 8, 8), "squeeze1x1"),
    (lambda: squeezenet.SqueezeNet("1_2"), "version"),
    (lambda: mobilenetv2.mobilenet_v2(width_mult=0), "width_mult"),
    (lambda: FasterNetBlock(16, mlp_ratio=-1), "mlp_ratio"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("module,x", [
    (Fire(8, 2, 4, 4), torch.randn(1, 7, 5, 5)),
    (Fire(8, 2, 4, 4), torch.randn(8, 5, 5)),
    (InvertedResidual(8, 8, 1, 6), torch.randn(1, 16, 5, 5)),
    (InvertedResidual(8, 8, 1, 6), torch.randn(1, 8, 5)),
    (PConv(8), torch.randn(1, 4, 5, 5)),
    (PConv(8), torch.randn(8, 5, 5)),
    (FasterNetBlock(8), torch.randn(1, 16, 5, 5)),
    (DepthwiseConv2d(8), torch.randn(1, 4, 5, 5)),
    (squeezenet.squeezenet1_1(), torch.randn(1, 1, 64, 64)),
    (mobilenetv2.mobilenet_v2(width_mult=0.35), torch.randn(3, 64, 64)),
])
def test_bad_input(module, x):
    with pytest.raises(ValueError):
        module(x)


# ------------------------------------------------------------------ residuals and gates written out
def test_inverted_residual_adds_its_input_when_shapes_match():
    torch.manual_seed(0)
    block = InvertedResidual(16, 16, stride=1, expand_ratio=6).eval()
    x = torch.randn(2, 16, 8, 8)
    with torch.no_grad():
        assert torch.allclose(block(x), x + block.conv(x))
        thin = InvertedResidual(16, 24, stride=1, expand_ratio=6).eval()     # C_in != C_out: no shortcut
        assert torch.allclose(thin(x), thin.conv(x))


def test_fasternet_block_is_x_plus_mlp_of_pconv():
    torch.manual_seed(0)
    block = FasterNetBlock(16).eval()
    x = torch.randn(2, 16, 8, 8)
    with torch.no_grad():
        assert torch.allclose(block(x), x + block.mlp(block.spatial_mixing(x)))


def test_parnet_official_gate_is_twice_the_sigmoid():
    from convcourse.blocks.parnet import DownsamplingBlock

    torch.manual_seed(0)
    paper = DownsamplingBlock(8, 16, gate="sigmoid").eval()
    official = DownsamplingBlock(8, 16, gate="2sigmoid").eval()
    official.load_state_dict(paper.state_dict())
    x = torch.randn(2, 8, 8, 8)
    with torch.no_grad():
        branch = paper.conv3x3(x) + paper.conv1x1(paper.pool(x))
        assert torch.allclose(official(x), official.act(branch * 2 * paper.se(x)))
        assert torch.allclose(paper(x), paper.act(branch * paper.se(x)))
