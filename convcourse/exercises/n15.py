"""Exercises of notebook 15 (partial convolution, FasterNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "15.1": Value(
        title='C = 128、n_div = 4 的 PConv（3×3，无偏置）的参数量',
        answer='OTIxNg==',
        hints=(
            '只有前 c_p = C / n_div 个通道参与卷积，输入输出都是 c_p。',
            '参数量 = k²·c_p²。',
        ),
        solution='eyJ0ZXh0IjogImNfcCA9IDMy77yaOcK3MzLCsiA9IDkyMTbvvIzmmK/lkIzmoLflpKflsI/mma7pgJrljbfnp6/nmoQgMS8xNuOAgiJ9',
    ),
    "15.2": Choice(
        title='FasterNet 为什么用 PConv 而不是深度卷积？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '论文关心的是 FLOPS（每秒浮点运算次数），不只是 FLOPs。',
            '深度卷积 FLOPs 低，但内存访问多，硬件利用率低。',
        ),
        explain='Iua3seW6puWNt+enr+iZveeEtiBGTE9QcyDlsJHvvIzkvYborr/lrZjlpJrjgIHnrpfmnK/lvLrluqbkvY7vvIzlrp7pmYUgRkxPUFMg5b6I5L2O77ybUENvbnYg5ZCM5pe25YeP5bCR6K6h566X5ZKM5YaF5a2Y6K6/6Zeu77yM6YCf5bqm5pu05b+r77yI6K665paHIFNlYy4gMy4x77yJ44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBD44CCIn0=',
    ),
    "15.3": Predict(
        title='预测 n_div = 4 的 PConv 与普通 3×3 卷积的 MACs 之比',
        answer='MC4wNjI1',
        rel_tol=0.01,
        hints=(
            'PConv 的 MACs = H·W·k²·c_p²。',
            '比值 = (c_p / C)² = (1/n_div)²。',
        ),
        solution='eyJ0ZXh0IjogIigxLzQpwrIgPSAxLzE2ID0gMC4wNjI144CCIn0=',
    ),
    "15.4": Choice(
        title='PConv 的输出里，后 C − c_p 个通道与输入完全相同',
        answer='dHJ1ZQ==',
        hints=(
            'PConv 对未参与卷积的通道做了什么？',
            '它们直接拼接到输出，是恒等映射。',
        ),
        explain='Iuacquiiq+WNt+enr+eahOmAmumBk+WOn+agt+S8oOWIsOi+k+WHuu+8m+WQjumdoueahOmAkOeCueWNt+enr++8iFBXQ29udu+8ieWGjeaKiuS/oeaBr+a3t+WIsOaJgOaciemAmumBk+OAgiI=',
        solution='eyJ0ZXh0IjogIlRydWXjgIIifQ==',
    ),
    "15.5": Coding(
        title='实现 PConv 的 forward（split_cat 写法）',
        hints=(
            '沿通道切两段，只卷积第一段。',
            'cat((partial_conv(x[:, :c_p]), x[:, c_p:]), dim=1)',
        ),
        name='MyPConv',
        reference='convcourse.blocks.pconv:PConv',
        args=(8,),
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogInNwbGl0IOKGkiDlj6rlr7nliY0gY19wIOS4qumAmumBk+WNt+enryDihpIgY29uY2F077yI6K665paHIEZpZy4gNO+8ieOAgiIsICJjb2RlIjogImNsYXNzIE15UENvbnYobm4uTW9kdWxlKTpcbiAgICBcIlwiXCLpg6jliIbljbfnp6/vvJrlj6rlr7nliY0gY19wID0gQyAvIG5fZGl2IOS4qumAmumBk+WBmiBrw5drIOWNt+enr++8jOWFtuS9memAmumBk+WOn+agt+S/neeVmeOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGNoYW5uZWxzLCBuX2Rpdj00KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHNlbGYuZGltX2NvbnYgPSBjaGFubmVscyAvLyBuX2RpdlxuICAgICAgICBzZWxmLnBhcnRpYWxfY29udiA9IG5uLkNvbnYyZChzZWxmLmRpbV9jb252LCBzZWxmLmRpbV9jb252LCAzLCBwYWRkaW5nPTEsIGJpYXM9RmFsc2UpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgeDEsIHgyID0geFs6LCA6c2VsZi5kaW1fY29udl0sIHhbOiwgc2VsZi5kaW1fY29udjpdXG4gICAgICAgIHJldHVybiB0b3JjaC5jYXQoKHNlbGYucGFydGlhbF9jb252KHgxKSwgeDIpLCBkaW09MSlcbiJ9',
    ),
}
