"""Exercises of notebook 14.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "14.1": Value(
        title='**练习 14.1** `GhostModule(64, 128, kernel_size=1, ratio=2, dw_size=3)` 有多少个可学习参数（',
        answer='NDkyOA==',
        hints=(
            'm = ⌈n/s⌉ 个本征图：主卷积 k²·c·m + BN 2m；ghost 有 m(s−1) 个：逐深度 d²·m(s−1) + BN 2m(s−1)。',
        ),
        solution='eyJ0ZXh0IjogIm0gPSDijIhuL3PijIkg5Liq5pys5b6B5Zu+77ya5Li75Y2356evIGvCssK3Y8K3bSArIEJOIDJt77ybZ2hvc3Qg5pyJIG0oc+KIkjEpIOS4qu+8mumAkOa3seW6piBkwrLCt20oc+KIkjEpICsgQk4gMm0oc+KIkjEp44CC77yb6K6h566X77yaYW5zd2VyXzEgPSA0OTI4In0=',
    ),
    "14.2": Value(
        title='**练习 14.2** `GhostModule(32, 50, ratio=3)` 拼接后有多少个通道会被截掉？',
        answer='MQ==',
        hints=(
            'm = ⌈n/s⌉，拼接后有 m·s 个通道，比 n 多出几个？',
        ),
        solution='eyJ0ZXh0IjogIm0gPSDijIhuL3PijInvvIzmi7zmjqXlkI7mnIkgbcK3cyDkuKrpgJrpgZPvvIzmr5QgbiDlpJrlh7rlh6DkuKrvvJ/vvJvorqHnrpfvvJphbnN3ZXJfMiA9IDEifQ==',
    ),
    "14.3": Value(
        title='**练习 14.3** 按式 4 计算 c = 64、k = d = 3、s = 2 时的理论加速比 r_s（保留 3 位小数即可）。',
        answer='MS45Njk=',
        rel_tol=0.001,
        hints=(
            'r_s = c·k² / (c·k²/s + (s−1)/s·d²)。',
        ),
        solution='eyJ0ZXh0IjogInJfcyA9IGPCt2vCsiAvIChjwrdrwrIvcyArIChz4oiSMSkvc8K3ZMKyKeOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gMS45NjkifQ==',
    ),
    "14.4": Value(
        title='**练习 14.4** GhostNet 第 4 个瓶颈（扩张宽度 mid = 72，带 SE）的 SE 压缩到多少个通道？',
        answer='MjA=',
        hints=(
            '宽度 = make_divisible(mid·0.25, 4)：四舍五入到 4 的倍数，且不能低于原值的 90%。',
        ),
        solution='eyJ0ZXh0IjogIuWuveW6piA9IG1ha2VfZGl2aXNpYmxlKG1pZMK3MC4yNSwgNCnvvJrlm5voiI3kupTlhaXliLAgNCDnmoTlgI3mlbDvvIzkuJTkuI3og73kvY7kuo7ljp/lgLznmoQgOTAl44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAyMCJ9',
    ),
}
