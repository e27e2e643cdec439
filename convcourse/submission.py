"""Grading one submitted notebook: run it in a sandbox, read its answers out of the kernel, judge them here.

The verdict never comes from the student's kernel. The notebook runs in a sandbox (:mod:`convcourse.sandbox`)
that holds no key; after each cell that checks an exercise (and once more at the end) the grader sends
:mod:`convcourse._probe` into the kernel and reads back what the student answered -- plain values for values,
choices and predictions; for a coding task, the outputs of the student's module on weights and inputs the
grader chose. Those are judged in this process against the instructor's key (:mod:`convcourse.key`) and the
package's own reference modules. Writing to files, redefining ``check``, patching ``torch``, ``numpy``, ``math``
or ``convcourse`` inside the kernel changes nothing here.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .execution import MONITOR_SECONDS, STALL_SECONDS, LimitExceeded, Stalled, _kernel_manager, _run, kernel_environment
from ._checks import checked
from ._proc import proc_kib, process_tree

MiB = 1 << 20
_CHECK = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
PROBE_SOURCE = (Path(__file__).with_name("_probe.py")).read_text(encoding="utf-8")
PROBE_NS = "__convcourse_probe__"


@dataclass
class Limits:
    """What one submission may use: wall seconds for the whole notebook, memory (proportional set size of the
    kernel and everything it starts), and the sizes of its writable folders."""

    seconds: float = 120
    memory_mib: float = 2048
    submission_mib: float = 256
    tmp_mib: float = 256
    processes: int = 256
    output_mib: float = 64


@dataclass
class Captured:
    """What was read out of the kernel for one exercise."""

    payload: dict
    outputs: dict = field(default_factory=dict)      # coding: the student's module's output (as the probe sent it)


@dataclass
class Run:
    """One execution of a submission: its problem in words ('' if it ran through) and the captured answers."""

    problem: str = ""
    captured: dict = field(default_factory=dict)     # exercise id -> Captured
    seconds: float = 0.0
    peak_mib: float = 0.0
    isolation: str = ""
    retried: bool = False
    notes: list = field(default_factory=list)


# --------------------------------------------------------------------------- the sandbox

def _python_paths() -> list[str]:
    """What a kernel must read: the Python installation, the virtual environment, site-packages, the package."""
    from . import __file__ as package_init

    package = Path(package_init).resolve().parent
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent),
             str(package), str(package.parent / "assets")}
    for p in sys.path:
        if p and "site-packages" in p or p.endswith("dist-packages"):
            paths.add(p)
    return sorted(str(Path(p)) for p in paths if p and os.path.isdir(p))


@checked
def sandbox_spec(work: Path, copy: Path, limits: Limits, hide: list[Path], isolation: str,
                 font_cache: Path | None) -> Path:
    """Write the launcher's spec for one submission; returns its path."""
    spec = {
        "isolation": isolation, "transport": "ipc" if isolation == "namespaces" else "tcp",
        "root": str(work / "root"), "submission": str(copy), "read_only": _python_paths(),
        "read_only_files": [str(work / "kernel.json")], "hide": [str(h) for h in hide],
        "tmp_mib": limits.tmp_mib, "submission_mib": limits.submission_mib,
        "address_space_bytes": int((limits.memory_mib + 6144) * MiB), "cpu_seconds": int(limits.seconds * 2 + 30),
        "processes": limits.processes, "file_bytes": int(limits.tmp_mib * MiB),
        "status_file": str(work / "status.json"),
        "tmp_dirs": ["home", "matplotlib", "ipython", "jupyter", "cache"],
        "tmp_files": {str(font_cache): f"matplotlib/{font_cache.name}"} if font_cache else {},
    }
    (work / "root").mkdir(exist_ok=True)
    path = work / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


@checked
def sandbox_env(isolation: str, copy: Path) -> dict:
    """The kernel's whole environment: nothing of the grader's (no key path, no tokens)."""
    package_parent = str(Path(__file__).resolve().parents[1])
    home = "/tmp/home" if isolation == "namespaces" else str(copy / ".home")
    tmp = "/tmp" if isolation == "namespaces" else str(copy / ".tmp")
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": home,
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONPATH": package_parent, "PYTHONDONTWRITEBYTECODE": "1",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLCONFIGDIR": f"{tmp}/matplotlib", "IPYTHONDIR": f"{tmp}/ipython",
           "JUPYTER_RUNTIME_DIR": f"{tmp}/jupyter", "JUPYTER_DATA_DIR": f"{tmp}/jupyter", "XDG_CACHE_HOME": f"{tmp}/cache",
           "TMPDIR": tmp}
    if isolation != "namespaces":
        for name in ("home", "matplotlib", "ipython", "jupyter", "cache"):
            (Path(tmp) / name if name != "home" else Path(home)).mkdir(parents=True, exist_ok=True)
    return kernel_environment(base=env)


_ISOLATION: dict = {}


@checked
def isolation(work_root: Path) -> tuple[str, str]:
    """('namespaces', '') when sandboxes can be built here, else ('limits', why not); probed once."""
    if "level" not in _ISOLATION:
        import subprocess

        probe_root = Path(work_root) / "probe-root"
        probe_root.mkdir(parents=True, exist_ok=True)
        try:
            out = subprocess.run([sys.executable, "-m", "convcourse.sandbox", "--probe", str(probe_root)],
                                 capture_output=True, text=True, timeout=30,
                                 env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
            why = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else (out.stderr.strip() or "probe failed")
        except (OSError, subprocess.SubprocessError) as e:
            why = str(e)
        _ISOLATION["level"] = ("namespaces", "") if why == "namespaces" else ("limits", why)
    return _ISOLATION["level"]


@checked
def font_cache(work_root: Path) -> Path | None:
    """matplotlib's font list, built once, so that every sandboxed kernel does not rebuild it (~1 s each)."""
    import subprocess

    folder = Path(work_root) / "mplcache"
    folder.mkdir(parents=True, exist_ok=True)
    found = sorted(folder.glob("fontlist-*.json"))
    if not found:
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], capture_output=True, timeout=120,
                       env={**os.environ, "MPLCONFIGDIR": str(folder)})
        found = sorted(folder.glob("fontlist-*.json"))
    return found[0] if found else None


# --------------------------------------------------------------------------- watching the kernel

def _pss_mib(pids) -> float:
    """Proportional set size of ``pids`` together: shared pages counted once across them."""
    return sum(proc_kib(pid, "smaps_rollup", ("Pss",)) for pid in pids) / 1024


def _kill_group(pid: int) -> None:
    try:
        os.killpg(os.getpgid(pid), signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


LIVE: set[int] = set()           # launcher pids of the kernels running now (killed on Ctrl-C)


def _monitor(run: Run, limits: Limits, start: float):
    async def watch(executor):
        while True:
            await asyncio.sleep(MONITOR_SECONDS)
            km = executor.km
            pid = getattr(getattr(km, "provisioner", None), "pid", None) if km else None
            if pid is None:
                continue
            LIVE.add(pid)
            mib = _pss_mib(process_tree(pid)) if sys.platform.startswith("linux") else 0.0
            run.peak_mib = max(run.peak_mib, mib)
            if mib > limits.memory_mib:
                _kill_group(pid)
                raise LimitExceeded(f"内存超过上限（{mib:,.0f} MiB > {limits.memory_mib:,.0f} MiB），已停止")
            if time.monotonic() - start > limits.seconds + 5:
                _kill_group(pid)
                raise LimitExceeded(f"超时（整本限时 {limits.seconds:g} s），已停止")
    return watch


# --------------------------------------------------------------------------- reading answers

def _probe_call(function: str, *args) -> str:
    """Code that defines the probe (once, in a namespace of its own) and calls one of its functions."""
    call = f"{PROBE_NS}[{function!r}](*{json.dumps(args)})"
    return (f"if {PROBE_NS!r} not in globals():\n"
            f"    globals()[{PROBE_NS!r}] = {{}}\n"
            f"    exec({PROBE_SOURCE!r}, globals()[{PROBE_NS!r}])\n"
            f"{call}")


def _payload(outputs) -> dict | None:
    from ._probe import MIME

    for out in outputs:
        data = out.get("data", {}) if out.get("output_type") == "display_data" else {}
        if MIME in data:
            value = data[MIME]
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    return None
            return value if isinstance(value, dict) else None
    return None


def _blob(t) -> dict:
    import torch

    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": base64.b64encode(t.numpy().tobytes()).decode("ascii")}


@checked
def tensor_from(blob: dict):
    """A probe's tensor (shape + base64 float64) as a tensor; ``ValueError`` for anything malformed."""
    import numpy as np
    import torch

    shape = blob.get("shape") if isinstance(blob, dict) else None
    if not isinstance(shape, list) or not all(isinstance(s, int) and 0 <= s for s in shape):
        raise ValueError("malformed shape")
    data = base64.b64decode(str(blob.get("data", "")), validate=True)
    count = 1
    for s in shape:
        count *= s
    if len(data) != 8 * count:
        raise ValueError("size does not match the shape")
    return torch.from_numpy(np.frombuffer(data, dtype="<f8").copy()).reshape(shape)


async def _capture(executor, run: Run, lesson_exercises: dict, ids: list[str]) -> None:
    """Read the answers of exercises ``ids`` out of the kernel into ``run.captured``."""
    from ._coding import plan_copy, random_inputs, reference, student_arguments, tensor_items

    values = [eid for eid in ids if lesson_exercises[eid].kind != "coding"]
    if values:
        names = [lesson_exercises[eid].var for eid in values]
        got = _payload(await executor.run_code(_probe_call("answers", names))) or {}
        for eid, name in zip(values, names):
            payload = got.get(name) if isinstance(got.get(name), dict) else {"unreadable": True}
            if payload.get("missing"):
                payload = {"unanswered": True}
            run.captured[eid] = Captured(payload)
    for eid in ids:
        ex = lesson_exercises[eid]
        if ex.kind != "coding":
            continue
        args, kwargs = student_arguments(ex)
        shape = _payload(await executor.run_code(_probe_call("layout", ex.name, list(args), dict(kwargs)))) or {}
        if "state" not in shape:
            run.captured[eid] = Captured({"unanswered": True} if shape.get("missing") else shape or {"unreadable": True})
            continue
        try:
            student_items = [(str(k), tuple(int(d) for d in s)) for k, s, floating in shape["state"]
                             if floating and not str(k).endswith("num_batches_tracked")]
        except (TypeError, ValueError):
            run.captured[eid] = Captured({"unreadable": True})
            continue
        ref, gen = reference(ex)
        state = ref.state_dict()
        mapping, problem = plan_copy(tensor_items(state), student_items)
        if problem:
            run.captured[eid] = Captured({"layout_problem": problem})
            continue
        xs = random_inputs(ex, gen)
        weights = {sk: _blob(state[rk]) for sk, rk in mapping.items()}
        out = _payload(await executor.run_code(
            _probe_call("run", ex.name, list(args), dict(kwargs), weights, [_blob(x) for x in xs]))) or {}
        run.captured[eid] = Captured(out if out else {"unreadable": True})


@checked
def execute_submission(path: Path, lesson_exercises: dict, work: Path, limits: Limits, hide: list[Path],
                       font: Path | None, isolation_level: str) -> Run:
    """Execute the notebook at ``path`` (a copy of the student's folder is made in ``work``) and capture answers."""
    import nbformat

    run = Run(isolation=isolation_level)
    copy = work / "submission"
    for attempt in range(2):
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(path.parent, copy, symlinks=True,
                        ignore=lambda d, names: [n for n in names if n.endswith(".ipynb") and n != path.name]
                        if Path(d) == path.parent else [])
        nb = nbformat.read(copy / path.name, as_version=4)
        spec = sandbox_spec(work, copy, limits, hide, isolation_level, font)
        km = _kernel_manager(spec)
        env = sandbox_env(isolation_level, copy)
        pending = {eid for eid in lesson_exercises}
        run.captured = {}

        async def after_cell(executor, index, cell):
            if cell.cell_type != "code":
                return
            ids = [eid for eid in dict.fromkeys(_CHECK.findall(cell.source)) if eid in lesson_exercises]
            if ids:
                await _capture(executor, run, lesson_exercises, ids)
                pending.difference_update(ids)

        async def at_end(executor):                        # exercises whose check call the student removed
            if pending:
                await _capture(executor, run, lesson_exercises, sorted(pending))

        start = time.monotonic()
        run.peak_mib = 0.0
        log = open(work / "kernel.log", "ab")
        try:
            executor = _run(nb, copy, limits.seconds, env, allow_errors=True, km=km, after_cell=after_cell,
                            at_end=at_end, monitor=_monitor(run, limits, start), stall_seconds=STALL_SECONDS,
                            output_limit=int(limits.output_mib * MiB), kernel_log=log)
            run.problem = _first_error(nb)
            if executor.dropped_output:
                run.notes.append(f"输出超过 {limits.output_mib:g} MiB，多余的输出没有保存")
        except Stalled:
            if attempt == 0:
                run.retried = True
                run.notes.append("执行停滞（内核空闲却没有回复），已在新内核中重跑一次")
                continue
            run.problem = "执行两次都停滞（内核空闲却没有回复）"
        except LimitExceeded as e:
            run.problem = e.reason
        except Exception as e:                                     # noqa: BLE001 - recorded, grading goes on
            run.problem = _problem_of(e, limits)
        finally:
            log.close()
            run.seconds = time.monotonic() - start
            pid = getattr(getattr(km, "provisioner", None), "pid", None)
            if pid:
                _kill_group(pid)
                LIVE.discard(pid)
            status = work / "status.json"
            if status.exists():
                try:
                    run.isolation = json.loads(status.read_text()).get("isolation", run.isolation)
                except ValueError:
                    pass
        break
    return run


def _first_error(nb) -> str:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"出错：第 {i + 1} 格 {out.get('ename', '')}"
    return ""


def _problem_of(e: Exception, limits: Limits) -> str:
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(e, CellTimeoutError):
        return f"超时（整本限时 {limits.seconds:g} s）"
    if isinstance(e, DeadKernelError):
        return "内核退出了（笔记本结束了自己的进程，或被系统停止）"
    if isinstance(e, RuntimeError) and "Kernel didn't respond" in str(e):
        return "内核没有启动（60 s 内没有回应）"
    return f"无法执行：{type(e).__name__}"


__all__ = ["Captured", "Limits", "Run", "execute_submission", "isolation", "tensor_from"]
