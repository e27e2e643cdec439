"""Exercises of notebook 04 (ResNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "04.1": Value(
        title='**练习 1**：`Bottleneck(256, 64)`（无下采样）一共有多少参数（卷积 + BN）？',
        answer='NzA0MDA=',
        hints=(
            '三个卷积 1×1(256→64)、3×3(64→64)、1×1(64→256) 都无偏置；每个 BN 有 γ 和 β 两组参数。',
        ),
        solution='eyJ0ZXh0IjogIuS4ieS4quWNt+enryAxw5cxKDI1NuKGkjY0KeOAgTPDlzMoNjTihpI2NCnjgIExw5cxKDY04oaSMjU2KSDpg73ml6DlgY/nva7vvJvmr4/kuKogQk4g5pyJIM6zIOWSjCDOsiDkuKTnu4Tlj4LmlbDjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDI1NiAqIDY0ICsgOSAqIDY0ICogNjQgKyA2NCAqIDI1NiArIDIgKiAoNjQgKyA2NCArIDI1NikifQ==',
    ),
    "04.2": Value(
        title='**练习 2**：ResNet-34 用选项 B 比用选项 A 多多少参数？先手算，再用 `meta_count_params(R.resnet34, shor',
        answer='MTczODI0',
        hints=(
            'ResNet-34 只有 3 处维度增加（64→128、128→256、256→512），每处是 1×1 卷积（无偏置）+ BN。',
        ),
        solution='eyJ0ZXh0IjogIlJlc05ldC0zNCDlj6rmnIkgMyDlpITnu7Tluqblop7liqDvvIg2NOKGkjEyOOOAgTEyOOKGkjI1NuOAgTI1NuKGkjUxMu+8ie+8jOavj+WkhOaYryAxw5cxIOWNt+enr++8iOaXoOWBj+e9ru+8iSsgQk7jgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9ICg2NCAqIDEyOCArIDIgKiAxMjgpICsgKDEyOCAqIDI1NiArIDIgKiAyNTYpICsgKDI1NiAqIDUxMiArIDIgKiA1MTIpIn0=',
    ),
    "04.3": Value(
        title='**练习 3**：论文的 CIFAR-10 网络每个阶段有 $n$ 个块。$n=9$ 时网络有多少个带权重的层？',
        answer='NTY=',
        hints=(
            'CIFAR 版 ResNet 有 3 个阶段，每阶段 n 个两层的块，再加第一个卷积和最后的全连接。',
        ),
        solution='eyJ0ZXh0IjogIkNJRkFSIOeJiCBSZXNOZXQg5pyJIDMg5Liq6Zi25q6177yM5q+P6Zi25q61IG4g5Liq5Lik5bGC55qE5Z2X77yM5YaN5Yqg56ys5LiA5Liq5Y2356ev5ZKM5pyA5ZCO55qE5YWo6L+e5o6l44CC77yb6K6h566X77yaYW5zd2VyXzMgPSA2ICogOSArIDIifQ==',
    ),
    "04.4": Value(
        title='**练习 4**：ResNet-50 v1.5 比 v1 多多少次乘加（224×224 输入）？',
        answer='MjMxMjExMDA4',
        hints=(
            '只有阶段 2、3、4 的第一个块不同：v1 的第一个 1×1 在缩小后的网格上算，v1.5 在原网格上算；差值 = C_in·C_mid·(H_in² − H_out²)，三个阶段相加。',
        ),
        solution='eyJ0ZXh0IjogIuWPquaciemYtuautSAy44CBM+OAgTQg55qE56ys5LiA5Liq5Z2X5LiN5ZCM77yadjEg55qE56ys5LiA5LiqIDHDlzEg5Zyo57yp5bCP5ZCO55qE572R5qC85LiK566X77yMdjEuNSDlnKjljp/nvZHmoLzkuIrnrpfvvJvlt67lgLwgPSBDX2luwrdDX21pZMK3KEhfaW7CsiDiiJIgSF9vdXTCsinvvIzkuInkuKrpmLbmrrXnm7jliqDjgILvvJvorqHnrpfvvJphbnN3ZXJfNCA9IDMgKiA3N18wNzBfMzM2In0=',
    ),
}
