"""Exercises of notebook 17 (SENet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "17.1": Value(
        title='SEBlock(96, reduction=8) 的参数量（两层 FC 带偏置）',
        answer='MjQxMg==',
        hints=(
            '隐藏层宽度 C/r；两层 FC 的权重各 C·C/r，别忘了两层的偏置。',
            '2·C·(C/r) + C/r + C。',
        ),
        solution='eyJ0ZXh0IjogIkMvciA9IDEy77yaMsK3OTbCtzEyICsgMTIgKyA5NiA9IDI0MTLjgIIifQ==',
    ),
    "17.2": Choice(
        title='SE 的激励为什么用 sigmoid 而不是 softmax？',
        answer='IkEi',
        options='ABCD',
        hints=(
            'softmax 会让各通道的权重之间发生什么关系？',
            'sigmoid 让每个通道独立地取 (0, 1) 的值，可以同时强调多个通道。',
        ),
        explain='IuiuuuaWhyBTZWMuIDMuMu+8muimgeWFgeiuuOWkmuS4qumAmumBk+WQjOaXtuiiq+W8uuiwg++8iOmdnuS6kuaWpe+8ie+8jOaJgOS7peavj+S4qumAmumBk+WQhOiHqui/hyBzaWdtb2lk77yM6ICM5LiN5piv5Zyo6YCa6YGT6Ze05YGaIHNvZnRtYXjjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "17.3": Predict(
        title='预测 SE 模块 last_attention 的形状',
        answer='WzQsIDMyLCAxLCAxXQ==',
        hints=(
            '注意力权重是每个样本、每个通道一个数。',
            '(N, C, 1, 1)：空间维被挤压成 1×1。',
        ),
        solution='eyJ0ZXh0IjogIig0LCAzMiwgMSwgMSnvvJrmr4/kuKrmoLfmnKzmr4/kuKrpgJrpgZPkuIDkuKrmnYPph43vvIzlub/mkq3liLAgSMOXV+OAgiJ9',
    ),
    "17.4": Value(
        title='SE-ResNet-50 里 SE 模块的个数',
        answer='MTY=',
        hints=(
            '每个瓶颈块里放一个 SE。',
            'ResNet-50 的块数：3 + 4 + 6 + 3。',
        ),
        solution='eyJ0ZXh0IjogIjMgKyA0ICsgNiArIDMgPSAxNuOAgiJ9',
    ),
    "17.5": Coding(
        title='实现 SE 模块的 forward',
        hints=(
            '三步：挤压、激励、缩放；权重的形状要能和 x 广播。',
            's = sigmoid(fc2(relu(fc1(x.mean((2, 3), keepdim=True)))))；return x * s',
        ),
        name='MySE',
        reference='convcourse.attention.se:SEBlock',
        args=(16,),
        kwargs={'reduction': 4},
        inputs=((4, 16, 5, 5),),
        gate=True,
        solution='eyJ0ZXh0IjogIkVxLiAy4oCTNO+8muWFqOWxgOW5s+Wdh+axoOWMliDihpIgRkMtUmVMVS1GQy1zaWdtb2lkIOKGkiDmjInpgJrpgZPkuZjlm57ovpPlhaXjgIIiLCAiY29kZSI6ICJjbGFzcyBNeVNFKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiU0Ug5qih5Z2X77ya5oyk5Y6L77yI5YWo5bGA5bmz5Z2H5rGg5YyW77yJ4oaSIOa/gOWKse+8iEZDLVJlTFUtRkMtc2lnbW9pZO+8ieKGkiDmjInpgJrpgZPnvKnmlL7ovpPlhaXjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscywgcmVkdWN0aW9uPTE2KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHNlbGYuZmMxID0gbm4uQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscyAvLyByZWR1Y3Rpb24sIDEpICAgICAjIFcx77yaQyAtPiBDL3LvvIgxw5cxIOWNt+enr+WNs+WFqOi/nuaOpe+8iVxuICAgICAgICBzZWxmLmZjMiA9IG5uLkNvbnYyZChjaGFubmVscyAvLyByZWR1Y3Rpb24sIGNoYW5uZWxzLCAxKSAgICAgIyBXMu+8mkMvciAtPiBDXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgeiA9IHgubWVhbihkaW09KDIsIDMpLCBrZWVwZGltPVRydWUpICAgICAgICAgICAgICAgICAgICAgICAgICAjIOaMpOWOi++8jEVxLiAyXG4gICAgICAgIHMgPSB0b3JjaC5zaWdtb2lkKHNlbGYuZmMyKHRvcmNoLnJlbHUoc2VsZi5mYzEoeikpKSkgICAgICAgICAgIyDmv4DlirHvvIxFcS4gM1xuICAgICAgICByZXR1cm4geCAqIHMgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMg57yp5pS+77yMRXEuIDRcbiJ9',
    ),
}
