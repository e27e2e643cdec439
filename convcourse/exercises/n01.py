from ..check import Exercise

EXERCISES = {
    "01.1": Exercise(18432, hint="分组卷积参数量 = k·k·(C1/g)·C2，不含偏置。"),
    "01.2": Exercise(8, hint="参数量与 g 成反比：Q_g = Q / g。"),
    "01.3": Exercise((16, 3, 3, 3), hint="权重形状是 (C2, C1/g, k, k)。"),
    "01.4": Exercise(False, hint="试一试：C1=6, C2=9, g=4 时，每组的输入通道数 C1/g 是整数吗？"),
}
