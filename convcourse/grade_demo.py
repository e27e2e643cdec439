"""A generated class for trying the grader: honest students whose answers are right, wrong or blank (mixed by a
seed), and students who try to cheat, one way each (:data:`TAMPERING`).

``python -m convcourse grade-demo OUT`` writes such a class (40 students x 3 lessons by default);
``python -m convcourse grade OUT`` then grades it. ``tests/test_grade.py`` grades one student per kind of
tampering and checks that none earns a credit an honest blank notebook would not.

Every submission starts from the student edition (:func:`convcourse.export.student_notebook`) and is answered
with :func:`convcourse.export.fill_notebook`, so it looks exactly like what a student hands in.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from ._checks import checked

CHOICES = ("right", "wrong", "blank")


@dataclass(frozen=True)
class Tamper:
    """One way to cheat. ``where``: ``first`` (a new cell before the first exercise), ``each`` (lines put before
    every ``check`` call; ``{id}`` and ``{var}`` are filled in), ``last`` (a new cell at the end). ``kinds``:
    which exercises ``each`` applies to (``all``, ``values`` or ``coding``)."""

    where: str
    code: str
    what: str
    kinds: str = "all"


_RESULTS_LINES = (
    "import json, os\n"
    "with open(os.environ.get('CONVCOURSE_RESULTS', 'results.jsonl'), 'a', encoding='utf-8') as f:\n"
    "    for i in range(1, 10):\n"
    "        f.write(json.dumps({{'id': '{lesson}.%d' % i, 'status': 'correct'}}) + '\\n')\n")

TAMPERING: dict[str, Tamper] = {
    "results_file": Tamper("last", _RESULTS_LINES, "在评分结果文件里写入“正确”"),
    "results_env": Tamper("first", "import os\nos.environ['CONVCOURSE_RESULTS'] = os.path.abspath('mine.jsonl')\n"
                          + _RESULTS_LINES, "把结果文件的环境变量指向自己的文件再写入"),
    "check_redefined": Tamper("each", "def check(*args, **kwargs):\n    print('✓ {id} 正确')\n", "重新定义 check"),
    "torch_allclose": Tamper("first", "import torch\ntorch.allclose = lambda *a, **k: True\n"
                             "torch.isclose = lambda a, b, *r, **k: torch.ones_like(torch.as_tensor(a), dtype=torch.bool)\n",
                             "把 torch.allclose / isclose 改成永远为真"),
    "torch_equal": Tamper("first", "import torch\ntorch.equal = lambda *a, **k: True\n", "把 torch.equal 改成永远为真"),
    "math_isclose": Tamper("first", "import math\nmath.isclose = lambda *a, **k: True\n", "把 math.isclose 改成永远为真"),
    "numpy_allclose": Tamper("first", "import numpy\nnumpy.allclose = lambda *a, **k: True\n"
                             "numpy.isclose = lambda *a, **k: True\n", "把 numpy.allclose / isclose 改成永远为真"),
    "convcourse_patched": Tamper(
        "first",
        "import convcourse.check, convcourse._coding, convcourse.key\n"
        "convcourse.check.compare = lambda *a, **k: True\n"
        "convcourse.check._evaluate = lambda *a, **k: ('correct', '✓ 正确')\n"
        "convcourse._coding.judge_output = lambda *a, **k: (True, '')\n"
        "convcourse.key.judge_value = lambda *a, **k: ('correct', '✓ 正确')\n",
        "改写 convcourse 的 check、_coding 与 key"),
    "probe_forged": Tamper(
        "each",
        "__convcourse_probe__ = {{name: (lambda *a, **k: display({{'application/vnd.convcourse.probe+json': "
        "{{'{var}': {{'value': 'correct', 'status': 'correct'}}, 'status': 'correct', 'output': 'correct'}}}}, "
        "raw=True)) for name in ('answers', 'layout', 'run')}}\n",
        "伪造评分器从内核读答案时的回复"),
    "key_from_disk": Tamper(
        "each",
        "import json, os\n"
        "for _path in ({key_file!r}, os.path.join(os.environ.get('CONVCOURSE_KEY', '.'), 'n{lesson}.json'),\n"
        "              '../../instructor/key/n{lesson}.json', '../instructor/key/n{lesson}.json'):\n"
        "    try:\n"
        "        {var} = json.load(open(_path, encoding='utf-8'))['{id}']['answer']\n"
        "        break\n"
        "    except Exception:\n"
        "        pass\n",
        "从磁盘读教师的答案文件", kinds="values"),
    "coding_reads_key": Tamper(
        "each",
        "import json\n"
        "try:\n"
        "    exec(json.load(open({key_file!r}, encoding='utf-8'))['{id}']['solution']['code'])\n"
        "except Exception:\n"
        "    pass\n",
        "编程题从教师的答案文件里取参考代码", kinds="coding"),
    "os_exit": Tamper("first", _RESULTS_LINES + "os._exit(0)\n", "写入结果文件后 os._exit(0)"),
    "kernel_killed": Tamper("first", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", "杀死自己的内核"),
    "fork_outlives": Tamper(
        "first",
        "import os\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        os.execvp('sleep', ['sleep', '{sleep_seconds}'])\n"
        "    os._exit(0)\n",
        "fork 出一个比内核活得久的进程"),
    "memory_20gb": Tamper(
        "first",
        "import numpy as np\nchunks = []\nwhile len(chunks) < 40:                  # 40 x 512 MiB = 20 GiB, touched\n"
        "    chunks.append(np.ones(2 ** 26))\n",
        "分配 20 GB 内存"),
    "infinite_loop": Tamper("first", "while True:\n    pass\n", "死循环"),
    "write_outside": Tamper(
        "first",
        "import os, shutil\n"
        "for _path in {outside!r}:\n"
        "    try:\n"
        "        with open(_path, 'w') as f:\n"
        "            f.write('escaped')\n"
        "    except Exception:\n"
        "        pass\n"
        "shutil.rmtree({victim!r}, ignore_errors=True)\n",
        "在自己的文件夹之外写文件、删除别的学生的文件夹"),
    "reference_import": Tamper(
        "each",
        "from {module} import {cls} as _Reference\n\n\nclass {var}(_Reference):\n    pass\n",
        "编程题直接继承课程的参考实现（允许：这是正当的写法）", kinds="coding"),
}
"""Every way of cheating the tests try; ``reference_import`` is the one honest entry (importing the course's
own module is allowed and earns the credit)."""


def _wrong_value(ex, value):
    """A wrong answer of the same type as ``value``."""
    if isinstance(value, bool):
        return not value
    if ex.kind == "choice" and getattr(ex, "options", ""):
        return next(o for o in ex.options if o.upper() != str(value).upper())
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 3 + 1
    if isinstance(value, str):
        return value + "?"
    if isinstance(value, list):
        return tuple(_wrong_value(ex, v) for v in value)
    return None


def _wrong_class(var: str, solution: str) -> str:
    """The solution's class, subclassed so that its output is off by one."""
    return (f"{solution.rstrip()}\n\n\n_Right{var} = {var}\n\n\nclass {var}(_Right{var}):\n"
            f"    def forward(self, *args, **kwargs):\n"
            f"        return super().forward(*args, **kwargs) + 1              # 故意错一点\n")


@checked
def answered(nb, name: str, entries: dict, choices: dict):
    """``nb`` (a student edition) with each exercise answered as ``choices[eid]`` says: right, wrong or blank."""
    from .export import _filled_value, fill_notebook
    from .key import expected

    def answer_for(eid, ex, entry):
        choice = choices.get(eid, "blank")
        if choice == "blank":
            return None
        if ex.kind == "coding":
            code = entry["solution"]["code"]
            return code if choice == "right" else _wrong_class(ex.var, code)
        value = expected(entry)
        return _filled_value(value if choice == "right" else _wrong_value(ex, value))

    return fill_notebook(nb, name, entries, answer_for, comment="学生的答案")


def _cell(source: str):
    import nbformat

    return nbformat.v4.new_code_cell(source)


@checked
def tampered(nb, lesson: str, tamper: Tamper, fields: dict):
    """A copy of ``nb`` with ``tamper`` put in; ``fields`` fill its placeholders (key_file, outside, ...)."""
    import copy
    import re

    from .check import exercises
    from .export import is_exercise_cell

    out = copy.deepcopy(nb)
    lesson_exercises = exercises(lesson)
    values = {**fields, "lesson": lesson}
    if tamper.where == "first":
        first = next(i for i, c in enumerate(out.cells) if is_exercise_cell(c))
        out.cells.insert(first, _cell(tamper.code.format(**values)))
    elif tamper.where == "last":
        out.cells.append(_cell(tamper.code.format(**values)))
    else:
        call = re.compile(r"""^(?P<indent>\s*)check\(\s*["'](?P<id>\d\d\.\d+)["']""", re.M)
        for cell in out.cells:
            if cell.cell_type != "code":
                continue

            def put(m):
                ex = lesson_exercises.get(m["id"])
                if ex is None or (tamper.kinds == "values" and ex.kind == "coding") or (
                        tamper.kinds == "coding" and ex.kind != "coding"):
                    return m.group(0)
                module, _, cls = (getattr(ex, "reference", "") or ":").partition(":")
                code = tamper.code.format(**values, id=m["id"], var=ex.var, module=module, cls=cls)
                return "".join(m["indent"] + line + "\n" for line in code.rstrip("\n").split("\n")) + m.group(0)

            cell.source = call.sub(put, cell.source)
    return out


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超")


@checked
def student_names(n: int) -> list[str]:
    """``n`` distinct folder names: Chinese names, some with a space, a few in pinyin (as real classes have)."""
    names = []
    for i in range(n):
        surname, given = _SURNAMES[i % len(_SURNAMES)], _GIVEN[(i * 7) % len(_GIVEN)]
        if i % 10 == 3:
            names.append(f"{surname} {given}")
        elif i % 10 == 7:
            names.append(f"student {i:02d}")
        else:
            names.append(f"{surname}{given}{i // len(_SURNAMES) or ''}")
    return names


@checked
def make_class(out, students: int = 40, lessons=("01", "11", "13"), key=None, seed: int = 0,
               tampering=("results_file", "check_redefined", "convcourse_patched", "probe_forged",
                          "key_from_disk")) -> list[str]:
    """Write a class of ``students`` folders into ``out``: the first ``len(tampering)`` students cheat one way
    each (on top of wrong answers); the others answer each exercise right (60 %), wrong (25 %) or not at all
    (15 %), drawn with ``seed``. Returns the student names."""
    import nbformat

    from ._checks import check_positive_int
    from .export import student_notebook
    from .key import key_folder, load
    from .notebooks import notebook_paths

    check_positive_int("students", students, maximum=10_000)
    unknown = [t for t in tampering if t not in TAMPERING]
    if unknown:
        raise ValueError(f"tampering={unknown} are not kinds of tampering; known: {', '.join(TAMPERING)}")
    out = Path(out)
    entries = load(key)
    paths = {p.name[:2]: p for p in notebook_paths(list(lessons))}
    missing = [l for l in lessons if l not in paths]
    if missing:
        raise ValueError(f"lessons={missing} are not lessons of the course (use two-digit numbers such as 11)")
    rng = random.Random(seed)
    names = student_names(students)
    fields = {"key_file": "", "outside": [], "victim": "", "sleep_seconds": 4321}
    for lesson, path in paths.items():
        blank = student_notebook(nbformat.read(path, as_version=4), path.name)
        lesson_key = {eid: e for eid, e in entries.items() if eid.startswith(lesson + ".")}
        for i, name in enumerate(names):
            folder = out / name
            folder.mkdir(parents=True, exist_ok=True)
            if i < len(tampering):
                nb = answered(blank, path.name, lesson_key, {eid: "wrong" for eid in lesson_key})
                fields["key_file"] = str(key_folder(key) / f"n{lesson}.json")
                nb = tampered(nb, lesson, TAMPERING[tampering[i]], fields)
            else:
                choices = {eid: rng.choices(CHOICES, weights=(60, 25, 15))[0] for eid in lesson_key}
                nb = answered(blank, path.name, lesson_key, choices)
            nbformat.write(nb, folder / path.name)
    return names


__all__ = ["TAMPERING", "Tamper", "answered", "make_class", "student_names", "tampered"]
