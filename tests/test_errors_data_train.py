"""Bad input to the data generators, the training loop and the attention-map metrics: refused before any
large allocation, NaN/inf never silently accepted, empty sets named."""
import math

import pytest
import torch
from torch import nn

from convcourse import data, train
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
