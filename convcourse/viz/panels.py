"""The pictures behind the notebooks' sliders (lessons 00-15): pure ``show_xxx(...)`` functions.

Each function checks its arguments (ValueError with a short reason for a combination that cannot exist,
which ``convcourse.widgets.guarded`` / ``panel`` show as one line), prints a few deterministic lines and
draws one small figure. Nothing here builds a network or runs a forward: what a lesson has to compute
with a real network (gradient norms, MACs of a whole net) is computed once in the notebook and passed in
(``functools.partial(show_xxx, data)``), so moving a slider only redraws.
"""
from __future__ import annotations

import functools
import math

import numpy as np

from .._checks import check_choice, check_int_range, check_number, check_positive_int
from ..measure import conv2d_macs, conv2d_output_size, conv2d_params, conv_cost_report, depthwise_separable_params, human
from .._checks import checked

BLUE, ORANGE, GREEN, GREY = "#1f77b4", "#ff7f0e", "#2ca02c", "#bbbbbb"


def _rectangle(*args, **kw):
    from matplotlib.patches import Rectangle as _Rectangle

    return _Rectangle(*args, **kw)


def _subplots(ncols: int, size: tuple[float, float], **kw):
    import matplotlib.pyplot as plt

    return plt.subplots(1, ncols, figsize=size, **kw)


def _finish(fig, wspace: float = 0.3) -> None:
    """Display and close (a closed figure cannot pile up while a slider moves). Fixed margins instead of
    ``tight_layout``: the inline back end already trims the figure, and every layout pass measures all the text
    again (the slow part of a redraw)."""
    import matplotlib.pyplot as plt

    fig.subplots_adjust(wspace=wspace)
    plt.show()
    plt.close(fig)


def _plain_log(axis) -> None:
    """Log-scale tick labels as plain numbers (mathtext labels are slow to lay out), no minor ticks."""
    from matplotlib.ticker import FuncFormatter, NullLocator

    axis.set_major_formatter(FuncFormatter(lambda v, _: human(v) if v >= 1e5 else f"{v:g}"))
    axis.set_minor_locator(NullLocator())


def _grid_axes(ax, rows: int, cols: int) -> None:
    """Thin cell borders on an ``imshow`` of a rows x cols grid, no ticks (two line collections: cheaper to lay
    out than one tick per cell)."""
    ax.vlines(np.arange(-0.5, cols), -0.5, rows - 0.5, color="#777777", lw=0.6)
    ax.hlines(np.arange(-0.5, rows), -0.5, cols - 0.5, color="#777777", lw=0.6)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)


@checked
def group_mask(out_channels: int, in_channels: int, groups: int) -> np.ndarray:
    """(C_out, C_in) 0/1 matrix: output channel j uses input channel i (block diagonal for groups > 1)."""
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} 必须同时整除输入通道 {in_channels} 和输出通道 {out_channels}")
    rows = np.arange(out_channels) // (out_channels // groups)
    cols = np.arange(in_channels) // (in_channels // groups)
    return (rows[:, None] == cols[None, :]).astype(float)


@checked
def draw_group_connections(ax, out_channels: int, in_channels: int, groups: int, title: str | None = None):
    """The connection matrix of a (grouped) conv: rows = output channels, columns = input channels."""
    mask = group_mask(out_channels, in_channels, groups)
    ax.imshow(mask, cmap="Blues", vmin=0, vmax=1.25, interpolation="nearest", aspect="auto")
    ax.grid(False)
    ax.set_xlabel(f"输入通道（{in_channels}）")
    ax.set_ylabel(f"输出通道（{out_channels}）")
    ax.set_title(title or f"g={groups}：每个输出通道只连 {in_channels // groups} 个输入通道")
    return ax


# ----------------------------------------------------------------------------------------------- 00
@checked
def show_conv_arithmetic(size: int = 7, kernel: int = 3, stride: int = 2, padding: int = 1, dilation: int = 1) -> None:
    """Convolution arithmetic on one channel (Dumoulin & Visin, arXiv:1603.07285): the (padded) input grid with
    the sampling positions of the first (blue) and last (orange) output pixel, and the output grid.
    Parameters and MACs are printed for a 3 -> 64 channel layer (ResNet's stem has C_in = 3, C_out = 64)."""
    check_int_range("size", size, 1, 64)
    check_int_range("kernel", kernel, 1, 15)
    check_int_range("stride", stride, 1, 8)
    check_int_range("padding", padding, 0, 16)
    check_int_range("dilation", dilation, 1, 8)
    span = dilation * (kernel - 1) + 1
    padded = size + 2 * padding
    if span > padded:
        raise ValueError(f"膨胀后的卷积核覆盖 {span}×{span}，比补零后的输入 {padded}×{padded} 还大，一个输出也算不出")
    out = conv2d_output_size(size, kernel, stride=stride, padding=padding, dilation=dilation)[0]
    taps = np.arange(kernel) * dilation
    uses = np.zeros((padded, padded))
    starts = np.arange(out) * stride
    rows = (starts[:, None] + taps[None, :]).ravel()
    np.add.at(uses, (rows[:, None], rows[None, :]), 1)       # how many outputs read each input cell
    real = np.zeros((padded, padded), bool)
    real[padding:padding + size, padding:padding + size] = True
    unused = int((real & (uses == 0)).sum())

    fig, (ax_in, ax_out) = _subplots(2, (7.6, 3.6), gridspec_kw={"width_ratios": [max(padded, 4), max(out, 4)]})
    image = np.empty((padded, padded, 3))
    image[:] = (0.97, 0.97, 0.97)                                   # zero padding
    image[real & (uses > 0)] = (0.78, 0.87, 0.96)                  # input pixels some output reads
    image[real & (uses == 0)] = (0.80, 0.80, 0.80)                 # input pixels no output reads
    ax_in.imshow(image, interpolation="nearest")
    _grid_axes(ax_in, padded, padded)
    last = (out - 1) * stride
    for (r0, c0), colour, marker in (((0, 0), BLUE, "s"), ((last, last), ORANGE, "o")):
        rr, cc = np.meshgrid(r0 + taps, c0 + taps, indexing="ij")
        ax_in.scatter(cc.ravel(), rr.ravel(), s=max(18, 900 / padded ** 1.3), c=colour, marker=marker,
                      alpha=0.85, edgecolors="none")
    ax_in.set_title(f"输入 {size}×{size}，补零 p={padding}（最浅的外圈）\nk={kernel}, s={stride}, d={dilation}："
                    f"蓝 / 橙 = 第一个 / 最后一个输出读的位置", fontsize=9)
    out_image = np.empty((out, out, 3))
    out_image[:] = (0.85, 0.93, 0.85)
    ax_out.imshow(out_image, interpolation="nearest")
    _grid_axes(ax_out, out, out)
    ax_out.scatter([0], [0], s=max(20, 900 / max(out, 2) ** 1.3), c=BLUE, marker="s")
    ax_out.scatter([out - 1], [out - 1], s=max(20, 900 / max(out, 2) ** 1.3), c=ORANGE, marker="o")
    ax_out.set_title(f"输出 {out}×{out}", fontsize=10)

    print(f"输入 {size}×{size}，k={kernel}，s={stride}，p={padding}，d={dilation}：卷积核覆盖 {span}×{span}")
    print(f"输出边长 ⌊({size} + 2×{padding} − {span}) / {stride}⌋ + 1 = {out}")
    params = conv2d_params(3, 64, kernel, bias=False)
    print(f"C_in=3 → C_out=64：参数 {params:,}，MACs {conv2d_macs(3, 64, kernel, (out, out)):,}")
    if unused:
        print(f"有 {unused} 个输入像素没有被任何输出读到（步长大于卷积核覆盖的范围）")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 01
@checked
def show_group_conv(C1: int = 64, C2: int = 128, k: int = 3, g: int = 4) -> None:
    """Cost table of standard / grouped / depthwise-separable conv, and the grouped conv's connection matrix."""
    check_positive_int("C1", C1), check_positive_int("C2", C2)   # the slider's names, not in_/out_channels
    report = conv_cost_report(C1, C2, k, g)                 # validates (groups must divide both)
    fig, ax = _subplots(1, (4.2, 3.4))
    draw_group_connections(ax, C2, C1, g, title=f"g={g}：块对角，连接数是标准卷积的 1/{g}")
    print(report)
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 02
def _intensity(c1: int, c2: int, k: int, groups: int, size: int = 28) -> float:
    """FLOPs per byte moved (float32 input + output + weights once)."""
    hw = size * size
    flops = 2 * conv2d_macs(c1, c2, k, (size, size), groups=groups)
    return flops / (4 * (hw * c1 + hw * c2 + conv2d_params(c1, c2, k, groups=groups, bias=False)))


@checked
def show_separable_cost(C1: int = 128, C2: int = 128, k: int = 3) -> None:
    """Depthwise-separable / standard parameter ratio 1/C2 + 1/k^2 (the point moves on the curve), and the
    arithmetic intensity (FLOPs per byte) of the standard conv, the depthwise and the pointwise part on 28x28."""
    check_positive_int("C1", C1), check_positive_int("C2", C2)
    ratio = depthwise_separable_params(C1, C2, k) / conv2d_params(C1, C2, k, bias=False)
    ai = {"标准 k×k": _intensity(C1, C2, k, 1), "逐深度 k×k": _intensity(C1, C1, k, C1), "逐点 1×1": _intensity(C1, C2, 1, 1)}
    fig, (ax, ax2) = _subplots(2, (9, 3.4))
    c2s = np.arange(8, 1025, 8)
    ax.plot(c2s, 1 / c2s + 1 / k ** 2, color=BLUE, label=f"1/C2 + 1/{k * k}")
    ax.axhline(1 / k ** 2, color=BLUE, ls=":", lw=1, label=f"极限 1/k² = {1 / k ** 2:.3f}")
    ax.scatter([C2], [ratio], color=ORANGE, s=60, zorder=3, label=f"C2={C2}: {ratio:.4f}")
    ax.set_xscale("log", base=2)
    _plain_log(ax.xaxis)
    ax.set_ylim(0, max(1.15, ratio * 1.1) if k == 1 else 0.6)
    ax.set_xlabel("输出通道数 C2")
    ax.set_ylabel("参数比（可分离 / 标准）")
    ax.set_title(f"k={k}：比例由 1/k² 决定", fontsize=10)
    ax.legend(fontsize=8)
    ax2.bar(list(ai), list(ai.values()), color=[BLUE, ORANGE, GREEN])
    ax2.set_yscale("log")
    _plain_log(ax2.yaxis)
    ax2.set_ylim(0.5, 2000)
    ax2.set_ylabel("FLOP / 字节（对数）")
    ax2.set_title(f"算术强度（28×28，C1={C1}，C2={C2}）", fontsize=10)
    for i, v in enumerate(ai.values()):
        ax2.text(i, v * 1.15, f"{v:.1f}", ha="center", fontsize=9)
    print(f"C1={C1}, C2={C2}, k={k}: 参数比 {ratio:.4f} = 1/{C2} + 1/{k * k}")
    print("算术强度（FLOP/字节）: " + "   ".join(f"{n} {v:.1f}" for n, v in ai.items()))
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 03
@checked
@functools.lru_cache(maxsize=None)
def gradient_support(n_layers: int, size: int) -> np.ndarray:
    """Paths from each input pixel to the centre output through ``n_layers`` all-ones 3x3 convs
    (= the input gradient of that output when every weight is 1): the 3x3 box convolved with itself n times."""
    check_int_range("n_layers", n_layers, 0, 64)
    check_int_range("size", size, 1, 1024)
    grid = np.zeros((size, size))
    grid[size // 2, size // 2] = 1.0
    for _ in range(n_layers):
        padded = np.pad(grid, 1)
        grid = sum(padded[i:i + size, j:j + size] for i in range(3) for j in range(3))
    return grid


@checked
def show_receptive_field(n_layers: int = 3, channels: int = 256) -> None:
    """n stacked 3x3 convs: the receptive field (2n+1)^2 drawn on the input grid, shaded by the number of paths
    (the gradient support), and the parameters against one (2n+1)x(2n+1) conv."""
    check_int_range("n_layers", n_layers, 1, 8)
    check_int_range("channels", channels, 1, 4096)
    k = 2 * n_layers + 1
    stacked = n_layers * conv2d_params(channels, channels, 3, bias=False)
    single = conv2d_params(channels, channels, k, bias=False)
    size = 19
    support = gradient_support(n_layers, size)
    fig, (ax, ax2) = _subplots(2, (8.6, 3.8), gridspec_kw={"width_ratios": [1.1, 1]})
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("viridis").with_extremes(bad="#f2f2f2")
    ax.imshow(np.ma.masked_equal(support, 0), cmap=cmap, interpolation="nearest")
    _grid_axes(ax, size, size)
    lo = size // 2 - n_layers - 0.5
    ax.add_patch(_rectangle((lo, lo), k, k, fill=False, ec=ORANGE, lw=2))
    ax.scatter([size // 2], [size // 2], marker="x", c="white", s=30)
    ax.set_title(f"{n_layers} 层 3×3：感受野 {k}×{k}（颜色 = 路径数）", fontsize=10)
    centre = support[size // 2]
    xs = np.arange(size) - size // 2
    ax2.bar(xs, centre / centre.max(), color=BLUE, label="堆叠 3×3（中心行，归一化）")
    ax2.step(xs, (np.abs(xs) <= n_layers).astype(float), where="mid", color=ORANGE, label=f"单层 {k}×{k}：处处相同")
    ax2.set_ylim(0, 1.25)
    ax2.set_xlabel("到中心的距离（像素）")
    ax2.set_title("越靠中心的像素，路径越多", fontsize=10)
    ax2.legend(fontsize=8, loc="upper right")
    print(f"{n_layers} 层 3×3 ≡ 感受野 {k}×{k}: {stacked:,} 参数 vs 1 层 {k}×{k}: {single:,} 参数 "
          f"(比值 {stacked / single:.2f}，ReLU 数 {n_layers} vs 1)")
    print(f"中心像素有 {int(support[size // 2, size // 2]):,} 条路径，感受野角上的像素只有 1 条")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 04
PROFILE_MODES = ("普通网络", "残差网络", "两者")


@checked
def show_gradient_profile(profiles: dict, depth: int = 20, mode: str = "两者") -> None:
    """Per-layer weight-gradient norms at initialisation (computed once by the notebook) for one depth:
    ``profiles[(depth, residual)]`` is the list of norms, first layer first. Log scale."""
    depths = sorted({d for d, _ in profiles})
    check_choice("depth", depth, depths)
    check_choice("mode", mode, PROFILE_MODES)
    shown = {"普通网络": [False], "残差网络": [True], "两者": [False, True]}[mode]
    fig, ax = _subplots(1, (7.5, 3.3))
    for residual in shown:
        g = np.asarray(profiles[(depth, residual)], dtype=float)
        name = f"{'ResNet' if residual else 'plain'}-{depth}"
        ax.semilogy(np.arange(1, len(g) + 1), g, "o-", ms=3, color=GREEN if residual else ORANGE, label=name)
        _plain_log(ax.yaxis)
        print(f"{name:<10} {len(g)} 个卷积层，最大/最小梯度范数 ※ {g.max() / g.min():.3g} 倍")
    ax.set_ylim(1e-2, 1e4)
    ax.set_xlabel("卷积层序号（1 = 靠近输入）")
    ax.set_ylabel("权重梯度范数")
    ax.set_title(f"深度 {depth}：初始化时的逐层梯度", fontsize=10)
    ax.legend(fontsize=9)
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 05
@checked
def inception_v1_costs(in_channels: int, ch1x1: int, ch3x3red: int, ch3x3: int, ch5x5red: int, ch5x5: int,
                       pool_proj: int, factorize: bool = False, size: int = 28) -> dict[str, list[tuple[str, int, int]]]:
    """(layer, parameters, MACs) of each branch of an Inception v1 block, layer by layer: convs with bias as in
    GoogLeNet, stride 1 on size x size. ``factorize`` replaces the 5x5 by two 3x3 (arXiv:1512.00567 Fig. 5)."""
    for name, v in (("in_channels", in_channels), ("ch1x1", ch1x1), ("ch3x3red", ch3x3red), ("ch3x3", ch3x3),
                    ("ch5x5red", ch5x5red), ("ch5x5", ch5x5), ("pool_proj", pool_proj)):
        check_int_range(name, v, 1, 4096)

    def conv(label, c_in, c_out, k):
        return label, conv2d_params(c_in, c_out, k), conv2d_macs(c_in, c_out, k, (size, size))

    five = ([conv("3×3", ch5x5red, ch5x5, 3), conv("3×3", ch5x5, ch5x5, 3)] if factorize
            else [conv("5×5", ch5x5red, ch5x5, 5)])
    return {"1×1": [conv("1×1", in_channels, ch1x1, 1)],
            "3×3": [conv("1×1 降维", in_channels, ch3x3red, 1), conv("3×3", ch3x3red, ch3x3, 3)],
            "5×5": [conv("1×1 降维", in_channels, ch5x5red, 1)] + five,
            "池化": [conv("池化后 1×1", in_channels, pool_proj, 1)]}


@checked
def show_inception_branches(ch1x1: int = 64, ch3x3red: int = 96, ch3x3: int = 128, ch5x5red: int = 16, ch5x5: int = 32,
                            pool_proj: int = 32, factorize: bool = False) -> None:
    """GoogLeNet block 3a (192 channels in, 28x28) with the branch widths given: parameters and MACs per branch
    (stacked by layer), output channels per branch; ``factorize``: the 5x5 as two 3x3."""
    costs = inception_v1_costs(192, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj, factorize)
    outs = {"1×1": ch1x1, "3×3": ch3x3, "5×5": ch5x5, "池化": pool_proj}
    fig, (ax, ax2) = _subplots(2, (9, 3.3), gridspec_kw={"width_ratios": [1.6, 1]})
    names = list(costs)
    for i, name in enumerate(names):
        left = 0
        for j, (layer, p, _) in enumerate(costs[name]):
            ax.barh(i, p / 1e3, left=left, color=(GREY if "1×1" in layer and len(costs[name]) > 1 else BLUE) if j < 2 else GREEN,
                    edgecolor="white")
            left += p / 1e3
        ax.text(left + 3, i, f"{left:.1f}K", va="center", fontsize=9)
    ax.set_yticks(range(4), [f"{n} 分支" for n in names])
    ax.set_xlim(0, 420)
    ax.invert_yaxis()
    ax.set_xlabel("参数（千，灰色 = 1×1 降维）")
    ax.set_title("每个分支的参数（MACs ≈ 参数 × 28 × 28）", fontsize=10)
    ax2.bar(names, list(outs.values()), color=[BLUE, BLUE, GREEN if factorize else BLUE, GREY])
    ax2.set_ylim(0, 270)
    ax2.set_ylabel("输出通道")
    ax2.set_title(f"拼接后 {sum(outs.values())} 个通道", fontsize=10)
    total = sum(p for layers in costs.values() for _, p, _ in layers)
    macs = sum(m for layers in costs.values() for _, _, m in layers)
    print("各分支参数: " + "  ".join(f"{n} {sum(p for _, p, _ in costs[n]):,}" for n in names))
    print(f"合计 {total:,} 参数，MACs {human(macs)}（28×28），输出 {sum(outs.values())} 通道"
          + ("；5×5 已分解为两个 3×3" if factorize else ""))
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 06
@checked
def show_xception_continuum(segments: int = 3, in_channels: int = 64, channels: int = 96) -> None:
    """1x1 (in_channels -> channels) followed by a 3x3 split into ``segments`` independent groups:
    segments = 1 is one regular 3x3 (Inception-like towers merged), segments = channels is the depthwise 3x3
    of an 'extreme Inception' (Xception). Parameters move along the curve; the 3x3's connections are drawn."""
    check_int_range("segments", segments, 1, channels)
    if channels % segments:
        raise ValueError(f"分段数 {segments} 必须整除 3×3 的通道数 {channels}")
    divisors = [s for s in range(1, channels + 1) if channels % s == 0]
    pw = conv2d_params(in_channels, channels, 1, bias=False)
    params = {s: pw + conv2d_params(channels, channels, 3, groups=s, bias=False) for s in divisors}
    fig, (ax, ax2) = _subplots(2, (8.6, 3.5))
    ax.loglog(divisors, [params[s] / 1e3 for s in divisors], "o-", base=2, ms=4, color=BLUE)
    _plain_log(ax.xaxis)
    _plain_log(ax.yaxis)
    ax.scatter([segments], [params[segments] / 1e3], s=80, color=ORANGE, zorder=3)
    ax.axhline(pw / 1e3, color=GREY, ls="--", lw=1, label="只剩 1×1 的参数")
    ax.set_xlabel("3×3 的分段数（1 = 普通卷积 … C = 逐深度）")
    ax.set_ylabel("参数（千）")
    ax.set_title(f"{segments} 段：{params[segments]:,} 参数", fontsize=10)
    ax.legend(fontsize=8)
    draw_group_connections(ax2, channels, channels, segments, title=f"3×3 的连接：{segments} 个块")
    print(f"1×1 {in_channels}→{channels}: {pw:,}；3×3 分 {segments} 段: {params[segments] - pw:,}；合计 {params[segments]:,}")
    print(f"Inception 式（3 段）{params[3]:,} → Xception 式（{channels} 段）{params[channels]:,}")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 07
@checked
def resnext_block_convs(C: int, d: int, c_io: int = 256) -> int:
    """ResNeXt paper Eq. (4) (conv weights of a bottleneck template): C (c_io d + 9 d^2 + d c_io)."""
    return C * (c_io * d + 9 * d * d + d * c_io)


@checked
def resnext_width_for(C: int, budget: int, c_io: int = 256) -> int:
    """The width d that brings Eq. (4) closest to ``budget`` (how the paper's Table 2 is made)."""
    return min(range(1, 257), key=lambda d: abs(resnext_block_convs(C, d, c_io) - budget))


@checked
def show_resnext_budget(C: int = 32) -> None:
    """Cardinality C at the budget of a ResNet bottleneck (256-64-64-256, 69,632 weights): the width d that fits,
    the block's parameters as a function of d, and the grouped 3x3 (C groups of d channels) drawn."""
    check_int_range("C", C, 1, 128)
    budget = conv2d_params(256, 64, 1, bias=False) + conv2d_params(64, 64, 3, bias=False) + conv2d_params(64, 256, 1, bias=False)
    d = resnext_width_for(C, budget)
    fig, (ax, ax2) = _subplots(2, (8.8, 3.5))
    ds = np.arange(1, 129)
    ax.plot(ds, [resnext_block_convs(C, int(x)) / 1e3 for x in ds], color=BLUE, label=f"C={C}")
    ax.axhline(budget / 1e3, color=GREY, ls="--", label="ResNet 瓶颈块")
    ax.scatter([d], [resnext_block_convs(C, d) / 1e3], s=70, color=ORANGE, zorder=3, label=f"d={d}")
    ax.set_ylim(0, 200)
    ax.set_xscale("log", base=2)
    _plain_log(ax.xaxis)
    ax.set_xlabel("每条路径宽度 d")
    ax.set_ylabel("块卷积参数（千）")
    ax.set_title("同样预算：C 越大，d 越小", fontsize=10)
    ax.legend(fontsize=8)
    draw_group_connections(ax2, C * d, C * d, C, title=f"分组 3×3：{C} 组 × {d} 通道 = {C * d}")
    print(f"C={C}: d={d}，分组 3×3 宽度 C·d={C * d}，块卷积参数 {resnext_block_convs(C, d):,}（ResNet 瓶颈块 {budget:,}）")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 08
@checked
def show_res2net_splits(scale: int = 4) -> None:
    """Res2Net block with s splits (arXiv:1904.01169 Eq. 1): split i sees 2i - 1 pixels of the 3x3 level
    (split 1 is passed on untouched). Nested squares on the input grid, one colour per split."""
    check_int_range("scale", scale, 2, 8)
    fields = [1] + [2 * i - 1 for i in range(2, scale + 1)]
    size = 2 * 8 + 1
    fig, (ax, ax2) = _subplots(2, (8.4, 3.7), gridspec_kw={"width_ratios": [1, 1.1]})
    ax.imshow(np.zeros((size, size)), cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    _grid_axes(ax, size, size)
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("viridis")
    colours = [cmap(i / max(scale - 1, 1)) for i in range(scale)]
    for i, r in reversed(list(enumerate(fields))):
        lo = size // 2 - r // 2 - 0.5
        ax.add_patch(_rectangle((lo, lo), r, r, facecolor=colours[i], alpha=0.9, edgecolor="white"))
    ax.set_title(f"s={scale}：y1 … y{scale} 的感受野（嵌套）", fontsize=10)
    ax2.bar(range(1, scale + 1), fields, color=colours)
    ax2.axhline(3, color=ORANGE, ls="--", label="ResNet 瓶颈块：所有通道都是 3")
    ax2.set_ylim(0, 17)
    ax2.set_xticks(range(1, scale + 1), [f"y{i}" for i in range(1, scale + 1)])
    ax2.set_ylabel("感受野边长（3×3 那一层的像素）")
    ax2.set_title("每组多一个 3×3，感受野 +2", fontsize=10)
    ax2.legend(fontsize=8)
    w = 26
    print(f"s={scale}: 各组感受野 {fields}（ResNet: {[3] * min(scale, 4)}{' …' if scale > 4 else ''}）")
    print(f"每组 w={w} 个通道时，{scale - 1} 个 3×3 共 {(scale - 1) * 9 * w * w:,} 个权重")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 09
@checked
def show_dense_growth(growth_rate: int = 32, num_layers: int = 6, theta: float = 0.5) -> None:
    """Two dense blocks with a transition between them (64 channels in, 56x56, batch 1, float32):
    each layer's input channels grow by k; the transition keeps floor(theta C). Right: memory of the
    concatenations (a new tensor per layer, quadratic in total) against one shared buffer."""
    check_int_range("growth_rate", growth_rate, 1, 256)
    check_int_range("num_layers", num_layers, 1, 64)
    theta = check_number("theta", theta, 0, 1, low_open=True)
    c0, hw, mb = 64, 56 * 56, 2 ** 20
    block1 = [c0 + i * growth_rate for i in range(num_layers + 1)]          # inputs of layers 1..L, then the output
    c_t = int(theta * block1[-1])
    if c_t < 1:
        raise ValueError(f"θ={theta} 把 {block1[-1]} 个通道压到了 0 个")
    block2 = [c_t + i * growth_rate for i in range(num_layers + 1)]
    concat = np.array(block1) * hw * 4 / mb                                 # every concatenation is a new tensor
    shared = block1[-1] * hw * 4 / mb
    fig, (ax, ax2) = _subplots(2, (9.4, 3.4))
    xs = np.arange(2 * num_layers + 2)
    ax.step(xs, block1 + block2, where="mid", color=BLUE)
    ax.axvline(num_layers + 0.5, color=ORANGE, ls="--", lw=1, label=f"过渡层 ×θ={theta:g}")
    ax.set_ylim(0, max(400, 1.1 * max(block1 + block2)))
    ax.set_xlabel("block 1（第 1…L 层，输出） | block 2")
    ax.set_ylabel("通道数")
    ax.set_title(f"k={growth_rate}，每块 {num_layers} 层：{c0}→{block1[-1]}→{c_t}→{block2[-1]}", fontsize=10)
    ax.legend(fontsize=8)
    ax2.bar(np.arange(1, num_layers + 2), np.cumsum(concat), color=BLUE, label="朴素拼接：累计分配")
    ax2.axhline(shared, color=ORANGE, ls="--", label="共享存储：一块缓冲")
    ax2.set_ylim(0, max(20, 1.15 * concat.sum()))
    ax2.set_xlabel("block 1 中的第几次拼接")
    ax2.set_ylabel("MB（56×56，batch 1）")
    ax2.set_title("拼接内存随层数平方增长", fontsize=10)
    ax2.legend(fontsize=8)
    print(f"block 1: {c0} -> {block1[-1]}，过渡层 -> {c_t}，block 2 -> {block2[-1]}")
    print(f"block 1 朴素拼接累计 {concat.sum():.2f} MB，共享存储 {shared:.2f} MB（{concat.sum() / shared:.1f} 倍）")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 10
@checked
def show_yolo_grids(macs_by_size: dict, size: int = 416) -> None:
    """YOLOv3 reads Darknet-53 at strides 32, 16, 8: the three output grids over a size x size input.
    ``macs_by_size`` maps input sizes to the backbone's MACs (counted once by the notebook)."""
    check_choice("size", size, sorted(macs_by_size))
    if size % 32:
        raise ValueError(f"输入边长 {size} 必须是 32 的倍数（5 次步长 2 的下采样）")
    fig, axes = _subplots(3, (10.5, 3.5))
    for ax, stride, colour in zip(axes, (32, 16, 8), (BLUE, ORANGE, GREEN)):
        n = size // stride
        lines = np.arange(0, size + 1, stride)
        ax.vlines(lines, 0, size, color=colour, lw=0.6)
        ax.hlines(lines, 0, size, color=colour, lw=0.6)
        ax.add_patch(_rectangle((0, 0), stride, stride, color=colour, alpha=0.6))
        ax.add_patch(_rectangle((0, 0), size, size, fill=False, ec="black", lw=1))
        ax.set_xlim(-4, 612)
        ax.set_ylim(612, -4)
        for side in ax.spines.values():
            side.set_visible(False)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xticks([0, size])
        ax.set_yticks([])
        ax.set_title(f"步长 {stride}：{n}×{n} 个格子", fontsize=10)
    fig.suptitle(f"输入 {size}×{size}（画在 608×608 的框里；色块 = 一个格子管的像素）", fontsize=10)
    grids = [size // s for s in (32, 16, 8)]
    print(f"{size}×{size} -> 网格 " + "、".join(f"{g}×{g}" for g in grids) + f"，共 {sum(g * g for g in grids):,} 个格子")
    print(f"Darknet-53 主干 MACs {human(macs_by_size[size])}（相对 416: {macs_by_size[size] / macs_by_size.get(416, macs_by_size[size]):.2f} 倍）")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 11
@checked
def show_fire(squeeze1x1: int = 16, expand1x1: int = 64, expand3x3: int = 64, in_channels: int = 96) -> None:
    """Fire module (SqueezeNet, arXiv:1602.07360) against a plain 3x3 conv with the same input and output
    channels: parameters by part. The paper keeps the squeeze narrower than the output (s1x1 < e1x1 + e3x3)."""
    from ..blocks.fire import fire_params

    for name, v in (("squeeze1x1", squeeze1x1), ("expand1x1", expand1x1), ("expand3x3", expand3x3)):
        check_int_range(name, v, 1, 2048)
    if squeeze1x1 >= expand1x1 + expand3x3:
        raise ValueError(f"挤压层要比输出窄：s1x1={squeeze1x1} 应小于 e1x1 + e3x3 = {expand1x1 + expand3x3}")
    s = squeeze1x1
    parts = {"squeeze 1×1": s * (in_channels + 1), "expand 1×1": expand1x1 * (s + 1), "expand 3×3": expand3x3 * (9 * s + 1)}
    total = fire_params(in_channels, squeeze1x1, expand1x1, expand3x3)
    assert total == sum(parts.values())
    plain = conv2d_params(in_channels, expand1x1 + expand3x3, 3)
    fig, ax = _subplots(1, (7.6, 2.6))
    left = 0
    for (name, p), colour in zip(parts.items(), (GREY, BLUE, GREEN)):
        ax.barh(1, p / 1e3, left=left, color=colour, label=name)
        left += p / 1e3
    ax.barh(0, plain / 1e3, color=ORANGE, label="普通 3×3")
    ax.set_yticks([0, 1], [f"3×3 {in_channels}→{expand1x1 + expand3x3}", "Fire"])
    ax.set_xlim(0, 1.2 * max(plain, total) / 1e3)
    ax.set_xlabel("参数（千）")
    ax.set_title(f"Fire 的参数是同输入输出 3×3 卷积的 {total / plain:.1%}", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    print(f"Fire({in_channels}, s={s}, e1={expand1x1}, e3={expand3x3}): {total:,} 参数；"
          f"普通 3×3 {in_channels}→{expand1x1 + expand3x3}: {plain:,}（{plain / total:.1f} 倍）")
    print(f"挤压比 SR = s1x1 / (e1x1 + e3x3) = {s / (expand1x1 + expand3x3):.3f}，3×3 占输出的 {expand3x3 / (expand1x1 + expand3x3):.0%}")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 12
@checked
@functools.lru_cache(maxsize=None)
def relu_roundtrip_spiral(n: int, points: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """MobileNetV2 Fig. 1: a 2-D spiral X -> T X (n dims, T random) -> ReLU -> T^+ back to 2-D.
    Returns (spiral, recovered), each (2, points). Cached: the slider only redraws."""
    import torch

    check_int_range("n", n, 1, 1024)
    check_int_range("points", points, 2, 100_000)
    theta = torch.linspace(0, 4 * math.pi, points, dtype=torch.float64)
    spiral = torch.stack([theta * torch.cos(theta), theta * torch.sin(theta)]) / (4 * math.pi)
    T = torch.randn(n, 2, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    back = torch.linalg.pinv(T) @ torch.relu(T @ spiral)
    return spiral.numpy(), back.numpy()


@checked
def show_relu_spiral(n: int = 15, t: int = 6) -> None:
    """Left: the spiral after ReLU in n dimensions and back (low n flattens it). Right: parameters of an
    inverted residual block 24 -> 24 with expansion t (its ReLU6 works in t x 24 dimensions)."""
    from ..blocks.inverted_residual import inverted_residual_params

    check_int_range("n", n, 2, 100)
    check_int_range("t", t, 1, 12)
    spiral, back = relu_roundtrip_spiral(n)
    err = float(np.linalg.norm(back - spiral) / np.linalg.norm(spiral))
    colour = np.linspace(0, 1, spiral.shape[1])
    fig, (ax, ax2) = _subplots(2, (8.6, 3.5))
    ax.scatter(spiral[0], spiral[1], c=GREY, s=2)
    ax.scatter(back[0], back[1], c=colour, s=3, cmap="viridis")
    ax.set_aspect("equal")
    ax.set_xlim(-1.1, 1.1)
    ax.set_ylim(-1.1, 1.1)
    ax.set_title(f"n={n}：ReLU 后投影回二维（灰 = 原螺旋）", fontsize=10)
    ts = np.arange(1, 13)
    ax2.plot(ts, [inverted_residual_params(24, 24, int(x)) / 1e3 for x in ts], "o-", ms=3, color=BLUE)
    p = inverted_residual_params(24, 24, t)
    ax2.scatter([t], [p / 1e3], s=70, color=ORANGE, zorder=3)
    ax2.set_xlabel("扩张倍数 t")
    ax2.set_ylabel("参数（千）")
    ax2.set_title(f"倒置残差块 24→24：t={t} 时隐藏层 {24 * t} 通道", fontsize=10)
    print(f"n={n}: 投影回二维的相对误差 {err:.2f}（T 固定随机，seed 0）")
    print(f"t={t}: InvertedResidual(24, 24) 参数 {p:,}，隐藏层 {24 * t} 通道")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 14
@checked
def show_ghost(ratio: int = 2, dw_size: int = 3, out_channels: int = 16) -> None:
    """Ghost module (arXiv:1911.11907): of n output maps, m = ceil(n/s) come from the primary conv (intrinsic),
    the rest from a cheap d x d depthwise conv on them. Left: which maps are which (n = 16);
    right: the saving of Eq. 4 against c, k = 1 (GhostNet) and k = d."""
    from ..blocks.ghost import ghost_module_params, ghost_speedup_ratio

    check_int_range("ratio", ratio, 2, 16)
    check_int_range("dw_size", dw_size, 1, 9)
    if dw_size % 2 == 0:
        raise ValueError(f"廉价操作的核大小 d={dw_size} 应为奇数（保持特征图尺寸）")
    m = math.ceil(out_channels / ratio)
    fig, (ax, ax2) = _subplots(2, (9.4, 3.3), gridspec_kw={"width_ratios": [1.2, 1]})
    for i in range(m):
        ax.add_patch(_rectangle((i - 0.4, 1 - 0.3), 0.8, 0.6, color=BLUE))
    for j in range(out_channels):
        src = (j - m) // (ratio - 1) if j >= m else j           # cheap op: depthwise, s - 1 ghosts per intrinsic map
        colour = BLUE if j < m else ORANGE
        ax.add_patch(_rectangle((j - 0.4, -0.3), 0.8, 0.6, color=colour))
        if j >= m:
            ax.plot([src, j], [0.7, 0.3], color=ORANGE, lw=0.8)
    ax.set_xlim(-0.8, out_channels - 0.2)
    ax.set_ylim(-0.6, 1.6)
    ax.set_yticks([0, 1], ["输出 n", "本征 m"])
    ax.set_xticks([])
    ax.grid(False)
    ax.set_title(f"s={ratio}：{m} 个本征图（蓝）+ {out_channels - m} 个 ghost（橙，由 {dw_size}×{dw_size} 逐深度卷积生成）",
                 fontsize=9)
    cs = np.arange(4, 513, 4)
    ax2.plot(cs, [ghost_speedup_ratio(int(c), 1, ratio, dw_size) for c in cs], color=BLUE, label="k=1（GhostNet）")
    ax2.plot(cs, [ghost_speedup_ratio(int(c), dw_size, ratio, dw_size) for c in cs], color=GREEN, label=f"k=d={dw_size}")
    ax2.axhline(ratio, color=GREY, ls="--", lw=1, label=f"s={ratio}")
    ax2.set_ylim(0, ratio + 2)
    ax2.set_xlabel("输入通道 c")
    ax2.set_ylabel("节省倍数 r_s（式 4）")
    ax2.legend(fontsize=8)
    ghost = ghost_module_params(256, 256, 1, ratio, dw_size)
    plain = conv2d_params(256, 256, 1, bias=False) + 2 * 256
    print(f"s={ratio}, d={dw_size}: n={out_channels} 个输出中 {m} 个本征、{out_channels - m} 个 ghost")
    print(f"c=n=256, k=1: Ghost 模块 {ghost:,} 参数 vs 1×1 卷积+BN {plain:,}（{plain / ghost:.2f} 倍），"
          f"式 4 r_s = {ghost_speedup_ratio(256, 1, ratio, dw_size):.2f}")
    _finish(fig)


# ----------------------------------------------------------------------------------------------- 15
@checked
def pconv_costs(channels: int, n_div: int = 4, size: int = 56, kernel_size: int = 3) -> dict[str, tuple[int, int]]:
    """(FLOPs, memory access in elements) of a regular conv, DWConv and PConv on (channels, size, size):
    FasterNet Sec. 3.1 (Eqs. 1-4)."""
    from ..blocks.pconv import pconv_flops, pconv_memory_access

    h = w = size
    k, c = kernel_size, channels
    return {"普通卷积": (h * w * k * k * c * c, h * w * 2 * c + k * k * c * c),
            "DWConv": (h * w * k * k * c, h * w * 2 * c + k * k * c),
            "PConv": (pconv_flops(h, w, c, n_div, k), pconv_memory_access(h, w, c, n_div, k))}


@checked
def show_pconv(n_div: int = 4, channels: int = 128) -> None:
    """PConv (FasterNet, arXiv:2303.03667 Sec. 3.1): a 3x3 on the first C/n_div channels only, the rest passed on.
    FLOPs and memory access (Eqs. 1-4, 56x56) of conv, DWConv and PConv; the convolved channels drawn."""
    check_int_range("channels", channels, 1, 4096)
    check_int_range("n_div", n_div, 1, channels)
    if channels % n_div:
        raise ValueError(f"n_div={n_div} 必须整除通道数 {channels}")
    c, cp = channels, channels // n_div
    costs = pconv_costs(channels, n_div)
    fig, (ax0, ax1, ax2) = _subplots(3, (11, 3.2), gridspec_kw={"width_ratios": [0.7, 1, 1]})
    strip = np.zeros((c, 1))
    strip[:cp] = 1
    ax0.imshow(strip, cmap="Blues", vmin=-0.2, vmax=1.2, aspect="auto", interpolation="nearest")
    ax0.set_xticks([])
    ax0.grid(False)
    ax0.set_ylabel("通道")
    ax0.set_title(f"参与 3×3 的 {cp}/{c}", fontsize=10)
    colours = [GREY, ORANGE, BLUE]
    for ax, idx, label in ((ax1, 0, "FLOPs（乘加）"), (ax2, 1, "访存（元素）")):
        vals = [v[idx] for v in costs.values()]
        ax.bar(list(costs), vals, color=colours)
        ax.set_yscale("log")
        _plain_log(ax.yaxis)
        ax.set_ylim(1e4, 1e10)
        ax.set_title(label, fontsize=10)
        for i, v in enumerate(vals):
            ax.text(i, v * 1.3, human(v), ha="center", fontsize=8)
    base_f, base_m = costs["普通卷积"]
    print(f"C={c}, n_div={n_div}: c_p={cp}，PConv FLOPs 是普通卷积的 1/{n_div * n_div}，访存约 {costs['PConv'][1] / base_m:.3f}")
    print("FLOPs: " + "  ".join(f"{n} {human(f)}" for n, (f, _) in costs.items()))
    print("访存:  " + "  ".join(f"{n} {human(m)}" for n, (_, m) in costs.items()))
    _finish(fig)
