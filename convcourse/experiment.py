"""The capstone's controlled experiment (notebook 29): does an attention module help a small network?

Every arm trains the same small residual network (``ExperimentNet``) on the same real handwritten digits
(``realdata.load_digits``: the fixed train split to train, the 1,000 digits of the test split to test), once per seed; the seed fixes the backbone's initial weights and the order of the batches, so arm
and baseline differ *only* in the module. Each module is placed as its paper places it:

* ``"branch"``: on the residual branch, after the last BN and before the addition (SE Fig. 3, CBAM
  Fig. 3, ECA Fig. 2, scSE in its encoder/decoder blocks, SimAM Fig. 3): ``relu(x + A(F(x)))``;
* ``"block"``: as its own residual block after the stage's block (Non-local Eq. 6, GC Fig. 4,
  DANet Eq. 2/4): ``y = x + ...`` is inside the module;
* ``"main"``: after the addition, on the main path (how notebook 29 used to place the gates): a second,
  labelled arm, not a paper's placement.

All modules sit in the 12 x 12 stage, so spatial modules have a map with extent. Statistics: paired
differences to the baseline (same seed), Student-t 95 % interval, paired t-test, Holm's correction
over the modules; a verdict only where the corrected test rejects (its interval then excludes 0).
"""
from __future__ import annotations

import functools
import math
import sys
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ._checks import (check_choice, check_input, check_int_range, check_int_sequence, check_positive_int,
                      check_positive_number, checked)
from .attention import build_attention
from .train import recompute_bn_statistics

PLACEMENTS = ("none", "branch", "block", "main")
DIGIT_CHANNELS, DIGIT_CLASSES = 1, 10      # the experiment's data: grey digits, classes 0..9


@dataclass(frozen=True)
class Arm:
    """One configuration: ``attention`` (a name of ``ATTENTION_NAMES`` or None) placed at ``placement``."""

    label: str
    attention: str | None = None
    placement: str = "none"
    kwargs: tuple = ()                     # constructor arguments as ((name, value), ...)


BASELINE = Arm("基线（无注意力）")
ARMS: tuple[Arm, ...] = (
    BASELINE,
    Arm("SE", "se", "branch"),
    Arm("CBAM", "cbam", "branch"),
    Arm("ECA", "eca", "branch"),
    Arm("scSE", "scse", "branch"),
    Arm("SimAM", "simam", "branch"),
    Arm("Non-local", "nonlocal", "block", (("sub_sample", True),)),   # Sec. 3.3: phi and g max-pooled by 2
    Arm("GC", "gc", "block"),
    Arm("DANet", "danet", "block"),
)


@dataclass(frozen=True)
class Setup:
    """The recipe: real digits (1 channel, 10 classes), the first ``n_train`` of the train split and the first
    ``n_test`` of the test split (every prefix is class-balanced), centre-cropped from 28 x 28 to ``side`` x ``side``
    (MNIST centres each digit's 20 x 20 box by its centre of mass, so 24 drops a border that is almost blank),
    a 16-channel residual stage at ``side / 2``, ``epochs`` passes of AdamW steps on ``batch_size`` images."""

    side: int = 24
    n_train: int = 768
    n_test: int = 1000
    widths: tuple[int, int] = (8, 16)
    epochs: int = 2
    lr: float = 1e-2                       # AdamW, decayed linearly to 0 over the run
    batch_size: int = 64

    def __post_init__(self):
        from .realdata import DIGIT, TEST_PER_CLASS, TRAIN_PER_CLASS

        check_int_range("side", self.side, 2, DIGIT)
        if self.side % 2:
            raise ValueError(f"side={self.side} must be even (the 2x2 max-pool halves it)")
        check_int_range("n_train", self.n_train, 1, 10 * TRAIN_PER_CLASS)
        check_int_range("n_test", self.n_test, 1, 10 * TEST_PER_CLASS)
        if len(check_int_sequence("widths", self.widths)) != 2:
            raise ValueError(f"widths={tuple(self.widths)!r} must be two widths: (stem, residual stage)")
        check_positive_int("epochs", self.epochs)
        check_positive_int("batch_size", self.batch_size)
        check_positive_number("lr", self.lr)


class ExperimentNet(nn.Module):
    """conv-BN-ReLU (24x24) -> max-pool -> conv-BN-ReLU -> residual block [+ attention] (12x12) -> GAP -> FC.

    Input (N, in_channels, H, W) (the cropped digits: (N, 1, 24, 24)), output (N, num_classes) logits.
    The backbone is built first from the current RNG state, the attention module afterwards from
    ``attention_seed``: for one seed, every arm starts from the same backbone weights.
    """

    @checked
    def __init__(self, arm: Arm = BASELINE, widths=(8, 16), num_classes: int = 10, attention_seed: int = 0,
                 in_channels: int = 1):
        super().__init__()
        if not isinstance(arm, Arm):
            raise ValueError(f"arm={arm!r} must be an experiment.Arm")
        check_choice("placement", arm.placement, PLACEMENTS)
        if (arm.attention is None) != (arm.placement == "none"):
            raise ValueError(f"arm {arm.label!r}: placement='none' goes with attention=None and only then")
        widths = check_int_sequence("widths", widths)
        if len(widths) != 2:
            raise ValueError(f"widths={widths!r} must be two widths: (stem, residual stage)")
        c0, c1 = widths
        self.arm, self.in_channels = arm, in_channels
        self.stem = nn.Sequential(nn.Conv2d(in_channels, c0, 3, padding=1, bias=False), nn.BatchNorm2d(c0), nn.ReLU(),
                                  nn.MaxPool2d(2),
                                  nn.Conv2d(c0, c1, 3, padding=1, bias=False), nn.BatchNorm2d(c1), nn.ReLU())
        self.conv1, self.bn1 = nn.Conv2d(c1, c1, 3, padding=1, bias=False), nn.BatchNorm2d(c1)
        self.conv2, self.bn2 = nn.Conv2d(c1, c1, 3, padding=1, bias=False), nn.BatchNorm2d(c1)
        self.head = nn.Linear(c1, num_classes)
        with torch.random.fork_rng():
            torch.manual_seed(attention_seed)
            self.attention = (nn.Identity() if arm.attention is None
                              else build_attention(arm.attention, c1, **dict(arm.kwargs)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels, min_size=2)
        x = self.stem(x)                                                   # (N, c1, 12, 12) for 24x24 digits
        branch = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        if self.arm.placement == "branch":
            branch = self.attention(branch)                                # before the addition
        x = F.relu(x + branch)
        if self.arm.placement in ("block", "main"):
            x = self.attention(x)                                          # y = x + ... inside ("block")
        return self.head(x.mean((2, 3)))


@checked
@functools.lru_cache(maxsize=2)
def experiment_data(setup: Setup = Setup()):
    """(x_train, y_train, x_test, y_test): real digits, the first ``setup.n_train`` of the train split and the first
    ``setup.n_test`` of the held-out test split (``realdata.load_digits``), centre-cropped to ``setup.side``,
    loaded once per setup."""
    from .realdata import DIGIT, load_digits

    train, test = load_digits("train", n=setup.n_train), load_digits("test", n=setup.n_test)
    a = (DIGIT - setup.side) // 2
    crop = (..., slice(a, a + setup.side), slice(a, a + setup.side))              # (N, 1, side, side)
    return train.images[crop].contiguous(), train.labels, test.images[crop].contiguous(), test.labels


@checked
def build_net(arm: Arm, seed: int, setup: Setup = Setup()) -> ExperimentNet:
    """The network of ``arm`` for ``seed``: same backbone weights for every arm."""
    torch.manual_seed(seed)
    return ExperimentNet(arm, setup.widths, num_classes=DIGIT_CLASSES, attention_seed=10_000 + seed,
                         in_channels=DIGIT_CHANNELS)


@checked
def train_once(arm: Arm, seed: int, setup: Setup = Setup()) -> float:
    """Train one network from ``seed``; return its accuracy on the held-out images."""
    x, y, x_test, y_test = experiment_data(setup)
    model = build_net(arm, seed, setup)
    opt = torch.optim.AdamW(model.parameters(), lr=setup.lr, weight_decay=1e-4)
    order = torch.Generator().manual_seed(seed)               # batch order: same for every arm
    steps = setup.epochs * math.ceil(len(x) / setup.batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1 - t / steps)
    for _ in range(setup.epochs):
        for idx in torch.randperm(len(x), generator=order).split(setup.batch_size):
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    recompute_bn_statistics(model, x[:256], batch_size=256)   # precise BN on 256 training images (train.py)
    with torch.no_grad():
        return sum(int((model(xb).argmax(1) == yb).sum())
                   for xb, yb in zip(x_test.split(500), y_test.split(500))) / len(x_test)


def _one_thread() -> None:
    torch.set_num_threads(1)


def _train_job(job: tuple) -> float:
    return train_once(*job)


@checked
def run(arms=ARMS, seeds=range(20), setup: Setup = Setup(), workers: int = 1) -> dict[str, list[float]]:
    """{arm label: [accuracy for each seed]} (same seeds, same order, for every arm).

    Every run is :func:`train_once`, independent of the others; ``workers > 1`` only spreads the runs over that
    many fresh processes (one thread each), which gives the same numbers on the same CPU.
    """
    check_positive_int("workers", workers)
    jobs = [(a, s, setup) for a in arms for s in seeds]
    experiment_data(setup)                                      # made once, here: forked workers share it
    if workers == 1:
        accuracies = [train_once(*job) for job in jobs]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork (Linux): the workers share the loaded torch and the data with this process, so each adds only
        # its own tensors (~240 MiB); PyTorch resets its thread pool in a forked child, as for DataLoader
        # workers. Elsewhere (macOS, Windows) spawn: each worker imports torch itself.
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_one_thread) as pool:
            accuracies = list(pool.map(_train_job, jobs))
    n = len(seeds)
    return {a.label: accuracies[i * n:(i + 1) * n] for i, a in enumerate(arms)}


# --- statistics -----------------------------------------------------------------------------------

@checked
def holm(pvalues) -> list[float]:
    """Holm's step-down adjusted p-values (Holm 1979), in the input order."""
    p = [float(v) for v in pvalues]
    m = len(p)
    order = sorted(range(m), key=p.__getitem__)
    adjusted, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))       # monotone: never below an earlier one
        adjusted[i] = running
    return adjusted


@checked
def paired_difference(values, baseline, confidence: float = 0.95) -> dict:
    """Mean of ``values - baseline`` (paired by seed), its Student-t interval and two-sided p-value."""
    from scipy import stats

    if len(values) != len(baseline) or len(values) < 2:
        raise ValueError(f"need two paired lists of the same length >= 2, got {len(values)} and {len(baseline)}")
    d = [a - b for a, b in zip(values, baseline)]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in d) / (n - 1))
    if sd == 0:                                     # every seed gave the same difference
        return {"n": n, "mean": mean, "low": mean, "high": mean, "p": 1.0 if mean == 0 else 0.0}
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    p = float(stats.ttest_rel(values, baseline).pvalue)
    return {"n": n, "mean": mean, "low": mean - half, "high": mean + half, "p": p}


@checked
def verdict(row: dict, alpha: float = 0.05) -> str:
    """"高于基线" / "低于基线" where the Holm-adjusted p < ``alpha`` and the interval excludes 0, else "未检出差异"."""
    if row["p_holm"] < alpha and row["low"] > 0:
        return "高于基线"
    if row["p_holm"] < alpha and row["high"] < 0:
        return "低于基线"
    return "未检出差异"


@checked
def compare(results: dict[str, list[float]], baseline: str = BASELINE.label, alpha: float = 0.05) -> list[dict]:
    """One row per non-baseline arm: label, n, mean difference, 95 % interval, p, Holm p, verdict."""
    if baseline not in results:
        raise ValueError(f"baseline={baseline!r} must be one of the arms in results: {list(results)}")
    rows = [{"label": k, **paired_difference(v, results[baseline])} for k, v in results.items() if k != baseline]
    for row, ph in zip(rows, holm([r["p"] for r in rows])):
        row["p_holm"] = ph
        row["verdict"] = verdict(row, alpha)
    return rows


@checked
def plot_differences(rows: list[dict], baseline_mean: float | None = None):
    """Each arm's mean paired difference with its 95 % interval; the verdict and Holm p beside it."""
    import matplotlib.pyplot as plt

    colors = {"高于基线": "tab:green", "低于基线": "tab:red", "未检出差异": "grey"}
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.4))
    for i, r in enumerate(rows):
        y = len(rows) - 1 - i
        ax.errorbar(r["mean"], y, xerr=[[r["mean"] - r["low"]], [r["high"] - r["mean"]]], fmt="o", capsize=4,
                    color=colors[r["verdict"]])
        ax.annotate(f"{r['mean']:+.3f} [{r['low']:+.3f}, {r['high']:+.3f}]  Holm p={r['p_holm']:.3f}  {r['verdict']}",
                    (r["high"], y), xytext=(6, -3), textcoords="offset points", fontsize=8)
    ax.axvline(0, color="black", lw=1)
    ax.set_yticks(range(len(rows)), [r["label"] for r in rows][::-1])
    lo, hi = min(r["low"] for r in rows), max(r["high"] for r in rows)
    ax.set_xlim(lo - 0.01, hi + 0.6 * (hi - lo) + 0.02)
    n = rows[0]["n"]
    title = f"准确率差（模块 − 基线，同一种子配对），{n} 个种子，均值与 95% 置信区间"
    if baseline_mean is not None:
        title += f"\n基线平均准确率 {baseline_mean:.3f}"
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("准确率差")
    fig.tight_layout()
    return fig


__all__ = ["ARMS", "Arm", "BASELINE", "DIGIT_CHANNELS", "DIGIT_CLASSES", "ExperimentNet", "PLACEMENTS", "Setup", "build_net", "compare",
           "experiment_data", "holm", "paired_difference", "plot_differences", "run", "train_once", "verdict"]
