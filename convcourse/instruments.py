"""The course's instruments: CPU latency, activation memory and a process's peak memory, each measured one way.

* **Latency** -- ``compare_latency`` (several modules timed *interleaved*, median), ``interleaved_min_latency``
  (the fastest of several interleaved rounds, for a busy machine), ``compare_latency_one_at_a_time`` (networks
  too large to hold together), ``measure_latency`` (one module). Always eval mode, no grad, after a warm-up.
* **Activation memory** -- ``activation_memory``: the bytes of the tensors one forward pass creates, followed
  operation by operation (a dispatch mode), so functional ops such as ``torch.bmm`` count too.
* **Peak memory of a process** -- ``peak_rss_mib``: the resident high-water mark of this process and of its
  finished child processes (what ``python -m convcourse bench --notebooks`` reports per notebook);
  ``TreeMemory``: what a kernel and the workers it forks need together, sampled while they run.

Counting (parameters, MACs) lives in ``measure``; it re-exports the latency functions under their old names.
"""
from __future__ import annotations

import statistics
import sys
import time
import weakref
from typing import Callable, Mapping

import torch
from torch import nn

from ._checks import check_number, check_positive_int, checked
from ._memory import release_memory
from ._proc import proc_kib, process_tree

__all__ = ["activation_memory", "compare_latency", "compare_latency_one_at_a_time", "interleaved_min_latency",
           "measure_latency", "peak_rss_mib", "TreeMemory"]


# --- latency --------------------------------------------------------------------------------------------------

def _input_for(module: nn.Module, input_shape) -> torch.Tensor:
    if isinstance(input_shape, torch.Tensor):
        return input_shape
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) >= 2
            and all(isinstance(s, int) and s >= 1 for s in input_shape)):
        raise ValueError(f"input_shape={input_shape!r} must be a tuple of positive ints such as (1, 3, 224, 224)")
    p = next(iter(module.parameters()), None)
    device = p.device if p is not None else torch.device("cpu")
    return torch.zeros(tuple(input_shape), device=device)


def _time_once(module: nn.Module, x: torch.Tensor) -> float:
    start = time.perf_counter()
    module(x)
    return time.perf_counter() - start


@checked
def compare_latency(modules: Mapping[str, nn.Module], input_shape, repeats: int = 20,
                    warmup: int = 3) -> dict[str, float]:
    """Median CPU forward time in seconds of each module, measured **interleaved**.

    Every round times each module once, so slow drifts of the machine (other processes, frequency
    scaling) hit every module alike; the order rotates from round to round (A B C, B C A, C A B, ...)
    so that going first or last -- warm caches, the allocator's state -- favours no one. Runs in
    eval mode under ``torch.no_grad()``.
    """
    check_positive_int("repeats", repeats)
    check_positive_int("warmup", warmup, minimum=0)
    if not modules:
        raise ValueError("modules must name at least one module")
    inputs = {name: _input_for(m, input_shape) for name, m in modules.items()}
    times: dict[str, list[float]] = {name: [] for name in modules}
    states = {name: m.training for name, m in modules.items()}
    for m in modules.values():
        m.eval()
    try:
        with torch.no_grad():
            for _ in range(warmup):
                for name, m in modules.items():
                    m(inputs[name])
            names = list(modules)
            for r in range(repeats):
                shift = r % len(names)
                for name in names[shift:] + names[:shift]:
                    times[name].append(_time_once(modules[name], inputs[name]))
    finally:
        for name, m in modules.items():
            m.train(states[name])
    return {name: statistics.median(t) for name, t in times.items()}


@checked
def compare_latency_one_at_a_time(builders: Mapping[str, Callable[[], nn.Module]], input_shape,
                                  repeats: int = 3, warmup: int = 1, rounds: int = 2) -> dict[str, float]:
    """Like ``compare_latency`` for networks too large to hold together: only one exists at a time.

    ``builders`` maps a name to a function that builds the network. Every round builds each network,
    times it (``warmup`` + ``repeats`` forwards, eval, no grad) and frees it; the order reverses from
    round to round (A B, B A, ...), so a slow drift of the machine hits every network alike. Returns
    the median over all rounds. Peak memory: the largest single network (and its activations).
    """
    check_positive_int("rounds", rounds)
    check_positive_int("repeats", repeats)
    check_positive_int("warmup", warmup, minimum=0)
    if not builders:
        raise ValueError("builders must name at least one network")
    for name, build in builders.items():
        if isinstance(build, nn.Module) or not callable(build):
            raise ValueError(f"builders[{name!r}] must be a function that builds the network (such as "
                             f"resnet50), not {type(build).__name__}: a built network would stay in memory")
    times: dict[str, list[float]] = {name: [] for name in builders}
    names = list(builders)
    for r in range(rounds):
        for name in (names if r % 2 == 0 else names[::-1]):
            module = builders[name]().eval()
            x = _input_for(module, input_shape)
            with torch.no_grad():
                for _ in range(warmup):
                    module(x)
                times[name] += [_time_once(module, x) for _ in range(repeats)]
            del module, x
            release_memory()
    return {name: statistics.median(t) for name, t in times.items()}


@checked
def measure_latency(module: nn.Module, input_shape, repeats: int = 20, warmup: int = 3) -> float:
    """Median CPU forward time in seconds (warm-up first, no grad, eval mode)."""
    return compare_latency({"m": module}, input_shape, repeats, warmup)["m"]


@checked
def interleaved_min_latency(modules: dict[str, nn.Module], input_shape, repeats: int = 10,
                            warmup: int = 2) -> dict[str, float]:
    """Fastest of ``repeats`` interleaved rounds (seconds) for each module.

    Each round is one ``compare_latency`` call with one timed pass of every module, in turn. On a busy
    machine a pass that loses the CPU to another process takes a whole scheduler slice longer; the
    minimum over rounds is the estimate least disturbed by that (the advice of Python's ``timeit``).
    """
    check_positive_int("repeats", repeats)
    best: dict[str, float] = {}
    for r in range(repeats):
        t = compare_latency(modules, input_shape, repeats=1, warmup=warmup if r == 0 else 0)
        release_memory()
        best = {k: min(v, best.get(k, v)) for k, v in t.items()}
    return best


# --- memory ---------------------------------------------------------------------------------------------------

def _dispatch_mode():
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    class MemoryTracker(TorchDispatchMode):
        """Follows every tensor the forward pass creates: bytes alive now, the peak, the total allocated."""

        def __init__(self, known: set[int]):
            super().__init__()
            self.known = known                 # storages that existed before (input, weights)
            self.live: dict[int, list[int]] = {}   # storage pointer -> [bytes, tensors using it]
            self.current = self.peak = self.total = 0

        def _release(self, key: int) -> None:
            entry = self.live.get(key)
            if entry is not None:
                entry[1] -= 1
                if entry[1] == 0:
                    self.current -= entry[0]
                    del self.live[key]

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            for t in tree_flatten(out)[0]:
                if not isinstance(t, torch.Tensor):
                    continue
                storage = t.untyped_storage()
                key = storage.data_ptr()
                if key in self.known:
                    continue
                if key in self.live:           # a view of a tensor we already count
                    self.live[key][1] += 1
                else:
                    self.live[key] = [storage.nbytes(), 1]
                    self.current += storage.nbytes()
                    self.total += storage.nbytes()
                    self.peak = max(self.peak, self.current)
                weakref.finalize(t, self._release, key)
            return out

    return MemoryTracker


@checked
def activation_memory(module: nn.Module, input_shape) -> dict[str, int]:
    """Bytes of the tensors one forward pass creates (eval, no grad), not counting input and weights.

    ``peak``: the most alive at one time (what inference needs on top of the input);
    ``total``: everything allocated during the pass (what training keeps, roughly, for the backward pass).
    Counts every operation, including functional ones (``torch.bmm``, ``softmax``) that hooks miss.
    """
    tracker_cls = _dispatch_mode()
    x = torch.zeros(input_shape) if not isinstance(input_shape, torch.Tensor) else input_shape
    known = {x.untyped_storage().data_ptr()}
    known |= {t.untyped_storage().data_ptr() for t in [*module.parameters(), *module.buffers()]}
    was = module.training
    module.eval()
    try:
        with torch.no_grad():
            tracker = tracker_cls(known)
            with tracker:
                y = module(x)
            del y
    finally:
        module.train(was)
    return {"peak": tracker.peak, "total": tracker.total}


def _rusage_mib(who) -> float:
    import resource

    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024     # bytes on macOS, KiB elsewhere


def peak_rss_mib() -> dict[str, float]:
    """{"self": this process's peak resident MiB, "children": the largest finished child process's peak}.

    Linux reads the high-water mark ``VmHWM``; macOS and other Unixes ``getrusage``; Windows (no children
    figure) ``psutil``. Children that ran at the same time add up: the caller knows how many there were.
    """
    try:
        with open("/proc/self/status") as f:                                  # Linux: high-water mark
            own = next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:"))
        import resource

        return {"self": own, "children": _rusage_mib(resource.RUSAGE_CHILDREN)}
    except (OSError, StopIteration):
        pass
    try:
        import resource
    except ImportError:                                                       # Windows
        import psutil

        return {"self": psutil.Process().memory_info().peak_wset / 2**20, "children": 0.0}
    return {"self": _rusage_mib(resource.RUSAGE_SELF), "children": _rusage_mib(resource.RUSAGE_CHILDREN)}


class TreeMemory:
    """Peak memory of the processes this one starts, sampled every ``interval`` seconds in a thread (Linux).

    A notebook's kernel is a child of this process; the training workers it forks are grandchildren that share
    the kernel's loaded pages. So the memory the whole tree needs at one moment is the kernel's resident size
    plus each deeper process's *private* pages (``Private_Clean + Private_Dirty`` of ``smaps_rollup``).

    * ``peak_mib`` -- the largest such sum seen (``None`` when no process below the children was ever seen);
    * ``worker_private_mib`` -- the largest private size of one deeper process.

    Deeper processes holding less than 1 MiB of their own (a shell, one that is exiting) are not counted as
    workers. A sample misses what lives shorter than ``interval``; elsewhere than Linux both stay ``None``.
    """

    @checked
    def __init__(self, interval: float = 0.25):
        self.interval = check_number("interval", interval, 0.01, 10)      # seconds
        self.peak_mib: float | None = None
        self.worker_private_mib: float | None = None

    def sample(self) -> None:
        """Take one sample now (the thread calls this; a test may too)."""
        import os

        tree = process_tree(os.getpid())
        workers = [proc_kib(p, "smaps_rollup", ("Private_Clean", "Private_Dirty")) / 1024
                   for p, d in tree.items() if d >= 2]
        workers = [w for w in workers if w >= 1.0]      # not a helper that is exiting, nor a process gone meanwhile
        if not workers:
            return
        kernels = sum(proc_kib(p, "status", ("VmRSS",)) for p, d in tree.items() if d == 1) / 1024
        self.peak_mib = max(self.peak_mib or 0.0, kernels + sum(workers))
        self.worker_private_mib = max(self.worker_private_mib or 0.0, max(workers))

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "TreeMemory":
        import threading

        if sys.platform.startswith("linux"):
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if hasattr(self, "_thread"):
            self._stop.set()
            self._thread.join()
