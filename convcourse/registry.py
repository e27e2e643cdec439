"""The model registry: every network builder of the course, registered once.

Each ``Entry`` names a builder (``"package.module:callable"``, imported only when used), the lesson that
teaches it, its paper (arXiv id), its standard input size, the smallest input it accepts and, where
torchvision or timm ships the same network, its **twin**: the twin's builder and any documented adapter
that turns the twin's weights into ours (for example Res2Net's split order). The parametrized test
``tests/test_registry.py`` reads this table: parameter count equal to the twin, outputs equal once the
twin's weights are copied into ours, a forward at the smallest size, a clear error below it.

``import convcourse.registry`` imports neither torchvision nor timm nor any network module.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

import torch
from torch import nn

__all__ = ["Twin", "Entry", "Missing", "REGISTRY", "entries", "get", "resolve", "build", "build_twin", "twin_output",
           "copy_twin_weights", "positional_state_dict", "res2net_split_order"]


# --------------------------------------------------------------------------------------------------
# adapters: the twin's state dict -> a state dict for our model

def positional_state_dict(ours: nn.Module, theirs: nn.Module | dict) -> dict[str, torch.Tensor]:
    """Our keys paired in order with the twin's tensors; every pair must have the same shape.

    Used where both state dicts list the same tensors in the same order (only the names differ).
    """
    mine = ours.state_dict()
    other = theirs if isinstance(theirs, dict) else theirs.state_dict()
    if len(mine) != len(other):
        raise ValueError(f"state dicts differ in length: ours {len(mine)}, twin {len(other)}")
    out = {}
    for (k, v), (k2, v2) in zip(mine.items(), other.items()):
        if v.shape != v2.shape:
            raise ValueError(f"shape mismatch in positional mapping: ours {k} {tuple(v.shape)}, "
                             f"twin {k2} {tuple(v2.shape)}")
        out[k] = v2
    return out


def _regrouped(state: dict, block_of: Callable[[str], str], rank: Callable[[str], int]) -> dict:
    """The twin's state dict with the entries of each block stably sorted by ``rank`` (blocks keep their order):
    for twins that register the same layers of a block in another order."""
    groups: dict[str, list[str]] = {}
    for k in state:
        groups.setdefault(block_of(k), []).append(k)
    return {k: state[k] for keys in groups.values() for k in sorted(keys, key=rank)}


def _xception_state_dict(ours: nn.Module, theirs: nn.Module) -> dict[str, torch.Tensor]:
    """timm's ``legacy_xception`` registers each block's projection shortcut (skip, skipbn) before its
    separable convs; ours after them."""
    sd = _regrouped(theirs.state_dict(), lambda k: k.split(".")[0], lambda k: 1 if ".skip" in k else 0)
    return positional_state_dict(ours, sd)


def _fasternet_state_dict(ours: nn.Module, theirs: nn.Module) -> dict[str, torch.Tensor]:
    """timm registers a stage's blocks before its downsampling layer and a block's MLP before its partial
    conv; ours are in forward order (merging layer, then the blocks; PConv, then the MLP)."""
    def stage_of(k: str) -> str:
        return ".".join(k.split(".")[:2]) if k.startswith("stages.") else k

    def block_of(k: str) -> str:
        parts = k.split(".")
        return ".".join(parts[:4]) if len(parts) > 4 and parts[2] == "blocks" else k
    sd = _regrouped(theirs.state_dict(), stage_of, lambda k: 0 if ".downsample." in k else 1)
    sd = _regrouped(sd, block_of, lambda k: 0 if ".spatial_mixing." in k else 1)
    return positional_state_dict(ours, sd)


def res2net_split_order(width: int, scale: int) -> list[int]:
    """Channel order that maps the authors' Res2Net splits onto ours.

    The authors' code (and timm) keeps the identity split *last*; ours (paper Eq. 1) keeps it first:
    our split i + 1 is their split i, our split 1 is their last. ``their[order]`` gives our layout.
    """
    from ._checks import check_positive_int                  # imported here: this module imports no course code

    check_positive_int("width", width, maximum=4096)
    check_positive_int("scale", scale, maximum=64)
    return list(range((scale - 1) * width, scale * width)) + list(range((scale - 1) * width))


def _res2net_state_dict(ours: nn.Module, theirs: nn.Module) -> dict[str, torch.Tensor]:
    """Positional mapping, then in every Bottle2neck: conv1's output channels, bn1's channels and
    conv3's input channels permuted by ``res2net_split_order`` (same function, paper vs code layout)."""
    from .nets.res2net import Bottle2neck

    sd = positional_state_dict(ours, theirs)
    for name, block in ours.named_modules():
        if not isinstance(block, Bottle2neck):
            continue
        order = torch.tensor(res2net_split_order(block.width, block.scale))     # ours[p] = theirs[order[p]]
        sd[f"{name}.conv1.weight"] = sd[f"{name}.conv1.weight"][order]
        for part in ("weight", "bias", "running_mean", "running_var"):
            sd[f"{name}.bn1.{part}"] = sd[f"{name}.bn1.{part}"][order]
        sd[f"{name}.conv3.weight"] = sd[f"{name}.conv3.weight"][:, order]
    return sd


def _darknet_leaky_001(model: nn.Module) -> nn.Module:
    """timm's Darknet-53 uses LeakyReLU(0.01) (PyTorch's default); the paper and darknet use 0.1.
    For the comparison only, ours is given the twin's slope."""
    for m in model.modules():
        if isinstance(m, nn.LeakyReLU):
            m.negative_slope = 0.01
    return model


# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Twin:
    """The same network in torchvision or timm.

    ``builder``: ``"torchvision.models:resnet50"`` or ``"timm:res2net50_26w_4s"`` (``timm.create_model``
    with ``pretrained=False``; nothing is downloaded). ``adapter(ours, twin) -> state dict for ours``
    (default: same tensors in the same order). ``prepare_ours``: applied to our model before the
    comparison (documented differences such as Darknet's slope). ``output``: key of a dict output.
    """

    builder: str
    kwargs: dict = field(default_factory=dict)
    adapter: Callable[[nn.Module, nn.Module], dict] = positional_state_dict
    prepare_ours: Callable[[nn.Module], nn.Module] | None = None
    output: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One builder of the course."""

    name: str                       # the builder's name, e.g. "resnet50"
    builder: str                    # "convcourse.nets.resnet:resnet50"
    lesson: int                     # notebook number that teaches it
    paper: str                      # arXiv id, e.g. "1512.03385"
    input_size: int                 # the paper's standard square input (H = W)
    min_size: int                   # smallest square input the network accepts
    twin: Twin | None = None
    kwargs: dict = field(default_factory=dict)      # arguments our builder needs (e.g. GhostNet's width)
    in_channels: int = 3

    def __post_init__(self):
        from ._checks import check_int_range, check_positive_int      # here: this module imports no course code

        for name in ("name", "builder", "paper"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise ValueError(f"{name}={getattr(self, name)!r} must be a non-empty string")
        if ":" not in self.builder:
            raise ValueError(f"builder={self.builder!r} must be 'package.module:callable'")
        check_int_range("lesson", self.lesson, 0, 99)
        check_positive_int("input_size", self.input_size, maximum=4096)
        check_positive_int("min_size", self.min_size, maximum=4096)
        check_positive_int("in_channels", self.in_channels, maximum=4096)
        if self.min_size > self.input_size:
            raise ValueError(f"min_size={self.min_size} must be <= input_size={self.input_size}")
        if not isinstance(self.kwargs, dict):
            raise ValueError(f"kwargs={self.kwargs!r} must be a dict of the builder's arguments")


def _tv(name: str, **kw) -> Twin:
    return Twin(f"torchvision.models:{name}", {"weights": None, **kw})


def _timm(name: str, **kw) -> Twin:
    return Twin(f"timm:{name}", kw.pop("kwargs", {}), **kw)


_RES2NET_TWIN = dict(adapter=_res2net_state_dict,
                     note="identity split last in the authors' code and timm, first in ours (Eq. 1): "
                          "conv1 / bn1 channels and conv3 inputs permuted by res2net_split_order")
_DEEPLAB_KW = {"weights_backbone": None, "aux_loss": False}

_ENTRIES: list[Entry] = [
    # 03 VGG
    *[Entry(n, f"convcourse.nets.vgg:{n}", 3, "1409.1556", 224, 32, _tv(n))
      for n in ("vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn")],
    # 04 ResNet (ImageNet) and the CIFAR ResNets of Sec. 4.2 (no twin)
    *[Entry(n, f"convcourse.nets.resnet:{n}", 4, "1512.03385", 224, 1, _tv(n))
      for n in ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152")],
    *[Entry(n, f"convcourse.nets.resnet_cifar:{n}", 4, "1512.03385", 32, 1)
      for n in ("resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "plain_net")],
    # 05 Inception-ResNet-v2 (timm: the same TF-slim layout)
    Entry("inception_resnet_v2", "convcourse.nets.inception:inception_resnet_v2", 5, "1602.07261", 299, 75,
          _timm("inception_resnet_v2")),
    # 06 Xception (timm's legacy_xception is the paper's network)
    Entry("xception", "convcourse.nets.xception:xception", 6, "1610.02357", 299, 32, _timm("legacy_xception", adapter=_xception_state_dict,
          note="timm registers each block's shortcut before its separable convs")),
    # 07 ResNeXt
    *[Entry(n, f"convcourse.nets.resnext:{n}", 7, "1611.05431", 224, 1, _tv(n))
      for n in ("resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d")],
    # 08 Res2Net
    *[Entry(n, f"convcourse.nets.res2net:{n}", 8, "1904.01169", 224, 1, _timm(n, **_RES2NET_TWIN))
      for n in ("res2net50_26w_4s", "res2net50_48w_2s", "res2net50_14w_8s", "res2net50_26w_6s",
                "res2net50_26w_8s", "res2net101_26w_4s")],
    # 09 DenseNet
    *[Entry(n, f"convcourse.nets.densenet:{n}", 9, "1608.06993", 224, 29, _tv(n))
      for n in ("densenet121", "densenet169", "densenet201", "densenet161")],
    # 10 Darknet-53
    Entry("darknet53", "convcourse.nets.darknet:darknet53", 10, "1804.02767", 256, 1,
          _timm("darknet53", prepare_ours=_darknet_leaky_001,
                note="timm uses LeakyReLU(0.01), the paper 0.1: ours is compared with the twin's slope")),
    # 11 SqueezeNet
    *[Entry(n, f"convcourse.nets.squeezenet:{n}", 11, "1602.07360", 224, m, _tv(n))
      for n, m in (("squeezenet1_0", 21), ("squeezenet1_1", 17))],
    # 12 MobileNetV2
    Entry("mobilenet_v2", "convcourse.nets.mobilenetv2:mobilenet_v2", 12, "1801.04381", 224, 1, _tv("mobilenet_v2")),
    # 13 ShuffleNet V2
    *[Entry(n, f"convcourse.nets.shufflenetv2:{n}", 13, "1807.11164", 224, 1, _tv(n))
      for n in ("shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0")],
    # 14 GhostNet
    Entry("ghostnet", "convcourse.nets.ghostnet:ghostnet", 14, "1911.11907", 224, 1, _timm("ghostnet_100")),
    # 15 FasterNet
    *[Entry(n, f"convcourse.nets.fasternet:{n}", 15, "2303.03667", 224, 32,
            _timm(n, adapter=_fasternet_state_dict, note="timm registers blocks before the downsampling layer, the MLP before the partial conv"))
      for n in ("fasternet_t0", "fasternet_t1", "fasternet_t2", "fasternet_s", "fasternet_m", "fasternet_l")],
    # 17-19 attention in ResNet-50
    Entry("se_resnet50", "convcourse.nets.resnet:se_resnet50", 17, "1709.01507", 224, 1, _timm("seresnet50")),
    Entry("cbam_resnet50", "convcourse.nets.resnet:cbam_resnet50", 18, "1807.06521", 224, 1),
    Entry("eca_resnet50", "convcourse.nets.resnet:eca_resnet50", 19, "1910.03151", 224, 1),
    # 25 EfficientNetV2
    *[Entry(n, f"convcourse.nets.efficientnetv2:{n}", 25, "2104.00298", s, 1, _tv(n))
      for n, s in (("efficientnet_v2_s", 384), ("efficientnet_v2_m", 480), ("efficientnet_v2_l", 480))],
    # 26 ParNet (no twin)
    *[Entry(f"parnet_{v}", f"convcourse.nets.parnet:parnet_{v}", 26, "2110.07641", 224, 32)
      for v in ("s", "m", "l", "xl")],
    # 27 DeepLabV3 (torchvision's: output stride 8, no auxiliary head)
    *[Entry(n, f"convcourse.nets.aspp:{n}", 27, "1706.05587", 513, 1,
            Twin(f"torchvision.models.segmentation:{n}", {"weights": None, **_DEEPLAB_KW}, output="out"))
      for n in ("deeplabv3_resnet50", "deeplabv3_resnet101")],
    # 28 U-Net (no twin)
    Entry("unet", "convcourse.nets.unet:UNet", 28, "1505.04597", 572, 188, in_channels=1),
]

REGISTRY: dict[str, Entry] = {}
for _e in _ENTRIES:
    if _e.name in REGISTRY:
        raise RuntimeError(f"{_e.name} registered twice")
    REGISTRY[_e.name] = _e
del _e


def entries(*, with_twin: bool | None = None) -> list[Entry]:
    """Every entry (``with_twin=True``: only those with a twin; ``False``: only those without)."""
    return [e for e in REGISTRY.values() if with_twin is None or (e.twin is not None) == with_twin]


def get(name: str) -> Entry:
    """The entry of ``name``; a clear ValueError for an unknown name."""
    if name not in REGISTRY:
        raise ValueError(f"name={name!r} must be one of {list(REGISTRY)}")
    return REGISTRY[name]


class Missing(LookupError):
    """A ``"package.module:callable"`` whose module or attribute does not exist."""


def resolve(spec) -> Callable[..., nn.Module]:
    """``"package.module:callable"`` -> the callable; ``"timm:name"`` -> a timm builder (pretrained=False).

    A callable is returned as it is. ``Missing`` when the named module or attribute is absent; any other
    error raised while importing the module propagates unchanged (it is a bug, not an absence).
    """
    if callable(spec):
        return spec
    module, _, attr = spec.partition(":") if isinstance(spec, str) else ("", "", "")
    if not attr:
        raise ValueError(f"spec={spec!r} must be a callable or look like 'package.module:callable'")
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and (module == e.name or module.startswith(e.name + ".")):
            raise Missing(f"{module} not found") from None
        raise
    if module == "timm":
        return lambda **kw: loaded.create_model(attr, pretrained=False, **kw)
    try:
        return getattr(loaded, attr)
    except AttributeError:
        raise Missing(f"{module} has no {attr}") from None


def build(name: str, **kw) -> nn.Module:
    """Our network ``name`` (the entry's arguments, then ``kw``)."""
    e = get(name)
    return resolve(e.builder)(**{**e.kwargs, **kw})


def build_twin(name: str, **kw) -> nn.Module:
    """The twin of ``name`` with random weights (ValueError if it has none)."""
    e = get(name)
    if e.twin is None:
        raise ValueError(f"{name} has no torchvision or timm twin")
    return resolve(e.twin.builder)(**{**e.twin.kwargs, **kw})


def twin_output(name: str, y):
    """The twin's logits (DeepLab twins return a dict)."""
    twin = get(name).twin
    return y[twin.output] if twin is not None and twin.output else y


def copy_twin_weights(name: str, ours: nn.Module, twin: nn.Module, assign: bool = False) -> nn.Module:
    """Load the twin's parameters and buffers into ``ours`` through the entry's adapter (strict).

    ``assign=True`` makes ours share the twin's tensors (no copy; ours may have been built on meta).
    """
    e = get(name)
    if e.twin is None:
        raise ValueError(f"{name} has no torchvision or timm twin")
    if e.twin.prepare_ours is not None:
        e.twin.prepare_ours(ours)
    ours.load_state_dict(e.twin.adapter(ours, twin), strict=True, assign=assign)
    return ours
