"""A sandbox for one student's kernel: ``python -m convcourse.sandbox SPEC.json -- KERNEL ARGV...``.

The grader starts every submission's kernel through this launcher. On Linux it uses namespaces, which need no
root where unprivileged user namespaces are enabled (the default on Debian, Ubuntu and Fedora):

* **files**: the kernel sees a fresh, read-only root that holds only what it needs -- the system folders, the
  Python installation, the course package -- plus three small writable tmpfs folders: the copy of the
  submission (``/submission``, its working folder), ``/tmp`` and ``/run`` (its sockets). Everything else on the
  machine (the answer key, the other students' folders, the grades, the home folder) is simply not there; the
  old root is detached, and the kernel holds no capability that could remount anything;
* **processes**: a new PID namespace: the kernel sees only its own processes, and when it exits (or the grader
  kills the launcher) every process it started, forks that outlived it included, is killed with it;
* **network**: a new network namespace with no interface: nothing goes out (the grader talks to the kernel over
  Unix sockets in the sandbox's ``/run``, reached from outside through ``/proc/<pid>/root``);
* **limits**: address space, CPU seconds, processes and file size (``setrlimit``); the grader adds a wall-clock
  deadline and a memory watchdog on top.

Where namespaces are refused (another OS, or a kernel with user namespaces switched off) the launcher falls back
to the limits alone and says so (``"isolation": "limits"`` in its status file): the kernel then runs as the
grader's user, can read what that user can read, and the grader reports the weaker isolation.

Nothing here imports torch: the launcher starts in a fraction of a second.
"""
from __future__ import annotations

import ctypes
import json
import os
import platform
import resource
import shutil
import signal
import sys
from pathlib import Path
from ._checks import checked

INSIDE = "/submission"                  # the submission's working folder inside the sandbox
RUN = "/run"                            # the kernel's Unix sockets
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/sys")
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group", "nsswitch.conf", "hosts",
       "mime.types", "os-release")
DEVICES = ("null", "zero", "full", "random", "urandom")

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x4000, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV = 0x1, 0x2, 0x4
SYS_MOUNT_SETATTR = 442                                            # the same number on every architecture
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "i686": 217, "armv7l": 218, "riscv64": 41}.get(platform.machine())

_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


class SandboxError(OSError):
    """A step of setting up the sandbox failed (the launcher then falls back or exits)."""


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise SandboxError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None          # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _read_only(target: str, is_dir: bool) -> None:
    """Make the bind mount at ``target`` (and, for a folder, every mount below it) read-only."""
    if is_dir:
        attr = _MountAttr(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, 0, 0, 0)
        if _libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, target.encode(), AT_RECURSIVE, ctypes.byref(attr),
                         ctypes.sizeof(attr)) == 0:
            return
    # older kernels (< 5.12): this mount only; a remount must keep the flags the source mount is locked with
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
    if _libc.mount(None, target.encode(), None, ctypes.c_ulong(flags), None) != 0:
        _mount(None, target, None, flags | MS_NOEXEC)


def _bind(source: str, root: str, read_only: bool = True) -> None:
    """Bind ``source`` at the same path under ``root`` (folders recursively), read-only unless asked."""
    target = root + source
    is_dir = os.path.isdir(source)
    if is_dir:
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    _mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        _read_only(target, is_dir)


def _tmpfs(target: str, mib: float, mode: str = "755", flags: int = MS_NOSUID | MS_NODEV) -> None:
    os.makedirs(target, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", flags, f"size={max(1, int(mib * 1024))}k,mode={mode}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def _enter_namespaces() -> None:
    """New user, mount, PID, network, IPC and UTS namespaces; the caller becomes uid/gid 1000 inside."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS),
           "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"1000 {uid} 1")
    _write("/proc/self/gid_map", f"1000 {gid} 1")


def _build_root(spec: dict) -> None:
    """Runs as PID 1 of the new namespaces, before the kernel: the new root, then ``pivot_root`` into it."""
    root = spec["root"]
    _mount(None, "/", None, MS_REC | MS_PRIVATE)                   # nothing propagates back to the machine
    _tmpfs(root, 4)
    for path in [*SYSTEM, *(f"/etc/{name}" for name in ETC)]:
        if os.path.islink(path) and path in SYSTEM:                 # /lib -> usr/lib: keep the link
            os.symlink(os.readlink(path), root + path)
        elif os.path.exists(path):
            _bind(path, root)
    for path in spec["read_only"]:
        if os.path.exists(path) and not os.path.exists(root + path):
            _bind(os.path.realpath(path), root) if os.path.realpath(path) == path else _bind(path, root)
    for path in spec.get("hide", []):                             # a key kept inside a folder bound above
        target = root + path
        if os.path.isdir(target):
            _tmpfs(target, 0.01, flags=MS_NOSUID | MS_NODEV | MS_RDONLY)
        elif os.path.lexists(target):
            _mount("/dev/null", target, None, MS_BIND)
    os.makedirs(root + "/proc", exist_ok=True)
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _tmpfs(root + "/dev", 0.1, flags=MS_NOSUID)
    for name in DEVICES:
        open(f"{root}/dev/{name}", "a").close()
        _mount(f"/dev/{name}", f"{root}/dev/{name}", None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    _tmpfs(root + "/dev/shm", spec.get("shm_mib", 64), "1777")
    _tmpfs(root + "/tmp", spec["tmp_mib"], "1777")
    _tmpfs(root + RUN, 1)
    _tmpfs(root + INSIDE, spec["submission_mib"])
    for path in spec.get("read_only_files", []):                  # the connection file (under the host's /tmp)
        _bind(path, root)
    shutil.copytree(spec["submission"], root + INSIDE, symlinks=True, dirs_exist_ok=True)
    for name in spec.get("tmp_dirs", []):
        os.makedirs(f"{root}/tmp/{name}", exist_ok=True)
    for source, name in spec.get("tmp_files", {}).items():          # e.g. a prepared matplotlib font cache
        if os.path.exists(source):
            shutil.copy(source, f"{root}/tmp/{name}")
    os.chdir(root)
    _check(_libc.syscall(SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _limit(spec: dict) -> None:
    """The resource limits of the kernel and everything it starts (inherited across fork and exec)."""
    limits = {resource.RLIMIT_AS: spec.get("address_space_bytes"), resource.RLIMIT_CPU: spec.get("cpu_seconds"),
              resource.RLIMIT_FSIZE: spec.get("file_bytes"), resource.RLIMIT_CORE: 0,
              resource.RLIMIT_NOFILE: 4096}
    if spec.get("isolation") == "namespaces":   # counted per user namespace: only the sandbox's processes
        limits[resource.RLIMIT_NPROC] = spec.get("processes")
    for which, value in limits.items():
        if value is not None:
            soft, hard = resource.getrlimit(which)
            value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
            resource.setrlimit(which, (value, value))


def _exec_kernel(spec: dict, argv: list[str]) -> None:
    _limit(spec)
    if _libc is not None:
        _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    env = dict(os.environ)
    if spec.get("isolation") == "namespaces":
        env.pop("JPY_PARENT_PID", None)           # the kernel's parent is PID 1 here; the launcher watches instead
    os.chdir(spec.get("cwd", INSIDE) if spec.get("isolation") == "namespaces" else spec["submission"])
    os.execve(argv[0], argv, env)


def _status(spec: dict, **fields) -> None:
    if spec.get("status_file"):
        _write(spec["status_file"], json.dumps(fields))


def _init(spec: dict, argv: list[str]) -> int:
    """PID 1 inside: build the root, start the kernel, reap every orphan; exit when the kernel exits."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)        # the launcher is gone: so is the sandbox
    try:
        _build_root(spec)
    except (OSError, shutil.Error) as e:
        print(f"convcourse.sandbox: {e}", file=sys.stderr)
        return 70
    signal.signal(signal.SIGINT, signal.SIG_IGN)                  # an interrupt is for the kernel only
    kernel = os.fork()
    if kernel == 0:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            _exec_kernel(spec, argv)
        finally:
            os._exit(127)
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            return 1
        if pid == kernel:
            return os.waitstatus_to_exitcode(status) & 0xFF       # leaving kills every process left inside


@checked
def launch(spec: dict, argv: list[str]) -> int:
    """The launcher: namespaces when the system allows them, else the limits alone."""
    if _libc is not None:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)    # the grader is gone: so is this submission
    if spec.get("isolation") == "namespaces":
        try:
            _enter_namespaces()
        except OSError as e:
            spec["isolation"] = "limits"
            spec["why"] = str(e)
    if spec.get("isolation") != "namespaces":
        _status(spec, isolation="limits", why=spec.get("why", "namespaces not requested"), pid=os.getpid())
        _exec_kernel(spec, argv)                                   # does not return
    init = os.fork()
    if init == 0:
        os._exit(_init(spec, argv))
    _status(spec, isolation="namespaces", pid=os.getpid(), init=init)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            _, status = os.waitpid(init, 0)
            return os.waitstatus_to_exitcode(status) & 0xFF
        except InterruptedError:
            continue


@checked
def probe(root: str) -> str:
    """'' when a sandbox can be built here, else why not (run in a child process: namespaces are one-way)."""
    if _libc is None or SYS_PIVOT_ROOT is None:
        return f"{sys.platform}/{platform.machine()}: Linux namespaces are not available"
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _enter_namespaces()
            child = os.fork()
            if child == 0:
                try:
                    _mount(None, "/", None, MS_REC | MS_PRIVATE)
                    _tmpfs(root, 1)
                    os.chdir(root)
                    _check(_libc.syscall(SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
                    os._exit(0)
                except OSError:
                    os._exit(3)
            code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
        except OSError:
            code = 2
        finally:
            os._exit(code)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    return {0: "", 2: "user namespaces are switched off (unshare refused)",
            3: "mounting inside a user namespace is refused"}.get(code, f"sandbox probe failed ({code})")


@checked
def main(args: list[str]) -> int:
    if args[:1] == ["--probe"]:
        why = probe(args[1])
        print(why or "namespaces")
        return 0
    if len(args) < 3 or args[1] != "--":
        print("usage: python -m convcourse.sandbox SPEC.json -- KERNEL ARGV...", file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        spec = json.load(f)
    return launch(spec, args[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
