"""Exercises of notebook 23 (GCNet: global context block).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch

from ..check import Choice, Coding, Mistake, Predict


def _gc(m, x, pooling="softmax", fusion="add"):
    n, c, h, w = x.shape
    logits = m.conv_mask(x)                                           # (N, 1, H, W)
    if pooling == "softmax":
        a = logits.flatten(1).softmax(dim=1).view(n, 1, h, w)
    elif pooling == "rows":                                           # softmax along W only
        a = logits.softmax(dim=-1)
    elif pooling == "channel":                                        # softmax over the single channel: all ones
        a = logits.softmax(dim=1)
    elif pooling == "sigmoid":
        a = torch.sigmoid(logits)
    else:                                                             # average pooling
        a = torch.full_like(logits, 1.0 / (h * w))
    context = (x * a).sum((2, 3), keepdim=True)                       # (N, C, 1, 1)
    t = m.transform(context)
    return x + t if fusion == "add" else x * torch.sigmoid(t)


def _rows(m, x):
    return _gc(m, x, pooling="rows")


def _channel(m, x):
    return _gc(m, x, pooling="channel")


def _sigmoid(m, x):
    return _gc(m, x, pooling="sigmoid")


def _average(m, x):
    return _gc(m, x, pooling="avg")


def _mul(m, x):
    return _gc(m, x, fusion="mul")


EXERCISES = {
    "23.1": Choice(
        title='加法融合的 GC 块里，两个位置的输出之差',
        answer='IkEi',
        options='ABCD',
        hints=(
            '式 3：加到每个位置上的那个向量，与位置有关吗？',
            'z_i = x_i + t，t 的形状是 (N, C, 1, 1)，广播到所有位置。',
        ),
        explain='IuWKoOazleiejeWQiOe7meavj+S4quS9jee9ruWKoOWQjOS4gOS4quS4iuS4i+aWh+WQkemHjyB077yM5L2N572u5LmL6Ze055qE5beu5Yir5Y6f5qC35L+d55WZ77yaR0Mg5Z2X5Y+q6IO95oqK5pW05byg54m55b6B5Zu+5bmz56e777yM5LiN6IO95YOPIENCQU0g55qE56m66Ze05rOo5oSP5Yqb6YKj5qC36YCQ5L2N572u5Zyw5Yqg5p2D44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBB77yael9pID0geF9pICsgdOOAgXpfaiA9IHhfaiArIHTvvIx0IOWvueaJgOacieS9jee9ruebuOWQjO+8jOebuOWHj+W+lyB4X2kg4oiSIHhfauOAgiJ9',
    ),
    "23.2": Predict(
        title='预测：W_k 的偏置从 0 改成 5，GC 块的输出会不会变',
        answer='ZmFsc2U=',
        hints=(
            '偏置给每个位置的分数 W_k x_j 都加上同一个数。接下来是什么运算？',
            '比较 softmax(s + c) 与 softmax(s)：分子、分母各乘了什么？',
        ),
        explain='InNvZnRtYXgg5a+55omA5pyJ5YiG5pWw5Yqg5ZCM5LiA5Liq5bi45pWw5LiN5Y+Y77yM5omA5LulIFdfayDnmoTlgY/nva7lr7kgR0Mg5Z2X5LiN6LW35L2c55So77yM6K6t57uD5pe25a6D55qE5qKv5bqm5Lmf5pivIDDjgIIi',
        solution='eyJ0ZXh0IjogIkZhbHNl77yI5LiN5Y+Y77yJ77ya5YGP572u6K6p5omA5pyJ5L2N572u55qE5YiG5pWw6YO95Yqg5LiK5ZCM5LiA5LiqIGPvvIxzb2Z0bWF4KHMgKyBjKSA9IGVeY8K3ZV5zIC8gKGVeY8K3zqNlXnMpID0gc29mdG1heChzKe+8jOaxoOWMluadg+mHjSBh44CB5LiK5LiL5paH5ZKM6L6T5Ye66YO95LiN5Y+Y44CCIn0=',
    ),
    "23.3": Predict(
        title='预测：输入在空间上处处相同时，池化权重的最大值',
        answer='MC4wMTU4NzMwMTU4NzMwMTU4NzI=',
        rel_tol=0.01,
        hints=(
            '每个位置的特征相同，W_k 给每个位置打的分数呢？若所有分数相等，softmax 给出什么？',
            'softmax 对 N 个相等的数，每个都给 1/N；这里 N 是位置的个数。',
        ),
        explain='IuaJgOacieWIhuaVsOebuOetieaXtiBzb2Z0bWF4IOaYr+Wdh+WMgOeahCAxLyhIVynvvJrms6jmhI/lipvmsaDljJbpgIDljJbmiJDlhajlsYDlubPlnYfmsaDljJbvvIzov5nml7YgR0Mg55qE5rGg5YyW5LiOIFNFIOayoeacieWMuuWIq+OAgiI=',
        solution='eyJ0ZXh0IjogIuaJgOacieS9jee9rueahOWIhuaVsOebuOetie+8jHNvZnRtYXgg57uZ5q+P5Liq5L2N572uIDEvKEjCt1cpID0gMS82MyDiiYggMC4wMTU577ya5rOo5oSP5Yqb5rGg5YyW6YCA5YyW5oiQ5YWo5bGA5bmz5Z2H5rGg5YyW44CCIn0=',
    ),
    "23.4": Coding(
        title='实现 GC 块的 forward（注意力池化 + 瓶颈变换 + 广播相加）',
        hints=(
            '三步：上下文建模（W_k 打分 → 对全部位置 softmax → 加权求和）、变换（transform）、融合（加到每个位置）。',
            'a = softmax(W_k x 展平成 (N, HW))；context_c = Σ_j a_j x_cj，形状 (N, C, 1, 1)；z = x + transform(context)（式 3）。',
        ),
        name='MyGC',
        reference='convcourse.attention.gc:GCBlock',
        args=(16,),
        kwargs={'reduction': 4},
        inputs=((2, 16, 5, 6),),
        gate=False,
        mistakes=(
            Mistake(_rows, 'softmax 要对全部 H·W 个位置一起做（先展平成 (N, HW)），你只在每一行（W 方向）里归一化。'),
            Mistake(_channel, 'softmax 沿的是通道维（只有 1 个通道，权重全变成 1）：要沿 H·W 个位置归一化。'),
            Mistake(_sigmoid, '池化权重要用 softmax（对全部位置归一化，和为 1），不是 sigmoid。'),
            Mistake(_average, '你用了全局平均池化：GC 用 W_k 打分、softmax 得到的注意力权重做加权求和。'),
            Mistake(_mul, '融合方式是广播相加 x + t（论文的默认），不是 x · sigmoid(t)。'),
        ),
        solution='eyJ0ZXh0IjogIuW8jyAz77yaYV9qID0gc29mdG1heF9qKFdfayB4X2op77yI5a+55YWo6YOoIEjCt1cg5Liq5L2N572u77yJ77yMY29udGV4dCA9IM6jX2ogYV9qIHhfau+8m+WPmOaNoiBXX3YyIFJlTFUoTE4oV192MSBjb250ZXh0KSnvvJvono3lkIjvvJrlub/mkq3liqDliLDmr4/kuKrkvY3nva7jgIIiLCAiY29kZSI6ICJjbGFzcyBNeUdDKG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiR0Mg5Z2X77yaMcOXMSDljbfnp6/miZPliIYgKyDlr7nlhajpg6ggSMK3VyDkuKrkvY3nva4gc29mdG1heCDihpIg5rOo5oSP5Yqb5rGg5YyWIOKGkiDnk7bpoojlj5jmjaIg4oaSIOW5v+aSreebuOWKoO+8iOiuuuaWh+W8jyAz77yJ44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY2hhbm5lbHMsIHJlZHVjdGlvbj0xNik6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBoaWRkZW4gPSBjaGFubmVscyAvLyByZWR1Y3Rpb25cbiAgICAgICAgc2VsZi5jb252X21hc2sgPSBubi5Db252MmQoY2hhbm5lbHMsIDEsIDEpICAgICAgICAgICAgICAgICAgICMgV19r77yaQyAtPiAxXG4gICAgICAgIHNlbGYudHJhbnNmb3JtID0gbm4uU2VxdWVudGlhbChubi5Db252MmQoY2hhbm5lbHMsIGhpZGRlbiwgMSksIG5uLkxheWVyTm9ybShbaGlkZGVuLCAxLCAxXSksXG4gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICBubi5SZUxVKCksIG5uLkNvbnYyZChoaWRkZW4sIGNoYW5uZWxzLCAxKSkgICAjIFdfdjHjgIFMTuOAgVJlTFXjgIFXX3YyXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgbiwgYywgaCwgdyA9IHguc2hhcGVcbiAgICAgICAgYSA9IHNlbGYuY29udl9tYXNrKHgpLnZpZXcobiwgMSwgaCAqIHcpLnNvZnRtYXgoZGltPS0xKSAgICAgICMgKE4sIDEsIEhXKe+8jOWvueWFqOmDqOS9jee9ruW9kuS4gOWMllxuICAgICAgICBjb250ZXh0ID0gKHgudmlldyhuLCBjLCBoICogdykgKiBhKS5zdW0oLTEpLnZpZXcobiwgYywgMSwgMSkgICMgzqNfaiBhX2ogeF9q77yaKE4sIEMsIDEsIDEpXG4gICAgICAgIHJldHVybiB4ICsgc2VsZi50cmFuc2Zvcm0oY29udGV4dCkgICAgICAgICAgICAgICAgICAgICAgICAgICAjIOW5v+aSreebuOWKoFxuIn0=',
    ),
}
