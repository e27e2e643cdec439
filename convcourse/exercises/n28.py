"""Planted mistakes for the coding exercise of notebook 28 (U-Net).

The exercises themselves are data, in ``n28.json``: a mistake there names one of these functions
(``"variant"``) and, where it has them, the keyword arguments it is called with (``"with"``).
Each function is ``fn(reference_module, x) -> output``: the reference module run the wrong way.
"""
import torch


def _unet(m, x, centre=True, skip_first=True):
    """A variant of the reference U-Net's forward (planted mistakes)."""
    skips = []
    for block in m.down:
        x = block(x)
        skips.append(x)
        x = m.pool(x)
    x = m.bottom(x)
    for up, conv, skip in zip(m.up, m.up_convs, reversed(skips)):
        x = up(x)
        h, w = x.shape[-2:]
        top, left = ((skip.shape[-2] - h) // 2, (skip.shape[-1] - w) // 2) if centre else (0, 0)
        skip = skip[..., top:top + h, left:left + w]
        x = conv(torch.cat([skip, x] if skip_first else [x, skip], 1))
    return m.head(x)
