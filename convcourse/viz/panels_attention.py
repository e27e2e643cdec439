"""The pictures behind the sliders of lessons 17-24: pure ``show_xxx(...)`` functions over what the notebook has
already trained or collected (attention weights / maps of the test images), passed in with ``functools.partial``.
Moving a control only redraws: no forward, no training. Same rules as :mod:`convcourse.viz.panels`."""
from __future__ import annotations

import numpy as np

from .._checks import check_int_range
from .panels import BLUE, GREY, ORANGE, _finish, _subplots


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
    order = np.argsort(w.mean(0))
    fig, (ax0, ax1) = _subplots(2, (10, 3.0), gridspec_kw={"width_ratios": [1, 3.2]})
    ax0.imshow(np.clip(np.transpose(images[image], (1, 2, 0)), 0, 1), interpolation="nearest")
    ax0.set_xticks([])
    ax0.set_yticks([])
    ax0.grid(False)
    ax0.set_title(f"测试图 {image}：{classes[label]}", fontsize=10)
    x = np.arange(w.shape[1])
    ax1.plot(x, w.mean(0)[order], color=GREY, lw=1.5, label="所有测试图的平均")
    ax1.plot(x, w[same].mean(0)[order], color=BLUE, lw=1.2, label=f"“{classes[label]}”类的平均")
    ax1.plot(x, w[image][order], "o", color=ORANGE, markersize=3, label="这张图")
    ax1.set_ylim(-0.02, 1.02)
    ax1.set_xlabel("通道（按所有图的平均权重排序）")
    ax1.set_ylabel("SE 权重")
    ax1.set_title(f"阶段 {stage}（C={w.shape[1]}）的通道权重", fontsize=10)
    ax1.legend(fontsize=7, loc="upper left")
    print(f"测试图 {image}（{classes[label]}，同类测试图 {int(same.sum())} 张），阶段 {stage}：{w.shape[1]} 个通道的权重")
    _finish(fig, wspace=0.12)
