"""Exercises of notebook 09 (DenseNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "09.1": Value(
        title='c0 = 48、k = 12、L = 10 的稠密块输出通道数',
        answer='MTY4',
        hints=(
            '每一层只新增 k 个通道，旧的特征全部保留。',
            '输出通道 = c0 + L·k。',
        ),
        solution='eyJ0ZXh0IjogIjQ4ICsgMTDCtzEyID0gMTY444CCIn0=',
    ),
    "09.2": Value(
        title='k = 12 时稠密层（瓶颈 1×1 + 3×3，含 BN）的参数量，输入 96 通道',
        answer='MTAwODA=',
        hints=(
            'DenseLayer：BN(c) → ReLU → 1×1 (c → 4k) → BN(4k) → ReLU → 3×3 (4k → k)，卷积无偏置。',
            '2·c + c·4k + 2·4k + 9·4k·k。',
        ),
        solution='eyJ0ZXh0IjogIkJOIDLCtzk2ID0gMTky77ybMcOXMSA5NsK3NDggPSA0NjA477ybQk4gMsK3NDggPSA5Nu+8mzPDlzMgOcK3NDjCtzEyID0gNTE4NO+8jOWQiOiuoSAxMDA4MOOAgiJ9',
    ),
    "09.3": Choice(
        title='DenseNet 与 ResNet 组合特征的方式',
        answer='IkQi',
        options='ABCD',
        hints=(
            'ResNet 的捷径是把 x 和 F(x) 怎样组合？DenseNet 呢？',
            'ResNet：相加；DenseNet：沿通道拼接。',
        ),
        explain='IlJlc05ldCDmiormjbflvoTkuI7mrovlt67nm7jliqDvvIh4ICsgRih4Ke+8ie+8jERlbnNlTmV0IOaKiuWJjemdouaJgOacieWxgueahOeJueW+geayv+mAmumBk+aLvOaOpe+8jOWQjumdoueahOWxguiDveebtOaOpeivu+WIsOWug+S7rOOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBE44CCIn0=',
    ),
    "09.4": Predict(
        title='预测 DenseBlock(6, 64, growth_rate=32) 的输出形状',
        answer='WzEsIDI1NiwgOCwgOF0=',
        hints=(
            '每层新增 growth_rate 个通道；稠密块不改变 H、W。',
            '输出通道 = c0 + L·k = 64 + 6·32。',
        ),
        solution='eyJ0ZXh0IjogIjY0ICsgNsK3MzIgPSAyNTbvvJooMSwgMjU2LCA4LCA4Ke+8jOato+aYryBEZW5zZU5ldC0xMjEg56ys5LiA5Liq56ig5a+G5Z2X55qE6L6T5Ye65a695bqm44CCIn0=',
    ),
    "09.5": Coding(
        title='实现稠密块的 forward',
        hints=(
            '记住所有的特征：每一层都看前面全部特征的拼接。',
            'features = [x]; features.append(layer(torch.cat(features, 1))); return torch.cat(features, 1)',
        ),
        name='MyDenseBlock',
        reference='convcourse.nets.densenet:DenseBlock',
        args=(3, 8),
        kwargs={'growth_rate': 4, 'bn_size': 2},
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogInhfbCA9IEhfbChbeF8wLCB4XzEsIOKApiwgeF8obOKIkjEpXSnvvIhFcS4gMu+8ie+8jOWdl+eahOi+k+WHuuaYr+WFqOmDqOeJueW+geeahOaLvOaOpeOAgiIsICJjb2RlIjogImZyb20gY29udmNvdXJzZS5uZXRzLmRlbnNlbmV0IGltcG9ydCBEZW5zZUxheWVyXG5cblxuY2xhc3MgTXlEZW5zZUJsb2NrKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwi56ig5a+G5Z2X77ya56ysIGwg5bGC55qE6L6T5YWl5piv5YmN6Z2i5omA5pyJ54m55b6B5Zu+55qE5ou85o6l77yM5a6D55qE6L6T5Ye65YaN5ou85o6l5Yiw5ZCO6Z2i44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgbnVtX2xheWVycywgaW5fY2hhbm5lbHMsIGdyb3d0aF9yYXRlPTMyLCBibl9zaXplPTQpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5sYXllcnMgPSBubi5Nb2R1bGVMaXN0KERlbnNlTGF5ZXIoaW5fY2hhbm5lbHMgKyBpICogZ3Jvd3RoX3JhdGUsIGdyb3d0aF9yYXRlLCBibl9zaXplKVxuICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgZm9yIGkgaW4gcmFuZ2UobnVtX2xheWVycykpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgZmVhdHVyZXMgPSBbeF1cbiAgICAgICAgZm9yIGxheWVyIGluIHNlbGYubGF5ZXJzOlxuICAgICAgICAgICAgZmVhdHVyZXMuYXBwZW5kKGxheWVyKHRvcmNoLmNhdChmZWF0dXJlcywgMSkpKSAgICAgICMg5q+P5bGC5paw5aKeIGsg5Liq6YCa6YGTXG4gICAgICAgIHJldHVybiB0b3JjaC5jYXQoZmVhdHVyZXMsIDEpICAgICAgICAgICAgICAgICAgICAgICAgICAgIyAoTiwgYzAgKyBMIGssIEgsIFcpXG4ifQ==',
    ),
}
