"""convcourse.measure: formulas against PyTorch, counters, latency, and clear errors."""
import itertools

import pytest
import torch
from torch import nn

from convcourse import measure as M

# (C_in, C_out, kernel, groups, bias): 24 settings incl. grouped, depthwise, rectangular kernels
CONV_SETTINGS = [
    (3, 64, 7, 1, False), (3, 64, 7, 1, True), (64, 64, 3, 1, False), (64, 128, 3, 4, False),
    (64, 128, 3, 64, False), (64, 64, 3, 64, True), (32, 32, 5, 8, True), (96, 48, 1, 3, False),
    (16, 32, (1, 3), 1, True), (16, 32, (3, 1), 2, False), (12, 24, (1, 7), 12, True), (12, 24, (7, 1), 4, False),
    (256, 256, 3, 32, False), (256, 512, 1, 1, True), (10, 15, 3, 5, True), (7, 7, 3, 7, False),
    (1, 1, 1, 1, True), (6, 9, 3, 3, False), (128, 128, (5, 3), 16, True), (48, 96, 2, 6, False),
    (8, 8, 11, 1, True), (20, 40, 3, 10, True), (64, 32, 3, 2, False), (4, 12, (2, 5), 4, True),
]


@pytest.mark.parametrize("c_in,c_out,k,g,bias", CONV_SETTINGS)
def test_conv2d_params_matches_nn_conv2d(c_in, c_out, k, g, bias):
    conv = nn.Conv2d(c_in, c_out, k, groups=g, bias=bias)
    assert M.conv2d_params(c_in, c_out, k, groups=g, bias=bias) == sum(p.numel() for p in conv.parameters())


@pytest.mark.parametrize("c_in,c_out,k,g,bias", CONV_SETTINGS[:8])
def test_conv2d_macs_matches_flop_counter(c_in, c_out, k, g, bias):
    conv = nn.Conv2d(c_in, c_out, k, groups=g, bias=bias)
    out = conv(torch.zeros(1, c_in, 20, 20)).shape[2:]
    assert M.conv2d_macs(c_in, c_out, k, tuple(out), groups=g) == M.count_macs(conv, (1, c_in, 20, 20))
    assert M.count_flops(conv, (1, c_in, 20, 20)) == 2 * M.count_macs(conv, (1, c_in, 20, 20))


@pytest.mark.parametrize("size,k,s,p,d", list(itertools.product([7, 32, 224], [1, 3, 7], [1, 2], [0, 1, 3], [1, 2])))
def test_conv2d_output_size_matches_pytorch(size, k, s, p, d):
    if size + 2 * p < d * (k - 1) + 1:
        with pytest.raises(ValueError, match="too small"):
            M.conv2d_output_size(size, k, s, p, d)
        return
    conv = nn.Conv2d(1, 1, k, s, p, d)
    assert M.conv2d_output_size(size, k, s, p, d) == tuple(conv(torch.zeros(1, 1, size, size)).shape[2:])


def test_linear_bn_and_separable_params():
    assert M.linear_params(2048, 1000) == sum(p.numel() for p in nn.Linear(2048, 1000).parameters())
    assert M.linear_params(10, 5, bias=False) == 50
    assert M.bn_params(64) == sum(p.numel() for p in nn.BatchNorm2d(64).parameters())
    dw = nn.Conv2d(32, 32, 3, groups=32, bias=False)
    pw = nn.Conv2d(32, 64, 1, bias=False)
    assert M.depthwise_separable_params(32, 64, 3) == M.count_params(dw) + M.count_params(pw)


def test_count_params_and_meta_count():
    m = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.Linear(8, 2))
    m[2].weight.requires_grad_(False)
    assert M.count_params(m) == 3 * 8 * 9 + 8 + 16 + 18
    assert M.count_params(m, trainable_only=True) == 3 * 8 * 9 + 8 + 16 + 2
    assert M.meta_count_params(nn.Linear, 1000, 1000) == 1_001_000


def test_count_macs_on_meta_device_costs_nothing():
    with torch.device("meta"):
        conv = nn.Conv2d(64, 64, 3, padding=1)
    assert M.count_macs(conv, (1, 64, 56, 56)) == 56 * 56 * 64 * 64 * 9


def test_latency_is_positive_and_restores_the_mode():
    a, b = nn.Conv2d(8, 8, 3), nn.Identity()
    times = M.compare_latency({"conv": a, "id": b}, (1, 8, 16, 16), repeats=3, warmup=1)
    assert set(times) == {"conv", "id"} and all(t > 0 for t in times.values())
    assert M.measure_latency(a, (1, 8, 16, 16), repeats=2) > 0
    assert a.training  # the mode is restored


def test_compare_latency_interleaves_and_rotates_the_order():
    """Every round times each module once; the order rotates (A B C, B C A, C A B, ...), after the warmup."""
    calls = []

    class Recorder(nn.Module):
        def __init__(self, name):
            super().__init__()
            self.name = name

        def forward(self, x):
            calls.append(self.name)
            return x

    mods = {n: Recorder(n) for n in "ABC"}
    M.compare_latency(mods, (1, 2, 4, 4), repeats=4, warmup=1)
    assert calls[:3] == ["A", "B", "C"]                                  # warmup
    assert calls[3:] == list("ABC" "BCA" "CAB" "ABC")


def test_latency_one_at_a_time_builds_in_abba_order_and_frees():
    built = []

    def builder(name, module):
        def build():
            built.append(name)
            return module
        return build

    times = M.compare_latency_one_at_a_time(
        {"conv": builder("conv", nn.Conv2d(8, 8, 3)), "id": builder("id", nn.Identity())},
        (1, 8, 16, 16), repeats=2, warmup=0, rounds=3)
    assert built == ["conv", "id", "id", "conv", "conv", "id"]          # A B, B A, A B
    assert set(times) == {"conv", "id"} and all(t > 0 for t in times.values())


def test_human_and_reports():
    assert M.human(25_557_032) == "25.56M" and M.human(4.09e9) == "4.09G" and M.human(12) == "12"
    rows = M.conv_cost_rows(64, 128, 3, 4)
    assert [r[1] for r in rows] == [73728, 18432, 8768]
    assert "分组卷积 g=4" in M.conv_cost_report(64, 128, 3, 4)


@pytest.mark.parametrize("call,message", [
    (lambda: M.conv2d_params(64, 128, 3, groups=3), "groups=3 must divide in_channels=64"),
    (lambda: M.conv2d_params(64, 126, 3, groups=4), "groups=4 must divide out_channels=126"),
    (lambda: M.conv2d_params(0, 8, 3), "in_channels=0 must be an integer >= 1"),
    (lambda: M.conv2d_params(8, 8, 0), "kernel_size=0 must be an integer >= 1"),
    (lambda: M.conv2d_params(8, 8, (3, 3, 3)), "kernel_size=.* must be an int or a pair"),
    (lambda: M.conv2d_params(8.0, 8, 3), "in_channels=8.0 must be an integer"),
    (lambda: M.conv2d_params(8, 8, 3, groups=0), "groups=0 must be an integer >= 1"),
    (lambda: M.conv2d_output_size(4, 7), "too small"),
    (lambda: M.conv2d_output_size(8, 3, padding=-1), "padding=-1 must be >= 0"),
    (lambda: M.conv2d_macs(8, 8, 3, (0, 4)), "output_size=0"),
    (lambda: M.linear_params(0, 3), "in_features=0"),
    (lambda: M.bn_params(-1), "channels=-1"),
    (lambda: M.count_params("resnet"), "module must be an nn.Module"),
    (lambda: M.count_flops(nn.Conv2d(3, 3, 1), (1, 3, 0, 8)), "input_shape=.* positive ints"),
    (lambda: M.count_macs(nn.Conv2d(3, 3, 1), "1x3x8x8"), "input_shape=.* positive ints"),
    (lambda: M.compare_latency({}, (1, 3, 8, 8)), "modules must name at least one"),
    (lambda: M.measure_latency(nn.Identity(), (1, 3, 8, 8), repeats=0), "repeats=0"),
    (lambda: M.compare_latency_one_at_a_time({}, (1, 3, 8, 8)), "builders must name at least one"),
    (lambda: M.compare_latency_one_at_a_time({"a": nn.Identity()}, (1, 3, 8, 8)), r"builders\['a'\] must be a function"),
    (lambda: M.compare_latency_one_at_a_time({"a": nn.Identity}, (1, 3, 8, 8), rounds=0), "rounds=0"),
    (lambda: M.conv_cost_rows(64, 128, 3, 4, size=0), "size=0"),
])
def test_bad_arguments_raise_clear_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_materialize_runs_like_a_cpu_model():
    from convcourse.measure import materialize

    with torch.device("meta"):
        block = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Linear(5, 4))
    materialize(block).eval()
    assert all(p.device.type == "cpu" and torch.isfinite(p).all() for p in block.parameters())
    assert torch.equal(block[1].running_var, torch.ones(8)) and torch.equal(block[1].running_mean, torch.zeros(8))
    assert block(torch.randn(1, 3, 4, 5)).shape == (1, 8, 4, 4)
    block.to("meta")                                   # and back: the CPU memory is released
    assert all(p.is_meta for p in block.parameters())


def test_materialize_refuses_parameters_it_cannot_reinitialise():
    from convcourse.measure import materialize

    class Scale(nn.Module):
        def __init__(self):
            super().__init__()
            self.gamma = nn.Parameter(torch.ones(3))

    with torch.device("meta"):
        m = nn.Sequential(nn.Conv2d(3, 3, 1), Scale())
    with pytest.raises(ValueError, match="reset_parameters"):
        materialize(m)


def test_release_memory_is_cheap_and_safe():
    import sys
    import time

    from convcourse._memory import _TRIM, release_memory

    if sys.platform.startswith("linux"):
        assert _TRIM is not None                  # glibc's malloc_trim was found
    big = [torch.ones(256, 1024) for _ in range(64)]  # 64 MB in 1 MB blocks, then freed
    del big
    start = time.perf_counter()
    assert release_memory() is None
    assert time.perf_counter() - start < 0.1   # no gc.collect(): a training loop may call it often
