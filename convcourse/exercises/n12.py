"""Exercises of notebook 12 (inverted residual and MobileNetV2)."""
from ..check import Exercise

EXERCISES = {
    "12.1": Exercise(8832, hint="隐藏通道 h = t·C_in；三层卷积的参数 C_in·h + 9h + h·C_out，再加三个 BN 各 2×通道数。"),
    "12.2": Exercise(False, hint="残差要求 stride = 1 且输入输出通道数相同。"),
    "12.3": Exercise(1_016_064, hint="逐深度卷积在 t·C_in 个通道上做，步长 2 让输出变成 28×28；MACs = H_out·W_out·k²·通道数。"),
    "12.4": Exercise(10, hint="每组 n 个块里只有第一个可能改变通道或步长，其余 n - 1 个都有残差。"),
}
