"""Stored outputs that pass on any student's CPU.

PyTorch chooses its CPU kernels by instruction set (oneDNN for convolutions, ATen's own vectorised
loops, MKL for matrix products). Another CPU sums in another order, so the last bits of a float change;
a deep float32 forward or a training run then prints different numbers. The course's rule:

1. make a demo well-conditioned where that keeps the lesson (float64 for tiny demos, a learning rate at
   which training is not chaotic), so its printed numbers are the same on every CPU; or
2. print a number that legitimately varies *after* the marker ``※`` on its line (the sanitize file
   replaces everything from ``※`` to the end of the line) and ``assert`` the claim the text draws from it
   in the same cell, so every machine still checks the lesson's point. A handful of such lines per notebook
   at most (``MAX_MARKED_LINES``; a test counts them).

On one machine, other CPUs are stood in for by capping the instruction sets PyTorch may use
(``CAPS``); ``python -m convcourse run NN --cpu sse41`` re-executes a copy under a cap and lists the cells
whose sanitized outputs differ from the stored ones.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from ._checks import checked

MARKER = "※"
MAX_MARKED_LINES = 5
SANITIZE_FILE = Path(__file__).resolve().parents[1] / "tests" / "nbval_sanitize.cfg"

# Environment caps that stand in for other CPUs (each variable is read when torch loads its kernels).
CAPS: dict[str, dict[str, str]] = {
    # an older x86 laptop, or the narrow vectors of an ARM machine: no AVX at all
    "sse41": {"ONEDNN_MAX_CPU_ISA": "SSE41", "ATEN_CPU_CAPABILITY": "default", "MKL_ENABLE_INSTRUCTIONS": "SSE4_2"},
    # a typical AVX2 laptop or desktop (most Intel Core and AMD Ryzen before Zen 4)
    "avx2": {"ONEDNN_MAX_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2", "MKL_ENABLE_INSTRUCTIONS": "AVX2"},
    # an AVX-512 server without the newest extensions
    "avx512": {"ONEDNN_MAX_CPU_ISA": "AVX512_CORE", "ATEN_CPU_CAPABILITY": "avx512"},
}
CAP_VARIABLES = sorted({k for env in CAPS.values() for k in env})


@checked
def cap_env(name: str) -> dict[str, str]:
    """The environment variables of cap ``name`` (one of ``CAPS``)."""
    if name not in CAPS:
        raise ValueError(f"cpu={name!r} must be one of {sorted(CAPS)}")
    return dict(CAPS[name])


def cpu_description() -> str:
    """One line: the kernel set torch uses here, the CPU's vector extensions, and any cap in force."""
    import os

    import torch

    flags = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(("flags", "Features")):
                flags = set(line.split(":", 1)[1].split())
                break
    except OSError:
        pass
    wanted = ["sse4_1", "avx2", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve"]
    found = [f for f in wanted if f in flags]
    caps = {k: os.environ[k] for k in CAP_VARIABLES if k in os.environ}
    text = f"torch CPU kernels: {torch.backends.cpu.get_cpu_capability()}"
    if found:
        text += f"; CPU has {', '.join(found)}"
    if caps:
        text += "; capped by " + " ".join(f"{k}={v}" for k, v in sorted(caps.items()))
    return text


@checked
def sanitize_rules(path: Path = SANITIZE_FILE) -> list[tuple[re.Pattern, str]]:
    """The (regex, replacement) pairs of the nbval sanitize file, in order."""
    rules, regex = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex: "):
            regex = line[len("regex: "):]
        elif line.startswith("replace: ") and regex is not None:
            rules.append((re.compile(regex), line[len("replace: "):]))
            regex = None
    return rules


@checked
def sanitize(text: str, rules=None) -> str:
    """``text`` as strict nbval compares it."""
    for pattern, replacement in rules if rules is not None else sanitize_rules():
        text = pattern.sub(replacement, text)
    return text


_COMPARED = ("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml", "application/json")


@checked
def compared_text(cell) -> list[str]:
    """The outputs of a code cell that strict nbval compares (streams and non-image data), as text."""
    texts, last_stream = [], None
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":     # a stream may arrive in chunks: compare it whole
            if last_stream == out.get("name"):
                texts[-1] += out.get("text", "")
            else:
                texts.append(out.get("text", ""))
            last_stream = out.get("name")
            continue
        last_stream = None
        if out.get("output_type") in ("execute_result", "display_data"):
            for mime in _COMPARED:
                if mime in out.get("data", {}):
                    value = out["data"][mime]
                    texts.append(value if isinstance(value, str) else str(value))
        elif out.get("output_type") == "error":
            texts.append("\n".join(out.get("traceback", [])))
    return texts


@checked
def marked_lines(nb) -> list[tuple[int, str]]:
    """(cell index, line) for every stored output line that carries the ``※`` marker."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for text in compared_text(cell):
            found += [(i, line) for line in text.splitlines() if MARKER in line]
    return found


@checked
def differing_cells(path, cpu: str, timeout: int = 600) -> list[tuple[int, str, str]]:
    """Execute a copy of notebook ``path`` under cap ``cpu``; the cells whose sanitized outputs differ.

    Returns (cell index, stored text, new text) for each differing code cell. The stored notebook is
    not modified.
    """
    import nbformat

    from .notebooks import run_single_threaded

    path = Path(path)
    stored = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(stored)
    run_single_threaded(fresh, path.parent, timeout, extra_env=cap_env(cpu))
    rules = sanitize_rules()
    diffs = []
    for i, (a, b) in enumerate(zip(stored.cells, fresh.cells)):
        if a.cell_type != "code" or "NBVAL_IGNORE_OUTPUT" in a.source:
            continue
        old = sanitize("\n".join(compared_text(a)), rules)
        new = sanitize("\n".join(compared_text(b)), rules)
        if old != new:
            diffs.append((i, old, new))
    return diffs
