from ..check import Exercise

EXERCISES = {
    "07.1": Exercise(70144, hint="每条路径：1×1 (256→d) + 3×3 (d→d) + 1×1 (d→256)，再乘以 C；只数卷积权重。"),
    "07.2": Exercise(1024, hint="分组 3×3 的宽度 = int(planes × d / 64) × C；最后一个 stage 的 planes = 512。"),
    "07.3": Exercise(False, hint="(b) 与 (c) 中每个权重都一一对应：把分组卷积的权重按组切开就是 (b) 的各条路径。"),
}
