"""The course table: every notebook, the note section it explains, its week and time estimate.

One place for the syllabus: the README table, ``python -m convcourse syllabus`` and the tests that
check every notebook exists all read ``LESSONS``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    notebook: str      # file name in notebooks/
    title: str         # Chinese title as shown in the notebook's first heading
    source: str        # which note section it explains
    week: int
    minutes: int       # time estimate for a student working through it
    requires: tuple[str, ...] = ()   # notebooks to read first (by number)


WEEKS = {
    1: "基础：张量、卷积的代价、分组与深度可分离卷积",
    2: "经典骨干网络（上）",
    3: "经典骨干网络（下）",
    4: "轻量化网络（上）",
    5: "轻量化网络（下）：部分卷积与 SCConv",
    6: "基于卷积的注意力机制（讲义第六周）",
    7: "全局上下文注意力",
    8: "现代结构与密集预测",
    9: "综合对比",
}

LESSONS: tuple[Lesson, ...] = (
    Lesson("00_intro.ipynb", "导论：如何使用本课程", "全部讲义的总览", 1, 30),
    Lesson("01_group_conv.ipynb", "分组卷积（Group Convolution）", "004 §一 分组卷积", 1, 40, ("00",)),
    Lesson("02_depthwise_separable.ipynb", "深度可分离卷积（DWConv / DSC）", "001 §6", 1, 45, ("01",)),
    Lesson("03_vgg.ipynb", "VGGNet", "001 §12", 2, 40, ("00",)),
    Lesson("04_resnet.ipynb", "ResNet 残差网络", "001 §13", 2, 60, ("03",)),
    Lesson("05_inception.ipynb", "Inception 与 Inception-ResNet", "001 §14, 002 Inception 模块", 2, 60, ("04",)),
    Lesson("06_xception.ipynb", "Xception", "001 §15", 2, 40, ("02", "05")),
    Lesson("07_resnext.ipynb", "ResNeXt", "001 §17（讲义为空，本课补写）", 3, 45, ("01", "04")),
    Lesson("08_res2net.ipynb", "Res2Net", "001 §18（讲义为空，本课补写）", 3, 45, ("04",)),
    Lesson("09_densenet.ipynb", "DenseNet", "001 §19", 3, 50, ("04",)),
    Lesson("10_darknet53.ipynb", "Darknet-53", "001 §20", 3, 35, ("04",)),
    Lesson("11_fire_squeezenet.ipynb", "Fire 模块与 SqueezeNet", "001 §22", 4, 40, ("00",)),
    Lesson("12_inverted_residual.ipynb", "倒置残差（Inverted Residual）与 MobileNetV2", "001 §23", 4, 50, ("02", "04")),
    Lesson("13_shufflenet_v2.ipynb", "ShuffleNet V2 与通道混洗", "001 §16", 4, 50, ("01", "12")),
    Lesson("14_ghost.ipynb", "Ghost 模块与 GhostNet", "001 §24（讲义为空，本课补写）", 4, 40, ("02",)),
    Lesson("15_partial_conv.ipynb", "部分卷积（PConv）与 FasterNet", "001 §7", 5, 50, ("02",)),
    Lesson("16_scconv.ipynb", "SCConv：空间与通道重构卷积", "003 SCConv", 5, 50, ("01",)),
    Lesson("17_se.ipynb", "SENet：挤压与激励", "001 §1, 002 §1, 004 §二", 6, 50, ("04",)),
    Lesson("18_cbam.ipynb", "CBAM：通道 + 空间注意力", "001 §2, 002 §3, 004 §三", 6, 50, ("17",)),
    Lesson("19_eca.ipynb", "ECA：高效通道注意力", "001 §3", 6, 35, ("17",)),
    Lesson("20_scse.ipynb", "scSE：空间与通道挤压激励", "001 §4", 6, 35, ("17",)),
    Lesson("21_simam.ipynb", "SimAM：无参数注意力", "001 §5", 6, 40, ("17",)),
    Lesson("22_nonlocal.ipynb", "Non-local 非局部网络", "002 §2", 7, 50, ("17",)),
    Lesson("23_gcnet.ipynb", "GCNet：全局上下文模块", "001 §10", 7, 45, ("17", "22")),
    Lesson("24_danet.ipynb", "DANet：双重注意力网络", "002 §4", 7, 45, ("18", "22")),
    Lesson("25_efficientnetv2.ipynb", "EfficientNetV2", "001 §21（讲义为空，本课补写）", 8, 50, ("12", "17")),
    Lesson("26_parnet.ipynb", "ParNet 与结构重参数化", "001 §8", 8, 50, ("04", "17")),
    Lesson("27_aspp.ipynb", "ASPP 空洞空间金字塔池化（讲义误作 ASSP）", "001 §9", 8, 45, ("04",)),
    Lesson("28_unet.ipynb", "U-Net", "001 §11", 8, 50, ("04",)),
    Lesson("29_comparison.ipynb", "模块对比：参数、FLOPs 与真实速度", "综合", 9, 60, ("17", "18", "19", "20", "21")),
)


def syllabus_markdown() -> str:
    """The syllabus as a markdown table grouped by week (used by the README and the CLI)."""
    lines = []
    for week, theme in WEEKS.items():
        lines += [f"**第 {week} 周 · {theme}**", "",
                  "| 笔记本 | 主题 | 讲义章节 | 预计用时 | 先修 |", "|---|---|---|---|---|"]
        for l in (l for l in LESSONS if l.week == week):
            req = ", ".join(l.requires) or "—"
            lines.append(f"| `{l.notebook}` | {l.title} | {l.source} | {l.minutes} 分钟 | {req} |")
        lines.append("")
    return "\n".join(lines)
