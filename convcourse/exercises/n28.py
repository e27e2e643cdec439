"""Exercises of notebook 28 (U-Net).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "28.1": Value(
        title='**练习 1**：原始（valid）U-Net 输入 636×636 时，输出边长是多少？',
        answer='NDUy',
        hints=(
            '输入 = 16b + 60，先求进入底部时的边长 b；输出 = 16b − 124。',
        ),
        solution='eyJ0ZXh0IjogIui+k+WFpSA9IDE2YiArIDYw77yM5YWI5rGC6L+b5YWl5bqV6YOo5pe255qE6L656ZW/IGLvvJvovpPlh7ogPSAxNmIg4oiSIDEyNOOAgu+8m+iuoeeul++8mmFuc3dlcl8xID0gMTYgKiAoKDYzNiAtIDYwKSAvLyAxNikgLSAxMjQifQ==',
    ),
    "28.2": Value(
        title='**练习 2**：第一级的 `DoubleConv(1, 64)`（两个带偏置的 3×3 卷积）有多少参数？',
        answer='Mzc1Njg=',
        hints=(
            '每个 3×3 卷积 9·C_in·C_out + C_out（偏置）。',
        ),
        solution='eyJ0ZXh0IjogIuavj+S4qiAzw5czIOWNt+enryA5wrdDX2luwrdDX291dCArIENfb3V077yI5YGP572u77yJ44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAoOSAqIDEgKiA2NCArIDY0KSArICg5ICogNjQgKiA2NCArIDY0KSJ9',
    ),
    "28.3": Value(
        title='**练习 3**：572×572 输入、388×388 输出：输出的一个边缘像素，离输入图像的边缘隔了多少个像素？（即每边损失的宽度）',
        answer='OTI=',
        hints=(
            '输入与输出中心对齐，两边各损失一半的差。',
        ),
        solution='eyJ0ZXh0IjogIui+k+WFpeS4jui+k+WHuuS4reW/g+Wvuem9kO+8jOS4pOi+ueWQhOaNn+WkseS4gOWNiueahOW3ruOAgu+8m+iuoeeul++8mmFuc3dlcl8zID0gKDU3MiAtIDM4OCkgLy8gMiJ9',
    ),
    "28.4": Value(
        title='**练习 4**：原始 U-Net 能接受的最小输入边长是多少？（用 `valid_input_sizes()` 验证你的推导）',
        answer='MTg4',
        hints=(
            '底部两次卷积后的边长 c 要让上采样一路为正：2c−4、4c−12、8c−28、16c−60 都 ≥ 1。',
        ),
        solution='eyJ0ZXh0IjogIuW6lemDqOS4pOasoeWNt+enr+WQjueahOi+uemVvyBjIOimgeiuqeS4iumHh+agt+S4gOi3r+S4uuato++8mjJj4oiSNOOAgTRj4oiSMTLjgIE4Y+KIkjI444CBMTZj4oiSNjAg6YO9IOKJpSAx44CC77yb6K6h566X77yaYW5zd2VyXzQgPSAxODgifQ==',
    ),
}
