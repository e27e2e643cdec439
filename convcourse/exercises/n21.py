"""Exercises of notebook 21.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "21.1": Value(
        title='**练习 21.1**：一个通道里 $\\hat\\mu = 0$、$\\hat\\sigma^2 = 1$，取 $\\lambda = 0$。神经元 $t = 2$ 的',
        answer='MC42NjY2NjY2NjY2NjY2NjY2',
        rel_tol=0.001,
        hints=(
            '代入 e* = 4(σ² + λ) / ((t − μ)² + 2σ² + 2λ)。',
        ),
        solution='eyJ0ZXh0IjogIuS7o+WFpSBlKiA9IDQoz4PCsiArIM67KSAvICgodCDiiJIgzrwpwrIgKyAyz4PCsiArIDLOuynjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDQgKiAxIC8gKDIgKiogMiArIDIgKiAxKSJ9',
    ),
    "21.2": Value(
        title='**练习 21.2**：把 SimAM 加到一个有 2,000,000 个参数的网络的每个阶段之后，网络一共有多少参数？',
        answer='MjAwMDAwMA==',
        hints=(
            'SimAM 的权重完全由输入的均值与方差算出，它自己有参数吗？',
        ),
        solution='eyJ0ZXh0IjogIlNpbUFNIOeahOadg+mHjeWujOWFqOeUsei+k+WFpeeahOWdh+WAvOS4juaWueW3rueul+WHuu+8jOWug+iHquW3seacieWPguaVsOWQl++8n++8m+iuoeeul++8mmFuc3dlcl8yID0gMl8wMDBfMDAwIn0=',
    ),
    "21.3": Value(
        title='**练习 21.3**：SimAM 给出的权重不可能低于多少？（保留 3 位小数）',
        answer='MC42MjI=',
        rel_tol=0.001,
        hints=(
            '1/e* = (t − μ)² / (4(σ² + λ)) + 1/2，最小是多少？再过 sigmoid。',
        ),
        solution='eyJ0ZXh0IjogIjEvZSogPSAodCDiiJIgzrwpwrIgLyAoNCjPg8KyICsgzrspKSArIDEvMu+8jOacgOWwj+aYr+WkmuWwke+8n+WGjei/hyBzaWdtb2lk44CC77yb6K6h566X77yaYW5zd2VyXzMgPSByb3VuZCh0b3JjaC5zaWdtb2lkKHRvcmNoLnRlbnNvcigwLjUpKS5pdGVtKCksIDMpIn0=',
    ),
}
