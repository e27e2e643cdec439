"""Exercises of notebook 00 (introduction: tensors, parameters, MACs, time).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Predict, Value

EXERCISES = {
    "00.1": Value(
        title='带偏置的 nn.Conv2d(16, 32, kernel_size=5) 的参数量',
        answer='MTI4MzI=',
        hints=(
            '每个卷积核有 C_in 个 k×k 的切片，一共有 C_out 个卷积核；别忘了偏置。',
            '参数量 = k·k·C_in·C_out + C_out。',
        ),
        solution='eyJ0ZXh0IjogIjXCtzXCtzE2wrczMiA9IDEyODAwIOS4quadg+mHje+8jOWKoCAzMiDkuKrlgY/nva7vvIzlhbEgMTI4MzLjgIIifQ==',
    ),
    "00.2": Value(
        title='56×56 输入、k=3、stride=2、padding=0、dilation=2 的输出边长',
        answer='MjY=',
        hints=(
            '膨胀率 d 让 3×3 的核覆盖 d(k−1)+1 个像素宽。',
            'H_out = ⌊(H + 2p − d(k−1) − 1) / s⌋ + 1。',
        ),
        solution='eyJ0ZXh0IjogIuKMiig1NiArIDAg4oiSIDLCtzIg4oiSIDEpIC8gMuKMiyArIDEgPSDijIo1MSAvIDLijIsgKyAxID0gMjbjgIIifQ==',
    ),
    "00.3": Choice(
        title='MACs 相同的两个卷积，耗时如何？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '回想上面 a、b 两个卷积：MACs 一样，数的是什么？没数什么？',
            'MACs 只数算术，不数内存访问；速度还取决于算子实现和硬件。',
        ),
        explain='Ik1BQ3Mg5Y+q5pWw5LqG5LmY5Yqg77yb5pCs6L+Q5pWw5o2u55qE5Luj5Lu35ZKM566X5a2Q5a6e546w5ZCM5qC35Yaz5a6a6YCf5bqm77yM5omA5Lul6KaB5Zyo55uu5qCH56Gs5Lu25LiK5a6e5rWL44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBD44CCTUFDc++8iOS7peWPiiAyIOWAjeS6juWug+eahCBGTE9Qc++8ieWPquaYr+eul+acr+mHj++8jOecn+WunuiAl+aXtui/mOWPluWGs+S6juWGheWtmOiuv+mXrumHj+OAgeW5tuihjOW6puWSjOW6k+eahOWunueOsOOAgiJ9',
    ),
    "00.4": Predict(
        title='预测 Conv2d(8, 16, 3, padding=1) 在 (1, 8, 10, 10) 上的 MACs',
        answer='MTE1MjAw',
        hints=(
            '每个输出位置、每个输出通道要做 k·k·C_in 次乘加。',
            'MACs = H_out·W_out·k·k·C_in·C_out。',
        ),
        solution='eyJ0ZXh0IjogInNhbWUgcGFkZGluZyDkuIvovpPlh7rku43mmK8gMTDDlzEw77yaMTDCtzEwwrczwrczwrc4wrcxNiA9IDExNTIwMOOAgiJ9',
    ),
    "00.5": Choice(
        title='bias=True 会让 count_macs 变大吗？',
        answer='ZmFsc2U=',
        hints=(
            '偏置是每个输出加一次，不是乘加。count_macs 数的是什么？',
            'FlopCounterMode 对卷积只按 H_out·W_out·k²·C_in·C_out 计数，偏置不计。',
        ),
        explain='IuWBj+e9ruiuqeWPguaVsOWkmuS6hiBDX291dCDkuKrvvIzkvYYgY291bnRfbWFjc++8iEZsb3BDb3VudGVyTW9kZe+8ieWPquaVsOWNt+enr+eahOS5mOWKoO+8jOWBj+e9rueahOWKoOazleS4jeiuoeOAgiI=',
        solution='eyJ0ZXh0IjogIkZhbHNl77ya6L+Q6KGMIGNvdW50X21hY3Mobm4uQ29udjJkKDgsIDE2LCAzLCBwYWRkaW5nPTEsIGJpYXM9VHJ1ZSksICgxLCA4LCAxMCwgMTApKSDkuI4gYmlhcz1GYWxzZSDml7bnm7jlkIzjgIIifQ==',
    ),
}
