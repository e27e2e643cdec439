"""Exercises of notebook 13 (ShuffleNet V2, channel shuffle).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "13.1": Value(
        title='C = 12、g = 3 的通道混洗之后，输出通道 4 来自哪个输入通道',
        answer='NQ==',
        hints=(
            '混洗前把通道排成 g 行 × C/g 列，混洗后按列读出。',
            '输出通道 j·g + i 来自输入通道 i·(C/g) + j。',
        ),
        solution='eyJ0ZXh0IjogIjQgPSAxwrczICsgMe+8mmogPSAx44CBaSA9IDHvvIzmnaXoh6rovpPlhaXpgJrpgZMgMcK3NCArIDEgPSA144CCIn0=',
    ),
    "13.2": Choice(
        title='ShuffleNet V2 的四条设计准则里，G1 说的是什么？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'G1 关于卷积的输入、输出通道数。',
            'FLOPs 相同时，输入输出通道相等时内存访问量（MAC）最小。',
        ),
        explain='Ikcx77yaRkxPUHMg5Zu65a6a5pe277yMMcOXMSDljbfnp6/nmoTlhoXlrZjorr/pl67ph4/lnKggQ19pbiA9IENfb3V0IOaXtuacgOWwj++8m+aJgOS7peWNleWFg+mHjOeahCAxw5cxIOWNt+enr+S/neaMgemAmumBk+aVsOS4jeWPmOOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "13.3": Predict(
        title='预测：连续两次 g = 2 的通道混洗能否回到原来的通道顺序（C = 8）',
        answer='ZmFsc2U=',
        hints=(
            'g = 2、C = 8 的混洗相当于把 2×4 的矩阵转置；再混洗一次是把 4×2 的矩阵转置吗？',
            '第二次混洗仍按 2 行 × 4 列读入，并不是逆操作。',
        ),
        solution='eyJ0ZXh0IjogIkZhbHNl77ya5LiA5qyh5re35rSX5b6XIFswLDQsMSw1LDIsNiwzLDdd77yM5YaN5re35rSX5LiA5qyh5b6XIFswLDIsNCw2LDEsMyw1LDdd77yb6KaB6L+Y5Y6f6ZyA55SoIGNoYW5uZWxfdW5zaHVmZmxl77yI5oyJIEMvZyDooYzor7vlhaXvvInjgIIifQ==',
    ),
    "13.4": Choice(
        title='ShuffleNet V2 单元的左半通道也经过卷积',
        answer='ZmFsc2U=',
        hints=(
            'stride 1 的单元里，通道对半切之后左半做了什么？',
            '左半是恒等映射（相当于特征复用），只有右半过三层卷积。',
        ),
        explain='InN0cmlkZSAxIOaXtuW3puWNiuebtOaOpeaLvOWbnuWOu++8iOaBkuetie+8jOi1t+WIsOeJueW+geWkjeeUqOeahOS9nOeUqO+8ie+8jOWPquacieWPs+WNiui/hyAxw5cx44CBM8OXMyDmt7Hluqbljbfnp6/jgIExw5cx44CCIg==',
        solution='eyJ0ZXh0IjogIkZhbHNl44CCIn0=',
    ),
    "13.5": Coding(
        title='实现 ShuffleNet V2 单元（stride 1）的 forward',
        hints=(
            '三步：通道切分、右半过 branch2 后拼接、通道混洗。',
            'x1, x2 = x.chunk(2, 1)；out = cat(x1, branch2(x2))；view(n, 2, c/2, h, w).transpose(1, 2).reshape(n, c, h, w)',
        ),
        name='MyShuffleUnit',
        reference='convcourse.blocks.shuffle:ShuffleV2Block',
        args=(8, 8),
        student_args=(8,),
        student_kwargs={},
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogImNoYW5uZWwgc3BsaXQg4oaSIOWPs+WNiuS4ieWxgiDihpIgY29uY2F0IOKGkiBjaGFubmVsIHNodWZmbGXvvIhnID0gMu+8ie+8jOingeiuuuaWhyBGaWcuIDNj44CCIiwgImNvZGUiOiAiY2xhc3MgTXlTaHVmZmxlVW5pdChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIlNodWZmbGVOZXQgVjIg55qE5Z+65pys5Y2V5YWD77yIc3RyaWRlIDHvvIxGaWcuIDNj77yJ77ya6YCa6YGT5a+55Y2K5YiH77yM5Y+z5Y2K6L+H5LiJ5bGC77yM5ou85o6l77yM5YaN6YCa6YGT5re35rSX44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY2hhbm5lbHMpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgYyA9IGNoYW5uZWxzIC8vIDJcbiAgICAgICAgc2VsZi5icmFuY2gyID0gbm4uU2VxdWVudGlhbChcbiAgICAgICAgICAgIG5uLkNvbnYyZChjLCBjLCAxLCBiaWFzPUZhbHNlKSwgbm4uQmF0Y2hOb3JtMmQoYyksIG5uLlJlTFUoKSxcbiAgICAgICAgICAgIG5uLkNvbnYyZChjLCBjLCAzLCBwYWRkaW5nPTEsIGdyb3Vwcz1jLCBiaWFzPUZhbHNlKSwgbm4uQmF0Y2hOb3JtMmQoYyksXG4gICAgICAgICAgICBubi5Db252MmQoYywgYywgMSwgYmlhcz1GYWxzZSksIG5uLkJhdGNoTm9ybTJkKGMpLCBubi5SZUxVKCkpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgeDEsIHgyID0geC5jaHVuaygyLCBkaW09MSlcbiAgICAgICAgb3V0ID0gdG9yY2guY2F0KCh4MSwgc2VsZi5icmFuY2gyKHgyKSksIGRpbT0xKSAgICAgICAgICAjIChOLCBDLCBILCBXKVxuICAgICAgICBuLCBjLCBoLCB3ID0gb3V0LnNoYXBlXG4gICAgICAgIG91dCA9IG91dC52aWV3KG4sIDIsIGMgLy8gMiwgaCwgdykudHJhbnNwb3NlKDEsIDIpICAgICAgIyDpgJrpgZPmt7fmtJfvvIxnID0gMlxuICAgICAgICByZXR1cm4gb3V0LnJlc2hhcGUobiwgYywgaCwgdylcbiJ9',
    ),
}
