"""Exercises of notebook 09.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "09.1": Value(
        title='**练习 1**：DenseNet-121 第 3 个 dense block 的输出有多少个通道？',
        answer='MTAyNA==',
        hints=(
            '第 3 个 dense block 的输入是 256 通道，有 24 层，每层增加 k = 32 个通道。',
        ),
        solution='eyJ0ZXh0IjogIuesrCAzIOS4qiBkZW5zZSBibG9jayDnmoTovpPlhaXmmK8gMjU2IOmAmumBk++8jOaciSAyNCDlsYLvvIzmr4/lsYLlop7liqAgayA9IDMyIOS4qumAmumBk+OAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gZGVuc2VfYmxvY2tfY2hhbm5lbHMoMjU2LCAyNCwgMzIpWy0xXSJ9',
    ),
    "09.2": Value(
        title='**练习 2**：DenseNet-121 第 1 个 block 的第 6 层中，1×1 与 3×3 卷积的权重一共有多少个（不含 BN）？',
        answer='NjU1MzY=',
        hints=(
            '第 l 层 1×1 的输入是 c0 + (l−1)k 通道、输出 4k 通道，3×3 是 4k→k；只数卷积权重。',
        ),
        solution='eyJ0ZXh0IjogIuesrCBsIOWxgiAxw5cxIOeahOi+k+WFpeaYryBjMCArIChs4oiSMSlrIOmAmumBk+OAgei+k+WHuiA0ayDpgJrpgZPvvIwzw5czIOaYryA0a+KGkmvvvJvlj6rmlbDljbfnp6/mnYPph43jgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9ICg2NCArIDUgKiAzMikgKiAxMjggKyA5ICogMTI4ICogMzIifQ==',
    ),
    "09.3": Value(
        title='**练习 3**：判断：“DenseNet 训练时显存占用大，主要是因为它的参数多。” 填 `True` 或 `False`。',
        answer='ZmFsc2U=',
        hints=(
            '比较“动手”中参数所占的 MB 与训练前向保存的激活 MB。',
        ),
        solution='eyJ0ZXh0IjogIuavlOi+g+KAnOWKqOaJi+KAneS4reWPguaVsOaJgOWNoOeahCBNQiDkuI7orq3nu4PliY3lkJHkv53lrZjnmoTmv4DmtLsgTULjgILvvJvorqHnrpfvvJphbnN3ZXJfMyA9IEZhbHNlIn0=',
    ),
}
