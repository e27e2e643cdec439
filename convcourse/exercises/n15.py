"""Exercises of notebook 15 (partial convolution and FasterNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "15.1": Value(
        title='**练习 1**：`PConv(64)`（`n_div=4`，$3\\times3$，无偏置）有多少参数？',
        answer='MjMwNA==',
        hints=(
            '只有前 c_p = C / n_div 个通道参与卷积：参数 = k²·c_p·c_p。',
        ),
        solution='eyJ0ZXh0IjogIuWPquacieWJjSBjX3AgPSBDIC8gbl9kaXYg5Liq6YCa6YGT5Y+C5LiO5Y2356ev77ya5Y+C5pWwID0ga8KywrdjX3DCt2NfcOOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gOSAqIDE2ICogMTYifQ==',
    ),
    "15.2": Value(
        title='**练习 2**：`n_div = 4` 时，PConv 的 FLOPs 是同尺寸普通卷积的几分之几？填一个小数。',
        answer='MC4wNjI1',
        rel_tol=0.001,
        hints=(
            'FLOPs 与 c_p² 成正比，c_p = C / n_div。',
        ),
        solution='eyJ0ZXh0IjogIkZMT1BzIOS4jiBjX3DCsiDmiJDmraPmr5TvvIxjX3AgPSBDIC8gbl9kaXbjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDEgLyAxNiJ9',
    ),
    "15.3": Value(
        title='**练习 3**：若把 `n_div` 改为 2，忽略权重的访存，PConv 的访存约为普通卷积的多少？填一个小数。',
        answer='MC41',
        rel_tol=0.001,
        hints=(
            '访存 ≈ h·w·2c_p，与 c_p 成正比（不是平方）。',
        ),
        solution='eyJ0ZXh0IjogIuiuv+WtmCDiiYggaMK3d8K3MmNfcO+8jOS4jiBjX3Ag5oiQ5q2j5q+U77yI5LiN5piv5bmz5pa577yJ44CC77yb6K6h566X77yaYW5zd2VyXzMgPSAwLjUifQ==',
    ),
    "15.4": Value(
        title='**练习 4**：`FasterNetBlock(80)`（`mlp_ratio=2`，`n_div=4`）有多少参数（卷积无偏置，BN 的 γ、β 计入）？用',
        answer='Mjk1MjA=',
        hints=(
            'PConv 的 k²·c_p² + 1x1 扩张 C·2C + BN 2·2C + 1x1 还原 2C·C。',
        ),
        solution='eyJ0ZXh0IjogIlBDb252IOeahCBrwrLCt2NfcMKyICsgMXgxIOaJqeW8oCBDwrcyQyArIEJOIDLCtzJDICsgMXgxIOi/mOWOnyAyQ8K3Q+OAgu+8m+iuoeeul++8mmFuc3dlcl80ID0gOSAqIDIwICogMjAgKyA4MCAqIDE2MCArIDIgKiAxNjAgKyAxNjAgKiA4MCJ9',
    ),
}
