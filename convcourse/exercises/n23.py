"""Exercises of notebook 23 (GCNet)."""
from ..check import Exercise

EXERCISES = {
    "23.1": Exercise(8753, hint="四部分相加：W_k（256→1，带偏置）、W_v1（256→16，带偏置）、LayerNorm（γ 和 β 各 16 个）、W_v2（16→256，带偏置）。"),
    "23.2": Exercise((2, 64, 1, 1), hint="注意力池化把所有 H×W 个位置加权求和成一个向量，但保留 4 维的布局。"),
    "23.3": Exercise("SE", hint="平均池化 → 瓶颈 → sigmoid → 按通道缩放：这是第 17 课的内容。"),
}
