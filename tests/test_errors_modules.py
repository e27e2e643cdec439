"""Bad input to blocks, attention modules and networks: constructors that could not run, and forwards fed
the wrong rank, channel count, dtype or a too-small image. Networks are built on the meta device."""
import math

import pytest
import torch

from convcourse.attention import build_attention
from convcourse.attention.cbam import ChannelAttention, SpatialAttention
from convcourse.blocks.conv import ConvBNAct
from convcourse.blocks.pconv import PConv
from convcourse.blocks.scconv import SRU
from convcourse.nets import densenet, fasternet, inception, squeezenet
from convcourse.blocks.aspp import ASPPPooling
from convcourse.blocks.residual import BasicBlock, Bottleneck, projection_shortcut
from convcourse.nets.resnet_cifar import PlainBlock
from convcourse.nets.tiny import TinyNet
from convcourse.nets.unet import DoubleConv, center_crop, valid_input_sizes

SMALL_MODULES = {
    "ConvBNAct": lambda: ConvBNAct(8, 8),
    "BasicBlock": lambda: BasicBlock(8, 8),
    "Bottleneck": lambda: Bottleneck(8, 2),
    "PlainBlock": lambda: PlainBlock(8, 8),
    "ConvBNAct (1, 7)": lambda: ConvBNAct(8, 8, (1, 7)),
    "Transition": lambda: densenet.Transition(8, 4),
    "DoubleConv": lambda: DoubleConv(8, 8),
    "ASPPPooling": lambda: ASPPPooling(8, 8).eval(),
    "ChannelAttention": lambda: ChannelAttention(8, reduction=2),
    "SpatialAttention": lambda: SpatialAttention(),
    "SE": lambda: build_attention("se", 8, reduction=2),
    "PConv": lambda: PConv(8),
}


@pytest.fixture(scope="module")
def modules():
    return {k: f() for k, f in SMALL_MODULES.items()}


BAD_X = {
    "rank 3": (torch.randn(8, 9, 9), "4 dims"),
    "rank 5": (torch.randn(1, 1, 8, 9, 9), "4 dims"),
    "channels": (torch.randn(1, 17, 9, 9), "channels"),
    "int64": (torch.ones(1, 8, 9, 9, dtype=torch.long), "floating-point"),
    "0x0": (torch.randn(1, 8, 0, 0), "at least"),
    "batch 0": (torch.randn(0, 8, 9, 9), "batch size 0"),
}


@pytest.mark.parametrize("kind", BAD_X)
@pytest.mark.parametrize("name", SMALL_MODULES)
def test_forward_rejects_bad_x(modules, name, kind):
    x, rule = BAD_X[kind]
    if kind == "channels" and name == "SpatialAttention":     # any channel count is fine there
        return
    with pytest.raises(ValueError, match=rf"^x .*{rule}"):
        modules[name](x)


def test_forward_rejects_a_non_tensor(modules):
    with pytest.raises(TypeError, match="x must be a torch.Tensor"):
        modules["ConvBNAct"]([[1.0]])


def test_too_small_for_the_kernel_says_the_smallest_size():
    with pytest.raises(ValueError, match="at least 5: the smallest input two unpadded 3x3 convs accepts is 5x5"):
        DoubleConv(8, 8)(torch.randn(1, 8, 4, 4))
    with pytest.raises(ValueError, match="at least 2"):
        densenet.Transition(8, 4)(torch.randn(1, 8, 1, 1))


@pytest.mark.parametrize("builder, size, smallest", [
    (densenet.densenet121, 16, 29), (lambda: squeezenet.squeezenet1_0(), 16, 21),
    (lambda: squeezenet.squeezenet1_1(), 16, 17), (fasternet.fasternet_t0, 16, 32),
    (inception.inception_resnet_v2, 64, 75),
])
def test_networks_name_their_smallest_input(builder, size, smallest):
    with torch.device("meta"):
        net = builder().eval()
        with pytest.raises(ValueError, match=rf"x spatial size \({size}, {size}\) must be at least {smallest}: "
                                             rf"the smallest input .*accepts is {smallest}x{smallest}"):
            net(torch.empty(1, 3, size, size))
        assert net(torch.empty(1, 3, smallest, smallest)).shape == (1, 1000)


def test_inception_resnet_v2_aux_head_sizes():
    with torch.device("meta"):
        net = inception.InceptionResNetV2(num_classes=10, aux_logits=True, blocks=(1, 1, 1)).train()
        with pytest.raises(ValueError, match="aux_logits=True.*299-346"):
            net(torch.empty(2, 3, 75, 75))
        logits, aux = net(torch.empty(2, 3, 299, 299))
        assert aux.shape == (2, 10)
        assert net.eval()(torch.empty(2, 3, 75, 75)).shape == (2, 10)


@pytest.mark.parametrize("call, name", [
    (lambda: BasicBlock(16, 32), "downsample"),
    (lambda: Bottleneck(64, 64), "downsample"),
    (lambda: BasicBlock(16, 16, stride=2), "downsample"),
    (lambda: ConvBNAct(8, 8, kernel_size=4), "kernel_size=4 must be odd"),
    (lambda: PConv(64, kernel_size=4), "kernel_size"),
    (lambda: ConvBNAct(8, 8, stride=0), "stride=0"),
    (lambda: ConvBNAct(8, 8, dilation=0), "dilation=0"),
    (lambda: ConvBNAct(8, 8, padding=-1), "padding=-1"),
    (lambda: SRU(16, eps=-1), "eps=-1"),
    (lambda: densenet.DenseLayer(64, drop_rate=math.nan), "drop_rate=nan"),
    (lambda: TinyNet(widths=()), "widths"),
    (lambda: build_attention("se", 0), "channels"),
    (lambda: valid_input_sizes(high=10 ** 9), "high"),
    (lambda: center_crop(torch.randn(1, 1, 8, 8), -2), "size"),
])
def test_constructors_that_could_not_run(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_valid_blocks_still_work():
    assert BasicBlock(16, 32, stride=2, downsample=projection_shortcut(16, 32, 2))(torch.randn(1, 16, 8, 8)).shape \
        == (1, 32, 4, 4)
    assert Bottleneck(256, 64)(torch.randn(1, 256, 4, 4)).shape == (1, 256, 4, 4)
    assert ConvBNAct(8, 8, kernel_size=4, padding=0).eval()(torch.randn(1, 8, 4, 4)).shape == (1, 8, 1, 1)
    assert center_crop(torch.randn(1, 1, 8, 8), 4).shape == (1, 1, 4, 4)
    assert DoubleConv(2, 2)(torch.randn(1, 2, 5, 5)).shape == (1, 2, 1, 1)
