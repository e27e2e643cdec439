"""The photograph pictures behind the sliders of lessons 02, 03 and 27: pure ``show_xxx(data, ...)`` functions.

Same rules as :mod:`convcourse.viz.panels`: arguments checked (a ValueError with a short Chinese reason, shown as
one line by ``convcourse.widgets.panel``), a few printed lines, one figure displayed and closed. The photo and what
a module computes on it (a separable conv's depthwise and pointwise outputs, the measured receptive fields of a
VGG stack, ASPP's branch outputs) are computed once in the notebook and bound with ``functools.partial``, so a
slider only redraws. The photos are scikit-image's samples (``convcourse.realdata.load_photo``).
"""
from __future__ import annotations

import numpy as np

from .._checks import check_choice, check_int_range
from .panels import ORANGE, _finish, _rectangle, _subplots


def _picture(ax, img, title: str) -> None:
    """An (H, W) map: signed values on a diverging scale centred at 0 (clipped at the 99th percentile of |value|,
    so a few strong edges do not wash out the rest), non-negative ones in grey."""
    img = np.asarray(img, dtype=float)
    if img.min() < 0:
        v = float(np.percentile(np.abs(img), 99)) or float(np.abs(img).max()) or 1.0
        ax.imshow(img, cmap="RdBu_r", vmin=-v, vmax=v)
    else:
        ax.imshow(img, cmap="gray", vmin=0, vmax=max(float(img.max()), 1e-12))
    ax.set_title(title, fontsize=9)
    ax.axis("off")


def _matrix(ax, m, title: str, rows=None, cols=None) -> None:
    """A small weight matrix drawn with its numbers written in."""
    m = np.asarray(m, dtype=float)
    v = 2.5 * float(np.abs(m).max()) or 1.0                                # pale colours: the numbers stay legible
    ax.imshow(m, cmap="RdBu_r", vmin=-v, vmax=v)
    for (i, j), value in np.ndenumerate(m):
        ax.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(m.shape[1]), cols or [""] * m.shape[1], fontsize=7)
    ax.set_yticks(range(m.shape[0]), rows or [""] * m.shape[0], fontsize=7)
    ax.tick_params(length=0)
    ax.set_title(title, fontsize=9)


def _rgb(img) -> np.ndarray:
    """(3, H, W) or (1, H, W) or (H, W) in [0, 1] -> what ``imshow`` takes."""
    img = np.asarray(img, dtype=float)
    if img.ndim == 3 and img.shape[0] == 1:
        img = img[0]
    return np.clip(img.transpose(1, 2, 0) if img.ndim == 3 else img, 0, 1)


# ----------------------------------------------------------------------------------------------- 02
CHANNEL_NAMES = ("R", "G", "B")


def show_separable_photo(data: dict, photo: str = "chelsea", kernel: str = "Sobel x") -> None:
    """One SeparableConv2d(3, 3, 3) on a colour photo. Row 1: the photo and its R, G, B channels; row 2: the
    depthwise kernel and the three depthwise outputs (channel i only sees input channel i); row 3: the pointwise
    1x1 weights and the three outputs (each mixes all three depthwise outputs).

    ``data``: ``photos`` {name: (3, H, W)}, ``kernels`` {name: (3, 3)}, ``pointwise`` (3, 3) weights,
    ``outputs`` (names of the pointwise outputs), ``depthwise`` and ``separable`` {(photo, kernel): (3, H, W)}."""
    check_choice("photo", photo, list(data["photos"]))
    check_choice("kernel", kernel, list(data["kernels"]))
    img, dw, out = data["photos"][photo], data["depthwise"][(photo, kernel)], data["separable"][(photo, kernel)]
    names = list(data["outputs"])
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(3, 4, figsize=(8.6, 5.6))
    axes[0, 0].imshow(_rgb(img))
    axes[0, 0].set_title("照片（输入 3 个通道）", fontsize=9)
    axes[0, 0].axis("off")
    for c in range(3):
        _picture(axes[0, c + 1], img[c], f"输入通道 {CHANNEL_NAMES[c]}")
        _picture(axes[1, c + 1], dw[c], f"逐深度：只看 {CHANNEL_NAMES[c]}")
        _picture(axes[2, c + 1], out[c], f"逐点输出：{names[c]}")
    _matrix(axes[1, 0], data["kernels"][kernel], f"逐深度核：{kernel}\n（3 个通道各一份）")
    _matrix(axes[2, 0], data["pointwise"], "逐点 1×1 权重", rows=names, cols=list(CHANNEL_NAMES))
    fig.subplots_adjust(hspace=0.35)
    flat = dw.reshape(3, -1)
    corr = np.corrcoef(flat)
    spread = out.reshape(3, -1).std(axis=1)
    print(f"{photo}，逐深度核 {kernel}：三个逐深度输出两两的相关系数 R-G {corr[0, 1]:.2f}，"
          f"G-B {corr[1, 2]:.2f}，R-B {corr[0, 2]:.2f}")
    print("逐点输出的标准差：" + "，".join(f"{n} {s:.3f}" for n, s in zip(names, spread)))
    _finish(fig, wspace=0.15)


# ----------------------------------------------------------------------------------------------- 03
def show_vgg_field_on_photo(data: dict, layer: str = "conv3_3", row: int = 112, col: int = 112) -> None:
    """The receptive field of one unit of a VGG layer drawn on a photo: the unit that covers input pixel
    (row, col), its r x r field (orange) and its right-hand neighbour's (dashed, ``jump`` pixels further); the crop
    it sees (zero padding in grey) and the measured gradient of that unit (all-ones weights: the number of paths).

    ``data``: ``photo`` (3, H, W) in [0, 1]; ``fields`` {layer: dict(r, jump, grid, top, left, paths)}, measured
    for the centre unit (``grid // 2``, ``grid // 2``): ``top``/``left`` is where its field starts, ``paths`` (r, r)."""
    check_choice("layer", layer, list(data["fields"]))
    img = _rgb(data["photo"])
    h, w = img.shape[:2]
    check_int_range("row", row, 0, h - 1)
    check_int_range("col", col, 0, w - 1)
    f = data["fields"][layer]
    r, jump, grid = int(f["r"]), int(f["jump"]), int(f["grid"])
    i, j = min(row // jump, grid - 1), min(col // jump, grid - 1)           # the unit whose window holds the pixel
    top, left = int(f["top"]) + (i - grid // 2) * jump, int(f["left"]) + (j - grid // 2) * jump
    crop = np.full((r, r, 3), 0.82)                                         # grey = zero padding
    t0, l0, t1, l1 = max(top, 0), max(left, 0), min(top + r, h), min(left + r, w)
    crop[t0 - top:t1 - top, l0 - left:l1 - left] = img[t0:t1, l0:l1] if img.ndim == 3 else img[t0:t1, l0:l1, None]
    inside = max(t1 - t0, 0) * max(l1 - l0, 0)

    fig, (ax0, ax1, ax2) = _subplots(3, (10.2, 3.6), gridspec_kw={"width_ratios": [1.25, 1, 1]})
    ax0.imshow(img, cmap="gray")
    ax0.add_patch(_rectangle((left - 0.5, top - 0.5), r, r, fill=False, ec=ORANGE, lw=2))
    ax0.add_patch(_rectangle((left + jump - 0.5, top - 0.5), r, r, fill=False, ec="white", lw=1, ls="--"))
    ax0.scatter([col], [row], marker="x", c="red", s=30)
    margin = min(r // 2, 120)
    ax0.set_xlim(-0.5 - margin, w - 0.5 + margin)
    ax0.set_ylim(h - 0.5 + margin, -0.5 - margin)
    ax0.axis("off")
    ax0.set_title(f"{layer}：单元 ({i}, {j}) 的感受野 {r}×{r}\n虚线：右邻单元（相隔 {jump} 像素）", fontsize=9)
    ax1.imshow(crop)
    ax1.axis("off")
    ax1.set_title("这个单元看到的输入（灰 = 补零）", fontsize=9)
    paths = np.asarray(f["paths"], dtype=float)
    ax2.imshow(paths / paths.max(), cmap="viridis", vmin=0, vmax=1)
    ax2.axis("off")
    ax2.set_title("实测梯度（全 1 权重）：越亮路径越多", fontsize=9)
    print(f"{layer}：感受野 {r}×{r} 像素，相邻单元相隔 {jump} 像素，这一层 {grid}×{grid} 个单元")
    print(f"像素 ({row}, {col}) 落在单元 ({i}, {j}) 的窗口里；它的感受野是第 {top}…{top + r - 1} 行、"
          f"第 {left}…{left + r - 1} 列，{inside}/{r * r} 个像素在照片内")
    _finish(fig, wspace=0.08)


# ----------------------------------------------------------------------------------------------- 27
def show_aspp_photo(data: dict, branch: str = "3×3 r=12", row: int = 10, col: int = 64) -> None:
    """One ASPP branch on a photo: where its taps at pixel (row, col) land (crosses = on the zero padding), the
    band of width r along the border where some of the 9 taps read padding (inside the dashed square all 9 are on
    the photo), and the branch's output.

    ``data``: ``photo`` (H, W) in [0, 1], ``branches`` (names), ``rates`` (an int for a 3x3 atrous branch, 0 for
    the 1x1 branch, None for image pooling) and ``responses`` (n_branches, H, W): each branch's output."""
    names = list(data["branches"])
    check_choice("branch", branch, names)
    img = np.asarray(data["photo"], dtype=float)
    h, w = img.shape
    check_int_range("row", row, 0, h - 1)
    check_int_range("col", col, 0, w - 1)
    k = names.index(branch)
    rate, out = data["rates"][k], np.asarray(data["responses"][k], dtype=float)

    fig, (ax0, ax1) = _subplots(2, (9.0, 4.0))
    ax0.imshow(img, cmap="gray", vmin=0, vmax=1, extent=(-0.5, w - 0.5, h - 0.5, -0.5))
    ax1.imshow(out, cmap="magma", vmin=0, vmax=max(float(out.max()), 1e-12))
    reach = rate or 0
    if rate is None:                                              # image pooling: every pixel, averaged
        ax0.add_patch(_rectangle((-0.5, -0.5), w, h, fill=False, ec=ORANGE, lw=3))
        ax0.scatter([col], [row], s=40, c=ORANGE, edgecolors="white", linewidths=0.6)
        taps, inside = h * w, h * w
        head = "全局平均：每个位置看整张图"
    else:
        offsets = np.array([-rate, 0, rate]) if rate else np.array([0])
        rr, cc = np.meshgrid(row + offsets, col + offsets, indexing="ij")
        ok = (rr >= 0) & (rr < h) & (cc >= 0) & (cc < w)
        ax0.scatter(cc[ok], rr[ok], s=40, c=ORANGE, edgecolors="white", linewidths=0.6)
        ax0.scatter(cc[~ok], rr[~ok], s=40, c="red", marker="x")
        taps, inside = ok.size, int(ok.sum())
        head = f"{taps} 个采样点：×＝落在补零上"
        if rate:
            for ax in (ax0, ax1):
                ax.add_patch(_rectangle((rate - 0.5, rate - 0.5), w - 2 * rate, h - 2 * rate, fill=False,
                                        ec="white", lw=1.2, ls="--"))
            span = 2 * rate + 1
            ax0.add_patch(_rectangle((col - rate - 0.5, row - rate - 0.5), span, span, fill=False, ec=ORANGE, lw=1))
    lim = min(reach, max(h, w)) + 2
    ax0.set_xlim(-0.5 - lim, w - 0.5 + lim)
    ax0.set_ylim(h - 0.5 + lim, -0.5 - lim)
    for ax in (ax0, ax1):
        ax.axis("off")
    ax0.set_title(f"{branch}，像素 ({row}, {col})：{head}", fontsize=9)
    ax1.set_title(f"{branch} 分支的输出（虚线内 9 点全在图内）" if rate else f"{branch} 分支的输出", fontsize=9)
    print(f"{branch}：像素 ({row}, {col}) 的 {taps} 个采样点有 {inside} 个在照片内")
    if rate:
        band = np.ones((h, w), bool)
        band[rate:h - rate, rate:w - rate] = False
        n_band = int(band.sum())
        inner = f"内部 {out[~band].mean():.3f}" if n_band < h * w else "没有内部：处处有采样点落在补零上"
        print(f"距边不到 {rate} 像素的带（{n_band}/{h * w} 个位置）平均输出 {out[band].mean():.3f}，{inner}")
    _finish(fig, wspace=0.06)
