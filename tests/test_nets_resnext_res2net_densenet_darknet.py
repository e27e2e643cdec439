"""nets.resnext (three forms), nets.res2net, nets.densenet, nets.darknet: lessons 07-10."""
import copy

import pytest
import torch
import torchvision.models as tvm
from torch import nn

from convcourse.measure import count_params, meta_count_params
from convcourse.nets import darknet, densenet, res2net, resnext
from convcourse.blocks.residual import Bottleneck, conv1x1


def _randomise_bn(module: nn.Module) -> None:
    """Non-trivial BN statistics so that a wrong channel mapping cannot hide behind mean 0 / var 1."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-1, 1)
            m.running_var.uniform_(0.5, 2)
            m.weight.data.uniform_(0.5, 2)
            m.bias.data.uniform_(-1, 1)


# ---------------------------------------------------------------- ResNeXt
@pytest.mark.parametrize("stride,inplanes", [(1, 256), (2, 64)])
def test_resnext_three_forms_equal(stride, inplanes):
    torch.manual_seed(0)
    ds = None
    if stride != 1 or inplanes != 256:
        ds = nn.Sequential(conv1x1(inplanes, 256, stride), nn.BatchNorm2d(256))
    c = Bottleneck(inplanes, 64, stride, ds, groups=32, base_width=4)
    _randomise_bn(c)
    c.eval()
    a = resnext.SplitTransformMerge(inplanes, 64, stride, copy.deepcopy(ds), groups=32, base_width=4)
    b = resnext.EarlyConcat(inplanes, 64, stride, copy.deepcopy(ds), groups=32, base_width=4)
    a.load_from_grouped(c).eval()
    b.load_from_grouped(c).eval()
    x = torch.randn(2, inplanes, 12, 12)
    with torch.no_grad():
        yc = c(x)
        assert yc.shape == (2, 256, 12 // stride, 12 // stride)
        assert (a(x) - yc).abs().max() < 1e-5
        assert (b(x) - yc).abs().max() < 1e-5
    assert count_params(a) == count_params(b) == count_params(c)


def test_resnext_block_param_formula():
    # C * (C_in d + 9 d^2 + d C_out) conv weights + BN (paper Sec. 3.3: ~70k for C=32, d=4)
    a = resnext.SplitTransformMerge(256, 64, groups=32, base_width=4)
    convs = sum(p.numel() for n, p in a.named_parameters() if "conv" in n)
    assert convs == 32 * (256 * 4 + 9 * 4 * 4 + 4 * 256) == 70144


def test_resnext_forms_build_whole_net():
    net = resnext.resnext50_32x4d(num_classes=10, block=resnext.EarlyConcat)
    assert count_params(net) == meta_count_params(resnext.resnext50_32x4d, num_classes=10)


def test_resnext_bad_inputs():
    with pytest.raises(TypeError, match="positional"):      # builders are keyword-only, as torchvision's
        resnext.resnext50_32x4d(10)
    with pytest.raises(ValueError, match="stride"):
        resnext.SplitTransformMerge(64, 64, stride=3)
    with pytest.raises(ValueError, match="d = 0"):
        resnext.EarlyConcat(64, 16, groups=32, base_width=2)
    block = resnext.EarlyConcat(256, 64, groups=4, base_width=4)
    with pytest.raises(ValueError, match="channels"):
        block(torch.zeros(1, 64, 8, 8))
    with pytest.raises(ValueError, match="dims"):
        block(torch.zeros(256, 8, 8))
    with pytest.raises(ValueError, match="Bottleneck with groups=8"):
        resnext.SplitTransformMerge(256, 64, groups=8).load_from_grouped(Bottleneck(256, 64, groups=4))


# ---------------------------------------------------------------- Res2Net


@pytest.mark.parametrize("name,expected", [
    ("50_26w_4s", 25_699_120), ("50_48w_2s", 25_287_304), ("50_14w_8s", 25_059_816),
    ("50_26w_6s", 37_051_448), ("50_26w_8s", 48_403_776), ("101_26w_4s", 45_206_688),
])
def test_res2net_param_counts(name, expected):
    # the authors' released models (paper Table 2: Res2Net-50 26w x 4s has 25.7 M)
    assert meta_count_params(getattr(res2net, f"res2net{name}")) == expected


def test_res2net50_builder_and_shapes():
    assert meta_count_params(res2net.res2net50_26w_4s) == 25_699_120
    with torch.device("meta"):
        net = res2net.res2net50_26w_4s(num_classes=10)
        assert net(torch.zeros(2, 3, 224, 224)).shape == (2, 10)
        assert net.forward_features(torch.zeros(1, 3, 224, 224)).shape == (1, 2048, 7, 7)
    # the first block of every stage is a "stage" block, the others "normal" (authors' code)
    for layer in (net.layer1, net.layer2, net.layer3, net.layer4):
        assert [b.stype for b in layer] == ["stage"] + ["normal"] * (len(layer) - 1)
    assert isinstance(net.layer1[0].pool, nn.AvgPool2d) and net.layer2[0].pool.stride == 2


@pytest.mark.parametrize("scale", [2, 4, 6])
def test_bottle2neck_shapes_and_params(scale):
    b = res2net.Bottle2neck(256, 64, scale=scale)
    w = 26
    ys = b.forward_splits(torch.randn(2, 256, 8, 8))
    assert len(ys) == scale and all(y.shape == (2, w, 8, 8) for y in ys)
    assert b(torch.randn(2, 256, 8, 8)).shape == (2, 256, 8, 8)
    formula = 256 * w * scale + (scale - 1) * 9 * w * w + w * scale * 256 \
        + 2 * w * scale + (scale - 1) * 2 * w + 2 * 256
    assert count_params(b) == formula


def test_bottle2neck_stage_block_strides():
    ds = nn.Sequential(conv1x1(256, 512, 2), nn.BatchNorm2d(512))
    b = res2net.Bottle2neck(256, 128, stride=2, downsample=ds)
    assert b.stype == "stage"
    assert b(torch.randn(1, 256, 8, 8)).shape == (1, 512, 4, 4)


def test_bottle2neck_hierarchy_equation():
    # Eq. (1): y1 = x1, y2 = K2(x2), y3 = K3(x3 + y2), ...
    torch.manual_seed(0)
    b = res2net.Bottle2neck(64, 16, scale=4, base_width=64).eval()
    x = torch.randn(1, 64, 6, 6)
    with torch.no_grad():
        xs = torch.split(b.relu(b.bn1(b.conv1(x))), b.width, 1)
        k = [lambda t, i=i: b.relu(b.bns[i](b.convs[i](t))) for i in range(3)]
        y2 = k[0](xs[1])
        y3 = k[1](xs[2] + y2)
        y4 = k[2](xs[3] + y3)
        for got, want in zip(b.forward_splits(x), [xs[0], y2, y3, y4]):
            assert torch.allclose(got, want)


@pytest.mark.parametrize("scale", [2, 4, 8])
def test_res2net_receptive_fields(scale):
    torch.manual_seed(0)
    b = res2net.Bottle2neck(64, 64, scale=scale, base_width=16)
    assert res2net.measured_receptive_fields(b) == res2net.split_receptive_fields(scale)
    assert res2net.split_receptive_fields(scale) == [1] + [2 * i - 1 for i in range(2, scale + 1)]


def test_res2net_bad_inputs():
    with pytest.raises(TypeError, match="positional"):
        res2net.res2net50_26w_4s(10)
    with pytest.raises(ValueError, match="scale=1"):
        res2net.Bottle2neck(256, 64, scale=1)
    with pytest.raises(ValueError, match="scale=1"):
        res2net.split_receptive_fields(1)
    with pytest.raises(ValueError, match="stride"):
        res2net.Bottle2neck(256, 64, stride=3)
    with pytest.raises(ValueError, match="groups"):
        res2net.Bottle2neck(256, 64, groups=8)
    with pytest.raises(ValueError, match="stype"):
        res2net.Bottle2neck(256, 64, stype="first")
    with pytest.raises(ValueError, match="base_width"):
        res2net.Bottle2neck(256, 1, base_width=26)
    b = res2net.Bottle2neck(256, 64)
    with pytest.raises(ValueError, match="channels"):
        b(torch.zeros(1, 128, 8, 8))
    with pytest.raises(ValueError, match="dims"):
        b(torch.zeros(1, 256, 8))


# ---------------------------------------------------------------- DenseNet


@pytest.mark.parametrize("compression,widths", [(0.5, [(8, 23), (11, 26)]), (0.3, [(8, 23), (6, 21)]),
                                                (1.0, [(8, 23), (23, 38)])])
def test_densenet_transition_width_rounds_down(compression, widths):
    """Transition width = floor(theta * m) (paper Sec. 3): 23 channels at theta = 0.5 give 11 (torchvision:
    23 // 2), at 0.3 give 6 -- not round()'s 12 or 7."""
    assert densenet.densenet_channels((3, 3), growth_rate=5, num_init_features=8, compression=compression) == widths
    net = densenet.DenseNet(block_config=(3, 3), growth_rate=5, num_init_features=8, compression=compression,
                            num_classes=3).eval()
    assert net.features.transition1.conv.out_channels == widths[1][0]
    assert net(torch.randn(1, 3, 32, 32)).shape == (1, 3)


def test_densenet121_builder_matches_torchvision_state_dict():
    assert meta_count_params(densenet.densenet121) == meta_count_params(tvm.densenet121, weights=None) == 7_978_856
    with torch.device("meta"):
        ours, theirs = densenet.densenet121(), tvm.densenet121(weights=None)
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in theirs.state_dict().items()}
    with torch.device("meta"):
        assert ours(torch.zeros(2, 3, 224, 224)).shape == (2, 1000)
        assert ours.forward_features(torch.zeros(1, 3, 224, 224)).shape == (1, 1024, 7, 7)


def test_densenet_channel_arithmetic():
    assert densenet.dense_block_channels(64, 6, 32) == [64, 96, 128, 160, 192, 224, 256]
    assert densenet.densenet_channels((6, 12, 24, 16)) == [(64, 256), (128, 512), (256, 1024), (512, 1024)]
    assert densenet.densenet_channels((6, 12, 36, 24), 48, 96) == [(96, 384), (192, 768), (384, 2112), (1056, 2208)]
    net = densenet.densenet121()
    assert net.features.denseblock3.denselayer24.conv1.in_channels == 256 + 23 * 32
    assert net.features.transition3.conv.out_channels == 512
    assert net.out_channels == 1024


def test_dense_layer_and_block_shapes_and_params():
    layer = densenet.DenseLayer(96, growth_rate=32, bn_size=4)
    assert layer([torch.randn(2, 64, 8, 8), torch.randn(2, 32, 8, 8)]).shape == (2, 32, 8, 8)
    assert layer(torch.randn(2, 96, 8, 8)).shape == (2, 32, 8, 8)
    # BN(96) + 1x1 96->128 + BN(128) + 3x3 128->32
    assert count_params(layer) == 2 * 96 + 96 * 128 + 2 * 128 + 9 * 128 * 32
    block = densenet.DenseBlock(6, 64, 32)
    assert block(torch.randn(1, 64, 8, 8)).shape == (1, 256, 8, 8)
    t = densenet.Transition(256, 128)
    assert t(torch.randn(1, 256, 8, 8)).shape == (1, 128, 4, 4)


def test_dense_block_memory_efficient_same_output_less_memory():
    torch.manual_seed(0)
    naive = densenet.DenseBlock(4, 16, 8)
    efficient = densenet.DenseBlock(4, 16, 8, memory_efficient=True)
    efficient.load_state_dict(naive.state_dict())
    x = torch.randn(2, 16, 8, 8, requires_grad=True)
    assert torch.allclose(naive(x), efficient(x))
    assert densenet.saved_activation_bytes(efficient, x) < densenet.saved_activation_bytes(naive, x)
    sizes = densenet.concatenation_bytes(naive.eval(), torch.randn(1, 16, 8, 8))
    assert sizes == [c * 64 * 4 for c in (16, 24, 32, 40, 48)]


@pytest.mark.parametrize("memory_efficient", [False, True])
def test_saved_activation_bytes_same_on_meta(memory_efficient):
    x = torch.randn(1, 16, 8, 8)
    real = densenet.DenseBlock(3, 16, 8, memory_efficient=memory_efficient).train()
    with torch.device("meta"):
        meta = densenet.DenseBlock(3, 16, 8, memory_efficient=memory_efficient).train()
    assert densenet.saved_activation_bytes(meta, x) == densenet.saved_activation_bytes(real, x) > 0


def test_densenet_bad_inputs():
    with pytest.raises(TypeError, match="positional"):
        densenet.densenet121(10)
    with pytest.raises(ValueError, match="compression"):
        densenet.DenseNet(compression=0)
    with pytest.raises(ValueError, match="drop_rate"):
        densenet.DenseLayer(64, drop_rate=1.5)
    with pytest.raises(ValueError, match="growth_rate"):
        densenet.DenseBlock(6, 64, 0)
    with pytest.raises(ValueError, match="block_config"):
        densenet.DenseNet(block_config=(6, 0))
    layer = densenet.DenseLayer(96)
    with pytest.raises(ValueError, match="in_channels=96"):
        layer([torch.zeros(1, 64, 4, 4)])
    with pytest.raises(ValueError, match="dims"):
        layer(torch.zeros(96, 4, 4))
    with pytest.raises(ValueError, match="channels"):
        densenet.densenet121()(torch.zeros(1, 1, 32, 32))


@pytest.mark.parametrize("stem", densenet.STEMS)
@pytest.mark.parametrize("num_blocks", [1, 2, 3, 4])
def test_densenet_smallest_input_follows_blocks_and_stem(stem, num_blocks):
    """The smallest side is found by trying sizes: it is where the last transition's 2x2 pool still sees >= 2."""
    smallest = densenet.densenet_min_size(num_blocks, stem)
    net = densenet.DenseNet(growth_rate=2, block_config=(1,) * num_blocks, num_init_features=4, bn_size=1,
                            num_classes=3, in_channels=1, stem=stem).eval()
    with torch.no_grad():
        assert net(torch.zeros(1, 1, smallest, smallest)).shape == (1, 3)
        with pytest.raises(ValueError, match=rf"must be at least {smallest}: the smallest input DenseNet accepts"):
            net(torch.zeros(1, 1, smallest - 1, smallest - 1))
        if smallest > 1:                 # below it the pools themselves fail: the bound is tight, not cautious
            features = net.features[:-1] if num_blocks > 1 else net.features
            with pytest.raises(ValueError, match="the smallest input the 2x2 average pool accepts is 2x2"):
                features(torch.zeros(1, 1, smallest - 1, smallest - 1))
    assert (densenet.densenet_min_size(4), densenet.densenet_min_size(3, "cifar")) == (29, 4)


def test_densenet_cifar_stem_keeps_the_image_size():
    """Paper Sec. 3 (CIFAR/SVHN): one 3x3 conv with 2k channels, no pooling; block maps 32, 16, 8."""
    net = densenet.DenseNet(growth_rate=12, block_config=(4, 4, 4), num_init_features=24, num_classes=10,
                            in_channels=1, stem="cifar").eval()
    conv0 = net.features.conv0
    assert (conv0.kernel_size, conv0.stride, conv0.padding, conv0.out_channels) == ((3, 3), (1, 1), (1, 1), 24)
    assert [name for name, _ in net.features.named_children()][:2] == ["conv0", "denseblock1"]
    sizes = []
    hooks = [getattr(net.features, f"denseblock{i}").register_forward_hook(lambda m, i, o: sizes.append(o.shape[-1]))
             for i in (1, 2, 3)]
    with torch.no_grad():
        assert net(torch.zeros(2, 1, 32, 32)).shape == (2, 10)
        assert net.forward_features(torch.zeros(1, 1, 28, 28)).shape == (1, net.out_channels, 7, 7)
    for h in hooks:
        h.remove()
    assert sizes[:3] == [32, 16, 8]
    imagenet = densenet.DenseNet(growth_rate=12, block_config=(4, 4, 4), num_init_features=24, num_classes=10,
                                 in_channels=1)
    # the stems differ only in conv0 (7x7 vs 3x3 weights) and norm0 (2 x 24)
    assert count_params(imagenet) - count_params(net) == 24 * (49 - 9) + 2 * 24
    with pytest.raises(ValueError, match="stem"):
        densenet.DenseNet(stem="svhn")


# ---------------------------------------------------------------- Darknet-53


def test_darknet53_params_and_layers():
    assert meta_count_params(darknet.darknet53) == 41_609_928            # with the 1000-class FC
    assert meta_count_params(darknet.darknet53, num_classes=10) == 41_609_928 - 1025 * 990
    with torch.device("meta"):
        net = darknet.darknet53()
    convs = [m for m in net.modules() if isinstance(m, nn.Conv2d)]
    assert len(convs) + 1 == 53                                            # 52 convs + the FC
    acts = [m for m in net.modules() if isinstance(m, nn.LeakyReLU)]
    assert len(acts) == 52 and all(a.negative_slope == 0.1 for a in acts)


def test_darknet53_416_to_13_on_meta():
    with torch.device("meta"):
        net = darknet.darknet53()
        outs = net.forward_stages(torch.zeros(1, 3, 416, 416))
        assert [tuple(o.shape[1:]) for o in outs] == [(64, 208, 208), (128, 104, 104), (256, 52, 52),
                                                      (512, 26, 26), (1024, 13, 13)]
        assert net(torch.zeros(2, 3, 416, 416)).shape == (2, 1000)


def test_darknet_small_forward_and_residual_unit():
    net = darknet.Darknet((1, 1, 1, 1, 1), num_classes=7, stem_channels=4)
    assert net(torch.randn(2, 3, 64, 64)).shape == (2, 7)
    assert net.forward_features(torch.randn(1, 3, 64, 64)).shape == (1, 128, 2, 2)
    unit = darknet.ResidualUnit(64)
    assert unit(torch.randn(1, 64, 8, 8)).shape == (1, 64, 8, 8)
    assert count_params(unit) == 64 * 32 + 2 * 32 + 9 * 32 * 64 + 2 * 64


def small_darknet():
    """A one-stage Darknet with a 4-channel stem: quick to build."""
    return darknet.Darknet((1,), stem_channels=4)


@pytest.mark.parametrize("call, error, message", [
    (lambda: darknet.darknet53(10), TypeError, "positional"),
    (lambda: darknet.ResidualUnit(63), ValueError, "even"),
    (lambda: darknet.Darknet((1, -2, 8)), ValueError, "layers"),
    (lambda: darknet.darknet53(num_classes=0), ValueError, "num_classes"),
    (lambda: small_darknet()(torch.zeros(1, 1, 32, 32)), ValueError, "channels"),
    (lambda: small_darknet()(torch.zeros(3, 32, 32)), ValueError, "dims"),
])
def test_darknet_bad_inputs(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_bottle2neck_equals_authors_split_order_up_to_permutation():
    # The authors' code keeps the identity split last; ours (Eq. 1) keeps it first. Permuting conv1's
    # output channels and conv3's input channels maps one onto the other.
    torch.manual_seed(0)
    b = res2net.Bottle2neck(64, 16, scale=4, base_width=64).eval()
    _randomise_bn(b)
    w, s = b.width, b.scale
    order = list(range(w, s * w)) + list(range(w))          # authors' split i = our split i + 1; last = ours 1
    x = torch.randn(1, 64, 6, 6)
    with torch.no_grad():
        bn1 = b.bn1
        h = nn.functional.conv2d(x, b.conv1.weight[order])
        h = nn.functional.batch_norm(h, bn1.running_mean[order], bn1.running_var[order],
                                     bn1.weight[order], bn1.bias[order], eps=bn1.eps).relu()
        parts = torch.split(h, w, 1)
        outs, sp = [], None
        for i in range(s - 1):                                # authors' loop: hierarchical on the first s-1
            sp = parts[i] if i == 0 else sp + parts[i]
            sp = b.relu(b.bns[i](b.convs[i](sp)))
            outs.append(sp)
        outs.append(parts[s - 1])                             # identity split last
        out = nn.functional.conv2d(torch.cat(outs, 1), b.conv3.weight[:, order])
        authors = b.relu(b.bn3(out) + x)
        assert torch.allclose(authors, b(x), atol=1e-5)
