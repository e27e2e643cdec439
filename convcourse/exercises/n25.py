"""Exercises of notebook 25 (EfficientNetV2).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "25.1": Value(
        title='（卷积无偏置，每个卷积后有 BN）',
        answer='OTU3NDQ=',
        hints=(
            '融合卷积 k·k·C_in·(e·C_in)，投影 1×1 (e·C_in)·C_out，每个 BN 有 2×通道数个参数。',
        ),
        solution='eyJ0ZXh0IjogIuiejeWQiOWNt+enryBrwrdrwrdDX2luwrcoZcK3Q19pbinvvIzmipXlvbEgMcOXMSAoZcK3Q19pbinCt0Nfb3V077yM5q+P5LiqIEJOIOaciSAyw5fpgJrpgZPmlbDkuKrlj4LmlbDjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDkgKiA0OCAqIDE5MiArIDIgKiAxOTIgKyAxOTIgKiA2NCArIDIgKiA2NCJ9',
    ),
    "25.2": Value(
        title='**练习 2**：V2-S 第 6 阶段的第一个块是 `MBConv(160, 256, expand_ratio=6)`，它的 SE 中间层有几个通道？',
        answer='NDA=',
        hints=(
            'EfficientNet 的 SE 瓶颈宽度 = 块的输入通道数 × se_ratio(0.25)，不是扩张后的通道数。',
        ),
        solution='eyJ0ZXh0IjogIkVmZmljaWVudE5ldCDnmoQgU0Ug55O26aKI5a695bqmID0g5Z2X55qE6L6T5YWl6YCa6YGT5pWwIMOXIHNlX3JhdGlvKDAuMjUp77yM5LiN5piv5omp5byg5ZCO55qE6YCa6YGT5pWw44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAxNjAgLy8gNCJ9',
    ),
    "25.3": Value(
        title='**练习 3**：按 V2-S 的渐进式学习（4 段，RandAugment 强度从 5 到 15），第 2 段（$i=1$）的 RandAugment 强度是',
        answer='OC4zMzMzMzMzMzMzMzMzMzQ=',
        rel_tol=0.001,
        hints=(
            'Φ_i = Φ_0 + (Φ_e − Φ_0)·i/(M−1)，M = 4。',
        ),
        solution='eyJ0ZXh0IjogIs6mX2kgPSDOpl8wICsgKM6mX2Ug4oiSIM6mXzApwrdpLyhN4oiSMSnvvIxNID0gNOOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gNSArICgxNSAtIDUpICogMSAvIDMifQ==',
    ),
    "25.4": Value(
        title='「1×1 升维 + 3×3 深度卷积」权重数的几倍？（只算卷积权重，保留两位小数）',
        answer='Ni41NQ==',
        rel_tol=0.001,
        hints=(
            '融合卷积 9·C·4C；1×1 升维 C·4C，深度卷积每个通道只有 9 个权重。',
        ),
        solution='eyJ0ZXh0IjogIuiejeWQiOWNt+enryA5wrdDwrc0Q++8mzHDlzEg5Y2H57u0IEPCtzRD77yM5rex5bqm5Y2356ev5q+P5Liq6YCa6YGT5Y+q5pyJIDkg5Liq5p2D6YeN44CC77yb6K6h566X77yaYW5zd2VyXzQgPSByb3VuZCg5ICogMjQgKiA5NiAvICgyNCAqIDk2ICsgOSAqIDk2KSwgMikifQ==',
    ),
}
