"""Exercises of notebook 03 (VGGNet)."""
from ..check import Exercise

EXERCISES = {
    "03.1": Exercise(7077888, hint="三层 3×3 卷积，每层 C_in = C_out = 512、无偏置：每层 k·k·C_in·C_out，再乘层数。"),
    "03.2": Exercise(9, hint="步长为 1 时每多一层 k×k 卷积，感受野增加 k−1；从 1 个像素开始累加。"),
    "03.3": Exercise(0.7427, rel_tol=0.01,
                     hint="fc6 的输入是 512×7×7 个数，输出 4096 个数（别忘了偏置）；再除以 VGG-16 的总参数量。"),
    "03.4": Exercise(134301514, hint="只有最后一层 fc8 与类别数有关：它有 4096·K + K 个参数。"),
}
