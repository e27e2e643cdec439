"""Fidelity to the papers and the authors' code: GoogLeNet whole, VGG's LRN, the two DeepLabV3 heads,
ParNet's released configurations and gate, CBAM's official spatial gate, Non-local's init, DANet's labels."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from convcourse.attention import record_attention
from convcourse.measure import count_params, meta_count_params

torchvision = pytest.importorskip("torchvision")


# ---------------------------------------------------------------- GoogLeNet (notebook 05)
from convcourse.nets import inception as I


@pytest.mark.parametrize("aux, expected", [(False, 6_624_904), (True, 13_004_888)])
def test_googlenet_params_equal_torchvision(aux, expected):
    ours = meta_count_params(I.googlenet, aux_logits=aux)
    ref = meta_count_params(torchvision.models.googlenet, weights=None, aux_logits=aux, init_weights=False)
    assert ours == ref == expected


def _googlenet_pair():
    torch.manual_seed(0)
    ref = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True, transform_input=False)
    ours = I.googlenet(aux_logits=True)
    so, sr = ours.state_dict(), ref.state_dict()
    assert [v.shape for v in so.values()] == [v.shape for v in sr.values()]   # same layout, same order
    ours.load_state_dict(dict(zip(so.keys(), sr.values())))
    return ours, ref


def test_googlenet_same_outputs_as_torchvision_with_copied_weights():
    ours, ref = _googlenet_pair()
    x = torch.randn(2, 3, 96, 96)
    ours.eval(), ref.eval()
    with torch.no_grad():
        assert torch.equal(ours(x), ref(x))
    # training mode: the auxiliary heads read 4a and 4d; same dropout draws in the same order
    ours.train(), ref.train()
    torch.manual_seed(1)
    r = ref(x)
    torch.manual_seed(1)
    logits, aux1, aux2 = ours(x)
    assert torch.equal(logits, r.logits) and torch.equal(aux1, r.aux_logits1) and torch.equal(aux2, r.aux_logits2)


def test_googlenet_shapes_and_aux_only_in_training():
    net = I.googlenet(num_classes=10, aux_logits=False)
    assert not hasattr(net, "aux1")
    with torch.no_grad():
        assert net.eval()(torch.randn(1, 3, 224, 224)).shape == (1, 10)
        out = I.googlenet(num_classes=7).train()(torch.randn(2, 3, 224, 224))
    assert isinstance(out, tuple) and [o.shape for o in out] == [(2, 7)] * 3


def test_googlenet_paper_layout_is_table_1():
    net = I.googlenet(aux_logits=True, layout="paper")
    mods = list(net.modules())
    assert not any(isinstance(m, nn.BatchNorm2d) for m in mods)
    assert sum(isinstance(m, nn.LocalResponseNorm) for m in mods) == 2       # Fig. 3: two LRNs in the stem
    fives = [m for m in mods if isinstance(m, nn.Conv2d) and m.kernel_size == (5, 5)]
    assert len(fives) == 9                                                    # one 5x5 per Inception block
    assert all(m.bias is not None for m in mods if isinstance(m, nn.Conv2d))
    assert net.dropout.p == 0.4 and isinstance(net.aux1[0], nn.AvgPool2d)    # Table 1 dropout 40%, 5x5/3 pool
    tv = I.googlenet()
    assert tv.dropout.p == 0.2 and not any(isinstance(m, nn.LocalResponseNorm) for m in tv.modules())
    with torch.no_grad():
        assert net.eval()(torch.randn(1, 3, 224, 224)).shape == (1, 1000)
    with pytest.raises(ValueError, match="layout"):
        I.googlenet(layout="caffe")


# ---------------------------------------------------------------- VGG A-LRN (notebook 03)
from convcourse.nets import vgg as V


def test_vgg_lrn_alpha_is_alexnets_in_pytorch_convention():
    lrn = [m for m in V.make_layers("A-LRN") if isinstance(m, nn.LocalResponseNorm)]
    assert len(lrn) == 1
    lrn = lrn[0]
    assert (lrn.size, lrn.alpha, lrn.beta, lrn.k) == (5, 5e-4, 0.75, 2.0)
    # AlexNet Sec. 3.3: b = a / (k + alpha * sum_{n neighbours} a^2)^beta with alpha = 1e-4 (no division by n)
    a = torch.randn(1, 8, 3, 3, dtype=torch.float64) * 20
    sq = torch.nn.functional.pad(a ** 2, (0, 0, 0, 0, 2, 2))                 # zero channels beyond the ends
    window = sum(sq[:, i:i + 8] for i in range(5))
    expected = a / (2.0 + 1e-4 * window) ** 0.75
    assert torch.allclose(lrn(a), expected, rtol=1e-12, atol=0)


# ---------------------------------------------------------------- DeepLabV3 heads (notebook 27)
from convcourse.nets import aspp as A


def test_deeplab_torchvision_head_matches_torchvision():
    ours = meta_count_params(A.deeplabv3_resnet50, num_classes=21)
    ref = meta_count_params(torchvision.models.segmentation.deeplabv3_resnet50, weights=None,
                            weights_backbone=None, aux_loss=False)
    assert ours == ref
    with torch.device("meta"):
        head = A.deeplabv3_resnet50().classifier
    assert head.head == "torchvision" and len(head) == 3
    assert head[0].project[-1].p == 0.5 and head[1][0].kernel_size == (3, 3)


def test_deeplab_paper_head_is_1x1_projection_dropout_01_then_logits():
    with torch.device("meta"):
        tv = A.deeplabv3_resnet50(num_classes=21)
        paper = A.deeplabv3_resnet50(num_classes=21, head="paper")
    head = paper.classifier
    assert head.head == "paper" and len(head) == 2
    aspp, logits = head
    proj = aspp.project[0]
    assert proj[0].kernel_size == (1, 1) and isinstance(proj[1], nn.BatchNorm2d) and isinstance(proj[2], nn.ReLU)
    assert aspp.project[-1].p == 0.1
    assert isinstance(logits, nn.Conv2d) and logits.kernel_size == (1, 1) and logits.out_channels == 21
    # the only difference: torchvision's extra 3x3 conv (256 -> 256, no bias) and its BN
    assert count_params(tv) - count_params(paper) == 3 * 3 * 256 * 256 + 2 * 256
    with pytest.raises(ValueError, match="head"):
        A.deeplabv3_resnet50(head="official")


def test_deeplab_paper_head_forward():
    head = A.DeepLabHead(64, 5, (1, 2, 3), head="paper").eval()
    with torch.no_grad():
        assert head(torch.randn(2, 64, 9, 9)).shape == (2, 5, 9, 9)


# ---------------------------------------------------------------- ParNet (notebook 26)
from convcourse.blocks.parnet import DownsamplingBlock, FusionBlock
from convcourse.nets import parnet as P


def test_parnet_released_configurations():
    assert P.WIDTHS["s"] == (64, 92, 192, 384, 1280) and P.PAPER_TABLE_WIDTH_S[1] == 96
    with torch.device("meta"):
        nets = {v: getattr(P, f"parnet_{v}")() for v in ("s", "m", "l", "xl")}
    assert nets["s"].stream1[0].channels == 92
    assert {v: n.dropout.p for v, n in nets.items()} == {"s": 0.0, "m": 0.0, "l": 0.1, "xl": 0.1}
    with torch.device("meta"):
        assert P.parnet_l(dropout=0.0).dropout.p == 0.0


def test_parnet_official_gate_is_two_sigmoid():
    torch.manual_seed(0)
    paper = DownsamplingBlock(8, 16).eval()
    official = DownsamplingBlock(8, 16, gate="2sigmoid").eval()
    official.load_state_dict(paper.state_dict())                             # same parameters
    x = torch.randn(2, 8, 8, 8)
    with torch.no_grad():
        branches = paper.conv3x3(x) + paper.conv1x1(paper.pool(x))
        s = paper.se(x)
        assert torch.allclose(paper(x), torch.nn.functional.silu(branches * s), atol=1e-6)
        assert torch.allclose(official(x), torch.nn.functional.silu(branches * 2 * s), atol=1e-6)
        y = official(x)
        official.reparameterize()
        assert torch.allclose(official(x), y, atol=1e-5)
    assert FusionBlock(8, 16, gate="2sigmoid").down.gate == "2sigmoid"
    net = P.ParNet((8, 12, 16, 24, 32), num_classes=5, gate="2sigmoid")
    gates = {m.gate for m in net.modules() if isinstance(m, DownsamplingBlock)}
    assert gates == {"2sigmoid"}
    with pytest.raises(ValueError, match="gate"):
        DownsamplingBlock(8, 16, gate="relu")


# ---------------------------------------------------------------- CBAM (notebook 18)
from convcourse.attention.cbam import CBAM, SpatialAttention


def test_cbam_spatial_bn_matches_official_spatial_gate():
    torch.manual_seed(0)
    ours = SpatialAttention(7, bn=True)
    assert ours.bn.momentum == 0.01 and ours.bn.eps == 1e-5 and ours.conv.bias is None
    # the official SpatialGate: ChannelPool = cat([max, mean]) -> conv 7x7 (no bias) -> BN(momentum 0.01) -> sigmoid
    conv = nn.Conv2d(2, 1, 7, padding=3, bias=False)
    bn = nn.BatchNorm2d(1, eps=1e-5, momentum=0.01)
    conv.load_state_dict(ours.conv.state_dict())
    x = torch.randn(4, 16, 10, 10)
    ref = torch.sigmoid(bn(conv(torch.cat([x.amax(1, keepdim=True), x.mean(1, keepdim=True)], 1))))
    assert torch.allclose(ours(x), ref, atol=1e-6)                           # training mode: batch statistics
    assert torch.allclose(ours.bn.running_mean, bn.running_mean) and torch.allclose(ours.bn.running_var, bn.running_var)
    # the paper's Eq. 3 keeps [avg; max] and a biased conv
    paper = SpatialAttention(7)
    w = torch.zeros_like(paper.conv.weight)
    w[0, 0, 3, 3] = 1.0                                                      # pick channel 0 at the centre
    with torch.no_grad():
        paper.conv.weight.copy_(w), paper.conv.bias.zero_()
    assert torch.allclose(paper(x), torch.sigmoid(x.mean(1, keepdim=True)), atol=1e-6)
    assert isinstance(CBAM(32, spatial_bn=True).spatial_attention.bn, nn.BatchNorm2d)


# ---------------------------------------------------------------- Non-local (notebook 22)
from convcourse.attention import nonlocal_ as NL


def test_nonlocal_official_init_and_zero_bn():
    torch.manual_seed(0)
    block = NL.NonLocalBlock(256, init="official")
    for conv in (block.theta, block.phi, block.g, block.W_z[0]):
        assert abs(conv.weight.std().item() - 0.01) < 1e-3 and torch.count_nonzero(conv.bias) == 0
    assert torch.count_nonzero(block.W_z[1].weight) == 0                     # BN scale zero: identity at start
    x = torch.randn(1, 256, 5, 5)
    assert torch.equal(block.eval()(x), x)
    default = NL.NonLocalBlock(256)
    assert default.theta.weight.std().item() > 0.02                          # PyTorch's default is left alone
    assert "Sec. 4" in NL.NonLocalBlock.__doc__
    with pytest.raises(ValueError, match="init"):
        NL.NonLocalBlock(8, init="xavier")


# ---------------------------------------------------------------- DANet (notebook 24)
from convcourse.attention.danet import PositionAttentionModule


def test_danet_query_key_labels_follow_the_paper():
    torch.manual_seed(0)
    pam = PositionAttentionModule(16)
    x = torch.randn(1, 16, 4, 5)
    with record_attention(pam):
        pam.aggregate(x)
    B = pam.key_conv(x).flatten(2)[0]                                        # (C/8, HW): B_i at positions i
    C = pam.query_conv(x).flatten(2)[0]                                      # (C/8, HW): C_j at output j
    s = (C.T @ B).softmax(dim=-1)                                            # s[j, i] = softmax_i(B_i . C_j), Eq. 1
    assert torch.allclose(pam.last_attention[0], s, atol=1e-6)
    doc = PositionAttentionModule.__doc__
    assert "``query_conv`` gives C" in doc and "``key_conv`` gives B" in doc
