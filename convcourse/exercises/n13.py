"""Exercises of notebook 13.

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Value

EXERCISES = {
    "13.1": Value(
        title='**练习 13.1** C = 12、g = 3 做一次通道混洗后，第 1 个位置（从 0 数）上放的是原来的第几号通道？',
        answer='NA==',
        hints=(
            '把 12 个通道排成 3 行 4 列（每行一组），转置后按行读出：位置 k = j·g + i 放的是 i·(C/g) + j。',
        ),
        solution='eyJ0ZXh0IjogIuaKiiAxMiDkuKrpgJrpgZPmjpLmiJAgMyDooYwgNCDliJfvvIjmr4/ooYzkuIDnu4TvvInvvIzovaznva7lkI7mjInooYzor7vlh7rvvJrkvY3nva4gayA9IGrCt2cgKyBpIOaUvueahOaYryBpwrcoQy9nKSArIGrjgILvvJvorqHnrpfvvJphbnN3ZXJfMSA9IDQifQ==',
    ),
    "13.2": Value(
        title='**练习 13.2** 宽度 C = 116 的 ShuffleNet V2 基本单元（stride 1）一共有多少个可学习参数（含 BN 的 γ、β）？',
        answer='NzU5OA==',
        hints=(
            '分支宽 b = C/2；右支 = 两个 1×1 卷积 (b²) + 一个 3×3 逐深度卷积 (9b) + 三个 BN (各 2b)；左支恒等。',
        ),
        solution='eyJ0ZXh0IjogIuWIhuaUr+WuvSBiID0gQy8y77yb5Y+z5pSvID0g5Lik5LiqIDHDlzEg5Y2356evIChiwrIpICsg5LiA5LiqIDPDlzMg6YCQ5rex5bqm5Y2356evICg5YikgKyDkuInkuKogQk4gKOWQhCAyYinvvJvlt6bmlK/mgZLnrYnjgILvvJvorqHnrpfvvJphbnN3ZXJfMiA9IDc1OTgifQ==',
    ),
    "13.3": Value(
        title='**练习 13.3** 在 56×56 的特征图上，一个 128 → 128 的 1×1 卷积按 G1 的公式 MAC = hw(c₁+c₂) + c₁c₂ 需',
        answer='ODE5MjAw',
        hints=(
            'hw = 56·56；读输入 hw·c1，写输出 hw·c2，读权重 c1·c2。',
        ),
        solution='eyJ0ZXh0IjogImh3ID0gNTbCtzU277yb6K+76L6T5YWlIGh3wrdjMe+8jOWGmei+k+WHuiBod8K3YzLvvIzor7vmnYPph40gYzHCt2My44CC77yb6K6h566X77yaYW5zd2VyXzMgPSA4MTkyMDAifQ==',
    ),
    "13.4": Value(
        title='**练习 13.4** C = 12 的张量先以 g = 3 混洗。要把它还原，应当再以多少组做一次 `channel_shuffle`？',
        answer='NA==',
        hints=(
            '混洗把 g×(C/g) 的表格转置成 (C/g)×g；再转置一次需要把它看成几行？',
        ),
        solution='eyJ0ZXh0IjogIua3t+a0l+aKiiBnw5coQy9nKSDnmoTooajmoLzovaznva7miJAgKEMvZynDl2fvvJvlho3ovaznva7kuIDmrKHpnIDopoHmiorlroPnnIvmiJDlh6DooYzvvJ/vvJvorqHnrpfvvJphbnN3ZXJfNCA9IDQifQ==',
    ),
}
