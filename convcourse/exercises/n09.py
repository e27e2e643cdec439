from ..check import Exercise

EXERCISES = {
    "09.1": Exercise(1024, hint="第 3 个 dense block 的输入是 256 通道，有 24 层，每层增加 k = 32 个通道。"),
    "09.2": Exercise(65_536, hint="第 l 层 1×1 的输入是 c0 + (l−1)k 通道、输出 4k 通道，3×3 是 4k→k；只数卷积权重。"),
    "09.3": Exercise(False, hint="比较“动手”中参数所占的 MB 与训练前向保存的激活 MB。"),
}
