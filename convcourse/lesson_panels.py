"""The pictures behind the sliders of lessons 16 and 25-29: pure ``show_xxx(...)`` functions.

Same rules as :mod:`convcourse.viz.panels`: arguments checked (a ValueError with a short Chinese reason, shown
as one line by ``convcourse.widgets.panel``), a few deterministic printed lines, one small figure displayed and
closed. What needs a network (feature maps) is computed once in the notebook and passed in with
``functools.partial``; nothing here builds a network or runs a forward.

It lives beside ``diagrams.py`` rather than in ``viz/`` because it reads the networks' own size rules
(U-Net's valid sizes, EfficientNetV2's progressive schedule), and ``viz`` never imports ``nets``.
"""
from __future__ import annotations

import numpy as np

from ._checks import check_choice, check_int_range, check_number, check_odd
from .measure import human
from .viz.labels import place_labels
from .viz.panels import BLUE, GREEN, GREY, ORANGE, _finish, _subplots
from ._checks import checked


# ----------------------------------------------------------------------------------------------- 16
@checked
def sru_gate(features: np.ndarray, group_num: int = 4, gate_threshold: float = 0.5) -> np.ndarray:
    """The SRU's informative mask (Eq. 1-3) at initialisation (GN gamma = 1, beta = 0), in float64:
    W = sigmoid(GN(X) * W_gamma) with W_gamma = 1/C; True where W > gate_threshold. ``features``: (C, H, W)."""
    x = np.asarray(features, dtype=np.float64)
    if x.ndim != 3:
        raise ValueError(f"特征图应为 (C, H, W)，得到的形状是 {x.shape}")
    c = x.shape[0]
    check_int_range("group_num", group_num, 1, c)
    if c % group_num:
        raise ValueError(f"GN 的组数 {group_num} 必须整除通道数 {c}")
    check_number("gate_threshold", gate_threshold, 0, 1, low_open=True, high_open=True)
    g = x.reshape(group_num, -1)
    gn = ((g - g.mean(axis=1, keepdims=True)) / np.sqrt(g.var(axis=1, keepdims=True) + 1e-5)).reshape(x.shape)
    w = 1.0 / (1.0 + np.exp(-gn / c))
    return w > gate_threshold


@checked
def show_scconv(features: np.ndarray, alpha: float = 0.5, group_num: int = 4, gate_threshold: float = 0.5,
                channels: int = 64) -> None:
    """SCConv (arXiv CVPR 2023): the CRU's split by alpha (channels per path, parameters of Eq. 11 against a
    3x3 conv, for ``channels`` in = out) and the SRU's gate on the notebook's feature maps (GN with
    ``group_num`` groups, threshold ``gate_threshold``)."""
    from .blocks.scconv import scconv_params

    check_number("alpha", alpha, 0, 1, low_open=True, high_open=True)
    check_int_range("channels", channels, 4, 4096)
    up = int(alpha * channels)
    low = channels - up
    if up < 2 or low < 2:
        raise ValueError(f"α={alpha} 把 {channels} 个通道分成 {up} + {low}，每部分至少要 2 个通道才能压缩 r=2")
    if (up // 2) % 2:
        raise ValueError(f"上部压缩后 {up // 2} 个通道，不能被组卷积的 g=2 整除")
    mask = sru_gate(features, group_num, gate_threshold)
    c = mask.shape[0]
    params = scconv_params(channels, alpha=alpha)
    conv = 9 * channels * channels

    fig, (ax0, ax1, ax2) = _subplots(3, (10.5, 3.2), gridspec_kw={"width_ratios": [0.9, 1, 1.6]})
    ax0.bar(["上部 αC", "下部 (1−α)C"], [up, low], color=[ORANGE, BLUE])
    ax0.bar(["上部 αC", "下部 (1−α)C"], [up // 2, low // 2], color="white", alpha=0.5, hatch="//")
    ax0.set_ylim(0, channels)
    ax0.set_title(f"CRU 的两条路（C={channels}，斜线 = 1×1 压缩后）", fontsize=9)
    ax1.bar(["3×3 卷积", "SCConv"], [conv, params], color=[GREY, GREEN])
    ax1.set_ylim(0, conv * 1.15)
    ax1.set_title("参数量", fontsize=10)
    for i, v in enumerate((conv, params)):
        ax1.text(i, v + conv * 0.02, human(v), ha="center", fontsize=8)
    shown = [0, c // 4, c // 2, 3 * c // 4]
    tiles = np.concatenate([np.pad(mask[ch].astype(float), ((1, 1), (1, 1)), constant_values=0.5) for ch in shown],
                           axis=1)
    ax2.imshow(tiles, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax2.set_xticks([])
    ax2.set_yticks([])
    ax2.grid(False)
    ax2.set_title(f"SRU 门控（GN {group_num} 组，阈值 {gate_threshold}）：白 = 信息多\n通道 "
                  + "、".join(str(ch) for ch in shown), fontsize=9)

    print(f"α={alpha}, C={channels}：上部 {up} → 压缩 {up // 2}，下部 {low} → 压缩 {low // 2}")
    print(f"参数 SCConv {params:,}（含 GN 的 {2 * channels}）vs 3×3 卷积 {conv:,}")
    print(f"SRU 门控：{c} 个通道分 {group_num} 组做 GN，阈值 {gate_threshold}")
    _finish(fig, wspace=0.35)


# ----------------------------------------------------------------------------------------------- 25
COMPOUND = (1.2, 1.1, 1.15)      # EfficientNet's alpha (depth), beta (width), gamma (resolution), grid search at phi=1


@checked
def compound_scaling(phi: float, base_resolution: int = 224) -> dict[str, float]:
    """EfficientNet's compound scaling: d = alpha^phi, w = beta^phi, r = gamma^phi; FLOPs grow by
    (alpha beta^2 gamma^2)^phi (about 2^phi)."""
    a, b, g = COMPOUND
    return {"depth": a ** phi, "width": b ** phi, "resolution": g ** phi,
            "flops": (a * b * b * g * g) ** phi, "size": int(round(base_resolution * g ** phi))}


@checked
def show_compound_scaling(phi: int = 1, variant: str = "s", stage: int = 0) -> None:
    """Left: depth / width / resolution multipliers and the FLOPs factor against phi, the current phi marked.
    Right: EfficientNetV2's progressive-learning schedule (Algorithm 1, Table 6) of ``variant``, with the
    image size and regularisation of training stage ``stage`` marked."""
    from .nets.efficientnetv2 import progressive_schedule

    check_int_range("phi", phi, 0, 7)
    check_choice("variant", variant, ("s", "m", "l"))
    check_int_range("stage", stage, 0, 3)
    phis = np.arange(0, 8)
    curves = [compound_scaling(p) for p in phis]
    now = compound_scaling(phi)
    sched = progressive_schedule(variant)
    row = sched[stage]

    fig, (ax0, ax1) = _subplots(2, (10, 3.3))
    for key, label, colour in (("depth", "深度 d=1.2^φ", BLUE), ("width", "宽度 w=1.1^φ", ORANGE),
                               ("resolution", "分辨率 r=1.15^φ", GREEN), ("flops", "FLOPs ≈ 2^φ", GREY)):
        ax0.plot(phis, [c[key] for c in curves], marker=".", color=colour, label=label)
        ax0.plot([phi], [now[key]], "o", color=colour, markersize=9)
    ax0.set_yscale("log", base=2)
    ax0.set_yticks([1, 2, 4, 8, 16, 32, 64, 128])
    ax0.set_yticklabels(["1", "2", "4", "8", "16", "32", "64", "128"])
    ax0.set_xlabel("φ")
    ax0.set_title(f"复合缩放：φ={phi}，输入 {now['size']}×{now['size']}", fontsize=10)
    ax0.legend(fontsize=7, loc="upper left")
    stages = [r["stage"] for r in sched]
    ax1.plot(stages, [r["image_size"] for r in sched], marker="o", color=BLUE, label="图像尺寸")
    ax1.plot([stage], [row["image_size"]], "o", color=ORANGE, markersize=11)
    ax1.set_ylim(100, 400)
    ax1.set_xticks(stages)
    ax1.set_xlabel("训练阶段 i")
    ax1.set_ylabel("图像尺寸")
    ax2 = ax1.twinx()
    ax2.plot(stages, [r["randaug"] for r in sched], marker="s", color=GREEN, label="RandAug 强度")
    ax2.set_ylim(0, 26)
    ax2.grid(False)
    ax1.set_title(f"V2-{variant.upper()} 渐进式学习：第 {stage} 段 {row['image_size']} 像素，"
                  f"RandAug {row['randaug']:.1f}", fontsize=10)

    print(f"φ={phi}：深度 ×{now['depth']:.2f}，宽度 ×{now['width']:.2f}，分辨率 ×{now['resolution']:.2f}"
          f"（{now['size']} 像素），FLOPs ×{now['flops']:.2f}")
    print(f"V2-{variant.upper()} 第 {stage} 段：图像 {row['image_size']}，RandAug {row['randaug']:.2f}，"
          f"Mixup {row['mixup']:.2f}，Dropout {row['dropout']:.3f}")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 26
@checked
def parnet_fusion(block, x) -> dict:
    """Called once in the notebook, before the widget: the BN-folded 3x3 kernel, the BN-folded 1x1 kernel padded
    to 3x3 and the fused kernel of an eval-mode ``ParNetBlock`` (numpy, (C, C, 3, 3)), and the largest difference
    between the block's outputs on ``x`` before and after ``reparameterize()`` (the block is re-parameterised)."""
    import torch

    from .blocks.rep import fuse_conv_bn, pad_1x1_to_3x3

    with torch.no_grad():
        w3, _ = fuse_conv_bn(block.conv3x3[0], block.conv3x3[1])
        w1, _ = fuse_conv_bn(block.conv1x1[0], block.conv1x1[1])
        before = block(x)
        block.reparameterize()
        diff = (block(x) - before).abs().max().item()
    return {"w3": w3.numpy(), "w1": pad_1x1_to_3x3(w1).numpy(), "fused": block.fused.weight.detach().numpy(),
            "max_diff": diff}


@checked
def show_rep_fusion(fusions: list, block: int = 0, out_channel: int = 0, in_channel: int = 0) -> None:
    """ParNet's structural re-parameterisation for one kernel pair (output channel, input channel) of block
    ``block``: 3x3 branch (BN folded) + 1x1 branch padded to 3x3 = the fused 3x3 that inference uses."""
    check_int_range("block", block, 0, len(fusions) - 1)
    f = fusions[block]
    c = f["w3"].shape[0]
    check_int_range("out_channel", out_channel, 0, 10 ** 6)
    check_int_range("in_channel", in_channel, 0, 10 ** 6)
    if out_channel >= c or in_channel >= c:
        raise ValueError(f"块 {block} 只有 {c} 个通道，通道号最大 {c - 1}")
    kernels = [f["w3"][out_channel, in_channel], f["w1"][out_channel, in_channel],
               f["fused"][out_channel, in_channel]]
    vmax = max(float(np.abs(k).max()) for k in kernels) or 1.0
    fig, axes = _subplots(3, (8.4, 2.9))
    titles = ["3×3 分支（BN 已折入）", "+ 1×1 分支补零成 3×3", "= 推理用的 3×3 核"]
    for ax, k, title in zip(axes, kernels, titles):
        ax.imshow(k, cmap="RdBu_r", vmin=-vmax, vmax=vmax, interpolation="nearest")
        for (i, j), val in np.ndenumerate(k):
            ax.text(j, i, f"{val:.2f}", ha="center", va="center", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax.set_title(title, fontsize=9)
    fig.suptitle(f"块 {block}（C={c}）：输出通道 {out_channel} ← 输入通道 {in_channel}", fontsize=10)
    ring = np.ones((3, 3), bool)
    ring[1, 1] = False
    same_ring = bool(np.allclose(kernels[2][ring], kernels[0][ring], rtol=0, atol=1e-6))
    sums = bool(np.allclose(kernels[0] + kernels[1], kernels[2], rtol=1e-5, atol=1e-6))
    print(f"块 {block}（C={c}），核 ({out_channel}, {in_channel})：3×3 + 补零的 1×1 = 融合核: {sums}；"
          f"周围 8 个元素不变: {same_ring}")
    print(f"整块重参数化前后输出最大差 < 1e-5: {f['max_diff'] < 1e-5}")
    _finish(fig, wspace=0.15)


# ----------------------------------------------------------------------------------------------- 27
@checked
def aspp_valid_taps(size: int, rate: int, kernel: int = 3) -> np.ndarray:
    """(size, size) ints: how many of the k x k taps of a conv with dilation ``rate`` and 'same' zero padding land
    on the real map at each output position (the rest read padding); numpy twin of
    ``convcourse.nets.aspp.valid_tap_counts``."""
    check_int_range("size", size, 1, 4096)
    check_int_range("rate", rate, 1, 4096)
    check_int_range("kernel", kernel, 1, 31)
    check_odd("kernel", kernel, "a kernel centred on each position")
    offsets = (np.arange(kernel) - kernel // 2) * rate
    pos = np.arange(size)[:, None] + offsets[None, :]
    inside = ((pos >= 0) & (pos < size)).sum(axis=1)
    return inside[:, None] * inside[None, :]


@checked
def show_aspp_taps(rate: int = 12, size: int = 65, row: int = 8) -> None:
    """DeepLabV3 Fig. 4: a 3x3 conv with dilation ``rate`` on a size x size feature map. Left: how many of the 9
    taps land on the map at each position, with the 9 sampling positions of pixel (row, row) drawn (crosses =
    on the padding). Right: fraction of positions with all 9 / only the centre tap valid against the rate."""
    check_int_range("rate", rate, 1, 128)
    check_int_range("size", size, 1, 256)
    check_int_range("row", row, 0, 255)
    if row >= size:
        raise ValueError(f"像素 ({row}, {row}) 不在 {size}×{size} 的特征图里（行号最大 {size - 1}）")
    valid = aspp_valid_taps(size, rate)
    rates = np.arange(1, max(2 * size, rate) + 1)
    counts = [aspp_valid_taps(size, r) for r in rates]
    all9 = np.array([(c == 9).mean() for c in counts])
    only1 = np.array([(c == 1).mean() for c in counts])
    padded = 1 - valid.mean() / 9

    fig, (ax0, ax1) = _subplots(2, (9.6, 3.6), gridspec_kw={"width_ratios": [1, 1.25]})
    reach = rate + 1
    ax0.imshow(valid, cmap="viridis", vmin=0, vmax=9, interpolation="nearest", extent=(-0.5, size - 0.5, size - 0.5, -0.5))
    ax0.add_patch(_rect(size))
    taps = row + np.array([-rate, 0, rate])
    rr, cc = np.meshgrid(taps, taps, indexing="ij")
    inside = (rr >= 0) & (rr < size) & (cc >= 0) & (cc < size)
    ax0.scatter(cc[inside], rr[inside], s=40, c=ORANGE, marker="o", edgecolors="white", linewidths=0.6)
    ax0.scatter(cc[~inside], rr[~inside], s=40, c="red", marker="x")
    lim = (-0.5 - min(reach, size), size - 0.5 + min(reach, size))
    ax0.set_xlim(*lim)
    ax0.set_ylim(lim[1], lim[0])
    ax0.set_xticks([])
    ax0.set_yticks([])
    ax0.grid(False)
    ax0.set_title(f"{size}×{size}，r={rate}：颜色 = 有效采样点数（0–9）\n像素 ({row}, {row}) 的 9 个采样点：×＝落在补零上",
                  fontsize=9)
    ax1.plot(rates, all9, color=BLUE, label="9 个采样点都有效")
    ax1.plot(rates, only1, color=ORANGE, label="只有中心 1 个有效（退化为 1×1）")
    ax1.axvline(rate, color=GREY, lw=1)
    ax1.plot([rate, rate], [all9[rate - 1], only1[rate - 1]], "o", color="black", markersize=5)
    ax1.set_xlabel("空洞率 r")
    ax1.set_ylim(-0.03, 1.03)
    ax1.set_title(f"{size}×{size} 特征图上各位置的比例", fontsize=10)
    ax1.legend(fontsize=8)

    n_in = int(inside.sum())
    print(f"r={rate}，{size}×{size}：9 个采样点全有效的位置 {int((valid == 9).sum())}/{size * size}，"
          f"只剩中心的 {int((valid == 1).sum())}/{size * size}")
    print(f"平均 {padded:.1%} 的采样点落在补零上；像素 ({row}, {row}) 有 {n_in} 个采样点在图内")
    _finish(fig, wspace=0.15)


def _rect(size: int):
    from matplotlib.patches import Rectangle

    return Rectangle((-0.5, -0.5), size, size, fill=False, edgecolor="black", lw=1.2)


# ----------------------------------------------------------------------------------------------- 28
@checked
def show_unet(samples: tuple, size: int = 572, image: int = 0) -> None:
    """U-Net (Fig. 1) with the paper's unpadded convs: the side length at every level for an input of ``size``
    (ValueError with the nearest sizes that work when a 2x2 pool would meet an odd side), and, for test image
    ``image``, the input, the true mask and the mask the notebook's trained network predicted.
    ``samples``: (images (N, H, W), true masks (N, H, W), predicted masks (N, H, W)), computed once."""
    from .nets.unet import _level_sizes, output_size

    if isinstance(samples, (str, bytes)) or not hasattr(samples, "__len__") or len(samples) != 3:
        raise ValueError("samples 须是三元组 (images, true masks, predicted masks)，每项形状 (N, H, W)；"
                         f"收到 {type(samples).__name__}")
    images, masks, preds = samples
    for name, value in (("images", images), ("masks", masks), ("preds", preds)):
        if not hasattr(value, "shape") or len(value.shape) != 3:
            raise ValueError(f"samples 中的 {name} 须是形状 (N, H, W) 的数组；收到 {type(value).__name__}")
    if not len(images) == len(masks) == len(preds) > 0:
        raise ValueError(f"samples 的三项须一样长且非空：images {len(images)}，masks {len(masks)}，preds {len(preds)}")
    check_int_range("size", size, 1, 4096)
    check_int_range("image", image, 0, len(images) - 1)
    try:
        output_size(size)
    except ValueError:
        from .nets.unet import valid_input_sizes

        near = valid_input_sizes(max(1, size - 40), size + 40)
        lower = max((v for v in near if v < size), default=None)
        upper = min((v for v in near if v > size), default=None)
        raise ValueError(f"边长 {size} 走不通 U 形（每次 2×2 池化前边长须为偶数，即 16b+60、b≥8）；"
                         f"最近的可用边长：{[v for v in (lower, upper) if v is not None]}") from None
    sides = [size] + _level_sizes(size)
    names = ["输入", "下1", "下2", "下3", "下4", "底", "上4", "上3", "上2", "上1（输出）"]
    fig, axes = _subplots(4, (11, 2.9), gridspec_kw={"width_ratios": [1.6, 1, 1, 1]})
    ax = axes[0]
    ax.plot(range(len(sides)), sides, "o-", color=BLUE)
    for i in range(4):
        ax.plot([1 + i, 8 - i], [sides[1 + i], sides[8 - i]], ls=":", color=GREY)
    ax.set_xticks(range(len(sides)))
    ax.set_xticklabels(names, rotation=45, ha="right", fontsize=7)
    ax.set_ylim(0, max(700, size * 1.05))
    ax.set_title(f"输入 {size}×{size} → 输出 {sides[-1]}×{sides[-1]}", fontsize=10)
    img, mask, pred = images[image], masks[image], preds[image]
    union = np.logical_or(mask > 0, pred > 0).sum()
    iou = np.logical_and(mask > 0, pred > 0).sum() / union if union else 1.0
    for a, m, title in ((axes[1], img, f"测试图 {image}"), (axes[2], mask, "真值掩码"),
                        (axes[3], pred, f"预测掩码（IoU {iou:.2f}）")):
        a.imshow(m, cmap="gray", interpolation="nearest")
        a.set_xticks([])
        a.set_yticks([])
        a.grid(False)
        a.set_title(title, fontsize=9)
    print(f"边长 {size}：可用；各级边长 " + " → ".join(str(v) for v in sides))
    print(f"测试图 {image}：{img.shape[0]}×{img.shape[1]}，真值前景 {int((mask > 0).sum())} 个像素")
    _finish(fig, wspace=0.25)


# ----------------------------------------------------------------------------------------------- 29
COST_AXES = {"参数量": ("params", "参数量"), "MACs": ("macs", "乘加次数 MACs"), "延迟": ("ms", "CPU 延迟 (ms)"),
             "激活内存": ("peak_mib", "峰值激活内存 (MiB)")}
FAMILIES = {"全部": ("卷积块", "注意力"), "卷积块": ("卷积块",), "注意力": ("注意力",)}
_KIND_COLOURS = {"基准": "black", "卷积块": BLUE, "注意力": "#d62728"}


@checked
def show_cost_scatter(rows: list[dict], x: str = "MACs", y: str = "延迟", family: str = "全部") -> None:
    """Lesson 29: the measured costs of the catalogue's modules (rows of ``compare.profile_modules``) as a
    log-log scatter of two of the four costs (``COST_AXES``), for the baseline and the chosen ``family``;
    names placed where they do not overlap. Prints only what does not depend on the machine (no latency)."""
    from matplotlib.ticker import NullLocator

    check_choice("x", x, list(COST_AXES))
    check_choice("y", y, list(COST_AXES))
    check_choice("family", family, list(FAMILIES))
    if x == y:
        raise ValueError(f"横轴和纵轴都是“{x}”，点只会排成一条对角线：换一个量")
    sel = [r for r in rows if r["kind"] == "基准" or r["kind"] in FAMILIES[family]]
    (xk, xl), (yk, yl) = COST_AXES[x], COST_AXES[y]
    xs = np.array([max(float(r[xk]), 1.0) for r in sel])
    ys = np.array([max(float(r[yk]), 1.0) if yk in ("params", "macs") else float(r[yk]) for r in sel])
    zero = {k: [r["name"] for r in sel if k in ("params", "macs") and r[k] <= 0] for k in (xk, yk)}

    fig, ax = _subplots(1, (9, 3.6))
    left, right, bottom, top = 0.08, 0.86, 0.15, 0.9
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
    lx, ly = np.log10(xs), np.log10(ys)
    limits = []
    for v in (lx, ly):
        lo, hi = float(v.min()), float(v.max())
        pad = 0.06 * (hi - lo) + 0.15
        limits.append((lo - pad, hi + pad))
    for kind, colour in _KIND_COLOURS.items():
        pick = [i for i, r in enumerate(sel) if r["kind"] == kind]
        if pick:
            ax.scatter(xs[pick], ys[pick], s=22, c=colour, label=f"{kind}（{len(pick)}）", alpha=0.85, zorder=3)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*(10 ** v for v in limits[0]))
    ax.set_ylim(*(10 ** v for v in limits[1]))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_minor_locator(NullLocator())
    size_pt = (9 * 72 * (right - left), 3.6 * 72 * (top - bottom))
    pts = np.column_stack([(lx - limits[0][0]) / (limits[0][1] - limits[0][0]) * size_pt[0],
                           (ly - limits[1][0]) / (limits[1][1] - limits[1][0]) * size_pt[1]])
    centre = np.median(pts, axis=0)
    order = sorted(range(len(sel)), key=lambda i: (sel[i]["kind"] != "基准", -np.hypot(*(pts[i] - centre))))
    names = [r["name"] for r in sel]
    kept = place_labels(pts, names, size_pt, 7.0, order, always=[i for i, r in enumerate(sel) if r["kind"] == "基准"])
    for i, dx, dy, ha, va in kept:
        ax.annotate(names[i], (xs[i], ys[i]), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=7, color=_KIND_COLOURS[sel[i]["kind"]], zorder=4)
    ax.set_xlabel(xl + ("（0 画在 1 处）" if zero[xk] else ""), fontsize=9)
    ax.set_ylabel(yl + ("（0 画在 1 处）" if zero[yk] else ""), fontsize=9)
    named = "每个点都标了名字" if len(kept) == len(sel) else f"{len(kept)}/{len(sel)} 个点标了名字，其余的名字会重叠"
    ax.set_title(f"{y} 对 {x}（对数坐标；{named}）", fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    counts = "、".join(f"{k} {sum(r['kind'] == k for r in sel)}" for k in _KIND_COLOURS if any(r["kind"] == k for r in sel))
    print(f"横轴 {x}、纵轴 {y}（都取对数）：{len(sel)} 个模块（{counts}）")
    for k, label in ((xk, x), (yk, y)):
        if zero[k]:
            print(f"{label}{' ' if label[-1].isascii() else ''}为 0 的模块（画在 1 处）：{'、'.join(zero[k])}")
    _finish(fig)
