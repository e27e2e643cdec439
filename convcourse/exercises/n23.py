"""Exercises of notebook 23 (GCNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "23.1": Value(
        title='',
        answer='ODc1Mw==',
        hints=(
            '四部分相加：W_k（256→1，带偏置）、W_v1（256→16，带偏置）、LayerNorm（γ 和 β 各 16 个）、W_v2（16→256，带偏置）。',
        ),
        solution='eyJ0ZXh0IjogIuWbm+mDqOWIhuebuOWKoO+8mldfa++8iDI1NuKGkjHvvIzluKblgY/nva7vvInjgIFXX3Yx77yIMjU24oaSMTbvvIzluKblgY/nva7vvInjgIFMYXllck5vcm3vvIjOsyDlkowgzrIg5ZCEIDE2IOS4qu+8ieOAgVdfdjLvvIgxNuKGkjI1Nu+8jOW4puWBj+e9ru+8ieOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gKDI1NiArIDEpICsgKDI1NiAqIDE2ICsgMTYpICsgMiAqIDE2ICsgKDE2ICogMjU2ICsgMjU2KSJ9',
    ),
    "23.2": Value(
        title='check("23.1", answer_1)',
        answer='WzIsIDY0LCAxLCAxXQ==',
        hints=(
            '注意力池化把所有 H×W 个位置加权求和成一个向量，但保留 4 维的布局。',
        ),
        solution='eyJ0ZXh0IjogIuazqOaEj+WKm+axoOWMluaKiuaJgOaciSBIw5dXIOS4quS9jee9ruWKoOadg+axguWSjOaIkOS4gOS4quWQkemHj++8jOS9huS/neeVmSA0IOe7tOeahOW4g+WxgOOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gKDIsIDY0LCAxLCAxKSJ9',
    ),
    "23.3": Value(
        title='check("23.2", answer_2)',
        answer='IlNFIg==',
        hints=(
            '平均池化 → 瓶颈 → sigmoid → 按通道缩放：这是第 17 课的内容。',
        ),
        solution='eyJ0ZXh0IjogIuW5s+Wdh+axoOWMliDihpIg55O26aKIIOKGkiBzaWdtb2lkIOKGkiDmjInpgJrpgZPnvKnmlL7vvJrov5nmmK/nrKwgMTcg6K++55qE5YaF5a6544CC77yb6K6h566X77yaYW5zd2VyXzMgPSBcIlNFXCIifQ==',
    ),
}
