"""Exercises of notebook 06 (Xception).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "06.1": Value(
        title='**练习 1**：`SeparableConv2d(728, 728)` 有多少参数？',
        answer='NTM2NTM2',
        hints=(
            '深度卷积：每个输入通道一个 3×3 滤波器；逐点卷积：C_in·C_out 个 1×1 权重；都无偏置。',
        ),
        solution='eyJ0ZXh0IjogIua3seW6puWNt+enr++8muavj+S4qui+k+WFpemAmumBk+S4gOS4qiAzw5czIOa7pOazouWZqO+8m+mAkOeCueWNt+enr++8mkNfaW7Ct0Nfb3V0IOS4qiAxw5cxIOadg+mHje+8m+mDveaXoOWBj+e9ruOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gOSAqIDcyOCArIDcyOCAqIDcyOCJ9',
    ),
    "06.2": Value(
        title='**练习 2**：它的参数是同尺寸普通 3×3 卷积（728→728，无偏置）的几分之几？（填小数）',
        answer='MC4xMTI1',
        rel_tol=0.01,
        hints=(
            '可分离卷积的权重除以普通 3×3 卷积的 9·C_in·C_out；也可用 1/C_out + 1/9 估算。',
        ),
        solution='eyJ0ZXh0IjogIuWPr+WIhuemu+WNt+enr+eahOadg+mHjemZpOS7peaZrumAmiAzw5czIOWNt+enr+eahCA5wrdDX2luwrdDX291dO+8m+S5n+WPr+eUqCAxL0Nfb3V0ICsgMS85IOS8sOeul+OAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gKDkgKiA3MjggKyA3MjggKiA3MjgpIC8gKDkgKiA3MjggKiA3MjgpIn0=',
    ),
    "06.3": Value(
        title='**练习 3**：中间流一共有多少个卷积层？',
        answer='MjQ=',
        hints=(
            '中间流有 8 个相同的块，每块几个可分离卷积？',
        ),
        solution='eyJ0ZXh0IjogIuS4remXtOa1geaciSA4IOS4quebuOWQjOeahOWdl++8jOavj+Wdl+WHoOS4quWPr+WIhuemu+WNt+enr++8n++8m+iuoeeul++8mmFuc3dlcl8zID0gOCAqIDMifQ==',
    ),
    "06.4": Value(
        title='**练习 4**：把中间流从 8 个块减到 4 个（`xception(middle_repeats=4)`），参数量是多少？先手算再用 `meta_count',
        answer='MTY0MDAwNDg=',
        hints=(
            '每个中间流块 = 3 ×（可分离卷积 + BN(728)）；从 22,855,952 中减去 4 个块的参数。',
        ),
        solution='eyJ0ZXh0IjogIuavj+S4quS4remXtOa1geWdlyA9IDMgw5fvvIjlj6/liIbnprvljbfnp68gKyBCTig3Mjgp77yJ77yb5LuOIDIyLDg1NSw5NTIg5Lit5YeP5Y67IDQg5Liq5Z2X55qE5Y+C5pWw44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAyMl84NTVfOTUyIC0gNCAqIDMgKiAoOSAqIDcyOCArIDcyOCAqIDcyOCArIDIgKiA3MjgpIn0=',
    ),
}
