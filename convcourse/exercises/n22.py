"""Exercises of notebook 22 (Non-local).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "22.1": Value(
        title='',
        answer='MTA0ODU3Ng==',
        hints=(
            '亲和矩阵是 (HW) × (HW)：先算 HW，再平方。',
        ),
        solution='eyJ0ZXh0IjogIuS6suWSjOefqemYteaYryAoSFcpIMOXIChIVynvvJrlhYjnrpcgSFfvvIzlho3lubPmlrnjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9ICgzMiAqIDMyKSAqKiAyIn0=',
    ),
    "22.2": Value(
        title='check("22.1", answer_1)',
        answer='MTMyMjI0',
        hints=(
            'θ、φ、g 各是 256→128 的 1×1 卷积（带偏置），W_z 是 128→256 的 1×1 卷积（带偏置），再加 BN 的 γ、β。',
        ),
        solution='eyJ0ZXh0IjogIs6444CBz4bjgIFnIOWQhOaYryAyNTbihpIxMjgg55qEIDHDlzEg5Y2356ev77yI5bim5YGP572u77yJ77yMV196IOaYryAxMjjihpIyNTYg55qEIDHDlzEg5Y2356ev77yI5bim5YGP572u77yJ77yM5YaN5YqgIEJOIOeahCDOs+OAgc6y44CC77yb6K6h566X77yaYW5zd2VyXzIgPSAzICogKDI1NiAqIDEyOCArIDEyOCkgKyAoMTI4ICogMjU2ICsgMjU2KSArIDIgKiAyNTYifQ==',
    ),
    "22.3": Value(
        title='check("22.2", answer_2)',
        answer='WzEsIDU3NiwgMTQ0XQ==',
        hints=(
            '查询是全部 24×24 个位置；被看的位置经过 2×2 最大池化。形状是 (N, 查询数, 被看位置数)。',
        ),
        solution='eyJ0ZXh0IjogIuafpeivouaYr+WFqOmDqCAyNMOXMjQg5Liq5L2N572u77yb6KKr55yL55qE5L2N572u57uP6L+HIDLDlzIg5pyA5aSn5rGg5YyW44CC5b2i54q25pivIChOLCDmn6Xor6LmlbAsIOiiq+eci+S9jee9ruaVsCnjgILvvJvorqHnrpfvvJphbnN3ZXJfMyA9ICgxLCA1NzYsIDE0NCkifQ==',
    ),
}
