from ..check import Exercise

EXERCISES = {
    "10.1": Exercise(32, hint="416 要经过几次步长为 2 的卷积才到 13？每次空间尺寸减半。"),
    "10.2": Exercise(5_245_952, hint="1×1：1024→512，3×3：512→1024；卷积无偏置，两个 BN 各有 2×通道数个参数。"),
    "10.3": Exercise(49.0, rel_tol=0.02, hint="darknet 把一次乘加记作 2 次运算：BFLOPs = 2 × MACs / 1e9；MACs 随输入面积增长。"),
}
