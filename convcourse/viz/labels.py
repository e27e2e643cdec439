"""Labels beside scatter points that never overlap each other, the points or the frame (greedy, eight places each).

Used by notebook 29's cost scatter (``compare.plot_costs`` and the widget ``lesson_panels.show_cost_scatter``): with
thirty modules on log axes, labels written at a fixed offset pile up into an unreadable block.
"""
from __future__ import annotations

import numpy as np
from .._checks import checked


@checked
def label_width(s: str) -> float:
    """Width of ``s`` in ems (CJK characters 1, others about 0.55)."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in s)


@checked
def place_labels(points: np.ndarray, names: list[str], size_pt: tuple[float, float], fontsize: float = 7.0,
                 order=None, always=()) -> list[tuple[int, float, float, str, str]]:
    """Greedy label placement without overlaps: ``points`` (n, 2) in points inside an axes of ``size_pt``
    (width, height); each label tries eight places around its point (in ``order``, default the given one)
    and is dropped if every place hits a placed label, another point or the axes edge (the labels of ``always``
    only avoid placed labels and the edge).
    Returns (index, x offset, y offset, ha, va) of the labels kept."""
    h = fontsize * 1.25
    boxes = [(x - 2, y - 2, x + 2, y + 2) for x, y in points]           # the markers themselves
    kept = []
    for i in (range(len(points)) if order is None else order):
        x, y = points[i]
        w = label_width(names[i]) * fontsize
        for dx, dy, ha, va in ((4, 2, "left", "bottom"), (-4, 2, "right", "bottom"), (4, -2, "left", "top"),
                               (-4, -2, "right", "top"), (0, 4, "center", "bottom"), (0, -4, "center", "top"),
                               (5, 0, "left", "center"), (-5, 0, "right", "center")):
            x0 = x + dx if ha == "left" else x + dx - w if ha == "right" else x - w / 2
            y0 = y + dy if va == "bottom" else y + dy - h if va == "top" else y - h / 2
            box = (x0, y0, x0 + w, y0 + h)
            if box[0] < 0 or box[1] < 0 or box[2] > size_pt[0] or box[3] > size_pt[1]:
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                   for j, b in enumerate(boxes) if j != i and (i not in always or j >= len(points))):
                continue
            boxes.append(box)
            kept.append((i, dx, dy, ha, va))
            break
    return kept


@checked
def label_points(ax, xs, ys, names, colors=None, fontsize: float = 7.0, order=None, always=()) -> int:
    """Annotate the points (``xs``, ``ys`` in data coordinates, limits and scales already set) of ``ax`` with
    ``names`` where they fit (``place_labels``); returns how many were labelled."""
    fig = ax.figure
    box = ax.get_window_extent()                                   # display pixels
    to_pt = 72.0 / fig.dpi
    xy = ax.transData.transform(np.column_stack([xs, ys]))
    pts = (xy - [box.x0, box.y0]) * to_pt
    kept = place_labels(pts, list(names), (box.width * to_pt, box.height * to_pt), fontsize, order, always)
    for i, dx, dy, ha, va in kept:
        ax.annotate(names[i], (xs[i], ys[i]), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=fontsize, color=None if colors is None else colors[i], zorder=4)
    return len(kept)


__all__ = ["label_points", "label_width", "place_labels"]
