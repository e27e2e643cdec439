"""Command line: ``python -m convcourse {syllabus,doctor,run} ...``."""
from __future__ import annotations

import argparse
import sys


def _syllabus(args) -> int:
    from .syllabus import syllabus_markdown

    print(syllabus_markdown())
    return 0


def _doctor(args) -> int:
    from .doctor import run_checks

    return run_checks()


def _run(args) -> int:
    from .notebooks import execute, notebook_paths

    try:
        paths = notebook_paths(args.notebooks)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for p in paths:
        print(f"running {p.name} ...", flush=True)
        seconds = execute(p)
        print(f"  ok, {seconds:.1f} s", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m convcourse", description="卷积模块精讲 course tools")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("syllabus", help="print the course table").set_defaults(func=_syllabus)
    sub.add_parser("doctor", help="check the environment: versions, Chinese font, widgets, notebooks").set_defaults(func=_doctor)
    run = sub.add_parser("run", help="re-execute notebooks in place from a fresh kernel, storing outputs")
    run.add_argument("notebooks", nargs="*", help="file names, paths or numbers (default: all)")
    run.set_defaults(func=_run)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
