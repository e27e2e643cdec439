"""Exercises of notebook 11 (Fire module and SqueezeNet)."""
from ..check import Exercise

EXERCISES = {
    "11.1": Exercise(12432, hint="P = s(C_in + 1) + e1(s + 1) + e3(9s + 1)，别忘了每个卷积的偏置。"),
    "11.2": Exercise(384, hint="Fire 的输出是两支 expand 在通道维上拼接的结果。"),
    "11.3": Exercise(109, hint="输出边长 = floor((H + 2p - k) / s) + 1，这里 p = 0。"),
    "11.4": Exercise(1.99, rel_tol=5e-3, hint="用 fire_params 分别算两种设置再相除；想想哪些项与 s 成正比。"),
}
