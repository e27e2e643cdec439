"""Exercises of notebook 26 (ParNet and structural re-parameterisation).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "26.1": Value(
        title='**练习 1**：`ParNetBlock(128)` 在训练形态下有多少参数？',
        answer='MTgwOTky',
        hints=(
            '3×3 分支 9C²+2C，1×1 分支 C²+2C，SSE 是一个 BN（2C）加一个无偏置的 C×C 1×1 卷积。',
        ),
        solution='eyJ0ZXh0IjogIjPDlzMg5YiG5pSvIDlDwrIrMkPvvIwxw5cxIOWIhuaUryBDwrIrMkPvvIxTU0Ug5piv5LiA5LiqIEJO77yIMkPvvInliqDkuIDkuKrml6DlgY/nva7nmoQgQ8OXQyAxw5cxIOWNt+enr+OAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gMTEgKiAxMjggKiogMiArIDYgKiAxMjgifQ==',
    ),
    "26.2": Value(
        title='**练习 2**：把它重参数化之后还剩多少参数？',
        answer='MTY0MjI0',
        hints=(
            '两条卷积分支合成一个带偏置的 3×3 卷积（9C²+C）；SSE 不能合并，原样保留。',
        ),
        solution='eyJ0ZXh0IjogIuS4pOadoeWNt+enr+WIhuaUr+WQiOaIkOS4gOS4quW4puWBj+e9rueahCAzw5czIOWNt+enr++8iDlDwrIrQ++8ie+8m1NTRSDkuI3og73lkIjlubbvvIzljp/moLfkv53nlZnjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDEwICogMTI4ICoqIDIgKyAzICogMTI4In0=',
    ),
    "26.3": Value(
        title="折叠后这个通道的偏置 $b'$ 是多少？",
        answer='LTAuNQ==',
        hints=(
            "b' = β − γ·μ / sqrt(σ² + ε)。",
        ),
        solution='eyJ0ZXh0IjogImInID0gzrIg4oiSIM6zwrfOvCAvIHNxcnQoz4PCsiArIM61KeOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gMC41IC0gMiAqIDEgLyAoMy45OSArIDAuMDEpICoqIDAuNSJ9',
    ),
}
