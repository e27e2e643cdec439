"""Exercises of notebook 26 (ParNet and structural re-parameterisation)."""
from ..check import Exercise

EXERCISES = {
    "26.1": Exercise(180992, hint="3×3 分支 9C²+2C，1×1 分支 C²+2C，SSE 是一个 BN（2C）加一个无偏置的 C×C 1×1 卷积。"),
    "26.2": Exercise(164224, hint="两条卷积分支合成一个带偏置的 3×3 卷积（9C²+C）；SSE 不能合并，原样保留。"),
    "26.3": Exercise(-0.5, hint="b' = β − γ·μ / sqrt(σ² + ε)。"),
}
