"""Exercises of notebook 05 (Inception and Inception-ResNet)."""
from ..check import Exercise

EXERCISES = {
    "05.1": Exercise(163328, hint="3a 的输入 192 通道；六个卷积：1×1→64、1×1→96、3×3 96→128、1×1→16、5×5 16→32、池化后 1×1→32。只数权重。"),
    "05.2": Exercise(516096, hint="1×7 再 7×1，输入输出与中间都是 C 通道：两层各 7·C·C 个权重。"),
    "05.3": Exercise(1 / 9, rel_tol=0.01, hint="两层 2×2 的感受野也是 3×3；权重 2·4·C² 对 9·C²，节省的比例 = 1 − 比值。"),
    "05.4": Exercise(40, hint="数一数 InceptionResNetV2 的 blocks_a、blocks_b、blocks_c 各有几个块（TF-slim 的 slim.repeat 次数）。"),
}
