"""Offline data for the course: generated on the fly from a seed, nothing downloaded.

``make_shapes`` draws one target shape (the label) at a random place on a cluttered background, and
records its bounding box: a task whose answer is known, so trained attention maps can be *scored*
(how much attention falls inside the box?). ``make_segmentation`` gives image/mask pairs for U-Net.
Real data (MNIST digits, Cluttered Translated MNIST, photographs) are re-exported from ``realdata``.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from ._checks import check_dataset, check_positive_int, check_samples, checked

SHAPES = ("圆形", "正方形", "三角形", "十字")
SHAPES_EN = ("circle", "square", "triangle", "cross")
_CHUNK = 256          # images whose geometry make_shapes computes at once
MAX_CLUTTER = 100     # distractors (or shapes) per image: more only adds time (10**7 would run for days)
MAX_BYTES = 2 << 30   # a generated dataset larger than 2 GiB would not fit next to a model in a notebook


def _check_memory(name: str, n: int, size: int, per_pixel: int) -> None:
    """Refuse, before allocating, a dataset of ``n`` images of ``size`` x ``size`` larger than ``MAX_BYTES``."""
    need = n * size * size * per_pixel
    if need > MAX_BYTES:
        most = MAX_BYTES // (size * size * per_pixel)
        raise ValueError(f"{name}={n} images of {size}x{size} need {need / 2**30:.1f} GiB; at most "
                         f"{MAX_BYTES / 2**30:.0f} GiB is allowed: use {name} <= {most} or a smaller size")


def _shape_mask(kind: int, size: int, yy: torch.Tensor, xx: torch.Tensor, cy: float, cx: float, r: float) -> torch.Tensor:
    """Boolean (size, size) mask of shape ``kind`` centred at (cy, cx) with half-size r."""
    dy, dx = yy - cy, xx - cx
    if kind == 0:                                   # disk
        return dy ** 2 + dx ** 2 <= r ** 2
    if kind == 1:                                   # square
        return (dy.abs() <= r * 0.85) & (dx.abs() <= r * 0.85)
    if kind == 2:                                   # upward triangle
        return (dy <= r * 0.8) & (dy >= -r) & (dx.abs() <= (dy + r) * 0.6)
    arm = r * 0.3                                   # cross (plus sign)
    return ((dy.abs() <= arm) & (dx.abs() <= r)) | ((dx.abs() <= arm) & (dy.abs() <= r))


@dataclass
class ShapesDataset(torch.utils.data.Dataset):
    """Images (N, 3, S, S) in [0, 1], labels (N,) in 0..3, boxes (N, 4) as (top, left, bottom, right)."""

    images: torch.Tensor
    labels: torch.Tensor
    boxes: torch.Tensor
    classes: tuple[str, ...] = SHAPES

    def __post_init__(self):
        check_samples("ShapesDataset", images=self.images, labels=self.labels, boxes=self.boxes)

    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


def _segment_mask(yy, xx, y0, x0, y1, x1, width: float) -> torch.Tensor:
    """(N, S, S) mask of pixels within ``width`` of the segments (y0, x0)-(y1, x1), each of shape (N, 1, 1)."""
    dy, dx = y1 - y0, x1 - x0
    t = (((yy - y0) * dy + (xx - x0) * dx) / (dy ** 2 + dx ** 2 + 1e-6)).clamp(0, 1)
    return (yy - (y0 + t * dy)) ** 2 + (xx - (x0 + t * dx)) ** 2 <= width ** 2


@checked
def make_shapes(n: int = 2000, size: int = 48, clutter: int = 6, seed: int = 0) -> ShapesDataset:
    """Generate ``n`` cluttered images with one target shape each (vectorised: ~0.2 s for 2,000).

    Clutter: ``clutter`` random strokes and blobs of random colours plus pixel noise, so a model must
    find the shape, not a colour or a bright spot. The target's half-size is 15-22% of the image.
    """
    check_positive_int("n", n, maximum=None)                 # check_memory below says how many fit
    check_positive_int("size", size, minimum=24)
    check_positive_int("clutter", clutter, minimum=0, maximum=MAX_CLUTTER)
    _check_memory("n", n, size, per_pixel=4 * 3 + 1)          # float32 RGB images + the boolean target mask
    g = torch.Generator().manual_seed(seed)
    rand = lambda *shape: torch.rand(*shape, generator=g)  # noqa: E731
    yy, xx = torch.meshgrid(torch.arange(size, dtype=torch.float32),
                            torch.arange(size, dtype=torch.float32), indexing="ij")
    # All random numbers are drawn for the whole set at once (so a seed gives the same images for any
    # chunk size); the per-pixel geometry is computed _CHUNK images at a time and written in place,
    # which keeps the temporaries small (2,000 images: ~60 MB in all, not ~400 MB).
    chunks = [slice(i, min(i + _CHUNK, n)) for i in range(0, n, _CHUNK)]
    images = 0.15 * rand(n, 3, size, size)                                # background noise
    labels = torch.randint(0, len(SHAPES), (n,), generator=g)
    for _ in range(clutter):                                              # distractors
        y0, x0 = rand(n, 1, 1) * size, rand(n, 1, 1) * size
        angle, length = rand(n, 1, 1) * torch.pi, size * (0.15 + 0.2 * rand(n, 1, 1))
        y1, x1 = y0 + length * angle.sin(), x0 + length * angle.cos()
        is_stroke, colour = rand(n, 1, 1) < 0.5, 0.3 + 0.7 * rand(n, 3, 1, 1)
        for c in chunks:
            stroke = _segment_mask(yy, xx, y0[c], x0[c], y1[c], x1[c], 0.6)
            blob = (yy - y0[c]) ** 2 + (xx - x0[c]) ** 2 <= (size * 0.04) ** 2
            m = torch.where(is_stroke[c], stroke, blob)[:, None]         # (n_c, 1, S, S)
            images[c] = torch.where(m, colour[c], images[c])
    r = size * (0.15 + 0.07 * rand(n, 1, 1))
    cy, cx = r + rand(n, 1, 1) * (size - 2 * r), r + rand(n, 1, 1) * (size - 2 * r)
    mask = torch.empty(n, size, size, dtype=torch.bool)                  # (N, S, S): the target's pixels
    for c in chunks:
        masks = torch.stack([_shape_mask(k, size, yy, xx, cy[c], cx[c], r[c]) for k in range(len(SHAPES))])
        mask[c] = masks[labels[c], torch.arange(c.stop - c.start)]
    colour = 0.4 + 0.6 * rand(n, 3, 1, 1)
    for c in chunks:
        images[c] = torch.where(mask[c, None], colour[c], images[c])
    rows, cols = mask.any(2), mask.any(1)                                 # (N, S) each
    idx = torch.arange(size)
    boxes = torch.stack([torch.where(rows, idx, size).min(1).values, torch.where(cols, idx, size).min(1).values,
                         torch.where(rows, idx, -1).max(1).values + 1, torch.where(cols, idx, -1).max(1).values + 1], 1)
    return ShapesDataset(images.clamp_(0, 1), labels, boxes)


@dataclass
class SegmentationDataset(torch.utils.data.Dataset):
    """Images (N, 1, S, S) and binary masks (N, S, S) of the shapes in them (long, 0 or 1)."""

    images: torch.Tensor
    masks: torch.Tensor

    def __post_init__(self):
        check_samples("SegmentationDataset", images=self.images, masks=self.masks)

    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i):
        return self.images[i], self.masks[i]


@checked
def make_segmentation(n: int = 200, size: int = 64, shapes: int = 3, seed: int = 0) -> SegmentationDataset:
    """Grey images with ``shapes`` bright shapes on smooth noise; the mask marks the shapes' pixels."""
    check_positive_int("n", n, maximum=None)                 # check_memory below says how many fit
    check_positive_int("size", size, minimum=16)
    check_positive_int("shapes", shapes, maximum=MAX_CLUTTER)
    _check_memory("n", n, size, per_pixel=4 + 8)              # float32 grey images + int64 masks
    g = torch.Generator().manual_seed(seed)
    yy, xx = torch.meshgrid(torch.arange(size, dtype=torch.float32),
                            torch.arange(size, dtype=torch.float32), indexing="ij")
    low = torch.rand(n, 1, size // 8, size // 8, generator=g)
    images = 0.5 * torch.nn.functional.interpolate(low, size=(size, size), mode="bilinear", align_corners=False)
    images += 0.1 * torch.randn(n, 1, size, size, generator=g)
    masks = torch.zeros(n, size, size, dtype=torch.long)
    for i in range(n):
        for _ in range(shapes):
            r = size * (0.08 + 0.08 * torch.rand(1, generator=g).item())
            cy, cx = (r + torch.rand(2, generator=g) * (size - 2 * r)).tolist()
            kind = int(torch.randint(0, len(SHAPES), (1,), generator=g))
            m = _shape_mask(kind, size, yy, xx, cy, cx, r)
            masks[i][m] = 1
            images[i, 0][m] += 0.5
    return SegmentationDataset(images, masks)


@checked
def split(dataset, fraction: float = 0.8):
    """Deterministic split into (train, test) subsets: the first ``fraction`` and the rest."""
    if not 0 < fraction < 1:
        raise ValueError(f"fraction={fraction} must be between 0 and 1 (exclusive)")
    check_dataset("dataset", dataset)
    n = len(dataset)
    cut = int(n * fraction)
    if cut == 0 or cut == n:                    # n * fraction < 1: no sample for training; or a 1-sample dataset
        raise ValueError(f"fraction={fraction} leaves the {'train' if cut == 0 else 'test'} side empty for a "
                         f"dataset of {n} samples: each side needs at least one sample (fraction >= {1 / n:.3g}, "
                         f"and at least 2 samples)")
    return (torch.utils.data.Subset(dataset, range(cut)), torch.utils.data.Subset(dataset, range(cut, n)))


# Real data (handwritten digits, Cluttered Translated MNIST, photographs): convcourse/realdata.py.
from .realdata import (PHOTOS, ClutteredDigits, DigitsDataset, data_credits, list_photos, load_digits,  # noqa: E402
                       load_photo, make_cluttered_digits)
