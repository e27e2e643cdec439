"""A small, honest training loop for the demos: fixed seed, CPU, a few epochs, held-out accuracy."""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn

from ._checks import check_positive_int, check_positive_number
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


@torch.no_grad()
def accuracy(model: nn.Module, dataset, batch_size: int = 64) -> float:
    """Top-1 accuracy of ``model`` on ``dataset`` (eval mode).

    Batches of 64, like training: in eval mode the result does not depend on the batch size, and a
    larger batch only raises the notebook's peak memory (SimAM at 256 x 16 x 48 x 48: ~38 MB a tensor).
    """
    was = model.training
    model.eval()
    correct = total = 0
    for x, y in _loader(dataset, batch_size, False, 0):
        correct += int((model(x).argmax(1) == y).sum())
        total += len(y)
    model.train(was)
    return correct / total


@torch.no_grad()
def mean_iou(model: nn.Module, dataset, batch_size: int = 64) -> float:
    """Foreground IoU of a 2-class segmentation model (logits (N, 2, H, W)) on ``dataset``."""
    was = model.training
    model.eval()
    inter = union = 0
    for x, y in _loader(dataset, batch_size, False, 0):
        pred = model(x).argmax(1)
        inter += int(((pred == 1) & (y == 1)).sum())
        union += int(((pred == 1) | (y == 1)).sum())
    model.train(was)
    return inter / max(union, 1)


def fit(model: nn.Module, train_set, test_set=None, epochs: int = 5, lr: float = 3e-3,
        batch_size: int = 32, seed: int = 0, metric=accuracy, verbose: bool = True) -> History:
    """Train with AdamW + cross-entropy; after each epoch record the mean loss and ``metric`` on ``test_set``.

    Works for classification (logits (N, K), labels (N,)) and segmentation (logits (N, K, H, W),
    masks (N, H, W)). Prints one line per epoch when ``verbose``.

    ``batch_size`` 32 keeps a notebook that trains a TinyNet with attention under 1 GB: the saved
    activations of one batch (SimAM: 52 MB at 32, 104 MB at 64) and what the allocator keeps around
    them are most of what a training demo adds to the kernel's memory.
    """
    check_positive_int("epochs", epochs)
    check_positive_int("batch_size", batch_size)
    check_positive_number("lr", lr)
    torch.manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    hist = History()
    release_memory()                   # what earlier cells freed, before the batches need room
    model.train()
    for epoch in range(1, epochs + 1):
        total, count = 0.0, 0
        for x, y in _loader(train_set, batch_size, True, seed + epoch):
            loss = loss_fn(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, count = total + loss.item() * len(y), count + len(y)
        hist.loss.append(total / count)
        release_memory()               # between the training batches and the evaluation batches
        if test_set is not None:
            hist.metric.append(metric(model, test_set))
        if verbose:
            extra = f"  held-out {metric.__name__} {hist.metric[-1]:.3f}" if test_set is not None else ""
            print(f"epoch {epoch}: loss {hist.loss[-1]:.3f}{extra}")
    model.eval()
    release_memory()                   # the batches' activations are gone: give their pages back
    return hist
