"""Exercises of notebook 02 (depthwise separable convolution).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "02.1": Value(
        title='C1 = 48、C2 = 96、k = 5、无偏置的深度可分离卷积的参数量',
        answer='NTgwOA==',
        hints=(
            '分成两部分：深度卷积（每个输入通道一个 k×k 核）和 1×1 逐点卷积。',
            '参数量 = k²·C1 + C1·C2。',
        ),
        solution='eyJ0ZXh0IjogIua3seW6puWNt+enryAyNcK3NDggPSAxMjAw77yM6YCQ54K55Y2356evIDQ4wrc5NiA9IDQ2MDjvvIzlkIjorqEgNTgwOOOAgiJ9',
    ),
    "02.2": Choice(
        title='MobileNet 与 Xception 的可分离卷积有何不同？',
        answer='IkEi',
        options='ABCD',
        hints=(
            '对比上面 DepthwiseSeparableConv 与 SeparableConv2d 的结构。',
            '看深度卷积和逐点卷积之间有没有 BN 和 ReLU。',
        ),
        explain='IlhjZXB0aW9u77yIU2VjLiA044CBRmlnLiAxMO+8ieWPkeeOsOa3seW6puWNt+enr+S4jumAkOeCueWNt+enr+S5i+mXtOeahOmdnue6v+aAp+acieWus++8jOaJgOS7peS4remXtOS4jeWKoCBCTitSZUxV77ybTW9iaWxlTmV0IHYxIOS4pOatpeS5i+WQjumDveaOpSBCTitSZUxV44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "02.3": Predict(
        title='预测 C2 = 32、k = 5 时可分离卷积与标准卷积的参数比',
        answer='MC4wNzEyNQ==',
        rel_tol=0.01,
        hints=(
            '比值与 C1 无关；把两部分分别除以标准卷积的 k²·C1·C2。',
            '比值 = 1/C2 + 1/k²。',
        ),
        solution='eyJ0ZXh0IjogIjEvMzIgKyAxLzI1ID0gMC4wMzEyNSArIDAuMDQgPSAwLjA3MTI144CCIn0=',
    ),
    "02.4": Value(
        title='(1, 64, 28, 28) 上 3×3 深度卷积（stride 1，same padding）的 MACs',
        answer='NDUxNTg0',
        hints=(
            '深度卷积每个输出位置、每个通道只做 k·k 次乘加。',
            'MACs = H·W·k²·C。',
        ),
        solution='eyJ0ZXh0IjogIjI4wrcyOMK3OcK3NjQgPSA0NTE1ODTjgIIifQ==',
    ),
    "02.5": Coding(
        title='实现 MobileNet v1 单元的 forward',
        hints=(
            '两步：先逐通道的空间卷积，再 1×1 混合通道；每步之后都是 BN 和 ReLU。',
            'relu(bn2(pw(relu(bn1(dw(x))))))',
        ),
        name='MyDepthwiseSeparable',
        reference='convcourse.blocks.separable:DepthwiseSeparableConv',
        args=(8, 12),
        inputs=((2, 8, 6, 6),),
        solution='eyJ0ZXh0IjogIua3seW6puWNt+enr+WPquWcqOepuumXtOS4iua7pOazouOAgemAkOeCueWNt+enr+WPqua3t+WQiOmAmumBk++8m+S4pOatpeS5i+WQjuWQhOaOpSBCTiDlkowgUmVMVeOAgiIsICJjb2RlIjogImNsYXNzIE15RGVwdGh3aXNlU2VwYXJhYmxlKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiTW9iaWxlTmV0IHYxIOeahOWNleWFg++8mjPDlzMg5rex5bqm5Y2356evLUJOLVJlTFXvvIzlho0gMcOXMSDpgJDngrnljbfnp68tQk4tUmVMVeOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGluX2NoYW5uZWxzLCBvdXRfY2hhbm5lbHMsIGtlcm5lbF9zaXplPTMsIHN0cmlkZT0xKTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHNlbGYuZHcgPSBubi5Db252MmQoaW5fY2hhbm5lbHMsIGluX2NoYW5uZWxzLCBrZXJuZWxfc2l6ZSwgc3RyaWRlLCBrZXJuZWxfc2l6ZSAvLyAyLFxuICAgICAgICAgICAgICAgICAgICAgICAgICAgIGdyb3Vwcz1pbl9jaGFubmVscywgYmlhcz1GYWxzZSlcbiAgICAgICAgc2VsZi5ibjEgPSBubi5CYXRjaE5vcm0yZChpbl9jaGFubmVscylcbiAgICAgICAgc2VsZi5wdyA9IG5uLkNvbnYyZChpbl9jaGFubmVscywgb3V0X2NoYW5uZWxzLCAxLCBiaWFzPUZhbHNlKVxuICAgICAgICBzZWxmLmJuMiA9IG5uLkJhdGNoTm9ybTJkKG91dF9jaGFubmVscylcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICB4ID0gdG9yY2gucmVsdShzZWxmLmJuMShzZWxmLmR3KHgpKSkgICAgICAgICMgKE4sIEMxLCBILCBXKSAtPiAoTiwgQzEsIEgnLCBXJylcbiAgICAgICAgcmV0dXJuIHRvcmNoLnJlbHUoc2VsZi5ibjIoc2VsZi5wdyh4KSkpICAgICAjIC0+IChOLCBDMiwgSCcsIFcnKVxuIn0=',
    ),
}
