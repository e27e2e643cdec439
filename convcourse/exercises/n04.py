"""Exercises of notebook 04 (ResNet)."""
from ..check import Exercise

EXERCISES = {
    "04.1": Exercise(70400, hint="三个卷积 1×1(256→64)、3×3(64→64)、1×1(64→256) 都无偏置；每个 BN 有 γ 和 β 两组参数。"),
    "04.2": Exercise(173824, hint="ResNet-34 只有 3 处维度增加（64→128、128→256、256→512），每处是 1×1 卷积（无偏置）+ BN。"),
    "04.3": Exercise(56, hint="CIFAR 版 ResNet 有 3 个阶段，每阶段 n 个两层的块，再加第一个卷积和最后的全连接。"),
    "04.4": Exercise(231211008, hint="只有阶段 2、3、4 的第一个块不同：v1 的第一个 1×1 在缩小后的网格上算，v1.5 在原网格上算；"
                                     "差值 = C_in·C_mid·(H_in² − H_out²)，三个阶段相加。"),
}
