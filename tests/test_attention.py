"""SE, CBAM, ECA, cSE/sSE/scSE and SimAM: shapes, parameter formulas, paper facts, bad inputs."""
import pytest
import torch
from torch import nn
from torchvision.models import resnet50 as tv_resnet50
from torchvision.ops import SqueezeExcitation

from convcourse.attention import ATTENTION_NAMES, build_attention, record_attention
from convcourse.attention.cbam import CBAM, cbam_params
from convcourse.attention.eca import ECA, eca_kernel_size
from convcourse.attention.scse import SCSE, ChannelSE, SpatialSE
from convcourse.attention.se import SEBlock, se_params
from convcourse.attention.simam import SimAM, inverse_energy, minimal_energy
from convcourse.measure import count_params, meta_count_params
from convcourse.nets.resnet import cbam_resnet50, eca_resnet50, resnet50, se_resnet50
from convcourse.nets.tiny import TinyNet
from convcourse.viz.attention_maps import attention_modules, collect_attention, mass_in_box, spatial_map

NAMES = ("se", "cbam", "eca", "cse", "sse", "scse", "simam")


@pytest.mark.parametrize("name", NAMES)
def test_build_attention_shape_and_last_attention(name):
    m = build_attention(name, 64)
    x = torch.randn(2, 64, 9, 7)
    with record_attention(m):
        assert m(x).shape == x.shape
    att = m.last_attention
    maps = att.values() if isinstance(att, dict) else [att]
    for a in maps:
        assert a.dim() == 4 and a.shape[0] == 2 and not a.requires_grad


@pytest.mark.parametrize("name", NAMES)
def test_wrong_rank_and_channels(name):
    m = build_attention(name, 32)
    with pytest.raises(ValueError, match="dims"):
        m(torch.randn(32, 8, 8))
    with pytest.raises(ValueError, match="channels=32"):
        m(torch.randn(1, 16, 8, 8))


@pytest.mark.parametrize("name", ("se", "cbam", "cse", "scse"))
def test_reduction_larger_than_channels(name):
    with pytest.raises(ValueError, match="reduction"):
        build_attention(name, 8, reduction=16)


@pytest.mark.parametrize("c,r", [(64, 16), (256, 16), (2048, 16), (64, 4)])
def test_se_params(c, r):
    assert count_params(SEBlock(c, r)) == se_params(c, r) == 2 * c * (c // r) + c // r + c
    assert count_params(SEBlock(c, r, bias=False)) == se_params(c, r, bias=False) == 2 * c * (c // r)


@pytest.mark.parametrize("c,r,hidden", [(60, 16, 3), (100, 16, 6), (24, 5, 4), (17, 4, 4)])
def test_se_hidden_width_rounds_down_when_r_does_not_divide_c(c, r, hidden):
    """The official SENet code uses channel // reduction (floor), e.g. 60 // 16 = 3, not round(3.75) = 4."""
    m = SEBlock(c, r)
    assert m.fc1.out_channels == m.fc2.in_channels == hidden
    assert count_params(m) == se_params(c, r) == 2 * c * hidden + hidden + c


def test_se_matches_torchvision_squeeze_excitation():
    ours, tv = SEBlock(256, 16), SqueezeExcitation(256, 16)
    assert count_params(ours) == count_params(tv)
    tv.fc1.load_state_dict(ours.fc1.state_dict())
    tv.fc2.load_state_dict(ours.fc2.state_dict())
    x = torch.randn(2, 256, 7, 7)
    torch.testing.assert_close(ours(x), tv(x))


def test_se_bias_free_equals_notes_selayer():
    """The notes' SELayer (bias-free nn.Linear) computes the same as SEBlock(bias=False)."""
    c, r = 64, 16
    ours = SEBlock(c, r, bias=False)
    fc = nn.Sequential(nn.Linear(c, c // r, bias=False), nn.ReLU(), nn.Linear(c // r, c, bias=False), nn.Sigmoid())
    fc[0].weight.data = ours.fc1.weight.data[:, :, 0, 0].clone()
    fc[2].weight.data = ours.fc2.weight.data[:, :, 0, 0].clone()
    x = torch.randn(2, c, 5, 5)
    torch.testing.assert_close(ours(x), x * fc(x.mean((2, 3)))[:, :, None, None])


def test_se_resnet50_params_paper():
    base = meta_count_params(resnet50)
    assert base == meta_count_params(tv_resnet50, weights=None) == 25_557_032
    extra = sum(n * se_params(c, 16) for n, c in ((3, 256), (4, 512), (6, 1024), (3, 2048)))
    assert meta_count_params(se_resnet50) == base + extra
    assert round(meta_count_params(se_resnet50) / 1e6, 1) == 28.1       # paper Table 1


@pytest.mark.parametrize("c,r,k,bn", [(64, 16, 7, False), (256, 16, 7, True), (32, 4, 3, False)])
def test_cbam_params(c, r, k, bn):
    m = CBAM(c, r, k, spatial_bn=bn)
    assert count_params(m) == cbam_params(c, r, k, bn) == 2 * c * (c // r) + c // r + c + 2 * k * k + (2 if bn else 1)


def test_cbam_spatial_kernel_is_7x7_and_two_inputs():
    m = CBAM(64)
    assert m.spatial_attention.conv.weight.shape == (1, 2, 7, 7)


def test_cbam_channel_shared_mlp_and_orders():
    m = CBAM(32, 4)
    x = torch.randn(2, 32, 6, 6)
    mlp = m.channel_attention.mlp
    mc = torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))
    f1 = x * mc
    sp = m.spatial_attention
    ms = torch.sigmoid(sp.conv(torch.cat([f1.mean(1, keepdim=True), f1.amax(1, keepdim=True)], 1)))
    torch.testing.assert_close(m(x), f1 * ms)

    def mc_of(t):
        return torch.sigmoid(mlp(t.mean((2, 3), keepdim=True)) + mlp(t.amax((2, 3), keepdim=True)))

    def ms_of(t):
        return torch.sigmoid(sp.conv(torch.cat([t.mean(1, keepdim=True), t.amax(1, keepdim=True)], 1)))

    sc, par = CBAM(32, 4, order="spatial-channel"), CBAM(32, 4, order="parallel")
    sc.load_state_dict(m.state_dict())
    par.load_state_dict(m.state_dict())
    xs = x * ms_of(x)
    torch.testing.assert_close(sc(x), xs * mc_of(xs))                     # (x . Ms(x)) . Mc(x . Ms(x))
    torch.testing.assert_close(par(x), x * mc_of(x) * ms_of(x))            # x . Mc(x) . Ms(x)
    with pytest.raises(ValueError, match="order"):
        CBAM(32, order="both")
    with pytest.raises(ValueError, match="kernel_size"):
        CBAM(32, kernel_size=4)
    with pytest.raises(ValueError, match="pool_types"):
        CBAM(32, pool_types=("avg", "median"))


def test_cbam_avg_only_channel_equals_se_excitation():
    m = CBAM(32, 4, pool_types=("avg",))
    se = SEBlock(32, 4)
    se.fc1.load_state_dict(m.channel_attention.mlp[0].state_dict())
    se.fc2.load_state_dict(m.channel_attention.mlp[2].state_dict())
    x = torch.randn(2, 32, 5, 5)
    with record_attention(se):
        se(x)
    torch.testing.assert_close(m.channel_attention(x), se.last_attention)


@pytest.mark.parametrize("name", NAMES + ("gc", "nonlocal", "danet"))
def test_forward_keeps_nothing_unless_recording_is_on(name):
    """Recording is opt-in: a plain forward leaves no map behind; record_attention switches it on and back off."""
    m = build_attention(name, 32)
    x = torch.randn(2, 32, 6, 6)
    m(x)
    assert m.last_attention is None
    with record_attention(m) as recorded:
        assert m in recorded and all(r.recording for r in recorded)
        m(x)
    assert m.last_attention is not None and not any(r.recording for r in recorded)
    kept = m.last_attention
    m(torch.randn(2, 32, 6, 6))                        # outside again: the recorded map stays as it was
    assert m.last_attention is kept


def test_record_attention_explains_a_wrong_argument():
    with pytest.raises(ValueError, match="must be an nn.Module"):
        with record_attention("se"):
            pass
    with pytest.raises(ValueError, match="contains no attention module"):
        with record_attention(torch.nn.Conv2d(3, 3, 1)):
            pass


ECA_TABLE = {64: 3, 128: 5, 256: 5, 512: 5, 1024: 5, 2048: 7}


def test_eca_kernel_table():
    """Paper Sec. 3.3 / Fig. 4 setting (gamma = 2, b = 1): k = 3 for C = 64 ... 7 for C = 2048."""
    assert {c: eca_kernel_size(c) for c in ECA_TABLE} == ECA_TABLE
    ks = [eca_kernel_size(c) for c in range(1, 4097)]
    assert all(k % 2 == 1 for k in ks)                                  # always odd
    assert all(a <= b for a, b in zip(ks, ks[1:]))                       # grows with C


@pytest.mark.parametrize("c", sorted(ECA_TABLE))
def test_eca_params_and_shape(c):
    m = ECA(c)
    assert m.kernel_size == ECA_TABLE[c]
    assert count_params(m) == ECA_TABLE[c]
    x = torch.randn(1, c, 4, 4)
    assert m(x).shape == x.shape


def test_eca_equals_direct_1d_conv():
    m = ECA(16, kernel_size=3)
    x = torch.randn(2, 16, 5, 5)
    w = m.conv.weight[0, 0]
    z = torch.nn.functional.pad(x.mean((2, 3)), (1, 1))             # (N, C + 2)
    y = torch.stack([(z[:, i:i + 3] * w).sum(1) for i in range(16)], 1)
    torch.testing.assert_close(m(x), x * torch.sigmoid(y)[:, :, None, None])


def test_eca_even_kernel():
    with pytest.raises(ValueError, match="kernel_size=4 must be odd"):
        ECA(64, kernel_size=4)
    with pytest.raises(ValueError, match="gamma"):
        ECA(64, gamma=0)


def test_scse_params_and_fusion():
    c = 64
    assert count_params(ChannelSE(c)) == se_params(c, 2)
    assert count_params(SpatialSE(c)) == c + 1
    assert count_params(SCSE(c)) == se_params(c, 2) + c + 1
    x = torch.randn(2, c, 6, 6)
    add, mx = SCSE(c), SCSE(c, fusion="max")
    mx.load_state_dict(add.state_dict())
    uc, us = add.cse(x), add.sse(x)
    torch.testing.assert_close(add(x), uc + us)
    torch.testing.assert_close(mx(x), torch.maximum(uc, us))
    with pytest.raises(ValueError, match="fusion"):
        SCSE(c, fusion="mul")


def test_spatial_se_is_x_times_the_sigmoid_of_a_1x1_conv():
    """sSE (paper Sec. 2.2): q = sigma(W_sq * U), one weight in (0, 1) per pixel, written out."""
    m = SpatialSE(8)
    x = torch.randn(2, 8, 5, 5)
    w, b = m.conv.weight[0, :, 0, 0], m.conv.bias[0]
    q = torch.sigmoid(torch.einsum("nchw,c->nhw", x, w) + b)[:, None]
    torch.testing.assert_close(m(x), x * q)


def test_simam_against_direct_formula():
    torch.manual_seed(0)
    x = torch.randn(2, 3, 5, 4)
    lam = 1e-4
    out = SimAM(3, lam)(x)
    expected = torch.empty_like(x)
    for n in range(2):
        for c in range(3):
            ch = x[n, c]
            mu = ch.mean()
            var = ((ch - mu) ** 2).sum() / (ch.numel() - 1)
            e = 4 * (var + lam) / ((ch - mu) ** 2 + 2 * var + 2 * lam)     # Eq. 4
            expected[n, c] = ch * torch.sigmoid(1 / e)                     # Eq. 5
    torch.testing.assert_close(out, expected)
    torch.testing.assert_close(minimal_energy(x, lam), 1 / inverse_energy(x, lam))
    assert count_params(SimAM(3)) == 0


def test_simam_energy_is_the_least_squares_minimum_of_eq2():
    """The package's e_t* is the minimum of Eq. 2 over (w_t, b_t), found independently by least squares.

    Eq. 2 depends on the other neurons only through their mean and (biased) variance. Like the authors' code
    (n = h * w - 1), the package estimates both from the whole channel: mean, and sum of squares / (M - 1).
    So e_t* must equal the least-squares minimum of Eq. 2 for M - 1 "other" neurons with exactly those
    statistics, for every target t in the channel.
    """
    g = torch.Generator().manual_seed(1)
    x = torch.randn(1, 1, 5, 5, generator=g, dtype=torch.float64)
    lam = 0.1
    m = x.numel()
    mu = x.mean()
    var = ((x - mu) ** 2).sum() / (m - 1)
    o = torch.randn(m - 1, generator=g, dtype=torch.float64)
    others = (o - o.mean()) / o.std(unbiased=False) * var.sqrt() + mu         # mean mu, biased variance var
    energies = minimal_energy(x, lam).flatten()
    for p in (0, 7, 12, 24):
        t = x.flatten()[p]
        # e_t = 1/(M-1) sum_i (-1 - (w x_i + b))^2 + (1 - (w t + b))^2 + lam w^2, as a least-squares problem
        a = torch.cat([torch.stack([others, torch.ones(m - 1, dtype=torch.float64)], 1) / (m - 1) ** 0.5,
                       torch.stack([torch.stack([t, torch.ones((), dtype=torch.float64)]),
                                    torch.tensor([lam ** 0.5, 0.0], dtype=torch.float64)])])
        y = torch.cat([-torch.ones(m - 1, dtype=torch.float64) / (m - 1) ** 0.5,
                       torch.tensor([1.0, 0.0], dtype=torch.float64)])
        sol = torch.linalg.lstsq(a, y[:, None]).solution
        e_min = ((a @ sol - y[:, None]) ** 2).sum()
        torch.testing.assert_close(energies[p], e_min)
    # and SimAM weights every neuron by sigmoid(1 / e*) (Eq. 5)
    torch.testing.assert_close(SimAM(1, lam)(x), x * torch.sigmoid(1 / minimal_energy(x, lam)))


def test_simam_bad_args():
    with pytest.raises(ValueError, match="e_lambda"):
        SimAM(8, e_lambda=0)
    with pytest.raises(ValueError, match="at least 2"):
        SimAM(8)(torch.randn(1, 8, 1, 1))


def test_attention_maps_helper():
    model = TinyNet(attention="scse")
    x = torch.rand(3, 3, 48, 48)
    atts = collect_attention(model, "scse", x)
    assert len(atts) == 3
    maps = spatial_map(atts[0], "spatial")
    assert maps.shape == (3, 48, 48)
    inside, area = mass_in_box(maps, torch.tensor([[0, 0, 24, 48]] * 3), (48, 48))
    assert area == 0.5 and 0 <= inside <= 1
    with pytest.raises(ValueError, match="no spatial map"):
        spatial_map(atts[0], "channel")


def test_centre_map_is_a_content_free_baseline():
    from convcourse.viz.attention_maps import auroc_in_box, centre_map

    maps = centre_map(2, (40, 40))
    assert maps.shape == (2, 40, 40) and torch.equal(maps[0], maps[1])
    assert maps[0, 19:21, 19:21].max() == maps.max() and maps[0, 0, 0] == maps.min()    # highest in the middle
    assert auroc_in_box(maps[:1], torch.tensor([[6, 6, 34, 34]]), (40, 40)) > 0.95          # a box in the middle
    assert auroc_in_box(maps[:1], torch.tensor([[0, 0, 10, 10]]), (40, 40)) < 0.25          # a box in a corner
    with pytest.raises(ValueError, match="image_size"):
        centre_map(1, (40, 0))


@pytest.mark.parametrize("name", ["simam", "cbam", "se"])
def test_collect_attention_in_batches_equals_one_batch(name):
    torch.manual_seed(0)
    model = TinyNet(attention=name).eval()
    x = torch.rand(7, 3, 48, 48)
    whole = collect_attention(model, name, x, batch_size=7)
    pieces = collect_attention(model, name, x, batch_size=3)          # 3 + 3 + 1
    for a, b in zip(whole, pieces):
        if isinstance(a, dict):
            assert a.keys() == b.keys()
            for k in a:
                torch.testing.assert_close(a[k], b[k])
        else:
            assert a.shape[0] == 7
            torch.testing.assert_close(a, b)
    with pytest.raises(ValueError, match="batch_size"):
        collect_attention(model, name, x, batch_size=0)


def test_collect_attention_transform_per_batch():
    model = TinyNet(attention="simam")
    x = torch.rand(5, 3, 48, 48)
    full = collect_attention(model, "simam", x)
    maps = collect_attention(model, "simam", x, batch_size=2, transform=spatial_map)
    assert [tuple(m.shape) for m in maps] == [(5, 48, 48), (5, 24, 24), (5, 12, 12)]
    for a, m in zip(full, maps):
        torch.testing.assert_close(spatial_map(a), m)
    assert all(m.last_attention is None for m in attention_modules(model, "simam"))


def test_cbam_and_eca_resnet50_params():
    base = meta_count_params(resnet50)
    assert meta_count_params(cbam_resnet50) == meta_count_params(se_resnet50) + 16 * (2 * 7 * 7 + 1)  # + spatial 7x7 conv
    assert meta_count_params(eca_resnet50) - base == 3 * 5 + 4 * 5 + 6 * 5 + 3 * 7      # adaptive k = 5, 5, 5, 7
    assert meta_count_params(eca_resnet50, stage_kernels=(3, 5, 5, 7)) - base == 3 * 3 + 4 * 5 + 6 * 5 + 3 * 7


def test_eca_resnet50_bad_stage_kernels():
    with pytest.raises(ValueError, match="stage_kernels"):
        eca_resnet50(stage_kernels=(3, 5, 7))
    with pytest.raises(ValueError, match="odd"):
        eca_resnet50(stage_kernels=(3, 4, 5, 7))


def test_tiny_net_stage_attention_is_one_module_per_stage():
    for name in ATTENTION_NAMES:
        assert len(TinyNet(attention=name).stage_attention()) == 3, name
