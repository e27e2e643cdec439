"""Property-style walk over the public API: every argument of the course's numeric vocabulary
(``convcourse._checks.RULES``: channels, strides, kernel sizes, dropout, lr, flags ...) of every public
function and constructor is fed a table of bad values, one at a time, all other arguments valid.

Each bad value must raise a ``ValueError`` or ``TypeError`` from convcourse whose message names the
argument, or be a value the rule allows (zero padding, a huge learning rate ...), or be on the
commented allow-list below. Modules are built on the meta device: no memory, no initialisation cost.
"""
from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import tempfile
import traceback
from pathlib import Path

import numpy as np
import pytest
import torch

import convcourse
from convcourse import _checks

PKG = Path(convcourse.__file__).parent

# Modules left out of the walk, each for a reason: ``check`` is the student's checker (it prints its own Chinese
# verdicts instead of raising, tests/test_exercises.py); ``exercises`` holds the exercises a student completes;
# ``__main__`` is the command line (tests/test_errors_cli.py); ``_`` marks private modules; ``viz.fonts_build`` is
# the script that builds the shipped font subset, not a course API.
SKIP_MODULES = ("convcourse.check", "convcourse.exercises", "convcourse.__main__", "convcourse._",
                "convcourse.viz.fonts_build")
# Packages whose callables build modules: called on the meta device.
META = ("convcourse.nets", "convcourse.blocks", "convcourse.attention")

# One bad value of each kind.
BAD = {"negative": -1, "zero": 0, "float": 1.5, "str": "8", "none": None, "nan": math.nan, "inf": math.inf,
       "bool": True, "huge": 10 ** 12}

# Valid values for required arguments, by name (small: 8 channels, 8x8 maps).
VALID = {"in_channels": 64, "out_channels": 64, "channels": 64, "mid_channels": 64, "planes": 64,
         "inplanes": 64, "in_planes": 64, "out_planes": 64, "c_in": 64, "c_out": 64, "c1": 64, "c2": 64,
         "in_features": 64, "out_features": 64, "num_classes": 10, "growth_rate": 8, "base_width": 8, "groups": 1, "stride": 1,
         "kernel_size": 3, "h": 8, "w": 8, "n": 8, "size": 8, "num_layers": 2, "expand_ratio": 2,
         "squeeze1x1": 4, "expand1x1": 4, "expand3x3": 4, "ch1x1": 4, "ch3x3red": 4, "ch3x3": 4, "ch5x5red": 4,
         "ch5x5": 4, "pool_proj": 4, "feature_size": 8, "image_size": 8, "input_size": 8, "scale": 4,
         "width": 8, "divisor": 8, "rate": 2, "seed": 0, "reduction": 4, "layers": (1, 1, 1, 1),
         "kernel_sizes": (3, 5), "rates": (1, 2), "value": 8}

# Valid calls for callables whose required arguments are not plain numbers.
_X = torch.randn(1, 8, 4, 4)
_compare = importlib.import_module("convcourse.compare")
_SCRATCH = tempfile.TemporaryDirectory()          # removed when the test process ends


def _scratch(name: str) -> Path:
    return Path(_SCRATCH.name) / name


def _axes():
    from matplotlib.figure import Figure           # not pyplot's: the walk closes pyplot's figures after each call

    return Figure().add_subplot()


BASE = {
    "convcourse.attention.build_attention": dict(name="se", channels=64),
    "convcourse.attention.create_attention": dict(attention="se", channels=64),
    "convcourse.attention.simam.inverse_energy": dict(x=_X),
    "convcourse.attention.simam.minimal_energy": dict(x=_X),
    "convcourse.helpers.make_divisible": dict(value=10),
    "convcourse.blocks.shuffle.channel_shuffle": dict(x=_X, groups=2),
    "convcourse.blocks.shuffle.channel_unshuffle": dict(x=_X, groups=2),
    "convcourse.data.split": dict(dataset=list(range(10))),
    "convcourse.measure.conv2d_macs": dict(in_channels=8, out_channels=8, kernel_size=3, output_size=8),
    "convcourse.measure.count_params": dict(module=torch.nn.Conv2d(2, 2, 1)),
    "convcourse.measure.pad": dict(text="ab", width=4),
    "convcourse.blocks.residual.Bottleneck": dict(inplanes=256, planes=64),
    "convcourse.viz.attention_maps.mass_in_box": dict(maps=torch.rand(2, 8, 8), boxes=torch.tensor([[2, 2, 6, 6]] * 2),
                                                      image_size=8),
    "convcourse.viz.maps.attention_mass_in_box": dict(attention=torch.rand(8, 8), box=(2, 2, 6, 6)),
    "convcourse.viz.maps.attention_auroc_in_box": dict(attention=torch.rand(8, 8), box=(2, 2, 6, 6)),
    "convcourse.viz.attention_maps.auroc_in_box": dict(maps=torch.rand(2, 8, 8), boxes=torch.tensor([[2, 2, 6, 6]] * 2),
                                                       image_size=8),
    "convcourse.viz.maps.overlay_heatmap": dict(image=torch.rand(8, 8), attention=torch.rand(4, 4)),
    "convcourse.viz.query_maps.peak_in_box": dict(attention=torch.rand(8, 8), box=(2, 2, 6, 6), image_size=8),
    "convcourse.viz.query_maps.query_map": dict(affinity=torch.rand(16, 16), query=(1, 1), feature_size=4),
    "convcourse.nets.darknet.darknet": dict(name="darknet53"),
    "convcourse.nets.densenet.densenet": dict(name="121"),
    "convcourse.nets.densenet.densenet_channels": dict(block_config=(6, 12)),
    "convcourse.nets.inception.factorized_weights": dict(channels=64, kernel_size=3, mode="full"),
    "convcourse.nets.inception.googlenet_block": dict(name="3a"),
    "convcourse.nets.res2net.res2net": dict(name="50_26w_4s"),
    "convcourse.nets.resnext.resnext": dict(name="50_32x4d"),
    "convcourse.nets.shufflenetv2.g3_benchmark": dict(fragments=2),
    "convcourse.nets.unet.center_crop": dict(x=_X, size=2),
    "convcourse.nets.unet.output_size": dict(input_size=572),
    "convcourse.nets.vgg.make_layers": dict(config="A"),
    "convcourse.nets.vgg.vgg": dict(config="A"),
    "convcourse.viz.maps.feature_grid": dict(fmap=torch.rand(1, 2, 2)),
    "convcourse.data.make_shapes": dict(n=4, size=24),          # small: accepted values rebuild the set
    "convcourse.data.make_segmentation": dict(n=2, size=16),
    "convcourse.viz.query_maps.box_query": dict(box=(2, 2, 6, 6), image_size=8, feature_size=4),
    "convcourse.experiment.build_net": dict(arm=importlib.import_module("convcourse.experiment").BASELINE, seed=0),
    "convcourse.experiment.compare": dict(results={"基线": [0.5, 0.6, 0.55], "x": [0.4, 0.5, 0.47]}, baseline="基线"),
    "convcourse.experiment.verdict": dict(row={"p_holm": 0.01, "low": 0.1, "high": 0.2}),
    # the comparison, the registry and the widget pictures: their notebook-computed inputs, small
    "convcourse.compare.build": dict(entry=_compare.CATALOG[0], channels=8),
    "convcourse.compare.profile_modules": dict(modules={"x": (_compare.CATALOG[0], torch.nn.Identity())},
                                               input_shape=(1, 8, 4, 4), repeats=1, warmup=0),
    "convcourse.registry.Entry": dict(name="resnet18", builder="convcourse.nets.resnet:resnet18", lesson=4,
                                      paper="1512.03385", input_size=224, min_size=32),
    "convcourse.registry.res2net_split_order": dict(width=4, scale=4),
    "convcourse.lesson_panels.sru_gate": dict(features=np.random.default_rng(0).random((8, 6, 6))),
    "convcourse.lesson_panels.show_scconv": dict(features=np.random.default_rng(0).random((8, 6, 6))),
    "convcourse.lesson_panels.show_unet": dict(samples=(np.zeros((2, 8, 8)), np.zeros((2, 8, 8)), np.zeros((2, 8, 8))),
                                               size=572),
    "convcourse.viz.panels.draw_group_connections": dict(ax=_axes(), out_channels=8, in_channels=8, groups=2),
    "convcourse.viz.panels.gradient_support": dict(n_layers=3, size=9),
    "convcourse.viz.panels.show_gradient_profile": dict(profiles={(8, False): [1.0, 0.5], (8, True): [1.0, 0.9]},
                                                        depth=8),
    "convcourse.viz.panels.show_yolo_grids": dict(macs_by_size={416: 10 ** 9, 320: 6 * 10 ** 8}),
    "convcourse.grade_demo.make_class": dict(out=_scratch("class"), students=1, lessons=("01",), tampering=()),
}

# Which bad kinds a rule may accept (the call then simply works): anything else must raise.
ALLOWED_KINDS = {
    _checks._int0: {"zero"},
    _checks._seed: {"zero", "huge"},
    _checks.check_probability: {"zero"},
    _checks._bool: {"bool"},
    _checks._positive: {"huge"},                 # lr=1e12 is silly but valid; reduction=1e12 fails in the body
    _checks._finite: {"negative", "zero", "huge", "float", "bool"},   # the body says which range
    _checks._ratio: {"float"},                   # expand_ratio=1.5 is a valid (if unusual) width
}
# Kinds that may either work or raise a clear error (the valid range depends on the other arguments).
EITHER = {"float", "negative", "zero", "huge", "bool"}

# Callables the walk cannot call with generated arguments, and why (each is covered by a family test).
ALLOW = {
    "convcourse.notebooks.run_single_threaded": "needs a notebook object and starts a kernel",
    "convcourse.notebooks.execute": "starts a Jupyter kernel",
    "convcourse.bench.run_notebook": "starts a Jupyter kernel",
    "convcourse.bench.bench_notebooks": "starts Jupyter kernels",
    "convcourse.bench.bench_pair": "needs a Pair and times real models: tests/test_errors_cli.py",
    "convcourse.bench.bench_models": "times real models: tests/test_errors_cli.py",
    "convcourse.train.fit": "needs a model and datasets: tests/test_errors_data_train.py",
    "convcourse.train.accuracy": "needs a model and a dataset: tests/test_errors_data_train.py",
    "convcourse.train.mean_iou": "needs a model and a dataset: tests/test_errors_data_train.py",
    "convcourse.train.recompute_bn_statistics": "needs a model with BN: tests/test_errors_data_train.py",
    "convcourse.instruments.measure_latency": "times a model (seconds per call)",
    "convcourse.instruments.compare_latency": "times models (seconds per call)",
    "convcourse.instruments.compare_latency_one_at_a_time": "builds and times models",
    "convcourse.instruments.interleaved_min_latency": "times models (seconds per round)",
    "convcourse.nets.aspp.DeepLabV3": "needs a backbone network; its builders deeplabv3_* are walked",
    "convcourse.nets.efficientnetv2.EfficientNetV2": "needs StageSpec tuples; its builders are walked",
    "convcourse.nets.efficientnetv2.StageSpec": "a plain record; EfficientNetV2 checks its fields",
    "convcourse.nets.res2net.measured_receptive_fields": "needs a Bottle2neck and back-propagates",
    "convcourse.nets.resnet.ResNet": "needs a block class; its builders resnet18 ... are walked",
    "convcourse.viz.attention_maps.collect_attention": "needs a trained model with attention modules",
    "convcourse.viz.attention_maps.plot_overlays": "draws a figure; size checked by @checked",
    "convcourse.viz.query_maps.target_query_scores": "needs (N, HW, H'W') affinities with one box each: tests/test_attention_nonlocal_gc_danet.py",
    "convcourse.viz.query_maps.plot_query_maps": "draws a figure; its metrics are tested in test_errors_data_train",
    "convcourse.experiment.train_once": "trains a network (seconds a call): tests/test_experiment.py",
    "convcourse.viz.maps.add_overlay_colorbar": "needs a Matplotlib Axes; its cmap rule is walked via overlay_heatmap",
    # the grader's kernel starters: an instructor meets them in tests/test_grade.py and tests/test_execution.py
    "convcourse.execution.execute": "starts a Jupyter kernel: tests/test_execution.py",
    "convcourse.execution.soak": "runs notebooks in kernels, many times: tests/test_execution.py",
    "convcourse.portability.differing_cells": "re-executes a notebook under a CPU cap: tests/test_portability.py",
}


# Single arguments whose error names another argument, and why that is the clearer message.
ALLOW_PARAMS: dict = {}


def _public_callables():
    seen = []
    for info in pkgutil.walk_packages(convcourse.__path__, "convcourse."):
        if info.name.startswith(SKIP_MODULES):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in sorted(vars(mod).items()):
            if name.startswith("_") or not callable(obj) or getattr(obj, "__module__", None) != mod.__name__:
                continue
            seen.append((f"{mod.__name__}.{name}", obj))
    return seen


def _params(obj):
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return [p for p in sig.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


CALLABLES = [(q, o) for q, o in _public_callables()
             if _params(o) and any(p.name in _checks.RULES for p in _params(o))]


def _baseline(params):
    kw = {}
    for p in params:
        if p.default is p.empty:
            if p.name not in VALID:
                return None
            kw[p.name] = VALID[p.name]
    return kw


def _is_clear(exc, name):
    if not isinstance(exc, (ValueError, TypeError)):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    from_course = frames and str(PKG) in frames[-1].filename
    return bool(from_course) and name in str(exc)


def _call(qual, obj, kw):
    if not qual.startswith(META):
        return obj(**kw)
    with torch.device("meta"):
        return obj(**kw)


def _walk(qual, obj):
    """Yields (param, kind, outcome) for every bad value; outcome is 'clear', 'accepted' or an error text."""
    params = _params(obj)
    kw = dict(BASE[qual]) if qual in BASE else _baseline(params)
    if kw is None:
        yield None, None, "no baseline"
        return
    try:
        _call(qual, obj, kw)
    except Exception as e:  # noqa: BLE001
        yield None, None, f"baseline fails: {type(e).__name__}: {e}"
        return
    for p in params:
        rule = _checks.RULES.get(p.name)
        if rule is None or (qual, p.name) in ALLOW_PARAMS:
            continue
        for kind, bad in BAD.items():
            if kind == "none" and (p.default is None):
                continue
            if kind == "bool" and isinstance(p.default, bool):
                continue
            try:
                _call(qual, obj, {**kw, p.name: bad})
            except Exception as e:  # noqa: BLE001
                yield p.name, kind, "clear" if _is_clear(e, p.name) else f"{type(e).__name__}: {str(e)[:120]}"
            else:
                ok = kind in ALLOWED_KINDS.get(rule, set()) or (
                    kind in EITHER and rule in (_checks._finite, _checks._positive))
                yield p.name, kind, "accepted" if ok else "silently accepted"


def test_walk_covers_the_package():
    assert len(CALLABLES) > 150
    # every allow-listed name still exists (a stale entry would hide nothing, but mislead)
    names = {q for q, _ in CALLABLES}
    assert set(ALLOW) <= names, set(ALLOW) - names


@pytest.mark.parametrize("qual,obj", CALLABLES, ids=[q for q, _ in CALLABLES])
def test_bad_values_raise_clear_errors(qual, obj):
    if qual in ALLOW:
        pytest.skip(ALLOW[qual])
    try:
        problems = [(p, k, o) for p, k, o in _walk(qual, obj) if o not in ("clear", "accepted")]
    finally:
        _figures_closed()
    assert not problems, problems


def _figures_closed():
    import sys
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


# --------------------------------------------------------------------------- arguments checked by their annotations
# Every public argument that is not in the numeric vocabulary is checked by its annotation (``@checked``): the
# same walk feeds it None, a string, a negative, a zero, a float, an empty and a huge value. A value of the wrong
# kind must raise a clear error naming the argument; a value of the right kind (``-1`` for an ``int``) may work or
# raise a clear error, never one from inside torch, numpy or the standard library.

KIND_BAD = {"none": None, "str": "8", "negative": -1, "zero": 0, "float": 1.5, "empty": (), "empty_str": "",
            "huge": 10 ** 12, "object": object()}
# Kinds of the right type whose meaning only the body knows (a path '8' that does not exist, an empty title).
KIND_SLOW = {"convcourse.site", "convcourse.grade", "convcourse.key", "convcourse.sandbox", "convcourse.execution",
             "convcourse.submission", "convcourse.seal", "convcourse.notebooks", "convcourse.bench",
             "convcourse.instruments", "convcourse.grade_demo", "convcourse.grade_report", "convcourse.export",
             "convcourse.diagrams", "convcourse.compare", "convcourse.portability", "convcourse.solutions"}


def _kind_params(obj):
    target = obj.__init__ if inspect.isclass(obj) else obj
    if not hasattr(target, "__wrapped__"):
        return {}
    inner = inspect.unwrap(target)
    kinds = _checks._annotation_kinds(inner, inspect.signature(inner))
    return {n: k for n, k in kinds.items() if n not in _checks.RULES and n != "self"}


ANNOTATED = [(q, o) for q, o in _public_callables() if _params(o) and _kind_params(o)]


def _kind_walk(qual, obj):
    params = {p.name: p for p in _params(obj)}
    kw = dict(BASE[qual]) if qual in BASE else _baseline(list(params.values()))
    if kw is None:
        return []
    try:
        _call(qual, obj, kw)
    except Exception:  # noqa: BLE001 - no valid baseline here; the numeric walk reports those
        return []
    problems = []
    for name, kind in _kind_params(obj).items():
        p = params[name]
        for label, bad in KIND_BAD.items():
            if bad is None and p.default is None:
                continue
            right_kind = kind.accepts(bad)
            if right_kind and qual.startswith(tuple(KIND_SLOW)):
                continue                             # a right-kind value there starts real work (files, kernels)
            try:
                _call(qual, obj, {**kw, name: bad})
            except Exception as e:  # noqa: BLE001
                if not _is_clear(e, name):
                    problems.append((name, label, f"{type(e).__name__}: {str(e)[:100]}"))
            else:
                if not right_kind:
                    problems.append((name, label, "silently accepted"))
    return problems


def test_annotated_walk_covers_the_package():
    assert len(ANNOTATED) > 60, len(ANNOTATED)


@pytest.mark.parametrize("qual,obj", ANNOTATED, ids=[q for q, _ in ANNOTATED])
def test_wrong_kinds_raise_clear_errors(qual, obj):
    if qual in ALLOW:
        pytest.skip(ALLOW[qual])
    try:
        problems = _kind_walk(qual, obj)
    finally:
        _figures_closed()
    assert not problems, problems


# --------------------------------------------------------------------------- valid inputs are never refused

def test_valid_inputs_are_never_refused():
    """The documented defaults with small valid required arguments pass every check (the lessons' own calls are
    re-executed by nbval): a refused valid call would be as bad as an accepted invalid one."""
    refused, called = [], 0
    for qual, obj in {q: o for q, o in CALLABLES + ANNOTATED}.items():
        if qual in ALLOW:
            continue
        params = _params(obj)
        kw = dict(BASE[qual]) if qual in BASE else _baseline(params)
        if kw is None:
            continue
        called += 1
        try:
            _call(qual, obj, kw)
        except (ValueError, TypeError) as e:
            if isinstance(e, _checks.ArgumentTypeError) or "must be" in str(e):
                refused.append((qual, str(e)[:120]))
        finally:
            _figures_closed()
    assert called > 150, called
    assert not refused, refused
