"""Benchmarks for instructors (``python -m convcourse bench``).

* **Models**: the course's implementations against torchvision's, timed *interleaved* in one run
  (``measure.compare_latency``), batch 1, eval mode, no grad, random weights (the weights do not
  change the time). The ratio ours / torchvision is what to read: absolute times depend on the machine
  and its load.
* **Notebooks** (``--notebooks``): each notebook is executed from a copy in a temporary folder with one
  thread, like the tests do; reported are its wall time, the kernel's peak resident memory and that of the
  largest process it started (``instruments.peak_rss_mib``, read by a cell appended to the copy).

Builders are imported lazily: a model the course does not have yet is reported as ``missing``.
"""
from __future__ import annotations

import gc
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from torch import nn

from ._checks import check_positive_int, checked
from .instruments import TreeMemory, compare_latency
from .measure import count_params
from .registry import Missing, resolve


@dataclass(frozen=True)
class Pair:
    """One comparison: our builder against the reference builder at one input shape.

    ``ours`` / ``theirs`` are ``"package.module:callable"`` strings (imported on use) or callables.
    """

    name: str
    ours: str | Callable[..., nn.Module]
    theirs: str | Callable[..., nn.Module]
    input_shape: tuple[int, ...] = (1, 3, 224, 224)
    kwargs: dict = field(default_factory=dict)          # given to both builders


PAIRS: tuple[Pair, ...] = (
    Pair("SEBlock vs ops.SqueezeExcitation", "convcourse.attention.se:SEBlock",
         "torchvision.ops:SqueezeExcitation", (1, 256, 56, 56)),
    Pair("resnet50", "convcourse.nets.resnet:resnet50", "torchvision.models:resnet50"),
    Pair("mobilenet_v2", "convcourse.nets.mobilenetv2:mobilenet_v2", "torchvision.models:mobilenet_v2"),
    Pair("shufflenet_v2_x1_0", "convcourse.nets.shufflenetv2:shufflenet_v2_x1_0",
         "torchvision.models:shufflenet_v2_x1_0"),
    Pair("squeezenet1_1", "convcourse.nets.squeezenet:squeezenet1_1", "torchvision.models:squeezenet1_1"),
    Pair("densenet121", "convcourse.nets.densenet:densenet121", "torchvision.models:densenet121"),
    Pair("efficientnet_v2_s", "convcourse.nets.efficientnetv2:efficientnet_v2_s",
         "torchvision.models:efficientnet_v2_s"),
)

# SE: both builders need the channel numbers; torchvision's takes squeeze_channels positionally.
_SPECIAL_ARGS = {
    "convcourse.attention.se:SEBlock": ((256,), {"reduction": 16}),
    "torchvision.ops:SqueezeExcitation": ((256, 16), {}),
}


def _build(spec, kwargs: dict) -> nn.Module:
    builder = resolve(spec)
    args, extra = _SPECIAL_ARGS.get(spec, ((), {})) if isinstance(spec, str) else ((), {})
    kw = {"weights": None} if isinstance(spec, str) and spec.startswith("torchvision.models:") else {}
    return builder(*args, **extra, **kw, **kwargs)


@checked
def bench_pair(pair: Pair, repeats: int = 10, warmup: int = 2) -> dict:
    """Parameters and median latency (ms) of both models, measured interleaved, and ours / theirs."""
    row = {"name": pair.name, "status": "ok", "params_ours": None, "params_theirs": None,
           "ms_ours": None, "ms_theirs": None, "ratio": None}
    try:
        ours = _build(pair.ours, pair.kwargs)
        theirs = _build(pair.theirs, pair.kwargs)
    except Missing as e:
        row["status"] = f"missing ({e})"
        return row
    row["params_ours"], row["params_theirs"] = count_params(ours), count_params(theirs)
    t = compare_latency({"ours": ours, "theirs": theirs}, pair.input_shape, repeats=repeats, warmup=warmup)
    row["ms_ours"], row["ms_theirs"] = t["ours"] * 1e3, t["theirs"] * 1e3
    row["ratio"] = t["ours"] / t["theirs"]
    del ours, theirs
    gc.collect()
    return row


@checked
def bench_models(pairs=PAIRS, repeats: int = 10, warmup: int = 2) -> list[dict]:
    """``bench_pair`` for each pair, one after the other (each pair is interleaved internally)."""
    check_positive_int("repeats", repeats)
    check_positive_int("warmup", warmup, minimum=0)
    return [bench_pair(p, repeats, warmup) for p in pairs]


def _fmt(v, spec: str) -> str:
    return "—" if v is None else format(v, spec)


@checked
def models_table(rows: list[dict]) -> str:
    """Markdown table of ``bench_models`` rows."""
    lines = ["| model | params ours | params torchvision | same? | ms ours | ms torchvision | ours / torchvision |",
             "|---|---:|---:|:-:|---:|---:|---:|"]
    for r in rows:
        if r["status"] != "ok":
            lines.append(f"| {r['name']} | {r['status']} | | | | | |")
            continue
        same = "✓" if r["params_ours"] == r["params_theirs"] else "✗"
        lines.append(f"| {r['name']} | {r['params_ours']:,} | {r['params_theirs']:,} | {same} | "
                     f"{_fmt(r['ms_ours'], '.2f')} | {_fmt(r['ms_theirs'], '.2f')} | {_fmt(r['ratio'], '.3f')} |")
    return "\n".join(lines)


# --- notebooks -------------------------------------------------------------------------------------

# appended to the copy of each notebook: the kernel's own peak resident memory, in MiB
_PEAK_CELL = r'''
from convcourse.instruments import peak_rss_mib as _convcourse_peak_rss
_convcourse_peak = _convcourse_peak_rss()
print("CONVCOURSE_PEAK_MIB", _convcourse_peak["self"], _convcourse_peak["children"])
'''


@checked
def run_notebook(path: Path | str, timeout: int = 600) -> dict:
    """Execute a copy of ``path`` in a temporary folder with one thread; wall seconds and peak MiB.

    The original file is not touched. ``assets/`` (if the course has one) is linked beside the copy so
    relative paths such as ``../assets/x.png`` still resolve.
    """
    import nbformat

    from .notebooks import ROOT, run_single_threaded

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="convcourse-bench-") as tmp:
        work = Path(tmp) / "notebooks"
        work.mkdir()
        if (ROOT / "assets").is_dir():
            try:
                os.symlink(ROOT / "assets", Path(tmp) / "assets", target_is_directory=True)
            except OSError:
                shutil.copytree(ROOT / "assets", Path(tmp) / "assets")
        copy = work / path.name
        shutil.copyfile(path, copy)
        nb = nbformat.read(copy, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(_PEAK_CELL))
        with TreeMemory() as tree:                  # the kernel plus any workers it forks, while they run
            seconds = run_single_threaded(nb, work, timeout)
    peak = children = None
    for out in nb.cells[-1].get("outputs", []):
        for line in out.get("text", "").splitlines():
            if line.startswith("CONVCOURSE_PEAK_MIB"):
                peak, children = (float(v) for v in line.split()[1:3])
    return {"notebook": path.name, "seconds": seconds, "peak_mib": peak, "child_peak_mib": children,
            "worker_private_mib": tree.worker_private_mib, "tree_peak_mib": tree.peak_mib}


@checked
def bench_notebooks(paths=None, timeout: int = 600, progress: Callable[[dict], None] | None = None) -> list[dict]:
    """``run_notebook`` for each notebook (default: all); a failing notebook is reported, not raised."""
    from .notebooks import notebook_paths

    rows = []
    for p in notebook_paths(paths):
        try:
            row = run_notebook(p, timeout)
            row["status"] = "ok"
        except Exception as e:                  # CellExecutionError, timeout, dead kernel ...
            first = str(e).strip().splitlines()[-1:] or [type(e).__name__]
            row = {"notebook": Path(p).name, "seconds": None, "peak_mib": None, "child_peak_mib": None,
                   "worker_private_mib": None, "tree_peak_mib": None, "status": f"failed: {first[0][:120]}"}
        rows.append(row)
        if progress:
            progress(row)
    return rows


@checked
def notebooks_table(rows: list[dict]) -> str:
    """Markdown table of ``bench_notebooks`` rows with a total line.

    ``peak MiB`` is the kernel's own high-water mark; ``child peak MiB`` the largest process the notebook started
    (notebook 29's training workers), empty when it started none. Where the kernel forked workers,
    ``worker private MiB`` is the largest one's own pages and ``kernel + workers MiB`` the most the whole tree
    held at one sampled moment (``instruments.TreeMemory``). The last line totals the seconds and takes the maxima.
    """
    lines = ["| notebook | seconds | peak MiB | child peak MiB | worker private MiB | kernel + workers MiB | status |",
             "|---|---:|---:|---:|---:|---:|---|"]

    def cell(value) -> str:
        return _fmt(value, ".0f") if value else ""

    for r in rows:
        lines.append(f"| {r['notebook']} | {_fmt(r['seconds'], '.1f')} | {_fmt(r['peak_mib'], '.0f')} "
                     f"| {cell(r.get('child_peak_mib'))} | {cell(r.get('worker_private_mib'))} "
                     f"| {cell(r.get('tree_peak_mib'))} | {r['status']} |")
    ok = [r for r in rows if r["seconds"] is not None]
    total = sum(r["seconds"] for r in ok)
    peak = max((r["peak_mib"] for r in ok if r["peak_mib"] is not None), default=None)
    tree = max((r["tree_peak_mib"] for r in ok if r.get("tree_peak_mib")), default=None)
    lines.append(f"| **total ({len(ok)}/{len(rows)} ran)** | {total:.1f} | max {_fmt(peak, '.0f')} | | "
                 f"| {'max ' + _fmt(tree, '.0f') if tree else ''} | |")
    return "\n".join(lines)


@checked
def main(args) -> int:
    """``python -m convcourse bench``: print the markdown tables."""
    import sys

    if isinstance(args.repeats, bool) or not isinstance(args.repeats, int) or args.repeats < 1:
        print(f"error: --repeats={args.repeats} must be an integer >= 1", file=sys.stderr)
        return 2
    pairs = PAIRS
    if args.only is not None:
        names = [p.name for p in PAIRS]
        if not args.only:
            print(f"error: --only needs at least one name; choose from {names}", file=sys.stderr)
            return 2
        unknown = [n for n in args.only if n not in names]
        if unknown:
            print(f"error: --only {unknown} not among {names}", file=sys.stderr)
            return 2
        pairs = tuple(p for p in PAIRS if p.name in args.only)
    import torch

    print(f"# convcourse vs torchvision (batch 1, eval, no grad, torch threads = {torch.get_num_threads()}, "
          f"median of {args.repeats} interleaved runs)\n", flush=True)
    print(models_table(bench_models(pairs, args.repeats)), flush=True)
    if getattr(args, "notebooks", None) is not None and args.notebooks is not False:
        print("\n# notebooks (fresh kernel, 1 thread)\n", flush=True)
        selected = args.notebooks if isinstance(args.notebooks, list) and args.notebooks else None
        rows = bench_notebooks(selected, progress=lambda r: print(f"  {r['notebook']}: {r['status']}",
                                                                  file=sys.stderr, flush=True))
        print(notebooks_table(rows))
        if any(r["status"] != "ok" for r in rows):
            return 1
    return 0


__all__ = ["PAIRS", "Pair", "bench_models", "bench_notebooks", "bench_pair", "models_table",
           "notebooks_table", "resolve", "run_notebook"]
