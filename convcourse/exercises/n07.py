"""Exercises of notebook 07.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "07.1": Value(
        title='**练习 1**：第一个 stage 的 ResNeXt 32×4d 块（输入输出 256 通道）中卷积权重共有多少个（不含 BN 和捷径）？',
        answer='NzAxNDQ=',
        hints=(
            '每条路径：1×1 (256→d) + 3×3 (d→d) + 1×1 (d→256)，再乘以 C；只数卷积权重。',
        ),
        solution='eyJ0ZXh0IjogIuavj+adoei3r+W+hO+8mjHDlzEgKDI1NuKGkmQpICsgM8OXMyAoZOKGkmQpICsgMcOXMSAoZOKGkjI1NinvvIzlho3kuZjku6UgQ++8m+WPquaVsOWNt+enr+adg+mHjeOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gMzIgKiAoMjU2ICogNCArIDkgKiA0ICogNCArIDQgKiAyNTYpIn0=',
    ),
    "07.2": Value(
        title='**练习 2**：`resnext50_32x4d()` 最后一个 stage（conv5）里，分组 3×3 卷积的输出通道数是多少？（可以在网络里查，也可以用',
        answer='MTAyNA==',
        hints=(
            '分组 3×3 的宽度 = int(planes × d / 64) × C；最后一个 stage 的 planes = 512。',
        ),
        solution='eyJ0ZXh0IjogIuWIhue7hCAzw5czIOeahOWuveW6piA9IGludChwbGFuZXMgw5cgZCAvIDY0KSDDlyBD77yb5pyA5ZCO5LiA5LiqIHN0YWdlIOeahCBwbGFuZXMgPSA1MTLjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IGJvdHRsZW5lY2tfd2lkdGgoNTEyLCAzMiwgNCkifQ==',
    ),
    "07.3": Value(
        title='**练习 3**：判断：形式 (b)（提前拼接）比形式 (c)（分组卷积）参数更多。填 `True` 或 `False`。',
        answer='ZmFsc2U=',
        hints=(
            '(b) 与 (c) 中每个权重都一一对应：把分组卷积的权重按组切开就是 (b) 的各条路径。',
        ),
        solution='eyJ0ZXh0IjogIihiKSDkuI4gKGMpIOS4reavj+S4quadg+mHjemDveS4gOS4gOWvueW6lO+8muaKiuWIhue7hOWNt+enr+eahOadg+mHjeaMiee7hOWIh+W8gOWwseaYryAoYikg55qE5ZCE5p2h6Lev5b6E44CC77yb6K6h566X77yaYW5zd2VyXzMgPSBGYWxzZSJ9',
    ),
}
