"""Every builder of ``convcourse.registry``: its twin's parameter count, the twin's outputs once its weights
are copied into ours, a forward at the smallest valid size and a clear error below it.

Kept fast: ours is built on the meta device and borrows the twin's tensors (``assign=True``), the twin is
the only network that gets real memory, and the comparison runs at the smallest valid input in eval mode.
"""
import ast
import functools
import importlib
from pathlib import Path

import pytest
import timm  # noqa: F401  (a test dependency: a failed import must fail the run)
import torch
import torchvision  # noqa: F401
from torch import nn

from convcourse import registry as R
from convcourse.measure import count_params
from convcourse.syllabus import LESSONS

TWINNED = [e.name for e in R.entries(with_twin=True)]
ALL = list(R.REGISTRY)

# Networks that do not yet raise a clear ValueError below their smallest input: a strict xfail turns into a
# failure as soon as the error becomes clear. Empty since every forward starts with check_input (issue 17).
NOT_YET_CLEAR: set[str] = set()


def _randomise_norms(model: nn.Module, seed: int = 0) -> None:
    """Non-trivial BN statistics and affine parameters: a wrong channel mapping cannot hide behind 0 / 1."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm) and m.running_mean is not None:
                n = m.num_features
                m.running_mean.copy_(0.2 * torch.rand(n, generator=g) - 0.1)
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
                if m.affine:
                    m.weight.copy_(0.5 + torch.rand(n, generator=g))
                    m.bias.copy_(0.2 * torch.rand(n, generator=g) - 0.1)


# ---------------------------------------------------------------- the table itself

def test_registry_is_complete_and_well_formed():
    lessons = {int(l.notebook[:2]) for l in LESSONS}
    for e in R.REGISTRY.values():
        assert e.lesson in lessons, e.name
        year_month, _, number = e.paper.partition(".")
        assert len(year_month) == 4 and year_month.isdigit() and len(number) in (4, 5) and number.isdigit(), e.name
        assert 1 <= e.min_size <= e.input_size, e.name
        module, attr = e.builder.split(":")
        assert callable(getattr(importlib.import_module(module), attr)), e.name
        if e.twin is not None:
            assert e.twin.builder.split(":")[0] in ("timm", "torchvision.models", "torchvision.models.segmentation")
    # every public builder of the network files is registered (a new builder cannot be forgotten)
    builders = {e.builder for e in R.REGISTRY.values()}
    for module, names in {"convcourse.nets.vgg": ["vgg11", "vgg19_bn"], "convcourse.nets.fasternet": ["fasternet_l"],
                          "convcourse.nets.res2net": ["res2net101_26w_4s"], "convcourse.nets.parnet": ["parnet_xl"]}.items():
        for n in names:
            assert f"{module}:{n}" in builders
    with pytest.raises(ValueError, match="name='resnet51' must be one of"):
        R.get("resnet51")


def test_registry_imports_no_network_module_at_import_time():
    """Builders are strings imported on use: importing the registry loads neither torchvision, timm nor nets."""
    tree = ast.parse(Path(R.__file__).read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = {a.name.split(".")[0] for n in top if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in top if isinstance(n, ast.ImportFrom) and not n.level}
    assert names <= {"__future__", "importlib", "dataclasses", "typing", "torch"}, names
    assert not [n for n in top if isinstance(n, ast.ImportFrom) and n.level], "no package import at module level"


def test_res2net_split_order():
    assert R.res2net_split_order(2, 3) == [4, 5, 0, 1, 2, 3]
    assert sorted(R.res2net_split_order(26, 4)) == list(range(104))


# ---------------------------------------------------------------- one test per builder with a twin

@pytest.mark.parametrize("name", TWINNED)
def test_twin_same_count_and_same_outputs(name):
    e = R.get(name)
    torch.manual_seed(0)
    twin = R.build_twin(name).eval()
    _randomise_norms(twin)
    with torch.device("meta"):
        ours = R.build(name)
    assert count_params(ours) == count_params(twin), "parameter count"
    R.copy_twin_weights(name, ours, twin, assign=True)
    ours.eval()
    assert all(not t.is_meta for t in (*ours.parameters(), *ours.buffers())), "every tensor came from the twin"
    size = max(e.min_size, 32)
    x = torch.randn(2, e.in_channels, size, size, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        y, y_twin = ours(x), R.twin_output(name, twin(x))
    assert y.shape == y_twin.shape
    scale = y_twin.abs().max().item()
    torch.testing.assert_close(y, y_twin, rtol=1e-4, atol=1e-5 * max(scale, 1.0))
    assert y.std() > 1e-3 * max(scale, 1e-12), "outputs that do not depend on the input prove nothing"
    if e.min_size < size:                                # and a real forward at the smallest size
        with torch.no_grad():
            assert ours(x[:1, :, :e.min_size, :e.min_size]).shape[0] == 1


# ---------------------------------------------------------------- every builder: smallest size, and below it

def _below_cases():
    for name in ALL:
        marks = [pytest.mark.xfail(strict=True, reason="issue 17")] if name in NOT_YET_CLEAR else []
        yield pytest.param(name, marks=marks, id=name)


@functools.lru_cache(maxsize=None)
def _on_meta(name: str) -> nn.Module:
    """One meta-device build per network, shared by the two size tests below (no memory, no init)."""
    with torch.device("meta"):
        return R.build(name).eval()


@pytest.mark.parametrize("name", [e.name for e in R.entries(with_twin=False)])
def test_forward_at_the_smallest_size(name):
    """Networks without a twin (those with one ran a real forward at their smallest size above)."""
    e = R.get(name)
    y = _on_meta(name)(torch.zeros(1, e.in_channels, e.min_size, e.min_size, device="meta"))
    assert y.shape[0] == 1


@pytest.mark.parametrize("name", list(_below_cases()))
def test_clear_error_below_the_smallest_size(name):
    e = R.get(name)
    s = e.min_size - 1
    with pytest.raises(ValueError, match="size"):
        _on_meta(name)(torch.zeros(1, e.in_channels, s, s, device="meta"))
