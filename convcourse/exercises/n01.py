"""Exercises of notebook 01 (group convolution).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "01.1": Value(
        title='Conv2d(48, 96, 5, groups=6, bias=False) 的参数量',
        answer='MTkyMDA=',
        hints=(
            '分组后每个卷积核只有 C1/g 个通道，卷积核仍有 C2 个。',
            '参数量 = k·k·(C1/g)·C2 = k²·C1·C2 / g。',
        ),
        solution='eyJ0ZXh0IjogIjXCtzXCtyg0OC82KcK3OTYgPSAyNcK3OMK3OTYgPSAxOTIwMOOAgiJ9',
    ),
    "01.2": Choice(
        title='C1 = C2 = 16、g = 4 时，输出通道 5 用到哪些输入通道？',
        answer='IkIi',
        options='ABCD',
        hints=(
            '先算每组有几个输出通道，输出通道 5 属于第几组（从 0 数）。',
            '输出通道 j 属于第 ⌊j / (C2/g)⌋ 组，只看这一组的 C1/g 个输入通道。',
        ),
        explain='Iuavj+e7hCA0IOS4qui+k+WHuumAmumBk++8jOmAmumBkyA1IOWcqOesrCAxIOe7hO+8jOWPqueci+i+k+WFpemAmumBkyA04oCTN++8mui/nuaOpeefqemYteaYr+Wdl+WvueinkueahOOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBC44CCQzIvZyA9IDTvvIzijIo1LzTijIsgPSAx77yM56ysIDEg57uE55qE6L6T5YWl6YCa6YGT5pivIDTjgIE144CBNuOAgTfjgIIifQ==',
    ),
    "01.3": Predict(
        title='预测 nn.Conv2d(32, 64, 3, groups=32) 的 weight.shape',
        answer='WzY0LCAxLCAzLCAzXQ==',
        hints=(
            '权重形状是 (C2, C1/g, k, k)。',
            'g = C1 时每个卷积核只有 1 个通道。',
        ),
        solution='eyJ0ZXh0IjogIihDMiwgQzEvZywgaywgaykgPSAoNjQsIDMyLzMyLCAzLCAzKSA9ICg2NCwgMSwgMywgMynvvJrmr4/kuKrovpPlhaXpgJrpgZPphY0gMiDkuKrljbfnp6/moLjvvIhkZXB0aCBtdWx0aXBsaWVyIDLvvInjgIIifQ==',
    ),
    "01.4": Choice(
        title='nn.Conv2d(6, 9, 3, groups=3) 能构造出来吗？',
        answer='dHJ1ZQ==',
        hints=(
            'groups 需要整除哪两个数？',
            '必须 g | C1 且 g | C2。',
        ),
        explain='IjYg5ZKMIDkg6YO96IO96KKrIDMg5pW06Zmk77ya5q+P57uEIDIg5Liq6L6T5YWl6YCa6YGT44CBMyDkuKrljbfnp6/moLjjgIIi',
        solution='eyJ0ZXh0IjogIlRydWXvvJo2IC8gMyA9IDLvvIw5IC8gMyA9IDPvvIzpg73mmK/mlbTmlbDjgIIifQ==',
    ),
    "01.5": Coding(
        title='用一次普通卷积实现分组卷积（块对角权重）',
        hints=(
            '第 i 组的卷积核在完整权重里占哪些行、哪些列（输入通道）？',
            'full[i·C2/g:(i+1)·C2/g, i·C1/g:(i+1)·C1/g] = weight[i·C2/g:(i+1)·C2/g]，其余为 0。',
        ),
        name='MyGroupConv',
        reference='torch.nn:Conv2d',
        args=(8, 12, 3),
        kwargs={'padding': 1, 'groups': 4},
        inputs=((2, 8, 7, 7),),
        solution='eyJ0ZXh0IjogIuWIhue7hOWNt+enr+etieS7t+S6juS4gOS4quaZrumAmuWNt+enr++8jOWug+eahOadg+mHjeWcqOKAnOi+k+WHuumAmumBkyDDlyDovpPlhaXpgJrpgZPigJ3kuIrmmK/lnZflr7nop5LnmoTvvJrnu4TlpJbnmoTov57mjqXlhajmmK8gMOOAgiIsICJjb2RlIjogImNsYXNzIE15R3JvdXBDb252KG5uLk1vZHVsZSk6XG4gICAgXCJcIlwi5YiG57uE5Y2356ev77yM5Y+q55So5LiA5qyh5pmu6YCa5Y2356ev5a6e546w77ya5oqK5YiG57uE5p2D6YeN5pGG5oiQ5Z2X5a+56KeS55qE5a6M5pW05p2D6YeN44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgaW5fY2hhbm5lbHMsIG91dF9jaGFubmVscywga2VybmVsX3NpemUsIHBhZGRpbmc9MCwgZ3JvdXBzPTEpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5pbl9jaGFubmVscywgc2VsZi5ncm91cHMsIHNlbGYucGFkZGluZyA9IGluX2NoYW5uZWxzLCBncm91cHMsIHBhZGRpbmdcbiAgICAgICAgc2VsZi53ZWlnaHQgPSBubi5QYXJhbWV0ZXIodG9yY2gucmFuZG4ob3V0X2NoYW5uZWxzLCBpbl9jaGFubmVscyAvLyBncm91cHMsIGtlcm5lbF9zaXplLCBrZXJuZWxfc2l6ZSkgKiAwLjEpXG4gICAgICAgIHNlbGYuYmlhcyA9IG5uLlBhcmFtZXRlcih0b3JjaC56ZXJvcyhvdXRfY2hhbm5lbHMpKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIGMyLCBjMV9nLCBrLCBfID0gc2VsZi53ZWlnaHQuc2hhcGVcbiAgICAgICAgb3V0X2cgPSBjMiAvLyBzZWxmLmdyb3Vwc1xuICAgICAgICBmdWxsID0gc2VsZi53ZWlnaHQubmV3X3plcm9zKGMyLCBzZWxmLmluX2NoYW5uZWxzLCBrLCBrKVxuICAgICAgICBmb3IgaSBpbiByYW5nZShzZWxmLmdyb3Vwcyk6XG4gICAgICAgICAgICBmdWxsW2kgKiBvdXRfZzooaSArIDEpICogb3V0X2csIGkgKiBjMV9nOihpICsgMSkgKiBjMV9nXSA9IHNlbGYud2VpZ2h0W2kgKiBvdXRfZzooaSArIDEpICogb3V0X2ddXG4gICAgICAgIHJldHVybiBGLmNvbnYyZCh4LCBmdWxsLCBzZWxmLmJpYXMsIHBhZGRpbmc9c2VsZi5wYWRkaW5nKVxuIn0=',
    ),
}
