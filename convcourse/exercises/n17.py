from ..check import Exercise

EXERCISES = {
    "17.1": Exercise(33312, hint="隐藏层宽度 C/r = 32；两层 FC 的权重 2·C·(C/r)，再加两层的偏置 C/r 与 C。"),
    "17.2": Exercise((8, 256, 1, 1), hint="挤压把每个通道的 H×W 平均成一个数，批量维和通道维保留。"),
    "17.3": Exercise(272, hint="无偏置只少了两层 FC 的偏置：第一层 C/r 个、第二层 C 个。"),
    "17.4": Exercise(16, hint="SE-ResNet-50 在每个瓶颈块里放一个 SE；数一数 [3, 4, 6, 3]。"),
}
