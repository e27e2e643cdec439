"""Exercises of notebook 21 (SimAM: parameter-free attention).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "21.1": Value(
        title='SimAM 对 (1, 64, 56, 56) 的输入算出多少个注意力权重',
        answer='MjAwNzA0',
        hints=(
            'SimAM 的权重是按神经元（每个通道的每个位置）给的，还是按通道给的？',
            '权重的形状与输入相同：C·H·W。',
        ),
        solution='eyJ0ZXh0IjogIjY0wrc1NsK3NTYgPSAyMDA3MDTvvJrkuIDkuKrnpZ7nu4/lhYPkuIDkuKrmnYPph43vvIgzLUQg5rOo5oSP5Yqb77yJ77yM6ICMIFNFIOWPquaciSA2NCDkuKrjgIIifQ==',
    ),
    "21.2": Choice(
        title='SimAM 里神经元的能量越低意味着什么？',
        answer='IkEi',
        options='ABCD',
        hints=(
            '能量函数衡量目标神经元与同通道其他神经元的可分性。',
            '最小能量 e* 越低，神经元与周围越不同，越重要；权重用 1/e*。',
        ),
        explain='IuiDvemHj+i2iuS9ju+8jOelnue7j+WFg+S4juWQjOS4gOmAmumBk+mHjOeahOWFtuS7luelnue7j+WFg+i2iuWPr+WMuuWIhu+8iOepuuWfn+aKkeWItueahOelnue7j+enkeWtpuino+mHiu+8ie+8jOaJgOS7peadg+mHjeWPliAxL2Uq44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "21.3": Predict(
        title='预测：一个通道里唯一突出的神经元，权重是否比其他位置大',
        answer='dHJ1ZQ==',
        hints=(
            '能量越低越重要。突出的神经元与通道均值的差 (t − μ)² 大还是小？',
            '1/e* = (t − μ)² / (4(σ² + λ)) + 1/2 随 (t − μ)² 增大。',
        ),
        solution='eyJ0ZXh0IjogIlRydWXvvJrnqoHlh7rnmoTnpZ7nu4/lhYMgKHQg4oiSIM68KcKyIOacgOWkp++8jDEvZSog5pyA5aSn77yMc2lnbW9pZCDkuYvlkI7mnYPph43kuZ/mnIDlpKfjgIIifQ==',
    ),
    "21.4": Choice(
        title='SimAM 有可学习的参数',
        answer='ZmFsc2U=',
        hints=(
            'SimAM 的权重由什么公式算出？里面有要训练的量吗？',
            '闭式解 Eq. 4 只用到通道的均值和方差，λ 是超参数。',
        ),
        explain='IlNpbUFNIOeahOazqOaEj+WKm+adg+mHjeeUsemXreW8j+eahOiDvemHj+WHveaVsOebtOaOpeeul+WHuu+8jOWPqueUqOmAmumBk+eahOWdh+WAvOWSjOaWueW3ru+8jM67IOaYr+WbuuWumueahOi2heWPguaVsO+8mjAg5Liq5Y+C5pWw44CCIg==',
        solution='eyJ0ZXh0IjogIkZhbHNl44CCIn0=',
    ),
    "21.5": Coding(
        title='实现 SimAM 的 forward',
        hints=(
            '先算每个神经元与通道均值的平方差，再算通道方差（除以 M − 1）。',
            'x * sigmoid(d / (4 (var + λ)) + 0.5)',
        ),
        name='MySimAM',
        reference='convcourse.attention.simam:SimAM',
        args=(8,),
        inputs=((2, 8, 5, 5),),
        gate=True,
        solution='eyJ0ZXh0IjogIkVxLiA04oCTNe+8mjEvZSogPSAodCDiiJIgzrwpwrIgLyAoNCjPg8KyICsgzrspKSArIDEvMu+8jOadg+mHjSBzaWdtb2lkKDEvZSop44CCIiwgImNvZGUiOiAiY2xhc3MgTXlTaW1BTShubi5Nb2R1bGUpOlxuICAgIFwiXCJcIlNpbUFN77ya5q+P5Liq56We57uP5YWD55qE5pyA5bCP6IO96YeP55qE5YCS5pWw57uP6L+HIHNpZ21vaWTvvIzkvZzkuLrlroPnmoTms6jmhI/lipvmnYPph43vvJvmsqHmnInlj6/lrabkuaDlj4LmlbDjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscywgZV9sYW1iZGE9MWUtNCk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBzZWxmLmVfbGFtYmRhID0gZV9sYW1iZGFcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBtID0geC5zaGFwZVsyXSAqIHguc2hhcGVbM11cbiAgICAgICAgZCA9ICh4IC0geC5tZWFuKGRpbT0oMiwgMyksIGtlZXBkaW09VHJ1ZSkpICoqIDJcbiAgICAgICAgdmFyID0gZC5zdW0oZGltPSgyLCAzKSwga2VlcGRpbT1UcnVlKSAvIChtIC0gMSlcbiAgICAgICAgaW52X2VuZXJneSA9IGQgLyAoNCAqICh2YXIgKyBzZWxmLmVfbGFtYmRhKSkgKyAwLjVcbiAgICAgICAgcmV0dXJuIHggKiB0b3JjaC5zaWdtb2lkKGludl9lbmVyZ3kpXG4ifQ==',
    ),
}
