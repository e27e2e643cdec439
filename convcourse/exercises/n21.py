from ..check import Exercise

EXERCISES = {
    "21.1": Exercise(2 / 3, rel_tol=1e-3, hint="代入 e* = 4(σ² + λ) / ((t − μ)² + 2σ² + 2λ)。"),
    "21.2": Exercise(2_000_000, hint="SimAM 的权重完全由输入的均值与方差算出，它自己有参数吗？"),
    "21.3": Exercise(0.622, rel_tol=1e-3, hint="1/e* = (t − μ)² / (4(σ² + λ)) + 1/2，最小是多少？再过 sigmoid。"),
}
