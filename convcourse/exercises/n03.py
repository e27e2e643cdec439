"""Exercises of notebook 03 (VGG).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Coding, Predict, Value

EXERCISES = {
    "03.1": Value(
        title='两个 3×3 卷积代替一个 5×5 卷积（C = 64，无偏置）省下多少参数',
        answer='Mjg2NzI=',
        hints=(
            '分别算一个 5×5 卷积和两个 3×3 卷积的参数量，输入输出都是 C 个通道。',
            '差 = 25·C² − 2·9·C² = 7·C²。',
        ),
        solution='eyJ0ZXh0IjogIjI1wrc2NMKyIOKIkiAxOMK3NjTCsiA9IDfCtzQwOTYgPSAyODY3MuOAgiJ9',
    ),
    "03.2": Value(
        title='conv3 → conv3 → maxpool2 → conv3 的感受野边长',
        answer='MTA=',
        hints=(
            '每一层把感受野扩大 (k − 1) 乘以它之前所有层步长的乘积。',
            'r_l = r_{l−1} + (k_l − 1)·∏_{i<l} s_i，从 r_0 = 1 开始。',
        ),
        solution='eyJ0ZXh0IjogIjEg4oaSIDMg4oaSIDUg4oaSIOaxoOWMlu+8iGs9Miwgcz0y77yJ77yaNSArIDEgPSA277yM5LmL5ZCO5q2l6ZW/56ev5Li6IDIg4oaSIOacgOWQjuS4gOS4qiAzw5cz77yaNiArIDLCtzIgPSAxMOOAgiJ9',
    ),
    "03.3": Choice(
        title='VGG 为什么用小的 3×3 卷积堆叠？',
        answer='IkQi',
        options='ABCD',
        hints=(
            '比较“一个大核”和“几个小核堆叠”的感受野、参数量和非线性层数。',
            '三个 3×3 的感受野等于一个 7×7，参数 27C² < 49C²，还多了两个 ReLU。',
        ),
        explain='IuWghuWPoOeahOWwj+WNt+enr+aguOS7peabtOWwkeeahOWPguaVsOW+l+WIsOebuOWQjOeahOaEn+WPl+mHju+8jOS4remXtOi/mOWkmuS6humdnue6v+aAp++8iOiuuuaWhyBTZWMuIDIuM++8ieOAgiI=',
        solution='eyJ0ZXh0IjogIumAiSBE77yaQeOAgULjgIFDIOWQhOivtOWvueS6huS4gOmDqOWIhu+8jOWQiOWcqOS4gOi1t+aJjeaYr+iuuuaWhyBTZWMuIDIuMyDnmoTnkIbnlLHjgIIifQ==',
    ),
    "03.4": Predict(
        title='预测 VGG-11 卷积部分在 64×64 输入上的输出形状',
        answer='WzEsIDUxMiwgMiwgMl0=',
        hints=(
            '卷积都是 same padding，不改变 H、W；数一数有几个 2×2 最大池化。',
            '5 次池化：H_out = H / 2⁵，通道数是最后一个卷积的 512。',
        ),
        solution='eyJ0ZXh0IjogIjY0IC8gMzIgPSAy77yM5omA5Lul6L6T5Ye6ICgxLCA1MTIsIDIsIDIp44CCIn0=',
    ),
    "03.5": Coding(
        title='按配置表搭出 VGG 的卷积部分',
        hints=(
            '记住“当前通道数”：每个卷积的输入通道是上一个卷积的输出通道。',
            'conv 项：nn.Conv2d(c, out, k, padding=k // 2) + nn.ReLU()，c = out；maxpool 项：nn.MaxPool2d(2, 2)。',
        ),
        name='MyVGGFeatures',
        reference='convcourse.nets.vgg:make_layers',
        args=('A',),
        inputs=((1, 3, 32, 32),),
        atol=1e-06,
        solution='eyJ0ZXh0IjogIlZHRyDnmoTljbfnp6/pg6jliIblsLHmmK/kuIDlvKDooajvvJrmr4/kuKrljbfnp68gc2FtZSBwYWRkaW5nIOS4jeaUueWwuuWvuO+8jOavj+S4quaxoOWMluaKiuWwuuWvuOWHj+WNiu+8m+mAkOmhueWxleW8gOWNs+WPr+OAgiIsICJjb2RlIjogImZyb20gY29udmNvdXJzZS5uZXRzLnZnZyBpbXBvcnQgQ09ORklHU1xuXG5cbmNsYXNzIE15VkdHRmVhdHVyZXMobm4uTW9kdWxlKTpcbiAgICBcIlwiXCJWR0cg55qE5Y2356ev6YOo5YiG77ya5oyJ6YWN572u6KGo6YCQ6aG55pCt5bGC44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgY29uZmlnPVwiQVwiLCBpbl9jaGFubmVscz0zKTpcbiAgICAgICAgc3VwZXIoKS5fX2luaXRfXygpXG4gICAgICAgIGxheWVycyA9IFtdXG4gICAgICAgIGMgPSBpbl9jaGFubmVsc1xuICAgICAgICBmb3IgZW50cnkgaW4gQ09ORklHU1tjb25maWddOlxuICAgICAgICAgICAgaWYgZW50cnkgPT0gXCJtYXhwb29sXCI6XG4gICAgICAgICAgICAgICAgbGF5ZXJzLmFwcGVuZChubi5NYXhQb29sMmQoMiwgMikpXG4gICAgICAgICAgICBlbHNlOlxuICAgICAgICAgICAgICAgIGtpbmQsIF8sIG91dCA9IGVudHJ5LnBhcnRpdGlvbihcIi1cIikgICAgICAgICAgICAgICMgXCJjb252My02NFwiIC0+IFwiY29udjNcIiwgXCI2NFwiXG4gICAgICAgICAgICAgICAgaywgb3V0ID0gaW50KGtpbmRbNDpdKSwgaW50KG91dClcbiAgICAgICAgICAgICAgICBsYXllcnMgKz0gW25uLkNvbnYyZChjLCBvdXQsIGtlcm5lbF9zaXplPWssIHBhZGRpbmc9ayAvLyAyKSwgbm4uUmVMVSgpXVxuICAgICAgICAgICAgICAgIGMgPSBvdXRcbiAgICAgICAgc2VsZi5sYXllcnMgPSBubi5TZXF1ZW50aWFsKCpsYXllcnMpXG5cbiAgICBkZWYgZm9yd2FyZChzZWxmLCB4KTpcbiAgICAgICAgcmV0dXJuIHNlbGYubGF5ZXJzKHgpXG4ifQ==',
    ),
}
