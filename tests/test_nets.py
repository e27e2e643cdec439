"""nets.vgg, nets.resnet, nets.resnet_cifar, nets.inception, nets.xception: lessons 03-06.

Parameter counts and outputs against torchvision / timm are in test_registry.py."""
import inspect

import pytest
import torch
import torchvision

from convcourse import registry
from convcourse.blocks.separable import SeparableConv2d
from convcourse.measure import conv2d_params, count_macs, count_params, meta_count_params
from convcourse.nets import inception as I
from convcourse.nets import resnet as R
from convcourse.nets import resnet_cifar as RC
from convcourse.nets import vgg as V
from convcourse.nets import xception as X

# ---------------------------------------------------------------- every builder (the registry)

CLASSIFIERS = [e.name for e in registry.entries() if e.lesson not in (27, 28)]   # 27/28: DeepLabV3, U-Net


@pytest.mark.parametrize("name", [e.name for e in registry.entries() if e.name != "unet"])
def test_builders_are_keyword_only(name):
    """Like torchvision: ``resnet50(num_classes=10)``; ``resnet50(10)`` is a TypeError."""
    builder = registry.resolve(registry.get(name).builder)
    kinds = {p.name: p.kind for p in inspect.signature(builder).parameters.values()}
    assert kinds.get("num_classes") is inspect.Parameter.KEYWORD_ONLY, kinds
    assert not [n for n, k in kinds.items() if k is inspect.Parameter.POSITIONAL_OR_KEYWORD], kinds


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_forward_is_head_of_forward_features(name):
    """Every classification network has ``forward_features`` (the last map before pooling) and its forward
    goes through it; built and run on the meta device."""
    e = registry.get(name)
    with torch.device("meta"):
        model = registry.build(name).eval()
        x = torch.zeros(1, e.in_channels, e.input_size, e.input_size)
        features = model.forward_features(x)
        assert features.dim() == 4 and features.shape[0] == 1 and features.shape[-1] < e.input_size
        calls = []
        real = model.forward_features
        model.forward_features = lambda t: calls.append(t) or real(t)
        out = model(x)
    assert out.dim() == 2 and out.shape[0] == 1
    assert len(calls) == 1


# ---------------------------------------------------------------- VGG (notebook 03)

VGG_BUILDERS = ["vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn"]


@pytest.mark.parametrize("name", VGG_BUILDERS)
def test_vgg_num_classes(name):
    with torch.device("meta"):
        m = getattr(V, name)(num_classes=10)
    assert m(torch.zeros(2, 3, 224, 224, device="meta")).shape == (2, 10)


def test_vgg_paper_table2_and_layer_counts():
    weight_layers = {"A": 11, "A-LRN": 11, "B": 13, "C": 16, "D": 16, "E": 19}
    for config, millions in V.PAPER_PARAMS_M.items():
        assert round(meta_count_params(V.vgg, config) / 1e6) == millions
        with torch.device("meta"):
            m = V.vgg(config)
        n = sum(isinstance(x, (torch.nn.Conv2d, torch.nn.Linear)) for x in m.modules())
        assert n == weight_layers[config]


def test_vgg_small_forward_and_lrn():
    m = V.vgg("A-LRN", num_classes=5).eval()
    assert any(isinstance(x, torch.nn.LocalResponseNorm) for x in m.modules())
    assert m(torch.randn(1, 3, 32, 32)).shape == (1, 5)


@pytest.mark.parametrize("config", list(V.CONFIGS))
def test_vgg_layer_costs_match_counters(config):
    rows = V.layer_costs(config)
    with torch.device("meta"):
        m = V.vgg(config)
    assert sum(p for _, p, _ in rows) == count_params(m)
    assert sum(c for *_, c in rows) == count_macs(m, (1, 3, 224, 224))


def test_vgg_stacked_3x3_arithmetic():
    c = 256
    assert 2 * conv2d_params(c, c, 3, bias=False) == 18 * c * c < conv2d_params(c, c, 5, bias=False)
    assert 3 * conv2d_params(c, c, 3, bias=False) == 27 * c * c < conv2d_params(c, c, 7, bias=False)
    assert V.receptive_field([3, 3]) == 5 and V.receptive_field([3, 3, 3]) == 7
    assert V.receptive_fields("D")[-1] == ("conv5_3", 196)


def test_vgg_receptive_field_by_gradient():
    x = torch.zeros(1, 1, 15, 15, requires_grad=True)
    stack = torch.nn.Sequential(*[torch.nn.Conv2d(1, 1, 3, padding=1, bias=False) for _ in range(3)])
    for conv in stack:
        torch.nn.init.ones_(conv.weight)
    stack(x)[0, 0, 7, 7].backward()
    rows = (x.grad[0, 0] != 0).any(1).sum().item()
    assert rows == V.receptive_field([3, 3, 3]) == 7


def test_vgg_bad_arguments():
    with pytest.raises(ValueError, match="config"):
        V.vgg("F")
    with pytest.raises(ValueError, match="config"):
        V.make_layers("vgg16")
    with pytest.raises(ValueError, match="num_classes"):
        V.vgg16(num_classes=0)
    with pytest.raises(ValueError, match="dropout"):
        V.vgg16(dropout=1.5)
    with pytest.raises(ValueError, match="strides"):
        V.receptive_field([3, 3], [1])
    with pytest.raises(ValueError, match="image_size"):
        V.layer_costs("D", image_size=16)
    m = V.vgg11(num_classes=3)
    with pytest.raises(ValueError, match="channels"):
        m(torch.zeros(1, 1, 32, 32))
    with pytest.raises(ValueError, match="dims"):
        m(torch.zeros(3, 32, 32))
    with pytest.raises(ValueError, match="spatial size"):
        m(torch.zeros(1, 3, 16, 16))


# ---------------------------------------------------------------- ResNet (notebook 04)


def test_resnet50_same_layers_as_torchvision():
    """Same parameter tensors in the same order: the forward does the same work (latency is compared in 04)."""
    with torch.device("meta"):
        ours, theirs = R.resnet50(), torchvision.models.resnet50(weights=None)
    assert [tuple(p.shape) for p in ours.parameters()] == [tuple(p.shape) for p in theirs.parameters()]
    def leaves(model):   # the attention slot of our blocks is an nn.Identity when unused: no work
        return [type(m).__name__ for m in model.modules() if not list(m.children()) and type(m) is not torch.nn.Identity]
    assert leaves(ours) == leaves(theirs)


def test_resnet_shortcut_options():
    b = meta_count_params(R.resnet34)
    assert meta_count_params(R.resnet34, shortcut="B") == b
    assert b - meta_count_params(R.resnet34, shortcut="A") == 173824          # 3 projections + their BN
    assert meta_count_params(R.resnet34, shortcut="C") > b
    with torch.device("meta"):
        c = R.resnet34(shortcut="C")
    assert sum(blk.downsample is not None for blk in c.modules() if isinstance(blk, R.BasicBlock)) == 16
    for option in "AC":
        m = R.resnet50(num_classes=7, shortcut=option).eval()
        assert m(torch.randn(1, 3, 64, 64)).shape == (1, 7)
    with pytest.raises(ValueError, match="shortcut"):
        R.resnet18(shortcut="D")


def test_zero_pad_shortcut():
    x = torch.randn(2, 16, 8, 8)
    y = R.ZeroPadShortcut(16, 32, stride=2)(x)
    assert y.shape == (2, 32, 4, 4)
    assert torch.equal(y[:, :16], x[:, :, ::2, ::2]) and (y[:, 16:] == 0).all()
    assert count_params(R.ZeroPadShortcut(16, 32, 2)) == 0
    with pytest.raises(ValueError, match="out_channels"):
        R.ZeroPadShortcut(32, 16)
    with pytest.raises(ValueError, match="stride"):
        R.ZeroPadShortcut(16, 32, stride=3)
    with pytest.raises(ValueError, match="channels"):
        R.ZeroPadShortcut(16, 32)(torch.randn(1, 8, 4, 4))


def test_block_formulas():
    from convcourse.measure import bn_params
    assert count_params(R.BasicBlock(64, 64)) == 2 * (conv2d_params(64, 64, 3, bias=False) + bn_params(64))
    assert count_params(R.Bottleneck(256, 64)) == 70400
    assert R.Bottleneck(256, 64)(torch.randn(1, 256, 8, 8)).shape == (1, 256, 8, 8)


@pytest.mark.parametrize("depth,params", [(20, 269722), (32, 464154), (44, 658586), (56, 853018), (110, 1727962)])
def test_cifar_resnet_table6(depth, params):
    assert meta_count_params(RC.CifarResNet, depth) == params == meta_count_params(RC.plain_net, depth=depth)


def test_cifar_resnet_shapes_and_layers():
    for residual in (True, False):
        m = RC.CifarResNet(20, num_classes=4, residual=residual, widths=(4, 8, 16))
        assert m(torch.randn(2, 3, 24, 24)).shape == (2, 4)
        assert len(m.conv_layers()) == 19
    m = RC.resnet20(shortcut="B")
    assert count_params(m) > 269722
    assert RC.resnet56().depth == 56 and RC.resnet110().depth == 110


@pytest.mark.parametrize("call, message", [
    (lambda: RC.CifarResNet(21), "6n"),
    (lambda: RC.CifarResNet(2), "depth"),
    (lambda: RC.CifarResNet(20, shortcut="C"), "shortcut"),
    (lambda: RC.CifarResNet(20, widths=(16, 32)), "widths"),
    (lambda: RC.resnet20(num_classes=0), "num_classes"),
    (lambda: RC.resnet20()(torch.randn(1, 1, 32, 32)), "channels"),
])
def test_cifar_resnet_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------- Inception (notebook 05)


def test_inception_v1_block_3a():
    x = torch.randn(1, 192, 28, 28)
    reduced, naive = I.googlenet_block("3a"), I.googlenet_block("3a", reduce=False)
    assert reduced(x).shape == (1, 256, 28, 28) and naive(x).shape == (1, 64 + 128 + 32 + 192, 28, 28)
    weights = 192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 25 * 16 * 32 + 192 * 32
    assert count_params(reduced) == weights + (64 + 96 + 128 + 16 + 32 + 32)
    assert count_params(naive) == 192 * 64 + 9 * 192 * 128 + 25 * 192 * 32 + (64 + 128 + 32)
    assert count_macs(reduced, (1, 192, 28, 28)) == weights * 28 * 28
    with pytest.raises(ValueError, match="name"):
        I.googlenet_block("6a")
    with pytest.raises(ValueError, match="ch3x3"):
        I.InceptionV1Block(192, 64, 96, 0, 16, 32, 32)
    with pytest.raises(ValueError, match="channels"):
        reduced(torch.randn(1, 64, 8, 8))


@pytest.mark.parametrize("k,mode", [(5, "stacked"), (7, "stacked"), (3, "asymmetric"), (7, "asymmetric"), (5, "full")])
def test_factorized_conv_equalities(k, mode):
    c = 32
    m = I.FactorizedConv(c, c, k, mode)
    convs = [x for x in m.modules() if isinstance(x, torch.nn.Conv2d)]
    assert sum(x.weight.numel() for x in convs) == I.factorized_weights(c, k, mode)
    assert m(torch.randn(1, c, 17, 17)).shape == (1, c, 17, 17)
    assert V.receptive_field([x.kernel_size[0] for x in convs]) == k       # same receptive field (rows)
    assert V.receptive_field([x.kernel_size[1] for x in convs]) == k       # ... and columns


def test_factorisation_savings():
    assert I.factorized_weights(1, 5, "stacked") == 18 and I.factorized_weights(1, 5, "full") == 25
    assert I.factorized_weights(1, 3, "asymmetric") == 6 and I.factorized_weights(1, 7, "asymmetric") == 14
    with pytest.raises(ValueError, match="kernel_size"):
        I.FactorizedConv(8, 8, 4)
    with pytest.raises(ValueError, match="mode"):
        I.FactorizedConv(8, 8, 5, mode="diagonal")


@pytest.mark.parametrize("block,channels,size", [(I.InceptionResNetA, 320, 35), (I.InceptionResNetB, 1088, 17),
                                                 (I.InceptionResNetC, 2080, 8)])
def test_inception_resnet_blocks(block, channels, size):
    with torch.device("meta"):
        m = block()
        assert m(torch.zeros(1, channels, size, size)).shape == (1, channels, size, size)
    small = block(channels=64, scale=0.1).eval()
    x = torch.randn(1, 64, 9, 9)
    torch.nn.init.zeros_(small.up.weight)
    torch.nn.init.zeros_(small.up.bias)
    assert torch.equal(small(x), torch.relu(x))                 # zero residual: the block is relu(identity)
    with pytest.raises(ValueError, match="scale"):
        block(channels=64, scale=0)
    with pytest.raises(ValueError, match="scale"):
        block(channels=64, scale=1.5)


def test_inception_resnet_v2_counts_and_shape():
    assert meta_count_params(I.inception_resnet_v2) == 55_843_464
    with torch.device("meta"):
        m = I.inception_resnet_v2(num_classes=10).eval()
        assert m(torch.zeros(2, 3, 299, 299)).shape == (2, 10)
        assert count_macs(I.inception_resnet_v2(), (1, 3, 299, 299)) // 10 ** 8 == 131
        aux = I.inception_resnet_v2(aux_logits=True).train()
        logits, aux_logits = aux(torch.zeros(2, 3, 299, 299))
    assert logits.shape == aux_logits.shape == (2, 1000)
    with pytest.raises(ValueError, match="blocks"):
        I.inception_resnet_v2(blocks=(10, 20))
    with pytest.raises(ValueError, match="spatial size"):
        I.inception_resnet_v2()(torch.zeros(1, 3, 32, 32))


# ---------------------------------------------------------------- Xception (notebook 06)


def test_xception_paper_counts():
    assert meta_count_params(X.xception) == 22_855_952                      # paper Table 3
    with torch.device("meta"):
        m = X.xception()
        assert count_macs(m, (1, 3, 299, 299)) // 10 ** 7 == 835               # 8.36 G multiply-adds
    modules = m.paper_modules()
    assert len(modules) == 14 and len(X.conv_layers(m)) == 36
    assert sum(len(X.conv_layers(mod)) for mod in modules) == 36
    assert [isinstance(mod, X.XceptionBlock) for mod in modules] == [False] + [True] * 12 + [False]
    assert all(isinstance(c, SeparableConv2d) for c in X.conv_layers(m)[2:])


def test_xception_shapes():
    with torch.device("meta"):
        m = X.xception(num_classes=10)
        x = torch.zeros(2, 3, 299, 299)
        assert m.entry_flow(x).shape == (2, 728, 19, 19)
        assert m.forward_features(x).shape == (2, 2048, 10, 10)
        assert m(x).shape == (2, 10)
    small = X.xception(num_classes=3, middle_repeats=1).eval()
    assert small(torch.randn(1, 3, 71, 71)).shape == (1, 3)
    assert meta_count_params(X.xception, middle_repeats=4) == 22_855_952 - 4 * 3 * (9 * 728 + 728 * 728 + 2 * 728)


def test_xception_block():
    b = X.XceptionBlock(64, 128, reps=2, stride=2)
    x = torch.randn(1, 64, 15, 15)
    assert b(x).shape == (1, 128, 8, 8)
    x2 = x.clone()
    b(x2)
    assert torch.equal(x, x2)                          # the first ReLU is not in-place: the input survives
    exit_block = X.XceptionBlock(32, 48, reps=2, stride=2, grow_first=False)
    seps = [m for m in exit_block.modules() if isinstance(m, SeparableConv2d)]
    assert [(s.in_channels, s.out_channels) for s in seps] == [(32, 32), (32, 48)]
    assert isinstance(X.XceptionBlock(16, 16, reps=3).shortcut, torch.nn.Identity)


def test_xception_bad_arguments():
    with pytest.raises(ValueError, match="stride"):
        X.XceptionBlock(8, 8, stride=3)
    with pytest.raises(ValueError, match="reps"):
        X.XceptionBlock(8, 8, reps=0)
    with pytest.raises(ValueError, match="middle_repeats"):
        X.xception(middle_repeats=0)
    with pytest.raises(ValueError, match="num_classes"):
        X.xception(num_classes=0)
    with pytest.raises(ValueError, match="channels"):
        X.XceptionBlock(8, 8)(torch.randn(1, 4, 8, 8))
    with pytest.raises(ValueError, match="spatial size"):
        X.xception()(torch.randn(1, 3, 16, 16))
