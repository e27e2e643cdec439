"""convcourse.helpers: the small helpers written once (make_divisible is tested with the blocks that use it)."""
import math

import pytest
import torch
from torch import nn

from convcourse.helpers import init_weights


def test_init_weights_follows_the_official_rule():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(64, 256, 3), nn.BatchNorm2d(256), nn.Linear(512, 1000))
    with torch.no_grad():
        model[1].weight.fill_(3.0)
        model[1].bias.fill_(3.0)
    assert init_weights(model) is model
    std = model[0].weight.std().item()
    assert abs(std - math.sqrt(2 / (256 * 9))) < 0.05 * math.sqrt(2 / (256 * 9))     # He normal, fan_out
    assert (model[0].bias == 0).all() and (model[1].weight == 1).all() and (model[1].bias == 0).all()
    assert abs(model[2].weight.std().item() - 0.01) < 0.001 and (model[2].bias == 0).all()
    init_weights(model, linear="uniform")                                             # EfficientNet's rule
    assert model[2].weight.abs().max().item() <= 1 / math.sqrt(1000)
    with pytest.raises(ValueError, match="linear"):
        init_weights(model, linear="xavier")


def test_accuracy_and_seed_intervals():
    import pytest
    from convcourse.train import accuracy_interval, seed_interval

    low, high = accuracy_interval(0.9, 1000)
    assert 0.879 < low < 0.880 and 0.917 < high < 0.918                  # Wilson, z = 1.96
    assert accuracy_interval(1.0, 10)[1] == 1.0 and accuracy_interval(0.0, 10)[0] == 0.0
    m, lo, hi = seed_interval([0.9, 0.92, 0.91])
    assert abs(m - 0.91) < 1e-12 and abs(hi - m - 4.303 * 0.01 / 3 ** 0.5) < 1e-3      # t(0.975, 2) = 4.303
    for call, word in ((lambda: accuracy_interval(0.5, 0), "n="), (lambda: accuracy_interval(1.5, 10), "accuracy="),
                       (lambda: seed_interval([0.9]), "values"), (lambda: seed_interval([0.9, 1], 2.0), "confidence")):
        with pytest.raises(ValueError, match=word):
            call()
