from ..check import Exercise

EXERCISES = {
    "13.1": Exercise(4, hint="把 12 个通道排成 3 行 4 列（每行一组），转置后按行读出：位置 k = j·g + i 放的是 i·(C/g) + j。"),
    "13.2": Exercise(7598, hint="分支宽 b = C/2；右支 = 两个 1×1 卷积 (b²) + 一个 3×3 逐深度卷积 (9b) + 三个 BN (各 2b)；左支恒等。"),
    "13.3": Exercise(819200, hint="hw = 56·56；读输入 hw·c1，写输出 hw·c2，读权重 c1·c2。"),
    "13.4": Exercise(4, hint="混洗把 g×(C/g) 的表格转置成 (C/g)×g；再转置一次需要把它看成几行？"),
}
