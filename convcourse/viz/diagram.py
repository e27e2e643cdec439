"""Block diagrams drawn from a short declarative spec, every arrow labelled with a **measured** shape.

A spec is a tree of four kinds of element:

* ``Op(text, tap)``: a box (one operation); ``tap`` names the tensor that leaves it;
* ``Merge(op, tap)``: a circle where paths meet: ``"add"`` (+), ``"mul"`` (x), ``"cat"`` (C), ``"matmul"`` (@);
* ``Par(branch, branch, ..., merge=Merge(...))``: branches side by side from one fork to one merge;
  ``Path(...)`` is a main branch (solid), ``Shortcut(...)`` a shortcut / identity branch (dashed, orange);
* a plain list is a sequence (top to bottom).

A *tap* says where the shape of an arrow comes from in one real forward pass (``measure_taps``):
``"in"`` / ``"out"`` (the block's input / output), ``"conv1"`` (output of a submodule, dotted path),
``"conv1:in"`` (its input), ``"@cat#0"`` (output of the first ``cat`` called directly in the block's own
forward; ``"branch@mul#1"`` inside submodule ``branch``), with ``[i]`` picking one tensor of a tuple.
The labels are the measured shapes (channels x height x width, batch left out), so a picture cannot
drift from the implementation. This module only draws and measures; ``convcourse.diagrams`` holds the
course's specs (it may import networks, this module never does).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn
from torch.overrides import TorchFunctionMode
from .._checks import checked

__all__ = ["Op", "Merge", "Par", "Path", "Shortcut", "Gap", "Dots", "measure_taps", "format_shape",
           "draw_spec", "shape_labels"]

# ------------------------------------------------------------------------------------------------ spec


@dataclass
class Op:
    """One box. ``kind`` picks the colour: conv, dw, fc, pool, gate, norm, op."""
    text: str
    tap: str | None = None
    kind: str = "conv"
    id: str | None = None


@dataclass
class Merge:
    """Where paths meet. ``link`` names an ``Op`` (by ``id``) in another column that also flows in."""
    op: str
    tap: str | None = None
    note: str = ""
    link: str | None = None
    id: str | None = None


@dataclass
class Gap:
    """An empty stretch of a branch, reaching just below the element ``after`` (to place a ``Merge`` there)."""
    after: str


@dataclass
class Dots:
    """A column that stands for branches not drawn (``"... 共 32 条路径"``)."""
    text: str


@dataclass
class Branch:
    items: list
    style: str = "main"            # "main" (solid) or "shortcut" (dashed)
    in_tap: str | None = None      # label of the fork arrow when the branch gets its own tensor (a split)
    title: str = ""


@checked
def Path(*items, in_tap: str | None = None, title: str = "") -> Branch:
    return Branch(list(items), "main", in_tap, title)


@checked
def Shortcut(*items, in_tap: str | None = None, title: str = "捷径") -> Branch:
    return Branch(list(items), "shortcut", in_tap, title)


@dataclass
class Par:
    branches: list
    merge: Merge
    anchor: int | None = 0         # index of the branch the block's axis runs through (None: centred)

    @checked
    def __init__(self, *branches, merge: Merge, anchor: int | None = 0):
        self.branches = [b if isinstance(b, (Branch, Dots)) else Path(*(b if isinstance(b, list) else [b]))
                         for b in branches]
        self.merge, self.anchor = merge, anchor


# ------------------------------------------------------------------------------------------ measuring


@checked
def format_shape(shape) -> str:
    """(N, C, H, W) -> 'C×H×W' (the batch dimension is left out)."""
    return "×".join(str(int(s)) for s in tuple(shape)[1:])


def _shapes(value) -> Any:
    if isinstance(value, torch.Tensor):
        return tuple(value.shape)
    if isinstance(value, (tuple, list)) and value and all(isinstance(v, torch.Tensor) for v in value):
        return [tuple(v.shape) for v in value]
    return None


class _Recorder(TorchFunctionMode):
    def __init__(self, stack: list[str], taps: dict):
        super().__init__()
        self.stack, self.taps, self.counts = stack, taps, {}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        shapes = _shapes(out)
        if shapes is not None:
            key = f"{self.stack[-1]}@{getattr(func, '__name__', str(func))}"
            k = self.counts.get(key, 0)
            self.counts[key] = k + 1
            self.taps[f"{key}#{k}"] = shapes
        return out


@checked
def measure_taps(module: nn.Module, *inputs: torch.Tensor) -> dict[str, Any]:
    """One forward pass; every tap name (see the module docstring) -> its shape (a tuple, or a list of tuples)."""
    taps: dict[str, Any] = {"in": tuple(inputs[0].shape)}
    stack: list[str] = [""]
    handles = []

    def pre(name):
        def hook(mod, args):
            stack.append(name)
            if args and isinstance(args[0], torch.Tensor):
                taps.setdefault(f"{name}:in", tuple(args[0].shape))
        return hook

    def post(name):
        def hook(mod, args, out):
            stack.pop()
            s = _shapes(out)
            if s is not None:
                taps.setdefault(name, s)
        return hook

    for name, sub in module.named_modules():
        if name:
            handles += [sub.register_forward_pre_hook(pre(name)), sub.register_forward_hook(post(name))]
    try:
        with torch.no_grad(), _Recorder(stack, taps):
            out = module(*inputs)
    finally:
        for h in handles:
            h.remove()
    taps["out"] = _shapes(out)
    return taps


@checked
def resolve(taps: dict, tap: str) -> tuple:
    """The shape a tap names; ``KeyError`` listing near misses if the forward never produced it."""
    index = None
    if tap.endswith("]"):
        tap, index = tap[:-1].rsplit("[", 1)
        index = int(index)
    if tap not in taps:
        near = sorted(k for k in taps if k.split("#")[0].split(":")[0] in tap or tap.split("@")[0] in k)[:12]
        raise KeyError(f"tap {tap!r} was not produced by the forward pass; some that were: {near}")
    shape = taps[tap]
    if index is not None:
        shape = shape[index]
    elif isinstance(shape, list):
        raise KeyError(f"tap {tap!r} is a tuple of {len(shape)} tensors: pick one with [i]")
    return tuple(shape)


def _walk(el):
    """Every element of a spec, depth first."""
    if isinstance(el, list):
        for e in el:
            yield from _walk(e)
    elif isinstance(el, Par):
        yield el
        for b in el.branches:
            yield from _walk(b)
        yield el.merge
    elif isinstance(el, Branch):
        yield el
        yield from _walk(el.items)
    else:
        yield el


@checked
def spec_taps(spec) -> list[str]:
    """Every tap a spec labels an arrow with, in drawing order (``in`` first, ``out`` last)."""
    names = ["in"]
    for el in _walk(spec):
        t = el.in_tap if isinstance(el, Branch) else getattr(el, "tap", None)
        if t:
            names.append(t)
    return names + ([] if _out_tap(list(spec)) else ["out"])


@checked
def shape_labels(spec, taps: dict) -> dict[str, str]:
    """tap -> label text, for every tap the spec uses."""
    return {t: format_shape(resolve(taps, t)) for t in spec_taps(spec)}


# -------------------------------------------------------------------------------------------- drawing

U = 0.42            # inches per layout unit
BOX_H = 0.95        # box height
ARROW = 0.95        # vertical room for one labelled arrow
R = 0.27            # merge circle radius
COL_GAP = 0.55      # between branch columns
FONT, LABEL_FONT = 9.5, 8.5
MAIN, SHORT = "#1f3b73", "#d9480f"
FILL = {"conv": "#d0e4f7", "dw": "#c5f2e3", "fc": "#d3f9d8", "pool": "#e5dbff", "gate": "#ffe0b8",
        "norm": "#fff3bf", "op": "#eceff3", "io": "#ffffff"}
SYMBOL = {"add": "+", "mul": "×", "cat": "C", "matmul": "@"}
MEANING = {"add": "逐元素相加", "mul": "逐元素相乘（广播）", "cat": "通道拼接", "matmul": "矩阵乘法"}


@functools.lru_cache(maxsize=None)
def _text_width(text: str, size: float) -> float:
    """Width of (multi-line) text in layout units, measured with the course font."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(size=size)
    w = max(text_to_path.get_text_width_height_descent(line or " ", prop, ismath=False)[0]
            for line in text.split("\n"))
    return w / 72 / U


class _Layout:
    """Three passes: y positions top-down, widths bottom-up, then drawing at x."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        self.y: dict[int, tuple[float, float]] = {}      # id(element) -> (top, bottom)
        self.by_id: dict[str, Any] = {}
        self.x: dict[int, float] = {}
        self.merges_used: list[str] = []

    # -- pass 1: y -------------------------------------------------------------------------------------
    def place_y(self, el, top: float) -> float:
        if isinstance(el, list):
            y = top
            for i, e in enumerate(el):
                if i:
                    y += ARROW
                y = self.place_y(e, y)
            self.y[id(el)] = (top, y)
            return y
        if isinstance(el, Op):
            bottom = top + BOX_H * (1 + 0.3 * el.text.count("\n") if el.text.count("\n") > 1 else 1)
        elif isinstance(el, Merge):
            bottom = top + 2 * R
        elif isinstance(el, Gap):
            ref = self.by_id[el.after]
            bottom = max(top, self.y[id(ref)][1] + 0.15)
        elif isinstance(el, Par):
            bottoms = []
            for b in el.branches:
                if isinstance(b, Dots):
                    bottoms.append(top + ARROW)
                    continue
                if b.items:
                    bottoms.append(self.place_y(b.items, top + ARROW))
                    self.y[id(b)] = (top, bottoms[-1])
                else:
                    bottoms.append(top + ARROW * 0.6)
                    self.y[id(b)] = (top, top)
            merge_top = max(bottoms) + ARROW
            self.y[id(el.merge)] = (merge_top, merge_top + 2 * R)
            bottom = merge_top + 2 * R
        else:
            raise TypeError(f"unknown spec element {el!r}")
        self.y[id(el)] = (top, bottom)
        if getattr(el, "id", None):
            self.by_id[el.id] = el
        return bottom

    # -- pass 2: widths (extent left and right of the element's axis) ---------------------------------
    def box_w(self, op: Op) -> float:
        return max(2.6, _text_width(op.text, FONT) + 0.5)

    def label_w(self, tap: str | None) -> float:
        return 0.15 + _text_width(self.labels[tap], LABEL_FONT) if tap else 0.0

    def extent(self, el) -> tuple[float, float]:
        if isinstance(el, list):
            ls, rs = zip(*(self.extent(e) for e in el)) if el else ((0.3,), (0.3,))
            return max(ls), max(rs)
        if isinstance(el, Op):
            w = self.box_w(el) / 2
            return w, max(w, self.label_w(el.tap))
        if isinstance(el, Merge):
            note = R + 0.1 + _text_width(el.note, LABEL_FONT) if el.note else R + 0.1
            return note, max(note, self.label_w(el.tap))
        if isinstance(el, Gap):
            return 0.2, 0.2
        if isinstance(el, Par):
            self.cols = getattr(self, "cols", {})
            ext = []
            for b in el.branches:
                if isinstance(b, Dots):
                    w = _text_width(b.text, FONT) / 2 + 0.1
                    ext.append((w, w))
                    continue
                l, r = self.extent(b.items) if b.items else (0.25, 0.25)
                r = max(r, self.label_w(b.in_tap), self._last_label_w(b))
                if b.title:
                    l = max(l, _text_width(b.title, LABEL_FONT) + 0.2)
                ext.append((l, r))
            offsets, x = [], 0.0
            for i, (l, r) in enumerate(ext):
                x += (l if i else 0.0)
                offsets.append(x)
                x += r + COL_GAP
            if el.anchor is None:
                axis = (offsets[0] + offsets[-1]) / 2
            else:
                axis = offsets[el.anchor]
            rel = [o - axis for o in offsets]
            self.cols[id(el)] = rel
            left = max(-(o - l) for o, (l, _) in zip(rel, ext))
            right = max(o + r for o, (_, r) in zip(rel, ext))
            ml, mr = self.extent(el.merge)
            return max(left, ml), max(right, mr)
        raise TypeError(f"unknown spec element {el!r}")

    def _last_label_w(self, b: Branch) -> float:
        return self.label_w(_out_tap(b.items)) if b.items else 0.0

    # -- pass 3: draw ----------------------------------------------------------------------------------
    def draw(self, ax, el, x: float, style: str = "main") -> None:
        self.x[id(el)] = x
        top, bottom = self.y[id(el)]
        if isinstance(el, list):
            prev = None
            for e in el:
                if prev is not None:
                    self.arrow(ax, x, self.y[id(prev)][1], self.y[id(e)][0], style, _out_tap(prev),
                               head=not isinstance(e, Par))
                    if isinstance(e, Par):
                        self.dot(ax, x, self.y[id(e)][0], style)
                self.draw(ax, e, x, style)
                prev = e
        elif isinstance(el, Op):
            self.box(ax, el, x, top, bottom, style)
        elif isinstance(el, Merge):
            self.circle(ax, el, x, (top + bottom) / 2, style)
            if el.link:
                src = self.by_id[el.link]
                sx, sy = self.x[id(src)], (top + bottom) / 2
                self.dot(ax, sx, sy, "main")
                self.line(ax, [sx, x - R], [sy, sy], "main")
                self.head(ax, x - R, sy, "right", "main")
        elif isinstance(el, Gap):
            self.line(ax, [x, x], [top, bottom], style)
        elif isinstance(el, Par):
            rel = self.cols[id(el)]
            m_top, m_bottom = self.y[id(el.merge)]
            my = (m_top + m_bottom) / 2
            for b, off in zip(el.branches, rel):
                bx = x + off
                if isinstance(b, Dots):
                    ax.text(bx, -(top + m_top) / 2, b.text, ha="center", va="center", fontsize=FONT, color="#495057")
                    continue
                st = "shortcut" if b.style == "shortcut" else style
                if abs(off) > 1e-9:
                    self.line(ax, [x, bx], [top, top], st)
                if b.title:
                    ax.text(bx - 0.12, -(top + 0.3), b.title, ha="right", va="center", fontsize=LABEL_FONT,
                            color=SHORT if st == "shortcut" else "#495057")
                if b.items:
                    first = b.items[0]
                    self.arrow(ax, bx, top, self.y[id(first)][0], st, b.in_tap, head=not isinstance(first, (Par, Gap)))
                    if isinstance(first, Par):
                        self.dot(ax, bx, self.y[id(first)][0], st)
                    self.draw(ax, b.items, bx, st)
                    start, last_tap = self.y[id(b.items)][1], _out_tap(b.items)
                else:
                    start, last_tap = top, b.in_tap
                    if b.in_tap:
                        self.label(ax, bx, top + ARROW / 2, b.in_tap)
                        last_tap = None
                # down to the merge: straight in from above on the axis, else down and in from the side
                if abs(off) < 1e-9:
                    self.arrow(ax, bx, start, m_top, st, last_tap)
                else:
                    self.line(ax, [bx, bx], [start, my], st)
                    if last_tap:
                        self.label(ax, bx, start + ARROW / 2, last_tap)
                    side = x - R if off < 0 else x + R
                    self.line(ax, [bx, side], [my, my], st)
                    self.head(ax, side, my, "right" if off < 0 else "left", st)
            el.merge._note_left = not any(off < -1e-9 for off in rel)
            self.draw(ax, el.merge, x, style)

    # primitives
    def color(self, style):
        return SHORT if style == "shortcut" else MAIN

    def line(self, ax, xs, ys, style):
        ax.plot(xs, [-y for y in ys], color=self.color(style), lw=1.6,
                linestyle=(0, (4, 2.5)) if style == "shortcut" else "-", solid_capstyle="butt", zorder=1)

    def head(self, ax, x, y, direction, style):
        from matplotlib.patches import Polygon

        L, W = 0.26, 0.11
        pts = {"down": [(x, -y), (x - W, -y + L), (x + W, -y + L)],
               "right": [(x, -y), (x - L, -y + W), (x - L, -y - W)],
               "left": [(x, -y), (x + L, -y + W), (x + L, -y - W)]}[direction]
        ax.add_patch(Polygon(pts, closed=True, color=self.color(style), zorder=3))

    def dot(self, ax, x, y, style):
        ax.plot([x], [-y], marker="o", ms=4, color=self.color(style), zorder=3)

    def arrow(self, ax, x, y0, y1, style, tap, head=True):
        self.line(ax, [x, x], [y0, y1], style)
        if head:
            self.head(ax, x, y1, "down", style)
        if tap:
            self.label(ax, x, (y0 + y1) / 2, tap)

    def label(self, ax, x, y, tap):
        ax.text(x + 0.15, -y, self.labels[tap], ha="left", va="center", fontsize=LABEL_FONT, color="#343a40",
                gid=f"shape:{tap}", zorder=4,
                bbox=dict(boxstyle="square,pad=0.05", fc="white", ec="none", alpha=0.85))

    def box(self, ax, op: Op, x, top, bottom, style):
        from matplotlib.patches import FancyBboxPatch

        w = self.box_w(op)
        ax.add_patch(FancyBboxPatch((x - w / 2, -bottom), w, bottom - top,
                                    boxstyle="round,pad=0,rounding_size=0.15", fc=FILL[op.kind],
                                    ec=self.color(style), lw=1.2,
                                    linestyle=(0, (4, 2.5)) if style == "shortcut" else "-", zorder=2))
        ax.text(x, -(top + bottom) / 2, op.text, ha="center", va="center", fontsize=FONT, zorder=3,
                linespacing=1.25)

    def circle(self, ax, m: Merge, x, y, style):
        from matplotlib.patches import Circle

        ax.add_patch(Circle((x, -y), R, fc="white", ec=MAIN, lw=1.5, zorder=2))
        ax.text(x, -y, SYMBOL[m.op], ha="center", va="center", fontsize=12, color=MAIN,
                zorder=3)
        if m.note:   # on the side no branch comes in from
            left = getattr(m, "_note_left", False)
            ax.text(x - R - 0.06 if left else x + R + 0.06, -y + (0.0 if left else 0.17), m.note,
                    ha="right" if left else "left", va="center" if left else "bottom", fontsize=LABEL_FONT,
                    color="#495057")
        if m.op not in self.merges_used:
            self.merges_used.append(m.op)


def _out_tap(el) -> str | None:
    if isinstance(el, list):
        return _out_tap(el[-1]) if el else None
    if isinstance(el, Par):
        return el.merge.tap
    return getattr(el, "tap", None)


def _has_shortcut(spec) -> bool:
    return any(isinstance(e, Branch) and e.style == "shortcut" for e in _walk(spec))


@checked
def draw_spec(spec: list, labels: dict[str, str], title: str = "", subtitle: str = ""):
    """Draw a spec (a list of elements between the block's input and output) and return the figure."""
    import matplotlib.pyplot as plt

    from .fonts import setup_fonts

    setup_fonts()
    items = list(spec)
    lay = _Layout(labels)
    head_h = 1.35 if title else 0.2
    in_top = head_h
    in_bottom = in_top + 0.6
    y = lay.place_y(items, in_bottom + ARROW)
    out_top = y + ARROW
    out_bottom = out_top + 0.6
    left, right = lay.extent(items)
    left, right = max(left, 1.6), max(right, 1.6, lay.label_w("in"), lay.label_w(_out_tap(items) or "out"))
    legend_h = 1.0
    total_h = out_bottom + legend_h
    # legend width decides a minimum figure width
    legend = [("line", "main", "主路径")] + ([("line", "shortcut", "捷径 / 直连")] if _has_shortcut(items) else [])
    legend_w = 0.0

    width = left + right + 0.6
    fig = plt.figure(figsize=(1, 1))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    x0 = left + 0.3
    # input / output terminals
    for (t, b, text) in ((in_top, in_bottom, "输入 x"), (out_top, out_bottom, "输出")):
        w = _text_width(text, FONT) + 0.6
        from matplotlib.patches import FancyBboxPatch

        ax.add_patch(FancyBboxPatch((x0 - w / 2, -b), w, b - t, boxstyle="round,pad=0,rounding_size=0.25",
                                    fc="#f8f9fa", ec="#868e96", lw=1.0, zorder=2))
        ax.text(x0, -(t + b) / 2, text, ha="center", va="center", fontsize=FONT, zorder=3)
    first = items[0]
    lay.arrow(ax, x0, in_bottom, lay.y[id(first)][0], "main", "in", head=not isinstance(first, Par))
    if isinstance(first, Par):
        lay.dot(ax, x0, lay.y[id(first)][0], "main")
    lay.draw(ax, items, x0, "main")
    last_tap = _out_tap(items) or "out"
    lay.arrow(ax, x0, y, out_top, "main", last_tap)
    if title:
        ax.text(0.3, -0.45, title, ha="left", va="center", fontsize=12)
    if subtitle:
        ax.text(0.3, -0.95, subtitle, ha="left", va="center", fontsize=LABEL_FONT, color="#495057")
    # legend: line styles, the merge symbols used, what the numbers are
    legend += [("merge", op, MEANING[op]) for op in lay.merges_used]
    lx, ly = 0.3, -(out_bottom + 0.45)
    for kind, what, text in legend:
        if kind == "line":
            lay.line(ax, [lx, lx + 0.7], [-ly, -ly], what)
            lx += 0.85
        else:
            from matplotlib.patches import Circle

            ax.add_patch(Circle((lx + 0.18, ly), 0.18, fc="white", ec=MAIN, lw=1.0))
            ax.text(lx + 0.18, ly, SYMBOL[what], ha="center", va="center", fontsize=8.5, color=MAIN)
            lx += 0.45
        ax.text(lx, ly, text, ha="left", va="center", fontsize=LABEL_FONT, color="#343a40")
        lx += _text_width(text, LABEL_FONT) + 0.45
    ax.text(0.3, ly - 0.42, "箭头旁的数字：张量形状 C×H×W（一次真实前向测得，批维 N 省略）", ha="left",
            va="center", fontsize=7.5, color="#868e96")
    legend_w = max(lx, 0.3 + _text_width("箭头旁的数字：张量形状 C×H×W（一次真实前向测得，批维 N 省略）", 7.5))
    if title:
        legend_w = max(legend_w, 0.5 + _text_width(title, 12), 0.5 + _text_width(subtitle, LABEL_FONT))
    width = max(width, legend_w + 0.6)
    # whole tenths of an inch: the figure's size (printed as text in a notebook) is a round number
    width, total_h = (math.ceil(v * U * 10 - 1e-9) / 10 / U for v in (width, total_h))
    fig.set_size_inches(width * U, total_h * U)
    ax.set_xlim(0, width)
    ax.set_ylim(-total_h, 0)
    return fig
