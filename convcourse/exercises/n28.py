"""Exercises of notebook 28 (U-Net)."""
from ..check import Exercise

EXERCISES = {
    "28.1": Exercise(452, hint="输入 = 16b + 60，先求进入底部时的边长 b；输出 = 16b − 124。"),
    "28.2": Exercise(37568, hint="每个 3×3 卷积 9·C_in·C_out + C_out（偏置）。"),
    "28.3": Exercise(92, hint="输入与输出中心对齐，两边各损失一半的差。"),
    "28.4": Exercise(188, hint="底部两次卷积后的边长 c 要让上采样一路为正：2c−4、4c−12、8c−28、16c−60 都 ≥ 1。"),
}
