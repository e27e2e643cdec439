"""Exercises of notebook 16.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "16.1": Value(
        title='**练习 16.1** C₁ = C₂ = 64、α = 1/2、r = 2、g = 2、k = 3 时，式 11 的参数量（不含 GN）是多少？',
        answer='NzQyNA==',
        hints=(
            '代入式 11：α=1/2、r=2、g=2、k=3 时各项为 C²/8、9C²/8、C²/4、C²/8、3C²/16。',
        ),
        solution='eyJ0ZXh0IjogIuS7o+WFpeW8jyAxMe+8ms6xPTEvMuOAgXI9MuOAgWc9MuOAgWs9MyDml7blkITpobnkuLogQ8KyLzjjgIE5Q8KyLzjjgIFDwrIvNOOAgUPCsi8444CBM0PCsi8xNuOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gNzQyNCJ9',
    ),
    "16.2": Value(
        title='**练习 16.2** 同样的默认设置下，3×3 卷积与 SCConv（式 11，不含 GN）的参数量之比是多少（保留 3 位小数）？',
        answer='NC45NjY=',
        rel_tol=0.001,
        hints=(
            '3×3 卷积是 9C²，式 11 化简为 29C²/16。',
        ),
        solution='eyJ0ZXh0IjogIjPDlzMg5Y2356ev5pivIDlDwrLvvIzlvI8gMTEg5YyW566A5Li6IDI5Q8KyLzE244CC77yb6K6h566X77yaYW5zd2VyXzIgPSA0Ljk2NiJ9',
    ),
    "16.3": Value(
        title='**练习 16.3** C = 64 的 CRU 中，Y₂ 有多少个通道是直接复用 X_low、没有经过任何卷积生成的？',
        answer='MTY=',
        hints=(
            '下部分 (1−α)C 个通道先压缩 r 倍，压缩后的特征原样拼进 Y₂（式 6）。',
        ),
        solution='eyJ0ZXh0IjogIuS4i+mDqOWIhiAoMeKIks6xKUMg5Liq6YCa6YGT5YWI5Y6L57ypIHIg5YCN77yM5Y6L57yp5ZCO55qE54m55b6B5Y6f5qC35ou86L+bIFnigoLvvIjlvI8gNu+8ieOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gMTYifQ==',
    ),
    "16.4": Value(
        title='**练习 16.4** 判断：讲义代码的 CRU 中，对每个通道都有 β₁ + β₂ = 1。（填 True 或 False）',
        answer='ZmFsc2U=',
        hints=(
            '讲义代码在 torch.cat([Y1, Y2]) 的 2C 个通道上一起做 softmax：所有 2C 个 β 加起来才等于 1。',
        ),
        solution='eyJ0ZXh0IjogIuiusuS5ieS7o+eggeWcqCB0b3JjaC5jYXQoW1kxLCBZMl0pIOeahCAyQyDkuKrpgJrpgZPkuIrkuIDotbflgZogc29mdG1heO+8muaJgOaciSAyQyDkuKogzrIg5Yqg6LW35p2l5omN562J5LqOIDHjgILvvJvorqHnrpfvvJphbnN3ZXJfNCA9IEZhbHNlIn0=',
    ),
}
