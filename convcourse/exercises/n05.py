"""Exercises of notebook 05 (Inception).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "05.1": Value(
        title='先 1×1 降到 16 通道再 5×5（192 → 32，无偏置）的参数量',
        answer='MTU4NzI=',
        hints=(
            '分两层算：1×1 卷积 192→16，再 5×5 卷积 16→32。',
            '参数量 = 1·1·192·16 + 5·5·16·32。',
        ),
        solution='eyJ0ZXh0IjogIjE5MsK3MTYgPSAzMDcy77yMMjXCtzE2wrczMiA9IDEyODAw77yM5ZCI6K6hIDE1ODcy77yb55u05o6lIDXDlzXvvIgxOTLihpIzMu+8ieimgSAxNTM2MDDvvIznuqYgMTAg5YCN44CCIn0=',
    ),
    "05.2": Choice(
        title='Inception 里 3×3、5×5 之前的 1×1 卷积主要为了什么？',
        answer='IkEi',
        options='ABCD',
        hints=(
            '比较 5×5 卷积在 192 个和 16 个输入通道上的计算量。',
            'MACs ∝ k²·C_in·C_out：先把 C_in 降下来。',
        ),
        explain='IjHDlzEg5Y2356ev5YWI5oqK6YCa6YGT5pWw6ZmN5LiL5p2l77yM5piC6LS155qEIDPDlzPjgIE1w5c1IOWNt+enr+WwseWPquWcqOWwkemHj+mAmumBk+S4iuiuoeeul++8iOiuuuaWhyBTZWMuIDTvvIzov5jlpJrkuobkuIDlsYIgUmVMVe+8ieOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "05.3": Predict(
        title='预测朴素 Inception（reduce=False）的输出通道数',
        answer='Njcy',
        hints=(
            '朴素版没有 1×1 降维，池化分支把输入原样（取最大值）传过去。',
            '输出通道 = ch1x1 + ch3x3 + ch5x5 + C_in。',
        ),
        solution='eyJ0ZXh0IjogIjEyOCArIDE5MiArIDk2ICsgMjU2ID0gNjcy77ya5rGg5YyW5YiG5pSv5L+d55WZ5YWo6YOo6L6T5YWl6YCa6YGT77yM6L+Z5q2j5piv5py057Sg54mI6YCa6YGT6LaK5aCG6LaK5aSa55qE5Y6f5Zug44CCIn0=',
    ),
    "05.4": Choice(
        title='Inception 的四条分支依次串联执行',
        answer='ZmFsc2U=',
        hints=(
            '看上面的结构图：四条分支的输入是什么？',
            '四条分支都以同一个 x 为输入，输出在通道维上拼接。',
        ),
        explain='IuWbm+adoeWIhuaUr+W5tuihjO+8jOi+k+WFpemDveaYr+WQjOS4gOS4qiB477yM6L6T5Ye65Zyo6YCa6YGT57u05LiK5ou85o6l77yb56m66Ze05bC65a+45b+F6aG755u45ZCM77yM5omA5Lul6YO955SoIHNhbWUgcGFkZGluZ+OAgiI=',
        solution='eyJ0ZXh0IjogIkZhbHNl44CCIn0=',
    ),
    "05.5": Coding(
        title='实现 Inception 模块的 forward',
        hints=(
            '四条分支都作用在同一个输入上，然后在哪一维拼接？',
            'torch.cat([b1(x), b2(x), b3(x), b4(x)], dim=1)',
        ),
        name='MyInception',
        reference='convcourse.nets.inception:InceptionV1Block',
        args=(16, 4, 4, 8, 2, 4, 4),
        inputs=((2, 16, 6, 6),),
        solution='eyJ0ZXh0IjogIuW5tuihjOeahOWbm+adoeWIhuaUr++8jOi+k+WHuuaMiemAmumBk+aLvOaOpe+8m+mhuuW6j+aYryAxw5cx44CBM8OXM+OAgTXDlzXjgIHmsaDljJbmipXlvbHjgIIiLCAiY29kZSI6ICJjbGFzcyBNeUluY2VwdGlvbihubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkdvb2dMZU5ldCDnmoQgSW5jZXB0aW9uIOaooeWdl++8muWbm+adoeW5tuihjOWIhuaUr++8jOaMiemAmumBk+aLvOaOpeOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGluX2NoYW5uZWxzLCBjaDF4MSwgY2gzeDNyZWQsIGNoM3gzLCBjaDV4NXJlZCwgY2g1eDUsIHBvb2xfcHJvaik6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICB1bml0ID0gbGFtYmRhIGNfaW4sIGNfb3V0LCBrOiBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChjX2luLCBjX291dCwgaywgcGFkZGluZz1rIC8vIDIpLCBubi5SZUxVKCkpXG4gICAgICAgIHNlbGYuYjEgPSB1bml0KGluX2NoYW5uZWxzLCBjaDF4MSwgMSlcbiAgICAgICAgc2VsZi5iMiA9IG5uLlNlcXVlbnRpYWwodW5pdChpbl9jaGFubmVscywgY2gzeDNyZWQsIDEpLCB1bml0KGNoM3gzcmVkLCBjaDN4MywgMykpXG4gICAgICAgIHNlbGYuYjMgPSBubi5TZXF1ZW50aWFsKHVuaXQoaW5fY2hhbm5lbHMsIGNoNXg1cmVkLCAxKSwgdW5pdChjaDV4NXJlZCwgY2g1eDUsIDUpKVxuICAgICAgICBzZWxmLmI0ID0gbm4uU2VxdWVudGlhbChubi5NYXhQb29sMmQoMywgc3RyaWRlPTEsIHBhZGRpbmc9MSksIHVuaXQoaW5fY2hhbm5lbHMsIHBvb2xfcHJvaiwgMSkpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgcmV0dXJuIHRvcmNoLmNhdChbc2VsZi5iMSh4KSwgc2VsZi5iMih4KSwgc2VsZi5iMyh4KSwgc2VsZi5iNCh4KV0sIGRpbT0xKSAgICMgKE4sIENfb3V0LCBILCBXKVxuIn0=',
    ),
}
