"""Exercises of notebook 27 (ASPP and DeepLabV3).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "27.1": Value(
        title='**练习 1**：空洞率 12 的 3×3 卷积覆盖多大的范围（边长）？',
        answer='MjU=',
        hints=(
            '有效核大小 k + (k−1)(r−1)。',
        ),
        solution='eyJ0ZXh0IjogIuacieaViOaguOWkp+WwjyBrICsgKGviiJIxKShy4oiSMSnjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDMgKyAyICogKDEyIC0gMSkifQ==',
    ),
    "27.2": Value(
        title='**练习 2**：`ASPP(2048, atrous_rates=(6, 12, 18))`（256 通道）一共有多少参数？先用公式算，再用 `count_p',
        answer='MTU1MzUxMDQ=',
        hints=(
            '两个 1×1 分支（1×1 卷积与池化分支）、三个 3×3 空洞分支、一个 1280→256 的融合层；卷积无偏置，每个 BN 有 2×256 个参数。空洞率不影响参数量。',
        ),
        solution='eyJ0ZXh0IjogIuS4pOS4qiAxw5cxIOWIhuaUr++8iDHDlzEg5Y2356ev5LiO5rGg5YyW5YiG5pSv77yJ44CB5LiJ5LiqIDPDlzMg56m65rSe5YiG5pSv44CB5LiA5LiqIDEyODDihpIyNTYg55qE6J6N5ZCI5bGC77yb5Y2356ev5peg5YGP572u77yM5q+P5LiqIEJOIOaciSAyw5cyNTYg5Liq5Y+C5pWw44CC56m65rSe546H5LiN5b2x5ZON5Y+C5pWw6YeP44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAyICogKDIwNDggKiAyNTYgKyA1MTIpICsgMyAqICg5ICogMjA0OCAqIDI1NiArIDUxMikgKyAoMTI4MCAqIDI1NiArIDUxMikifQ==',
    ),
    "27.3": Value(
        title='（提示：每次步长 2 的卷积/池化都是 $\\lfloor (H-1)/2\\rfloor+1$）',
        answer='NjU=',
        hints=(
            '输出步长 8 只保留 conv1、maxpool、layer2 三次下采样：513 → 257 → 129 → 65 …',
        ),
        solution='eyJ0ZXh0IjogIui+k+WHuuatpemVvyA4IOWPquS/neeVmSBjb252MeOAgW1heHBvb2zjgIFsYXllcjIg5LiJ5qyh5LiL6YeH5qC377yaNTEzIOKGkiAyNTcg4oaSIDEyOSDihpIgNjUg4oCm77yb6K6h566X77yaYW5zd2VyXzMgPSA2NSJ9',
    ),
}
