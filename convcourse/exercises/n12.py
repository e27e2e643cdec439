"""Exercises of notebook 12 (inverted residual, MobileNetV2).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "12.1": Value(
        title='InvertedResidual(16, 16, 1, 6) 的参数量（卷积 + BN）',
        answer='NDM1Mg==',
        hints=(
            '隐藏层 h = t·C_in；三层：1×1 扩张、3×3 深度卷积、1×1 投影，都无偏置，每层后一个 BN。',
            'C_in·h + 2h + 9h + 2h + h·C_out + 2·C_out。',
        ),
        solution='eyJ0ZXh0IjogImggPSA5Nu+8mjE2wrc5NiArIDLCtzk2ICsgOcK3OTYgKyAywrc5NiArIDk2wrcxNiArIDLCtzE2ID0gMTUzNiArIDE5MiArIDg2NCArIDE5MiArIDE1MzYgKyAzMiA9IDQzNTLjgIIifQ==',
    ),
    "12.2": Choice(
        title='为什么投影层后面不加 ReLU（线性瓶颈）？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '投影层输出的通道很少。在低维空间里做 ReLU 会怎样？',
            '论文 Sec. 3.2：低维流形上的 ReLU 会丢失信息。',
        ),
        explain='IuaKleW9seWIsOS9jue7tOWQjuWGjSBSZUxVIOS8muaKiuS4gOmDqOWIhuS/oeaBr+awuOS5hee9rumbtu+8iOiuuuaWhyBTZWMuIDMuMuOAgUZpZy4gMe+8ie+8m+e6v+aAp+eTtumiiOS/neeVmei/meS6m+S/oeaBr+OAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBD44CCIn0=',
    ),
    "12.3": Predict(
        title='预测：stride 2 的倒置残差块有没有捷径',
        answer='ZmFsc2U=',
        hints=(
            '捷径要把 x 与输出相加，二者形状必须相同。',
            '只有 stride = 1 且 C_in = C_out 时才有捷径。',
        ),
        solution='eyJ0ZXh0IjogIkZhbHNl77yac3RyaWRlIDIg5pS55Y+Y5LqGIEjjgIFX77yM5peg5rOV5LiO6L6T5YWl55u45Yqg44CCIn0=',
    ),
    "12.4": Choice(
        title='“倒置”残差倒置的是什么？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'ResNet 的瓶颈块是“宽-窄-宽”，倒置残差呢？',
            'MobileNetV2：窄（输入）→ 宽（扩张 t 倍）→ 窄（投影）；捷径连在窄的两端。',
        ),
        explain='Iue7j+WFuOeTtumiiOWdl+WFiOWOi+e8qeWGjeaBouWkje+8iOWuvS3nqoQt5a6977yJ77yM5YCS572u5q6L5beu5YWI5omp5byg5YaN5Y6L57yp77yI56qELeWuvS3nqoTvvInvvIzmjbflvoTov57mjqXkuKTkuKrnqoTnmoTnk7bpoojjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "12.5": Coding(
        title='实现倒置残差块的 forward',
        hints=(
            '前两层后面是 ReLU6，投影层后面只有 BN；形状不变时才有捷径。',
            'out = bn3(project(relu6(bn2(dw(relu6(bn1(expand(x))))))))；use_res_connect 时 x + out',
        ),
        name='MyInvertedResidual',
        reference='convcourse.blocks.inverted_residual:InvertedResidual',
        args=(8, 8, 1, 4),
        inputs=((2, 8, 6, 6),),
        solution='eyJ0ZXh0IjogIuaJqeW8oCDihpIg5rex5bqm5Y2356evIOKGkiDnur/mgKfmipXlvbHvvJvlj6rlnKggc3RyaWRlIDEg5LiU6YCa6YGT5LiN5Y+Y5pe25Yqg5o235b6E44CCIiwgImNvZGUiOiAiY2xhc3MgTXlJbnZlcnRlZFJlc2lkdWFsKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiTW9iaWxlTmV0VjIg55qE5YCS572u5q6L5beu5Z2X77yaMcOXMSDmianlvKDvvIhSZUxVNu+8ieKGkiAzw5czIOa3seW6puWNt+enr++8iFJlTFU277yJ4oaSIDHDlzEg57q/5oCn5oqV5b2x77yM5b2i54q25LiN5Y+Y5pe25Yqg5o235b6E44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgaW5fY2hhbm5lbHMsIG91dF9jaGFubmVscywgc3RyaWRlLCBleHBhbmRfcmF0aW8pOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgaGlkZGVuID0gaW50KHJvdW5kKGluX2NoYW5uZWxzICogZXhwYW5kX3JhdGlvKSlcbiAgICAgICAgc2VsZi51c2VfcmVzX2Nvbm5lY3QgPSBzdHJpZGUgPT0gMSBhbmQgaW5fY2hhbm5lbHMgPT0gb3V0X2NoYW5uZWxzXG4gICAgICAgIHNlbGYuZXhwYW5kID0gbm4uQ29udjJkKGluX2NoYW5uZWxzLCBoaWRkZW4sIDEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4xID0gbm4uQmF0Y2hOb3JtMmQoaGlkZGVuKVxuICAgICAgICBzZWxmLmR3ID0gbm4uQ29udjJkKGhpZGRlbiwgaGlkZGVuLCAzLCBzdHJpZGUsIDEsIGdyb3Vwcz1oaWRkZW4sIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4yID0gbm4uQmF0Y2hOb3JtMmQoaGlkZGVuKVxuICAgICAgICBzZWxmLnByb2plY3QgPSBubi5Db252MmQoaGlkZGVuLCBvdXRfY2hhbm5lbHMsIDEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4zID0gbm4uQmF0Y2hOb3JtMmQob3V0X2NoYW5uZWxzKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIG91dCA9IEYucmVsdTYoc2VsZi5ibjEoc2VsZi5leHBhbmQoeCkpKVxuICAgICAgICBvdXQgPSBGLnJlbHU2KHNlbGYuYm4yKHNlbGYuZHcob3V0KSkpXG4gICAgICAgIG91dCA9IHNlbGYuYm4zKHNlbGYucHJvamVjdChvdXQpKSAgICAgICAgICAgICAgIyDnur/mgKfnk7bpoojvvJrkuI3liqDmv4DmtLtcbiAgICAgICAgcmV0dXJuIHggKyBvdXQgaWYgc2VsZi51c2VfcmVzX2Nvbm5lY3QgZWxzZSBvdXRcbiJ9',
    ),
}
