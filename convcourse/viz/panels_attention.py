"""The pictures behind the sliders of lessons 17-24: pure ``show_xxx(...)`` functions over what the notebook has
already trained or collected (attention weights / maps of the test images), passed in with ``functools.partial``.
Moving a control only redraws: no forward, no training. Same rules as :mod:`convcourse.viz.panels`."""
from __future__ import annotations

import numpy as np

from .._checks import check_int_range, check_map
from .panels import BLUE, GREY, ORANGE, _finish, _rectangle, _subplots
from .._checks import checked


def _image_axes(ax, image: np.ndarray, title: str, box=None) -> None:
    """One (3, H, W) test image in [0, 1], no ticks; ``box`` = (top, left, bottom, right) drawn dashed in white."""
    ax.imshow(np.clip(np.transpose(image, (1, 2, 0)), 0, 1), interpolation="nearest")
    if box is not None:
        _box(ax, box)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_title(title, fontsize=10)


def _box(ax, box) -> None:
    top, left, bottom, right = (float(v) for v in box)
    ax.add_patch(_rectangle((left - 0.5, top - 0.5), right - left, bottom - top, fill=False, edgecolor="white",
                            lw=1.2, ls="--"))


def _box_means(amap: np.ndarray, box, height: int, width: int) -> tuple[float, float]:
    """Mean of an (h, w) map inside and outside ``box`` (image pixels), the map stretched to height x width."""
    rows = np.arange(height) * amap.shape[0] // height
    cols = np.arange(width) * amap.shape[1] // width
    big = amap[rows[:, None], cols[None, :]]
    top, left, bottom, right = (int(v) for v in box)
    inside = np.zeros((height, width), bool)
    inside[top:bottom, left:right] = True
    return float(big[inside].mean()), float(big[~inside].mean())


def _overlay(fig, ax, image: np.ndarray, amap, box, title: str, label: str) -> None:
    """``amap`` (h, w) stretched over the (3, H, W) image (bilinear, half transparent), the box dashed, and a
    colour bar in the map's own values (its range is this image's: the colours show where the map is high).
    ``label`` names the map in an error message."""
    m = check_map(label, amap).numpy()
    h, w = image.shape[1:]
    ax.imshow(np.clip(np.transpose(image, (1, 2, 0)), 0, 1), interpolation="nearest")
    lo, hi = float(m.min()), float(m.max())
    im = ax.imshow(m, cmap="jet", alpha=0.5, interpolation="bilinear", extent=(-0.5, w - 0.5, h - 0.5, -0.5),
                   vmin=lo, vmax=max(hi, lo + 1e-6))
    _box(ax, box)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)
    inside, outside = _box_means(m, box, h, w)
    ax.set_title(f"{title}\n框内 / 框外平均 {inside:.2f} / {outside:.2f}", fontsize=9)
    _colour_bar(fig, im, ax)


def _colour_bar(fig, im, ax) -> None:
    """A thin colour bar beside ``ax`` with three ticks (every tick label is laid out again on each redraw)."""
    from matplotlib.ticker import MaxNLocator

    bar = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.03)
    bar.ax.yaxis.set_major_locator(MaxNLocator(3))
    bar.ax.tick_params(labelsize=7)


def _channel_weights(ax, w: np.ndarray, image: int, same: np.ndarray, class_name: str, ylabel: str,
                     title: str) -> np.ndarray:
    """This image's channel weights (orange dots) against the mean over its class (blue) and over all images
    (grey), channels sorted by the grey curve; returns that order."""
    order = np.argsort(w.mean(0))
    x = np.arange(w.shape[1])
    ax.plot(x, w.mean(0)[order], color=GREY, lw=1.5, label="所有测试图的平均")
    ax.plot(x, w[same].mean(0)[order], color=BLUE, lw=1.2, label=f"“{class_name}”类的平均")
    ax.plot(x, w[image][order], "o", color=ORANGE, markersize=3, label="这张图")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("通道（按所有图的平均权重排序）")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="best")                       # sigmoid weights may crowd any corner
    return order


@checked
def show_se_weights(collected: dict, image: int = 0, stage: int = 1) -> None:
    """Lesson 17: one test image and the trained SE weights of stage ``stage`` (1-based) for it, drawn against the
    mean over the image's class and over all test images. ``collected``: {"images": (N, 3, H, W),
    "labels": (N,), "weights": [(N, C) per stage], "classes": names}."""
    images, labels, weights, classes = (collected[k] for k in ("images", "labels", "weights", "classes"))
    check_int_range("image", image, 0, len(images) - 1)
    check_int_range("stage", stage, 1, len(weights))
    w = np.asarray(weights[stage - 1])
    label = int(labels[image])
    same = np.asarray(labels) == label
    fig, (ax0, ax1) = _subplots(2, (10, 3.0), gridspec_kw={"width_ratios": [1, 3.2]})
    _image_axes(ax0, images[image], f"测试图 {image}：{classes[label]}")
    _channel_weights(ax1, w, image, same, classes[label], "SE 权重", f"阶段 {stage}（C={w.shape[1]}）的通道权重")
    print(f"测试图 {image}（{classes[label]}，同类测试图 {int(same.sum())} 张），阶段 {stage}：{w.shape[1]} 个通道的权重")
    _finish(fig, wspace=0.12)


def _channel_and_spatial(collected: dict, image: int, stage: int, module: str, channel: str, spatial: str) -> None:
    """Lessons 18 and 20: one test image, the stage's spatial map over it and its channel weights."""
    images, labels, classes, boxes = (collected[k] for k in ("images", "labels", "classes", "boxes"))
    weights, maps = collected["channel"], collected["spatial"]
    check_int_range("image", image, 0, len(images) - 1)
    check_int_range("stage", stage, 1, len(maps))
    w = np.asarray(weights[stage - 1])
    m = np.asarray(maps[stage - 1][image])
    label = int(labels[image])
    same = np.asarray(labels) == label
    fig, (ax0, ax1, ax2) = _subplots(3, (9.5, 2.8), gridspec_kw={"width_ratios": [1, 1.25, 2.6]})
    _image_axes(ax0, images[image], f"测试图 {image}：{classes[label]}", boxes[image])
    _overlay(fig, ax1, images[image], m, boxes[image], f"阶段 {stage} 的 {spatial}（{m.shape[0]}×{m.shape[1]}）", spatial)
    _channel_weights(ax2, w, image, same, classes[label], "通道权重", f"阶段 {stage} 的 {channel}（C={w.shape[1]}）")
    print(f"测试图 {image}（{classes[label]}），阶段 {stage}：{module} 的 {spatial} 是 {m.shape[0]}×{m.shape[1]} 的图，"
          f"{channel} 有 {w.shape[1]} 个通道权重")
    _finish(fig, wspace=0.5)


@checked
def show_cbam_attention(collected: dict, image: int = 0, stage: int = 1) -> None:
    """Lesson 18: one test image, the trained CBAM's spatial map M_s of stage ``stage`` (1-based) overlaid on it
    (colour bar in M_s's values, the target's box dashed) and its channel weights M_c against the class mean and
    the mean over all test images. ``collected``: {"images": (N, 3, H, W), "labels": (N,), "classes": names,
    "boxes": (N, 4), "channel": [(N, C) per stage], "spatial": [(N, h, w) per stage]}."""
    _channel_and_spatial(collected, image, stage, "CBAM", "M_c", "M_s")


@checked
def show_scse_attention(collected: dict, image: int = 0, stage: int = 1) -> None:
    """Lesson 20: as :func:`show_cbam_attention` for scSE: the sSE map q of stage ``stage`` over the image and the
    cSE channel weights s. ``collected`` has the same keys."""
    _channel_and_spatial(collected, image, stage, "scSE", "cSE s", "sSE q")


@checked
def show_eca_weights(collected: dict, image: int = 0, stage: int = 1) -> None:
    """Lesson 19: one test image, its trained ECA weights of stage ``stage`` (1-based) against its class mean and
    the mean over all test images, and the per-class mean weights of the stage as a heat map (channels in the same
    order, the image's class framed). ``collected``: {"images": (N, 3, H, W), "labels": (N,), "classes": names,
    "weights": [(N, C) per stage], "kernel_sizes": [k per stage]}."""
    images, labels, weights, classes = (collected[k] for k in ("images", "labels", "weights", "classes"))
    check_int_range("image", image, 0, len(images) - 1)
    check_int_range("stage", stage, 1, len(weights))
    w = np.asarray(weights[stage - 1])
    k = collected["kernel_sizes"][stage - 1]
    labels = np.asarray(labels)
    label = int(labels[image])
    same = labels == label
    fig, (ax0, ax1, ax2) = _subplots(3, (10, 2.8), gridspec_kw={"width_ratios": [1, 2.6, 2.2]})
    _image_axes(ax0, images[image], f"测试图 {image}：{classes[label]}")
    order = _channel_weights(ax1, w, image, same, classes[label], "ECA 权重",
                             f"阶段 {stage}（C={w.shape[1]}，k={k}）的通道权重")
    per_class = np.stack([w[labels == c].mean(0) if (labels == c).any() else np.full(w.shape[1], np.nan)
                          for c in range(len(classes))])[:, order]
    im = ax2.imshow(per_class, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
    ax2.set_yticks(range(len(classes)), classes)
    ax2.set_xticks([])
    ax2.set_xlabel("通道（与中图同序）")
    ax2.grid(False)
    ax2.add_patch(_rectangle((-0.5, label - 0.5), w.shape[1], 1, fill=False, ec=ORANGE, lw=2))
    ax2.set_title("各类别的平均权重（橙框：这张图的类别）", fontsize=9)
    _colour_bar(fig, im, ax2)
    print(f"测试图 {image}（{classes[label]}，同类测试图 {int(same.sum())} 张），阶段 {stage}：{w.shape[1]} 个通道的权重，"
          f"一维卷积 k={k}")
    _finish(fig, wspace=0.3)


@checked
def show_simam_maps(collected: dict, image: int = 0, stage: int = 1) -> None:
    """Lesson 21: one test image and SimAM's weights sigmoid(1/e*) of stage ``stage`` (1-based, averaged over the
    channels) overlaid on it, in the trained network and in the same network before training (SimAM has no
    parameters: what changes is the features it sees). ``collected``: {"images": (N, 3, H, W), "labels": (N,),
    "classes": names, "boxes": (N, 4), "trained": [(N, h, w) per stage], "untrained": [(N, h, w) per stage]}."""
    images, labels, classes, boxes = (collected[k] for k in ("images", "labels", "classes", "boxes"))
    check_int_range("image", image, 0, len(images) - 1)
    check_int_range("stage", stage, 1, len(collected["trained"]))
    label = int(labels[image])
    fig, axes = _subplots(3, (9.5, 2.8), gridspec_kw={"width_ratios": [1, 1.25, 1.25]})
    _image_axes(axes[0], images[image], f"测试图 {image}：{classes[label]}", boxes[image])
    for ax, key in zip(axes[1:], ("trained", "untrained")):
        m = np.asarray(collected[key][stage - 1][image])
        name = "训练后" if key == "trained" else "未训练"
        _overlay(fig, ax, images[image], m, boxes[image], f"{name}：阶段 {stage}（{m.shape[0]}×{m.shape[1]}）",
                 "sigmoid(1/e*)")
    print(f"测试图 {image}（{classes[label]}），阶段 {stage}：SimAM 权重对通道取平均，{m.shape[0]}×{m.shape[1]} 的图，"
          "训练后与未训练各一张")
    _finish(fig, wspace=0.3)
