"""Block diagrams: every shape label is the shape a real forward pass produces; the PNGs in
assets/diagrams/ are what ``python -m convcourse diagrams`` writes today; show_source shows the real code."""
import inspect
import io
import textwrap
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.overrides import TorchFunctionMode

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets" / "diagrams"
HEAVY = {"27_aspp", "28_unet", "03_vgg_block"}       # shapes only there: run on the meta device


@pytest.fixture(scope="module", autouse=True)
def agg_backend():
    import matplotlib

    matplotlib.use("Agg")


def hooked_shapes(module: nn.Module, x: torch.Tensor) -> dict:
    """Written apart from convcourse.viz.diagram on purpose: module hooks + a function mode, in the test's own code."""
    found = {"in": tuple(x.shape)}
    scope = [""]

    class Calls(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.n = {}

        def __torch_function__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            key = f"{scope[-1]}@{func.__name__}"
            i = self.n[key] = self.n.get(key, -1) + 1
            if isinstance(out, torch.Tensor):
                found[f"{key}#{i}"] = tuple(out.shape)
            elif isinstance(out, (tuple, list)) and out and all(isinstance(o, torch.Tensor) for o in out):
                for j, o in enumerate(out):
                    found[f"{key}#{i}[{j}]"] = tuple(o.shape)
            return out

    handles = []
    for name, sub in module.named_modules():
        if not name:
            continue

        def pre(m, args, name=name):
            scope.append(name)
            if isinstance(args[0], torch.Tensor) and f"{name}:in" not in found:
                found[f"{name}:in"] = tuple(args[0].shape)

        def post(m, args, out, name=name):
            scope.pop()
            if isinstance(out, torch.Tensor) and name not in found:
                found[name] = tuple(out.shape)

        handles += [sub.register_forward_pre_hook(pre), sub.register_forward_hook(post)]
    with torch.no_grad(), Calls():
        out = module(x)
    for h in handles:
        h.remove()
    found["out"] = tuple(out.shape)
    return found


def all_diagrams():
    from convcourse.diagrams import DIAGRAMS

    return DIAGRAMS


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Draw every diagram once: the texts on the figure (by gid) and the PNG bytes as the command writes them."""
    import matplotlib.pyplot as plt

    from convcourse.diagrams import figure, save_png

    out = tmp_path_factory.mktemp("diagrams")
    result = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # a missing glyph warns: fail
        for d in all_diagrams():
            fig = figure(d.name)
            texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
            labels = {t.get_gid()[len("shape:"):]: t.get_text() for t in texts
                      if (t.get_gid() or "").startswith("shape:")}
            result[d.name] = (labels, [t.get_text() for t in texts], save_png(fig, out / f"{d.name}.png"))
            plt.close(fig)
    return result


@pytest.mark.parametrize("name", [d.name for d in all_diagrams()])
def test_every_label_is_the_shape_of_a_real_forward(name, drawn):
    from convcourse.diagrams import get
    from convcourse.viz.diagram import spec_taps

    d = get(name)
    device = "meta" if name in HEAVY else "cpu"
    torch.manual_seed(0)
    with torch.device(device):
        module = d.build().eval()
        x = torch.randn(d.input)
    shapes = hooked_shapes(module, x)
    labels = drawn[name][0]
    assert set(labels) == set(spec_taps(d.spec)), "every tap of the spec labels an arrow on the figure"
    for tap, text in labels.items():
        shape = shapes[tap]
        assert text == "×".join(map(str, shape[1:])), (tap, text, shape)
    assert labels["in"] == "×".join(map(str, d.input[1:]))
    last = spec_taps(d.spec)[-1]
    assert shapes[last] == shapes["out"], "the last arrow carries the block's output"


def test_chinese_text_has_every_glyph(drawn):
    from convcourse.viz import missing_glyphs

    text = "".join(t for _, texts, _ in drawn.values() for t in texts)
    assert missing_glyphs(text) == []


def test_assets_are_what_the_command_writes_today(drawn, tmp_path):
    """The command itself, in a fresh process (as a course author runs it): no state left by other tests in this
    worker (matplotlib's font list, rcParams) can change a text width and so a picture's size."""
    import subprocess
    import sys

    stored = sorted(p.name for p in ASSETS.glob("*.png"))
    assert stored == sorted(f"{n}.png" for n in drawn), "run: python -m convcourse diagrams"
    subprocess.run([sys.executable, "-m", "convcourse", "diagrams", "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for name in drawn:
        fresh = (tmp_path / f"{name}.png").read_bytes()
        assert fresh == (ASSETS / f"{name}.png").read_bytes(), f"{name}: run python -m convcourse diagrams"


def test_png_carries_no_software_or_date(drawn):
    data = next(iter(drawn.values()))[2].read_bytes()
    assert b"Software" not in data and b"tIME" not in data


def test_command_writes_the_named_diagram(tmp_path, capsys):
    from convcourse.__main__ import main

    assert main(["diagrams", "--out", str(tmp_path), "17_se"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["17_se.png"]
    assert main(["diagrams", "--out", str(tmp_path), "no_such_block"]) == 2


def test_grouped_conv_paths_equal_a_grouped_conv():
    from convcourse.diagrams import GroupedConvPaths

    torch.manual_seed(0)
    conv = nn.Conv2d(64, 128, 3, padding=1, groups=4, bias=False)
    x = torch.randn(2, 64, 9, 9, dtype=torch.float64)
    paths = GroupedConvPaths.from_conv(conv.double())
    torch.testing.assert_close(paths(x), conv(x))


def test_a_wrong_tap_is_reported():
    from convcourse.viz.diagram import Op, shape_labels, measure_taps

    taps = measure_taps(nn.Sequential(nn.Conv2d(3, 4, 3)), torch.zeros(1, 3, 8, 8))
    assert shape_labels([Op("conv", "0")], taps) == {"in": "3×8×8", "0": "4×6×6"}
    with pytest.raises(KeyError, match="not produced"):
        shape_labels([Op("conv", "1")], taps)


@pytest.mark.parametrize("qualname", ["convcourse.attention.se:SEBlock.forward", "convcourse.blocks.fire:Fire",
                                      "convcourse.measure:conv2d_params", "convcourse.blocks.residual:Bottleneck.forward"])
def test_show_source_shows_the_real_code(qualname):
    import importlib

    from convcourse.source import SourceListing

    module_name, attr = qualname.split(":")
    obj = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    listing = SourceListing(obj)
    real = textwrap.dedent(inspect.getsource(obj)).rstrip("\n")
    assert listing.code == real
    path = module_name.replace(".", "/") + ".py"
    assert listing.header == f"{path} · {attr}"
    md = listing._repr_markdown_()
    assert md == f"`{path} · {attr}`\n\n```python\n{real}\n```"
    assert repr(listing) == f"# {path} · {attr}\n{real}"
    assert "<span" in listing.html()
