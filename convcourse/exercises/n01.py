"""Exercises of notebook 01.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "01.1": Value(
        title='**练习 1**：$C_1 = 64, C_2 = 128, k = 3, g = 4$、不含偏置的分组卷积有多少参数？',
        answer='MTg0MzI=',
        hints=(
            '分组卷积参数量 = k·k·(C1/g)·C2，不含偏置。',
        ),
        solution='eyJ0ZXh0IjogIuWIhue7hOWNt+enr+WPguaVsOmHjyA9IGvCt2vCtyhDMS9nKcK3QzLvvIzkuI3lkKvlgY/nva7jgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDE4NDMyIn0=',
    ),
    "01.2": Value(
        title='**练习 2**：把某个分组卷积的 $g$ 从 1 改成多少时，参数量恰好是原来的 1/8？',
        answer='OA==',
        hints=(
            '参数量与 g 成反比：Q_g = Q / g。',
        ),
        solution='eyJ0ZXh0IjogIuWPguaVsOmHj+S4jiBnIOaIkOWPjeavlO+8mlFfZyA9IFEgLyBn44CC77yb6K6h566X77yaYW5zd2VyXzIgPSA4In0=',
    ),
    "01.3": Value(
        title='**练习 3**：`nn.Conv2d(12, 16, 3, groups=4)` 的 `weight.shape` 是什么？（写成元组）',
        answer='WzE2LCAzLCAzLCAzXQ==',
        hints=(
            '权重形状是 (C2, C1/g, k, k)。',
        ),
        solution='eyJ0ZXh0IjogIuadg+mHjeW9oueKtuaYryAoQzIsIEMxL2csIGssIGsp44CC77yb6K6h566X77yaYW5zd2VyXzMgPSAoMTYsIDMsIDMsIDMpIn0=',
    ),
    "01.4": Value(
        title='**练习 4**：`nn.Conv2d(6, 9, 3, groups=4)` 能构造出来吗？（填 `True` 或 `False`，再运行下一格验证）',
        answer='ZmFsc2U=',
        hints=(
            '试一试：C1=6, C2=9, g=4 时，每组的输入通道数 C1/g 是整数吗？',
        ),
        solution='eyJ0ZXh0IjogIuivleS4gOivle+8mkMxPTYsIEMyPTksIGc9NCDml7bvvIzmr4/nu4TnmoTovpPlhaXpgJrpgZPmlbAgQzEvZyDmmK/mlbTmlbDlkJfvvJ/vvJvorqHnrpfvvJphbnN3ZXJfNCA9IEZhbHNlIn0=',
    ),
}
