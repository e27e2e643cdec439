"""Exercises of notebook 04 (ResNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "04.1": Value(
        title='CIFAR 版 ResNet（每阶段 n = 9 个块）的带权重层数',
        answer='NTY=',
        hints=(
            'CIFAR 版有 3 个阶段，每个基本块有 2 个卷积。',
            '层数 = 6n + 2（第一个卷积 + 6n 个卷积 + 全连接）。',
        ),
        solution='eyJ0ZXh0IjogIjbCtzkgKyAyID0gNTbjgIIifQ==',
    ),
    "04.2": Value(
        title='Bottleneck(512, 128) 的参数量（卷积 + BN，无下采样）',
        answer='MjgwMDY0',
        hints=(
            '三个卷积都无偏置：1×1（512→128）、3×3（128→128）、1×1（128→512）；每个 BN 有 γ、β 两组。',
            '512·128 + 9·128·128 + 128·512 + 2·(128 + 128 + 512)。',
        ),
        solution='eyJ0ZXh0IjogIjY1NTM2ICsgMTQ3NDU2ICsgNjU1MzYgPSAyNzg1Mjgg5Liq5Y2356ev5p2D6YeN77yMQk4gMsK3NzY4ID0gMTUzNu+8jOWQiOiuoSAyODAwNjTjgIIifQ==',
    ),
    "04.3": Choice(
        title='残差块为什么容易学到恒等映射？',
        answer='IkIi',
        options='ABCD',
        hints=(
            '如果最优的映射就是恒等映射，残差分支要输出什么？',
            'H(x) = F(x) + x：F(x) = 0 时就是恒等映射。',
        ),
        explain='Iuaui+W3ruWIhuaUr+WPqumcgOaKiiBGKHgpIOaOqOWQkSAw77yI5L6L5aaC5oqK5pyA5ZCO5LiA5LiqIEJOIOeahCDOsyDljovlsI/vvInvvIzogIzorqnlh6DlsYLpnZ7nur/mgKfljbfnp6/nm7TmjqXmi5/lkIjmgZLnrYnmmKDlsITlvojpmr7jgIIi',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "04.4": Predict(
        title='预测 ResNet-50 在 224×224 上全局池化前的特征图形状',
        answer='WzEsIDIwNDgsIDcsIDdd',
        hints=(
            'ResNet 的总步长是多少？最后一个阶段的瓶颈块输出几个通道？',
            '224 / 32 = 7；通道 = 512·4。',
        ),
        solution='eyJ0ZXh0IjogIuaAu+atpemVvyAzMu+8iHN0ZW0g55qEIHN0cmlkZS0yIOWNt+enr+S4juaxoOWMluOAgemYtuautSAz4oCTNSDlkITkuIDmrKEgc3RyaWRlIDLvvInvvJo3w5c377yb6YCa6YGTIDUxMsK3NCA9IDIwNDjjgIIifQ==',
    ),
    "04.5": Coding(
        title='实现瓶颈块的 forward',
        hints=(
            '主分支三层，前两层后有 ReLU，第三层后先不要激活。',
            'relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x))))))) + x)',
        ),
        name='MyBottleneck',
        reference='convcourse.nets.resnet:Bottleneck',
        args=(32, 8),
        inputs=((2, 32, 6, 6),),
        solution='eyJ0ZXh0IjogIuS4u+WIhuaUryAxw5cxLTPDlzMtMcOXMe+8jOacgOWQjuS4gOS4qiBCTiDkuYvlkI7lhYjkuI7mgZLnrYnmjbflvoTnm7jliqDvvIzlho0gUmVMVe+8iOiuuuaWhyBGaWcuIDUg5Y+z77yJ44CCIiwgImNvZGUiOiAiY2xhc3MgTXlCb3R0bGVuZWNrKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiUmVzTmV0IOeahOeTtumiiOWdl++8mjHDlzEg6ZmN57u0IOKGkiAzw5czIOKGkiAxw5cxIOWNh+e7tO+8iMOXNO+8ie+8jOWKoOS4iuaBkuetieaNt+W+hOOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGlucGxhbmVzLCBwbGFuZXMpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5jb252MSA9IG5uLkNvbnYyZChpbnBsYW5lcywgcGxhbmVzLCAxLCBiaWFzPUZhbHNlKVxuICAgICAgICBzZWxmLmJuMSA9IG5uLkJhdGNoTm9ybTJkKHBsYW5lcylcbiAgICAgICAgc2VsZi5jb252MiA9IG5uLkNvbnYyZChwbGFuZXMsIHBsYW5lcywgMywgcGFkZGluZz0xLCBiaWFzPUZhbHNlKVxuICAgICAgICBzZWxmLmJuMiA9IG5uLkJhdGNoTm9ybTJkKHBsYW5lcylcbiAgICAgICAgc2VsZi5jb252MyA9IG5uLkNvbnYyZChwbGFuZXMsIHBsYW5lcyAqIDQsIDEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4zID0gbm4uQmF0Y2hOb3JtMmQocGxhbmVzICogNClcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBvdXQgPSB0b3JjaC5yZWx1KHNlbGYuYm4xKHNlbGYuY29udjEoeCkpKVxuICAgICAgICBvdXQgPSB0b3JjaC5yZWx1KHNlbGYuYm4yKHNlbGYuY29udjIob3V0KSkpXG4gICAgICAgIG91dCA9IHNlbGYuYm4zKHNlbGYuY29udjMob3V0KSlcbiAgICAgICAgcmV0dXJuIHRvcmNoLnJlbHUob3V0ICsgeCkgICAgICAgICAgICAgICAgICAjIOebuOWKoOS5i+WQjuWGjSBSZUxVXG4ifQ==',
    ),
}
