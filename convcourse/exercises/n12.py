"""Exercises of notebook 12 (inverted residual and MobileNetV2).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "12.1": Value(
        title='**练习 1**：`InvertedResidual(24, 24, stride=1, expand_ratio=6)` 一共有多少参数（卷积无偏置，BN 的',
        answer='ODgzMg==',
        hints=(
            '隐藏通道 h = t·C_in；三层卷积的参数 C_in·h + 9h + h·C_out，再加三个 BN 各 2×通道数。',
        ),
        solution='eyJ0ZXh0IjogIumakOiXj+mAmumBkyBoID0gdMK3Q19pbu+8m+S4ieWxguWNt+enr+eahOWPguaVsCBDX2luwrdoICsgOWggKyBowrdDX291dO+8jOWGjeWKoOS4ieS4qiBCTiDlkIQgMsOX6YCa6YGT5pWw44CC77yb6K6h566X77yaYW5zd2VyXzEgPSBpbnZlcnRlZF9yZXNpZHVhbF9wYXJhbXMoMjQsIDI0LCA2KSJ9',
    ),
    "12.2": Value(
        title='**练习 2**：`InvertedResidual(32, 64, stride=1, expand_ratio=6)` 有没有残差连接？（填 `True` ',
        answer='ZmFsc2U=',
        hints=(
            '残差要求 stride = 1 且输入输出通道数相同。',
        ),
        solution='eyJ0ZXh0IjogIuaui+W3ruimgeaxgiBzdHJpZGUgPSAxIOS4lOi+k+WFpei+k+WHuumAmumBk+aVsOebuOWQjOOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gRmFsc2UifQ==',
    ),
    "12.3": Value(
        title='**练习 3**：`InvertedResidual(24, 32, stride=2, expand_ratio=6)` 的输入是 $56\\times56$。',
        answer='MTAxNjA2NA==',
        hints=(
            '逐深度卷积在 t·C_in 个通道上做，步长 2 让输出变成 28×28；MACs = H_out·W_out·k²·通道数。',
        ),
        solution='eyJ0ZXh0IjogIumAkOa3seW6puWNt+enr+WcqCB0wrdDX2luIOS4qumAmumBk+S4iuWBmu+8jOatpemVvyAyIOiuqei+k+WHuuWPmOaIkCAyOMOXMjjvvJtNQUNzID0gSF9vdXTCt1dfb3V0wrdrwrLCt+mAmumBk+aVsOOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gY29udjJkX21hY3MoMTQ0LCAxNDQsIDMsICgyOCwgMjgpLCBncm91cHM9MTQ0KSJ9',
    ),
    "12.4": Value(
        title='**练习 4**：MobileNetV2（224×224 输入）里一共有几个倒置残差块带残差连接？（提示：数 Table 2 每组中 stride 为 1 且通',
        answer='MTA=',
        hints=(
            '每组 n 个块里只有第一个可能改变通道或步长，其余 n - 1 个都有残差。',
        ),
        solution='eyJ0ZXh0IjogIuavj+e7hCBuIOS4quWdl+mHjOWPquacieesrOS4gOS4quWPr+iDveaUueWPmOmAmumBk+aIluatpemVv++8jOWFtuS9mSBuIC0gMSDkuKrpg73mnInmrovlt67jgILvvJvorqHnrpfvvJphbnN3ZXJfNCA9IHN1bSgxIGZvciBtIGluIG1vYmlsZW5ldF92MigpLm1vZHVsZXMoKSBpZiBpc2luc3RhbmNlKG0sIEludmVydGVkUmVzaWR1YWwpIGFuZCBtLnVzZV9yZXNfY29ubmVjdCkifQ==',
    ),
}
