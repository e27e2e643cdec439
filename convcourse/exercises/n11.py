"""Exercises of notebook 11 (Fire module, SqueezeNet).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "11.1": Value(
        title='Fire(80, 24, 48, 48) 的参数量（含偏置）',
        answer='MTM1NjA=',
        hints=(
            '三个卷积都带偏置：squeeze 1×1、expand 1×1、expand 3×3。',
            '(C_in·s + s) + (s·e1 + e1) + (9·s·e3 + e3)。',
        ),
        solution='eyJ0ZXh0IjogInNxdWVlemUgODDCtzI0ICsgMjQgPSAxOTQ077ybZXhwYW5kMXgxIDI0wrc0OCArIDQ4ID0gMTIwMO+8m2V4cGFuZDN4MyA5wrcyNMK3NDggKyA0OCA9IDEwNDE277yb5ZCI6K6hIDEzNTYw44CCIn0=',
    ),
    "11.2": Choice(
        title='squeeze 层的作用',
        answer='IkEi',
        options='ABCD',
        hints=(
            'SqueezeNet 的三条设计策略里，第二条说的是什么？',
            '策略 2：减少 3×3 卷积的输入通道数。',
        ),
        explain='InNxdWVlemUg5bGC77yIcyA8IGUxICsgZTPvvInlhYjmiorpgJrpgZPljovlsJHvvIzlkI7pnaLnmoQgM8OXMyDljbfnp6/lj6rnnIsgcyDkuKrpgJrpgZPigJTigJTlj4LmlbAgOcK3c8K3ZTMg6ICM5LiN5pivIDnCt0NfaW7Ct2Uz77yI562W55WlIDLvvInjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBB44CCIn0=',
    ),
    "11.3": Predict(
        title='预测：把 squeeze 通道减半，expand 3×3 的参数变成原来的几倍',
        answer='MC41MDE3',
        rel_tol=0.01,
        hints=(
            'expand 3×3 的权重形状是 (e3, s, 3, 3)。',
            '参数 ∝ s（加上 e3 个偏置，基本成正比）。',
        ),
        solution='eyJ0ZXh0IjogIuadg+mHjSA5wrdzwrdlMyDkuI4gcyDmiJDmraPmr5TvvJrlh4/ljYrvvJvlgY/nva7kuI3lj5jvvIzmiYDku6Xmr5TlgLznlaXlpKfkuo4gMC4177yI57qmIDAuNTAy77yJ44CCIn0=',
    ),
    "11.4": Choice(
        title='在拼接之后做 ReLU 与在每个分支上分别做 ReLU 等价',
        answer='dHJ1ZQ==',
        hints=(
            'ReLU 是逐元素的运算吗？',
            '逐元素的函数与沿通道拼接可交换次序。',
        ),
        explain='IlJlTFUg6YCQ5YWD57Sg5L2c55So77yM5ou85o6l5Y+q5piv5oqK6YCa6YGT5o6S5Zyo5LiA6LW377yM5omA5Lul5YWI5ou85o6l5YaNIFJlTFUg5LiO5ZCE6IeqIFJlTFUg5YaN5ou85o6l5a6M5YWo55u45ZCM77yIdG9yY2h2aXNpb24g5bCx5piv6L+Z5LmI5YaZ55qE77yJ44CCIg==',
        solution='eyJ0ZXh0IjogIlRydWXjgIIifQ==',
    ),
    "11.5": Coding(
        title='实现 Fire 模块的 forward',
        hints=(
            '先 squeeze 再 expand；两条 expand 分支的输入相同。',
            's = relu(squeeze(x))；cat([relu(e1(s)), relu(e3(s))], dim=1)',
        ),
        name='MyFire',
        reference='convcourse.blocks.fire:Fire',
        args=(8, 4, 6, 6),
        inputs=((2, 8, 5, 5),),
        solution='eyJ0ZXh0IjogInNxdWVlemUg5Y6L6YCa6YGT77yM5Lik5p2hIGV4cGFuZCDliIbmlK/lubbooYzvvIzovpPlh7rmjIkgKDHDlzEsIDPDlzMpIOeahOmhuuW6j+aLvOaOpeOAgiIsICJjb2RlIjogImNsYXNzIE15RmlyZShubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkZpcmUg5qih5Z2X77yac3F1ZWV6ZSAxw5cx77yIcyDkuKrpgJrpgZPvvInihpIgUmVMVSDihpIgW2V4cGFuZCAxw5cxIChlMSkgfCBleHBhbmQgM8OXMyAoZTMpXSDmi7zmjqUg4oaSIFJlTFXjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBpbl9jaGFubmVscywgc3F1ZWV6ZTF4MSwgZXhwYW5kMXgxLCBleHBhbmQzeDMpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5zcXVlZXplID0gbm4uQ29udjJkKGluX2NoYW5uZWxzLCBzcXVlZXplMXgxLCAxKVxuICAgICAgICBzZWxmLmV4cGFuZDF4MSA9IG5uLkNvbnYyZChzcXVlZXplMXgxLCBleHBhbmQxeDEsIDEpXG4gICAgICAgIHNlbGYuZXhwYW5kM3gzID0gbm4uQ29udjJkKHNxdWVlemUxeDEsIGV4cGFuZDN4MywgMywgcGFkZGluZz0xKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIHMgPSB0b3JjaC5yZWx1KHNlbGYuc3F1ZWV6ZSh4KSkgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIyAoTiwgcywgSCwgVylcbiAgICAgICAgcmV0dXJuIHRvcmNoLmNhdChbdG9yY2gucmVsdShzZWxmLmV4cGFuZDF4MShzKSksICAgICAgICAgICAgICAgICAjIChOLCBlMSwgSCwgVylcbiAgICAgICAgICAgICAgICAgICAgICAgICAgdG9yY2gucmVsdShzZWxmLmV4cGFuZDN4MyhzKSldLCBkaW09MSkgICAgICAgICAjIChOLCBlMSArIGUzLCBILCBXKVxuIn0=',
    ),
}
