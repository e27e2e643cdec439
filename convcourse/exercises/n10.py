"""Exercises of notebook 10 (Darknet-53).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "10.1": Value(
        title='Darknet-53 的残差单元个数',
        answer='MjM=',
        hints=(
            '看 Table 1 方框旁的重复次数。',
            '1 + 2 + 8 + 8 + 4。',
        ),
        solution='eyJ0ZXh0IjogIjEgKyAyICsgOCArIDggKyA0ID0gMjMg5Liq5q6L5beu5Y2V5YWD77yI5q+P5LiqIDIg5Liq5Y2356ev77yM5YWxIDQ2IOWxgu+8ieOAgiJ9',
    ),
    "10.2": Value(
        title='ResidualUnit(256) 的参数量（卷积 + BN）',
        answer='MzI4NDQ4',
        hints=(
            '两个卷积都无偏置：1×1（256→128）和 3×3（128→256）；每个 BN 有 γ、β。',
            '256·128 + 9·128·256 + 2·(128 + 256)。',
        ),
        solution='eyJ0ZXh0IjogIjMyNzY4ICsgMjk0OTEyICsgNzY4ID0gMzI4NDQ444CCIn0=',
    ),
    "10.3": Choice(
        title='Darknet-53 怎样把特征图缩小？',
        answer='IkIi',
        options='ABCD',
        hints=(
            '数一数网络里有没有池化层。',
            '每个阶段开头是一个 stride 2 的 3×3 卷积。',
        ),
        explain='IkRhcmtuZXQtNTMg5rKh5pyJ5rGg5YyW5bGC77ya5q+P5Liq6Zi25q615byA5aS055SoIHN0cmlkZSAyIOeahCAzw5czIOWNt+enr+S4i+mHh+agt++8iOWFqOWNt+enr++8jOS+v+S6jiBZT0xPdjMg5YGa5aSa5bC65bqm5qOA5rWL77yJ44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "10.4": Predict(
        title='预测 Darknet-53 卷积部分在 256×256 上的输出形状',
        answer='WzEsIDEwMjQsIDgsIDhd',
        hints=(
            'Darknet-53 有 5 次 stride 2 下采样，最后一个阶段 1024 通道。',
            '256 / 2⁵ = 8。',
        ),
        solution='eyJ0ZXh0IjogIigxLCAxMDI0LCA4LCA4KeOAgiJ9',
    ),
    "10.5": Coding(
        title='实现 Darknet 残差单元的 forward',
        hints=(
            '每个卷积之后是 BN 和斜率 0.1 的 LeakyReLU；捷径直接相加。',
            'x + lrelu(bn2(conv2(lrelu(bn1(conv1(x))))))，lrelu = F.leaky_relu(·, 0.1)',
        ),
        name='MyResidualUnit',
        reference='convcourse.nets.darknet:ResidualUnit',
        args=(8,),
        inputs=((2, 8, 6, 6),),
        solution='eyJ0ZXh0IjogIjHDlzEg5YWI5oqK6YCa6YGT5YeP5Y2K77yMM8OXMyDlho3mgaLlpI3vvJvnm7jliqDkuYvlkI7msqHmnInmv4DmtLvvvIjnur/mgKfmjbflvoTvvInjgIIiLCAiY29kZSI6ICJjbGFzcyBNeVJlc2lkdWFsVW5pdChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkRhcmtuZXQtNTMg55qE5q6L5beu5Y2V5YWD77yaMcOXMSDljbfnp6/vvIhDIOKGkiBDLzLvvInihpIgM8OXMyDljbfnp6/vvIhDLzIg4oaSIEPvvInvvIzmr4/kuKrljbfnp6/lkI4gQk4gKyBMZWFreVJlTFUoMC4xKe+8jOWGjeWKoCB444CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY2hhbm5lbHMpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5jb252MSA9IG5uLkNvbnYyZChjaGFubmVscywgY2hhbm5lbHMgLy8gMiwgMSwgYmlhcz1GYWxzZSlcbiAgICAgICAgc2VsZi5ibjEgPSBubi5CYXRjaE5vcm0yZChjaGFubmVscyAvLyAyKVxuICAgICAgICBzZWxmLmNvbnYyID0gbm4uQ29udjJkKGNoYW5uZWxzIC8vIDIsIGNoYW5uZWxzLCAzLCBwYWRkaW5nPTEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4yID0gbm4uQmF0Y2hOb3JtMmQoY2hhbm5lbHMpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgb3V0ID0gRi5sZWFreV9yZWx1KHNlbGYuYm4xKHNlbGYuY29udjEoeCkpLCAwLjEpXG4gICAgICAgIG91dCA9IEYubGVha3lfcmVsdShzZWxmLmJuMihzZWxmLmNvbnYyKG91dCkpLCAwLjEpXG4gICAgICAgIHJldHVybiB4ICsgb3V0ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMg57q/5oCn5o235b6E77ya55u45Yqg5ZCO5LiN5YaN5r+A5rS7XG4ifQ==',
    ),
}
