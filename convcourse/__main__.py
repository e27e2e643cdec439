"""Command line: ``python -m convcourse {syllabus,doctor,run,export,solutions,key,grade,grade-demo,soak,site,slides,bench} ...``."""
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

    paths = notebook_paths(args.notebooks)
    differing = 0
    for p in paths:
        print(f"running {p.name} ...", flush=True)
        seconds = execute(p)
        print(f"  ok, {seconds:.1f} s", flush=True)
        if args.cpu:
            differing += _check_other_cpu(p, args.cpu)
    if args.cpu and differing:
        print(f"{differing} cell(s) print numbers that depend on the CPU: make the demo well-conditioned, or put "
              "those numbers after a ※ on their line and assert the claim (see CONTRIBUTING, 'Outputs that pass "
              "on any CPU')", file=sys.stderr)
        return 1
    return 0


def _check_other_cpu(path, cpu: str) -> int:
    """Re-execute a copy of ``path`` under instruction-set cap ``cpu``; print the cells that differ."""
    from .portability import differing_cells

    import nbformat

    cells = nbformat.read(path, as_version=4).cells
    diffs = differing_cells(path, cpu)
    for i, old, new in diffs:
        print(f"  cell {i} differs under --cpu {cpu} ({cells[i].source.splitlines()[0][:60]!r}):")
        for a, b in zip(old.splitlines(), new.splitlines()):
            if a != b:
                print(f"    stored: {a[:100]}\n    {cpu}:  {b[:100]}")
    if not diffs:
        print(f"  same outputs under --cpu {cpu}")
    return len(diffs)


def _export(args) -> int:
    from .export import export_instructors, export_students

    if args.students == args.instructors:
        print("error: say which edition to export: --students (unanswered, verdicts cleared) "
              "or --instructors (reference answers filled in)", file=sys.stderr)
        return 2
    out = args.out or ("build/students" if args.students else "build/instructors")
    if args.students:
        written = export_students(out, args.notebooks)
    else:
        written = export_instructors(out, args.notebooks, key=args.key)
    edition = "student" if args.students else "instructor"
    print(f"{edition} edition: {len(written)} notebooks in {written[0].parent}")
    return 0


def _solutions(args) -> int:
    from .solutions import solutions_text

    print(solutions_text(args.notebooks, key=args.key), end="")
    return 0


def _key(args) -> int:
    from .key import disagreements, publish

    if args.action == "publish":
        changed = publish(args.key)
        print(f"key publish: {len(changed)} seal(s) written" + (f" ({', '.join(changed)})" if changed else ""))
        return 0
    problems = disagreements(args.key)
    for line in problems:
        print(line)
    print(f"key check: {'the package agrees with the key' if not problems else f'{len(problems)} disagreement(s)'}")
    return 1 if problems else 0


def _soak(args) -> int:
    from pathlib import Path

    from .execution import soak
    from .notebooks import notebook_paths

    summary = soak(args.count, notebook_paths(args.notebooks), Path(args.log), timeout=args.timeout,
                   progress=not args.no_progress)
    print("soak: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    return 1 if summary["stalls_retried"] or summary["failed"] else 0


def _grade_demo(args) -> int:
    from .grade_demo import make_class

    names = make_class(args.out, students=args.students, lessons=tuple(args.lessons), key=args.key, seed=args.seed)
    print(f"grade-demo: {len(names)} students x {len(args.lessons)} lessons written to {args.out}")
    return 0


def _grade(args) -> int:
    from .grade import grade
    from .submission import Limits

    limits = Limits(seconds=args.timeout, memory_mib=args.memory)
    _, table = grade(args.folder, key=args.key, out=args.out, jobs=args.jobs, limits=limits, force=args.force,
                     lessons=args.lessons or None, progress=not args.no_progress)
    print(table)
    return 0


def _site(args) -> int:
    from .site import build_site

    pages = build_site(args.out, args.notebooks)
    folder = pages[0].parent.resolve()
    print(f"site: wrote {len(pages)} pages ({len(pages) - 1} notebooks + index) to {folder}")
    print(f"open {folder / 'index.html'}")
    return 0


def _slides(args) -> int:
    from .site import build_slides

    written = build_slides(args.out, args.notebooks)
    folder = written[0].parent.resolve()
    print(f"slides: wrote {len(written)} reveal.js slide show(s) to {folder} (reveal.js, MathJax, fonts beside them)")
    for p in written:
        print(f"open {p.resolve()}")
    return 0


def _bench(args) -> int:
    from .bench import main as bench_main

    return bench_main(args)


def _diagrams(args) -> int:
    from .diagrams import ASSETS, write_all

    written = write_all(args.out or ASSETS, args.names or None)
    print(f"diagrams: {len(written)} PNG files in {written[0].parent if written else args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m convcourse", description="卷积模块精讲 course tools")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("syllabus", help="print the course table").set_defaults(func=_syllabus)
    sub.add_parser("doctor", help="check the environment: versions, Chinese font, widgets, notebooks").set_defaults(func=_doctor)
    run = sub.add_parser("run", help="re-execute notebooks in place from a fresh kernel, storing outputs")
    run.add_argument("notebooks", nargs="*", help="file names, paths or numbers (default: all)")
    run.add_argument("--cpu", choices=["sse41", "avx2", "avx512"], default=None,
                     help="then re-execute a copy with torch capped to this instruction set (standing in for "
                          "another CPU) and list the cells whose outputs differ; exit 1 if any")
    run.set_defaults(func=_run)
    export = sub.add_parser("export", help="write the student edition (unanswered) or the instructor edition (answers filled in)")
    export.add_argument("--students", action="store_true", help="student edition: exercise verdicts cleared")
    export.add_argument("--instructors", action="store_true", help="instructor edition: reference solutions filled in")
    export.add_argument("--out", default=None, help="output folder (default: build/students or build/instructors)")
    export.add_argument("--key", default=None, help="the instructor's key folder (default: $CONVCOURSE_KEY or instructor/key)")
    export.add_argument("notebooks", nargs="*", help="file names, paths or numbers (default: all)")
    export.set_defaults(func=_export)
    solutions = sub.add_parser("solutions", help="print the worked solutions (answer and how to get it)")
    solutions.add_argument("notebooks", nargs="*", help="notebook numbers, e.g. 17 (default: all)")
    solutions.add_argument("--key", default=None, help="the instructor's key folder (default: $CONVCOURSE_KEY or instructor/key)")
    solutions.set_defaults(func=_solutions)
    key = sub.add_parser("key", help="instructors: write the student edition's seals from the key (publish) or compare them (check)")
    key.add_argument("action", choices=["publish", "check"])
    key.add_argument("--key", default=None, help="the key folder (default: $CONVCOURSE_KEY or instructor/key)")
    key.set_defaults(func=_key)
    grade = sub.add_parser("grade", help="run each student's notebooks in a sandbox and judge their answers against the key")
    grade.add_argument("folder", help="one sub-folder per student, notebooks NN_*.ipynb inside")
    grade.add_argument("--key", default=None, help="the instructor's key folder (default: $CONVCOURSE_KEY or instructor/key)")
    grade.add_argument("-j", "--jobs", type=int, default=1, help="notebooks graded at the same time (default: 1)")
    grade.add_argument("--timeout", type=float, default=120, help="seconds allowed per notebook (default: 120)")
    grade.add_argument("--memory", type=float, default=2048, help="MiB a notebook may use (default: 2048)")
    grade.add_argument("--force", action="store_true", help="grade again even submissions that did not change")
    grade.add_argument("--lessons", nargs="*", default=None, help="lesson numbers to grade (default: every lesson handed in)")
    grade.add_argument("--out", default=None, help="output folder (default: DIR/_grades)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.set_defaults(func=_grade)
    demo = sub.add_parser("grade-demo", help="instructors: write a generated class (honest and cheating students) to try grade on")
    demo.add_argument("out", help="folder to write the class into")
    demo.add_argument("--students", type=int, default=40, help="number of students (default: 40)")
    demo.add_argument("--lessons", nargs="+", default=["01", "11", "13"], help="lessons each student hands in")
    demo.add_argument("--seed", type=int, default=0, help="seed of the right / wrong / blank answers")
    demo.add_argument("--key", default=None, help="the instructor's key folder (default: $CONVCOURSE_KEY or instructor/key)")
    demo.set_defaults(func=_grade_demo)
    soak = sub.add_parser("soak", help="execute notebooks COUNT times in a row through the shared execution path, counting stalls")
    soak.add_argument("count", type=int)
    soak.add_argument("--notebooks", nargs="*", default=None, help="lessons to cycle through (default: all)")
    soak.add_argument("--log", default="soak.jsonl", help="one line per execution; an interrupted soak resumes from it")
    soak.add_argument("--timeout", type=float, default=600)
    soak.add_argument("--no-progress", action="store_true")
    soak.set_defaults(func=_soak)
    site = sub.add_parser("site", help="build the offline HTML version of the course (stored outputs, no execution)")
    site.add_argument("--out", default="_site", help="output folder (default: _site)")
    site.add_argument("notebooks", nargs="*", help="file names, paths or numbers (default: all)")
    site.set_defaults(func=_site)
    slides = sub.add_parser("slides", help="reveal.js slides of notebooks, offline (local reveal.js and MathJax)")
    slides.add_argument("--out", default="build/slides", help="output folder (default: build/slides)")
    slides.add_argument("notebooks", nargs="*", help="file names, paths or numbers (default: all)")
    slides.set_defaults(func=_slides)
    bench = sub.add_parser("bench", help="time course models against torchvision (interleaved); --notebooks: run time and memory")
    bench.add_argument("--repeats", type=int, default=10, help="timed forward passes per model (default: 10)")
    bench.add_argument("--notebooks", nargs="*", default=None, metavar="NN",
                       help="also execute notebooks (every one, or the numbers / names given, e.g. --notebooks 03 05) "
                            "and report time and peak memory")
    bench.add_argument("--only", nargs="*", default=None, help="names of the model pairs to time (default: all)")
    bench.set_defaults(func=_bench)
    diagrams = sub.add_parser("diagrams", help="draw every block diagram (shapes measured by a forward pass) as PNG")
    diagrams.add_argument("--out", default=None, help="output folder (default: assets/diagrams)")
    diagrams.add_argument("names", nargs="*", help="diagram names (default: all)")
    diagrams.set_defaults(func=_diagrams)
    return parser


def main(argv=None) -> int:
    """Run one command; a bad argument or file is one ``error: ...`` line on stderr and exit code 2 (here, once)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (OSError, ValueError) as e:          # a file that is missing, a folder, not JSON, not writable ...
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 2
    except Exception as e:                      # nbformat's NotJSONError / ValidationError: a file that is no notebook
        if type(e).__module__.startswith(("nbformat", "jsonschema", "json")):
            print(f"error: not a readable notebook: {_one_line(e)}", file=sys.stderr)
            return 2
        raise


def _one_line(e: BaseException) -> str:
    """An exception as one line: its class for file-system errors (``PermissionError: ...``), the message."""
    text = " ".join(str(e).split()) or type(e).__name__
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(e).__name__}: {text}" if isinstance(e, OSError) else text


if __name__ == "__main__":
    sys.exit(main())
