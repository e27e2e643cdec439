"""Exercises of notebook 27 (ASPP and DeepLabV3)."""
from ..check import Exercise

EXERCISES = {
    "27.1": Exercise(25, hint="有效核大小 k + (k−1)(r−1)。"),
    "27.2": Exercise(15535104, hint="两个 1×1 分支（1×1 卷积与池化分支）、三个 3×3 空洞分支、一个 1280→256 的融合层；"
                                    "卷积无偏置，每个 BN 有 2×256 个参数。空洞率不影响参数量。"),
    "27.3": Exercise(65, hint="输出步长 8 只保留 conv1、maxpool、layer2 三次下采样：513 → 257 → 129 → 65 …"),
}
