"""Every notebook's widget: built with ipywidgets, each control moved to several values (both bounds included);
the output (printed text + what the figure holds) must change and never hold a traceback.

The controls are read from the notebook's own ``panel(show, ...)`` call, so the table below only says which
package function a notebook's panel shows and, where the notebook computes data once before the widget
(gradient norms, MACs of a whole network), a cheap stand-in for that data. Add a row per notebook.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from convcourse.widgets import guarded

ROOT = Path(__file__).resolve().parents[1]


def _profiles():
    """Stand-in for notebook 04's gradient norms: {(depth, residual): norms per conv layer}."""
    return {(d, r): [(1.0 + 0.01 * i) if r else 10.0 ** (3 - 4 * i / d) for i in range(d - 1)]
            for d in (8, 20, 32, 56) for r in (False, True)}


def _features(channels: int, size: int):
    """Stand-in for notebook 16's feature maps (channels, size, size)."""
    import numpy as np

    return np.random.default_rng(0).normal(size=(channels, size, size))


def _fusions(widths):
    """Stand-in for notebook 26's re-parameterised blocks: BN-folded 3x3, padded 1x1 and fused kernels."""
    import numpy as np

    rng = np.random.default_rng(0)
    out = []
    for c in widths:
        w3, w1 = rng.normal(size=(c, c, 3, 3)), np.zeros((c, c, 3, 3))
        w1[:, :, 1, 1] = rng.normal(size=(c, c))
        out.append({"w3": w3, "w1": w1, "fused": w3 + w1, "max_diff": 0.0})
    return out


def _segmentation(n: int, size: int):
    """Stand-in for notebook 28's test images, true masks and predicted masks."""
    import numpy as np

    rng = np.random.default_rng(0)
    return rng.normal(size=(n, size, size)), rng.integers(0, 2, (n, size, size)), rng.integers(0, 2, (n, size, size))


def _se_collected(n: int):
    """Stand-in for notebook 17's test images and trained SE weights of three stages."""
    import numpy as np

    rng = np.random.default_rng(0)
    return {"images": rng.random((n, 3, 16, 16)), "labels": np.arange(n) % 4, "classes": ("圆", "方", "三角", "十字"),
            "weights": [rng.random((n, c)) for c in (16, 32, 64)]}


def _query_collected(n: int, side: int = 12, channels: int = 64):
    """Stand-in for what notebooks 22-24 collect once: test images, labels, target boxes, (HW, HW) softmax rows,
    GC pooling weights and DANet's (C, C) channel attention."""
    import numpy as np

    rng = np.random.default_rng(0)
    maps = rng.random((n, side * side, side * side))
    cam = rng.random((n, channels, channels))
    return {"images": rng.random((n, 3, 4 * side, 4 * side)), "labels": np.arange(n) % 4,
            "classes": ("圆", "方", "三角", "十字"), "boxes": np.tile([8, 10, 30, 36], (n, 1)),
            "maps": maps / maps.sum(-1, keepdims=True), "gc": rng.dirichlet(np.ones(side * side), n),
            "channel_maps": cam / cam.sum(-1, keepdims=True)}


def _attention_collected(n: int, **parts):
    """Stand-in for what notebooks 18-21 collect once: test images, labels, target boxes and per-stage arrays."""
    import numpy as np

    rng = np.random.default_rng(0)
    return {"images": rng.random((n, 3, 48, 48)), "labels": np.arange(n) % 4, "classes": ("圆", "方", "三角", "十字"),
            "boxes": np.tile([8, 10, 30, 36], (n, 1)),
            **{k: [rng.random((n, *s)) for s in shapes] for k, shapes in parts.items()}}


def _separable_photo():
    """Stand-in for notebook 02's photos and a SeparableConv2d's depthwise / pointwise outputs on them."""
    import numpy as np

    rng = np.random.default_rng(0)
    photos = {"chelsea": rng.random((3, 12, 18)), "coffee": rng.random((3, 12, 18)), "astronaut": rng.random((3, 12, 12))}
    kernels = {"Sobel x": rng.normal(size=(3, 3)), "Sobel y": rng.normal(size=(3, 3)), "拉普拉斯": rng.normal(size=(3, 3)),
               "均值模糊": np.full((3, 3), 1 / 9)}
    maps = {(p, k): rng.normal(size=img.shape) for p, img in photos.items() for k in kernels}
    return {"photos": photos, "kernels": kernels, "pointwise": rng.normal(size=(3, 3)), "outputs": ("亮度", "红−绿", "蓝−黄"),
            "depthwise": maps, "separable": {key: 2 * v for key, v in maps.items()}}


def _vgg_fields():
    """Stand-in for notebook 03's photo and the receptive fields measured on a one-channel VGG-16 stack."""
    import numpy as np

    from convcourse.nets.vgg import receptive_fields

    fields, jump = {}, 1
    for name, r in receptive_fields("D"):
        jump = {"1": 1, "2": 2, "3": 4, "4": 8, "5": 16}[name[4]]
        grid = 224 // jump
        centre = (grid // 2) * jump + (jump - 1) / 2
        fields[name] = {"r": r, "jump": jump, "grid": grid, "top": int(centre - r / 2 + 0.5),
                        "left": int(centre - r / 2 + 0.5), "paths": np.ones((r, r))}
    return {"photo": np.random.default_rng(0).random((3, 224, 224)), "fields": fields}


def _aspp_photo():
    """Stand-in for notebook 27's photo and the outputs of the five ASPP branches on it."""
    import numpy as np

    rng = np.random.default_rng(0)
    return {"photo": rng.random((129, 129)), "branches": ["1×1", "3×3 r=6", "3×3 r=12", "3×3 r=18", "图像池化"],
            "rates": [0, 6, 12, 18, None], "responses": rng.random((5, 129, 129))}


CHANNELS = [(16,), (32,), (64,)]
MAPS = [(48, 48), (24, 24), (12, 12)]


def _cost_rows():
    """Stand-in for notebook 29's measured rows (profile_modules): one baseline, blocks and attention modules."""
    rows = [{"name": "Conv3×3-BN-ReLU", "kind": "基准", "params": 36_992, "macs": 115_605_504, "peak_mib": 1.53, "ms": 25.0}]
    for i in range(12):
        rows.append({"name": f"块 {i}", "kind": "卷积块", "params": 2_000 * (i + 1), "macs": 7_000_000 * (i + 1),
                     "peak_mib": 1.0 + i, "ms": 0.5 * (i + 1) ** 1.5})
    for i, name in enumerate(("SE", "ECA", "SimAM", "Non-local", "GC", "DANet")):
        rows.append({"name": name, "kind": "注意力", "params": 0 if name == "SimAM" else 10 ** (i + 1),
                     "macs": 0 if name == "SimAM" else 10 ** (i + 3), "peak_mib": 0.8 + 10 * i, "ms": 0.2 + i})
    return rows


@dataclass(frozen=True)
class Row:
    notebook: str                                 # "04" -> notebooks/04_*.ipynb
    function: str                                 # "module:function" of the package
    data: Callable[[], object] | None = None      # first positional argument bound with functools.partial


PANELS = [
    Row("00", "convcourse.viz.panels:show_conv_arithmetic"),
    Row("01", "convcourse.viz.panels:show_group_conv"),
    Row("02", "convcourse.viz.panels:show_separable_cost"),
    Row("02", "convcourse.viz.panels_photos:show_separable_photo", lambda: _separable_photo()),
    Row("03", "convcourse.viz.panels:show_receptive_field"),
    Row("03", "convcourse.viz.panels_photos:show_vgg_field_on_photo", lambda: _vgg_fields()),
    Row("04", "convcourse.viz.panels:show_gradient_profile", _profiles),
    Row("05", "convcourse.viz.panels:show_inception_branches"),
    Row("06", "convcourse.viz.panels:show_xception_continuum"),
    Row("07", "convcourse.viz.panels:show_resnext_budget"),
    Row("08", "convcourse.viz.panels:show_res2net_splits"),
    Row("09", "convcourse.viz.panels:show_dense_growth"),
    Row("10", "convcourse.viz.panels:show_yolo_grids", lambda: {320: 13_899_000_000, 416: 24_520_000_000, 608: 52_290_000_000}),
    Row("11", "convcourse.viz.panels:show_fire"),
    Row("12", "convcourse.viz.panels:show_relu_spiral"),
    Row("13", "convcourse.viz.shuffle:show_shuffle"),
    Row("14", "convcourse.viz.panels:show_ghost"),
    Row("15", "convcourse.viz.panels:show_pconv"),
    Row("16", "convcourse.lesson_panels:show_scconv", lambda: _features(16, 48)),
    Row("17", "convcourse.viz.panels_attention:show_se_weights", lambda: _se_collected(12)),
    Row("18", "convcourse.viz.panels_attention:show_cbam_attention",
        lambda: _attention_collected(100, channel=CHANNELS, spatial=MAPS)),
    Row("19", "convcourse.viz.panels_attention:show_eca_weights",
        lambda: {**_attention_collected(100, weights=CHANNELS), "kernel_sizes": [3, 3, 3]}),
    Row("20", "convcourse.viz.panels_attention:show_scse_attention",
        lambda: _attention_collected(100, channel=CHANNELS, spatial=MAPS)),
    Row("21", "convcourse.viz.panels_attention:show_simam_maps",
        lambda: _attention_collected(100, trained=MAPS, untrained=MAPS)),
    Row("22", "convcourse.viz.panels_query:show_nonlocal_query", lambda: _query_collected(8)),
    Row("23", "convcourse.viz.panels_query:show_gc_query", lambda: _query_collected(8, side=10)),
    Row("24", "convcourse.viz.panels_query:show_danet_attention", lambda: _query_collected(8, side=10)),
    Row("25", "convcourse.lesson_panels:show_compound_scaling"),
    Row("26", "convcourse.lesson_panels:show_rep_fusion", lambda: _fusions((64, 32, 16, 8))),
    Row("27", "convcourse.lesson_panels:show_aspp_taps"),
    Row("27", "convcourse.viz.panels_photos:show_aspp_photo", lambda: _aspp_photo()),
    Row("28", "convcourse.lesson_panels:show_unet", lambda: _segmentation(8, 64)),
    Row("29", "convcourse.lesson_panels:show_cost_scatter", _cost_rows),
]


def notebook_controls(notebook: str, function_name: str) -> dict:
    """The keyword arguments of the ``panel(show, ...)`` call in the notebook's widget cell."""
    (path,) = sorted((ROOT / "notebooks").glob(f"{notebook}_*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    widget = [s for s in sources if s.startswith("# NBVAL_IGNORE_OUTPUT") and "panel(" in s]
    assert widget, f"{path.name}: no widget cell (# NBVAL_IGNORE_OUTPUT ... panel(show, ...))"
    assert any(function_name in s for s in sources), f"{path.name} does not use {function_name}"
    widget = [s for s in widget if function_name in s] or widget      # a notebook with two panels: the one named
    for s in widget:
        for node in ast.walk(ast.parse(s)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "panel":
                return {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
    raise AssertionError(f"{path.name}: no panel(...) call")


def figure_signature(fig) -> tuple:
    """What a figure shows, cheaply (no rendering): titles, limits, texts, line / point / patch / image data."""
    sig = []
    for ax in fig.axes:
        sig.append((ax.get_title(), ax.get_xlim(), ax.get_ylim(), tuple(t.get_text() for t in ax.texts),
                    tuple(line.get_xydata().round(6).tobytes() for line in ax.lines),
                    tuple(c.get_offsets().round(6).tobytes() if hasattr(c.get_offsets(), "round") else b""
                          for c in ax.collections),
                    tuple(tuple(round(v, 6) for v in p.get_bbox().bounds) for p in ax.patches),
                    tuple(im.get_array().tobytes() for im in ax.images)))
    return tuple(sig)


def sample_values(widget) -> list:
    """Both bounds and a middle value of a slider, every option of a drop-down, both states of a check-box."""
    from ipywidgets import Checkbox, Dropdown

    if isinstance(widget, Dropdown):
        return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in widget.options]
    if isinstance(widget, Checkbox):
        return [not widget.value, widget.value]
    lo, hi, step = widget.min, widget.max, widget.step
    mid = lo + round((hi - lo) / 2 / step) * step
    return list(dict.fromkeys([lo, mid, hi]))


@pytest.fixture(autouse=True)
def agg_and_course_style():
    import matplotlib

    matplotlib.use("Agg")
    from convcourse.viz import use_course_style

    use_course_style()


@pytest.mark.parametrize("row", PANELS, ids=lambda r: f"{r.notebook}-{r.function.rsplit(':', 1)[1]}")
def test_every_control_changes_the_output(row, monkeypatch, caplog):
    import matplotlib.pyplot as plt
    from ipywidgets import interactive

    module, name = row.function.split(":")
    func = getattr(importlib.import_module(module), name)
    show = functools.partial(func, row.data()) if row.data else func
    controls = notebook_controls(row.notebook, name)

    figures = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: figures.append(figure_signature(plt.gcf())))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), caplog.at_level(logging.WARNING):
        w = interactive(guarded(show), **controls)                # builds the widgets and draws once
    assert figures, f"{row.notebook}: the panel draws no figure"
    for widget in w.kwargs_widgets:
        default = widget.value
        seen = set()
        for value in sample_values(widget):
            before = len(figures)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                widget.value = value                              # the observer redraws, as a slider move does
                if value == default and len(figures) == before:  # setting the current value triggers nothing
                    w.update()
            text = out.getvalue()
            assert "Traceback" not in text, (row.notebook, widget.description, value, text)
            drawn = figures[before:]
            assert drawn or "⚠️" in text, f"{row.notebook}: {widget.description}={value!r} drew nothing"
            seen.add((text, tuple(drawn)))
        widget.value = default
        assert len(seen) >= 2, f"{row.notebook}: moving {widget.description} does not change the output"
    assert "Exception in interact callback" not in caplog.text, caplog.text
    plt.close("all")


def assert_refused_in_one_line(func, *args, **kwargs):
    """``guarded(func)`` returns None and prints one line: the short message, no traceback."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert guarded(func)(*args, **kwargs) is None
    assert out.getvalue().startswith("⚠️ 这组参数不成立：") and out.getvalue().count("\n") == 1


# module of panels -> calls of its panels with a combination or a pick they must refuse
INVALID_ARGUMENTS = {
    "convcourse.viz.panels": [
        lambda p: p.show_conv_arithmetic(size=3, kernel=3, dilation=2, padding=0),
        lambda p: p.show_group_conv(C1=64, C2=128, k=3, g=3),
        lambda p: p.show_xception_continuum(segments=5),
        lambda p: p.show_dense_growth(theta=0.0),
        lambda p: p.show_fire(squeeze1x1=64, expand1x1=16, expand3x3=16),
        lambda p: p.show_ghost(dw_size=4),
        lambda p: p.show_pconv(n_div=3, channels=128),
        lambda p: p.show_gradient_profile({(8, False): [1.0], (8, True): [1.0]}, depth=20),
    ],
    "convcourse.lesson_panels": [
        lambda p: p.show_scconv(_features(16, 8), alpha=0.03),
        lambda p: p.show_scconv(_features(16, 8), group_num=3),
        lambda p: p.show_scconv(_features(16, 8), gate_threshold=1.0),
        lambda p: p.show_compound_scaling(phi=8),
        lambda p: p.show_compound_scaling(variant="xl"),
        lambda p: p.show_aspp_taps(size=17, row=20),
        lambda p: p.show_rep_fusion(_fusions((8,)), out_channel=8),
        lambda p: p.show_unet(_segmentation(2, 8), size=570),
    ],
    "convcourse.viz.panels_photos": [
        lambda p: p.show_separable_photo(_separable_photo(), photo="camera"),
        lambda p: p.show_vgg_field_on_photo(_vgg_fields(), layer="pool5"),
        lambda p: p.show_vgg_field_on_photo(_vgg_fields(), row=224),
        lambda p: p.show_aspp_photo(_aspp_photo(), branch="3×3 r=24"),
        lambda p: p.show_aspp_photo(_aspp_photo(), col=-1),
    ],
    "convcourse.viz.panels_query": [
        lambda p: p.show_nonlocal_query(_query_collected(2), image=2),
        lambda p: p.show_nonlocal_query(_query_collected(2), row=12),
        lambda p: p.show_gc_query(_query_collected(2), col=-1),
        lambda p: p.show_danet_attention(_query_collected(2), channel=64),
        lambda p: p.show_danet_attention(_query_collected(2), row=1.5),
    ],
    "convcourse.viz.panels_attention": [
        lambda p: p.show_se_weights(_se_collected(4), image=4),
        lambda p: p.show_cbam_attention(_attention_collected(4, channel=CHANNELS, spatial=MAPS), stage=4),
        lambda p: p.show_scse_attention(_attention_collected(4, channel=CHANNELS, spatial=MAPS), image=-1),
        lambda p: p.show_scse_attention({**_attention_collected(4, channel=CHANNELS), "spatial": [np_nan((4, 48, 48))]}),
        lambda p: p.show_eca_weights({**_attention_collected(4, weights=CHANNELS), "kernel_sizes": [3, 3, 3]}, stage=0),
        lambda p: p.show_simam_maps(_attention_collected(4, trained=MAPS, untrained=MAPS), image=2.5),
    ],
}


@pytest.mark.parametrize("module, call", [
    pytest.param(module, call, id=f"{module.rsplit('.', 1)[1]}-{i}")
    for module, calls in INVALID_ARGUMENTS.items() for i, call in enumerate(calls)
])
def test_invalid_panel_arguments_give_a_short_message(module, call):
    assert_refused_in_one_line(call, importlib.import_module(module))


def test_query_panel_draws_the_picked_row_and_marks_the_query(monkeypatch):
    import matplotlib.pyplot as plt
    import numpy as np

    from convcourse.viz.panels_query import show_nonlocal_query

    data = _query_collected(2)
    drawn = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: drawn.append(plt.gcf()))
    with contextlib.redirect_stdout(io.StringIO()) as out:
        show_nonlocal_query(data, image=1, row=3, col=7)
    fig = drawn[0]
    overlay = fig.axes[1].images[1].get_array()
    assert np.array_equal(overlay, data["maps"][1][3 * 12 + 7].reshape(12, 12))      # row r*W + c of image 1
    x, y = fig.axes[1].lines[0].get_xydata()[0]
    assert (x, y) == ((7 + 0.5) * 4 - 0.5, (3 + 0.5) * 4 - 0.5)                     # the query's cell centre
    assert len(fig.axes) == 5                                                       # 3 panels + 2 colour bars
    assert "行 12–15、列 28–31" in out.getvalue() and "在目标框内" in out.getvalue()   # box rows 8-29, cols 10-35
    plt.close("all")


def np_nan(shape):
    """A map holding NaN (a diverged network): refused, not drawn as a blank picture."""
    import numpy as np

    return np.full(shape, np.nan)


def test_box_means_of_a_map_smaller_than_the_image():
    import numpy as np

    from convcourse.viz.panels_attention import _box_means

    amap = np.zeros((12, 12))
    amap[2:5, 3:9] = 1.0                              # 4x4 image pixels per map cell: rows 8-19, columns 12-35
    inside, outside = _box_means(amap, (8, 12, 20, 36), 48, 48)
    assert (inside, outside) == (1.0, 0.0)
    inside, outside = _box_means(amap, (0, 0, 20, 36), 48, 48)     # box 20x36 = 720 pixels, 288 of them hot
    assert inside == 288 / 720 and outside == 0.0


@pytest.mark.parametrize("kw", [{"x": "MACs", "y": "MACs"}, {"x": "FLOPs"}, {"family": "全部模块"}])
def test_invalid_cost_axes_give_a_short_message(kw):
    from convcourse.lesson_panels import show_cost_scatter

    assert_refused_in_one_line(show_cost_scatter, _cost_rows(), **kw)


def test_cost_labels_never_overlap():
    import numpy as np

    from convcourse.viz.labels import label_width, place_labels

    rng = np.random.default_rng(1)
    points = rng.random((150, 2)) * [600, 250]
    names = [f"Inception 模块 {i}" for i in range(150)]
    kept = place_labels(points, names, (600, 250), 7.0)
    assert 5 < len(kept) < 150
    boxes = []
    for i, dx, dy, ha, va in kept:
        w, h = label_width(names[i]) * 7.0, 7.0 * 1.25
        x0 = points[i, 0] + dx if ha == "left" else points[i, 0] + dx - w if ha == "right" else points[i, 0] - w / 2
        y0 = points[i, 1] + dy if va == "bottom" else points[i, 1] + dy - h if va == "top" else points[i, 1] - h / 2
        assert 0 <= x0 and x0 + w <= 600 and 0 <= y0 and y0 + h <= 250
        boxes.append((x0, y0, x0 + w, y0 + h))
    for a in range(len(boxes)):
        for b in range(a):
            p, q = boxes[a], boxes[b]
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (kept[a], kept[b])


def test_static_cost_plot_labels_do_not_pile_up():
    """Notebook 29's three cost panels (compare.plot_costs) label only where a name fits: no two labels overlap."""
    import matplotlib.pyplot as plt

    from convcourse.compare import plot_costs

    fig = plot_costs(_cost_rows(), baseline="Conv3×3-BN-ReLU")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        assert len(boxes) >= 5
        for a in range(len(boxes)):
            for b in range(a):
                assert not boxes[a].overlaps(boxes[b]), (ax.texts[a].get_text(), ax.texts[b].get_text())
    plt.close(fig)
