"""Exercises of notebook 11 (Fire module and SqueezeNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "11.1": Value(
        title='**练习 1**：`Fire(128, 16, 64, 64)`（SqueezeNet 1.0 的 fire3）有多少参数（含偏置）？',
        answer='MTI0MzI=',
        hints=(
            'P = s(C_in + 1) + e1(s + 1) + e3(9s + 1)，别忘了每个卷积的偏置。',
        ),
        solution='eyJ0ZXh0IjogIlAgPSBzKENfaW4gKyAxKSArIGUxKHMgKyAxKSArIGUzKDlzICsgMSnvvIzliKvlv5jkuobmr4/kuKrljbfnp6/nmoTlgY/nva7jgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDE2ICogMTI5ICsgNjQgKiAxNyArIDY0ICogMTQ1In0=',
    ),
    "11.2": Value(
        title='**练习 2**：`Fire(256, 48, 192, 192)` 的输出有多少个通道？',
        answer='Mzg0',
        hints=(
            'Fire 的输出是两支 expand 在通道维上拼接的结果。',
        ),
        solution='eyJ0ZXh0IjogIkZpcmUg55qE6L6T5Ye65piv5Lik5pSvIGV4cGFuZCDlnKjpgJrpgZPnu7TkuIrmi7zmjqXnmoTnu5PmnpzjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDM4NCJ9',
    ),
    "11.3": Value(
        title='**练习 3**：SqueezeNet 1.0 的 conv1 是 96 个 $7\\times7$、步长 2、不补零的卷积。输入 224×224 时，它输出的特',
        answer='MTA5',
        hints=(
            '输出边长 = floor((H + 2p - k) / s) + 1，这里 p = 0。',
        ),
        solution='eyJ0ZXh0IjogIui+k+WHuui+uemVvyA9IGZsb29yKChIICsgMnAgLSBrKSAvIHMpICsgMe+8jOi/memHjCBwID0gMOOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gKDIyNCAtIDcpIC8vIDIgKyAxIn0=',
    ),
    "11.4": Value(
        title='参数量大约变成原来的几倍？以 `Fire(128, 16, 64, 64)` → `Fire(128, 32, 64, 64)` 为例，给出比值（保留两位小数）',
        answer='MS45OQ==',
        rel_tol=0.005,
        hints=(
            '用 fire_params 分别算两种设置再相除；想想哪些项与 s 成正比。',
        ),
        solution='eyJ0ZXh0IjogIueUqCBmaXJlX3BhcmFtcyDliIbliKvnrpfkuKTnp43orr7nva7lho3nm7jpmaTvvJvmg7Pmg7Plk6rkupvpobnkuI4gcyDmiJDmraPmr5TjgILvvJvorqHnrpfvvJphbnN3ZXJfNCA9IHJvdW5kKGZpcmVfcGFyYW1zKDEyOCwgMzIsIDY0LCA2NCkgLyBmaXJlX3BhcmFtcygxMjgsIDE2LCA2NCwgNjQpLCAyKSJ9',
    ),
}
