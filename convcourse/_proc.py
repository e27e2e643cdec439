"""Reading Linux ``/proc``: a process tree and the kB figures of a process's status files.

Shared by the grader (``submission``: the memory limit on a student's kernel and everything it starts) and the
instruments (``instruments.TreeMemory``: what a notebook's kernel and its workers hold together). No torch here,
so the grader stays light.
"""
from __future__ import annotations

import os


def process_tree(root: int) -> dict[int, int]:
    """{pid: depth} for ``root`` (depth 0) and every live descendant of it, read from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])     # the field after the state letter
        except (OSError, ValueError, IndexError):
            continue                                                   # the process ended meanwhile
        children.setdefault(ppid, []).append(int(entry))
    depth, todo = {root: 0}, [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, ()):
            depth[child] = depth[pid] + 1
            todo.append(child)
    return depth


def proc_kib(pid: int, file: str, keys: tuple[str, ...]) -> int:
    """Sum of the ``keys`` lines (in kB) of ``/proc/<pid>/<file>`` (``status``, ``smaps_rollup``); 0 if gone."""
    try:
        with open(f"/proc/{pid}/{file}") as f:
            return sum(int(line.split()[1]) for line in f if line.split(":", 1)[0] in keys)
    except (OSError, ValueError, IndexError):
        return 0
