from ..check import Exercise

EXERCISES = {
    "18.1": Exercise(33411, hint="先算与 SE 相同的共享 MLP（2·C·C/r + C/r + C），再加空间卷积：2 个输入通道 × 7 × 7 + 1 个偏置。"),
    "18.2": Exercise((4, 1, 20, 20), hint="空间注意力对每个位置给一个权重，所有通道共用：通道维变成 1，空间尺寸不变。"),
    "18.3": Exercise(3, hint="卷积参数 = 输入通道 × k × k × 输出通道 + 偏置；这里输入是 [平均; 最大] 两张图，输出一张。"),
    "18.4": Exercise(True, hint="看论文 Eq. 2：两项里出现的是同一对 W0、W1 吗？"),
}
