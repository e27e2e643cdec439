"""Exercises of notebook 03 (VGGNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "03.1": Value(
        title='**练习 1**：三层 3×3 卷积，输入输出都是 512 通道、无偏置，一共多少参数？',
        answer='NzA3Nzg4OA==',
        hints=(
            '三层 3×3 卷积，每层 C_in = C_out = 512、无偏置：每层 k·k·C_in·C_out，再乘层数。',
        ),
        solution='eyJ0ZXh0IjogIuS4ieWxgiAzw5czIOWNt+enr++8jOavj+WxgiBDX2luID0gQ19vdXQgPSA1MTLjgIHml6DlgY/nva7vvJrmr4/lsYIga8K3a8K3Q19pbsK3Q19vdXTvvIzlho3kuZjlsYLmlbDjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDMgKiAzICogMyAqIDUxMiAqIDUxMiJ9',
    ),
    "03.2": Value(
        title='**练习 2**：四层 3×3 卷积（步长都为 1）堆叠后的感受野边长是多少？',
        answer='OQ==',
        hints=(
            '步长为 1 时每多一层 k×k 卷积，感受野增加 k−1；从 1 个像素开始累加。',
        ),
        solution='eyJ0ZXh0IjogIuatpemVv+S4uiAxIOaXtuavj+WkmuS4gOWxgiBrw5drIOWNt+enr++8jOaEn+WPl+mHjuWinuWKoCBr4oiSMe+8m+S7jiAxIOS4quWDj+e0oOW8gOWni+e0r+WKoOOAgu+8m+iuoeeul++8mmFuc3dlcl8yID0gOSJ9',
    ),
    "03.3": Value(
        title='**练习 3**：VGG-16 的参数中，fc6 一层占多大比例？（填小数，如 0.5）',
        answer='MC43NDI3',
        rel_tol=0.01,
        hints=(
            'fc6 的输入是 512×7×7 个数，输出 4096 个数（别忘了偏置）；再除以 VGG-16 的总参数量。',
        ),
        solution='eyJ0ZXh0IjogImZjNiDnmoTovpPlhaXmmK8gNTEyw5c3w5c3IOS4quaVsO+8jOi+k+WHuiA0MDk2IOS4quaVsO+8iOWIq+W/mOS6huWBj+e9ru+8ie+8m+WGjemZpOS7pSBWR0ctMTYg55qE5oC75Y+C5pWw6YeP44CC77yb6K6h566X77yaYW5zd2VyXzMgPSAoNTEyICogNyAqIDcgKiA0MDk2ICsgNDA5NikgLyAxMzhfMzU3XzU0NCJ9',
    ),
    "03.4": Value(
        title='**练习 4**：把 VGG-16 改成 10 类（`vgg16(num_classes=10)`），参数量是多少？先手算，再用 `meta_count_par',
        answer='MTM0MzAxNTE0',
        hints=(
            '只有最后一层 fc8 与类别数有关：它有 4096·K + K 个参数。',
        ),
        solution='eyJ0ZXh0IjogIuWPquacieacgOWQjuS4gOWxgiBmYzgg5LiO57G75Yir5pWw5pyJ5YWz77ya5a6D5pyJIDQwOTbCt0sgKyBLIOS4quWPguaVsOOAgu+8m+iuoeeul++8mmFuc3dlcl80ID0gMTM4XzM1N181NDQgLSAoNDA5NiAqIDEwMDAgKyAxMDAwKSArICg0MDk2ICogMTAgKyAxMCkifQ==',
    ),
}
