"""The course's block diagrams: one short spec per block, drawn by ``convcourse.viz.diagram``.

Each entry says which module to build (from the package), at which standard input to run it once, and
the block's structure as boxes, branches and merge nodes. Every arrow's shape label is measured by hooks
in that forward pass (on the meta device: shapes only, no memory, no arithmetic), so the pictures follow
the code. ``python -m convcourse diagrams`` writes them all to ``assets/diagrams/``;
``draw_diagram(name)`` shows one in a notebook.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path as _FsPath
from typing import Callable

import torch
from torch import nn

from .viz.diagram import Dots, Gap, Merge, Op, Par, Path, Shortcut, draw_spec, measure_taps, shape_labels
from ._checks import checked

ASSETS = _FsPath(__file__).resolve().parents[1] / "assets" / "diagrams"


@dataclass(frozen=True)
class Diagram:
    name: str                      # file name in assets/diagrams/ (without .png)
    lesson: str                    # notebook number
    title: str
    build: Callable[[], nn.Module]
    input: tuple[int, ...]         # the standard input (N, C, H, W)
    spec: list
    subtitle: str = ""


class GroupedConvPaths(nn.Module):
    """A grouped conv written out as what it computes: split the channels into g groups, one ordinary conv
    per group, concatenate. ``from_conv`` copies the weights of an ``nn.Conv2d(groups=g)``, and the two give
    the same output (tests/test_diagram.py). Shapes: (N, C_in, H, W) -> (N, C_out, H', W')."""

    @checked
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, groups: int = 4):
        super().__init__()
        if in_channels % groups or out_channels % groups:
            raise ValueError(f"groups={groups} must divide in_channels={in_channels} and out_channels={out_channels}")
        self.groups = groups
        self.convs = nn.ModuleList(nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size,
                                             padding=kernel_size // 2, bias=False) for _ in range(groups))

    @classmethod
    @torch.no_grad()
    def from_conv(cls, conv: nn.Conv2d) -> "GroupedConvPaths":
        g = conv.groups
        paths = cls(conv.in_channels, conv.out_channels, conv.kernel_size[0], g).to(conv.weight.device,
                                                                                 conv.weight.dtype)
        for conv_i, w in zip(paths.convs, conv.weight.chunk(g, dim=0)):   # group i owns output rows i
            conv_i.weight.copy_(w)
        return paths

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        xs = x.chunk(self.groups, dim=1)                                  # g x (N, C_in / g, H, W)
        return torch.cat([conv(xi) for conv, xi in zip(self.convs, xs)], dim=1)   # (N, C_out, H', W')


# ------------------------------------------------------------------------------------- builders (lazy)

def _conv_arithmetic():
    return nn.Sequential(OrderedDict([
        ("conv_a", nn.Conv2d(3, 16, 3, stride=1, padding=1)),
        ("conv_b", nn.Conv2d(16, 32, 3, stride=2, padding=1)),
        ("conv_c", nn.Conv2d(32, 32, 5, stride=1, padding=0)),
        ("pool", nn.MaxPool2d(2, 2))]))


def _dws():
    from .blocks.separable import DepthwiseSeparableConv

    return DepthwiseSeparableConv(32, 64)


def _vgg_stage3():
    from .nets.vgg import make_layers

    return make_layers("D")[10:17]


def _basic():
    from .blocks.residual import BasicBlock

    return BasicBlock(64, 64)


def _bottleneck():
    from .blocks.residual import Bottleneck, projection_shortcut

    return Bottleneck(256, 128, stride=2, downsample=projection_shortcut(256, 512, 2))


def _inception_3a():
    from .nets.inception import googlenet_block

    return googlenet_block("3a")


def _ir_a():
    from .nets.inception import InceptionResNetA

    return InceptionResNetA(320)


def _xception_entry():
    from .nets.xception import XceptionBlock

    return XceptionBlock(128, 256, reps=2, stride=2)


def _resnext(form):
    def build():
        from .blocks.residual import Bottleneck
        from .nets.resnext import EarlyConcat, SplitTransformMerge

        if form == "c":
            return Bottleneck(256, 64, groups=32, base_width=4)
        return (SplitTransformMerge if form == "a" else EarlyConcat)(256, 64, groups=32, base_width=4)
    return build


def _res2net():
    from .nets.res2net import Bottle2neck

    return Bottle2neck(256, 64, base_width=26, scale=4)


def _dense():
    from .nets.densenet import DenseBlock, Transition

    return nn.Sequential(OrderedDict([("block", DenseBlock(3, 64, growth_rate=32)),
                                      ("transition", Transition(160, 80))]))


def _darknet():
    from .nets.darknet import ResidualUnit

    return ResidualUnit(256)


def _fire():
    from .blocks.fire import Fire

    return Fire(96, 16, 64, 64)


def _inverted():
    from .blocks.inverted_residual import InvertedResidual

    return InvertedResidual(24, 24, 1, 6)


def _shuffle(stride):
    def build():
        from .blocks.shuffle import ShuffleV2Block

        return ShuffleV2Block(116, 116 if stride == 1 else 232, stride)
    return build


def _ghost():
    from .blocks.ghost import GhostModule

    return GhostModule(64, 128)


def _pconv():
    from .blocks.pconv import PConv

    return PConv(64)


def _fasternet():
    from .blocks.pconv import FasterNetBlock

    return FasterNetBlock(64)


def _sru():
    from .blocks.scconv import SRU

    return SRU(64)


def _cru():
    from .blocks.scconv import CRU

    return CRU(64)


def _att(module, cls, *args, **kw):
    def build():
        import importlib

        return getattr(importlib.import_module(f".attention.{module}", __package__), cls)(*args, **kw)
    return build


def _mbconv():
    from .blocks.mbconv import MBConv

    return MBConv(128, 128, expand_ratio=4, se_ratio=0.25)


def _fused():
    from .blocks.mbconv import FusedMBConv

    return FusedMBConv(48, 48, expand_ratio=4)


def _parnet(fused):
    def build():
        from .blocks.parnet import ParNetBlock

        block = ParNetBlock(192).eval()
        if fused:
            block.reparameterize()
        return block
    return build


def _aspp():
    from .nets.aspp import ASPP

    return ASPP(2048, (6, 12, 18))


def _unet():
    from .nets.unet import UNet

    return UNet(in_channels=1, num_classes=2)


# --------------------------------------------------------------------------------------------- specs

def _residual(*main, merge_tap, title="捷径（恒等）", shortcut=(), note=""):
    """main path + shortcut -> add."""
    return Par(Path(*main), Shortcut(*shortcut, title=title), merge=Merge("add", merge_tap, note))


def _gate(*branch, merge_tap, title="x"):
    """x * attention(x): the attention branch on the axis, x itself on the side."""
    return Par(Path(*branch), Shortcut(title=title), merge=Merge("mul", merge_tap))


def _resnext_front(i, end):
    return Path(Op(f"路径 {i + 1}：1×1 卷积 → 4\nBN + ReLU", f"bn1.{i}"),
                Op("3×3 卷积 4 → 4\nBN + ReLU", f"bn2.{i}"), *end(i))


def _unet_level(level: int, inner: list) -> list:
    """One level of the expansive path around ``inner`` (levels 0..3 from the top)."""
    return [Par(Path(*inner), Shortcut(Op("中心裁剪", f"@__getitem__#{3 - level}", kind="op"),
                                       title=f"第 {level + 1} 层跳连"),
                merge=Merge("cat", f"up_convs.{3 - level}:in"), anchor=0)]


def _unet_spec() -> list:
    inner = [Op("2×2 最大池化\n两次 3×3 卷积 → 1024", "bottom"), Op("2×2 上卷积 → 512", "up.0")]
    for level in (3, 2, 1):
        inner = [Op(f"2×2 最大池化\n两次 3×3 卷积 → {64 * 2 ** level}", f"down.{level}"),
                 *_unet_level(level, inner),
                 Op(f"两次 3×3 卷积 → {64 * 2 ** level}\n2×2 上卷积 → {32 * 2 ** level}", f"up.{4 - level}")]
    return [Op("两次 3×3 卷积 → 64", "down.0"), *_unet_level(0, inner),
            Op("两次 3×3 卷积 → 64\n1×1 卷积 → 2 类", "out")]


def _se_branch(prefix=""):
    return [Op("全局平均池化（挤压）", f"{prefix}avg_pool", kind="pool"),
            Op("1×1 卷积 C → C/r\nReLU", f"{prefix}activation", kind="fc"),
            Op("1×1 卷积 C/r → C", f"{prefix}fc2", kind="fc"),
            Op("Sigmoid（激励）", f"{prefix}gate", kind="gate")]


def _sse_spec(prefix):
    return [Op("BN", f"{prefix}bn", kind="norm"),
            _gate(Op("全局平均池化", f"{prefix}pool", kind="pool"), Op("1×1 卷积 C → C", f"{prefix}fc", kind="fc"),
                  Op("Sigmoid", f"{prefix}gate", kind="gate"), merge_tap=prefix.rstrip("."), title="")]


DIAGRAMS: tuple[Diagram, ...] = (
    Diagram("00_conv_arithmetic", "00", "卷积的尺寸算术", _conv_arithmetic, (1, 3, 32, 32), [
        Op("3×3 卷积，16 个核\nstride 1, padding 1", "conv_a"),
        Op("3×3 卷积，32 个核\nstride 2, padding 1", "conv_b"),
        Op("5×5 卷积，32 个核\nstride 1, padding 0", "conv_c"),
        Op("2×2 最大池化, stride 2", "pool", kind="pool")],
        "H_out = ⌊(H + 2p − k) / s⌋ + 1；输出通道数 = 卷积核个数"),
    Diagram("01_group_conv", "01", "分组卷积 g = 4：四个独立的小卷积", lambda: GroupedConvPaths(64, 128, 3, 4),
            (1, 64, 32, 32), [
        Par(*(Path(Op(f"组 {i + 1}：3×3 卷积\n16 → 32", f"convs.{i}"), in_tap=f"@chunk#0[{i}]",
                   title=f"通道 {16 * i}–{16 * i + 15}") for i in range(4)),
            merge=Merge("cat", "out"), anchor=None)],
        "等价于 nn.Conv2d(64, 128, 3, groups=4)：每组只看自己的 16 个输入通道"),
    Diagram("02_depthwise_separable", "02", "深度可分离卷积（MobileNet v1 单元）",
            _dws,
            (1, 32, 56, 56), [
        Op("3×3 深度卷积（每通道一个核）\nBN + ReLU", "depthwise", kind="dw"),
        Op("1×1 逐点卷积 32 → 64\nBN + ReLU", "pointwise")],
        "DepthwiseSeparableConv(32, 64)：先各通道做空间滤波，再用 1×1 混合通道"),
    Diagram("03_vgg_block", "03", "VGG-16 第 3 段：三层 3×3 卷积 + 池化", _vgg_stage3, (1, 128, 56, 56), [
        Op("3×3 卷积 → 256\nReLU", "11"), Op("3×3 卷积 → 256\nReLU", "13"), Op("3×3 卷积 → 256\nReLU", "15"),
        Op("2×2 最大池化 stride 2", "16", kind="pool")],
        "三层 3×3 的感受野 = 一层 7×7，参数更少、非线性更多"),
    Diagram("04_basic_block", "04", "ResNet 基本块（BasicBlock）", _basic, (1, 64, 56, 56), [
        _residual(Op("3×3 卷积 → 64\nBN + ReLU", "conv2:in"), Op("3×3 卷积 → 64\nBN", "bn2"),
                  merge_tap="@add#0"),
        Op("ReLU", "out", kind="gate")],
        "BasicBlock(64, 64)：输出 = ReLU(F(x) + x)"),
    Diagram("04_bottleneck", "04", "ResNet 瓶颈块（Bottleneck，stage 首块，投影捷径）", _bottleneck,
            (1, 256, 56, 56), [
        _residual(Op("1×1 卷积 → 128（降维）\nBN + ReLU", "conv2:in"),
                  Op("3×3 卷积 → 128, stride 2\nBN + ReLU", "conv3:in"),
                  Op("1×1 卷积 → 512（升维）\nBN", "bn3"), merge_tap="@add#0",
                  title="投影捷径", shortcut=[Op("1×1 卷积 → 512, stride 2\nBN", "downsample")]),
        Op("ReLU", "out", kind="gate")],
        "Bottleneck(256, 128, stride=2)：1×1 降维 → 3×3 → 1×1 升维；形状变了，捷径用 1×1 投影"),
    Diagram("05_inception_v1", "05", "Inception v1 块（GoogLeNet 3a）", _inception_3a, (1, 192, 28, 28), [
        Par(Path(Op("1×1 卷积 → 64\nReLU", "branches.0")),
            Path(Op("1×1 卷积 → 96（降维）\nReLU", "branches.1.0"), Op("3×3 卷积 → 128\nReLU", "branches.1.1")),
            Path(Op("1×1 卷积 → 16（降维）\nReLU", "branches.2.0"), Op("5×5 卷积 → 32\nReLU", "branches.2.1")),
            Path(Op("3×3 最大池化 stride 1", "branches.3.0", kind="pool"), Op("1×1 卷积 → 32\nReLU", "branches.3.1")),
            merge=Merge("cat", "out"), anchor=None)],
        "四个分支看同一个输入，各自的输出在通道维拼接：64 + 128 + 32 + 32 = 256"),
    Diagram("05_inception_resnet_a", "05", "Inception-ResNet-A 块", _ir_a, (1, 320, 35, 35), [
        _residual(Par(Path(Op("1×1 卷积 → 32", "branches.0")),
                      Path(Op("1×1 卷积 → 32", "branches.1.0"), Op("3×3 卷积 → 32", "branches.1.1")),
                      Path(Op("1×1 卷积 → 32", "branches.2.0"), Op("3×3 卷积 → 48", "branches.2.1"),
                           Op("3×3 卷积 → 64", "branches.2.2")),
                      merge=Merge("cat", "up:in"), anchor=None),
                  Op("1×1 卷积 → 320（线性）", "up"), Op("× 0.17 缩放", "@mul#0", kind="op"),
                  merge_tap="@add#0"),
        Op("ReLU", "out", kind="gate")],
        "每个卷积都带 BN + ReLU（最后的 1×1 除外）；残差分支先缩放再相加"),
    Diagram("06_xception_block", "06", "Xception 模块（入口流，stride 2）", _xception_entry, (1, 128, 74, 74), [
        _residual(Op("ReLU", "residual.0", kind="gate"),
                  Op("可分离卷积 3×3 → 256\n(深度 3×3 + 逐点 1×1) + BN", "residual.2", kind="dw"),
                  Op("ReLU", "residual.3", kind="gate"),
                  Op("可分离卷积 3×3 → 256\n(深度 3×3 + 逐点 1×1) + BN", "residual.5", kind="dw"),
                  Op("3×3 最大池化 stride 2", "residual.6", kind="pool"),
                  merge_tap="out", title="投影捷径", shortcut=[Op("1×1 卷积 → 256, stride 2\nBN", "shortcut")])],
        "XceptionBlock(128, 256, reps=2, stride=2)：可分离卷积之间不加 BN/ReLU"),
    Diagram("07_resnext_a", "07", "ResNeXt 形式 (a)：32 条路径分别 1×1 升维后相加", _resnext("a"), (1, 256, 56, 56), [
        _residual(Par(_resnext_front(0, lambda i: [Op("1×1 卷积 4 → 256", f"conv3.{i}")]),
                      _resnext_front(1, lambda i: [Op("1×1 卷积 4 → 256", f"conv3.{i}")]),
                      Dots("⋯ 共 32 条"),
                      _resnext_front(31, lambda i: [Op("1×1 卷积 4 → 256", f"conv3.{i}")]),
                      merge=Merge("add", "bn3:in"), anchor=None),
                  Op("BN", "bn3", kind="norm"), merge_tap="@add#32"),
        Op("ReLU", "out", kind="gate")],
        "SplitTransformMerge(256, 64)：C = 32 条相同结构的路径，结果相加（式 3）"),
    Diagram("07_resnext_b", "07", "ResNeXt 形式 (b)：先拼接，再一个 1×1", _resnext("b"), (1, 256, 56, 56), [
        _residual(Par(_resnext_front(0, lambda i: []), _resnext_front(1, lambda i: []), Dots("⋯ 共 32 条"),
                      _resnext_front(31, lambda i: []), merge=Merge("cat", "conv3:in"), anchor=None),
                  Op("1×1 卷积 128 → 256\nBN", "bn3"), merge_tap="@add#0"),
        Op("ReLU", "out", kind="gate")],
        "EarlyConcat(256, 64)：与 (a) 等价，32 个 1×1 合成一个"),
    Diagram("07_resnext_c", "07", "ResNeXt 形式 (c)：分组卷积", _resnext("c"), (1, 256, 56, 56), [
        _residual(Op("1×1 卷积 → 128\nBN + ReLU", "conv2:in"),
                  Op("3×3 分组卷积 g = 32\n128 → 128, BN + ReLU", "conv3:in"),
                  Op("1×1 卷积 → 256\nBN", "bn3"), merge_tap="@add#0"),
        Op("ReLU", "out", kind="gate")],
        "Bottleneck(256, 64, groups=32, base_width=4)：torchvision 采用的写法，与 (a)(b) 等价"),
    Diagram("08_res2net", "08", "Res2Net 块（s = 4，w = 26）", _res2net, (1, 256, 56, 56), [
        _residual(Op("1×1 卷积 → 104\nBN + ReLU", "bn1"),
                  Par(Path(in_tap="@split#0[0]", title="x1"),
                      Path(Op("K2：3×3 卷积\nBN + ReLU", "bns.0", id="k2"), in_tap="@split#0[1]", title="x2"),
                      Path(Gap("k2"), Merge("add", "convs.1:in", link="k2"),
                           Op("K3：3×3 卷积\nBN + ReLU", "bns.1", id="k3"), in_tap="@split#0[2]", title="x3"),
                      Path(Gap("k3"), Merge("add", "convs.2:in", link="k3"),
                           Op("K4：3×3 卷积\nBN + ReLU", "bns.2"), in_tap="@split#0[3]", title="x4"),
                      merge=Merge("cat", "conv3:in"), anchor=None),
                  Op("1×1 卷积 → 256\nBN", "bn3"), merge_tap="@add#2"),
        Op("ReLU", "out", kind="gate")],
        "按通道切成 4 组；后一组先加上前一组的输出再卷积，感受野逐组变大"),
    Diagram("09_dense_block", "09", "Dense block（3 层，k = 32）+ 过渡层", _dense, (1, 64, 56, 56), [
        Par(Path(Op("层 1：BN-ReLU-1×1 卷积 → 128\nBN-ReLU-3×3 卷积 → 32", "block.denselayer1")),
            Shortcut(title="旧特征直连"), merge=Merge("cat", "block.denselayer2@cat#0")),
        Par(Path(Op("层 2：BN-ReLU-1×1 卷积 → 128\nBN-ReLU-3×3 卷积 → 32", "block.denselayer2")),
            Shortcut(title="旧特征直连"), merge=Merge("cat", "block.denselayer3@cat#0")),
        Par(Path(Op("层 3：BN-ReLU-1×1 卷积 → 128\nBN-ReLU-3×3 卷积 → 32", "block.denselayer3")),
            Shortcut(title="旧特征直连"), merge=Merge("cat", "block")),
        Op("过渡层：BN + ReLU", "transition.relu", kind="norm"),
        Op("1×1 卷积 160 → 80（压缩 θ = 0.5）", "transition.conv"),
        Op("2×2 平均池化 stride 2", "transition.pool", kind="pool")],
        "每层只产生 k = 32 个新通道，拼接在已有特征后面：64 → 96 → 128 → 160"),
    Diagram("10_darknet_residual", "10", "Darknet-53 残差单元", _darknet, (1, 256, 52, 52), [
        _residual(Op("1×1 卷积 → 128\nBN + LeakyReLU", "conv1"), Op("3×3 卷积 → 256\nBN + LeakyReLU", "conv2"),
                  merge_tap="out")],
        "ResidualUnit(256)：相加之后不再有激活（线性捷径）"),
    Diagram("11_fire", "11", "Fire 模块（SqueezeNet fire2）", _fire, (1, 96, 55, 55), [
        Op("squeeze：1×1 卷积 → 16\nReLU", "squeeze_activation"),
        Par(Path(Op("expand：1×1 卷积 → 64\nReLU", "expand1x1_activation")),
            Path(Op("expand：3×3 卷积 → 64\nReLU", "expand3x3_activation")),
            merge=Merge("cat", "out"), anchor=None)],
        "Fire(96, 16, 64, 64)：先把 3×3 的输入压到 16 个通道"),
    Diagram("12_inverted_residual", "12", "倒置残差块（MobileNetV2，t = 6）", _inverted, (1, 24, 56, 56), [
        _residual(Op("1×1 卷积 扩张 24 → 144\nBN + ReLU6", "conv.0"),
                  Op("3×3 深度卷积 144\nBN + ReLU6", "conv.1", kind="dw"),
                  Op("1×1 卷积 投影 144 → 24\nBN（线性，无激活）", "conv.2"), merge_tap="out")],
        "InvertedResidual(24, 24, stride=1, expand_ratio=6)：两头窄、中间宽；捷径连接窄的瓶颈"),
    Diagram("13_shufflenet_v2_basic", "13", "ShuffleNet V2 基本单元（stride 1）", _shuffle(1), (1, 116, 28, 28), [
        Par(Shortcut(in_tap="@chunk#0[0]", title="前一半通道：不动"),
            Path(Op("1×1 卷积\nBN + ReLU", "branch2.0"), Op("3×3 深度卷积\nBN", "branch2.1", kind="dw"),
                 Op("1×1 卷积\nBN + ReLU", "branch2.2"), in_tap="@chunk#0[1]", title="后一半通道"),
            merge=Merge("cat", "@cat#0"), anchor=None),
        Op("通道混洗 g = 2", "out", kind="op")],
        "ShuffleV2Block(116, 116)：通道切分成两半，只有一半做卷积"),
    Diagram("13_shufflenet_v2_down", "13", "ShuffleNet V2 下采样单元（stride 2）", _shuffle(2), (1, 116, 28, 28), [
        Par(Path(Op("3×3 深度卷积 stride 2\nBN", "branch1.0", kind="dw"), Op("1×1 卷积\nBN + ReLU", "branch1.1")),
            Path(Op("1×1 卷积\nBN + ReLU", "branch2.0"), Op("3×3 深度卷积 stride 2\nBN", "branch2.1", kind="dw"),
                 Op("1×1 卷积\nBN + ReLU", "branch2.2")),
            merge=Merge("cat", "@cat#0"), anchor=None),
        Op("通道混洗 g = 2", "out", kind="op")],
        "ShuffleV2Block(116, 232, stride=2)：不切分，两个分支都下采样，拼接后通道翻倍"),
    Diagram("14_ghost_module", "14", "Ghost 模块（s = 2）", _ghost, (1, 64, 56, 56), [
        Op("主卷积 1×1 → m = 64\nBN + ReLU（本征特征）", "primary_conv"),
        Par(Shortcut(title="本征特征"), Path(Op("廉价操作：3×3 深度卷积\nBN + ReLU（幻影特征）", "cheap_operation",
                                               kind="dw")),
            merge=Merge("cat", "@cat#0"), anchor=1),
        Op("取前 n = 128 个通道", "out", kind="op")],
        "GhostModule(64, 128)：一半通道由普通卷积产生，另一半由它们廉价地“变”出来"),
    Diagram("15_pconv", "15", "部分卷积 PConv（n_div = 4）", _pconv, (1, 64, 56, 56), [
        Par(Path(Op("3×3 卷积 16 → 16", "partial_conv"), in_tap="@split#0[0]", title="前 1/4 通道"),
            Shortcut(in_tap="@split#0[1]", title="其余 3/4：原样通过"), merge=Merge("cat", "out"))],
        "PConv(64)：只对 c_p = C/4 个通道做卷积，FLOPs 约为普通卷积的 1/16"),
    Diagram("15_fasternet_block", "15", "FasterNet 块", _fasternet, (1, 64, 56, 56), [
        _residual(Op("PConv 3×3（只卷 1/4 通道）", "spatial_mixing"),
                  Op("1×1 卷积 64 → 128\nBN + ReLU", "mlp.0"), Op("1×1 卷积 128 → 64", "mlp.1"),
                  merge_tap="out")],
        "FasterNetBlock(64)：BN 与激活只在中间层出现一次"),
    Diagram("16_sru", "16", "SRU：空间重构单元", _sru, (1, 64, 32, 32), [
        Par(Path(Op("GroupNorm（4 组）", "gn", kind="norm"),
                 Op("× w_γ = γ_i / Σγ_j\nSigmoid → 权重 W", "@sigmoid#0", kind="gate"),
                 Op("门控：W > 0.5 置 1 得 W1\n置 0 得 W2", "@where#0", kind="op")),
            Shortcut(title="X"), merge=Merge("mul", "@mul#1", note="W1⊗X 与 W2⊗X")),
        Op("各自沿通道切成两半\nX11, X12 │ X21, X22", "@chunk#0[0]", kind="op"),
        Op("交叉相加\nX11 + X22，X21 + X12", "@add#0", kind="op"),
        Op("拼接 → X^w", "out", kind="op")],
        "SRU(64)：信息多的像素与信息少的像素交叉重构"),
    Diagram("16_cru", "16", "CRU：通道重构单元（α = 1/2，r = 2，g = 2）", _cru, (1, 64, 32, 32), [
        Par(Path(Op("1×1 压缩 32 → 16", "squeeze1"),
                 Par(Path(Op("GWC：3×3 分组卷积\ng = 2, → 64", "gwc")), Path(Op("PWC1：1×1 卷积 → 64", "pwc1")),
                     merge=Merge("add", "@add#0"), anchor=None),
                 in_tap="@split#0[0]", title="上部 αC"),
            Path(Op("1×1 压缩 32 → 16", "squeeze2"),
                 Par(Path(Op("PWC2：1×1 卷积 → 48", "pwc2")), Shortcut(title="复用"),
                     merge=Merge("cat", "@cat#0")),
                 in_tap="@split#0[1]", title="下部 (1−α)C"),
            merge=Merge("add", "out", note="β1·Y1 + β2·Y2"), anchor=None)],
        "融合：对 Y1、Y2 全局平均池化，逐通道 softmax 得 β1 + β2 = 1，再加权相加"),
    Diagram("17_se", "17", "SE 模块（r = 16）", _att("se", "SEBlock", 256), (1, 256, 56, 56), [
        _gate(*_se_branch(), merge_tap="out")],
        "SEBlock(256)：每个通道得到一个 0~1 的权重，乘回原特征"),
    Diagram("18_cbam", "18", "CBAM：通道注意力 → 空间注意力", _att("cbam", "CBAM", 256), (1, 256, 28, 28), [
        _gate(Par(Path(Op("全局平均池化", "channel_attention@mean#0", kind="pool"),
                       Op("共享 MLP\nC → C/16 → C", "channel_attention.mlp", kind="fc")),
                  Path(Op("全局最大池化", "channel_attention@amax#0", kind="pool"),
                       Op("共享 MLP（同一组权重）", "channel_attention.mlp", kind="fc")),
                  merge=Merge("add", "channel_attention@add#1"), anchor=None),
              Op("Sigmoid → 通道注意力 M_c", "channel_attention", kind="gate"), merge_tap="@mul#0", title="F"),
        _gate(Par(Path(Op("沿通道取平均", "spatial_attention@mean#0", kind="pool")),
                  Path(Op("沿通道取最大", "spatial_attention@amax#0", kind="pool")),
                  merge=Merge("cat", "spatial_attention@cat#0"), anchor=None),
              Op("7×7 卷积 2 → 1", "spatial_attention.conv"),
              Op("Sigmoid → 空间注意力 M_s", "spatial_attention", kind="gate"), merge_tap="out", title="F′")],
        "CBAM(256)：上半是通道注意力模块，下半是空间注意力模块"),
    Diagram("19_eca", "19", "ECA 模块（C = 256 → k = 5）", _att("eca", "ECA", 256), (1, 256, 28, 28), [
        _gate(Op("全局平均池化", "avg_pool", kind="pool"),
              Op("把 C 个通道排成一条序列", "conv:in", kind="op"),
              Op("1-D 卷积 k = 5（相邻通道交互）", "conv", kind="fc"),
              Op("Sigmoid", "@sigmoid#0", kind="gate"), merge_tap="out")],
        "ECA(256)：不降维；k 由通道数自适应决定"),
    Diagram("20_scse", "20", "scSE = cSE + sSE", _att("scse", "SCSE", 64), (1, 64, 56, 56), [
        Par(Path(_gate(Op("全局平均池化", "cse.avg_pool", kind="pool"),
                       Op("1×1 卷积 C → C/2, ReLU\n1×1 卷积 C/2 → C", "cse.fc2", kind="fc"),
                       Op("Sigmoid", "cse.gate", kind="gate"), merge_tap="cse")), 
            Path(_gate(Op("1×1 卷积 C → 1", "sse.conv", kind="fc"), Op("Sigmoid", "sse@sigmoid#0", kind="gate"),
                       merge_tap="sse")),
            merge=Merge("add", "out"), anchor=None)],
        "左：cSE（通道挤压、空间激励）；右：sSE（空间挤压、通道激励）"),
    Diagram("21_simam", "21", "SimAM：无参数注意力", _att("simam", "SimAM", 64), (1, 64, 32, 32), [
        _gate(Op("d = (t − μ)²\nμ：该通道 H×W 个值的均值", "@pow#0", kind="op"),
              Op("σ² = Σd / (M − 1)\n每个通道一个数", "@div#0", kind="op"),
              Op("1/e* = d / (4(σ² + λ)) + 1/2\n能量越低，神经元越重要", "@add#1", kind="op"),
              Op("Sigmoid", "@sigmoid#0", kind="gate"), merge_tap="out")],
        "SimAM(64)：每个位置一个权重，全部由闭式解算出，没有可学习参数"),
    Diagram("22_nonlocal", "22", "Non-local 块（嵌入高斯）", _att("nonlocal_", "NonLocalBlock", 128),
            (1, 128, 14, 14), [
        _residual(Par(Path(Par(Path(Op("θ：1×1 卷积 → C′", "theta"), Op("展平、转置", "@transpose#0", kind="op")),
                               Path(Op("φ：1×1 卷积 → C′", "phi"), Op("展平", "@flatten#1", kind="op")),
                               merge=Merge("matmul", "@matmul#0", note="θᵀφ"), anchor=None),
                           Op("Softmax（每行）", "@softmax#0", kind="gate")),
                      Path(Op("g：1×1 卷积 → C′", "g"), Op("展平、转置", "@transpose#1", kind="op")),
                      merge=Merge("matmul", "@matmul#1", note="f · g"), anchor=0),
                  Op("转置、还原成 C′×H×W", "@reshape#0", kind="op"),
                  Op("W_z：1×1 卷积 → C\nBN（γ 初始为 0）", "W_z"), merge_tap="out")],
        "NonLocalBlock(128)：每个位置的输出是所有位置的加权和，权重 = 相似度"),
    Diagram("23_gc_block", "23", "GC 块（全局上下文）", _att("gc", "GCBlock", 256), (1, 256, 14, 14), [
        _residual(Par(Path(Op("展平 C × HW", "@flatten#1", kind="op")),
                      Path(Op("W_k：1×1 卷积 C → 1", "conv_mask", kind="fc"),
                           Op("Softmax（全部 H×W 个位置）", "@view#0", kind="gate")),
                      merge=Merge("matmul", "@matmul#0", note="Σ_j a_j x_j"), anchor=None),
                  Op("上下文向量 C×1×1", "@unsqueeze#0", kind="op"),
                  Op("1×1 卷积 C → C/16\nLayerNorm + ReLU", "transform.2", kind="fc"),
                  Op("1×1 卷积 C/16 → C", "transform", kind="fc"),
                  merge_tap="out", note="广播到每个位置")],
        "GCBlock(256)：所有位置共享同一个上下文向量（与查询位置无关）"),
    Diagram("24_danet_pam", "24", "DANet 位置注意力模块 PAM", _att("danet", "PositionAttentionModule", 64),
            (1, 64, 16, 16), [
        _residual(Par(Path(Op("D（value）：1×1 卷积 → C\n展平", "@flatten#2")),
                      Path(Par(Path(Op("B（query）：1×1 卷积 → C/8\n展平、转置", "@transpose#0")),
                               Path(Op("C（key）：1×1 卷积 → C/8\n展平", "@flatten#1")),
                               merge=Merge("matmul", "@matmul#0", note="BᵀC"), anchor=None),
                           Op("Softmax → S（HW × HW）", "@softmax#0", kind="gate"),
                           Op("转置 Sᵀ", "@transpose#1", kind="op")),
                      merge=Merge("matmul", "@matmul#1", note="D · Sᵀ"), anchor=1),
                  Op("还原成 C×H×W", "@view#0", kind="op"), Op("× α（可学习，初始 0）", "@mul#0", kind="op"),
                  merge_tap="out")],
        "PositionAttentionModule(64)：位置 j 的输出 = 所有位置特征按相似度加权"),
    Diagram("24_danet_cam", "24", "DANet 通道注意力模块 CAM", _att("danet", "ChannelAttentionModule", 64),
            (1, 64, 16, 16), [
        _residual(Op("展平 A：C × HW", "@flatten#0", kind="op"),
                  Par(Path(Par(Path(Op("转置 Aᵀ", "@transpose#0", kind="op")), Shortcut(title="A"),
                               merge=Merge("matmul", "@matmul#0", note="A · Aᵀ"), anchor=0),
                           Op("max − energy，Softmax\n→ X（C × C）", "@softmax#0", kind="gate")),
                      Shortcut(title="A"), merge=Merge("matmul", "@matmul#1", note="X · A")),
                  Op("还原成 C×H×W", "@view#0", kind="op"), Op("× β（可学习，初始 0）", "@mul#0", kind="op"),
                  merge_tap="out")],
        "ChannelAttentionModule(64)：没有卷积，通道之间的相似度直接由特征算出"),
    Diagram("25_mbconv", "25", "MBConv（EfficientNetV2，扩张 4，SE 0.25）", _mbconv, (1, 128, 28, 28), [
        _residual(Op("1×1 卷积 扩张 → 512\nBN + SiLU", "block.0"),
                  Op("3×3 深度卷积\nBN + SiLU", "block.1", kind="dw"),
                  Op("SE 注意力（挤压 → 32 → 激励）", "block.2", kind="gate"),
                  Op("1×1 卷积 投影 → 128\nBN（线性）", "block.3"), merge_tap="out")],
        "MBConv(128, 128)：倒置残差 + SE；训练时残差分支带随机深度"),
    Diagram("25_fused_mbconv", "25", "Fused-MBConv（扩张 4，无 SE）", _fused, (1, 48, 56, 56), [
        _residual(Op("3×3 卷积 扩张 → 192\nBN + SiLU（融合了 1×1 与深度卷积）", "block.0"),
                  Op("1×1 卷积 投影 → 48\nBN（线性）", "block.1"), merge_tap="out")],
        "FusedMBConv(48, 48)：浅层用一个普通 3×3 代替 1×1 + 深度 3×3"),
    Diagram("26_parnet_train", "26", "ParNet 块：训练时（三个分支）", _parnet(False), (1, 192, 28, 28), [
        Par(Path(Op("3×3 卷积 + BN", "conv3x3")), Path(Op("1×1 卷积 + BN", "conv1x1")),
            Path(*_sse_spec("sse."), title="SSE"), merge=Merge("add", "@add#1"), anchor=None),
        Op("SiLU", "out", kind="gate")],
        "ParNetBlock(192)：三支相加；重参数化把前两支合成一个 3×3 卷积"),
    Diagram("26_parnet_fused", "26", "ParNet 块：重参数化之后（推理）", _parnet(True), (1, 192, 28, 28), [
        Par(Path(Op("融合的 3×3 卷积（带偏置）\n= 3×3+BN 与 1×1+BN 合并", "fused")),
            Path(*_sse_spec("sse."), title="SSE"), merge=Merge("add", "@add#0"), anchor=None),
        Op("SiLU", "out", kind="gate")],
        "reparameterize() 之后：输出不变（eval 模式），少了一个分支"),
    Diagram("27_aspp", "27", "ASPP（DeepLabV3，输出步长 16）", _aspp, (1, 2048, 33, 33), [
        Par(Path(Op("1×1 卷积 → 256\nBN + ReLU", "convs.0")),
            Path(Op("3×3 空洞卷积 r = 6\nBN + ReLU", "convs.1")),
            Path(Op("3×3 空洞卷积 r = 12\nBN + ReLU", "convs.2")),
            Path(Op("3×3 空洞卷积 r = 18\nBN + ReLU", "convs.3")),
            Path(Op("全局平均池化", "convs.4.0", kind="pool"), Op("1×1 卷积 → 256\nBN + ReLU", "convs.4.1"),
                 Op("双线性上采样", "convs.4", kind="op")),
            merge=Merge("cat", "project:in"), anchor=None),
        Op("1×1 卷积 → 256\nBN + ReLU（+ Dropout）", "out")],
        "ASPP(2048, rates=(6, 12, 18))：五个分支看不同大小的上下文，拼接后 1×1 融合"),
    Diagram("28_unet", "28", "U-Net 的各层（原论文：无填充卷积）", _unet, (1, 1, 572, 572), _unet_spec(),
            "UNet()：右侧四条虚线是四层跳连（裁剪后拼接）；每层两次 3×3 卷积各缩小 2 个像素"),
)

BY_NAME = {d.name: d for d in DIAGRAMS}


@checked
def get(name: str) -> Diagram:
    if name not in BY_NAME:
        raise ValueError(f"no diagram {name!r}; there are: {', '.join(BY_NAME)}")
    return BY_NAME[name]


@checked
def measure(d: Diagram, device: str = "meta") -> dict:
    """Build the block on ``device`` (meta: shapes only) and record every tap in one forward pass (eval mode)."""
    with torch.device(device):
        module = d.build().eval()
        x = torch.zeros(d.input) if device != "meta" else torch.empty(d.input)
    return measure_taps(module, x)


@checked
def labels(d: Diagram, device: str = "meta") -> dict[str, str]:
    """tap -> shape label of every arrow of ``d``."""
    return shape_labels(d.spec, measure(d, device))


@checked
def figure(name: str):
    """The matplotlib figure of one diagram (not shown)."""
    d = get(name)
    return draw_spec(d.spec, labels(d), d.title, d.subtitle)


@checked
def draw_diagram(name: str):
    """For a notebook: draw diagram ``name`` (see ``DIAGRAMS``) and return the figure; end the cell with plt.show()."""
    return figure(name)


@checked
def write_all(out_dir=ASSETS, names=None) -> list[_FsPath]:
    """Write every diagram as PNG with deterministic bytes (no software/date metadata)."""
    import matplotlib.pyplot as plt

    for n in names or ():
        get(n)                                                     # ValueError for an unknown name
    out_dir = _FsPath(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for d in DIAGRAMS:
        if names and d.name not in names:
            continue
        fig = figure(d.name)
        written.append(save_png(fig, out_dir / f"{d.name}.png"))
        plt.close(fig)
    return written


@checked
def save_png(fig, path) -> _FsPath:
    """PNG with deterministic bytes: fixed dpi, no 'Software' entry, no bbox search."""
    fig.savefig(path, dpi=110, metadata={"Software": None}, bbox_inches=None)
    return _FsPath(path)
