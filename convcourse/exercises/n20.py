"""Exercises of notebook 20 (scSE: concurrent spatial and channel squeeze and excitation).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch

from ..check import Choice, Coding, Mistake, Predict


def _branches(m, x, relu=True):
    s = m.cse.fc1(x.mean((2, 3), keepdim=True))
    z = torch.sigmoid(m.cse.fc2(torch.relu(s) if relu else s))       # (N, C, 1, 1)
    q = torch.sigmoid(m.sse.conv(x))                                  # (N, 1, H, W)
    return z, q


def _max(m, x):                           # the journal version's fusion
    z, q = _branches(m, x)
    return torch.maximum(x * z, x * q)


def _serial(m, x):                        # x * z * q: CBAM-like gating, not two branches
    z, q = _branches(m, x)
    return x * z * q


def _sse_after_cse(m, x):                 # sSE fed with the cSE output
    z, _ = _branches(m, x)
    u_c = x * z
    return u_c + u_c * torch.sigmoid(m.sse.conv(u_c))


def _no_sse_sigmoid(m, x):
    z, _ = _branches(m, x)
    return x * z + x * m.sse.conv(x)


def _no_cse_sigmoid(m, x):
    _, q = _branches(m, x)
    return x * m.cse.fc2(torch.relu(m.cse.fc1(x.mean((2, 3), keepdim=True)))) + x * q


def _no_relu(m, x):
    z, q = _branches(m, x, relu=False)
    return x * z + x * q


EXERCISES = {
    "20.1": Choice(
        title='相加融合时，scSE 给一个元素的有效缩放系数 ẑ_c + q_ij 的范围',
        answer='IkIi',
        options='ABCD',
        hints=(
            'ẑ_c 和 q_ij 各自经过 sigmoid：各自的取值范围是什么？',
            '两个开区间 (0, 1) 里的数相加，和落在哪个区间？',
        ),
        explain='IuS4pOS4qiBzaWdtb2lkIOadg+mHjeWQhOWcqCAoMCwgMSnvvIznm7jliqDlkI7lnKggKDAsIDIp77ya5Lik5Liq5YiG5pSv6YO96K6k5Li66YeN6KaB55qE5L2N572u6KKr5pS+5aSn5Yiw5o6l6L+RIDIg5YCN77yM6ICMIFNF44CBQ0JBTSDnmoTpl6jmjqflj6rog73kuZjkuIDkuKogKDAsIDEpIOeahOaVsO+8iOWPquS8muWJiuW8se+8ieOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBC77ya4bqRX2PjgIFxX2lqIOmDveaYryBzaWdtb2lkIOeahOi+k+WHuu+8jOWQhOWcqCAoMCwgMSnvvIznm7jliqDlkI7lnKggKDAsIDIp44CCIn0=',
    ),
    "20.2": Predict(
        title='预测：max 融合时，负的输入用的是较小的那个权重',
        answer='dHJ1ZQ==',
        hints=(
            '对一个负数 u，u·a 与 u·b 哪个更大：a 大的那个，还是 a 小的那个？',
            'max(u·ẑ, u·q)：代一个例子算算，u = −1、ẑ = 0.8、q = 0.3。',
        ),
        explain='IuS5mOS4iui0n+aVsO+8jOWkp+Wwj+WFs+ezu+mioOWAku+8mm1heCDono3lkIjlr7nmraPnmoTovpPlhaXnlKjovoPlpKfnmoTmnYPph43vvIzlr7notJ/nmoTovpPlhaXnlKjovoPlsI/nmoTmnYPph43igJTigJTlroPmjJHnmoTmmK/mm7TlpKfnmoTlk43lupTvvIzogIzkuI3mmK/mm7TlpKfnmoTmnYPph43jgIIi',
        solution='eyJ0ZXh0IjogIlRydWXvvJp1IDwgMCDml7YgdcK34bqRIOS4jiB1wrdxIOeahOWkp+Wwj+WFs+ezu+S4jiDhupHjgIFxIOebuOWPje+8jG1heCh1wrfhupEsIHXCt3EpID0gdcK3bWluKOG6kSwgcSnjgILmiYDku6XigJzlj5bmnIDlpKfigJ3lr7nmraPnmoTovpPlhaXmlL7lpKflvpfmm7TlpJrjgIHlr7notJ/nmoTovpPlhaXljovlvpfmm7TlsJHvvJrovpPlh7rmgLvmmK/kuKTkuKrliIbmlK/ph4zmm7TpnaDmraPnmoTpgqPkuKrlk43lupTjgIIifQ==',
    ),
    "20.3": Predict(
        title='预测：把 sSE 写成 Conv2d(C, C, 1) 的复制版，参数是论文的几倍（C = 64）',
        answer='NjQuMA==',
        hints=(
            '两者都是带偏置的 1×1 卷积，差别只在输出通道数。',
            '1×1 卷积的参数 = 输入通道 × 输出通道 + 输出通道 = (C_in + 1) · C_out。',
        ),
        explain='IuWkjeWItueJiOe7meavj+S4qumAmumBk+WQhOS4gOW8oOepuumXtOWbvu+8jOWPguaVsOWkmuS6hiBDIOWAje+8jOS5n+S4jeWGjeaYr+KAnOmAmumBk+aMpOWOi+KAne+8muiuuuaWh+eahCBzU0Ug5Y+q6L6T5Ye65LiA5byg5Zu+77yM5omA5pyJ6YCa6YGT5YWx55So44CCIg==',
        solution='eyJ0ZXh0IjogIuWkjeWItueJiCAoNjQgKyAxKcK3NjTvvIzorrrmlocgKDY0ICsgMSnCtzHvvIznm7jpmaTmraPlpb3mmK8gNjQgPSBDIOWAje+8mui+k+WHuumAmumBk+S7jiAxIOWPmOaIkOS6hiBD44CCIn0=',
    ),
    "20.4": Coding(
        title='实现 scSE 的 forward（cSE 与 sSE 并行，相加）',
        hints=(
            '两个分支都从同一个 x 出发：cSE 给每个通道一个权重（SE），sSE 给每个位置一个权重（1×1 卷积压成一张图）。',
            'Û_cSE = x · σ(W₂ δ(W₁ z))，z 是 (H, W) 上的平均；Û_sSE = x · σ(W_sq * x)；Û_scSE = Û_cSE + Û_sSE。',
        ),
        name='MySCSE',
        reference='convcourse.attention.scse:SCSE',
        args=(16,),
        inputs=((2, 16, 5, 6),),
        gate=True,
        mistakes=(
            Mistake(_max, '你用了逐元素取最大：本课的 SCSE 按 MICCAI 论文把两个分支的输出相加（fusion="add"）。'),
            Mistake(_serial, '两个分支是并行后相加，不是串行相乘：x·ẑ·q 是 CBAM 式的串行门控。'),
            Mistake(_sse_after_cse, 'sSE 要作用在原始输入 x 上（两个分支并行），你把它接在了 cSE 的输出后面。'),
            Mistake(_no_sse_sigmoid, 'sSE 少了 sigmoid：1×1 卷积的输出 q 要先压到 (0, 1) 再乘回输入。'),
            Mistake(_no_cse_sigmoid, 'cSE 少了 sigmoid：通道权重 ẑ 要先压到 (0, 1) 再乘回输入。'),
            Mistake(_no_relu, 'cSE 的两层 1×1 卷积之间少了 ReLU。'),
        ),
        solution='eyJ0ZXh0IjogIuiuuuaWhyBTZWMuIDIuMeKAkzIuM++8mmNTRSDlsLHmmK8gciA9IDIg55qEIFNF77ybc1NFIOeUqOS4gOS4qiBDIOKGkiAxIOeahCAxw5cxIOWNt+enr+WKoCBzaWdtb2lkIOW+l+WIsOavj+S4quWDj+e0oOeahOadg+mHjSBx77yb5Lik5Liq5YiG5pSv5bm26KGM5L2c55So5Zyo5ZCM5LiA5Liq6L6T5YWl5LiK77yM6L6T5Ye66YCQ5YWD57Sg55u45Yqg44CCIiwgImNvZGUiOiAiY2xhc3MgTXlTQ1NFKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwic2NTRe+8mmNTRe+8iFNF77yMciA9IDLvvInkuI4gc1NF77yIMcOXMSDljbfnp6/ljovmiJAgMSDlvKDlm77vvInlubbooYzkvZznlKjlnKjlkIzkuIDkuKrovpPlhaXkuIrvvIzovpPlh7rnm7jliqDvvIhNSUNDQUkg6K665paH77yJ44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY2hhbm5lbHMsIHJlZHVjdGlvbj0yKTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHNlbGYuZmMxID0gbm4uQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscyAvLyByZWR1Y3Rpb24sIDEpICAgICAjIGNTRe+8mkMgLT4gQy9yXG4gICAgICAgIHNlbGYuZmMyID0gbm4uQ29udjJkKGNoYW5uZWxzIC8vIHJlZHVjdGlvbiwgY2hhbm5lbHMsIDEpICAgICAjIGNTRe+8mkMvciAtPiBDXG4gICAgICAgIHNlbGYuY29udiA9IG5uLkNvbnYyZChjaGFubmVscywgMSwgMSkgICAgICAgICAgICAgICAgICAgICAgICAjIHNTRe+8mkMgLT4gMVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIHogPSB0b3JjaC5zaWdtb2lkKHNlbGYuZmMyKHRvcmNoLnJlbHUoc2VsZi5mYzEoeC5tZWFuKCgyLCAzKSwga2VlcGRpbT1UcnVlKSkpKSkgICAjIChOLCBDLCAxLCAxKVxuICAgICAgICBxID0gdG9yY2guc2lnbW9pZChzZWxmLmNvbnYoeCkpICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgKE4sIDEsIEgsIFcpXG4gICAgICAgIHJldHVybiB4ICogeiArIHggKiBxICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAjIMObX2NTRSArIMObX3NTRVxuIn0=',
    ),
}
