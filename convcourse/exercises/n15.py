"""Exercises of notebook 15 (partial convolution and FasterNet)."""
from ..check import Exercise

EXERCISES = {
    "15.1": Exercise(2304, hint="只有前 c_p = C / n_div 个通道参与卷积：参数 = k²·c_p·c_p。"),
    "15.2": Exercise(0.0625, rel_tol=1e-3, hint="FLOPs 与 c_p² 成正比，c_p = C / n_div。"),
    "15.3": Exercise(0.5, rel_tol=1e-3, hint="访存 ≈ h·w·2c_p，与 c_p 成正比（不是平方）。"),
    "15.4": Exercise(29_520, hint="PConv 的 k²·c_p² + 1x1 扩张 C·2C + BN 2·2C + 1x1 还原 2C·C。"),
}
