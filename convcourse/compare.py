"""The course's modules side by side (notebook 29): what they cost and what they buy.

* ``CATALOG``: every block and attention module of the course, built for one common input
  (64 channels, 56 x 56, the size of ResNet's first stage). Modules a lesson has not added yet are
  reported as missing instead of failing.
* ``profile_modules``: parameters, multiply-adds (MACs), peak activation memory and CPU latency
  (all modules timed *interleaved*, see ``measure.compare_latency``).
* ``attention_experiment``: one small network (``TinyNet``) with each attention module plugged in at its
  last stage, trained on the generated shapes data with several seeds: accuracy mean and spread.
"""
from __future__ import annotations

import functools
import importlib
import statistics
import time
import weakref
from dataclasses import dataclass, field
from typing import Callable

import torch
from torch import nn

from ._checks import check_positive_int
from ._memory import release_memory
from .measure import compare_latency, count_macs, count_params

COMMON_SHAPE = (1, 64, 56, 56)


@dataclass(frozen=True)
class Entry:
    """One module of the catalogue: how to build it for ``channels`` channels in and out."""

    name: str                       # shown in tables and plots
    kind: str                       # "基准" (baseline), "卷积块" (block) or "注意力" (attention)
    lesson: str                     # notebook number
    spec: str                       # "convcourse.blocks.fire:Fire"
    kwargs: Callable[[int], dict] = field(default=lambda c: {})   # constructor arguments for c channels
    args: Callable[[int], tuple] = field(default=lambda c: (c,))


def _attention(name: str, lesson: str, label: str) -> Entry:
    return Entry(label, "注意力", lesson, "convcourse.attention:build_attention",
                 args=lambda c, n=name: (n, c))


CATALOG: tuple[Entry, ...] = (
    Entry("Conv3×3-BN-ReLU", "基准", "01", "convcourse.blocks.conv:ConvBNAct", args=lambda c: (c, c, 3)),
    Entry("DW 可分离卷积", "卷积块", "02", "convcourse.blocks.separable:DepthwiseSeparableConv",
          args=lambda c: (c, c)),
    Entry("ResNet BasicBlock", "卷积块", "04", "convcourse.nets.resnet:BasicBlock", args=lambda c: (c, c)),
    Entry("ResNet Bottleneck", "卷积块", "04", "convcourse.nets.resnet:Bottleneck", args=lambda c: (c, c // 4)),
    Entry("Inception 模块 (v1)", "卷积块", "05", "convcourse.nets.inception:InceptionV1Block",
          args=lambda c: (c, c // 4, 3 * c // 8, c // 2, c // 16, c // 8, c // 8)),
    Entry("Inception-ResNet-A", "卷积块", "05", "convcourse.nets.inception:InceptionResNetA", args=lambda c: (c,)),
    Entry("Xception 块 (中间流)", "卷积块", "06", "convcourse.nets.xception:XceptionBlock", args=lambda c: (c, c),
          kwargs=lambda c: {"reps": 3}),
    Entry("ResNeXt 块 (32×4d)", "卷积块", "07", "convcourse.nets.resnet:Bottleneck", args=lambda c: (c, c // 4),
          kwargs=lambda c: {"groups": 32, "base_width": 4}),
    Entry("Res2Net 块 (26w×4s)", "卷积块", "08", "convcourse.nets.res2net:Bottle2neck", args=lambda c: (c, c // 4)),
    Entry("DenseNet 层 (k=32)", "卷积块", "09", "convcourse.nets.densenet:DenseLayer", args=lambda c: (c,)),
    Entry("Darknet 残差单元", "卷积块", "10", "convcourse.nets.darknet:ResidualUnit", args=lambda c: (c,)),
    Entry("Fire", "卷积块", "11", "convcourse.blocks.fire:Fire", args=lambda c: (c, c // 4, c // 2, c // 2)),
    Entry("倒置残差 (t=6)", "卷积块", "12", "convcourse.blocks.inverted_residual:InvertedResidual",
          args=lambda c: (c, c, 1, 6)),
    Entry("ShuffleNetV2 单元", "卷积块", "13", "convcourse.blocks.shuffle:ShuffleV2Block", args=lambda c: (c, c, 1)),
    Entry("Ghost 模块", "卷积块", "14", "convcourse.blocks.ghost:GhostModule", args=lambda c: (c, c)),
    Entry("PConv", "卷积块", "15", "convcourse.blocks.pconv:PConv", args=lambda c: (c,)),
    Entry("FasterNet 块", "卷积块", "15", "convcourse.blocks.pconv:FasterNetBlock", args=lambda c: (c,)),
    Entry("SCConv", "卷积块", "16", "convcourse.blocks.scconv:SCConv", args=lambda c: (c,)),
    Entry("MBConv (t=4, SE)", "卷积块", "25", "convcourse.blocks.mbconv:MBConv", args=lambda c: (c, c)),
    Entry("Fused-MBConv (t=4)", "卷积块", "25", "convcourse.blocks.mbconv:FusedMBConv", args=lambda c: (c, c)),
    Entry("ParNet 块", "卷积块", "26", "convcourse.blocks.parnet:ParNetBlock", args=lambda c: (c,)),
    Entry("ASPP (6, 12, 18)", "卷积块", "27", "convcourse.nets.aspp:ASPP", args=lambda c: (c,),
          kwargs=lambda c: {"out_channels": c}),
    Entry("U-Net 双卷积 (padding=1)", "卷积块", "28", "convcourse.nets.unet:DoubleConv", args=lambda c: (c, c),
          kwargs=lambda c: {"padding": True}),
    _attention("se", "17", "SE"),
    _attention("cbam", "18", "CBAM"),
    _attention("eca", "19", "ECA"),
    _attention("cse", "20", "cSE"),
    _attention("sse", "20", "sSE"),
    _attention("scse", "20", "scSE"),
    _attention("simam", "21", "SimAM"),
    _attention("nonlocal", "22", "Non-local"),
    _attention("gc", "23", "GC"),
    _attention("danet", "24", "DANet"),
)


class Missing(Exception):
    """The module's file or class is not in the course (yet)."""


def build(entry: Entry, channels: int = 64) -> nn.Module:
    """Build ``entry`` for ``channels`` channels; ``Missing`` if its file or class does not exist yet."""
    module_name, attr = entry.spec.split(":")
    try:
        builder = getattr(importlib.import_module(module_name), attr)
    except ModuleNotFoundError as e:
        if e.name and module_name.startswith(e.name):
            raise Missing(f"{module_name} not found") from None
        raise
    except AttributeError:
        raise Missing(f"{module_name} has no {attr}") from None
    try:
        return builder(*entry.args(channels), **entry.kwargs(channels))
    except (ImportError, AttributeError) as e:           # build_attention of a file not written yet
        raise Missing(str(e)) from None


def available(entries=CATALOG, channels: int = 64) -> tuple[dict[str, tuple[Entry, nn.Module]], list[str]]:
    """({name: (entry, module)} for the modules that exist, [names of the missing ones])."""
    found, missing = {}, []
    for e in entries:
        try:
            found[e.name] = (e, build(e, channels))
        except Missing:
            missing.append(e.name)
    return found, missing


# --- activation memory --------------------------------------------------------------------------------

def _dispatch_mode():
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    class MemoryTracker(TorchDispatchMode):
        """Follows every tensor the forward pass creates: bytes alive now, the peak, the total allocated."""

        def __init__(self, known: set[int]):
            super().__init__()
            self.known = known                 # storages that existed before (input, weights)
            self.live: dict[int, list[int]] = {}   # storage pointer -> [bytes, tensors using it]
            self.current = self.peak = self.total = 0

        def _release(self, key: int) -> None:
            entry = self.live.get(key)
            if entry is not None:
                entry[1] -= 1
                if entry[1] == 0:
                    self.current -= entry[0]
                    del self.live[key]

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            for t in tree_flatten(out)[0]:
                if not isinstance(t, torch.Tensor):
                    continue
                storage = t.untyped_storage()
                key = storage.data_ptr()
                if key in self.known:
                    continue
                if key in self.live:           # a view of a tensor we already count
                    self.live[key][1] += 1
                else:
                    self.live[key] = [storage.nbytes(), 1]
                    self.current += storage.nbytes()
                    self.total += storage.nbytes()
                    self.peak = max(self.peak, self.current)
                weakref.finalize(t, self._release, key)
            return out

    return MemoryTracker


def activation_memory(module: nn.Module, input_shape=COMMON_SHAPE) -> dict[str, int]:
    """Bytes of the tensors one forward pass creates (eval, no grad), not counting input and weights.

    ``peak``: the most alive at one time (what inference needs on top of the input);
    ``total``: everything allocated during the pass (what training keeps, roughly, for the backward pass).
    Counts every operation, including functional ones (``torch.bmm``, ``softmax``) that hooks miss.
    """
    tracker_cls = _dispatch_mode()
    x = torch.zeros(input_shape) if not isinstance(input_shape, torch.Tensor) else input_shape
    known = {x.untyped_storage().data_ptr()}
    known |= {t.untyped_storage().data_ptr() for t in [*module.parameters(), *module.buffers()]}
    was = module.training
    module.eval()
    try:
        with torch.no_grad():
            tracker = tracker_cls(known)
            with tracker:
                y = module(x)
            del y
    finally:
        module.train(was)
    return {"peak": tracker.peak, "total": tracker.total}


# --- the cost table -----------------------------------------------------------------------------------

def profile_modules(modules: dict[str, tuple[Entry, nn.Module]], input_shape=COMMON_SHAPE,
                    repeats: int = 10, warmup: int = 2) -> list[dict]:
    """One row per module: kind, lesson, params, MACs, activation memory (MiB), latency (ms, interleaved, best round)."""
    check_positive_int("repeats", repeats)
    rows = []
    for name, (entry, m) in modules.items():
        mem = activation_memory(m, input_shape)
        with torch.no_grad():
            out = m.eval()(torch.zeros(input_shape))
        rows.append({"name": name, "kind": entry.kind, "lesson": entry.lesson, "params": count_params(m),
                     "macs": count_macs(m, input_shape), "peak_mib": mem["peak"] / 2**20,
                     "total_mib": mem["total"] / 2**20, "out_shape": tuple(out.shape)})
        del out
        release_memory()               # Non-local at 56x56 frees 2 x 39 MB of attention matrices
    times = interleaved_min_latency({name: m for name, (_, m) in modules.items()}, input_shape, repeats, warmup)
    for row in rows:
        row["ms"] = times[row["name"]] * 1e3
    return rows


def interleaved_min_latency(modules: dict[str, nn.Module], input_shape, repeats: int = 10,
                            warmup: int = 2) -> dict[str, float]:
    """Fastest of ``repeats`` interleaved rounds (seconds) for each module.

    Each round is one ``compare_latency`` call with one timed pass of every module, in turn. On a busy
    machine a pass that loses the CPU to another process takes a whole scheduler slice longer; the
    minimum over rounds is the estimate least disturbed by that (the advice of Python's ``timeit``).
    """
    check_positive_int("repeats", repeats)
    best: dict[str, float] = {}
    for r in range(repeats):
        t = compare_latency(modules, input_shape, repeats=1, warmup=warmup if r == 0 else 0)
        release_memory()
        best = {k: min(v, best.get(k, v)) for k, v in t.items()}
    return best


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(width - _width(s), 0)


def cost_table(rows: list[dict], baseline: str | None = None) -> str:
    """Text table; the latency column comes last, after ⏱ (the tests' sanitizer replaces timings)."""
    base = next((r for r in rows if r["name"] == baseline), None)
    name_w = max(_width(r["name"]) for r in rows) + 2
    lines = [f"{_pad('模块', name_w)}{_pad('类别', 8)}{'课':>3}{'参数量':>10}{'MACs':>12}{'峰值激活MiB':>13}"
             f"{'MACs/基准':>11}  ⏱ 延迟 ms（相对基准）"]
    for r in rows:
        rel = f"{r['macs'] / base['macs']:9.3f}" if base and base["macs"] else f"{'—':>9}"
        lat = f"{r['ms']:.3f}" + (f" ({r['ms'] / base['ms']:.2f}×)" if base else "")
        lines.append(f"{_pad(r['name'], name_w)}{_pad(r['kind'], 8)}{r['lesson']:>4}{r['params']:>11,}"
                     f"{r['macs']:>14,}{r['peak_mib']:>12.2f}{rel:>12}  ⏱ {lat}")
    return "\n".join(lines)


def throughput_lines(rows: list[dict], min_macs: int = 10**6) -> str:
    """Modules with at least ``min_macs`` MACs, by MACs: achieved GMAC/s (after ⏱: it comes from a timing)."""
    sel = sorted((r for r in rows if r["macs"] >= min_macs), key=lambda r: r["macs"])
    name_w = max(_width(r["name"]) for r in sel) + 2
    return "\n".join(f"{_pad(r['name'], name_w)}MACs {r['macs'] / 1e6:8.2f} M  ⏱ {r['macs'] / r['ms'] / 1e6:.2f} GMAC/s"
                     for r in sel)


def plot_costs(rows: list[dict], baseline: str | None = None):
    """Three panels: MACs vs latency, params vs latency, MACs vs peak activation memory (log scales)."""
    import matplotlib.pyplot as plt

    colors = {"基准": "black", "卷积块": "tab:blue", "注意力": "tab:red"}
    fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))
    panels = [("macs", "ms", "乘加次数 MACs", "CPU 延迟 (ms)", "MACs 与延迟：同样的 MACs，速度可差数倍"),
              ("params", "ms", "参数量", "CPU 延迟 (ms)", "参数量与延迟：参数少 ≠ 快"),
              ("macs", "peak_mib", "乘加次数 MACs", "峰值激活内存 (MiB)", "MACs 与激活内存：注意力矩阵吃内存")]
    for ax, (xk, yk, xl, yl, title) in zip(axes, panels):
        for kind, color in colors.items():
            sel = [r for r in rows if r["kind"] == kind]
            if sel:
                ax.scatter([max(r[xk], 1) for r in sel], [r[yk] for r in sel], c=color, label=kind, s=40,
                           alpha=0.85)
        for r in rows:
            ax.annotate(r["name"], (max(r[xk], 1), r[yk]), fontsize=7.5, xytext=(3, 3),
                        textcoords="offset points")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(xl + ("（0 画在 1 处）" if xk == "macs" else ""))
        ax.set_ylabel(yl)
        ax.set_title(title, fontsize=11)
        ax.grid(True, which="major", alpha=0.3)
    axes[0].legend(loc="lower right")
    fig.suptitle("输入 (1, 64, 56, 56)：每个模块的代价", fontsize=13)
    fig.tight_layout()
    return fig


def plot_throughput(rows: list[dict], min_macs: int = 10**6):
    """Achieved multiply-adds per second (MACs / latency) of each module with at least ``min_macs`` MACs.

    FasterNet (arXiv:2303.03667, Eq. 1): latency = FLOPs / FLOPS. A module with few MACs but a low
    rate (depthwise convs, shuffles, element-wise work) is not as fast as its MACs promise.
    """
    import matplotlib.pyplot as plt

    colors = {"基准": "black", "卷积块": "tab:blue", "注意力": "tab:red"}
    sel = sorted((r for r in rows if r["macs"] >= min_macs), key=lambda r: r["macs"] / r["ms"])
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(sel) + 1.2))
    rates = [r["macs"] / (r["ms"] * 1e-3) / 1e9 for r in sel]
    ax.barh(range(len(sel)), rates, color=[colors[r["kind"]] for r in sel], alpha=0.8)
    ax.set_yticks(range(len(sel)), [r["name"] for r in sel])
    ax.set_xlabel("实际达到的 GMAC/s（每秒十亿次乘加，越高越“物尽其用”）")
    ax.set_title("同样 1 次乘加，不同模块执行得快慢不同（单线程 CPU）", fontsize=11)
    ax.grid(True, axis="x", alpha=0.3)
    fig.tight_layout()
    return fig

# --- the controlled experiment ------------------------------------------------------------------------

@dataclass(frozen=True)
class ExperimentSetup:
    """A small, fixed training recipe: ~1 s per run on one CPU thread."""

    size: int = 24                       # image side
    n_train: int = 480
    n_test: int = 400
    widths: tuple[int, int, int] = (8, 16, 32)
    lrs: tuple[float, ...] = (5e-3, 5e-3, 1e-3)   # one epoch per learning rate (step decay)
    batch_size: int = 16
    data_seed: int = 0


@functools.lru_cache(maxsize=2)
def _data(setup: ExperimentSetup):
    from .data import make_shapes

    data = make_shapes(n=setup.n_train + setup.n_test, size=setup.size, seed=setup.data_seed)
    train = torch.utils.data.Subset(data, range(setup.n_train))
    test = torch.utils.data.Subset(data, range(setup.n_train, setup.n_train + setup.n_test))
    return train, test


def tiny_net(attention: str | None, setup: ExperimentSetup = ExperimentSetup()) -> nn.Module:
    """TinyNet with ``attention`` after the conv of its last stage only (the smallest map: cheap for all)."""
    from .nets.tiny import TinyNet

    return TinyNet(widths=setup.widths, attention=attention, attention_stages=(len(setup.widths) - 1,))


def train_once(attention: str | None, seed: int, setup: ExperimentSetup = ExperimentSetup()) -> dict:
    """Train one TinyNet from ``seed``; held-out accuracy and CPU seconds of training."""
    from .train import accuracy, fit

    train, test = _data(setup)
    torch.manual_seed(seed)
    model = tiny_net(attention, setup)
    start = time.process_time()
    for epoch, lr in enumerate(setup.lrs):       # one epoch per learning rate, fresh AdamW each time
        fit(model, train, None, epochs=1, lr=lr, batch_size=setup.batch_size, seed=1000 * seed + epoch,
            verbose=False)
    seconds = time.process_time() - start
    return {"attention": attention, "seed": seed, "accuracy": accuracy(model, test), "seconds": seconds}


def attention_experiment(names=None, seeds=(0, 1, 2), setup: ExperimentSetup = ExperimentSetup(),
                         progress: Callable[[dict], None] | None = None) -> list[dict]:
    """Baseline (no attention) and each attention module in ``names``; one row per configuration.

    Row: name, params, MACs (one image), accuracy mean / std over ``seeds``, the runs' accuracies, mean
    training CPU seconds. Modules that do not exist yet are skipped.
    """
    from .attention import ATTENTION_NAMES

    names = list(ATTENTION_NAMES if names is None else names)
    models = {}
    for name in [None, *names]:
        try:
            models[name] = tiny_net(name, setup)
        except (ImportError, AttributeError):       # a module not written yet
            continue
    results = [train_once(name, s, setup) for name in models for s in seeds]
    rows = []
    for name, model in models.items():
        runs = [r for r in results if r["attention"] == name]
        accs = [r["accuracy"] for r in runs]
        row = {"name": name or "无注意力（基线）", "attention": name, "params": count_params(model),
               "macs": count_macs(model, (1, 3, setup.size, setup.size)), "accuracies": accs,
               "mean": statistics.mean(accs), "std": statistics.stdev(accs) if len(accs) > 1 else 0.0,
               "seconds": statistics.mean(r["seconds"] for r in runs)}
        rows.append(row)
        if progress:
            progress(row)
    return rows


def experiment_table(rows: list[dict]) -> str:
    """Text table of ``attention_experiment``; training time last, after ⏱."""
    base = rows[0]
    name_w = max(_width(r["name"]) for r in rows) + 2
    lines = [f"{_pad('注意力', name_w)}{'参数量':>8}{'+参数':>8}{'MACs':>11}{'+MACs':>9}   准确率 均值±标准差   "
             f"各次    ⏱ 训练 CPU 秒"]
    for r in rows:
        runs = " ".join(f"{a:.3f}" for a in r["accuracies"])
        lines.append(f"{_pad(r['name'], name_w)}{r['params']:>10,}{r['params'] - base['params']:>+9,}"
                     f"{r['macs']:>13,}{r['macs'] - base['macs']:>+10,}   {r['mean']:.3f} ± {r['std']:.3f}   "
                     f"{runs}  ⏱ {r['seconds']:.2f}")
    return "\n".join(lines)


def verdicts(rows: list[dict], k: float = 2.0) -> list[tuple[str, float, str]]:
    """(name, mean - baseline mean, verdict) per module; "在噪声以内" unless the difference exceeds
    ``k`` times the combined standard deviation sqrt(std^2 + std_base^2) -- a rough rule for 3 seeds."""
    base = rows[0]
    out = []
    for r in rows[1:]:
        diff = r["mean"] - base["mean"]
        noise = (r["std"] ** 2 + base["std"] ** 2) ** 0.5
        word = "高于基线" if diff > k * noise else "低于基线" if diff < -k * noise else "在噪声以内"
        out.append((r["name"], diff, word))
    return out

def plot_experiment(rows: list[dict]):
    """Accuracy (each seed as a dot, mean ± std as a bar) against the extra cost of each module."""
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    names = [r["name"] for r in rows]
    xs = range(len(rows))
    ax1.bar(xs, [r["mean"] for r in rows], yerr=[r["std"] for r in rows], color=["grey"] + ["tab:red"] * (len(rows) - 1),
            alpha=0.5, capsize=4)
    for i, r in enumerate(rows):
        ax1.scatter([i] * len(r["accuracies"]), r["accuracies"], color="black", s=12, zorder=3)
    ax1.axhline(rows[0]["mean"], color="grey", ls="--", lw=1, label="基线均值")
    lo = min(min(r["accuracies"]) for r in rows)
    ax1.set_ylim(max(0.0, lo - 0.05), 1.0)
    ax1.set_xticks(list(xs), names, rotation=35, ha="right")
    ax1.set_ylabel("测试准确率")
    ax1.set_title("同一网络、同一数据、3 个随机种子：点 = 每次结果，柱 = 均值 ± 标准差", fontsize=11)
    ax1.legend(loc="lower right")
    base = rows[0]
    for r in rows[1:]:
        ax2.errorbar(r["params"] - base["params"], r["mean"] - base["mean"], yerr=r["std"], fmt="o", capsize=3)
        ax2.annotate(r["name"], (r["params"] - base["params"], r["mean"] - base["mean"]), fontsize=8,
                     xytext=(4, 3), textcoords="offset points")
    ax2.axhline(0, color="grey", ls="--", lw=1)
    ax2.set_xscale("symlog", linthresh=10)
    ax2.set_xlim(-2, 2 * max(r["params"] - base["params"] for r in rows))
    ax2.set_xlabel("比基线多出的参数量")
    ax2.set_ylabel("准确率 − 基线准确率")
    ax2.set_title("代价与收益", fontsize=11)
    fig.tight_layout()
    return fig


__all__ = ["CATALOG", "COMMON_SHAPE", "Entry", "ExperimentSetup", "Missing", "activation_memory",
           "attention_experiment", "available", "build", "cost_table", "interleaved_min_latency", "experiment_table", "plot_costs",
           "plot_experiment", "plot_throughput", "profile_modules", "throughput_lines", "tiny_net", "train_once",
           "verdicts"]
