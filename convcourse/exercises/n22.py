"""Exercises of notebook 22 (Non-local).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import math

import torch

from ..check import Choice, Coding, Mistake, Predict


def _nonlocal(m, x, dim=-1, softmax=True, scale=1.0, swap=False, transpose=True, bn=True):
    n, _, h, w = x.shape
    theta = m.theta(x).flatten(2).transpose(1, 2)                     # (N, HW, C')
    phi = m.phi(x).flatten(2)                                         # (N, C', HW)
    if swap:
        theta, phi = m.phi(x).flatten(2).transpose(1, 2), m.theta(x).flatten(2)
    f = theta @ phi * scale
    a = f.softmax(dim=dim) if softmax else f
    y = a @ m.g(x).flatten(2).transpose(1, 2)                         # (N, HW, C')
    y = y.transpose(1, 2).reshape(n, -1, h, w) if transpose else y.reshape(n, -1, h, w)
    return (m.W_z(y) if bn else m.W_z[0](y)) + x


def _softmax_over_queries(m, x):
    return _nonlocal(m, x, dim=1)


def _no_softmax(m, x):
    return _nonlocal(m, x, softmax=False)


def _scaled(m, x):
    return _nonlocal(m, x, scale=1 / math.sqrt(m.inter_channels))


def _swapped(m, x):
    return _nonlocal(m, x, swap=True)


def _no_transpose(m, x):
    return _nonlocal(m, x, transpose=False)


def _no_bn(m, x):
    return _nonlocal(m, x, bn=False)


EXERCISES = {
    "22.1": Choice(
        title='高斯版 Non-local 里，每个查询给自己的权重一定最大',
        answer='ZmFsc2U=',
        hints=(
            '比较 x_iᵀx_i 与 x_iᵀx_j：点积只看两个向量的方向吗？',
            'x_iᵀx_j = ‖x_i‖·‖x_j‖·cos θ。如果 x_j 与 x_i 方向相同、但更长呢？',
        ),
        explain='IueCueenr+ebuOS8vOW6puS4jeaYr+i3neemu++8muS4jiB4X2kg5ZCM5ZCR44CB5L2G5qih5pu05aSn55qEIHhfaiDlvpfliIbmm7Tpq5jvvIzmiYDku6XigJzoh6rlt7HigJ3mnKrlv4XmnIDlg4/oh6rlt7HvvJvltYzlhaXpq5jmlq/niYjph4wgzrgg4omgIM+G77yM5pu05rKh5pyJ6L+Z5Liq5L+d6K+B44CCIg==',
        solution='eyJ0ZXh0IjogIkZhbHNl77yaeF9p4bWAeF9qIOWPr+S7peWkp+S6jiB4X2nhtYB4X2nvvIzkvovlpoIgeF9qID0gMnhfaSDml7bmmK/lroPnmoTkuKTlgI3vvJtzb2Z0bWF4IOS/neaMgeWkp+Wwj+mhuuW6j++8jOmCo+S4gOihjOacgOWkp+eahOadg+mHjeWwseiQveWcqCBqIOS4iuOAgiJ9',
    ),
    "22.2": Predict(
        title='预测：打乱输入的位置，Non-local 的输出是否只是跟着打乱',
        answer='dHJ1ZQ==',
        hints=(
            'Non-local 块里有哪些运算？1×1 卷积看不看邻居？对全部位置求加权和，在乎位置的先后吗？',
            '1×1 卷积逐位置作用；softmax(θᵀφ) 的行和列按同一个顺序换位，乘上同样换位的 g，结果呢？',
        ),
        explain='Ik5vbi1sb2NhbO+8iOS4jeS4i+mHh+agt++8ieWvueS9jee9rueahOS7u+aEj+e9ruaNouetieWPmO+8muWug+S4jeefpemBk+KAnOiwgeWcqOiwgeaXgei+ueKAne+8jOi/meS5n+aYryBUcmFuc2Zvcm1lciDopoHliqDkvY3nva7nvJbnoIHnmoTljp/lm6DjgIIi',
        solution='eyJ0ZXh0IjogIlRydWXvvJoxw5cxIOWNt+enr+mAkOS9jee9ruS9nOeUqO+8jOS6suWSjOefqemYteeahOihjOOAgeWIl+i3n+edgOWQjOS4gOS4que9ruaNouaNouS9je+8jOWvueWFqOmDqCBqIOeahOWKoOadg+WSjOS4juasoeW6j+aXoOWFs++8jOaJgOS7pei+k+WHuuWPquaYr+aMieWQjOagt+eahOmhuuW6j+aJk+S5seOAgjPDlzMg5Y2356ev5LiN5piv6L+Z5qC377ybc3ViX3NhbXBsZT1UcnVlIOeahCAyw5cyIOacgOWkp+axoOWMluS5n+S8muaJk+egtOi/meS4gOeCue+8iOWug+aKiuebuOmCu+eahOS9jee9ruWQiOWcqOS4gOi1t++8ieOAgiJ9',
    ),
    "22.3": Choice(
        title='softmax 写成 dim=1（沿查询）会怎样？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '(N, HW, HW) 的第 1 维和第 2 维各代表什么？θ 和 φ 是两个不同的卷积，θᵀφ 对称吗？',
            'softmax 沿哪一维，哪一维的和就是 1；y_i = Σ_j a_ij g_j 要的是固定 i 的一行和为 1。',
        ),
        explain='IuS4pOenjeWGmeazleW9oueKtuebuOWQjOOAgemDveiDvei/kOihjO+8jOS9hiBkaW09MSDlvZLkuIDljJbnmoTmmK/liJfvvJrmr4/kuKrooqvnnIvnmoTkvY3nva7liIbnu5nmiYDmnInmn6Xor6LnmoTmnYPph43lkozkuLogMe+8jOafpeivoiBpIOeahOS4gOihjOS4jeWGjeWSjOS4uiAx77yMeV9pIOS4jeWGjeaYryBnIOeahOWKoOadg+W5s+Wdh++8iOW5heW6pumaj+S9jee9rua8guenu++8ieOAgs64IOKJoCDPhiDml7bkurLlkoznn6npmLXkuZ/kuI3lr7nnp7DjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBD77ya5b2i54q25LiN5Y+Y5omA5Lul5LiN5oql6ZSZ77yb5rK/IGRpbT0xIOW9kuS4gOWMluWQju+8jOavj+S4gOWIl++8iOS4gOS4quiiq+eci+eahOS9jee9riBq77yJ5ZKM5Li6IDHvvIzmr4/kuIDooYzvvIjmn6Xor6Igae+8ieeahOWSjOS4jeWGjeaYryAx44CCIn0=',
    ),
    "22.4": Coding(
        title='实现嵌入高斯版 Non-local 的 forward',
        hints=(
            '按讲义的步骤：三个 1×1 卷积、展平、θ 转置后乘 φ、softmax、乘 g、变回 4 维、W_z、加上输入。',
            'f = θᵀφ：(N, HW, C′) @ (N, C′, HW)；y = softmax(f, 最后一维) @ g，g 为 (N, HW, C′)；z = W_z(y 转置并变回 (N, C′, H, W)) + x（Eq. 1、3、6）。',
        ),
        name='MyNonLocal',
        reference='convcourse.attention.nonlocal_:NonLocalBlock',
        args=(8,),
        inputs=((2, 8, 4, 5),),
        gate=False,
        mistakes=(
            Mistake(_softmax_over_queries, 'softmax 的维度不对：要沿被看的位置 j（亲和矩阵 (N, HW, HW) 的最后一维）归一化，每个查询的一行和为 1。'),
            Mistake(_no_softmax, 'θᵀφ 之后少了 softmax（嵌入高斯版的归一化 1/C(x)）。'),
            Mistake(_scaled, '多除了 √C′：论文的嵌入高斯版不缩放（那是官方代码的 use_scale）。'),
            Mistake(_swapped, 'θ 与 φ 用反了：θ 给查询 i（亲和矩阵的行），φ 给被看的位置 j（列）。'),
            Mistake(_no_transpose, 'y 的形状是 (N, HW, C′)：变回 (N, C′, H, W) 之前要先转置，直接 reshape 会把位置和通道搅在一起。'),
            Mistake(_no_bn, 'W_z 后面的 BN 也要用上：self.W_z(y) 是 1×1 卷积 + BN。'),
        ),
        solution='eyJ0ZXh0IjogIkVxLiAx44CBM+OAgTbvvJrOuOOAgc+G44CBZyDlkITmmK8gQyDihpIgQy8yIOeahCAxw5cxIOWNt+enr++8m2YgPSBzb2Z0bWF4X2oozrgoeF9pKeG1gM+GKHhfaikp77yMeV9pID0gzqNfaiBmX2lqIGcoeF9qKe+8m3ogPSBXX3ogeSArIHjvvIxXX3ogPSAxw5cxIOWNt+enryArIEJO44CCIiwgImNvZGUiOiAiY2xhc3MgTXlOb25Mb2NhbChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIuW1jOWFpemrmOaWr+eJiCBOb24tbG9jYWzvvIjkuI3kuIvph4fmoLfvvInvvJp6ID0gV196KHNvZnRtYXgozrjhtYDPhikgZykgKyB477yI6K665paHIEVxLiAx44CBM+OAgTbvvInjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscyk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBpbnRlciA9IGNoYW5uZWxzIC8vIDJcbiAgICAgICAgc2VsZi50aGV0YSA9IG5uLkNvbnYyZChjaGFubmVscywgaW50ZXIsIDEpXG4gICAgICAgIHNlbGYucGhpID0gbm4uQ29udjJkKGNoYW5uZWxzLCBpbnRlciwgMSlcbiAgICAgICAgc2VsZi5nID0gbm4uQ29udjJkKGNoYW5uZWxzLCBpbnRlciwgMSlcbiAgICAgICAgc2VsZi5XX3ogPSBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChpbnRlciwgY2hhbm5lbHMsIDEpLCBubi5CYXRjaE5vcm0yZChjaGFubmVscykpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgbiwgXywgaCwgdyA9IHguc2hhcGVcbiAgICAgICAgdGhldGEgPSBzZWxmLnRoZXRhKHgpLmZsYXR0ZW4oMikudHJhbnNwb3NlKDEsIDIpICAgICAgICAgICAgICMgKE4sIEhXLCBDJylcbiAgICAgICAgcGhpID0gc2VsZi5waGkoeCkuZmxhdHRlbigyKSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgKE4sIEMnLCBIVylcbiAgICAgICAgZyA9IHNlbGYuZyh4KS5mbGF0dGVuKDIpLnRyYW5zcG9zZSgxLCAyKSAgICAgICAgICAgICAgICAgICAgICMgKE4sIEhXLCBDJylcbiAgICAgICAgYXR0ZW50aW9uID0gKHRoZXRhIEAgcGhpKS5zb2Z0bWF4KGRpbT0tMSkgICAgICAgICAgICAgICAgICAgICMgKE4sIEhXLCBIVynvvIzmsr8gaiDlvZLkuIDljJZcbiAgICAgICAgeSA9IChhdHRlbnRpb24gQCBnKS50cmFuc3Bvc2UoMSwgMikucmVzaGFwZShuLCAtMSwgaCwgdykgICAgICMgKE4sIEMnLCBILCBXKVxuICAgICAgICByZXR1cm4gc2VsZi5XX3ooeSkgKyB4ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIyBFcS4gNu+8muaui+W3rlxuIn0=',
    ),
}
