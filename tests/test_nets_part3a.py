"""Classic backbones, part A: VGG (03), ResNet (04), Inception (05), Xception (06)."""
import pytest
import torch
import torchvision

from convcourse.measure import conv2d_params, count_macs, count_params, meta_count_params
from convcourse.nets import vgg as V

# ---------------------------------------------------------------- VGG (notebook 03)

VGG_BUILDERS = ["vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn"]


@pytest.mark.parametrize("name", VGG_BUILDERS)
def test_vgg_params_equal_torchvision(name):
    ours = meta_count_params(getattr(V, name))
    theirs = meta_count_params(getattr(torchvision.models, name), weights=None)
    assert ours == theirs


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
