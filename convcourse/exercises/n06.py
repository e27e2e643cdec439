"""Exercises of notebook 06 (Xception).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "06.1": Value(
        title='512 通道的 3×3 可分离卷积（无偏置）的参数量',
        answer='MjY2NzUy',
        hints=(
            '可分离卷积 = 深度卷积（每通道一个 3×3 核）+ 1×1 逐点卷积。',
            '参数量 = 9·C + C·C。',
        ),
        solution='eyJ0ZXh0IjogIjnCtzUxMiArIDUxMsK3NTEyID0gNDYwOCArIDI2MjE0NCA9IDI2Njc1MuOAgiJ9',
    ),
    "06.2": Choice(
        title='Xception 的可分离卷积中间为什么不加 ReLU？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '回想讲义和论文 Fig. 10 的对比实验。',
            '论文比较了深度卷积与逐点卷积之间放 ReLU、ELU 或什么都不放。',
        ),
        explain='IuiuuuaWhyBGaWcuIDEw77ya5Lit6Ze05LiN5Yqg6Z2e57q/5oCn5pe25pS25pWb5pu05b+r44CB57K+5bqm5pu06auY77yb5Y+v6IO95Zug5Li65rex5bqm5Y2356ev55qE6L6T5YWl5Y+q5pyJIDEg5Liq6YCa6YGT77yM6Z2e57q/5oCn5Lya5o2f5aSx5L+h5oGv44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBD44CCIn0=',
    ),
    "06.3": Predict(
        title='预测 728 通道时可分离卷积与标准 3×3 卷积的参数比',
        answer='MC4xMTI1',
        rel_tol=0.02,
        hints=(
            '把可分离卷积的两部分分别除以标准卷积的 9·C·C。',
            '比值 = 1/C + 1/k²。',
        ),
        solution='eyJ0ZXh0IjogIjEvNzI4ICsgMS85IOKJiCAwLjAwMTQgKyAwLjExMTEgPSAwLjExMjXvvJrpgJrpgZPlvojlpJrml7bmr5TlgLzotovov5EgMS9rwrLjgIIifQ==',
    ),
    "06.4": Choice(
        title='Xception 中间流的块输入输出形状相同，所以捷径是恒等映射',
        answer='dHJ1ZQ==',
        hints=(
            '中间流里通道数和尺寸变吗？',
            '728 → 728，stride 1：形状不变，不需要 1×1 投影。',
        ),
        explain='IuS4remXtOa1geeahOWdlyA3MjjihpI3MjjjgIFzdHJpZGUgMe+8jOW9oueKtuS4jeWPmO+8jOaNt+W+hOWwseaYryB4IOacrOi6q++8m+WPquacieWFpeWPo+a1geWSjOWHuuWPo+a1geeahOWdl+imgeeUqCAxw5cxIOWNt+enryArIEJOIOWBmuaKleW9seOAgiI=',
        solution='eyJ0ZXh0IjogIlRydWXjgIIifQ==',
    ),
    "06.5": Coding(
        title='实现 Xception 中间流块的 forward',
        hints=(
            '每一层的顺序是 ReLU → 可分离卷积 → BN；三层之后再加捷径。',
            'out = bn3(sep3(relu(bn2(sep2(relu(bn1(sep1(relu(x))))))))) ; return out + x',
        ),
        name='MyXceptionBlock',
        reference='convcourse.nets.xception:XceptionBlock',
        args=(8, 8),
        kwargs={'reps': 3},
        student_args=(8,),
        student_kwargs={},
        inputs=((2, 8, 6, 6),),
        solution='eyJ0ZXh0IjogIumihOa/gOa0u+eahOmhuuW6j++8mlJlTFUg5Zyo5Y+v5YiG56a75Y2356ev5LmL5YmN77yb5LiJ5bGC5LmL5ZCO5LiO5oGS562J5o235b6E55u45Yqg77yM5Z2X55qE5pyA5ZCO5rKh5pyJIFJlTFXvvIjkuIvkuIDlnZfku6UgUmVMVSDlvIDlp4vvvInjgIIiLCAiY29kZSI6ICJmcm9tIGNvbnZjb3Vyc2UuYmxvY2tzLnNlcGFyYWJsZSBpbXBvcnQgU2VwYXJhYmxlQ29udjJkXG5cblxuY2xhc3MgTXlYY2VwdGlvbkJsb2NrKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiWGNlcHRpb24g5Lit6Ze05rWB55qE5Z2X77yaMyDDlyBbUmVMVSDihpIg5Y+v5YiG56a75Y2356evIOKGkiBCTl3vvIzliqDmgZLnrYnmjbflvoTjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscyk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBzZWxmLnNlcDEsIHNlbGYuYm4xID0gU2VwYXJhYmxlQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscywgMyksIG5uLkJhdGNoTm9ybTJkKGNoYW5uZWxzKVxuICAgICAgICBzZWxmLnNlcDIsIHNlbGYuYm4yID0gU2VwYXJhYmxlQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscywgMyksIG5uLkJhdGNoTm9ybTJkKGNoYW5uZWxzKVxuICAgICAgICBzZWxmLnNlcDMsIHNlbGYuYm4zID0gU2VwYXJhYmxlQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscywgMyksIG5uLkJhdGNoTm9ybTJkKGNoYW5uZWxzKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIG91dCA9IHhcbiAgICAgICAgZm9yIHNlcCwgYm4gaW4gKChzZWxmLnNlcDEsIHNlbGYuYm4xKSwgKHNlbGYuc2VwMiwgc2VsZi5ibjIpLCAoc2VsZi5zZXAzLCBzZWxmLmJuMykpOlxuICAgICAgICAgICAgb3V0ID0gYm4oc2VwKHRvcmNoLnJlbHUob3V0KSkpICAgICAgICAgICMg5LiN6KaB5Y6f5Zyw5L+u5pS5IHjvvJrmjbflvoTov5jopoHnlKjlroNcbiAgICAgICAgcmV0dXJuIG91dCArIHhcbiJ9',
    ),
}
