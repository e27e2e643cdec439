"""Exercises of notebook 02 (depthwise-separable convolution).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "02.1": Value(
        title='**练习 1**：$C_1 = 32$，$C_2 = 64$，$k = 3$，不带偏置。深度可分离卷积一共有多少参数？',
        answer='MjMzNg==',
        hints=(
            '逐深度部分 k²·C1，逐点部分 C1·C2，两者相加。',
        ),
        solution='eyJ0ZXh0IjogIumAkOa3seW6pumDqOWIhiBrwrLCt0Mx77yM6YCQ54K56YOo5YiGIEMxwrdDMu+8jOS4pOiAheebuOWKoOOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gOSAqIDMyICsgMzIgKiA2NCJ9',
    ),
    "02.2": Value(
        title='**练习 2**：$C_2 = 256$、$k = 3$ 时，深度可分离卷积与标准卷积的参数量之比是多少（保留 4 位小数即可）？',
        answer='MC4xMTU=',
        rel_tol=0.001,
        hints=(
            '比例 = 1/C2 + 1/k²。',
        ),
        solution='eyJ0ZXh0IjogIuavlOS+iyA9IDEvQzIgKyAxL2vCsuOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gcm91bmQoMSAvIDI1NiArIDEgLyA5LCA0KSJ9',
    ),
    "02.3": Value(
        title='用 `count_macs` 验证你的答案。',
        answer='MzYxMjY3Mg==',
        hints=(
            '逐深度卷积每个输出位置、每个通道做 k² 次乘加：H·W·k²·C。',
        ),
        solution='eyJ0ZXh0IjogIumAkOa3seW6puWNt+enr+avj+S4qui+k+WHuuS9jee9ruOAgeavj+S4qumAmumBk+WBmiBrwrIg5qyh5LmY5Yqg77yaSMK3V8K3a8KywrdD44CC77yb6K6h566X77yaYW5zd2VyXzMgPSA1NiAqIDU2ICogOSAqIDEyOCJ9',
    ),
    "02.4": Value(
        title='要让这个比例低于 5%，$C$ 至少要多大（整数）？',
        answer='MTcy',
        hints=(
            '解不等式 9/(9+C) < 0.05，取满足它的最小整数 C。',
        ),
        solution='eyJ0ZXh0IjogIuino+S4jeetieW8jyA5Lyg5K0MpIDwgMC4wNe+8jOWPlua7oei2s+Wug+eahOacgOWwj+aVtOaVsCBD44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAxNzIifQ==',
    ),
}
