"""Chinese text in figures renders on a machine with no system CJK font, with no warning."""
import importlib
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(autouse=True)
def agg_backend():
    import matplotlib

    matplotlib.use("Agg")


def test_font_is_bundled_and_registered():
    from matplotlib import font_manager

    from convcourse.viz import FONT_FAMILY, FONT_PATH, setup_fonts

    assert FONT_PATH.exists() and FONT_PATH.stat().st_size < 4_000_000
    assert (FONT_PATH.parent / "OFL.txt").exists()
    assert setup_fonts() == FONT_FAMILY
    assert font_manager.findfont(FONT_FAMILY, fallback_to_default=False) == str(FONT_PATH)


def test_chinese_title_renders_without_warnings():
    import matplotlib.pyplot as plt

    from convcourse.viz import use_course_style

    use_course_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # any missing-glyph warning fails the test
        fig, ax = plt.subplots()
        ax.plot([-2, -1, 0, 1], [1, -1, 2, -3])  # negative ticks: unicode_minus must be off
        ax.set_title("分组卷积的参数量 −1：Q/g，α β γ ≈ 3×3")
        ax.set_xlabel("组数 g")
        fig.savefig(Path("/dev/null"), format="png")
        plt.close(fig)


def test_fresh_process_renders_chinese_without_warnings(tmp_path):
    """A brand-new interpreter with an empty matplotlib cache dir: no stale font cache can help."""
    code = ("import warnings; warnings.simplefilter('error');"
            "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt;"
            "import convcourse.viz as v; v.use_course_style();"
            "fig, ax = plt.subplots(); ax.set_title('卷积模块精讲'); fig.savefig(r'%s')" % (tmp_path / "t.png"))
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Glyph" not in proc.stderr and (tmp_path / "t.png").stat().st_size > 1000


def test_every_chinese_character_in_the_notebooks_has_a_glyph():
    import nbformat

    from convcourse.viz import missing_glyphs

    text = "".join(c.source for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
                   for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code")
    assert missing_glyphs("".join(set(CJK.findall(text)))) == []


def test_feature_grid_and_overlay():
    import matplotlib.pyplot as plt

    from convcourse.viz import attention_mass_in_box, feature_grid, overlay_heatmap

    fig = feature_grid(torch.rand(1, 10, 8, 8), ncols=4, title="特征图")
    assert len(fig.axes) == 12
    ax = overlay_heatmap(torch.rand(3, 32, 32), torch.rand(8, 8), title="注意力")
    assert ax.get_title() == "注意力"
    plt.close("all")
    att = torch.zeros(10, 10)
    att[2:4, 2:4] = 1.0
    inside, share = attention_mass_in_box(att, (2, 2, 4, 4))
    assert inside == pytest.approx(1.0) and share == pytest.approx(0.04)


def test_overlays_carry_a_colour_bar_that_says_how_the_map_is_scaled():
    import matplotlib.pyplot as plt

    from convcourse.viz import overlay_heatmap
    from convcourse.viz.attention_maps import plot_overlays
    from convcourse.viz.query_maps import plot_query_maps

    ax = overlay_heatmap(torch.rand(3, 32, 32), torch.rand(8, 8), colorbar=True)
    (bar,) = ax.child_axes
    assert [t.get_text() for t in bar.get_yticklabels()] == ["最小", "最大"] and bar.get_ylabel() == "图内归一化"
    assert ax.images[-1].get_clim() == (0, 1)          # the overlay is drawn on the scale the bar shows
    fig = plot_overlays(torch.rand(3, 3, 16, 16), {"a": torch.rand(3, 4, 4), "b": torch.rand(3, 4, 4)})
    assert sum(len(a.child_axes) for a in fig.axes) == 2          # one bar per row of maps, none on the images
    axes = plot_query_maps(torch.rand(3, 16, 16), torch.rand(16, 16), [(0, 0), (3, 3)], 4)
    assert [len(a.child_axes) for a in axes] == [0, 1]
    plt.close("all")


@pytest.mark.parametrize("call,message", [
    (lambda v: v.feature_grid(torch.rand(2, 3, 4, 4)), "batch size 2"),
    (lambda v: v.feature_grid(torch.rand(3, 4)[None, None, None]), "fmap must have shape"),
    (lambda v: v.feature_grid(torch.rand(3, 4, 4), ncols=0), "ncols=0"),
    (lambda v: v.overlay_heatmap(torch.rand(5, 4, 4, 4), torch.rand(2, 2)), "image must have shape"),
    (lambda v: v.overlay_heatmap(torch.rand(8, 8), torch.rand(2, 2, 2)), "attention must squeeze"),
    (lambda v: v.attention_mass_in_box(torch.rand(8, 8), (4, 4, 2, 9)), "box="),
])
def test_viz_bad_inputs(call, message):
    import convcourse.viz as v

    with pytest.raises(ValueError, match=message):
        call(v)


def draw_every_figure() -> list[str]:
    """Every drawing function of ``convcourse.viz`` (and the lesson panels) with small valid inputs; each figure is
    rendered (``plt.show`` saves every open figure to PNG, as the inline back end does). Returns the names drawn."""
    import io
    import types

    import matplotlib.pyplot as plt

    from test_panels import (_aspp_photo, _attention_collected, _profiles, _query_collected, _se_collected,
                             _separable_photo, _vgg_fields, CHANNELS, MAPS)

    def render():
        for n in plt.get_fignums():
            plt.figure(n).savefig(io.BytesIO(), format="png")
        plt.close("all")

    plt.show = lambda *a, **k: render()
    history = types.SimpleNamespace(loss=[1.0, 0.5])
    tracker = types.SimpleNamespace(running=[0.3, 0.6], recomputed=[0.4, 0.7])
    image, att = torch.rand(3, 16, 16), torch.rand(4, 4)
    calls = {
        "maps.feature_grid": lambda m: m.feature_grid(torch.rand(4, 6, 6), title="特征图"),
        "maps.overlay_heatmap": lambda m: m.overlay_heatmap(image, att, title="注意力", colorbar=True),
        "maps.add_overlay_colorbar": lambda m: m.add_overlay_colorbar(plt.subplots()[1]),
        "attention_maps.plot_overlays": lambda m: m.plot_overlays(torch.rand(2, 3, 16, 16), {"注意力": torch.rand(2, 4, 4)}),
        "query_maps.plot_query_maps": lambda m: m.plot_query_maps(image, torch.rand(16, 16), [(0, 0), (3, 3)], 4),
        "curves.plot_bn_curves": lambda m: m.plot_bn_curves(history, tracker, title="批归一化"),
        "labels.label_points": lambda m: m.label_points(plt.subplots()[1], [0.0, 1.0], [0.0, 1.0], ["卷积", "注意力"]),
        "shuffle.draw_shuffle": lambda m: m.draw_shuffle(6, 2),
        "shuffle.show_shuffle": lambda m: m.show_shuffle(),
        "panels.draw_group_connections": lambda m: m.draw_group_connections(plt.subplots()[1], 8, 8, 2),
        "panels.show_gradient_profile": lambda m: m.show_gradient_profile(_profiles()),
        "panels.show_yolo_grids": lambda m: m.show_yolo_grids({416: 24_520_000_000}),
        "panels_attention.show_se_weights": lambda m: m.show_se_weights(_se_collected(2)),
        "panels_attention.show_cbam_attention": lambda m: m.show_cbam_attention(
            _attention_collected(2, channel=CHANNELS, spatial=MAPS)),
        "panels_attention.show_scse_attention": lambda m: m.show_scse_attention(
            _attention_collected(2, channel=CHANNELS, spatial=MAPS)),
        "panels_attention.show_eca_weights": lambda m: m.show_eca_weights(
            {**_attention_collected(2, weights=CHANNELS), "kernel_sizes": [3, 3, 3]}),
        "panels_attention.show_simam_maps": lambda m: m.show_simam_maps(
            _attention_collected(2, trained=MAPS, untrained=MAPS)),
        "panels_query.show_nonlocal_query": lambda m: m.show_nonlocal_query(_query_collected(2)),
        "panels_query.show_gc_query": lambda m: m.show_gc_query(_query_collected(2)),
        "panels_query.show_danet_attention": lambda m: m.show_danet_attention(_query_collected(2)),
        "panels_photos.show_separable_photo": lambda m: m.show_separable_photo(_separable_photo()),
        "panels_photos.show_vgg_field_on_photo": lambda m: m.show_vgg_field_on_photo(_vgg_fields()),
        "panels_photos.show_aspp_photo": lambda m: m.show_aspp_photo(_aspp_photo()),
    }
    for name in ("show_conv_arithmetic", "show_group_conv", "show_separable_cost", "show_receptive_field",
                 "show_inception_branches", "show_xception_continuum", "show_resnext_budget", "show_res2net_splits",
                 "show_dense_growth", "show_fire", "show_relu_spiral", "show_ghost", "show_pconv"):
        calls[f"panels.{name}"] = lambda m, name=name: getattr(m, name)()      # the lessons' defaults
    drawn = []
    for name, call in calls.items():
        module, _ = name.split(".")
        call(importlib.import_module(f"convcourse.viz.{module}"))
        render()
        drawn.append(name)
    return drawn


def _drawing_functions() -> set[str]:
    """Public functions of convcourse.viz that draw: show_*, plot_*, draw_*, and the map and label helpers."""
    import inspect
    import pkgutil

    import convcourse.viz

    names = set()
    for info in pkgutil.iter_modules(convcourse.viz.__path__):
        if info.name in ("diagram", "fonts_build"):       # diagrams: tests/test_diagram.py draws every one
            continue
        module = importlib.import_module(f"convcourse.viz.{info.name}")
        for n, f in vars(module).items():
            if inspect.isfunction(f) and f.__module__ == module.__name__ and not n.startswith("_") and (
                    n.startswith(("show_", "plot_", "draw_")) or "ax" in inspect.signature(f).parameters):
                names.add(f"{info.name}.{n}")
    return names


def test_every_figure_draws_without_warnings_in_a_plain_process(tmp_path):
    """No ``convcourse.setup()``, no ``use_course_style()``, an empty font cache: importing the viz package is
    enough for Chinese labels to find their glyphs (a missing glyph is a UserWarning, made an error here)."""
    code = ("import warnings; warnings.simplefilter('error');"
            "import matplotlib; matplotlib.use('Agg');"
            f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r});"
            "import test_viz; print(' '.join(test_viz.draw_every_figure()))")
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Glyph" not in proc.stderr
    assert set(proc.stdout.split()) >= _drawing_functions(), _drawing_functions() - set(proc.stdout.split())
