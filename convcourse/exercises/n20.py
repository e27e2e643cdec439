"""Exercises of notebook 20.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "20.1": Value(
        title='**练习 20.1**：$C = 128$ 时，scSE（$r=2$，带偏置）一共有多少参数？',
        answer='MTY3MDU=',
        hints=(
            'cSE 是 r = 2 的 SE：2·C·(C/2) + C/2 + C；sSE 是 C → 1 的 1×1 卷积加一个偏置。',
        ),
        solution='eyJ0ZXh0IjogImNTRSDmmK8gciA9IDIg55qEIFNF77yaMsK3Q8K3KEMvMikgKyBDLzIgKyBD77ybc1NFIOaYryBDIOKGkiAxIOeahCAxw5cxIOWNt+enr+WKoOS4gOS4quWBj+e9ruOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gKDEyOCAqIDEyOCArIDY0ICsgMTI4KSArICgxMjggKyAxKSJ9',
    ),
    "20.2": Value(
        title='**练习 20.2**：输入 $(4, 32, 40, 40)$ 时，sSE 的空间权重 $q$ 的形状是什么？写成元组。',
        answer='WzQsIDEsIDQwLCA0MF0=',
        hints=(
            'sSE 把 C 个通道压成 1 张图，空间尺寸不变。',
        ),
        solution='eyJ0ZXh0IjogInNTRSDmioogQyDkuKrpgJrpgZPljovmiJAgMSDlvKDlm77vvIznqbrpl7TlsLrlr7jkuI3lj5jjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9ICg0LCAxLCA0MCwgNDApIn0=',
    ),
    "20.3": Value(
        title='**练习 20.3**：MICCAI 论文（arXiv:1803.02579）用哪种方式融合 cSE 与 sSE 的输出？填 `"add"` 或 `"max"`',
        answer='ImFkZCI=',
        hints=(
            '看论文 Sec. 2.3 的公式 Û_scSE = Û_cSE ? Û_sSE；取最大是后来的期刊版与开源代码的做法。',
        ),
        solution='eyJ0ZXh0IjogIueci+iuuuaWhyBTZWMuIDIuMyDnmoTlhazlvI8gw5tfc2NTRSA9IMObX2NTRSA/IMObX3NTRe+8m+WPluacgOWkp+aYr+WQjuadpeeahOacn+WIiueJiOS4juW8gOa6kOS7o+eggeeahOWBmuazleOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gXCJhZGRcIiJ9',
    ),
}
