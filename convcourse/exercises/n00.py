"""Exercises of notebook 00.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "00.1": Value(
        title='**练习 1**：`nn.Conv2d(3, 64, kernel_size=7, bias=False)` 有多少个参数？',
        answer='OTQwOA==',
        hints=(
            'k·k·C_in·C_out，bias=False 时不加 C_out；ResNet 的第一层是 7×7、3→64。',
        ),
        solution='eyJ0ZXh0IjogImvCt2vCt0NfaW7Ct0Nfb3V077yMYmlhcz1GYWxzZSDml7bkuI3liqAgQ19vdXTvvJtSZXNOZXQg55qE56ys5LiA5bGC5pivIDfDlzfjgIEz4oaSNjTjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDk0MDgifQ==',
    ),
    "00.2": Value(
        title='**练习 2**：224×224 的输入经过 `kernel_size=7, stride=2, padding=3` 的卷积，输出的高是多少？',
        answer='MTEy',
        hints=(
            '输出尺寸 = ⌊(H + 2p − k) / s⌋ + 1。',
        ),
        solution='eyJ0ZXh0IjogIui+k+WHuuWwuuWvuCA9IOKMiihIICsgMnAg4oiSIGspIC8gc+KMiyArIDHjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDExMiJ9',
    ),
    "00.3": Value(
        title='**练习 3**：`count_flops` 与 `count_macs` 的比值是多少？',
        answer='Mg==',
        hints=(
            'FlopCounterMode 把一次乘加记作几次浮点运算？',
        ),
        solution='eyJ0ZXh0IjogIkZsb3BDb3VudGVyTW9kZSDmiorkuIDmrKHkuZjliqDorrDkvZzlh6DmrKHmta7ngrnov5DnrpfvvJ/vvJvorqHnrpfvvJphbnN3ZXJfMyA9IDIifQ==',
    ),
}
