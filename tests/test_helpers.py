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
