from ..check import Exercise

EXERCISES = {
    "19.1": Exercise(5, hint="先算 t = (log2 C + 1) / 2，取整；若是偶数再加 1。"),
    "19.2": Exercise(80, hint="每个 ECA 的参数量就是它的核大小 k；各阶段的块数是 3, 4, 6, 3。"),
    "19.3": Exercise(26432, rel_tol=1e-4,
                     hint="SE：2·C·(C/16) + C/16 + C；ECA：k = ψ(1024)。两者相除。"),
}
