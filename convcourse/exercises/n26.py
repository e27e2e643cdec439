"""Exercises of notebook 26 (ParNet and structural re-parameterisation).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch
import torch.nn.functional as F

from ..check import Choice, Coding, Mistake, Predict, Value

def _fold(conv, bn, sqrt=True, mean=True, dim=0):
    """A variant of folding BN into a bias-free conv (planted mistakes)."""
    std = (bn.running_var + bn.eps).sqrt() if sqrt else bn.running_var + bn.eps
    scale = bn.weight / std
    bias = bn.bias - bn.running_mean * scale if mean else bn.bias
    return conv.weight * scale.reshape((-1, 1, 1, 1) if dim == 0 else (1, -1, 1, 1)), bias


def _rep(m, x, pad=(1, 1, 1, 1), fold_1x1=True, with_1x1=True, bias_1x1=True, **fold):
    """A variant of the re-parameterised ParNet block's forward (planted mistakes)."""
    w3, b3 = _fold(m.conv3x3[0], m.conv3x3[1], **fold)
    if fold_1x1:
        w1, b1 = _fold(m.conv1x1[0], m.conv1x1[1], **fold)
    else:
        w1, b1 = m.conv1x1[0].weight, torch.zeros_like(b3)
    w = w3 + F.pad(w1, list(pad)) if with_1x1 else w3
    b = b3 + b1 if with_1x1 and bias_1x1 else b3
    return F.silu(F.conv2d(x, w, b, padding=1) + m.sse(x))


EXERCISES = {
    "26.1": Value(
        title="折叠 BN 之后的偏置 b'",
        answer='LTAuNQ==',
        rel_tol=1e-06,
        hints=(
            '卷积没有偏置时，BN(Wx) 的常数项来自 β 和减去的均值 μ。',
            "b' = β − γ·μ / √(σ² + ε)。",
        ),
        solution='eyJ0ZXh0IjogIuKImigzLjk5ICsgMC4wMSkgPSAy77ybYicgPSAwLjUg4oiSIDLCtzEvMiA9IOKIkjAuNe+8iOaguOWImeS5mOS7pSDOsy/iiJooz4PCsivOtSkgPSAx77yJ44CCIn0=',
    ),
    "26.2": Choice(
        title='推理时两条分支等价于一个 3×3 卷积，为什么训练时还要用多分支？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '训练形态与推理形态能表示的函数集合一样吗？那差别在哪里？',
            'RepVGG 的论证：同一个函数，参数化方式不同，梯度下降走的路不同；多分支（含 BN）的参数化更好优化。',
        ),
        explain='IuS4pOenjeW9ouaAgeWcqCBldmFsIOaooeW8j+S4i+ihqOekuuWQjOS4gOexu+WHveaVsO+8jOW3ruWIq+WcqOS8mOWMlu+8muWkmuWIhuaUr++8iOWQhOiHquW4piBCTu+8ieeahOWPguaVsOWMluiuqeair+W6puS4i+mZjeabtOWuueaYk+iuree7g++8jOiuree7g+WujOWGjeaKmOWPoOaIkOWNlei3r++8jOaOqOeQhuaXtuWPquS7mOS4gOS4qiAzw5czIOWNt+enr+eahOS7o+S7t+OAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBD44CCQSDplJnvvJrorq3nu4PlvaLmgIHlj4LmlbDmm7TlpJrvvIhQYXJOZXRCbG9jayDnuqblpJogMTAl77yJ77ybQiDplJnvvJrkuKTogIXnmoTmhJ/lj5fph47pg73mmK8gM8OXM++8m0Qg6ZSZ77ya6K6t57uD5pe2IEJOIOeUqOW9k+WJjeaJueasoeeahOe7n+iuoemHj++8jOaBsOaBsOS4jeiDveaKmOWPoOOAgiJ9',
    ),
    "26.3": Choice(
        title='1×1 分支在 BN 之后加一个 ReLU，这个块仍能折叠成一个 3×3 卷积',
        answer='ZmFsc2U=',
        hints=(
            '折叠靠的是什么性质？两个卷积的输出相加，为什么等于一个卷积？',
            '只有线性（仿射）的分支才能合并：卷积、eval 模式的 BN、补零都是线性的，ReLU 不是。',
        ),
        explain='IuaKmOWPoOS+nei1luavj+adoeWIhuaUr+mDveaYr+S7v+WwhOWPmOaNou+8iOWNt+enr+OAgWV2YWwg5qih5byP55qEIEJO44CB6KGl6Zu277yJ77ybUmVMVSDmmK/pnZ7nur/mgKfnmoTvvIxSZUxVKEJOKGNvbnYxeDEoeCkpKSDkuI3og73lhpnmiJDkuIDkuKrlm7rlrprnmoTmoLjkuZggeO+8jOi/meadoeWIhuaUr+WwseWPquiDveS/neeVmeOAgiI=',
        solution='eyJ0ZXh0IjogIkZhbHNl44CC6L+Z5Lmf5pivIFBhck5ldCDmiormv4DmtLvvvIhTaUxV77yJ5pS+5Zyo5LiJ5pSv55u45Yqg5LmL5ZCO55qE5Y6f5Zug77ybU1NFIOeahOmXqOS+nei1lui+k+WFpe+8jOWQjOagt+S4jeiDveaKmOWPoOOAgiJ9',
    ),
    "26.4": Predict(
        title='预测：ParNetBlock(8) 的 3×3 核里有多少个数被 1×1 分支改变',
        answer='NjQ=',
        rel_tol=1e-09,
        hints=(
            '补零之后的 1×1 核在 3×3 核的哪些位置不为零？每一对（输出通道, 输入通道）各有几个？',
            '核的形状是 (8, 8, 3, 3)：每一对通道只有中心那一个数被加上 1×1 的权重。',
        ),
        solution='eyJ0ZXh0IjogIjjCtzggPSA2NO+8muaguOaciSA4wrc4wrc5ID0gNTc2IOS4quaVsO+8jOavj+Wvue+8iOi+k+WHuumAmumBkywg6L6T5YWl6YCa6YGT77yJ5Y+q5pyJ5Lit5b+D6KKr5pS55Y+Y77yM5YW25L2ZIDUxMiDkuKrkuI7mipjlj6DlkI7nmoQgM8OXMyDliIbmlK/nm7jlkIzjgIIifQ==',
    ),
    "26.5": Coding(
        title='实现 ParNet 块的重参数化：把两个 BN 和 1×1 折进一个 3×3 核',
        hints=(
            '每条分支先折叠：核乘以 γ/√(σ²+ε)（按输出通道），偏置是 β − γμ/√(σ²+ε)；再把 1×1 核补零成 3×3。',
            "scale = bn.weight / sqrt(bn.running_var + bn.eps)；W' = conv.weight * scale.reshape(-1, 1, 1, 1)；b' = bn.bias − bn.running_mean * scale；W = W3' + F.pad(W1', [1, 1, 1, 1])，b = b3' + b1'",
        ),
        name='MyRepParNet',
        reference='convcourse.blocks.parnet:ParNetBlock',
        args=(8,),
        inputs=((2, 8, 6, 6),),
        mistakes=(
            Mistake(lambda m, x: _rep(m, x, sqrt=False),
                    'BN 除以的是标准差 √(σ² + ε)，不是方差。'),
            Mistake(lambda m, x: _rep(m, x, mean=False),
                    '偏置少了 −γμ/√(σ² + ε) 这一项：BN 先减去均值 μ 再缩放。'),
            Mistake(lambda m, x: _rep(m, x, dim=1),
                    'γ/√(σ² + ε) 是按输出通道的：它要乘在核的第 0 维（输出通道），不是第 1 维。'),
            Mistake(lambda m, x: _rep(m, x, pad=(0, 2, 0, 2)),
                    '1×1 核要补零放在 3×3 核的中心（上下左右各补 1 个零），不是角上。'),
            Mistake(lambda m, x: _rep(m, x, pad=(2, 0, 2, 0)),
                    '1×1 核要补零放在 3×3 核的中心（上下左右各补 1 个零），不是角上。'),
            Mistake(lambda m, x: _rep(m, x, fold_1x1=False),
                    '1×1 分支的 BN 也要折进它的核和偏置。'),
            Mistake(lambda m, x: _rep(m, x, with_1x1=False),
                    '只折叠了 3×3 分支：1×1 分支（补零后）的核与偏置也要加进来。'),
            Mistake(lambda m, x: _rep(m, x, bias_1x1=False),
                    '核加对了，但偏置只用了 3×3 分支的：两条分支的偏置要相加。'),
        ),
        solution='eyJ0ZXh0IjogImV2YWwg5qih5byP5LiLIEJOKFd4KSA9ICjOsy/iiJooz4PCsivOtSkpwrdXIHggKyAozrIg4oiSIM6zzrwv4oiaKM+DwrIrzrUpKe+8muS4pOadoeWIhuaUr+WQhOaKmOWPoOS4gOasoe+8m+atpemVvyAx44CBcGFkZGluZyAxIOaXtiAxw5cxIOaguOetieS6juWPquacieS4reW/g+mdnumbtueahCAzw5czIOaguO+8jOS6juaYr+aguOS4juWBj+e9ruWIhuWIq+ebuOWKoOOAgiIsICJjb2RlIjogImZyb20gY29udmNvdXJzZS5ibG9ja3MucGFybmV0IGltcG9ydCBTU0VcblxuXG5jbGFzcyBNeVJlcFBhck5ldChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIuaOqOeQhuW9ouaAgeeahCBQYXJOZXQg5Z2X77ya5Lik5p2h5Y2356evLUJOIOWIhuaUr+aKmOWPoOaIkOS4gOS4quW4puWBj+e9rueahCAzw5czIOWNt+enr++8jOWKoOS4iiBTU0Ug5YiG5pSv77yM5YaN6L+HIFNpTFXjgIJcIlwiXCJcblxuICAgIGRlZiBfX2luaXRfXyhzZWxmLCBjaGFubmVscyk6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuICAgICAgICBzZWxmLmNvbnYzeDMgPSBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChjaGFubmVscywgY2hhbm5lbHMsIDMsIHBhZGRpbmc9MSwgYmlhcz1GYWxzZSksIG5uLkJhdGNoTm9ybTJkKGNoYW5uZWxzKSlcbiAgICAgICAgc2VsZi5jb252MXgxID0gbm4uU2VxdWVudGlhbChubi5Db252MmQoY2hhbm5lbHMsIGNoYW5uZWxzLCAxLCBiaWFzPUZhbHNlKSwgbm4uQmF0Y2hOb3JtMmQoY2hhbm5lbHMpKVxuICAgICAgICBzZWxmLnNzZSA9IFNTRShjaGFubmVscylcblxuICAgIGRlZiBmdXNlZF9rZXJuZWwoc2VsZik6XG4gICAgICAgIFwiXCJcIihXLCBiKe+8mjPDlzMg5Y2356ev55qE5qC4IChDLCBDLCAzLCAzKSDkuI7lgY/nva4gKEMsKe+8m2V2YWwg5qih5byP5LiL5a6D562J5LqO5Lik5p2h5Y2356evLUJOIOWIhuaUr+S5i+WSjOOAglwiXCJcIlxuICAgICAgICBrZXJuZWxzLCBiaWFzZXMgPSBbXSwgW11cbiAgICAgICAgZm9yIGNvbnYsIGJuIGluIChzZWxmLmNvbnYzeDMsIHNlbGYuY29udjF4MSk6XG4gICAgICAgICAgICBzY2FsZSA9IGJuLndlaWdodCAvIHRvcmNoLnNxcnQoYm4ucnVubmluZ192YXIgKyBibi5lcHMpICAgICAgICAjIM6zIC8g4oiaKM+DwrIgKyDOtSnvvIzmr4/kuKrovpPlh7rpgJrpgZPkuIDkuKpcbiAgICAgICAgICAgIGtlcm5lbHMuYXBwZW5kKGNvbnYud2VpZ2h0ICogc2NhbGUucmVzaGFwZSgtMSwgMSwgMSwgMSkpICAgICAgICMg5LmY5Zyo5qC455qE56ysIDAg57u077yI6L6T5Ye66YCa6YGT77yJXG4gICAgICAgICAgICBiaWFzZXMuYXBwZW5kKGJuLmJpYXMgLSBibi5ydW5uaW5nX21lYW4gKiBzY2FsZSkgICAgICAgICAgICAgICAjIM6yIOKIkiDOs868IC8g4oiaKM+DwrIgKyDOtSlcbiAgICAgICAgdzMsIHcxID0ga2VybmVsc1xuICAgICAgICByZXR1cm4gdzMgKyBGLnBhZCh3MSwgWzEsIDEsIDEsIDFdKSwgYmlhc2VzWzBdICsgYmlhc2VzWzFdICAgICAgICAgIyAxw5cxIOaguOihpembtuaUvuWcqOS4reW/g1xuXG4gICAgZGVmIGZvcndhcmQoc2VsZiwgeCk6XG4gICAgICAgIHcsIGIgPSBzZWxmLmZ1c2VkX2tlcm5lbCgpXG4gICAgICAgIHJldHVybiBGLnNpbHUoRi5jb252MmQoeCwgdywgYiwgcGFkZGluZz0xKSArIHNlbGYuc3NlKHgpKVxuIn0=',
    ),
}
