"""Exercises of notebook 08.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "08.1": Value(
        title='**练习 1**：s = 8 的普通 Res2Net 块中，感受野最大的那一组的感受野是多少像素？',
        answer='MTU=',
        hints=(
            'y_i 最多经过 i−1 个 3×3，每多一个 3×3 感受野加 2；i 取 s。',
        ),
        solution='eyJ0ZXh0IjogInlfaSDmnIDlpJrnu4/ov4cgaeKIkjEg5LiqIDPDlzPvvIzmr4/lpJrkuIDkuKogM8OXMyDmhJ/lj5fph47liqAgMu+8m2kg5Y+WIHPjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IHNwbGl0X3JlY2VwdGl2ZV9maWVsZHMoOClbLTFdIn0=',
    ),
    "08.2": Value(
        title='**练习 2**：26w×4s 的第一个 stage 的普通块里，所有 3×3 卷积的权重一共多少个？',
        answer='MTgyNTI=',
        hints=(
            's 组中只有 s−1 组带 3×3，每个 3×3 是 w→w：9·w·w。',
        ),
        solution='eyJ0ZXh0IjogInMg57uE5Lit5Y+q5pyJIHPiiJIxIOe7hOW4piAzw5cz77yM5q+P5LiqIDPDlzMg5pivIHfihpJ377yaOcK3d8K3d+OAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gMyAqIDkgKiAyNiAqIDI2In0=',
    ),
    "08.3": Value(
        title='**练习 3**：把 s 从 4 增加到 6（w 仍为 26），Res2Net-50 的参数量增加多少？',
        answer='MTEzNTIzMjg=',
        hints=(
            '用 meta_count_params 分别数两个 builder，再相减。',
        ),
        solution='eyJ0ZXh0IjogIueUqCBtZXRhX2NvdW50X3BhcmFtcyDliIbliKvmlbDkuKTkuKogYnVpbGRlcu+8jOWGjeebuOWHj+OAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gbWV0YV9jb3VudF9wYXJhbXMocmVzMm5ldDUwXzI2d182cykgLSBtZXRhX2NvdW50X3BhcmFtcyhyZXMybmV0NTBfMjZ3XzRzKSJ9',
    ),
}
