"""Exercises of notebook 25 (EfficientNetV2)."""
from ..check import Exercise

EXERCISES = {
    "25.1": Exercise(95744, hint="融合卷积 k·k·C_in·(e·C_in)，投影 1×1 (e·C_in)·C_out，每个 BN 有 2×通道数个参数。"),
    "25.2": Exercise(40, hint="EfficientNet 的 SE 瓶颈宽度 = 块的输入通道数 × se_ratio(0.25)，不是扩张后的通道数。"),
    "25.3": Exercise(5 + 10 / 3, rel_tol=1e-3, hint="Φ_i = Φ_0 + (Φ_e − Φ_0)·i/(M−1)，M = 4。"),
    "25.4": Exercise(6.55, rel_tol=1e-3, hint="融合卷积 9·C·4C；1×1 升维 C·4C，深度卷积每个通道只有 9 个权重。"),
}
