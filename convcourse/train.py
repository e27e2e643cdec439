"""A small, honest training loop for the demos: fixed seed, CPU, a few epochs, held-out accuracy."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from ._checks import (ArgumentTypeError, check_dataset, check_module, check_positive_int, check_positive_number,
                      check_tensor, checked)
from ._memory import release_memory


@dataclass
class History:
    """Per-epoch training loss and held-out accuracy (or mean IoU for segmentation)."""

    loss: list[float] = field(default_factory=list)
    metric: list[float] = field(default_factory=list)


def _loader(dataset, batch_size: int, shuffle: bool, seed: int):
    g = torch.Generator().manual_seed(seed)
    # num_workers=0: worker processes crash on Windows and in some Jupyter set-ups
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=g,
                                       num_workers=0)


def _predictions(model: nn.Module, dataset, batch_size: int):
    """(model(x), y) batch by batch over ``dataset`` in eval mode; the model's mode is restored afterwards."""
    check_module("model", model)
    check_dataset("dataset", dataset)
    was = model.training
    model.eval()
    try:
        for batch, (x, y) in enumerate(_loader(dataset, batch_size, False, 0), 1):
            logits = model(x)
            if not torch.isfinite(logits).all():    # argmax of NaN is index 0: a number that means nothing
                raise ValueError(f"the model's outputs hold NaN/inf (batch {batch}): its weights or the images "
                                 f"hold NaN/inf (trained with too large an lr?); no score is meaningful")
            yield logits, y
    finally:
        model.train(was)


@torch.no_grad()
@checked
def accuracy(model: nn.Module, dataset, batch_size: int = 64) -> float:
    """Top-1 accuracy of ``model`` on ``dataset`` (eval mode).

    Batches of 64, like training: in eval mode the result does not depend on the batch size, and a
    larger batch only raises the notebook's peak memory (SimAM at 256 x 16 x 48 x 48: ~38 MB a tensor).
    """
    correct = total = 0
    for logits, y in _predictions(model, dataset, batch_size):          # logits: (N, classes)
        correct += int((logits.argmax(1) == y).sum())
        total += len(y)
    return correct / total


@checked
def accuracy_interval(accuracy: float, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a test accuracy measured on ``n`` held-out images (Wilson 1927).

    One trained model, one test set: the interval says how much the number could move on another test set of
    the same size, not how much it moves with the training seed (for that, train several seeds and use
    :func:`seed_interval`).
    """
    from statistics import NormalDist

    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n={n!r} must be a positive integer (the number of test images)")
    if not isinstance(accuracy, (int, float)) or isinstance(accuracy, bool) or not 0 <= accuracy <= 1:
        raise ValueError(f"accuracy={accuracy!r} must be a number in [0, 1]")
    if not isinstance(confidence, float) or not 0 < confidence < 1:
        raise ValueError(f"confidence={confidence!r} must be a number strictly between 0 and 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    centre = (accuracy + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(accuracy * (1 - accuracy) / n + z * z / (4 * n * n))
    if accuracy in (0, 1):                                       # the interval ends exactly at the observed edge
        return (0.0, centre + half) if accuracy == 0 else (centre - half, 1.0)
    return max(0.0, centre - half), min(1.0, centre + half)


@checked
def seed_interval(values, confidence: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high): the Student-t interval of the mean of one number measured over several seeds."""
    from statistics import NormalDist, mean, stdev

    values = [float(v) for v in values]
    if len(values) < 2 or not all(math.isfinite(v) for v in values):
        raise ValueError(f"values needs at least two finite numbers (one per seed), got {values!r}")
    if not isinstance(confidence, float) or not 0 < confidence < 1:
        raise ValueError(f"confidence={confidence!r} must be a number strictly between 0 and 1")
    try:
        from scipy import stats
        t = float(stats.t.ppf(0.5 + confidence / 2, len(values) - 1))
    except ImportError:                                          # scipy is pinned; the normal is the fallback
        t = NormalDist().inv_cdf(0.5 + confidence / 2)
    m, half = mean(values), t * stdev(values) / math.sqrt(len(values))
    return m, m - half, m + half


@torch.no_grad()
@checked
def mean_iou(model: nn.Module, dataset, batch_size: int = 64) -> float:
    """Foreground IoU of a 2-class segmentation model (logits (N, 2, H, W)) on ``dataset``."""
    inter = union = 0
    for logits, y in _predictions(model, dataset, batch_size):
        pred = logits.argmax(1)                                          # (N, H, W)
        inter += int(((pred == 1) & (y == 1)).sum())
        union += int(((pred == 1) | (y == 1)).sum())
    return inter / max(union, 1)


@checked
def fit(model: nn.Module, train_set, test_set=None, epochs: int = 5, lr: float = 3e-3,
        batch_size: int = 32, seed: int = 0, metric=accuracy, verbose: bool = True,
        momentum: float | None = None) -> History:
    """Train with AdamW + cross-entropy; after each epoch record the mean loss and ``metric`` on ``test_set``.

    ``momentum``: None trains with AdamW (the course default); a number trains with SGD with that momentum
    and weight decay 1e-4, as the ResNet paper does (arXiv:1512.03385, Sec. 3.4: momentum 0.9).

    Works for classification (logits (N, K), labels (N,)) and segmentation (logits (N, K, H, W),
    masks (N, H, W)). Prints one line per epoch when ``verbose``.

    ``batch_size`` 32 keeps a notebook that trains a TinyNet with attention under 1 GB: the saved
    activations of one batch (SimAM: 52 MB at 32, 104 MB at 64) and what the allocator keeps around
    them are most of what a training demo adds to the kernel's memory.
    """
    check_positive_int("epochs", epochs)
    check_positive_int("batch_size", batch_size)
    check_positive_number("lr", lr)
    check_module("model", model)
    check_dataset("train_set", train_set)
    check_dataset("test_set", test_set, allow_none=True)
    if not callable(metric):
        raise ArgumentTypeError(f"metric must be a function (model, dataset) -> float, got {type(metric).__name__}")
    torch.manual_seed(seed)
    if momentum is None:
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    else:
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not 0 <= momentum < 1:
            raise ValueError(f"momentum={momentum!r} must be a number in [0, 1), or None for AdamW")
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=1e-4, foreach=True)
    loss_fn = nn.CrossEntropyLoss()
    hist = History()
    release_memory()                   # what earlier cells freed, before the batches need room
    model.train()
    for epoch in range(1, epochs + 1):
        total, count = 0.0, 0
        for batch, (x, y) in enumerate(_loader(train_set, batch_size, True, seed + epoch), 1):
            loss = loss_fn(model(x), y)
            value = loss.item()
            if not math.isfinite(value):      # NaN/inf would silently poison every weight from here on
                raise ValueError(f"the training loss is {value} at epoch {epoch}, batch {batch}: lr={lr:g} is too "
                                 f"large for this model (try lr={lr / 10:g}) or the inputs hold NaN/inf")
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, count = total + value * len(y), count + len(y)
        hist.loss.append(total / count)
        broken = [name for name, t in [*model.named_parameters(), *model.named_buffers()]
                  if t.is_floating_point() and not torch.isfinite(t).all()]
        if broken:                        # the last step overflowed: the loss was finite, the weights are not
            raise ValueError(f"the weights hold NaN/inf after epoch {epoch} ({broken[0]} ...): lr={lr:g} is too "
                             f"large for this model (try lr={lr / 10:g}) or the inputs hold NaN/inf")
        release_memory()               # between the training batches and the evaluation batches
        if test_set is not None:
            hist.metric.append(metric(model, test_set))
        if verbose:
            extra = f"  held-out {metric.__name__} {hist.metric[-1]:.3f}" if test_set is not None else ""
            print(f"epoch {epoch}: loss {hist.loss[-1]:.3f}{extra}")
    model.eval()
    release_memory()                   # the batches' activations are gone: give their pages back
    return hist


@checked
@torch.no_grad()
def recompute_bn_statistics(model: nn.Module, images: torch.Tensor, batch_size: int = 64) -> nn.Module:
    """Set every BN's running mean and variance to the plain average over ``images``; returns the model in eval mode.

    BN evaluates with running averages (momentum 0.1: each batch moves them 10 % of the way). While the
    weights still change fast, those averages mix in the statistics of older weights, and eval-mode
    accuracy can dip far below what the network does with its current weights. One pass over training
    images with a cumulative average ("precise BN") removes that lag. Parameters are not touched.
    """
    check_positive_int("batch_size", batch_size)
    check_module("model", model)
    check_tensor("images", images, rank=4, floating=True)
    if len(images) == 0:
        raise ValueError("images is empty; recomputing BN statistics needs at least one image")
    bns = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    saved = [m.momentum for m in bns]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None                          # cumulative average over the batches below
    model.train()
    for xb in images.split(batch_size):
        model(xb)
    for m, momentum in zip(bns, saved):
        m.momentum = momentum
    return model.eval()


class BNTracker:
    """A ``metric`` for ``fit`` that measures held-out accuracy twice after every epoch.

    ``running``: with BN's running averages, as ``accuracy`` does; ``recomputed``: on a copy whose BN
    statistics were recomputed on ``images`` (training images). ``fit`` records the recomputed one.
    """

    __name__ = "accuracy"

    @checked
    def __init__(self, images: torch.Tensor, metric=accuracy):
        self.images, self.metric = images, metric
        self.running: list[float] = []
        self.recomputed: list[float] = []

    def __call__(self, model: nn.Module, dataset) -> float:
        import copy

        self.running.append(self.metric(model, dataset))
        self.recomputed.append(self.metric(recompute_bn_statistics(copy.deepcopy(model), self.images), dataset))
        return self.recomputed[-1]
