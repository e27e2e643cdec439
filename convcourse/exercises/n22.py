"""Exercises of notebook 22 (Non-local)."""
from ..check import Exercise

EXERCISES = {
    "22.1": Exercise(1048576, hint="亲和矩阵是 (HW) × (HW)：先算 HW，再平方。"),
    "22.2": Exercise(132224, hint="θ、φ、g 各是 256→128 的 1×1 卷积（带偏置），W_z 是 128→256 的 1×1 卷积（带偏置），再加 BN 的 γ、β。"),
    "22.3": Exercise((1, 576, 144), hint="查询是全部 24×24 个位置；被看的位置经过 2×2 最大池化。形状是 (N, 查询数, 被看位置数)。"),
}
