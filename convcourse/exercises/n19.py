"""Exercises of notebook 19.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "19.1": Value(
        title='**练习 19.1**：$C = 512$ 时，按 $\\gamma=2,\\ b=1$ 的自适应公式，$k$ 是多少？',
        answer='NQ==',
        hints=(
            '先算 t = (log2 C + 1) / 2，取整；若是偶数再加 1。',
        ),
        solution='eyJ0ZXh0IjogIuWFiOeulyB0ID0gKGxvZzIgQyArIDEpIC8gMu+8jOWPluaVtO+8m+iLpeaYr+WBtuaVsOWGjeWKoCAx44CC77yb6K6h566X77yaYW5zd2VyXzEgPSA1In0=',
    ),
    "19.2": Value(
        title='**练习 19.2**：给 ResNet-50 的 16 个瓶颈块都加上 ECA，并按发布版把四个阶段的核设为 3, 5, 5, 7，一共多了多少个参数？',
        answer='ODA=',
        hints=(
            '每个 ECA 的参数量就是它的核大小 k；各阶段的块数是 3, 4, 6, 3。',
        ),
        solution='eyJ0ZXh0IjogIuavj+S4qiBFQ0Eg55qE5Y+C5pWw6YeP5bCx5piv5a6D55qE5qC45aSn5bCPIGvvvJvlkITpmLbmrrXnmoTlnZfmlbDmmK8gMywgNCwgNiwgM+OAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gMyAqIDMgKyA0ICogNSArIDYgKiA1ICsgMyAqIDcifQ==',
    ),
    "19.3": Value(
        title='**练习 19.3**：$C = 1024$ 时，ECA（自适应 $k$）的参数量是 SE（$r = 16$，带偏置）的几分之一？答案写成 SE 参数量除以 E',
        answer='MjY0MzI=',
        rel_tol=0.0001,
        hints=(
            'SE：2·C·(C/16) + C/16 + C；ECA：k = ψ(1024)。两者相除。',
        ),
        solution='eyJ0ZXh0IjogIlNF77yaMsK3Q8K3KEMvMTYpICsgQy8xNiArIEPvvJtFQ0HvvJprID0gz4goMTAyNCnjgILkuKTogIXnm7jpmaTjgILvvJvorqHnrpfvvJphbnN3ZXJfMyA9IHNlX3BhcmFtcygxMDI0LCAxNikgLyBlY2Ffa2VybmVsX3NpemUoMTAyNCkifQ==',
    ),
}
