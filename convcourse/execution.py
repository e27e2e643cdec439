"""Executing a notebook: the one path that ``run``, ``bench``, the CPU-portability check and the grader share.

Every execution starts a fresh ``python3`` kernel with one BLAS/OpenMP thread (reproducible outputs) and an
environment given to that kernel alone (nothing in ``os.environ`` changes, so executions can run in parallel).
Three things guard it:

* **a deadline** for the whole notebook (``timeout``): the kernel is killed when it passes;
* **a memory limit** (``memory_mib``, grading): the proportional set size of the kernel and every process it
  started is read four times a second, and the kernel is killed above the limit;
* **a stall watchdog**: a cell whose kernel has gone idle (its ``status: idle`` arrived on IOPub) while its
  ``execute_reply`` never comes is a stall, not a slow cell; the execution is abandoned and tried once more in a
  fresh kernel. The cause of the stalls this guards against is described in ``CONTRIBUTING.md``
  ("Executing notebooks"); every wait on a kernel socket here is a sequence of short polls, each of which begins
  by asking the socket itself whether a message is waiting, so a lost wake-up costs at most ``POLL`` seconds.

The grader adds a sandbox (:mod:`convcourse.sandbox`): the kernel runs in Linux namespaces and is reached over
Unix sockets inside the sandbox.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Awaitable, Callable
from ._checks import checked

THREAD_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
POLL = 0.5              # seconds: the longest single wait on a kernel socket
STALL_SECONDS = 15.0    # an idle kernel that has not replied for this long has stalled
MONITOR_SECONDS = 0.25  # how often memory is read


class Stalled(Exception):
    """The kernel went idle without replying to an execute request."""


class LimitExceeded(Exception):
    """The watchdog killed the kernel (deadline or memory); ``reason`` says which, in words."""

    @checked
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Outcome:
    """What an execution did: seconds, the problem in words ('' when it ran through), whether it was retried."""

    seconds: float
    problem: str = ""
    retried: bool = False
    peak_mib: float | None = None          # the sandbox's largest proportional set size (grading only)
    isolation: str = ""                    # 'namespaces' or 'limits' (grading only)
    details: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- the kernel client and manager

def _client_classes():
    """A kernel client whose socket waits are short polls (see the module docstring)."""
    import zmq
    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.channels import AsyncZMQSocketChannel
    from traitlets import Type

    class PolledChannel(AsyncZMQSocketChannel):
        async def get_msg(self, timeout: float | None = None):
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                # ZMQ_EVENTS, read directly, is the socket's own answer (it also processes pending commands);
                # the asyncio wake-up that poll() waits for is only a hint and can be lost
                if self.socket.get(zmq.EVENTS) & zmq.POLLIN:
                    return await self._recv()
                left = POLL if deadline is None else min(POLL, deadline - time.monotonic())
                if left <= 0:
                    raise Empty
                if await self.socket.poll(int(left * 1000)):
                    return await self._recv()

    class PolledClient(AsyncKernelClient):
        shell_channel_class = Type(PolledChannel)
        iopub_channel_class = Type(PolledChannel)
        stdin_channel_class = Type(PolledChannel)
        control_channel_class = Type(PolledChannel)

    return PolledClient


def _kernel_manager(sandbox_spec: Path | None):
    """An ``AsyncKernelManager``; with a sandbox spec, the kernel is started by the sandbox launcher and
    reached over Unix sockets in the sandbox's ``/run`` (through ``/proc/<launcher>/root``)."""
    from jupyter_client.manager import AsyncKernelManager

    client_class = _client_classes()

    class CourseKernelManager(AsyncKernelManager):
        def client(self, **kwargs):
            kwargs.setdefault("parent", self)
            kw = dict(self.get_connection_info(session=True))
            kw.update(kwargs)
            return client_class(**kw)

    if sandbox_spec is None:
        return CourseKernelManager(kernel_name="python3")

    class SandboxKernelManager(CourseKernelManager):
        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            return [sys.executable, "-m", "convcourse.sandbox", str(sandbox_spec), "--", *cmd]

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            await super()._async_launch_kernel(kernel_cmd, **kw)
            if self.transport == "ipc":
                # the kernel binds /run/<name>-<port> inside the sandbox; from here that is /proc/<pid>/root/run/...
                self.ip = f"/proc/{self.provisioner.pid}/root{self.ip}"

    spec = json.loads(Path(sandbox_spec).read_text(encoding="utf-8"))
    km = SandboxKernelManager(kernel_name="python3", transport=spec.get("transport", "ipc"),
                              connection_file=str(Path(sandbox_spec).with_name("kernel.json")))
    if km.transport == "ipc":
        km.ip = f"/run/k{uuid.uuid4().hex[:8]}"
    return km


# --------------------------------------------------------------------------- the executor

def _executor_class():
    from nbclient import NotebookClient
    from nbclient.util import ensure_async

    class Executor(NotebookClient):
        """nbclient's executor with the stall watchdog in its wait for an execute reply."""

        async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
            deadline = None if timeout is None else time.monotonic() + timeout
            idle_since = None
            while True:
                left = None if deadline is None else deadline - time.monotonic()
                try:
                    if left is not None and left <= 0:
                        raise Empty
                    msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=POLL if left is None
                                                                           else min(POLL, left)))
                except Empty:
                    if left is not None and left <= 0:
                        task_poll_kernel_alive.cancel()
                        await self._async_check_alive()
                        await self._async_handle_timeout(timeout, cell)      # raises CellTimeoutError
                    if task_poll_output_msg.done():                           # the kernel said it is idle
                        idle_since = idle_since or time.monotonic()
                        if time.monotonic() - idle_since > self.stall_seconds:
                            task_poll_kernel_alive.cancel()
                            raise Stalled(f"cell {cell.get('id', '?')}") from None
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                try:
                    await asyncio.wait_for(task_poll_output_msg, self.iopub_timeout)
                except (asyncio.TimeoutError, Empty):
                    if self.raise_on_iopub_timeout:
                        raise
                task_poll_kernel_alive.cancel()
                return msg

        output_bytes = 0
        output_limit: int | None = None            # bytes of cell output kept; beyond it outputs are dropped
        dropped_output = False
        _probing = False

        def output(self, outs, msg, display_id, cell_index):
            if self.output_limit is not None and not self._probing:
                content = msg.get("content", {})
                size = len(str(content.get("text", ""))) + sum(len(str(v)) for v in content.get("data", {}).values())
                self.output_bytes += size
                if self.output_bytes > self.output_limit:
                    self.dropped_output = True
                    return None
            return super().output(outs, msg, display_id, cell_index)

        async def run(self, env: dict, after_cell=None, at_end=None, **launch) -> None:
            # cleanup_kc: nbclient shuts down only kernels whose manager it created itself; ours is given to it
            async with self.async_setup_kernel(env=env, cleanup_kc=True, **launch):
                reply = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
                if reply is not None and "language_info" in reply["content"]:
                    self.nb.metadata["language_info"] = reply["content"]["language_info"]
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
                    if after_cell is not None:
                        await after_cell(self, index, cell)
                if at_end is not None:
                    await at_end(self)
                self.set_widgets_metadata()

        async def run_code(self, code: str):
            """Execute ``code`` (not part of the notebook) in the kernel; returns its outputs."""
            from nbformat.v4 import new_code_cell

            cell = new_code_cell(code)
            self.nb.cells.append(cell)                  # nbclient writes the cell back at its index
            self._probing = True
            try:
                await self.async_execute_cell(cell, len(self.nb.cells) - 1, store_history=False)
            finally:
                self._probing = False
                self.nb.cells.pop()
            return cell.outputs

    return Executor


@checked
def kernel_environment(extra_env: dict | None = None, base: dict | None = None) -> dict:
    """The environment a kernel starts with: ``base`` (default: this process's), one thread, ``extra_env``."""
    env = dict(os.environ if base is None else base)
    env.update(THREAD_ENV)
    env.update(extra_env or {})
    return env


@checked
def execute(nb, folder, timeout: float = 600, extra_env: dict | None = None, allow_errors: bool = False,
            retry_stalls: bool = True) -> Outcome:
    """Execute ``nb`` (in place) in a fresh kernel started in ``folder``; raises what a cell raises
    (``CellExecutionError``) unless ``allow_errors``. A stalled kernel is retried once (``Outcome.retried``)."""
    import copy

    original = copy.deepcopy(nb)
    env = kernel_environment(extra_env)
    outcome = None
    for attempt in range(2 if retry_stalls else 1):
        work = nb if attempt == 0 else copy.deepcopy(original)
        start = time.perf_counter()
        try:
            _run(work, folder, timeout, env, allow_errors)
        except Stalled:
            if attempt == 0 and retry_stalls:
                outcome = Outcome(seconds=time.perf_counter() - start, retried=True)
                continue
            raise
        if work is not nb:
            nb.cells, nb.metadata = work.cells, work.metadata
        seconds = time.perf_counter() - start
        return Outcome(seconds=seconds, retried=outcome is not None)
    raise Stalled("twice")


def _run(nb, folder, timeout: float, env: dict, allow_errors: bool, km=None, after_cell=None, at_end=None,
         monitor: Callable[[object], Awaitable[None]] | None = None, stall_seconds: float = STALL_SECONDS,
         output_limit: int | None = None, kernel_log=None):
    """Execute ``nb`` in place; returns the executor (``dropped_output`` says whether outputs were cut).

    ``kernel_log``: an open file for the kernel process's own stdout and stderr (default: this process's)."""
    executor = _executor_class()(nb, km=km or _kernel_manager(None), timeout=None, allow_errors=allow_errors,
                                 record_timing=False, startup_timeout=60, resources={"metadata": {"path": str(folder)}},
                                 timeout_func=_deadline(timeout))
    executor.stall_seconds = stall_seconds
    executor.output_limit = output_limit
    if km is not None:
        executor.shutdown_kernel = "immediate"                   # a graded kernel is killed, not asked to leave

    launch = {"stdout": kernel_log, "stderr": kernel_log} if kernel_log is not None else {}

    async def main():
        if monitor is None:
            await executor.run(env, after_cell, at_end, **launch)
            return
        task = asyncio.ensure_future(executor.run(env, after_cell, at_end, **launch))
        guard = asyncio.ensure_future(monitor(executor))
        done, _ = await asyncio.wait({task, guard}, return_when=asyncio.FIRST_COMPLETED)
        if guard in done and not task.done():
            await asyncio.wait({task}, timeout=10)                    # the kernel was killed: let it unwind
        guard.cancel()
        if guard in done and guard.exception() is not None:
            task.cancel()
            raise guard.exception()
        await task

    import atexit

    try:
        asyncio.run(main())
    finally:
        atexit.unregister(executor._cleanup_kernel)          # nbclient leaves it registered when start-up fails
    return executor


def _deadline(timeout: float):
    """nbclient's per-cell timeout: whatever is left of the notebook's ``timeout`` (at least 1 s)."""
    end = time.monotonic() + timeout
    return lambda cell: max(1, int(end - time.monotonic() + 0.999))


__all__ = ["LimitExceeded", "Outcome", "Stalled", "execute", "kernel_environment"]


# --------------------------------------------------------------------------- a long run, to find stalls

@checked
def soak(count: int, paths: list, log: Path, timeout: float = 600, progress: bool = True) -> dict:
    """Execute the notebooks ``paths`` one after another, round robin, ``count`` times in all, through
    :func:`execute`; one JSON line per execution is appended to ``log`` (seconds, whether the stall watchdog had
    to retry, the problem). An interrupted soak resumes from ``log``. Returns the summary of the whole log."""
    import nbformat
    from tqdm import tqdm

    from ._checks import check_positive_int

    check_positive_int("count", count, maximum=100_000)
    if not paths:
        raise ValueError("paths is empty: name at least one notebook to execute")
    log = Path(log)
    done = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if log.exists() else []
    bar = tqdm(total=count, initial=min(len(done), count), desc="执行", unit="本", disable=not progress,
               bar_format="{desc} {n_fmt}/{total_fmt} |{bar}| 已用 {elapsed}，还剩 {remaining}")
    try:
        with log.open("a", encoding="utf-8") as f:
            for i in range(len(done), count):
                path = Path(paths[i % len(paths)])
                nb = nbformat.read(path, as_version=4)
                start = time.perf_counter()
                try:
                    outcome = execute(nb, path.parent, timeout)
                    row = {"i": i, "notebook": path.name, "seconds": round(outcome.seconds, 2),
                           "retried": outcome.retried, "problem": ""}
                except Exception as e:                               # noqa: BLE001 - recorded in the log
                    row = {"i": i, "notebook": path.name, "seconds": round(time.perf_counter() - start, 2),
                           "retried": isinstance(e, Stalled), "problem": f"{type(e).__name__}: {str(e)[:200]}"}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                f.flush()
                done.append(row)
                bar.update(1)
    finally:
        bar.close()
    return soak_summary(done[:count])


@checked
def soak_summary(rows: list[dict]) -> dict:
    """Counts and times of a soak log's rows."""
    import statistics

    seconds = [r["seconds"] for r in rows] or [0.0]
    return {"executions": len(rows), "stalls_retried": sum(r["retried"] for r in rows),
            "failed": sum(bool(r["problem"]) for r in rows), "total_s": round(sum(seconds), 1),
            "median_s": round(statistics.median(seconds), 2), "max_s": round(max(seconds), 2),
            "min_s": round(min(seconds), 2)}
