"""Exercises of notebook 07 (ResNeXt).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "07.1": Value(
        title='ResNeXt 32×4d 第一阶段块中分组 3×3 卷积的参数量',
        answer='NDYwOA==',
        hints=(
            '这个分组卷积的输入输出都是 C·d = 128 个通道，分 32 组。',
            '参数量 = 3·3·(128/32)·128。',
        ),
        solution='eyJ0ZXh0IjogIjnCtzTCtzEyOCA9IDQ2MDjjgIIifQ==',
    ),
    "07.2": Choice(
        title='ResNeXt 的“基数”（cardinality）指什么？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'ResNeXt 在深度、宽度之外提出的新维度是什么？',
            '基数 C = 并行变换（路径）的个数 = 分组卷积的组数。',
        ),
        explain='IuWfuuaVsOaYr+iBmuWQiOWPmOaNoumHjOW5tuihjOi3r+W+hOeahOadoeaVsO+8jOW9ouW8jyAoYykg6YeM5bCx5piv5YiG57uE5Y2356ev55qE57uE5pWw77yb6K665paH5Y+R546w5Zyo5ZCM562J6K6h566X6YeP5LiL5aKe5aSn5Z+65pWw5q+U5Yqg5rex44CB5Yqg5a695pu05pyJ5pWI44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "07.3": Predict(
        title='预测：形式 (a) 与形式 (c) 拷入同一组权重后输出是否相同',
        answer='dHJ1ZQ==',
        hints=(
            '形式 (a) 的 C 条路径相加，等价于把它们拼接后做一次 1×1 卷积吗？',
            'Σ_i W_i y_i = [W_1 … W_C]·[y_1; …; y_C]：相加 = 拼接 + 1×1。',
        ),
        solution='eyJ0ZXh0IjogIlRydWXvvJrkuInnp43lvaLlvI/lnKjmlbDlrabkuIrnrYnku7fvvIjorrrmlocgRmlnLiAz77yJ77yM5beu5Yir5Y+q5Zyo5a6e546w5pWI546H44CCIn0=',
    ),
    "07.4": Value(
        title='形式 (a) 里 32 条路径的第一个 1×1 卷积合计的参数量',
        answer='MzI3Njg=',
        hints=(
            '32×4d、planes = 64：每条路径的宽度 d 是多少？第一个 1×1 卷积是 inplanes → d。',
            '合计 = C · inplanes · d = 32 · 256 · 4。',
        ),
        solution='eyJ0ZXh0IjogImQgPSA2NMK3NC82NCA9IDTvvJszMiDmnaHot6/lvoTlkITmnIkgMjU2wrc0ID0gMTAyNCDkuKrmnYPph43vvIzlkIjorqEgMzI3NjjigJTigJTlkozlvaLlvI8gKGMpIOmHjOS4gOS4qiAyNTbihpIxMjgg55qEIDHDlzEg5Y2356ev5LiA5qC35aSa44CCIn0=',
    ),
    "07.5": Coding(
        title='实现 ResNeXt 形式 (a) 的 forward（分开的路径，相加聚合）',
        hints=(
            '每条路径都从同一个 x 出发；聚合用相加，不是拼接。',
            'relu(bn3(Σ_i conv3[i](relu(bn2[i](conv2[i](relu(bn1[i](conv1[i](x))))))) + x)',
        ),
        name='MySplitTransformMerge',
        reference='convcourse.nets.resnext:SplitTransformMerge',
        args=(128, 32),
        kwargs={'groups': 4, 'base_width': 16},
        inputs=((2, 128, 5, 5),),
        solution='eyJ0ZXh0IjogInNwbGl0LXRyYW5zZm9ybS1tZXJnZe+8mkMg5p2h5L2O57u06Lev5b6E5YiG5Yir5Y+Y5o2i77yM6L6T5Ye655u45Yqg77yIRXEuIDPvvInvvIzkuYvlkI7kuI4gUmVzTmV0IOeTtumiiOWdl+S4gOagtyBCTuOAgeWKoOaNt+W+hOOAgVJlTFXjgIIiLCAiY29kZSI6ICJjbGFzcyBNeVNwbGl0VHJhbnNmb3JtTWVyZ2Uobm4uTW9kdWxlKTpcbiAgICBcIlwiXCJSZXNOZVh0IOWdl+eahOW9ouW8jyAoYSnvvJpDIOadoei3r+W+hOWQhOWBmiAxw5cxIOKGkiAzw5czIOKGkiAxw5cx77yM6L6T5Ye655u45Yqg77yM5YaNIEJO44CB5Yqg5o235b6E44CBUmVMVeOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGlucGxhbmVzLCBwbGFuZXMsIGdyb3Vwcz0zMiwgYmFzZV93aWR0aD00KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIEMsIGQsIG91dCA9IGdyb3VwcywgcGxhbmVzICogYmFzZV93aWR0aCAvLyA2NCwgcGxhbmVzICogNCAgICAgICMg5Z+65pWw44CB5q+P5p2h6Lev5b6E55qE5a695bqm44CB6L6T5Ye66YCa6YGTXG4gICAgICAgIHNlbGYuY2FyZGluYWxpdHkgPSBDXG4gICAgICAgIHNlbGYuYm4zID0gbm4uQmF0Y2hOb3JtMmQob3V0KVxuICAgICAgICBzZWxmLmNvbnYxID0gbm4uTW9kdWxlTGlzdChubi5Db252MmQoaW5wbGFuZXMsIGQsIDEsIGJpYXM9RmFsc2UpIGZvciBfIGluIHJhbmdlKEMpKVxuICAgICAgICBzZWxmLmJuMSA9IG5uLk1vZHVsZUxpc3Qobm4uQmF0Y2hOb3JtMmQoZCkgZm9yIF8gaW4gcmFuZ2UoQykpXG4gICAgICAgIHNlbGYuY29udjIgPSBubi5Nb2R1bGVMaXN0KG5uLkNvbnYyZChkLCBkLCAzLCBwYWRkaW5nPTEsIGJpYXM9RmFsc2UpIGZvciBfIGluIHJhbmdlKEMpKVxuICAgICAgICBzZWxmLmJuMiA9IG5uLk1vZHVsZUxpc3Qobm4uQmF0Y2hOb3JtMmQoZCkgZm9yIF8gaW4gcmFuZ2UoQykpXG4gICAgICAgIHNlbGYuY29udjMgPSBubi5Nb2R1bGVMaXN0KG5uLkNvbnYyZChkLCBvdXQsIDEsIGJpYXM9RmFsc2UpIGZvciBfIGluIHJhbmdlKEMpKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIHRvdGFsID0gMFxuICAgICAgICBmb3IgaSBpbiByYW5nZShzZWxmLmNhcmRpbmFsaXR5KTpcbiAgICAgICAgICAgIG91dCA9IHRvcmNoLnJlbHUoc2VsZi5ibjFbaV0oc2VsZi5jb252MVtpXSh4KSkpXG4gICAgICAgICAgICBvdXQgPSB0b3JjaC5yZWx1KHNlbGYuYm4yW2ldKHNlbGYuY29udjJbaV0ob3V0KSkpXG4gICAgICAgICAgICB0b3RhbCA9IHRvdGFsICsgc2VsZi5jb252M1tpXShvdXQpICAgICAgICAgICAgICAgICAgIyDogZrlkIjvvJrnm7jliqBcbiAgICAgICAgcmV0dXJuIHRvcmNoLnJlbHUoc2VsZi5ibjModG90YWwpICsgeClcbiJ9',
    ),
}
