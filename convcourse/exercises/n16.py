from ..check import Exercise

EXERCISES = {
    "16.1": Exercise(7424, hint="代入式 11：α=1/2、r=2、g=2、k=3 时各项为 C²/8、9C²/8、C²/4、C²/8、3C²/16。"),
    "16.2": Exercise(4.966, rel_tol=1e-3, hint="3×3 卷积是 9C²，式 11 化简为 29C²/16。"),
    "16.3": Exercise(16, hint="下部分 (1−α)C 个通道先压缩 r 倍，压缩后的特征原样拼进 Y₂（式 6）。"),
    "16.4": Exercise(False, hint="讲义代码在 torch.cat([Y1, Y2]) 的 2C 个通道上一起做 softmax：所有 2C 个 β 加起来才等于 1。"),
}
