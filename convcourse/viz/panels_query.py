"""The pictures behind the sliders of lessons 22-24: a query cell picked with row / column sliders -> its row of the
trained pairwise attention (Non-local, DANet's PAM) over the image, beside what the lesson compares it with (the
mean over all queries, GC's query-independent pooling weights, DANet's channel attention). Pure ``show_xxx(...)``
functions over maps the notebook has already collected, passed in with ``functools.partial``: moving a control
only redraws. Same rules as :mod:`convcourse.viz.panels`."""
from __future__ import annotations

import numpy as np

from .._checks import check_int_range
from .panels import BLUE, GREY, ORANGE, _finish, _rectangle, _subplots
from .._checks import checked


def _query_setup(collected: dict, image: int, row: int, col: int):
    """Checks the picked image and query cell; returns (image (H, W, 3), its maps (HW, HW), grid side, cell side)."""
    images, maps = collected["images"], collected["maps"]
    check_int_range("image", image, 0, len(images) - 1)
    side = int(round(np.sqrt(np.shape(maps)[-1])))
    check_int_range("row", row, 0, side - 1)
    check_int_range("col", col, 0, side - 1)
    img = np.clip(np.transpose(np.asarray(images[image]), (1, 2, 0)), 0, 1)
    return img, np.asarray(maps[image]), side, img.shape[0] / side


def _bare(ax, title: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.set_title(title, fontsize=9)


def _input_with_query(ax, collected: dict, image: int, img, row: int, col: int, cell: float) -> bool | None:
    """The input image, the query's feature cell as a white square, the target box dashed in yellow; whether the
    cell's centre lies in the box (None without boxes)."""
    ax.imshow(img, interpolation="nearest")
    ax.add_patch(_rectangle((col * cell - 0.5, row * cell - 0.5), cell, cell, fill=False, edgecolor="white", lw=2))
    inside = None
    if collected.get("boxes") is not None:
        top, left, bottom, right = (float(v) for v in collected["boxes"][image])
        ax.add_patch(_rectangle((left - 0.5, top - 0.5), right - left, bottom - top, fill=False, edgecolor="yellow",
                                lw=1, ls="--"))
        cy, cx = (row + 0.5) * cell, (col + 0.5) * cell
        inside = bool(top <= cy < bottom and left <= cx < right)
    _bare(ax, f"测试图 {image}：{collected['classes'][int(collected['labels'][image])]}（白框 = 查询格）")
    return inside


def _overlay(fig, ax, img, amap, title: str, vmax: float | None = None, query=None, cell: float = 1.0) -> None:
    """``amap`` (h, w) stretched (bilinear) over the grey image, a colour bar in the map's own values (from 0);
    the query as a white x."""
    h, w = img.shape[:2]
    ax.imshow(img.mean(axis=2), cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    top = float(amap.max()) if vmax is None else vmax
    im = ax.imshow(amap, cmap="jet", alpha=0.55, extent=(-0.5, w - 0.5, h - 0.5, -0.5), interpolation="bilinear",
                   vmin=0, vmax=top if top > 0 else 1.0)
    if query is not None:
        ax.plot((query[1] + 0.5) * cell - 0.5, (query[0] + 0.5) * cell - 0.5, "wx", markersize=9, mew=2.5)
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)
    _bare(ax, title)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.03).ax.tick_params(labelsize=7)


def _query_line(collected: dict, image: int, row: int, col: int, side: int, cell: float, inside: bool | None) -> str:
    label = collected["classes"][int(collected["labels"][image])]
    r0, c0 = int(row * cell), int(col * cell)
    where = "" if inside is None else ("，在目标框内" if inside else "，在目标框外")
    return (f"测试图 {image}（{label}）：查询格 ({row}, {col})（{side}×{side} 特征格子）= 输入像素 "
            f"行 {r0}–{int(r0 + cell) - 1}、列 {c0}–{int(c0 + cell) - 1}{where}")


@checked
def show_nonlocal_query(collected: dict, image: int = 0, row: int = 6, col: int = 6) -> None:
    """Lesson 22: one test image, one query cell (``row``, ``col``) of the trained Non-local block's feature grid
    -> that query's row of the affinity matrix over the image, next to the mean over all queries (same colour
    scale). ``collected``: {"images": (N, 3, H, W) in [0, 1], "labels": (N,), "classes": names,
    "boxes": (N, 4) (top, left, bottom, right) or None, "maps": (N, HW, HW) softmax rows}."""
    img, maps, side, cell = _query_setup(collected, image, row, col)
    qmap = maps[row * side + col].reshape(side, side)
    mean = maps.mean(axis=0).reshape(side, side)
    vmax = float(max(qmap.max(), mean.max()))
    fig, axes = _subplots(3, (9.6, 3.0))
    inside = _input_with_query(axes[0], collected, image, img, row, col, cell)
    _overlay(fig, axes[1], img, qmap, f"查询 ({row}, {col}) 的注意力（白 ×）", vmax, (row, col), cell)
    _overlay(fig, axes[2], img, mean, f"全部 {side * side} 个查询的平均", vmax)
    print(_query_line(collected, image, row, col, side, cell, inside)
          + f"；亲和矩阵 {maps.shape[0]}×{maps.shape[1]}，画的是第 {row * side + col} 行")
    _finish(fig, wspace=0.18)


@checked
def show_gc_query(collected: dict, image: int = 0, row: int = 6, col: int = 6) -> None:
    """Lesson 23: the trained Non-local block's map for the query (``row``, ``col``) of one test image next to
    the trained GC block's pooling weights of the same image (one map, whatever the query). ``collected``: as for
    :func:`show_nonlocal_query` plus "gc": (N, h, w) pooling weights."""
    img, maps, side, cell = _query_setup(collected, image, row, col)
    gc = np.asarray(collected["gc"][image]).reshape(side, side)
    qmap = maps[row * side + col].reshape(side, side)
    fig, axes = _subplots(3, (9.6, 3.0))
    inside = _input_with_query(axes[0], collected, image, img, row, col, cell)
    _overlay(fig, axes[1], img, qmap, f"Non-local：查询 ({row}, {col}) 的图", None, (row, col), cell)
    _overlay(fig, axes[2], img, gc, "GC 池化权重（与查询无关）")
    print(_query_line(collected, image, row, col, side, cell, inside)
          + f"；Non-local 每个查询一张 {side}×{side} 的图，GC 每张输入只有一张")
    _finish(fig, wspace=0.18)


@checked
def show_danet_attention(collected: dict, image: int = 0, row: int = 6, col: int = 6, channel: int = 0) -> None:
    """Lesson 24: the trained DANet block on one test image: the position attention (PAM) of the query cell
    (``row``, ``col``) over the image, and the channel attention (CAM) row of output channel ``channel``: how it
    mixes the C input channels. ``collected``: as for :func:`show_nonlocal_query` plus "channel_maps": (N, C, C)."""
    img, maps, side, cell = _query_setup(collected, image, row, col)
    cam = np.asarray(collected["channel_maps"][image])
    c = cam.shape[0]
    check_int_range("channel", channel, 0, c - 1)
    qmap = maps[row * side + col].reshape(side, side)
    weights = cam[channel]
    top = int(weights.argmax())
    fig, axes = _subplots(3, (10.5, 3.0), gridspec_kw={"width_ratios": [1, 1.15, 1.6]})
    inside = _input_with_query(axes[0], collected, image, img, row, col, cell)
    _overlay(fig, axes[1], img, qmap, f"PAM：查询 ({row}, {col}) 的注意力", None, (row, col), cell)
    ax = axes[2]
    ax.vlines(np.arange(c), 0, weights, color=BLUE, lw=1.5)
    ax.plot([top], [weights[top]], "o", color=ORANGE, markersize=5, label=f"最大：通道 {top}")
    ax.axvline(channel, color=GREY, lw=1, ls=":", label=f"通道 {channel} 自己")
    ax.set_xlim(-1, c)
    ax.set_ylim(0, 1.08 * float(weights.max()) or 1.0)
    ax.set_xlabel("被看的通道 i", fontsize=9)
    ax.set_title(f"CAM：输出通道 {channel} 的一行（{c} 个权重，和为 1）", fontsize=9)
    ax.legend(fontsize=7, loc="upper right")
    print(_query_line(collected, image, row, col, side, cell, inside)
          + f"；CAM 通道亲和 {c}×{c}，画的是通道 {channel} 的一行")
    _finish(fig, wspace=0.42)
