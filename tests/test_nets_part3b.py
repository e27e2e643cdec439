"""Part 3b networks: ResNeXt (three forms), Res2Net, DenseNet, Darknet-53."""
import copy

import pytest
import torch
from torch import nn

from convcourse.measure import count_params, meta_count_params
from convcourse.nets import resnext
from convcourse.nets.resnet import Bottleneck, conv1x1

tvm = pytest.importorskip("torchvision.models")


def _randomise_bn(module: nn.Module) -> None:
    """Non-trivial BN statistics so that a wrong channel mapping cannot hide behind mean 0 / var 1."""
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-1, 1)
            m.running_var.uniform_(0.5, 2)
            m.weight.data.uniform_(0.5, 2)
            m.bias.data.uniform_(-1, 1)


# ---------------------------------------------------------------- ResNeXt
@pytest.mark.parametrize("ours,theirs", [
    (resnext.resnext50_32x4d, tvm.resnext50_32x4d),
    (resnext.resnext101_32x8d, tvm.resnext101_32x8d),
    (resnext.resnext101_64x4d, tvm.resnext101_64x4d),
])
def test_resnext_matches_torchvision(ours, theirs):
    assert meta_count_params(ours) == meta_count_params(theirs, weights=None)


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
    net = resnext.resnext("50_32x4d", num_classes=10, block=resnext.EarlyConcat)
    assert count_params(net) == meta_count_params(resnext.resnext50_32x4d, num_classes=10)


def test_resnext_bad_inputs():
    with pytest.raises(ValueError, match="name"):
        resnext.resnext("50_2x64d")
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
