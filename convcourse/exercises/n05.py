"""Exercises of notebook 05 (Inception and Inception-ResNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "05.1": Value(
        title='**练习 1**：3a 块（带 1×1 降维）的卷积权重一共多少个（不计偏置）？',
        answer='MTYzMzI4',
        hints=(
            '3a 的输入 192 通道；六个卷积：1×1→64、1×1→96、3×3 96→128、1×1→16、5×5 16→32、池化后 1×1→32。只数权重。',
        ),
        solution='eyJ0ZXh0IjogIjNhIOeahOi+k+WFpSAxOTIg6YCa6YGT77yb5YWt5Liq5Y2356ev77yaMcOXMeKGkjY044CBMcOXMeKGkjk244CBM8OXMyA5NuKGkjEyOOOAgTHDlzHihpIxNuOAgTXDlzUgMTbihpIzMuOAgeaxoOWMluWQjiAxw5cx4oaSMzLjgILlj6rmlbDmnYPph43jgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDE5MiAqIDY0ICsgMTkyICogOTYgKyA5ICogOTYgKiAxMjggKyAxOTIgKiAxNiArIDI1ICogMTYgKiAzMiArIDE5MiAqIDMyIn0=',
    ),
    "05.2": Value(
        title='**练习 2**：$C=192$ 时，把 7×7 分解成 1×7 + 7×1 后共有多少个权重？',
        answer='NTE2MDk2',
        hints=(
            '1×7 再 7×1，输入输出与中间都是 C 通道：两层各 7·C·C 个权重。',
        ),
        solution='eyJ0ZXh0IjogIjHDlzcg5YaNIDfDlzHvvIzovpPlhaXovpPlh7rkuI7kuK3pl7Tpg73mmK8gQyDpgJrpgZPvvJrkuKTlsYLlkIQgN8K3Q8K3QyDkuKrmnYPph43jgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDIgKiA3ICogMTkyICogMTkyIn0=',
    ),
    "05.3": Value(
        title='**练习 3**：论文也考虑过把 3×3 分解成两个 2×2。这样能省下多大比例的权重？（填小数）',
        answer='MC4xMTExMTExMTExMTExMTEx',
        rel_tol=0.01,
        hints=(
            '两层 2×2 的感受野也是 3×3；权重 2·4·C² 对 9·C²，节省的比例 = 1 − 比值。',
        ),
        solution='eyJ0ZXh0IjogIuS4pOWxgiAyw5cyIOeahOaEn+WPl+mHjuS5n+aYryAzw5cz77yb5p2D6YeNIDLCtzTCt0PCsiDlr7kgOcK3Q8Ky77yM6IqC55yB55qE5q+U5L6LID0gMSDiiJIg5q+U5YC844CC77yb6K6h566X77yaYW5zd2VyXzMgPSAxIC0gOCAvIDkifQ==',
    ),
    "05.4": Value(
        title='**练习 4**：发布的 Inception-ResNet-v2 一共有多少个残差 Inception 块？',
        answer='NDA=',
        hints=(
            '数一数 InceptionResNetV2 的 blocks_a、blocks_b、blocks_c 各有几个块（TF-slim 的 slim.repeat 次数）。',
        ),
        solution='eyJ0ZXh0IjogIuaVsOS4gOaVsCBJbmNlcHRpb25SZXNOZXRWMiDnmoQgYmxvY2tzX2HjgIFibG9ja3NfYuOAgWJsb2Nrc19jIOWQhOacieWHoOS4quWdl++8iFRGLXNsaW0g55qEIHNsaW0ucmVwZWF0IOasoeaVsO+8ieOAgu+8m+iuoeeul++8mmFuc3dlcl80ID0gMTAgKyAyMCArIDEwIn0=',
    ),
}
