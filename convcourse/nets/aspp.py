"""ASPP (Atrous Spatial Pyramid Pooling) and DeepLabV3 (Chen et al., arXiv:1706.05587, Sec. 3.3, Fig. 5).

ASPP itself (five parallel branches: 1x1, three 3x3 atrous convs, image-level pooling) lives in
``convcourse/blocks/aspp.py``; this file puts it on a dilated ResNet.

Two heads after ASPP (``head=``):
* ``"paper"``: paper Sec. 3.3 and the authors' TensorFlow code (``models/research/deeplab``): the fusing
  1x1 conv (256, BN-ReLU), dropout 0.1 (keep_prob 0.9), then the final 1x1 conv to the logits.
* ``"torchvision"`` (default): ``torchvision.models.segmentation.deeplabv3``'s head, which adds a 3x3
  conv-BN-ReLU (256) before the logits and uses dropout 0.5 (same parameter count as torchvision).
Shapes: DeepLabV3 (N, 3, H, W) -> (N, num_classes, H, W).
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn
import torch.nn.functional as F

from .._checks import check_choice, check_positive_int, checked
# re-exported: lesson 27 and its exercises import them from here
from ..blocks.aspp import ASPP, ASPPPooling, effective_kernel_size, valid_tap_counts  # noqa: F401
from ..blocks.conv import ConvBNAct
from .resnet import resnet50, resnet101


HEADS = ("torchvision", "paper")


class DeepLabHead(nn.Sequential):
    """ASPP and the classifier on top of it; ``head`` picks whose layout.

    * ``"torchvision"``: ASPP (dropout 0.5) -> 3x3 conv-BN-ReLU (256) -> 1x1 conv to the classes
      (torchvision's ``DeepLabHead``; the extra 3x3 conv is torchvision's, not the paper's).
    * ``"paper"``: ASPP (its 1x1 projection with BN-ReLU, dropout 0.1) -> 1x1 conv to the classes
      (paper Sec. 3.3; the authors' TF code: ``concat_projection``, dropout keep_prob 0.9, logits).
    """

    @checked
    def __init__(self, in_channels: int, num_classes: int, atrous_rates: Sequence[int] = (12, 24, 36),
                 head: str = "torchvision"):
        check_positive_int("num_classes", num_classes)
        check_choice("head", head, HEADS)
        if head == "torchvision":
            super().__init__(ASPP(in_channels, atrous_rates), ConvBNAct(256, 256, 3), nn.Conv2d(256, num_classes, 1))
        else:
            super().__init__(ASPP(in_channels, atrous_rates, dropout=0.1), nn.Conv2d(256, num_classes, 1))
        self.head = head


class DeepLabV3(nn.Module):
    """Dilated ResNet backbone (no pool, no FC) -> DeepLabHead -> bilinear upsampling to the input size.

    Returns the logits tensor (N, num_classes, H, W) (torchvision returns ``{"out": logits}``).
    """

    @checked
    def __init__(self, backbone: nn.Module, num_classes: int = 21, atrous_rates: Sequence[int] = (12, 24, 36),
                 head: str = "torchvision"):
        super().__init__()
        if not hasattr(backbone, "forward_features"):
            raise ValueError("backbone must provide forward_features (a convcourse ResNet)")
        self.backbone = backbone
        for name in ("avgpool", "fc"):               # the classifier of the backbone is not used
            if hasattr(backbone, name):
                delattr(backbone, name)
        self.classifier = DeepLabHead(backbone.out_channels, num_classes, atrous_rates, head)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        size = x.shape[-2:]
        features = self.backbone.forward_features(x)                  # (N, 2048, H/8, W/8) at output stride 8
        logits = self.classifier(features)                           # (N, K, H/8, W/8)
        return F.interpolate(logits, size=size, mode="bilinear", align_corners=False)   # (N, K, H, W)


_OUTPUT_STRIDE = {8: ([False, True, True], (12, 24, 36)), 16: ([False, False, True], (6, 12, 18))}


def _deeplabv3(builder, num_classes: int, output_stride: int, head: str = "torchvision", **kw) -> DeepLabV3:
    check_positive_int("num_classes", num_classes)
    check_choice("output_stride", output_stride, list(_OUTPUT_STRIDE))
    check_choice("head", head, HEADS)
    dilation, rates = _OUTPUT_STRIDE[output_stride]
    return DeepLabV3(builder(replace_stride_with_dilation=dilation, **kw), num_classes, rates, head)


@checked
def deeplabv3_resnet50(*, num_classes: int = 21, output_stride: int = 8, **kw) -> DeepLabV3:
    """DeepLabV3-ResNet-50; output stride 8 with rates (12, 24, 36) as torchvision (paper: 16 for training, 8 for eval).

    ``head="torchvision"`` (default, same parameters as torchvision) or ``head="paper"`` (see ``DeepLabHead``).
    """
    return _deeplabv3(resnet50, num_classes, output_stride, **kw)


@checked
def deeplabv3_resnet101(*, num_classes: int = 21, output_stride: int = 8, **kw) -> DeepLabV3:
    """DeepLabV3-ResNet-101 (the paper's backbone), same head."""
    return _deeplabv3(resnet101, num_classes, output_stride, **kw)
