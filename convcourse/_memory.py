"""Give freed memory back to the operating system after a large step (training, a big forward pass).

PyTorch's CPU tensors come from the C allocator. On Linux (glibc) freed blocks in the middle of the
heap stay counted in the process's resident memory until ``malloc_trim`` returns them; after a
training demo that is 50-100 MB which the next cell cannot always reuse. Elsewhere this does
nothing. It does not run the garbage collector: tensors are freed by reference counting the moment
the last name goes, and a full ``gc.collect()`` in a kernel that has loaded PyTorch takes ~0.2 s.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim                      # absent in musl: AttributeError
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def release_memory() -> None:
    """Return free heap pages to the OS (glibc only; < 1 ms). Safe to call anywhere."""
    if _TRIM is not None:
        _TRIM(0)
