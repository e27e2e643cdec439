"""Exercises of notebook 24 (DANet)."""
from ..check import Exercise

EXERCISES = {
    "24.1": Exercise(328322, hint="PAM 有 query、key（512→64）和 value（512→512）三个带偏置的 1×1 卷积，再加 α；CAM 只有 β。"),
    "24.2": Exercise((2, 377, 377), hint="每个位置都是查询，也都是被看的位置：形状是 (N, HW, HW)。"),
    "24.3": Exercise(False, hint="softmax 对每行加上同一个常数不变；max − E 里 E 前面是什么符号？"),
}
