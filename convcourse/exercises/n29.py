"""Exercises of notebook 29 (comparing the modules: parameters, MACs, memory, latency).

Answers, explanations and worked solutions are stored encoded (``convcourse.check.encode``).
"""
from ..check import Choice, Predict, Value

EXERCISES = {
    "29.1": Predict(
        title='预测：Non-local 的乘加次数在 28×28 上是 56×56 上的几分之几',
        answer='MC4wNjk4NTI5NDExNzY0NzA1OQ==',
        rel_tol=0.15,
        hints=(
            'Non-local 的乘加有两部分：1×1 卷积（随像素数 HW 线性增长）与 (HW)×(HW) 的注意力矩阵乘（随 HW 平方增长）。哪部分占大头？',
            '边长减半，HW 变为 1/4，(HW)² 变为 1/16；在 56×56 上平方项约占 96%。',
        ),
        solution='eyJ0ZXh0IjogIuW5s+aWuemhuSA2NMK3KEhXKcKyIOWNoOWkp+WktO+8mjU2w5c1NiDml7YgNjI5IE0gLyA2NTUgTe+8m+i+uemVv+WHj+WNiuWQjue6puS4uiAxLzE277yM5YaN5Yqg5LiK5Y+q57yp5bCPIDQg5YCN55qE57q/5oCn6aG577yM5a6e5rWLIDQ1Ljc2IE0gLyA2NTUuMTAgTSDiiYggMC4wNzDvvIjnuqYgMS8xNO+8ieOAgiJ9',
    ),
    "29.2": Choice(
        title='某模块未校正的 95% 区间不含 0，但 Holm 校正后 p = 0.2：结论是什么？',
        answer='IkMi',
        options='ABCD',
        hints=(
            '这一课同时比较了几个模块？每个比较都有 5% 的机会碰巧“显著”。',
            '判定只看校正后的 p：p_holm ≥ 0.05 时判“未检出差异”。',
        ),
        explain='IuWQjOaXtuWBmiA4IOS4quavlOi+g++8jOWNleS4quacquagoeato+eahOWMuumXtOeisOW3p+S4jeWQqyAwIOW5tuS4jeWwkeinge+8m0hvbG0g5qCh5q2j5ZCOIHAgPSAwLjLvvIzlj6rog73or7TlnKjov5nkuKrnsr7luqbkuIvliIbovqjkuI3lh7rlt67lvILjgIIi',
        solution='eyJ0ZXh0IjogIumAiSBD44CCQeOAgUIg5oqK5pyq5qCh5q2j55qE5Yy66Ze05b2T5oiQ5LqG57uT6K6677ybRCDmiorigJzliKTkuI3lh7rigJ3or7vmiJDkuobigJzmsqHmnInlt67liKvigJ3jgIIifQ==',
    ),
    "29.3": Choice(
        title='6 个种子的实验判“未检出差异”，说明这个模块对准确率没有影响',
        answer='ZmFsc2U=',
        hints=(
            '置信区间有多宽？区间里除了 0 还有哪些值？',
            '判不出差异 ≠ 没有差异：种子少，区间宽，几个百分点的真实差别也可能落在区间里。',
        ),
        explain='IuKAnOacquajgOWHuuW3ruW8guKAneWPquivtOaYjuWcqOi/meS4queyvuW6puS4i+WIhui+qOS4jeWHuu+8m+WMuumXtOmHjOi/mOWMheWQq+S4jeWwj+eahOato+i0n+W3ruWIq++8jOimgeS4i+e7k+iuuuWwseW+l+WKoOenjeWtkOOAgeaKiuWMuumXtOWPmOeqhOOAgiI=',
        solution='eyJ0ZXh0IjogIkZhbHNl44CC6L+Z5LiA6K++55qEIEdDIOS4jiBTReOAgUNCQU3jgIFFQ0Eg55qE5Yy66Ze05a6956qE5beu5b6I5aSa77yM5q2j6K+05piO5ZCM5qC35Yik4oCc5pyq5qOA5Ye65beu5byC4oCd77yM57K+5bqm5Y+v5Lul5b6I5LiN5LiA5qC344CCIn0=',
    ),
    "29.4": Value(
        title='112×112 特征图上 Non-local 的 (HW)×(HW) 相似度矩阵（float32）占多少 MiB',
        answer='NjAwLjI1',
        rel_tol=0.01,
        hints=(
            '边长翻倍，像素数变为几倍？这个矩阵呢？',
            '(H·W)² 个数 × 4 字节 ÷ 2²⁰。',
        ),
        solution='eyJ0ZXh0IjogIkhXID0gMTI1NDTvvIwxMjU0NMKyIMOXIDQgLyAywrLigbAgPSA2MDAuMjUgTWlC77yaNTbDlzU2IOaXtueahCAxNiDlgI3jgIJiYXRjaCDkuLogMeOAgeWPqueci+S4gOS4quefqemYteWwseW3sui2hei/h+WNiuS4qiBHaULjgIIifQ==',
    ),
}
