"""Exercises of notebook 27 (ASPP and DeepLabV3).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
import torch
import torch.nn.functional as F

from ..check import Choice, Coding, Mistake, Predict, Value

def _aspp(m, x, order=None, pool="mean"):
    """A variant of the reference ASPP's forward (planted mistakes)."""
    outs = [branch(x) for branch in m.convs[:-1]]
    z = x.mean((2, 3), keepdim=True) if pool == "mean" else x.amax((2, 3), keepdim=True)
    outs.append(m.convs[-1][1](z).expand(-1, -1, *x.shape[-2:]))
    if order is not None:
        outs = [outs[i] for i in order]
    return m.project(torch.cat(outs, 1))


EXERCISES = {
    "27.1": Choice(
        title='输出步长从 16 改为 8 时，为什么空洞率要加倍（6/12/18 → 12/24/36）？',
        answer='IkEi',
        options='ABCD',
        hints=(
            '输出步长 8 的特征图比输出步长 16 的大几倍？同一个空洞率在原图上覆盖多大？',
            '特征图的一个像素在原图上对应 8 个（而不是 16 个）像素：空洞率不变，看到的原图范围就减半。',
        ),
        explain='Iui+k+WHuuatpemVv+WHj+WNiu+8jOeJueW+geWbvuS4iuS4gOS4quWDj+e0oOWvueW6lOeahOWOn+WbvuiMg+WbtOWHj+WNiu+8m+epuua0nueOh+WKoOWAje+8jDPDlzMg5qC45Zyo5Y6f5Zu+5LiK6KaG55uW55qE6IyD5Zu077yI6KeG6YeO77yJ5omN5LiO6K6t57uD5pe255u45ZCM44CCIg==',
        solution='eyJ0ZXh0IjogIumAiSBB44CCQiDplJnvvJrnqbrmtJ7njofkuI3mlLnlj5jlj4LmlbDph4/vvJtDIOmUme+8mnBhZGRpbmcgPSByIOaXtuS7u+S9leepuua0nueOh+mDveS/neaMgeWwuuWvuO+8m0Qg6ZSZ77ya56m65rSe546H5LiOIEJOIOaXoOWFs+OAgiJ9',
    ),
    "27.2": Predict(
        title='预测：33×33 特征图、空洞率 18，正中心像素的 9 个采样点有几个落在图内',
        answer='MQ==',
        rel_tol=1e-09,
        hints=(
            '正中心像素的下标是 16。采样点在每个方向上的偏移是 −18、0、+18。',
            '一个方向上落在图内的采样点数 × 另一个方向上的；下标要在 0 到 32 之间。',
        ),
        solution='eyJ0ZXh0IjogIjE2IOKIkiAxOCA9IOKIkjIg5LiOIDE2ICsgMTggPSAzNCDpg73lnKjlm77lpJbvvIzmr4/kuKrmlrnlkJHlj6rlianlgY/np7sgMO+8mjEgw5cgMSA9IDHjgILov57mraPkuK3lv4Ppg73lj6rliakgMSDkuKrmnInmlYjph4fmoLfngrnvvIzov5nkuKogM8OXMyDnqbrmtJ7ljbfnp6/lnKjpgqPph4zlsLHmmK/kuIDkuKogMcOXMSDljbfnp6/vvIjorrrmloflm74gNO+8ie+8jOWbvuWDj+e6p+axoOWMluWIhuaUr+WboOatpOiAjOadpeOAgiJ9',
    ),
    "27.3": Value(
        title='空洞率取 (6, 12, 18, 24) 时，ASPP 拼接后（融合之前）有多少个通道',
        answer='MTUzNg==',
        hints=(
            '数一数分支：除了每个空洞率一个 3×3 分支，还有哪两个分支？',
            '分支数 = 1（1×1）+ 空洞率的个数 + 1（图像级池化），每个分支 256 个通道。',
        ),
        solution='eyJ0ZXh0IjogIjEgKyA0ICsgMSA9IDYg5Liq5YiG5pSv77yMNiDDlyAyNTYgPSAxNTM2IOS4qumAmumBk++8m+iejeWQiOeahCAxw5cxIOWNt+enr+WGjeaKiuWug+mZjeWIsCAyNTbjgIIifQ==',
    ),
    "27.4": Coding(
        title='实现 ASPP 的 forward',
        hints=(
            '五个分支都作用在同一个 x 上；图像级分支先全局平均池化，过 1×1，再上采样回 x 的 H×W。',
            'outs = [b(x) for b in branches] + [interpolate(pool_conv(x.mean((2, 3), keepdim=True)), size=x.shape[-2:], mode="bilinear")]；return project(torch.cat(outs, dim=1))',
        ),
        name='MyASPP',
        reference='convcourse.nets.aspp:ASPP',
        args=(8,),
        kwargs={'atrous_rates': (1, 2, 3), 'out_channels': 4},
        inputs=((2, 8, 7, 7),),
        mistakes=(
            Mistake(lambda m, x: _aspp(m, x, order=[4, 0, 1, 2, 3]),
                    '拼接的顺序不对：按 1×1、各空洞分支（空洞率从小到大）、图像级池化的顺序拼接，融合层的权重就是按这个顺序排的。'),
            Mistake(lambda m, x: _aspp(m, x, order=[4, 3, 2, 1, 0]),
                    '拼接的顺序不对：按 1×1、各空洞分支（空洞率从小到大）、图像级池化的顺序拼接，融合层的权重就是按这个顺序排的。'),
            Mistake(lambda m, x: _aspp(m, x, order=[0, 3, 2, 1, 4]),
                    '空洞分支的顺序反了：按空洞率从小到大拼接。'),
            Mistake(lambda m, x: _aspp(m, x, pool="max"),
                    '图像级分支用全局平均池化，不是最大池化。'),
        ),
        solution='eyJ0ZXh0IjogIuS6lOS4quWIhuaUr+W5tuihjOS9nOeUqOWcqOWQjOS4gOW8oOeJueW+geWbvuS4iu+8mjHDlzHjgIHlkITkuKogM8OXMyDnqbrmtJ7ljbfnp6/vvIhwYWRkaW5nID0gcu+8jOWwuuWvuOS4jeWPmO+8ieOAgeWFqOWxgOW5s+Wdh+axoOWMliDihpIgMcOXMSDihpIg5Y+M57q/5oCn5LiK6YeH5qC35ZueIEjDl1fvvJvmjInov5nkuKrpobrluo/lnKjpgJrpgZPnu7Tmi7zmjqXvvIzlho3nlKggMcOXMSDljbfnp68tQk4tUmVMVSDono3lkIjvvIhEcm9wb3V0IOWcqCBldmFsIOaooeW8j+S4i+S4jei1t+S9nOeUqO+8ieOAgiIsICJjb2RlIjogImNsYXNzIE15QVNQUChubi5Nb2R1bGUpOlxuICAgIFwiXCJcIkFTUFDvvJoxw5cxIOWIhuaUr+OAgeavj+S4quepuua0nueOh+S4gOS4qiAzw5czIOepuua0nuWIhuaUr+OAgeWbvuWDj+e6p+axoOWMluWIhuaUr++8iOWNt+enr+WQjumDveaciSBCTi1SZUxV77yJ77yM5ou85o6l5ZCO55SoIDHDlzEg6J6N5ZCI44CCXCJcIlwiXG5cbiAgICBkZWYgX19pbml0X18oc2VsZiwgaW5fY2hhbm5lbHMsIGF0cm91c19yYXRlcz0oNiwgMTIsIDE4KSwgb3V0X2NoYW5uZWxzPTI1Nik6XG4gICAgICAgIHN1cGVyKCkuX19pbml0X18oKVxuXG4gICAgICAgIGRlZiBjYnIoY2luLCBrPTEsIHI9MSk6ICAgICAgICAjIOWNt+enr++8iOaXoOWBj+e9ru+8iS1CTi1SZUxV77ybM8OXMyDnqbrmtJ7ljbfnp6/nlKggcGFkZGluZyA9IHLvvIxI44CBVyDkuI3lj5hcbiAgICAgICAgICAgIHJldHVybiBubi5TZXF1ZW50aWFsKG5uLkNvbnYyZChjaW4sIG91dF9jaGFubmVscywgaywgcGFkZGluZz1yICogKGsgLy8gMiksIGRpbGF0aW9uPXIsIGJpYXM9RmFsc2UpLFxuICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgbm4uQmF0Y2hOb3JtMmQob3V0X2NoYW5uZWxzKSwgbm4uUmVMVSgpKVxuXG4gICAgICAgIHNlbGYuYnJhbmNoZXMgPSBubi5Nb2R1bGVMaXN0KFtjYnIoaW5fY2hhbm5lbHMpXSArIFtjYnIoaW5fY2hhbm5lbHMsIDMsIHIpIGZvciByIGluIGF0cm91c19yYXRlc10pXG4gICAgICAgIHNlbGYucG9vbF9jb252ID0gY2JyKGluX2NoYW5uZWxzKSAgICAgICAgICAgICAgICAgICAgICAjIOWbvuWDj+e6p+WIhuaUr++8muWFqOWxgOW5s+Wdh+axoOWMluS5i+WQjueahCAxw5cxXG4gICAgICAgIHNlbGYucHJvamVjdCA9IGNicihvdXRfY2hhbm5lbHMgKiAobGVuKGF0cm91c19yYXRlcykgKyAyKSlcblxuICAgIGRlZiBmb3J3YXJkKHNlbGYsIHgpOlxuICAgICAgICBvdXRzID0gW2JyYW5jaCh4KSBmb3IgYnJhbmNoIGluIHNlbGYuYnJhbmNoZXNdICAgICAgICAgICAgICAgICAgICAgICAgICAgICMgMcOXMSDkuI7lkITkuKrnqbrmtJ7liIbmlK9cbiAgICAgICAgcG9vbGVkID0gc2VsZi5wb29sX2NvbnYoeC5tZWFuKGRpbT0oMiwgMyksIGtlZXBkaW09VHJ1ZSkpICAgICAgICAgICAgICAgICAjIChOLCBDX291dCwgMSwgMSlcbiAgICAgICAgb3V0cy5hcHBlbmQoRi5pbnRlcnBvbGF0ZShwb29sZWQsIHNpemU9eC5zaGFwZVstMjpdLCBtb2RlPVwiYmlsaW5lYXJcIiwgYWxpZ25fY29ybmVycz1GYWxzZSkpXG4gICAgICAgIHJldHVybiBzZWxmLnByb2plY3QodG9yY2guY2F0KG91dHMsIGRpbT0xKSkgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIyDmi7zmjqXlkI4gMcOXMSDono3lkIhcbiJ9',
    ),
}
