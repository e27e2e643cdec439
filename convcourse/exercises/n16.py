"""Exercises of notebook 16 (SCConv: spatial and channel reconstruction).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "16.1": Value(
        title='SRU(48) 的可训练参数个数',
        answer='OTY=',
        hints=(
            'SRU 里唯一带参数的层是哪一个？',
            'GroupNorm 每个通道一个 γ 和一个 β：2·C。',
        ),
        solution='eyJ0ZXh0IjogIuWPquaciSBHTiDnmoQgzrPjgIHOsu+8mjLCtzQ4ID0gOTbjgIIifQ==',
    ),
    "16.2": Choice(
        title='SRU 里 W_γ = γ_i / Σγ_j 表示什么？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'GN 的缩放因子 γ 大说明这个通道的什么大？',
            'γ 反映通道内像素的方差，也就是信息量的多少（Eq. 2）。',
        ),
        explain='IkdOIOeahCDOsyDooaHph4/lkITpgJrpgZPnqbrpl7Tlg4/ntKDnmoTmlrnlt67vvJrmlrnlt67lpKfjgIHkv6Hmga/kuLDlr4znmoTpgJrpgZMgzrMg5aSn77yM5b2S5LiA5YyW5ZCO5L2c5Li66YCa6YGT55qE6YeN6KaB5oCn5p2D6YeN44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBC44CCIn0=',
    ),
    "16.3": Predict(
        title='预测 SCConv(64) 与 3×3 卷积（64→64，无偏置）的参数比',
        answer='MC4yMDQ5',
        rel_tol=0.02,
        hints=(
            'SCConv 的参数主要在 CRU：上半部分的分组卷积 + 逐点卷积，下半部分的逐点卷积，都在压缩后的通道上。',
            '把 SRU（2C）与 CRU 各个卷积的参数加起来，再除以 9·64·64。',
        ),
        solution='eyJ0ZXh0IjogImNvdW50X3BhcmFtcyhTQ0NvbnYoNjQpKSA9IDc1NTLvvIzmoIflh4bljbfnp68gMzY4NjTvvIzmr5TlgLznuqYgMC4yMDXvvJrlkIzmoLfnmoTkvY3nva7kuIrlj4LmlbDlsJHkuobnuqYgODAl44CCIn0=',
    ),
    "16.4": Choice(
        title='SRU 中权重大于阈值的位置在 W1 里被置为 1',
        answer='dHJ1ZQ==',
        hints=(
            'Eq. 3 的 Gate 怎样处理大于阈值的权重？',
            '大于阈值：W1 取 1、W2 取 0；其余位置保留 sigmoid 的值。',
        ),
        explain='IuiuuuaWh+aKiuWkp+S6jumYiOWAvOeahOadg+mHjeWcqCBXMSDkuK3orr7kuLogMe+8iOS/oeaBr+S4sOWvjO+8ie+8jOWcqCBXMiDkuK3orr7kuLogMO+8m+WFtuS9meS/neeVmeWOn+WAvO+8jOeEtuWQjuS6pOWPiemHjeaehOOAgiI=',
        solution='eyJ0ZXh0IjogIlRydWXjgIIifQ==',
    ),
    "16.5": Coding(
        title='实现空间重构单元 SRU 的 forward',
        hints=(
            '分三步：GN 与通道重要性、按阈值得到 W1 和 W2、交叉重构。',
            'x^w = [W1x 的前半 + W2x 的后半, W2x 的前半 + W1x 的后半]',
        ),
        name='MySRU',
        reference='convcourse.blocks.scconv:SRU',
        args=(8,),
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogIkVxLiAx4oCTNO+8muS/oeaBr+mHj+Wkp+eahOWDj+e0oOS4juS/oeaBr+mHj+Wwj+eahOWDj+e0oOS6pOWPieebuOWKoO+8jOaXouWOi+WItuWGl+S9meWPiOS/neeVmeS/oeaBr+OAgiIsICJjb2RlIjogImNsYXNzIE15U1JVKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwi56m66Ze06YeN5p6E5Y2V5YWDIFNSVe+8iEZpZy4gMu+8ie+8mkdOIOeahCDOsyDooaHph4/pgJrpgZPnmoTkv6Hmga/ph4/vvIzmjInpmIjlgLzmiorlg4/ntKDliIbmiJDkuKTnu4TvvIzlho3kuqTlj4nph43mnoTjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscywgZ3JvdXBfbnVtPTQsIGdhdGVfdGhyZXNob2xkPTAuNSk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBzZWxmLmduID0gbm4uR3JvdXBOb3JtKGdyb3VwX251bSwgY2hhbm5lbHMpXG4gICAgICAgIHNlbGYuZ2F0ZV90aHJlc2hvbGQgPSBnYXRlX3RocmVzaG9sZFxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIGduX3ggPSBzZWxmLmduKHgpXG4gICAgICAgIHdfZ2FtbWEgPSAoc2VsZi5nbi53ZWlnaHQgLyBzZWxmLmduLndlaWdodC5zdW0oKSkudmlldygxLCAtMSwgMSwgMSlcbiAgICAgICAgdyA9IHRvcmNoLnNpZ21vaWQoZ25feCAqIHdfZ2FtbWEpXG4gICAgICAgIGluZm9ybWF0aXZlID0gdyA+IHNlbGYuZ2F0ZV90aHJlc2hvbGRcbiAgICAgICAgdzEgPSB0b3JjaC53aGVyZShpbmZvcm1hdGl2ZSwgdG9yY2gub25lc19saWtlKHcpLCB3KVxuICAgICAgICB3MiA9IHRvcmNoLndoZXJlKGluZm9ybWF0aXZlLCB0b3JjaC56ZXJvc19saWtlKHcpLCB3KVxuICAgICAgICB4MTEsIHgxMiA9ICh3MSAqIHgpLmNodW5rKDIsIGRpbT0xKVxuICAgICAgICB4MjEsIHgyMiA9ICh3MiAqIHgpLmNodW5rKDIsIGRpbT0xKVxuICAgICAgICByZXR1cm4gdG9yY2guY2F0KFt4MTEgKyB4MjIsIHgyMSArIHgxMl0sIGRpbT0xKVxuIn0=',
    ),
}
