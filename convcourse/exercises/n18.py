"""Exercises of notebook 18.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "18.1": Value(
        title='**练习 18.1**：$C = 512$、$r = 16$ 的 CBAM（按论文，7×7 卷积带偏置、无 BN）有多少参数？',
        answer='MzM0MTE=',
        hints=(
            '先算与 SE 相同的共享 MLP（2·C·C/r + C/r + C），再加空间卷积：2 个输入通道 × 7 × 7 + 1 个偏置。',
        ),
        solution='eyJ0ZXh0IjogIuWFiOeul+S4jiBTRSDnm7jlkIznmoTlhbHkuqsgTUxQ77yIMsK3Q8K3Qy9yICsgQy9yICsgQ++8ie+8jOWGjeWKoOepuumXtOWNt+enr++8mjIg5Liq6L6T5YWl6YCa6YGTIMOXIDcgw5cgNyArIDEg5Liq5YGP572u44CC77yb6K6h566X77yaYW5zd2VyXzEgPSAyICogNTEyICogMzIgKyAzMiArIDUxMiArIDIgKiA0OSArIDEifQ==',
    ),
    "18.2": Value(
        title='**练习 18.2**：输入 $(4, 128, 20, 20)$，空间注意力图 $M_s$ 的形状是什么？写成元组。',
        answer='WzQsIDEsIDIwLCAyMF0=',
        hints=(
            '空间注意力对每个位置给一个权重，所有通道共用：通道维变成 1，空间尺寸不变。',
        ),
        solution='eyJ0ZXh0IjogIuepuumXtOazqOaEj+WKm+Wvueavj+S4quS9jee9rue7meS4gOS4quadg+mHje+8jOaJgOaciemAmumBk+WFseeUqO+8mumAmumBk+e7tOWPmOaIkCAx77yM56m66Ze05bC65a+45LiN5Y+Y44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAoNCwgMSwgMjAsIDIwKSJ9',
    ),
    "18.3": Value(
        title='**练习 18.3**：如果把空间注意力的 7×7 卷积换成讲义 `004` 说的 1×1 卷积（带偏置），空间注意力部分还剩多少个参数？',
        answer='Mw==',
        hints=(
            '卷积参数 = 输入通道 × k × k × 输出通道 + 偏置；这里输入是 [平均; 最大] 两张图，输出一张。',
        ),
        solution='eyJ0ZXh0IjogIuWNt+enr+WPguaVsCA9IOi+k+WFpemAmumBkyDDlyBrIMOXIGsgw5cg6L6T5Ye66YCa6YGTICsg5YGP572u77yb6L+Z6YeM6L6T5YWl5pivIFvlubPlnYc7IOacgOWkp10g5Lik5byg5Zu+77yM6L6T5Ye65LiA5byg44CC77yb6K6h566X77yaYW5zd2VyXzMgPSAyICogMSAqIDEgKyAxIn0=',
    ),
    "18.4": Value(
        title='**练习 18.4**：在 CBAM 的通道注意力里，平均池化和最大池化两个描述子经过的 MLP 是否共享权重？（填 `True` 或 `False`）',
        answer='dHJ1ZQ==',
        hints=(
            '看论文 Eq. 2：两项里出现的是同一对 W0、W1 吗？',
        ),
        solution='eyJ0ZXh0IjogIueci+iuuuaWhyBFcS4gMu+8muS4pOmhuemHjOWHuueOsOeahOaYr+WQjOS4gOWvuSBXMOOAgVcxIOWQl++8n++8m+iuoeeul++8mmFuc3dlcl80ID0gVHJ1ZSJ9',
    ),
}
