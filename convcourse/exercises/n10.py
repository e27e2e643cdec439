"""Exercises of notebook 10.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "10.1": Value(
        title='**练习 1**：Darknet-53 从输入到最后一张特征图，总降采样倍数是多少？',
        answer='MzI=',
        hints=(
            '416 要经过几次步长为 2 的卷积才到 13？每次空间尺寸减半。',
        ),
        solution='eyJ0ZXh0IjogIjQxNiDopoHnu4/ov4flh6DmrKHmraXplb/kuLogMiDnmoTljbfnp6/miY3liLAgMTPvvJ/mr4/mrKHnqbrpl7TlsLrlr7jlh4/ljYrjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDQxNiAvLyAxMyJ9',
    ),
    "10.2": Value(
        title='**练习 2**：最后一个 stage（1024 通道）中的一个残差单元有多少参数（含 BN）？',
        answer='NTI0NTk1Mg==',
        hints=(
            '1×1：1024→512，3×3：512→1024；卷积无偏置，两个 BN 各有 2×通道数个参数。',
        ),
        solution='eyJ0ZXh0IjogIjHDlzHvvJoxMDI04oaSNTEy77yMM8OXM++8mjUxMuKGkjEwMjTvvJvljbfnp6/ml6DlgY/nva7vvIzkuKTkuKogQk4g5ZCE5pyJIDLDl+mAmumBk+aVsOS4quWPguaVsOOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gY291bnRfcGFyYW1zKFJlc2lkdWFsVW5pdCgxMDI0KSkifQ==',
    ),
    "10.3": Value(
        title='**练习 3**：按 darknet 的计法，Darknet-53 在 416×416 输入时是多少 BFLOPs？（保留一位小数即可）',
        answer='NDkuMA==',
        rel_tol=0.02,
        hints=(
            'darknet 把一次乘加记作 2 次运算：BFLOPs = 2 × MACs / 1e9；MACs 随输入面积增长。',
        ),
        solution='eyJ0ZXh0IjogImRhcmtuZXQg5oqK5LiA5qyh5LmY5Yqg6K6w5L2cIDIg5qyh6L+Q566X77yaQkZMT1BzID0gMiDDlyBNQUNzIC8gMWU577ybTUFDcyDpmo/ovpPlhaXpnaLnp6/lop7plb/jgILvvJvorqHnrpfvvJphbnN3ZXJfMyA9IHJvdW5kKDIgKiBtYWNzXzQxNiAvIDFlOSwgMSkifQ==',
    ),
}
