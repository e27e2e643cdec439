from ..check import Exercise

EXERCISES = {
    "14.1": Exercise(4928, hint="m = ⌈n/s⌉ 个本征图：主卷积 k²·c·m + BN 2m；ghost 有 m(s−1) 个：逐深度 d²·m(s−1) + BN 2m(s−1)。"),
    "14.2": Exercise(1, hint="m = ⌈n/s⌉，拼接后有 m·s 个通道，比 n 多出几个？"),
    "14.3": Exercise(1.969, rel_tol=1e-3, hint="r_s = c·k² / (c·k²/s + (s−1)/s·d²)。"),
    "14.4": Exercise(20, hint="宽度 = make_divisible(mid·0.25, 4)：四舍五入到 4 的倍数，且不能低于原值的 90%。"),
}
