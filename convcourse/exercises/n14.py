"""Exercises of notebook 14 (Ghost module, GhostNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "14.1": Value(
        title='GhostModule(64, 96, ratio=3) 的本征特征图个数 m',
        answer='MzI=',
        hints=(
            '本征特征图由普通卷积生成，幻影由它们生成；一共要 n 个输出。',
            'm = ⌈n / s⌉。',
        ),
        solution='eyJ0ZXh0IjogIuKMiDk2IC8gM+KMiSA9IDMyIOS4quacrOW+ge+8jOW5u+W9sSAzMsK3MiA9IDY0IOS4quOAgiJ9',
    ),
    "14.2": Value(
        title='GhostModule(96, 160, ratio=2, dw_size=3) 中两个卷积的权重合计（无偏置，不计 BN）',
        answer='ODQwMA==',
        hints=(
            '普通卷积 1×1：C_in → m；廉价操作：每个本征图一个 d×d 的深度卷积核（s − 1 个）。',
            'C_in·m + d²·m·(s − 1)，m = ⌈n/s⌉。',
        ),
        solution='eyJ0ZXh0IjogIm0gPSA4MO+8mjk2wrc4MCA9IDc2ODDvvIw5wrc4MMK3MSA9IDcyMO+8jOWQiOiuoSA4NDAw77yI5pmu6YCaIDHDlzEg5Y2356evIDk24oaSMTYwIOimgSAxNTM2MO+8ieOAgiJ9',
    ),
    "14.3": Choice(
        title='Ghost 模块省参数的来源',
        answer='IkEi',
        options='ABCD',
        hints=(
            '幻影特征图是用什么运算生成的？',
            '廉价操作是逐通道的 d×d 深度卷积，每个幻影只看一个本征图。',
        ),
        explain='IuS4gOmDqOWIhui+k+WHuueUqOe6v+aAp+eahOW7ieS7t+aTjeS9nO+8iOa3seW6puWNt+enr++8ieS7juacrOW+geWbvueUn+aIkO+8jOiAjOS4jeaYr+eUqOeci+WFqOmDqOi+k+WFpemAmumBk+eahOaZrumAmuWNt+enr++8m+iuuuaWh+inguWvn+WIsOeJueW+geWbvumHjOWkp+mHj+ebuOS8vOeahOKAnOW5u+W9seKAneOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "14.4": Predict(
        title='预测 s = 2 时普通 1×1 卷积与 Ghost 模块的参数之比（C_in = C_out = 128）',
        answer='MS44MTY=',
        rel_tol=0.03,
        hints=(
            'Ghost 的权重 = C_in·m + d²·m·(s−1)；普通卷积 = C_in·n。',
            '比值 = C_in·n / (C_in·n/s + d²·n/s·(s−1)) ≈ s·C_in / (C_in + d²(s−1))。',
        ),
        solution='eyJ0ZXh0IjogIm0gPSA2NO+8muaZrumAmiAxMjjCtzEyOCA9IDE2Mzg077ybR2hvc3QgMTI4wrc2NCArIDnCtzY0ID0gODc2OO+8jOWGjeWKoOS4pOS4qiBCTiDnmoQgMsK3NjQgKyAywrc2NCA9IDI1Nu+8jOWFsSA5MDI077yb5q+U5YC8IOKJiCAxLjgxNu+8jOaOpei/kSBzID0gMuOAgiJ9',
    ),
    "14.5": Coding(
        title='实现 Ghost 模块的 forward',
        hints=(
            '先本征，再由本征生成幻影；拼接的顺序和截断都要注意。',
            'cat([intrinsic, cheap_operation(intrinsic)], 1)[:, :out_channels]',
        ),
        name='MyGhostModule',
        reference='convcourse.blocks.ghost:GhostModule',
        args=(8, 10),
        kwargs={'ratio': 3},
        student_args=(8, 10),
        student_kwargs={'ratio': 3},
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogIkVxLiAy4oCTM++8mlknID0gWCAqIGYn77yMWV9naG9zdCA9IM6mKFknKe+8jOi+k+WHuiBbWScsIFlfZ2hvc3RdIOWPluWJjSBuIOS4qumAmumBk+OAgiIsICJjb2RlIjogImltcG9ydCBtYXRoXG5cblxuY2xhc3MgTXlHaG9zdE1vZHVsZShubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkdob3N0IOaooeWdl++8muaZrumAmuWNt+enr+eUn+aIkCBtIOS4quKAnOacrOW+geKAneeJueW+geWbvu+8jOW7ieS7t+eahOa3seW6puWNt+enr+WGjeS7juWug+S7rOeUn+aIkCBtKHPiiJIxKSDkuKrigJzlubvlvbHigJ3vvIzmi7zmjqXlkI7lj5bliY0gbiDkuKrjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBpbl9jaGFubmVscywgb3V0X2NoYW5uZWxzLCByYXRpbz0yLCBkd19zaXplPTMpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgbSA9IG1hdGguY2VpbChvdXRfY2hhbm5lbHMgLyByYXRpbylcbiAgICAgICAgc2VsZi5vdXRfY2hhbm5lbHMgPSBvdXRfY2hhbm5lbHNcbiAgICAgICAgc2VsZi5wcmltYXJ5X2NvbnYgPSBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChpbl9jaGFubmVscywgbSwgMSwgYmlhcz1GYWxzZSksIG5uLkJhdGNoTm9ybTJkKG0pLCBubi5SZUxVKCkpXG4gICAgICAgIHNlbGYuY2hlYXBfb3BlcmF0aW9uID0gbm4uU2VxdWVudGlhbChcbiAgICAgICAgICAgIG5uLkNvbnYyZChtLCBtICogKHJhdGlvIC0gMSksIGR3X3NpemUsIHBhZGRpbmc9ZHdfc2l6ZSAvLyAyLCBncm91cHM9bSwgYmlhcz1GYWxzZSksXG4gICAgICAgICAgICBubi5CYXRjaE5vcm0yZChtICogKHJhdGlvIC0gMSkpLCBubi5SZUxVKCkpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgaW50cmluc2ljID0gc2VsZi5wcmltYXJ5X2NvbnYoeCkgICAgICAgICAgICAgICAgICAgICAgICAjIChOLCBtLCBILCBXKVxuICAgICAgICBnaG9zdHMgPSBzZWxmLmNoZWFwX29wZXJhdGlvbihpbnRyaW5zaWMpICAgICAgICAgICAgICAgICAjIChOLCBtKHMtMSksIEgsIFcpXG4gICAgICAgIHJldHVybiB0b3JjaC5jYXQoW2ludHJpbnNpYywgZ2hvc3RzXSwgZGltPTEpWzosIDpzZWxmLm91dF9jaGFubmVsc11cbiJ9',
    ),
}
