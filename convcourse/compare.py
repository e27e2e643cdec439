"""The course's modules side by side (notebook 29): what they cost.

* ``CATALOG``: every block and attention module of the course, built for one common input
  (64 channels, 56 x 56, the size of ResNet's first stage).
* ``profile_modules``: parameters, multiply-adds (MACs), peak activation memory and CPU latency of each,
  measured with the course's instruments (``convcourse.instruments``); ``cost_table``, ``plot_costs`` and
  ``plot_throughput`` show them.

The controlled experiment of the same notebook (does a module help a trained network?) is ``experiment``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import torch
from torch import nn

from ._checks import check_int_range, check_int_sequence, check_positive_int
from ._memory import release_memory
from .instruments import activation_memory, interleaved_min_latency
from .measure import count_macs, count_params, pad, text_width
from .registry import Missing, resolve
from .viz.labels import label_points
from ._checks import checked

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


@checked
def build(entry: Entry, channels: int = 64) -> nn.Module:
    """Build ``entry`` for ``channels`` channels (a constructor's own error propagates as it is)."""
    return resolve(entry.spec)(*entry.args(channels), **entry.kwargs(channels))


@checked
def available(entries=CATALOG, channels: int = 64) -> tuple[dict[str, tuple[Entry, nn.Module]], list[str]]:
    """({name: (entry, module)} for the modules that exist, [names of those whose file or class is absent])."""
    found, missing = {}, []
    for e in entries:
        try:
            found[e.name] = (e, build(e, channels))
        except Missing:
            missing.append(e.name)
    return found, missing


# --- the cost table -----------------------------------------------------------------------------------

@checked
def profile_modules(modules: dict[str, tuple[Entry, nn.Module]], input_shape=COMMON_SHAPE,
                    repeats: int = 10, warmup: int = 2) -> list[dict]:
    """One row per module: kind, lesson, params, MACs, activation memory (MiB), latency (ms, interleaved, best round)."""
    check_positive_int("repeats", repeats, maximum=1000)
    check_int_range("warmup", warmup, 0, 100)
    if len(check_int_sequence("input_shape", input_shape, min_len=4)) != 4:
        raise ValueError(f"input_shape={tuple(input_shape)!r} must be (N, C, H, W), four integers >= 1")
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


@checked
def cost_table(rows: list[dict], baseline: str | None = None) -> str:
    """Text table; the latency column comes last, after ⏱ (the tests' sanitizer replaces timings)."""
    base = next((r for r in rows if r["name"] == baseline), None)
    name_w = max(text_width(r["name"]) for r in rows) + 2
    lines = [f"{pad('模块', name_w)}{pad('类别', 8)}{'课':>3}{'参数量':>10}{'MACs':>12}{'峰值激活MiB':>13}"
             f"{'MACs/基准':>11}  ⏱ 延迟 ms（相对基准）"]
    for r in rows:
        rel = f"{r['macs'] / base['macs']:9.3f}" if base and base["macs"] else f"{'—':>9}"
        lat = f"{r['ms']:.3f}" + (f" ({r['ms'] / base['ms']:.2f}×)" if base else "")
        lines.append(f"{pad(r['name'], name_w)}{pad(r['kind'], 8)}{r['lesson']:>4}{r['params']:>11,}"
                     f"{r['macs']:>14,}{r['peak_mib']:>12.2f}{rel:>12}  ⏱ {lat}")
    return "\n".join(lines)


@checked
def throughput_lines(rows: list[dict], min_macs: int = 10**6) -> str:
    """Modules with at least ``min_macs`` MACs, by MACs: achieved GMAC/s (after ⏱: it comes from a timing)."""
    sel = sorted((r for r in rows if r["macs"] >= min_macs), key=lambda r: r["macs"])
    name_w = max(text_width(r["name"]) for r in sel) + 2
    return "\n".join(f"{pad(r['name'], name_w)}MACs {r['macs'] / 1e6:8.2f} M  ⏱ {r['macs'] / r['ms'] / 1e6:.2f} GMAC/s"
                     for r in sel)


@checked
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
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(xl + ("（0 画在 1 处）" if xk == "macs" else ""))
        ax.set_ylabel(yl)
        ax.set_title(title, fontsize=11)
        ax.grid(True, which="major", alpha=0.3)
    axes[0].legend(loc="lower right")
    fig.suptitle("输入 (1, 64, 56, 56)：每个模块的代价（只标出放得下的名字，其余见上表）", fontsize=13)
    fig.tight_layout()
    for ax, (xk, yk, *_) in zip(axes, panels):                    # after the layout: positions are final
        ax.set_xlim(ax.get_xlim())
        ax.set_ylim(ax.get_ylim())
        order = sorted(range(len(rows)), key=lambda i: rows[i]["kind"] != "基准")   # the baseline first
        label_points(ax, [max(r[xk], 1) for r in rows], [r[yk] for r in rows], [r["name"] for r in rows],
                     [colors[r["kind"]] for r in rows], fontsize=7.5, order=order)
    return fig


@checked
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


__all__ = ["CATALOG", "COMMON_SHAPE", "Entry", "activation_memory", "available", "build", "cost_table",
           "plot_costs", "plot_throughput", "profile_modules", "throughput_lines"]
