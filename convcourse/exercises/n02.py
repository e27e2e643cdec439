"""Exercises of notebook 02 (depthwise-separable convolution)."""
from ..check import Exercise

EXERCISES = {
    "02.1": Exercise(2336, hint="逐深度部分 k²·C1，逐点部分 C1·C2，两者相加。"),
    "02.2": Exercise(0.1150, rel_tol=1e-3, hint="比例 = 1/C2 + 1/k²。"),
    "02.3": Exercise(3_612_672, hint="逐深度卷积每个输出位置、每个通道做 k² 次乘加：H·W·k²·C。"),
    "02.4": Exercise(172, hint="解不等式 9/(9+C) < 0.05，取满足它的最小整数 C。"),
}
