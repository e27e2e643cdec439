"""ParNet (Goyal, Bochkovskiy, Deng, Koltun, "Non-deep Networks", arXiv:2110.07641, Table 7 / Fig. 2).

Depth 12: four downsampling blocks take the image to three resolutions (56, 28, 14 for a 224 input);
three **parallel streams** of ParNet blocks process them side by side; fusion blocks merge the
streams from fine to coarse; one last downsampling block and a linear classifier finish.
The longest path is 2 + 1 + 1 (downsampling) + 5 (stream 3) + 1 (fusion) + 1 (downsampling) + FC = 12 layers.

Widths: S (64, 92, 192, 384, 1280), M (64, 128, 256, 512, 2048), L (64, 160, 320, 640, 2560),
XL (64, 200, 400, 800, 3200); blocks per stream (4, 5, 5). These are the authors' released configurations
(NonDeepNetworks ``imagenet/models/planes_*.yaml``); the paper's Table 7 prints 96 for S's first stream,
the released S config uses 92 (``PAPER_TABLE_WIDTH_S``). Released dropout before the classifier:
0.1 for L and XL, 0 for S and M. The official downsampling/fusion gate is 2 * sigmoid (``gate="2sigmoid"``).
Shapes: (N, 3, 224, 224) -> (N, num_classes); height and width must be multiples of 32.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .._checks import check_input, check_positive_int, checked
from ..blocks.parnet import DownsamplingBlock, FusionBlock, ParNetBlock
from ..helpers import variant_builder

PAPER_PARAMS_M = {"s": 19.0, "m": 35.6, "l": 54.9, "xl": 85.0}   # Table 7 / Table 1 of the paper
PAPER_TABLE_WIDTH_S = (64, 96, 192, 384, 1280)                 # S as printed in the paper's Table 7
WIDTHS = {"s": (64, 92, 192, 384, 1280), "m": (64, 128, 256, 512, 2048),   # S: the released config's 92
          "l": (64, 160, 320, 640, 2560), "xl": (64, 200, 400, 800, 3200)}


class ParNet(nn.Module):
    """Parallel-stream non-deep network.

    Args:
        widths: (stem, stream 1, stream 2, stream 3, final) channels.
        stream_blocks: ParNet blocks in streams 1, 2, 3 (4, 5, 5 in the paper).
        dropout: before the classifier (0.1 in the released L and XL configurations, 0 for S and M).
        gate: "sigmoid" (paper Fig. 2, default) or "2sigmoid" (official code) in the downsampling and
            fusion blocks' SE gate.
    """

    @checked
    def __init__(self, widths: Sequence[int] = WIDTHS["s"], stream_blocks: Sequence[int] = (4, 5, 5),
                 num_classes: int = 1000, in_channels: int = 3, dropout: float = 0.0, gate: str = "sigmoid"):
        super().__init__()
        check_positive_int("num_classes", num_classes)
        check_positive_int("in_channels", in_channels)
        if len(widths) != 5:
            raise ValueError(f"widths={tuple(widths)} must have 5 entries (stem, stream 1-3, final)")
        for w in widths:
            check_positive_int("widths", w)
        if len(stream_blocks) != 3:
            raise ValueError(f"stream_blocks={tuple(stream_blocks)} must have 3 entries (one per stream)")
        for n in stream_blocks:
            check_positive_int("stream_blocks", n, minimum=0)
        if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
            raise ValueError(f"dropout={dropout!r} must be a probability in [0, 1)")
        self.in_channels = in_channels
        w0, w1, w2, w3, w_last = widths
        self.downsample1 = DownsamplingBlock(in_channels, w0, gate=gate)   # (N, 3, 224) -> (N, w0, 112)
        self.downsample2 = DownsamplingBlock(w0, w1, gate=gate)      # -> (N, w1, 56)   input of stream 1
        self.downsample3 = DownsamplingBlock(w1, w2, gate=gate)      # -> (N, w2, 28)   input of stream 2
        self.downsample4 = DownsamplingBlock(w2, w3, gate=gate)      # -> (N, w3, 14)   input of stream 3
        self.stream1 = nn.Sequential(*[ParNetBlock(w1) for _ in range(stream_blocks[0])])
        self.stream1_down = DownsamplingBlock(w1, w2, gate=gate)    # (N, w1, 56) -> (N, w2, 28)
        self.stream2 = nn.Sequential(*[ParNetBlock(w2) for _ in range(stream_blocks[1])])
        self.fusion2 = FusionBlock(w2, w3, stride=2, gate=gate)     # two (N, w2, 28) -> (N, w3, 14)
        self.stream3 = nn.Sequential(*[ParNetBlock(w3) for _ in range(stream_blocks[2])])
        self.fusion3 = FusionBlock(w3, w3, stride=1, gate=gate)     # two (N, w3, 14) -> (N, w3, 14)
        self.downsample5 = DownsamplingBlock(w3, w_last, gate=gate) # -> (N, w_last, 7)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(w_last, num_classes)
        self.out_channels = w_last

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        check_input(x, self.in_channels)
        if x.shape[-2] % 32 or x.shape[-1] % 32:                    # also catches sides below 32
            raise ValueError(f"x spatial size {tuple(x.shape[-2:])} must be a multiple of 32 (32, 64, ..., 224) "
                             "for ParNet: five stride-2 blocks halve it, and each needs an even side; pad the "
                             "image (28x28 digits to 32x32: F.pad(x, (2, 2, 2, 2)))")
        x1 = self.downsample2(self.downsample1(x))                  # stream 1 input, 1/4 resolution
        x2 = self.downsample3(x1)                                   # stream 2 input, 1/8
        x3 = self.downsample4(x2)                                   # stream 3 input, 1/16
        y = self.stream1_down(self.stream1(x1))                     # 1/8
        y = self.fusion2(self.stream2(x2), y)                       # 1/16
        y = self.fusion3(self.stream3(x3), y)                       # 1/16
        return self.downsample5(y)                                  # (N, w_last, H/32, W/32)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.avgpool(self.forward_features(x)), 1)
        return self.fc(self.dropout(x))

    def reparameterize(self) -> "ParNet":
        """Fuse every block's conv-BN branches into single 3x3 convs (inference form); returns self."""
        for m in list(self.modules()):
            if isinstance(m, (ParNetBlock, DownsamplingBlock)):
                m.reparameterize()
        return self.eval()


# builder -> (widths, its defaults); the released configs
CONFIGS = {
    "parnet_s": (WIDTHS["s"], {}),
    "parnet_m": (WIDTHS["m"], {}),
    "parnet_l": (WIDTHS["l"], {"dropout": 0.1}),
    "parnet_xl": (WIDTHS["xl"], {"dropout": 0.1}),
}


def _build(variant: str, **kw) -> ParNet:
    widths, defaults = CONFIGS[variant]
    return ParNet(widths, **{**defaults, **kw})


# one keyword-only builder per row: name(*, num_classes=1000, **kw) = _build("name", num_classes=num_classes, **kw)
parnet_s = variant_builder(_build, "parnet_s", "ParNet-S: widths (64, 92, 192, 384, 1280) as released "
                           "(Table 7 prints 96) (paper: 19.0 M parameters).")
parnet_m = variant_builder(_build, "parnet_m", "ParNet-M: widths (64, 128, 256, 512, 2048) (paper: 35.6 M parameters).")
parnet_l = variant_builder(_build, "parnet_l", "ParNet-L: widths (64, 160, 320, 640, 2560), dropout 0.1 as released "
                           "(paper: 54.9 M parameters).")
parnet_xl = variant_builder(_build, "parnet_xl",
                            "ParNet-XL: widths (64, 200, 400, 800, 3200), dropout 0.1 (paper: 85.0 M parameters).")
