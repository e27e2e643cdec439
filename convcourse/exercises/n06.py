"""Exercises of notebook 06 (Xception)."""
from ..check import Exercise

EXERCISES = {
    "06.1": Exercise(536536, hint="深度卷积：每个输入通道一个 3×3 滤波器；逐点卷积：C_in·C_out 个 1×1 权重；都无偏置。"),
    "06.2": Exercise(0.1125, rel_tol=0.01, hint="可分离卷积的权重除以普通 3×3 卷积的 9·C_in·C_out；也可用 1/C_out + 1/9 估算。"),
    "06.3": Exercise(24, hint="中间流有 8 个相同的块，每块几个可分离卷积？"),
    "06.4": Exercise(16400048, hint="每个中间流块 = 3 ×（可分离卷积 + BN(728)）；从 22,855,952 中减去 4 个块的参数。"),
}
