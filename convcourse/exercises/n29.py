"""Exercises of notebook 29 (module comparison)."""
from ..check import Exercise

EXERCISES = {
    "29.1": Exercise(115605504, hint="乘加次数 = H_out · W_out · k · k · C_in · C_out（无偏置、groups=1）；"
                                      "输出仍是 56×56。"),
    "29.2": Exercise(0.1267, rel_tol=0.01,
                     hint="深度卷积：k·k·C_in 次乘加/像素；逐点卷积：C_in·C_out 次/像素。两者之和再除以标准卷积的 "
                          "k·k·C_in·C_out，化简后是 1/C_out + 1/k²。"),
    "29.3": Exercise("simam", hint="找表里“参数量”一列为 0 的那一行：它的注意力权重由一个闭式的能量函数直接算出。"),
    "29.4": Exercise(37.515625, rel_tol=0.01,
                     hint="Non-local 的注意力矩阵是 (HW)×(HW)，HW = 56·56；float32 每个数 4 字节，1 MiB = 2^20 字节。"),
}
