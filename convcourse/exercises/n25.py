"""Exercises of notebook 25 (EfficientNetV2: MBConv and Fused-MBConv).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch
import torch.nn.functional as F

from ..check import Choice, Coding, Mistake, Predict, Value

def _mbconv(m, x, act=F.silu, se_act=F.silu, gate=torch.sigmoid, pool="mean", se=True, last=None):
    """A variant of the reference MBConv's forward (planted mistakes)."""
    expand, dw, se_block, project = m.block
    out = act(expand[1](expand[0](x)))
    out = act(dw[1](dw[0](out)))
    if se:
        z = out.mean((2, 3), keepdim=True) if pool == "mean" else out.amax((2, 3), keepdim=True)
        out = out * gate(se_block.fc2(se_act(se_block.fc1(z))))
    out = project[1](project[0](out))
    if last is not None:
        out = last(out)
    return out + x


EXERCISES = {
    "25.1": Choice(
        title='为什么 V2 只在前三个阶段用 Fused-MBConv？',
        answer='IkIi',
        options='ABCD',
        hints=(
            'Fused-MBConv 多出来的乘加与通道数是什么关系？浅层和深层的通道数、分辨率各是什么样？',
            '融合卷积的乘加 ∝ 9·C·eC，而 1×1 + 深度卷积 ∝ C·eC + 9·eC：C 小时差得不多，C 大时差近 9 倍；深度卷积在高分辨率上受访存所限。',
        ),
        explain='Iua1heWxgumAmumBk+WwkeOAgeWIhui+qOeOh+mrmO+8muiejeWQiOWNt+enr+WkmuWHuueahOS5mOWKoOaciemZkO+8jOWNtOecgeaOieS6huiuv+WtmOmHjeOAgemavuS7peeUqOa7oeehrOS7tueahOa3seW6puWNt+enr++8jOWunumZheabtOW/q++8m+a3seWxgumAmumBk+Wkmu+8jOiejeWQiOWNt+enr+eahOS5mOWKoOmajyBDwrIg5aKe6ZW/77yM5b6X5LiN5YG/5aSx77yI6K665paH6KGoIDPvvInjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBC44CCQSDplJnvvJpGdXNlZC1NQkNvbnYg5Y+v5Lul5q2l6ZW/IDLvvIhWMi1TIOesrCAy44CBMyDpmLbmrrXnmoTnrKzkuIDkuKrlnZflsLHmmK/vvInvvJtDIOmUme+8muW9oueKtuS4jeWPmOaXtuWug+WQjOagt+acieaui+W3ru+8m0Qg6ZSZ77yaM8OXMyDljbfnp6/lnKggMTLDlzEyIOeahOeJueW+geWbvuS4iueFp+agt+iDveeUqOOAgiJ9',
    ),
    "25.2": Value(
        title='MBConv(160, 256, expand_ratio=6) 的 SE 中间层有几个通道',
        answer='NDA=',
        hints=(
            'SE 作用在扩张后的通道上，但它的瓶颈宽度按哪个通道数算？',
            'EfficientNet 的官方代码：瓶颈 = 块的输入通道数 × se_ratio（0.25），不是扩张后的 e·C_in。',
        ),
        solution='eyJ0ZXh0IjogIjE2MCDDlyAwLjI1ID0gNDDjgIJTRSDnmoTovpPlhaXovpPlh7rmmK/mianlvKDlkI7nmoQgOTYwIOS4qumAmumBk++8jOS4remXtOWPquaciSA0MCDkuKrvvIjkuI3mmK8gOTYwLzQgPSAyNDDvvInjgIIifQ==',
    ),
    "25.3": Predict(
        title='预测：C = 64、扩张 4 倍时 Fused-MBConv 与 MBConv 的乘加之比',
        answer='NC42NzExODQ5MjU4OTU1ODM1',
        rel_tol=0.02,
        hints=(
            '按每个输出像素数乘加：MBConv 有 1×1 扩张、3×3 深度卷积、1×1 投影三项；Fused-MBConv 只有 3×3 融合卷积和 1×1 投影。',
            '(9·C·eC + eC·C) / (C·eC + 9·eC + eC·C)：e 约掉后是 10C / (2C + 9)；SE 只在 1×1 的特征上算，几乎不计。',
        ),
        solution='eyJ0ZXh0IjogIuavj+WDj+e0oO+8mk1CQ29udiA2NMK3MjU2ICsgOcK3MjU2ICsgMjU2wrc2NCA9IDM1MDcy77yMRnVzZWQtTUJDb252IDnCtzY0wrcyNTYgKyAyNTbCtzY0ID0gMTYzODQw77yM5q+U5YC8IDEwQy8oMkMrOSkgPSA2NDAvMTM3IOKJiCA0LjY377yI5a6e5rWL5ZCrIFNFIOeahCA4MTkyIOasoe+8jDQuNjcx77yJ44CCQyDotorlpKfvvIzmr5TlgLzotormjqXov5EgNe+8m0MgPSAyNCDml7blj6rmnInnuqYgNC4xIOWAje+8jOiAjOmCo+mHjOeahCBGdXNlZC1NQkNvbnYg5Y+N6ICM5pu05b+r44CCIn0=',
    ),
    "25.4": Coding(
        title='实现 MBConv 的 forward',
        hints=(
            '顺序是扩张 → 深度卷积 → SE → 投影 → 捷径；EfficientNet 里所有激活都是 SiLU，投影之后不加激活。',
            'out = silu(bn1(expand(x)))；out = silu(bn2(dw(out)))；out = out * sigmoid(se_expand(silu(se_reduce(mean(out)))))；out = bn3(project(out))；use_res_connect 时 out + x',
        ),
        name='MyMBConv',
        reference='convcourse.blocks.mbconv:MBConv',
        args=(8, 8),
        inputs=((2, 8, 6, 6),),
        mistakes=(
            Mistake(lambda m, x: _mbconv(m, x, act=F.relu, se_act=F.relu),
                    '激活函数应当是 SiLU（Swish），不是 ReLU。'),
            Mistake(lambda m, x: _mbconv(m, x, act=F.relu6, se_act=F.relu6),
                    '激活函数应当是 SiLU（Swish），不是 ReLU6（那是 MobileNetV2）。'),
            Mistake(lambda m, x: _mbconv(m, x, act=F.relu),
                    '主路径的激活函数应当是 SiLU（Swish），不是 ReLU。'),
            Mistake(lambda m, x: _mbconv(m, x, se_act=F.relu),
                    'SE 两层之间的激活在 EfficientNet 里也是 SiLU，不是 ReLU。'),
            Mistake(lambda m, x: _mbconv(m, x, gate=lambda t: t),
                    'SE 的通道权重少了 sigmoid：权重应当先压到 (0, 1) 再乘回去。'),
            Mistake(lambda m, x: _mbconv(m, x, se=False),
                    '少了 SE：深度卷积之后、投影之前，要乘上 SE 算出的通道权重。'),
            Mistake(lambda m, x: _mbconv(m, x, pool="max"),
                    'SE 的挤压用全局平均池化，不是最大池化。'),
            Mistake(lambda m, x: _mbconv(m, x, last=F.silu),
                    '投影层之后多了激活：投影是线性瓶颈，BN 之后直接与输入相加。'),
        ),
        solution='eyJ0ZXh0IjogIuaMieiuuuaWh+WbviAyIOW3pu+8mjHDlzEg5omp5byg77yIQk7jgIFTaUxV77yJ4oaSIDPDlzMg5rex5bqm5Y2356ev77yIQk7jgIFTaUxV77yJ4oaSIFNF77yI5bmz5Z2H5rGg5YyW44CBU2lMVeOAgXNpZ21vaWTvvIzkuZjlm57vvInihpIgMcOXMSDnur/mgKfmipXlvbHvvIhCTu+8jOaXoOa/gOa0u++8ie+8m+i+k+WFpei+k+WHuuW9oueKtuebuOWQjOaXtuWKoOS4iui+k+WFpeOAgiIsICJjb2RlIjogImNsYXNzIE15TUJDb252KG5uLk1vZHVsZSk6XG4gICAgXCJcIlwiTUJDb25277yaMcOXMSDmianlvKDvvIhCTuOAgVNpTFXvvInihpIgM8OXMyDmt7Hluqbljbfnp6/vvIhCTuOAgVNpTFXvvInihpIgU0XvvIjmjKTljovlrr3luqYgPSDovpPlhaXpgJrpgZPnmoQgMS8077yJ4oaSIDHDlzEg57q/5oCn5oqV5b2x77yIQk7vvInvvJtcbiAgICDlvaLnirbkuI3lj5jml7bliqDkuIrovpPlhaXjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBpbl9jaGFubmVscywgb3V0X2NoYW5uZWxzLCBleHBhbmRfcmF0aW89NCk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBoaWRkZW4sIHNxdWVlemUgPSBpbl9jaGFubmVscyAqIGV4cGFuZF9yYXRpbywgaW5fY2hhbm5lbHMgLy8gNFxuICAgICAgICBzZWxmLnVzZV9yZXNfY29ubmVjdCA9IGluX2NoYW5uZWxzID09IG91dF9jaGFubmVsc1xuICAgICAgICBzZWxmLmV4cGFuZCA9IG5uLkNvbnYyZChpbl9jaGFubmVscywgaGlkZGVuLCAxLCBiaWFzPUZhbHNlKVxuICAgICAgICBzZWxmLmJuMSA9IG5uLkJhdGNoTm9ybTJkKGhpZGRlbiwgZXBzPTFlLTMpXG4gICAgICAgIHNlbGYuZHcgPSBubi5Db252MmQoaGlkZGVuLCBoaWRkZW4sIDMsIHBhZGRpbmc9MSwgZ3JvdXBzPWhpZGRlbiwgYmlhcz1GYWxzZSlcbiAgICAgICAgc2VsZi5ibjIgPSBubi5CYXRjaE5vcm0yZChoaWRkZW4sIGVwcz0xZS0zKVxuICAgICAgICBzZWxmLnNlX3JlZHVjZSA9IG5uLkNvbnYyZChoaWRkZW4sIHNxdWVlemUsIDEpICAgICAgICAgICMgU0Ug55qE5Lik5bGCIDHDlzHvvIjluKblgY/nva7vvIlcbiAgICAgICAgc2VsZi5zZV9leHBhbmQgPSBubi5Db252MmQoc3F1ZWV6ZSwgaGlkZGVuLCAxKVxuICAgICAgICBzZWxmLnByb2plY3QgPSBubi5Db252MmQoaGlkZGVuLCBvdXRfY2hhbm5lbHMsIDEsIGJpYXM9RmFsc2UpXG4gICAgICAgIHNlbGYuYm4zID0gbm4uQmF0Y2hOb3JtMmQob3V0X2NoYW5uZWxzLCBlcHM9MWUtMylcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBvdXQgPSBGLnNpbHUoc2VsZi5ibjEoc2VsZi5leHBhbmQoeCkpKSAgICAgICAgICAgICAgICAgICMgMcOXMSDmianlvKBcbiAgICAgICAgb3V0ID0gRi5zaWx1KHNlbGYuYm4yKHNlbGYuZHcob3V0KSkpICAgICAgICAgICAgICAgICAgICAjIDPDlzMg5rex5bqm5Y2356evXG4gICAgICAgIHMgPSBvdXQubWVhbihkaW09KDIsIDMpLCBrZWVwZGltPVRydWUpICAgICAgICAgICAgICAgICAgIyBTRe+8muaMpOWOiyAoTiwgaGlkZGVuLCAxLCAxKVxuICAgICAgICBvdXQgPSBvdXQgKiB0b3JjaC5zaWdtb2lkKHNlbGYuc2VfZXhwYW5kKEYuc2lsdShzZWxmLnNlX3JlZHVjZShzKSkpKVxuICAgICAgICBvdXQgPSBzZWxmLmJuMyhzZWxmLnByb2plY3Qob3V0KSkgICAgICAgICAgICAgICAgICAgICAgICMg57q/5oCn5oqV5b2x77ya5LiN5Yqg5r+A5rS7XG4gICAgICAgIHJldHVybiBvdXQgKyB4IGlmIHNlbGYudXNlX3Jlc19jb25uZWN0IGVsc2Ugb3V0XG4ifQ==',
    ),
}
