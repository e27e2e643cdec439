from ..check import Exercise

EXERCISES = {
    "20.1": Exercise(16705, hint="cSE 是 r = 2 的 SE：2·C·(C/2) + C/2 + C；sSE 是 C → 1 的 1×1 卷积加一个偏置。"),
    "20.2": Exercise((4, 1, 40, 40), hint="sSE 把 C 个通道压成 1 张图，空间尺寸不变。"),
    "20.3": Exercise("add", hint="看论文 Sec. 2.3 的公式 Û_scSE = Û_cSE ? Û_sSE；取最大是后来的期刊版与开源代码的做法。"),
}
