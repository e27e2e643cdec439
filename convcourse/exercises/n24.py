"""Exercises of notebook 24 (DANet: dual attention).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch

from ..check import Choice, Coding, Mistake, Predict


def _pam(m, x, dim=-1, transpose=True, gamma=True, swap=False):
    n, c, h, w = x.shape
    query = m.query_conv(x).flatten(2).transpose(1, 2)                # (N, HW, C/8)
    key = m.key_conv(x).flatten(2)                                    # (N, C/8, HW)
    if swap:
        query, key = m.key_conv(x).flatten(2).transpose(1, 2), m.query_conv(x).flatten(2)
    s = (query @ key).softmax(dim=dim)                                # (N, HW, HW)
    value = m.value_conv(x).flatten(2)                                # (N, C, HW)
    out = (value @ (s.transpose(1, 2) if transpose else s)).view(n, c, h, w)
    return (m.gamma * out if gamma else out) + x


def _softmax_dim1(m, x):
    return _pam(m, x, dim=1)


def _no_transpose(m, x):
    return _pam(m, x, transpose=False)


def _no_gamma(m, x):
    return _pam(m, x, gamma=False)


def _swapped(m, x):
    return _pam(m, x, swap=True)


EXERCISES = {
    "24.1": Choice(
        title='论文式 3 的 CAM：输入整体乘以 10，通道注意力会怎样',
        answer='IkIi',
        options='ABCD',
        hints=(
            'E = AAᵀ 对输入是几次的？输入乘 10，E 乘多少？',
            'softmax 对所有分数加同一个数不变，但对所有分数“乘”同一个大于 1 的数呢？比较 softmax([1, 2]) 与 softmax([100, 200])。',
        ),
        explain='IkUgPSBBQeG1gCDmmK/ovpPlhaXnmoTkuozmrKHlvI/vvJrovpPlhaXkuZggMTDvvIxFIOS5mCAxMDDvvIznm7jlvZPkuo7mioogc29mdG1heCDnmoTmuKnluqbpmY3liLAgMS8xMDDvvIzmr4/ooYzlh6DkuY7lj6rliankuIDkuKrpgJrpgZPjgIJDQU0g55qE5bCW6ZSQ56iL5bqm55Sx54m55b6B55qE5bmF5bqm5Yaz5a6a4oCU4oCU6Ieq5rOo5oSP5Yqb5bi46Zmk5LulIOKImmTvvIzlsLHmmK/kuLrkuobkuI3orqnngrnnp6/nmoTlpKflsI/lt6blj7Mgc29mdG1heOOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBC77yaRSDkuZggMTAw77yMc29mdG1heCgxMDDCt0UpIOavlCBzb2Z0bWF4KEUpIOWwlumUkOW+l+Wkmu+8jOavj+ihjOeahOadg+mHjeWHoOS5juWFqOmDqOe7meS6hiBFIOacgOWkp+eahOmCo+S4qumAmumBk+OAgnNvZnRtYXgg5Y+q5a+54oCc5Yqg5bi45pWw4oCd5LiN5Y+Y77yM5a+54oCc5LmY5bi45pWw4oCd5piv5Y+Y55qE44CCIn0=',
    ),
    "24.2": Choice(
        title='C 个通道完全相同时，CAM 的通道注意力',
        answer='IkIi',
        options='ABCD',
        hints=(
            '所有通道相同时，E = AAᵀ 的每个元素是多少？',
            '一行里 C 个相等的数做 softmax，结果是什么？（max − E 的写法也一样算一遍。）',
        ),
        explain='IumAmumBk+ebuOWQjCDihpIgRSDnmoTmr4/kuKrlhYPntKDpg73nrYnkuo7lkIzkuIDkuKog4oCWQeKAlsKy77yIbWF4IOKIkiBFIOWImeWFqOaYryAw77yJ77ya5Lik56eN5YaZ5rOV55qEIHNvZnRtYXgg6YO957uZ5q+P5Liq6YCa6YGTIDEvQ+OAguS6juaYryDOo19pIHhfamkgQV9pIOWwseaYr+mCo+W8oOWbvuacrOi6q++8jENBTSDnmoTovpPlh7rmmK8gKDEgKyDOsinCt3jjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBC77yaRSDnmoTmiYDmnInlhYPntKDnm7jnrYnvvIxzb2Z0bWF4IOe7meS4gOihjOmHjOeahOavj+S4qumAmumBkyAxL0PvvJvorrrmloflvI8gMyDkuI7lrpjmlrnku6PnoIHnmoQgbWF4IOKIkiBFIOWcqOi/memHjOayoeacieWMuuWIq+OAgiJ9',
    ),
    "24.3": Predict(
        title='预测：新建的 DualAttention 反向传播一次，几个参数张量得到非零梯度',
        answer='Mg==',
        hints=(
            'y = x + α·PAM(x) + β·CAM(x)，α = β = 0。PAM 里的卷积权重变一点，y 会变吗？',
            '∂y/∂W_query = α·∂PAM/∂W_query；∂y/∂α = PAM(x)，∂y/∂β = CAM(x)。',
        ),
        explain='Iue8qeaUvuezu+aVsOWIneWni+S4uiAwIOaXtu+8jOesrOS4gOatpeWPquaciSDOseOAgc6yIOacrOi6q+W+l+WIsOair+W6pu+8m+Wug+S7rOemu+W8gCAwIOS5i+WQju+8jFBBTSDph4znmoTljbfnp6/miY3lvIDlp4vlrabigJTigJTlnZfigJzlhYjmgZLnrYnjgIHlho3mhaLmhaLmiZPlvIDigJ3jgIIi',
        solution='eyJ0ZXh0IjogIjLvvJrlj6rmnIkgzrEg5ZKMIM6y44CC4oiCeS/iiILOsSA9IFBBTSh4KSDkuI4g4oiCeS/iiILOsiA9IENBTSh4KSDkuI3kuLogMO+8m3F1ZXJ544CBa2V544CBdmFsdWUg5LiJ5Liq5Y2356ev55qE5qKv5bqm6YO95LmY5LqGIM6xID0gMO+8jOaBsOWlveaYryAw44CCIn0=',
    ),
    "24.4": Coding(
        title='实现位置注意力模块（PAM）的 forward',
        hints=(
            '和 Non-local 同形：query、key 降到 C/8 做相似度，softmax，再用相似度对 value 加权求和，乘 α 后加回输入。',
            'S = softmax(query (N, HW, C/8) @ key (N, C/8, HW), 最后一维)；out = value (N, C, HW) @ Sᵀ；E = α·out + x（式 1–2）。',
        ),
        name='MyPAM',
        reference='convcourse.attention.danet:PositionAttentionModule',
        args=(16,),
        kwargs={'reduction': 4},
        inputs=((2, 16, 4, 5),),
        gate=False,
        mistakes=(
            Mistake(_softmax_dim1, 'softmax 的维度不对：S 的每一行（一个查询 j）要对全部被看的位置 i 归一化，沿最后一维。'),
            Mistake(_no_transpose, 'value @ S 少了转置：out_j = Σ_i s_ji D_i，value (N, C, HW) 要乘 Sᵀ。'),
            Mistake(_no_gamma, '少了缩放系数 α（self.gamma）：输出是 gamma · out + x。'),
            Mistake(_swapped, 'query 与 key 用反了：query 给输出位置 j（S 的行），key 给被看的位置 i（列）。'),
        ),
        solution='eyJ0ZXh0IjogIuW8jyAx4oCTMu+8mnNfamkgPSBzb2Z0bWF4X2koQl9qIMK3IENfaSnvvIxFX2ogPSDOsSDOo19pIHNfamkgRF9pICsgQV9q77yb5Luj56CB6YeMIHF1ZXJ5IOe7mei+k+WHuuS9jee9riBq44CBa2V5IOe7meiiq+eci+eahOS9jee9riBp44CBdmFsdWUg5pivIETvvIzOse+8iGdhbW1h77yJ5Yid5aeL5Li6IDDjgIIiLCAiY29kZSI6ICJjbGFzcyBNeVBBTShubi5Nb2R1bGUpOlxuICAgIFwiXCJcIuS9jee9ruazqOaEj+WKm+aooeWdl++8iFBBTe+8ie+8muWDj+e0oOWvueWDj+e0oOeahOiHquazqOaEj+WKm++8jEVfaiA9IM6xwrfOo19pIHNfamkgRF9pICsgQV9q77yI6K665paH5byPIDHigJMy77yJ44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY2hhbm5lbHMsIHJlZHVjdGlvbj04KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIHNlbGYucXVlcnlfY29udiA9IG5uLkNvbnYyZChjaGFubmVscywgY2hhbm5lbHMgLy8gcmVkdWN0aW9uLCAxKVxuICAgICAgICBzZWxmLmtleV9jb252ID0gbm4uQ29udjJkKGNoYW5uZWxzLCBjaGFubmVscyAvLyByZWR1Y3Rpb24sIDEpXG4gICAgICAgIHNlbGYudmFsdWVfY29udiA9IG5uLkNvbnYyZChjaGFubmVscywgY2hhbm5lbHMsIDEpXG4gICAgICAgIHNlbGYuZ2FtbWEgPSBubi5QYXJhbWV0ZXIodG9yY2guemVyb3MoMSkpICAgICAgICAgICAgICAgICAgICAjIM6x77yM5Yid5aeL5Li6IDBcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBuLCBjLCBoLCB3ID0geC5zaGFwZVxuICAgICAgICBxdWVyeSA9IHNlbGYucXVlcnlfY29udih4KS5mbGF0dGVuKDIpLnRyYW5zcG9zZSgxLCAyKSAgICAgICAgIyAoTiwgSFcsIEMvOClcbiAgICAgICAga2V5ID0gc2VsZi5rZXlfY29udih4KS5mbGF0dGVuKDIpICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgKE4sIEMvOCwgSFcpXG4gICAgICAgIHMgPSAocXVlcnkgQCBrZXkpLnNvZnRtYXgoZGltPS0xKSAgICAgICAgICAgICAgICAgICAgICAgICAgICAjIChOLCBIVywgSFcp77yM5q+P6KGM5ZKM5Li6IDFcbiAgICAgICAgdmFsdWUgPSBzZWxmLnZhbHVlX2NvbnYoeCkuZmxhdHRlbigyKSAgICAgICAgICAgICAgICAgICAgICAgICMgKE4sIEMsIEhXKVxuICAgICAgICBvdXQgPSAodmFsdWUgQCBzLnRyYW5zcG9zZSgxLCAyKSkudmlldyhuLCBjLCBoLCB3KSAgICAgICAgICAgIyBvdXRfaiA9IM6jX2kgc19qaSBEX2lcbiAgICAgICAgcmV0dXJuIHNlbGYuZ2FtbWEgKiBvdXQgKyB4XG4ifQ==',
    ),
}
