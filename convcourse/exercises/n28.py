"""Exercises of notebook 28 (U-Net).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch
import torch.nn.functional as F

from ..check import Choice, Coding, Mistake, Predict

def _unet(m, x, centre=True, skip_first=True):
    """A variant of the reference U-Net's forward (planted mistakes)."""
    skips = []
    for block in m.down:
        x = block(x)
        skips.append(x)
        x = m.pool(x)
    x = m.bottom(x)
    for up, conv, skip in zip(m.up, m.up_convs, reversed(skips)):
        x = up(x)
        h, w = x.shape[-2:]
        top, left = ((skip.shape[-2] - h) // 2, (skip.shape[-1] - w) // 2) if centre else (0, 0)
        skip = skip[..., top:top + h, left:left + w]
        x = conv(torch.cat([skip, x] if skip_first else [x, skip], 1))
    return m.head(x)


EXERCISES = {
    "28.1": Choice(
        title='U-Net 的跳连为什么用拼接，而不像 ResNet 那样相加？',
        answer='IkIi',
        options='ABCD',
        hints=(
            '相加之后，还分得清哪些信息来自编码器、哪些来自解码器吗？后面的卷积能做什么选择？',
            '拼接保留两路各自的通道，由后面的两次 3×3 卷积学习怎样组合；相加把同一位置、同一编号的通道强行合在一起。',
        ),
        explain='IuaLvOaOpeS/neeVmee8lueggeWZqOeahOe7huiKguS4juino+eggeWZqOeahOivreS5ieS4pOe7hOmAmumBk++8jOeUseS5i+WQjueahOWNt+enr+WtpuS5oOWmguS9lee7hOWQiO+8m+ebuOWKoOimgeaxgumAmumBk+S4gOS4gOWvueW6lOOAgeW5tuaKiuS4pOi3r+S/oeaBr+WcqOi/m+WFpeWNt+enr+S5i+WJjeWwsea3t+WcqOS4gOi1t+OAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBC44CCQSDplJnvvJrmi7zmjqXorqnlkI7pnaLljbfnp6/nmoTovpPlhaXpgJrpgZPnv7vlgI3vvIzlj4LmlbDmm7TlpJrvvJtDIOmUme+8muebuOWKoOWQjOagt+WPr+S7peWPjeWQkeS8oOaSre+8iFJlc05ldCDlsLHmmK/vvInvvJtEIOmUme+8muaLvOaOpeWPquWinuWKoOmAmumBk++8jOS4jeaUueWPmCBI44CBV+OAgiJ9',
    ),
    "28.2": Predict(
        title='预测：原始 U-Net 把输入平移 1 个像素，输出是否恰好平移 1 个像素',
        answer='ZmFsc2U=',
        hints=(
            '卷积本身是平移等变的。网络里还有什么层会看“从哪里开始数”？',
            '四次 2×2 最大池化都按固定的网格把像素两两分组：平移 1 个像素会换一种分组方式；只有平移 2⁴ = 16 的倍数才不改变分组。',
        ),
        solution='eyJ0ZXh0IjogIkZhbHNl77yaMsOXMiAvIOatpemVvyAyIOeahOaxoOWMluWPquWvueWBtuaVsOW5s+enu+etieWPmO+8jOWbm+e6p+S5i+WQjuWPquWvuSAxNiDnmoTlgI3mlbDnrYnlj5jvvIjmiYDku6Xlj6/nlKjnmoTovpPlhaXovrnplb/kuZ/mmK/mr4/pmpQgMTYg5LiA5Liq77yJ44CC5bmz56e7IDEg5Liq5YOP57Sg5pe277yM5ZCM5LiA5Liq5L2N572u55qE6L6T5Ye65Lya5pS55Y+Y44CCIn0=',
    ),
    "28.3": Choice(
        title='padding=True、输入边长是 16 的倍数时，跳连的中心裁剪什么也不做',
        answer='dHJ1ZQ==',
        hints=(
            '加了 padding 之后，两次 3×3 卷积还改变边长吗？上采样之后与同级的跳连比较大小。',
            '同尺寸版本：每级的边长只被池化减半、被上卷积加倍；边长是 16 的倍数时每次池化都整除。',
        ),
        explain='IuWNt+enr+S4jeWGjee8qeWwj+eJueW+geWbvuOAgeavj+asoeaxoOWMlumDveaVtOmZpO+8jOS4iuWNt+enr+aBsOWlvei/mOWOn+WQjOe6p+eahOi+uemVv++8muS4pOi+ueS4gOagt+Wkp++8jOijgeWJquWwseaYr+WOn+agt+i/lOWbnuOAgiI=',
        solution='eyJ0ZXh0IjogIlRydWXjgILlj6rmnInljp/lp4vnmoQgdmFsaWQg54mI5pys5omN6ZyA6KaB6KOB5Ymq77ya6YKj6YeM5bem6L655q+U5Y+z6L655aSn77yI5L6L5aaCIDY0IOWvuSA1Nu+8ieOAgiJ9',
    ),
    "28.4": Coding(
        title='实现 U-Net 的 forward（下采样、底部、上采样的裁剪与拼接）',
        hints=(
            '下采样时先卷积、存下跳连、再池化；上采样时先上卷积，再把同级的跳连裁成同样大小拼在前面，然后卷积。',
            'top = (skip 的高 − x 的高) // 2，left 同理；x = conv(torch.cat([skip[..., top:top + h, left:left + w], x], dim=1))；最后 head(x)',
        ),
        name='MyUNet',
        reference='convcourse.nets.unet:UNet',
        kwargs={'base_width': 4},
        inputs=((1, 1, 204, 204),),
        mistakes=(
            Mistake(lambda m, x: _unet(m, x, centre=False),
                    '跳连没有取中心：要裁剪中心部分（上下左右各去掉一半的差），不是左上角。'),
            Mistake(lambda m, x: _unet(m, x, skip_first=False),
                    '拼接的顺序反了：跳连的特征在前，上采样的结果在后。'),
            Mistake(lambda m, x: _unet(m, x, centre=False, skip_first=False),
                    '两处不对：跳连要裁剪中心部分（不是左上角），而且拼接时跳连的特征在前。'),
        ),
        solution='eyJ0ZXh0IjogIuaUtue8qei3r+W+hOavj+e6p++8muS4pOasoSAzw5cz77yI5peg5aGr5YWF77yJ4oaSIOWtmOS4i+i3s+i/niDihpIgMsOXMiDmsaDljJbvvJvlupXpg6jkuKTmrKEgM8OXM++8m+aJqeW8oOi3r+W+hOavj+e6p++8mjLDlzIg5LiK5Y2356evIOKGkiDmiorlkIznuqfot7Pov57nmoTkuK3lv4Poo4HmiJDlkIzmoLflpKflsI8g4oaSIHRvcmNoLmNhdChbc2tpcCwgeF0sIDEpIOKGkiDkuKTmrKEgM8OXM++8m+acgOWQjiAxw5cxIOWNt+enr+OAgiIsICJjb2RlIjogImNsYXNzIE15VU5ldChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIuWOn+WniyBVLU5ldO+8iOS4jeWhq+WFheeahCAzw5czIOWNt+enr++8ie+8mjQg57qn5LiL6YeH5qC344CB5bqV6YOo44CBNCDnuqfkuIrph4fmoLfvvIjot7Pov57oo4HliarkuK3lv4PlkI7mi7zmjqXvvInvvIzmnIDlkI4gMcOXMSDljbfnp6/jgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBpbl9jaGFubmVscz0xLCBudW1fY2xhc3Nlcz0yLCBiYXNlX3dpZHRoPTY0KTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG5cbiAgICAgICAgZGVmIGRvdWJsZV9jb252KGNpbiwgY291dCk6ICAgICMg5Lik5qyh5LiN5aGr5YWF55qEIDPDlzMg5Y2356ev77yI5bim5YGP572u77yJKyBSZUxV77ya6L656ZW/5YePIDRcbiAgICAgICAgICAgIHJldHVybiBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChjaW4sIGNvdXQsIDMpLCBubi5SZUxVKCksIG5uLkNvbnYyZChjb3V0LCBjb3V0LCAzKSwgbm4uUmVMVSgpKVxuXG4gICAgICAgIHdpZHRocyA9IFtiYXNlX3dpZHRoICogMiAqKiBpIGZvciBpIGluIHJhbmdlKDUpXSAgICAgICAgICAgICAgICAgICAgICAjIDY0LCAxMjgsIDI1NiwgNTEyLCAxMDI0XG4gICAgICAgIHNlbGYuZG93biA9IG5uLk1vZHVsZUxpc3QoZG91YmxlX2NvbnYoYywgdykgZm9yIGMsIHcgaW4gemlwKFtpbl9jaGFubmVsc10gKyB3aWR0aHNbOjNdLCB3aWR0aHNbOjRdKSlcbiAgICAgICAgc2VsZi5wb29sID0gbm4uTWF4UG9vbDJkKDIpXG4gICAgICAgIHNlbGYuYm90dG9tID0gZG91YmxlX2NvbnYod2lkdGhzWzNdLCB3aWR0aHNbNF0pXG4gICAgICAgIHNlbGYudXAgPSBubi5Nb2R1bGVMaXN0KG5uLkNvbnZUcmFuc3Bvc2UyZCgyICogdywgdywgMiwgc3RyaWRlPTIpIGZvciB3IGluIHJldmVyc2VkKHdpZHRoc1s6NF0pKVxuICAgICAgICBzZWxmLnVwX2NvbnZzID0gbm4uTW9kdWxlTGlzdChkb3VibGVfY29udigyICogdywgdykgZm9yIHcgaW4gcmV2ZXJzZWQod2lkdGhzWzo0XSkpXG4gICAgICAgIHNlbGYuaGVhZCA9IG5uLkNvbnYyZCh3aWR0aHNbMF0sIG51bV9jbGFzc2VzLCAxKVxuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIHNraXBzID0gW11cbiAgICAgICAgZm9yIGJsb2NrIGluIHNlbGYuZG93bjogICAgICAgICAgICAgICAgICAgICAgICAgICMg5pS257yp6Lev5b6E77ya5Lik5qyh5Y2356ev77yM5a2Y5LiL6Lez6L+e77yM5YaN5rGg5YyWXG4gICAgICAgICAgICB4ID0gYmxvY2soeClcbiAgICAgICAgICAgIHNraXBzLmFwcGVuZCh4KVxuICAgICAgICAgICAgeCA9IHNlbGYucG9vbCh4KVxuICAgICAgICB4ID0gc2VsZi5ib3R0b20oeClcbiAgICAgICAgZm9yIHVwLCBjb252LCBza2lwIGluIHppcChzZWxmLnVwLCBzZWxmLnVwX2NvbnZzLCByZXZlcnNlZChza2lwcykpOlxuICAgICAgICAgICAgeCA9IHVwKHgpICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIyDlsLrlr7jliqDlgI3jgIHpgJrpgZPlh4/ljYpcbiAgICAgICAgICAgIGgsIHcgPSB4LnNoYXBlWy0yOl1cbiAgICAgICAgICAgIHRvcCwgbGVmdCA9IChza2lwLnNoYXBlWy0yXSAtIGgpIC8vIDIsIChza2lwLnNoYXBlWy0xXSAtIHcpIC8vIDJcbiAgICAgICAgICAgIHNraXAgPSBza2lwWy4uLiwgdG9wOnRvcCArIGgsIGxlZnQ6bGVmdCArIHddICAgICMg6KOB5Ymq5Lit5b+DXG4gICAgICAgICAgICB4ID0gY29udih0b3JjaC5jYXQoW3NraXAsIHhdLCBkaW09MSkpICAgICAgICAgICAjIOi3s+i/nuWcqOWJje+8jOS4iumHh+agt+eahOe7k+aenOWcqOWQjlxuICAgICAgICByZXR1cm4gc2VsZi5oZWFkKHgpXG4ifQ==',
    ),
}
