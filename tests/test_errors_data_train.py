"""Bad input to the data generators, the training loop and the attention-map metrics: refused before any
large allocation, NaN/inf never silently accepted, empty sets named."""
import math

import pytest
import torch
from torch import nn

from convcourse import data, realdata, train
from convcourse.viz.attention_maps import mass_in_box
from convcourse.viz.maps import attention_mass_in_box
from convcourse.viz.query_maps import box_query, peak_in_box, query_map


@pytest.mark.parametrize("call, name", [
    (lambda: data.make_shapes(n=10 ** 9), "n="),           # terabytes: refused before allocating
    (lambda: data.make_shapes(n=8, clutter=10 ** 7), "clutter"),
    (lambda: data.make_shapes(n=8, seed=1.5), "seed"),
    (lambda: data.make_shapes(n=8, seed=-1), "seed"),
    (lambda: data.make_shapes(n=0), "n=0"),
    (lambda: data.make_segmentation(n=10 ** 8), "n="),
    (lambda: data.make_segmentation(n=2, seed="0"), "seed"),
    (lambda: data.split([], 0.5), "dataset"),
    (lambda: data.split(list(range(4)), math.nan), "fraction"),
])
def test_data_bad_arguments(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_data_memory_message_says_what_works():
    with pytest.raises(ValueError, match=r"use n <= \d+"):
        data.make_shapes(n=10 ** 7)


@pytest.fixture(scope="module")
def tiny_task():
    torch.manual_seed(0)
    x = torch.randn(16, 2)
    y = (x[:, 0] > 0).long()
    return torch.utils.data.TensorDataset(x, y)


@pytest.mark.parametrize("lr", [math.inf, math.nan, 0, -1e-3])
def test_fit_rejects_lr_that_would_poison_weights(tiny_task, lr):
    with pytest.raises(ValueError, match="lr="):
        train.fit(nn.Linear(2, 2), tiny_task, epochs=1, lr=lr, verbose=False)


def test_fit_stops_on_a_nan_loss(tiny_task):
    bad = torch.utils.data.TensorDataset(torch.full((4, 2), math.nan), torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match=r"training loss is nan at epoch 1, batch 1: lr="):
        train.fit(nn.Linear(2, 2), bad, epochs=1, verbose=False)


@pytest.mark.parametrize("call, name", [
    (lambda t: train.accuracy(nn.Linear(2, 2), []), "dataset is empty"),
    (lambda t: train.mean_iou(nn.Linear(2, 2), []), "dataset is empty"),
    (lambda t: train.accuracy(nn.Linear, t), "model must be an nn.Module"),
    (lambda t: train.fit(nn.Linear(2, 2), [], epochs=1), "train_set is empty"),
    (lambda t: train.fit(nn.Linear(2, 2), t, epochs=0), "epochs=0"),
    (lambda t: train.fit(nn.Linear(2, 2), t, batch_size=2.5), "batch_size"),
    (lambda t: train.fit(nn.Linear(2, 2), t, seed=None), "seed"),
    (lambda t: train.fit(nn.Linear(2, 2), t, momentum=math.nan), "momentum"),
])
def test_train_bad_arguments(tiny_task, call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call(tiny_task)


def test_fit_valid_run_unchanged(tiny_task):
    hist = train.fit(nn.Linear(2, 2), tiny_task, tiny_task, epochs=2, batch_size=8, verbose=False)
    assert len(hist.loss) == 2 and all(math.isfinite(v) for v in hist.loss) and 0 <= hist.metric[-1] <= 1


MAP = torch.rand(8, 8)


@pytest.mark.parametrize("call, name", [
    (lambda: attention_mass_in_box(torch.full((8, 8), math.nan), (1, 1, 4, 4)), "attention contains NaN"),
    (lambda: attention_mass_in_box(MAP, (4, 4, 1, 1)), "box=.*must satisfy"),          # inverted
    (lambda: attention_mass_in_box(MAP, (0, 0, 9, 4)), "box=.*must satisfy"),          # outside
    (lambda: attention_mass_in_box(MAP, (0, 0, 4)), "box="),
    (lambda: attention_mass_in_box(MAP, (0, 0, 4, 4), image_size=0), "image_size"),
    (lambda: attention_mass_in_box("map", (0, 0, 4, 4)), "attention"),
    (lambda: peak_in_box(torch.full((4, 4), math.inf), (0, 0, 4, 4), 8), "attention contains NaN or inf"),
    (lambda: peak_in_box(MAP, (0, 0, 20, 4), 8), "box="),
    (lambda: box_query((6, 6, 2, 2), 8, 4), "box="),
    (lambda: query_map(torch.rand(16, 16), (-1, 0), 4), "query"),
    (lambda: mass_in_box(torch.rand(3, 8, 8), torch.tensor([[0, 0, 4, 4]] * 2), 8), "maps has 3 entries but boxes has 2"),
    (lambda: mass_in_box(torch.rand(0, 8, 8), torch.zeros(0, 4), 8), "empty"),
])
def test_map_metrics_bad_input(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_map_metrics_valid_unchanged():
    att = torch.zeros(8, 8)
    att[2:4, 2:4] = 1
    assert attention_mass_in_box(att, (2, 2, 4, 4)) == (1.0, 4 / 64)
    assert attention_mass_in_box(att, torch.tensor([2, 2, 4, 4])) == (1.0, 4 / 64)
    assert peak_in_box(att, (2, 2, 4, 4), 8)
    assert box_query((2, 2, 6, 6), 8, 4) == (2, 2)


# --------------------------------------------------------------------------- data that cannot be silently wrong

def _nan_model(classes=4):
    class NanLogits(nn.Module):
        def forward(self, x):
            return torch.full((x.shape[0], classes, *x.shape[2:]) if classes == 2 else (x.shape[0], classes), math.nan)
    return NanLogits()


@pytest.mark.parametrize("build, words", [
    (lambda: realdata.DigitsDataset(torch.rand(5, 1, 28, 28), torch.zeros(3, dtype=torch.long)), "labels holds 3"),
    (lambda: realdata.DigitsDataset(None, torch.zeros(3, dtype=torch.long)), "images must be a tensor"),
    (lambda: realdata.DigitsDataset(torch.rand(5, 28, 28), torch.zeros(5, dtype=torch.long)), r"\(N, C, H, W\)"),
    (lambda: data.ShapesDataset(torch.rand(4, 3, 8, 8), torch.zeros(4, dtype=torch.long), torch.zeros(2, 4)),
     "boxes holds 2"),
    (lambda: data.SegmentationDataset(torch.rand(4, 1, 8, 8), torch.zeros(5, 8, 8, dtype=torch.long)), "masks holds 5"),
    (lambda: realdata.ClutteredDigits(torch.rand(2, 1, 40, 40), torch.zeros(2, dtype=torch.long), torch.zeros(2, 4),
                                      [[0]]), "masks must be a tensor"),
])
def test_a_dataset_of_mismatched_parts_is_refused(build, words):
    with pytest.raises(ValueError, match=words):
        build()


@pytest.mark.parametrize("n, fraction, side", [(10, 0.01, "train"), (10, 0.09, "train"), (1, 0.5, "train")])
def test_a_split_that_leaves_one_side_empty_is_refused(n, fraction, side):
    with pytest.raises(ValueError, match=f"fraction={fraction} leaves the {side} side empty"):
        data.split(list(range(n)), fraction)
    assert [len(s) for s in data.split(list(range(10)), 0.9)] == [9, 1]


def test_nan_logits_give_no_score():
    shapes = data.make_shapes(8, size=24, seed=0)
    with pytest.raises(ValueError, match="NaN/inf"):
        train.accuracy(_nan_model(), shapes)
    seg = data.make_segmentation(n=2, size=16)
    with pytest.raises(ValueError, match="NaN/inf"):
        train.mean_iou(_nan_model(2), seg)


def test_fit_stops_when_the_weights_overflow():
    """At lr=1e12 the loss of the last batch is still finite but the BN statistics are not: fit says so."""
    from convcourse.nets.tiny import TinyNet

    train_set, test_set = data.split(data.make_shapes(64, size=24, seed=0))
    torch.manual_seed(0)
    with pytest.raises(ValueError, match=r"lr=1e\+12 is too large"):
        train.fit(TinyNet(widths=(4, 4, 4)), train_set, test_set, epochs=2, lr=1e12, verbose=False)


# --------------------------------------------------------------------------- tools given the wrong kind of thing

@pytest.mark.parametrize("call, words", [
    (lambda: __import__("convcourse.widgets").widgets.panel(None), "func=None must be callable"),
    (lambda: __import__("convcourse.widgets").widgets.guarded(5), "func=5 must be callable"),
    (lambda: __import__("convcourse.viz.query_maps").viz.query_maps.query_map_distance(torch.rand(0, 16)),
     "no rows"),
    (lambda: __import__("convcourse.export").export.strip_source("a, *b = 1, 2  # SOLUTION"), "starred"),
    (lambda: __import__("convcourse.export").export.strip_source("a += 1  # SOLUTION"), "must be an assignment"),
    (lambda: __import__("convcourse.registry").registry.resolve("math.pi"), "spec='math.pi' must be a callable"),
])
def test_tools_name_what_they_expected(call, words):
    with pytest.raises(ValueError, match=words):
        call()
