"""Exercises of notebook 08 (Res2Net).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "08.1": Value(
        title='Res2Net 一个块里 3×3 卷积的个数（scale = 8）',
        answer='Nw==',
        hints=(
            '第一份 x1 不做卷积，直接输出。',
            '3×3 卷积的个数 = s − 1。',
        ),
        solution='eyJ0ZXh0IjogInMg4oiSIDEgPSA344CCIn0=',
    ),
    "08.2": Value(
        title='s = 6 时 y6 的感受野边长（只看这个块里的 3×3 卷积）',
        answer='MTE=',
        hints=(
            'y6 最长的路径经过了几次串联的 3×3 卷积？',
            'y_i 经过 i − 1 个串联的 3×3 卷积，感受野 2(i − 1) + 1。',
        ),
        solution='eyJ0ZXh0IjogInk2ID0gSzYoeDYgKyBLNSh4NSArIOKApiBLMih4MikpKe+8muacgOmVv+eahOi3r+W+hOe7j+i/hyA1IOS4qiAzw5cz77yM5oSf5Y+X6YeOIDLCtzUgKyAxID0gMTHjgIIifQ==',
    ),
    "08.3": Choice(
        title='Res2Net 的“尺度”（scale）维度带来了什么？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '不同的 y_i 经过的 3×3 卷积个数一样吗？',
            '同一个块里的输出 y1…ys 有不同大小的感受野。',
        ),
        explain='IuWxgue6p+W8j+eahOaui+W3rui/nuaOpeiuqeS4gOS4quWdl+WGheWwseacieS7jiAxw5cxIOWIsCAoMnPiiJIxKcOXKDJz4oiSMSkg55qE5aSa56eN5oSf5Y+X6YeO77yM5Zyo5pu057uG55qE57KS5bqm5LiK6KGo56S65aSa5bC65bqm54m55b6B44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBD44CCIn0=',
    ),
    "08.4": Predict(
        title='预测 forward_splits 的第 4 份 y4 的形状',
        answer='WzIsIDI0LCA4LCA4XQ==',
        hints=(
            'w = int(planes · base_width / 64)；stride 1 不改 H、W。',
            'planes = 64、base_width = 26 → w = 26；但这里 planes = 64、base_width = 24。',
        ),
        solution='eyJ0ZXh0IjogIncgPSBpbnQoNjTCtzI0LzY0KSA9IDI077yMeTQg55qE5b2i54q25pivICgyLCAyNCwgOCwgOCnjgIIifQ==',
    ),
    "08.5": Coding(
        title='实现 Res2Net 块（normal 型）的 forward',
        hints=(
            '第一份直接输出；从第二份开始，每份先加上前一份的输出再卷积。',
            'y1 = x1，y2 = K2(x2)，yi = Ki(xi + y(i−1))；cat → conv3 → bn3 → + x → ReLU',
        ),
        name='MyBottle2neck',
        reference='convcourse.nets.res2net:Bottle2neck',
        args=(64, 16),
        kwargs={'base_width': 26, 'scale': 4},
        inputs=((2, 64, 6, 6),),
        solution='eyJ0ZXh0IjogIkVxLiAx77yaeTEgPSB4Me+8jHkyID0gSzIoeDIp77yMeWkgPSBLaSh4aSArIHkoaeKIkjEpKe+8m+aLvOaOpeWQjiAxw5cxIOiejeWQiO+8jOWGjeWKoOaBkuetieaNt+W+hOOAgiIsICJjb2RlIjogImNsYXNzIE15Qm90dGxlMm5lY2sobm4uTW9kdWxlKTpcbiAgICBcIlwiXCJSZXMyTmV0IOWdl++8iG5vcm1hbCDlnovvvInvvJoxw5cxIOWQjuaKiumAmumBk+WIh+aIkCBzIOS7ve+8jOesrCBpIOS7veWKoOS4iuWJjeS4gOS7veeahOi+k+WHuuWGjeWBmiAzw5cz77yIRXEuIDHvvInjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBpbnBsYW5lcywgcGxhbmVzLCBiYXNlX3dpZHRoPTI2LCBzY2FsZT00KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHdpZHRoID0gaW50KHBsYW5lcyAqIGJhc2Vfd2lkdGggLyA2NCkgICAgICAgICAgICAgICAgICAgICAgICMg5q+P5LiA5Lu955qE6YCa6YGT5pWwIHdcbiAgICAgICAgc2VsZi53aWR0aCwgc2VsZi5zY2FsZSA9IHdpZHRoLCBzY2FsZVxuICAgICAgICBzZWxmLmNvbnYxID0gbm4uQ29udjJkKGlucGxhbmVzLCB3aWR0aCAqIHNjYWxlLCAxLCBiaWFzPUZhbHNlKVxuICAgICAgICBzZWxmLmJuMSA9IG5uLkJhdGNoTm9ybTJkKHdpZHRoICogc2NhbGUpXG4gICAgICAgIHNlbGYuY29udnMgPSBubi5Nb2R1bGVMaXN0KG5uLkNvbnYyZCh3aWR0aCwgd2lkdGgsIDMsIHBhZGRpbmc9MSwgYmlhcz1GYWxzZSkgZm9yIF8gaW4gcmFuZ2Uoc2NhbGUgLSAxKSlcbiAgICAgICAgc2VsZi5ibnMgPSBubi5Nb2R1bGVMaXN0KG5uLkJhdGNoTm9ybTJkKHdpZHRoKSBmb3IgXyBpbiByYW5nZShzY2FsZSAtIDEpKVxuICAgICAgICBzZWxmLmNvbnYzID0gbm4uQ29udjJkKHdpZHRoICogc2NhbGUsIHBsYW5lcyAqIDQsIDEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4zID0gbm4uQmF0Y2hOb3JtMmQocGxhbmVzICogNClcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICB4cyA9IHRvcmNoLnNwbGl0KHRvcmNoLnJlbHUoc2VsZi5ibjEoc2VsZi5jb252MSh4KSkpLCBzZWxmLndpZHRoLCBkaW09MSlcbiAgICAgICAgeXMsIHkgPSBbeHNbMF1dLCBOb25lXG4gICAgICAgIGZvciBpIGluIHJhbmdlKDEsIHNlbGYuc2NhbGUpOlxuICAgICAgICAgICAgaW5wID0geHNbaV0gaWYgeSBpcyBOb25lIGVsc2UgeHNbaV0gKyB5XG4gICAgICAgICAgICB5ID0gdG9yY2gucmVsdShzZWxmLmJuc1tpIC0gMV0oc2VsZi5jb252c1tpIC0gMV0oaW5wKSkpXG4gICAgICAgICAgICB5cy5hcHBlbmQoeSlcbiAgICAgICAgb3V0ID0gc2VsZi5ibjMoc2VsZi5jb252Myh0b3JjaC5jYXQoeXMsIGRpbT0xKSkpXG4gICAgICAgIHJldHVybiB0b3JjaC5yZWx1KG91dCArIHgpXG4ifQ==',
    ),
}
