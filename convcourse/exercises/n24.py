"""Exercises of notebook 24 (DANet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "24.1": Value(
        title='',
        answer='MzI4MzIy',
        hints=(
            'PAM 有 query、key（512→64）和 value（512→512）三个带偏置的 1×1 卷积，再加 α；CAM 只有 β。',
        ),
        solution='eyJ0ZXh0IjogIlBBTSDmnIkgcXVlcnnjgIFrZXnvvIg1MTLihpI2NO+8ieWSjCB2YWx1Ze+8iDUxMuKGkjUxMu+8ieS4ieS4quW4puWBj+e9rueahCAxw5cxIOWNt+enr++8jOWGjeWKoCDOse+8m0NBTSDlj6rmnIkgzrLjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDIgKiAoNTEyICogNjQgKyA2NCkgKyAoNTEyICogNTEyICsgNTEyKSArIDIifQ==',
    ),
    "24.2": Value(
        title='check("24.1", answer_1)',
        answer='WzIsIDM3NywgMzc3XQ==',
        hints=(
            '每个位置都是查询，也都是被看的位置：形状是 (N, HW, HW)。',
        ),
        solution='eyJ0ZXh0IjogIuavj+S4quS9jee9rumDveaYr+afpeivou+8jOS5n+mDveaYr+iiq+eci+eahOS9jee9ru+8muW9oueKtuaYryAoTiwgSFcsIEhXKeOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gKDIsIDM3NywgMzc3KSJ9',
    ),
    "24.3": Value(
        title='check("24.2", answer_2)',
        answer='ZmFsc2U=',
        hints=(
            'softmax 对每行加上同一个常数不变；max − E 里 E 前面是什么符号？',
        ),
        solution='eyJ0ZXh0IjogInNvZnRtYXgg5a+55q+P6KGM5Yqg5LiK5ZCM5LiA5Liq5bi45pWw5LiN5Y+Y77ybbWF4IOKIkiBFIOmHjCBFIOWJjemdouaYr+S7gOS5iOespuWPt++8n++8m+iuoeeul++8mmFuc3dlcl8zID0gRmFsc2UifQ==',
    ),
}
