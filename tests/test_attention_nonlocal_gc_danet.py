"""Non-local, GC block and DANet: shapes, identity at init, naive-loop equivalence, parameter formulas, errors."""
import pytest
import torch
import torch.nn.functional as F

from convcourse.attention import build_attention, record_attention
from convcourse.attention.danet import ChannelAttentionModule, DualAttention, PositionAttentionModule
from convcourse.attention.gc import GCBlock
from convcourse.attention.nonlocal_ import MODES, NonLocalBlock
from convcourse.measure import count_params
from convcourse.viz.query_maps import box_query, peak_in_box, query_map, query_map_distance

ODD_SIZES = [(1, 1), (3, 5), (7, 7), (9, 4)]


def _randomise(module):
    """Give every parameter (including zero-initialised ones) random values, so nothing is trivially zero."""
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g))
    return module.eval()


def _w(conv):
    """1x1 conv -> (weight matrix (C_out, C_in), bias (C_out,))."""
    return conv.weight[:, :, 0, 0], conv.bias


# ---------------------------------------------------------------- shapes and identity at init
@pytest.mark.parametrize("name,kw", [("nonlocal", {}), ("nonlocal", {"mode": "gaussian"}),
                                     ("nonlocal", {"mode": "dot_product"}), ("nonlocal", {"mode": "concatenation"}),
                                     ("gc", {}), ("gc", {"fusion": "mul"}), ("gc", {"pooling": "avg"}),
                                     ("danet", {})])
@pytest.mark.parametrize("size", ODD_SIZES)
def test_shapes_any_size(name, kw, size):
    m = build_attention(name, 32, **kw).eval()
    x = torch.randn(2, 32, *size)
    with record_attention(m):
        assert m(x).shape == x.shape
    assert m.last_attention is not None


@pytest.mark.parametrize("size", [(2, 2), (5, 7), (8, 8)])
def test_nonlocal_sub_sample_shapes(size):
    m = NonLocalBlock(16, sub_sample=True).eval()
    x = torch.randn(2, 16, *size)
    with record_attention(m):
        assert m(x).shape == x.shape
    h2, w2 = size[0] // 2, size[1] // 2
    assert m.last_attention.shape == (2, size[0] * size[1], h2 * w2)


@pytest.mark.parametrize("name,kw", [("nonlocal", {}), ("nonlocal", {"bn_layer": False}),
                                     ("nonlocal", {"sub_sample": True, "mode": "dot_product"}),
                                     ("gc", {}), ("gc", {"pooling": "avg"}), ("danet", {})])
def test_identity_at_init(name, kw):
    m = build_attention(name, 32, **kw)
    x = torch.randn(2, 32, 6, 5)
    for mode in (m.train(), m.eval()):
        assert torch.equal(mode(x), x)


def test_gc_mul_starts_at_half():
    """Official code zero-inits the last conv for 'mul' too: sigmoid(0) = 0.5 halves the input at init."""
    m = GCBlock(32, fusion="mul").eval()
    x = torch.randn(1, 32, 4, 4)
    torch.testing.assert_close(m(x), 0.5 * x)


# ---------------------------------------------------------------- naive per-pixel loops
def _naive_nonlocal(m: NonLocalBlock, x: torch.Tensor) -> torch.Tensor:
    n, c, h, w = x.shape
    out = torch.empty_like(x)
    wz, bz = _w(m.W_z[0])
    bn = m.W_z[1]
    pool = (lambda t: F.max_pool2d(t, 2)) if m.sub_sample else (lambda t: t)
    for b in range(n):
        xb = x[b:b + 1]
        if m.mode == "gaussian":
            th, ph = xb, pool(xb)
        else:
            th, ph = m.theta(xb), pool(m.phi(xb))
        gg = pool(m.g(xb))
        keys = [(r, s) for r in range(ph.shape[2]) for s in range(ph.shape[3])]
        for i in range(h):
            for j in range(w):
                ti = th[0, :, i, j]
                if m.mode == "concatenation":
                    wt, wp = m.w_f.weight[0].split(m.inter_channels)
                    f = torch.stack([torch.relu(wt @ ti + wp @ ph[0, :, r, s]) for r, s in keys]) / len(keys)
                else:
                    f = torch.stack([ti @ ph[0, :, r, s] for r, s in keys])
                    if m.mode == "dot_product":
                        f = f / len(keys)
                    else:
                        f = torch.exp(f - f.max())
                        f = f / f.sum()
                y = sum(f[k] * gg[0, :, r, s] for k, (r, s) in enumerate(keys))
                zi = wz @ y + bz
                zi = (zi - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps) * bn.weight + bn.bias
                out[b, :, i, j] = zi + x[b, :, i, j]
    return out


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sub_sample", [False, True])
def test_nonlocal_matches_naive_loop(mode, sub_sample):
    m = _randomise(NonLocalBlock(6, mode=mode, sub_sample=sub_sample))
    x = torch.randn(2, 6, 4, 5)
    with torch.no_grad():
        torch.testing.assert_close(m(x), _naive_nonlocal(m, x), rtol=1e-4, atol=1e-5)


def _naive_pam(m: PositionAttentionModule, x: torch.Tensor) -> torch.Tensor:
    n, c, h, w = x.shape
    out = torch.empty_like(x)
    (wq, bq), (wk, bk), (wv, bv) = _w(m.query_conv), _w(m.key_conv), _w(m.value_conv)
    pos = [(r, s) for r in range(h) for s in range(w)]
    for b in range(n):
        for (i, j) in pos:
            q = wq @ x[b, :, i, j] + bq
            e = torch.stack([q @ (wk @ x[b, :, r, s] + bk) for r, s in pos])
            s_ = torch.softmax(e, 0)
            agg = sum(s_[k] * (wv @ x[b, :, r, s] + bv) for k, (r, s) in enumerate(pos))
            out[b, :, i, j] = m.gamma * agg + x[b, :, i, j]
    return out


def _naive_cam(m: ChannelAttentionModule, x: torch.Tensor) -> torch.Tensor:
    n, c, h, w = x.shape
    out = torch.empty_like(x)
    for b in range(n):
        a = [x[b, k].flatten() for k in range(c)]
        for j in range(c):
            e = torch.stack([a[j] @ a[i] for i in range(c)])
            if m.max_minus:
                e = e.max() - e
            s_ = torch.softmax(e, 0)
            agg = sum(s_[i] * a[i] for i in range(c))
            out[b, j] = (m.gamma * agg + a[j]).view(h, w)
    return out


def test_pam_matches_naive_loop():
    m = _randomise(PositionAttentionModule(16))
    x = torch.randn(2, 16, 3, 5)
    with torch.no_grad():
        torch.testing.assert_close(m(x), _naive_pam(m, x), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("max_minus", [True, False])
def test_cam_matches_naive_loop(max_minus):
    m = _randomise(ChannelAttentionModule(5, max_minus=max_minus))
    x = 0.3 * torch.randn(2, 5, 3, 4)
    with torch.no_grad():
        torch.testing.assert_close(m(x), _naive_cam(m, x), rtol=1e-4, atol=1e-5)


def test_cam_max_minus_is_softmax_of_minus_energy():
    x = 0.3 * torch.randn(1, 6, 4, 4)
    m = ChannelAttentionModule(6)
    with record_attention(m):
        m(x)
    a = x.flatten(2)
    torch.testing.assert_close(m.last_attention, torch.softmax(-(a @ a.transpose(1, 2)), -1))


def test_dual_attention_is_pam_plus_cam_minus_x():
    m = _randomise(DualAttention(16))
    x = torch.randn(2, 16, 5, 3)
    with torch.no_grad(), record_attention(m):
        torch.testing.assert_close(m(x), m.pam(x) + m.cam(x) - x)
    assert m.last_attention.shape == (2, 15, 15)
    assert m.last_channel_attention.shape == (2, 16, 16)


def test_gc_matches_naive_loop_and_weights_sum_to_one():
    m = _randomise(GCBlock(32))
    x = torch.randn(2, 32, 5, 7)
    with torch.no_grad(), record_attention(m):
        y = m(x)
        a = m.last_attention
        assert a.shape == (2, 1, 5, 7)
        torch.testing.assert_close(a.sum(dim=(1, 2, 3)), torch.ones(2))
        wk, bk = _w(m.conv_mask)
        for b in range(2):
            logits = torch.stack([wk[0] @ x[b, :, i, j] + bk[0] for i in range(5) for j in range(7)])
            weights = torch.softmax(logits, 0)
            torch.testing.assert_close(weights.view(5, 7), a[b, 0])
            ctx = sum(weights[k] * x[b, :, k // 7, k % 7] for k in range(35))
            t = m.transform(ctx.view(1, 32, 1, 1))[0, :, 0, 0]
            torch.testing.assert_close(y[b], x[b] + t[:, None, None], rtol=1e-4, atol=1e-5)


def test_gc_avg_pooling_is_uniform():
    m = GCBlock(32, pooling="avg")
    with record_attention(m):
        m(torch.randn(1, 32, 3, 4))
    torch.testing.assert_close(m.last_attention, torch.full((1, 1, 3, 4), 1 / 12))


# ---------------------------------------------------------------- parameter formulas
def test_param_formulas():
    c = 64
    ci = c // 2
    conv = lambda a, b: a * b + b  # noqa: E731  1x1 conv with bias
    assert count_params(NonLocalBlock(c)) == 3 * conv(c, ci) + conv(ci, c) + 2 * c
    assert count_params(NonLocalBlock(c, mode="gaussian")) == conv(c, ci) + conv(ci, c) + 2 * c
    assert count_params(NonLocalBlock(c, mode="concatenation")) == 3 * conv(c, ci) + conv(ci, c) + 2 * c + 2 * ci
    h = c // 16
    assert count_params(GCBlock(c)) == conv(c, 1) + conv(c, h) + 2 * h + conv(h, c)
    assert count_params(GCBlock(c, ratio=1 / 16)) == count_params(GCBlock(c))
    assert count_params(DualAttention(c)) == 2 * conv(c, c // 8) + conv(c, c) + 2


def test_build_attention_names():
    assert isinstance(build_attention("nonlocal", 16), NonLocalBlock)
    assert isinstance(build_attention("gc", 16), GCBlock)
    assert isinstance(build_attention("danet", 16), DualAttention)


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("make", [
    lambda: NonLocalBlock(1),                          # C // 2 = 0
    lambda: NonLocalBlock(8, inter_channels=0),
    lambda: NonLocalBlock(8, mode="softmax"),          # unknown mode
    lambda: GCBlock(8),                                # 8 // 16 = 0
    lambda: GCBlock(16, ratio=1 / 32),
    lambda: GCBlock(16, fusion="concat"),
    lambda: GCBlock(16, pooling="max"),
    lambda: DualAttention(4),                          # 4 // 8 = 0
    lambda: PositionAttentionModule(16, reduction=0),
    lambda: build_attention("nonlocal", 0),
])
def test_bad_arguments(make):
    with pytest.raises(ValueError):
        make()


def test_reduction_message_names_argument():
    with pytest.raises(ValueError, match="reduction=16"):
        GCBlock(8)


@pytest.mark.parametrize("name", ["nonlocal", "gc", "danet"])
@pytest.mark.parametrize("x", [torch.randn(16, 4, 4), torch.randn(1, 8, 4, 4), torch.randn(1, 16, 4, 4, 2), "x"])
def test_bad_inputs(name, x):
    with pytest.raises(ValueError):
        build_attention(name, 16)(x)


def test_sub_sample_needs_size_two():
    with pytest.raises(ValueError, match="at least 2"):
        NonLocalBlock(16, sub_sample=True)(torch.randn(1, 16, 1, 5))


# ---------------------------------------------------------------- query-map helpers
def test_query_helpers():
    a = torch.softmax(torch.randn(1, 12, 12), -1)
    assert query_map(a, (1, 2), (3, 4)).shape == (3, 4)
    torch.testing.assert_close(query_map(a, (1, 2), (3, 4)).flatten(), a[0, 6])
    assert box_query((10, 20, 30, 40), 48, 12) == (5, 7)
    assert query_map_distance(torch.ones(6, 6) / 6) == pytest.approx(0, abs=1e-6)
    assert query_map_distance(torch.eye(4)) == pytest.approx(0.75)
    m = torch.zeros(12, 12)
    m[2, 3] = 1
    assert peak_in_box(m, (6, 10, 20, 20), (48, 48))
    assert not peak_in_box(m, (20, 20, 30, 30), (48, 48))
    with pytest.raises(ValueError):
        query_map(a, (3, 0), (3, 4))
    with pytest.raises(ValueError):
        query_map(a, (0, 0), (4, 4))


def test_target_query_scores_is_the_mean_of_the_per_image_scores():
    """22 and 24 score the query under each target's centre with one helper: mass in box, area share, AUROC."""
    from convcourse.viz import attention_auroc_in_box, attention_mass_in_box
    from convcourse.viz.query_maps import target_query_scores

    torch.manual_seed(0)
    affinities = torch.rand(3, 16, 16).softmax(-1)
    boxes = torch.tensor([[0, 0, 8, 8], [4, 4, 12, 16], [8, 2, 16, 10]])
    maps = [query_map(a, box_query(b, 16, 4), 4) for a, b in zip(affinities, boxes)]
    mass = sum(attention_mass_in_box(m, b, (16, 16))[0] for m, b in zip(maps, boxes)) / 3
    share = sum(attention_mass_in_box(m, b, (16, 16))[1] for m, b in zip(maps, boxes)) / 3
    auroc = sum(attention_auroc_in_box(m, b, (16, 16)) for m, b in zip(maps, boxes)) / 3
    assert target_query_scores(affinities, boxes, (16, 16), 4) == pytest.approx((mass, share, auroc))
    with pytest.raises(ValueError, match="one box per sample"):
        target_query_scores(affinities, boxes[:2], (16, 16), 4)
