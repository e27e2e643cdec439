"""Exercises of notebook 17.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "17.1": Value(
        title='**练习 17.1**：$C = 512$、$r = 16$ 的 SE 块（带偏置）有多少参数？',
        answer='MzMzMTI=',
        hints=(
            '隐藏层宽度 C/r = 32；两层 FC 的权重 2·C·(C/r)，再加两层的偏置 C/r 与 C。',
        ),
        solution='eyJ0ZXh0IjogIumakOiXj+WxguWuveW6piBDL3IgPSAzMu+8m+S4pOWxgiBGQyDnmoTmnYPph40gMsK3Q8K3KEMvcinvvIzlho3liqDkuKTlsYLnmoTlgY/nva4gQy9yIOS4jiBD44CC77yb6K6h566X77yaYW5zd2VyXzEgPSAyICogNTEyICogMzIgKyAzMiArIDUxMiJ9',
    ),
    "17.2": Value(
        title='**练习 17.2**：输入形状为 $(8, 256, 14, 14)$ 时，SE 的通道权重 $s$（`last_attention`）的形状是什么？写成元组',
        answer='WzgsIDI1NiwgMSwgMV0=',
        hints=(
            '挤压把每个通道的 H×W 平均成一个数，批量维和通道维保留。',
        ),
        solution='eyJ0ZXh0IjogIuaMpOWOi+aKiuavj+S4qumAmumBk+eahCBIw5dXIOW5s+Wdh+aIkOS4gOS4quaVsO+8jOaJuemHj+e7tOWSjOmAmumBk+e7tOS/neeVmeOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gKDgsIDI1NiwgMSwgMSkifQ==',
    ),
    "17.3": Value(
        title='**练习 17.3**：讲义 `004` 的无偏置 `SELayer(256, reduction=16)` 比带偏置的 SE 少多少个参数？',
        answer='Mjcy',
        hints=(
            '无偏置只少了两层 FC 的偏置：第一层 C/r 个、第二层 C 个。',
        ),
        solution='eyJ0ZXh0IjogIuaXoOWBj+e9ruWPquWwkeS6huS4pOWxgiBGQyDnmoTlgY/nva7vvJrnrKzkuIDlsYIgQy9yIOS4quOAgeesrOS6jOWxgiBDIOS4quOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gMTYgKyAyNTYifQ==',
    ),
    "17.4": Value(
        title='**练习 17.4**：SE-ResNet-50 里一共有多少个 SE 块？',
        answer='MTY=',
        hints=(
            'SE-ResNet-50 在每个瓶颈块里放一个 SE；数一数 [3, 4, 6, 3]。',
        ),
        solution='eyJ0ZXh0IjogIlNFLVJlc05ldC01MCDlnKjmr4/kuKrnk7bpoojlnZfph4zmlL7kuIDkuKogU0XvvJvmlbDkuIDmlbAgWzMsIDQsIDYsIDNd44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAzICsgNCArIDYgKyAzIn0=',
    ),
}
