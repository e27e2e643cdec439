"""Exercises of notebook 29 (module comparison).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "29.1": Value(
        title='**练习 29.1**：不用代码，算出基准 3×3 卷积（64→64，无偏置，输入 1×64×56×56，padding 1）的乘加次数。',
        answer='MTE1NjA1NTA0',
        hints=(
            '乘加次数 = H_out · W_out · k · k · C_in · C_out（无偏置、groups=1）；输出仍是 56×56。',
        ),
        solution='eyJ0ZXh0IjogIuS5mOWKoOasoeaVsCA9IEhfb3V0IMK3IFdfb3V0IMK3IGsgwrcgayDCtyBDX2luIMK3IENfb3V077yI5peg5YGP572u44CBZ3JvdXBzPTHvvInvvJvovpPlh7rku43mmK8gNTbDlzU244CC77yb6K6h566X77yaYW5zd2VyXzEgPSA1NiAqIDU2ICogMyAqIDMgKiA2NCAqIDY0In0=',
    ),
    "29.2": Value(
        title='写成小数（保留 4 位），再与上表 “MACs/基准” 一列对照。',
        answer='MC4xMjY3',
        rel_tol=0.01,
        hints=(
            '深度卷积：k·k·C_in 次乘加/像素；逐点卷积：C_in·C_out 次/像素。两者之和再除以标准卷积的 k·k·C_in·C_out，化简后是 1/C_out + 1/k²。',
        ),
        solution='eyJ0ZXh0IjogIua3seW6puWNt+enr++8mmvCt2vCt0NfaW4g5qyh5LmY5YqgL+WDj+e0oO+8m+mAkOeCueWNt+enr++8mkNfaW7Ct0Nfb3V0IOasoS/lg4/ntKDjgILkuKTogIXkuYvlkozlho3pmaTku6XmoIflh4bljbfnp6/nmoQga8K3a8K3Q19pbsK3Q19vdXTvvIzljJbnroDlkI7mmK8gMS9DX291dCArIDEva8Ky44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAxIC8gNjQgKyAxIC8gOSJ9',
    ),
    "29.3": Value(
        title='**练习 29.3**：表中哪一个注意力模块的参数量为 0？填它在 `ATTENTION_NAMES` 里的名字（字符串）。',
        answer='InNpbWFtIg==',
        hints=(
            '找表里“参数量”一列为 0 的那一行：它的注意力权重由一个闭式的能量函数直接算出。',
        ),
        solution='eyJ0ZXh0IjogIuaJvuihqOmHjOKAnOWPguaVsOmHj+KAneS4gOWIl+S4uiAwIOeahOmCo+S4gOihjO+8muWug+eahOazqOaEj+WKm+adg+mHjeeUseS4gOS4qumXreW8j+eahOiDvemHj+WHveaVsOebtOaOpeeul+WHuuOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gXCJzaW1hbVwiIn0=',
    ),
    "29.4": Value(
        title='**练习 29.4**：Non-local 在 56×56 特征图上的相似度矩阵（float32）占多少 MiB？与上面“激活内存”表最后一行对照。',
        answer='MzcuNTE1NjI1',
        rel_tol=0.01,
        hints=(
            'Non-local 的注意力矩阵是 (HW)×(HW)，HW = 56·56；float32 每个数 4 字节，1 MiB = 2^20 字节。',
        ),
        solution='eyJ0ZXh0IjogIk5vbi1sb2NhbCDnmoTms6jmhI/lipvnn6npmLXmmK8gKEhXKcOXKEhXKe+8jEhXID0gNTbCtzU277ybZmxvYXQzMiDmr4/kuKrmlbAgNCDlrZfoioLvvIwxIE1pQiA9IDJeMjAg5a2X6IqC44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAoNTYgKiA1NikgKiogMiAqIDQgLyAyKioyMCJ9',
    ),
}
