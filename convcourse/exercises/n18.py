"""Exercises of notebook 18 (CBAM: channel and spatial attention).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch

from ..check import Choice, Coding, Mistake, Predict


def _parts(m):
    return m.channel_attention.mlp, m.spatial_attention.conv


def _mc(mlp, x):
    return torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))


def _ms(conv, f, order=("avg", "max")):
    maps = {"avg": f.mean(1, keepdim=True), "max": f.amax(1, keepdim=True)}
    return torch.sigmoid(conv(torch.cat([maps[k] for k in order], 1)))


def _max_avg(m, x):                       # the two pooled maps concatenated as [max, avg]
    mlp, conv = _parts(m)
    f = x * _mc(mlp, x)
    return f * _ms(conv, f, ("max", "avg"))


def _spatial_from_input(m, x):            # M_s computed from F instead of F'
    mlp, conv = _parts(m)
    return x * _mc(mlp, x) * _ms(conv, x)


def _avg_only(m, x):                      # SE's excitation: no max-pooled descriptor
    mlp, conv = _parts(m)
    f = x * torch.sigmoid(mlp(x.mean((2, 3), keepdim=True)))
    return f * _ms(conv, f)


def _sigmoid_each(m, x):                  # sigma(a) + sigma(b) instead of sigma(a + b)
    mlp, conv = _parts(m)
    f = x * (torch.sigmoid(mlp(x.mean((2, 3), keepdim=True))) + torch.sigmoid(mlp(x.amax((2, 3), keepdim=True))))
    return f * _ms(conv, f)


def _spatial_first(m, x):                 # spatial attention, then channel attention
    mlp, conv = _parts(m)
    f = x * _ms(conv, x)
    return f * _mc(mlp, f)


def _no_channel_sigmoid(m, x):
    mlp, conv = _parts(m)
    f = x * (mlp(x.mean((2, 3), keepdim=True)) + mlp(x.amax((2, 3), keepdim=True)))
    return f * _ms(conv, f)


def _no_spatial_sigmoid(m, x):
    mlp, conv = _parts(m)
    f = x * _mc(mlp, x)
    return f * conv(torch.cat([f.mean(1, keepdim=True), f.amax(1, keepdim=True)], 1))


EXERCISES = {
    "18.1": Choice(
        title='把 CBAM 空间注意力的 sigmoid 换成对全部位置的 softmax，会怎样？',
        answer='IkEi',
        options='ABCD',
        hints=(
            'sigmoid 对每个位置单独算；softmax 对全部位置一起算，它给出的权重加起来是多少？',
            'H×W 个位置的权重之和为 1 时，平均每个位置分到多少？24×24 的特征图有 576 个位置。',
        ),
        explain='InNpZ21vaWQg6K6p5q+P5Liq5L2N572u54us56uL5Zyw5Y+WICgwLCAxKSDnmoTlgLzvvIzlj6/ku6XlkIzml7bkv53nlZnorrjlpJrkvY3nva7vvJtzb2Z0bWF4IOiuqeWFqOmDqOS9jee9ruWIhuS4gOS4qiAx77yM5bmz5Z2H5q+P5Liq5Y+q5YmpIDEvKEhXKe+8jOeJueW+geiiq+aVtOS9k+e8qeWwj+WHoOeZvuWAjeOAgnNvZnRtYXgg6YCC5ZCI4oCc5Yqg5p2D5rGC5ZKM4oCd5byP55qE5rGg5YyW77yI56ysIDIzIOivviBHQ++8ie+8jOS4jemAguWQiOmAkOS9jee9rueahOmXqOaOp+OAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBB77yac29mdG1heCDnmoTovpPlh7rlkozkuLogMe+8jEjDl1cg5Liq5L2N572u5bmz5Z2H5q+P5Liq5Y+q5YiG5YiwIDEvKEhXKe+8iDI0w5cyNCDml7bnuqYgMC4wMDE377yJ77yMRicnID0gTV9zIOKKlyBGJyDmlbTkvZPooqvnvKnlsI/lh6Dnmb7lgI3vvIzogIzkuJTkvY3nva7kuYvpl7TkupLnm7jnq57kuonvvJtzaWdtb2lkIOeahOmXqOaOp+iuqeavj+S4quS9jee9rueLrOeri+WcsOS/neeVmeaIluWJiuW8seOAgiJ9',
    ),
    "18.2": Choice(
        title='特征图只有 1×1 时，7×7 卷积用到了哪些权重？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'padding 3 之后，7×7 的窗口里有几格落在真实的输入上？其余的格子里是什么？',
            '补的都是 0：乘上任何权重都是 0。输出 = Σ（真实输入 × 对应位置的权重）+ 偏置。',
        ),
        explain='IuWFtuS9mSA0OCDmoLzpg73okL3lnKjooaXnmoQgMCDkuIrvvIznqbrpl7Tms6jmhI/lipvpgIDljJbmiJDpgJDlg4/ntKDmt7flkIjpgJrpgZPlubPlnYfkuI7pgJrpgZPmnIDlpKfigJTigJTmgbDlpb3lsLHmmK/orrLkuYkgMDA0IOivtOeahCAxw5cxIOWNt+enr++8m+i/meaXtiBNX3Mg5Y+q57uZ5ZSv5LiA55qE5YOP57Sg5LiA5Liq5p2D6YeN77yM5L2c55So55u45b2T5LqO5LiA5Liq5YWo5bGA55qE5qCH6YeP6Zeo44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBC77yaSCA9IFcgPSAxIOaXtu+8jHBhZGRpbmcgMyDlkI7nqpflj6Pph4zlj6rmnInmraPkuK3pl7TkuIDmoLzmmK/nnJ/lrp7ovpPlhaXvvIznlKjliLDnmoTmmK/mnYPph40gKDAsIDAsIDMsIDMpIOS4jiAoMCwgMSwgMywgMynvvIjlubPlnYflm77jgIHmnIDlpKflm77lkITkuIDkuKrvvInlkozlgY/nva7vvJs3w5c3IOWNt+enr+etieS7t+S6juS4gOS4qiAxw5cxIOWNt+enr+OAgiJ9',
    ),
    "18.3": Predict(
        title='预测：CBAM(64) 的输入从 24×24 放大到 48×48，乘加次数变为几倍',
        answer='My45NDY1NDc4ODQxODcwODI1',
        rel_tol=0.02,
        hints=(
            '乘加分两部分：共享 MLP（作用在池化后的向量上）和 7×7 卷积（每个位置都算）。哪一部分随 H×W 变？',
            'MACs = 2·2·C·(C/r) + 2·49·H·W：C = 64、r = 16 时前一项是 2·2·64·4，后一项在 24×24 时是 2·49·24·24。',
        ),
        explain='IjfDlzcg5Y2356ev5q+P5Liq5L2N572u6YO96KaB566X77yM5Zyo6L+Z5Liq5bC65a+45LiK5a6D5Y2g5LqGIENCQU0g5LmY5Yqg55qE57ud5aSn6YOo5YiG77ybU0Ug55qE5LmY5Yqg5Y+q5L2c55So5Zyo5rGg5YyW5ZCO55qE5ZCR6YeP5LiK77yM5LiN6ZqPIEjDl1cg5Y+Y44CCIg==',
        solution='eyJ0ZXh0IjogIigxMDI0ICsgOTjCtzIzMDQpIC8gKDEwMjQgKyA5OMK3NTc2KSA9IDIyNjgxNiAvIDU3NDcyIOKJiCAzLjk177ya5Yeg5LmO6ZqP5YOP57Sg5pWwIMOXNCDlop7plb/vvIzlj6rlt67lhbHkuqsgTUxQIOmCo+WbuuWumueahCAxMDI0IOasoeOAguWQjOagt+eahOWPmOWMluS4iyBTRSDmmK8gMSDlgI3jgIIifQ==',
    ),
    "18.4": Coding(
        title='实现 CBAM 的 forward（先通道、后空间）',
        hints=(
            "通道注意力：空间平均、空间最大各过一次同一个 mlp，相加后 sigmoid，乘回 x 得 F'。空间注意力在 F' 上算。",
            'M_c = σ(MLP(AvgPool(F)) + MLP(MaxPool(F)))，池化在 (H, W) 上（keepdim）；M_s = σ(f^{7×7}([AvgPool(F′); MaxPool(F′)]))，池化沿通道（dim=1，keepdim），按这个顺序拼接。',
        ),
        name='MyCBAM',
        reference='convcourse.attention.cbam:CBAM',
        args=(16,),
        kwargs={'reduction': 4},
        inputs=((2, 16, 6, 5),),
        gate=True,
        mistakes=(
            Mistake(_max_avg, '空间注意力的两张图拼反了：论文 Eq. 3 是 [通道平均; 通道最大]（官方代码的 [max, mean] 配的是另一套权重）。'),
            Mistake(_spatial_from_input, "空间注意力要在 F' = M_c(F) ⊗ F 上计算（先通道、后空间），你用的是原始输入 F。"),
            Mistake(_avg_only, '通道注意力少了最大池化那一路：平均池化和最大池化两个描述子都要过同一个 MLP，相加后再 sigmoid。'),
            Mistake(_sigmoid_each, 'sigmoid 要加在两路 MLP 的输出相加之后：M_c = σ(MLP(avg) + MLP(max))，不是 σ(·) + σ(·)。'),
            Mistake(_spatial_first, '顺序反了：论文是先通道注意力、再空间注意力。'),
            Mistake(_no_channel_sigmoid, '通道注意力少了 sigmoid：两路 MLP 的输出相加之后要先压到 (0, 1) 再乘回输入。'),
            Mistake(_no_spatial_sigmoid, "空间注意力少了 sigmoid：7×7 卷积的输出要先压到 (0, 1) 再乘回 F'。"),
        ),
        solution='eyJ0ZXh0IjogIkVxLiAx4oCTM++8mk1fYyA9IM+DKE1MUChBdmdQb29sKEYpKSArIE1MUChNYXhQb29sKEYpKSnvvIxGJyA9IE1fYyDiipcgRu+8m01fcyA9IM+DKGbigbfLo+KBtyhbQXZnUG9vbChGJyk7IE1heFBvb2woRicpXSkp77yI5rK/6YCa6YGT5pa55ZCR5rGg5YyW77yJ77yMRicnID0gTV9zIOKKlyBGJ+OAguaooeWdl+WGhemDqOayoeacieaui+W3ruOAgiIsICJjb2RlIjogImNsYXNzIE15Q0JBTShubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkNCQU3vvJrpgJrpgZPms6jmhI/lipvvvIjlubPlnYcgKyDmnIDlpKfmsaDljJblhbHnlKjkuIDkuKogTUxQ77yJ5LmL5ZCO5o6l56m66Ze05rOo5oSP5Yqb77yI6YCa6YGT5pa55ZCR55qE5bmz5Z2HIC8g5pyA5aSnIOKGkiA3w5c3IOWNt+enr++8ieOAglwiXCJcIlxuXG4gICAgZGVmIF9faW5pdF9fKHNlbGYsIGNoYW5uZWxzLCByZWR1Y3Rpb249MTYsIGtlcm5lbF9zaXplPTcpOlxuICAgICAgICBzdXBlcigpLl9faW5pdF9fKClcbiAgICAgICAgc2VsZi5tbHAgPSBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChjaGFubmVscywgY2hhbm5lbHMgLy8gcmVkdWN0aW9uLCAxKSwgbm4uUmVMVSgpLFxuICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgbm4uQ29udjJkKGNoYW5uZWxzIC8vIHJlZHVjdGlvbiwgY2hhbm5lbHMsIDEpKSAgICAgICMg5YWx5Lqr55qEIE1MUFxuICAgICAgICBzZWxmLmNvbnYgPSBubi5Db252MmQoMiwgMSwga2VybmVsX3NpemUsIHBhZGRpbmc9a2VybmVsX3NpemUgLy8gMikgICAgICAgICAgIyDnqbrpl7Tms6jmhI/lipvnmoTljbfnp69cblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBtYyA9IHRvcmNoLnNpZ21vaWQoc2VsZi5tbHAoeC5tZWFuKCgyLCAzKSwga2VlcGRpbT1UcnVlKSkgKyBzZWxmLm1scCh4LmFtYXgoKDIsIDMpLCBrZWVwZGltPVRydWUpKSlcbiAgICAgICAgZiA9IHggKiBtYyAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgRicgPSBNX2MoRikg4oqXIEZcbiAgICAgICAgZGVzYyA9IHRvcmNoLmNhdChbZi5tZWFuKDEsIGtlZXBkaW09VHJ1ZSksIGYuYW1heCgxLCBrZWVwZGltPVRydWUpXSwgMSkgICAjIChOLCAyLCBILCBXKVxuICAgICAgICBtcyA9IHRvcmNoLnNpZ21vaWQoc2VsZi5jb252KGRlc2MpKSAgICAgICAgICAgICAgICAgICAgICAgICAgIyAoTiwgMSwgSCwgVylcbiAgICAgICAgcmV0dXJuIGYgKiBtcyAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgRicnID0gTV9zKEYnKSDiipcgRidcbiJ9',
    ),
}
