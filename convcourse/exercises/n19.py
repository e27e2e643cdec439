"""Exercises of notebook 19 (ECA: efficient channel attention).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "19.1": Value(
        title='ECA 在 C = 4096 时的参数个数（自适应 k）',
        answer='Nw==',
        hints=(
            'ECA 只有一个一维卷积核，没有偏置；参数个数就是 k。',
            'k = |log2(C)/γ + b/γ|_odd，γ = 2、b = 1：取整后为偶数就加 1。',
        ),
        solution='eyJ0ZXh0IjogIigxMiArIDEpIC8gMiA9IDYuNSDihpIgNu+8jOWBtuaVsOWKoCAxIOKGkiBrID0gN++8jOaJgOS7pSA3IOS4quWPguaVsOOAgiJ9',
    ),
    "19.2": Choice(
        title='ECA 为什么不像 SE 那样降维？',
        answer='IkEi',
        options='ABCD',
        hints=(
            'SE 的两层 FC 先把 C 压到 C/r。通道与它的权重之间还是一一对应的吗？',
            '论文 Sec. 3.2：降维让通道与其权重之间的对应变成间接的，对学习通道注意力有害。',
        ),
        explain='IkVDQSDnmoTlrp7pqozvvIhUYWJsZSAy77yJ6KGo5piO6ZmN57u056C05Z2P5LqG6YCa6YGT5LiO5p2D6YeN55qE55u05o6l5a+55bqU77yb5LiN6ZmN57u044CB5Y+q5Zyo55u46YK7IGsg5Liq6YCa6YGT6Ze05Lqk5LqS77yM5pei5pyJ5pWI5Y+I5L6/5a6c44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "19.3": Predict(
        title='预测 ECA(256) 的参数个数',
        answer='NQ==',
        hints=(
            '参数个数 = 自适应的卷积核大小 k。',
            'log2(256) = 8：(8 + 1) / 2 = 4.5 → 4，偶数加 1。',
        ),
        solution='eyJ0ZXh0IjogImsgPSA177yM5omA5LulIDUg5Liq5Y+C5pWw77yb5ZCM5L2N572u55qEIFNF77yIciA9IDE277yJ5pyJIDg0NjQg5Liq44CCIn0=',
    ),
    "19.4": Choice(
        title='ECA 的一维卷积在空间维（H、W）上滑动',
        answer='ZmFsc2U=',
        hints=(
            '一维卷积之前，张量的形状是什么？',
            '(N, 1, C)：卷积沿通道轴滑动，每次看相邻的 k 个通道。',
        ),
        explain='IuWFqOWxgOW5s+Wdh+axoOWMluWQjuepuumXtOe7tOW3suiiq+aMpOWOi+aOie+8m+S4gOe7tOWNt+enr+ayv+mAmumBk+i9tOa7keWKqO+8jOaNleaNieebuOmCuyBrIOS4qumAmumBk+S5i+mXtOeahOS6pOS6kuOAgiI=',
        solution='eyJ0ZXh0IjogIkZhbHNl44CCIn0=',
    ),
    "19.5": Coding(
        title='实现 ECA 的 forward',
        hints=(
            '把池化后的 (N, C, 1, 1) 变成 (N, 1, C) 再做一维卷积。',
            'w = sigmoid(conv(x.mean((2, 3)).view(n, 1, c))).view(n, c, 1, 1)；return x * w',
        ),
        name='MyECA',
        reference='convcourse.attention.eca:ECA',
        args=(16,),
        kwargs={'kernel_size': 3},
        inputs=((2, 16, 5, 5),),
        gate=True,
        solution='eyJ0ZXh0IjogIkdBUCDihpIg5rK/6YCa6YGT55qE5LiA57u05Y2356ev77yI5qC4IGvvvIzml6DlgY/nva7vvInihpIgc2lnbW9pZCDihpIg5oyJ6YCa6YGT57yp5pS+77yI6K665paHIEZpZy4gMu+8ieOAgiIsICJjb2RlIjogImNsYXNzIE15RUNBKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiRUNB77ya5YWo5bGA5bmz5Z2H5rGg5YyW5ZCO77yM5Zyo6YCa6YGT6L205LiK5YGa5LiA57u05Y2356ev77yI5LiN6ZmN57u077yJ77yMc2lnbW9pZCDkuYvlkI7mjInpgJrpgZPnvKnmlL7ovpPlhaXjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscywga2VybmVsX3NpemU9Myk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBzZWxmLmNvbnYgPSBubi5Db252MWQoMSwgMSwga2VybmVsX3NpemUsIHBhZGRpbmc9a2VybmVsX3NpemUgLy8gMiwgYmlhcz1GYWxzZSlcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBuLCBjID0geC5zaGFwZVs6Ml1cbiAgICAgICAgeSA9IHgubWVhbihkaW09KDIsIDMpKS52aWV3KG4sIDEsIGMpICAgICAgICAgICAgIyAoTiwgMSwgQynvvJrpgJrpgZPmiJDkuLrkuIDnu7Tljbfnp6/nmoTovbRcbiAgICAgICAgdyA9IHRvcmNoLnNpZ21vaWQoc2VsZi5jb252KHkpKS52aWV3KG4sIGMsIDEsIDEpXG4gICAgICAgIHJldHVybiB4ICogd1xuIn0=',
    ),
}
