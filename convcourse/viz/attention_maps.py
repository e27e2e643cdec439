"""Attention maps of a trained network: collect them, overlay them on the input, score them.

Used by the attention notebooks (SE, CBAM, ECA, scSE, SimAM) with ``nets.tiny.TinyNet`` trained on
``data.make_shapes``: a map that "means something" puts more of its mass inside the target's box than
the box's share of the image.
"""
from __future__ import annotations

import torch
from torch import nn

from .._checks import check_pair, check_positive_int, check_positive_number, check_same_length, checked
from .._memory import release_memory
from .maps import attention_auroc_in_box, attention_mass_in_box, overlay_heatmap


@checked
def attention_modules(model: nn.Module, name: str) -> list[nn.Module]:
    """The modules of ``model`` whose class is the one registered as ``name`` (outermost only)."""
    from ..attention import attention_class

    cls = attention_class(name)
    return [m for m in model.modules() if type(m) is cls]


@torch.no_grad()
@checked
def collect_attention(model: nn.Module, name: str, images: torch.Tensor, batch_size: int = 64,
                      transform=None) -> list:
    """Run ``model`` on ``images`` (eval mode, recording on) and return each attention module's ``last_attention``.

    The images go through in batches of ``batch_size`` (peak memory stays that of one batch); the
    pieces are joined along the batch axis, so the result is the same as one big batch.
    ``transform`` (for example ``spatial_map``) is applied to every batch's attention before joining:
    a full 3-D map (SimAM: N x 16 x 48 x 48) then never exists for all images at once.
    Afterwards the modules' own ``last_attention`` is cleared (it held only the last batch).
    """
    from ..attention import record_attention

    check_positive_int("batch_size", batch_size)
    was = model.training
    model.eval()
    modules = attention_modules(model, name)
    pieces: list[list] = [[] for _ in modules]
    with record_attention(model):
        for start in range(0, len(images), batch_size):
            model(images[start:start + batch_size])
            for piece, m in zip(pieces, modules):
                piece.append(m.last_attention if transform is None else transform(m.last_attention))
    model.train(was)
    for m in modules:
        m.last_attention = None                          # the joined copy below is the one to keep
    release_memory()
    return [_join(p) for p in pieces]


def _join(parts: list):
    """Concatenate per-batch attention tensors (or dicts of them) along the batch axis."""
    if isinstance(parts[0], dict):
        return {k: torch.cat([p[k] for p in parts]) for k in parts[0]}
    return torch.cat(parts)


@checked
def spatial_map(attention, key: str | None = None) -> torch.Tensor:
    """A (N, h, w) map from a ``last_attention``: pick ``key`` of a dict, average a 3-D map over channels."""
    if isinstance(attention, dict):
        if key is None:
            raise ValueError(f"attention is a dict with keys {sorted(attention)}; pass key=")
        attention = attention[key]
    t = torch.as_tensor(attention).detach().float()
    if t.dim() != 4:
        raise ValueError(f"attention must have shape (N, C, h, w), got {tuple(t.shape)}")
    if t.shape[2] * t.shape[3] == 1:
        raise ValueError("this attention is one weight per channel (N, C, 1, 1): it has no spatial map")
    return t.mean(1)                                            # (N, C, h, w) -> (N, h, w)


@checked
def centre_map(n: int, image_size) -> torch.Tensor:
    """(n, H, W): one fixed map that never looks at the image, minus each pixel's distance to the canvas centre.

    The baseline a score must beat on translated digits: a 28x28 digit on a 40x40 canvas always covers the middle,
    so a map that only prefers the middle already puts much of its mass in the box and has a high AUROC.
    """
    check_positive_int("n", n)
    h, w = check_pair("image_size", image_size)
    yy, xx = torch.meshgrid(torch.arange(h, dtype=torch.float32), torch.arange(w, dtype=torch.float32), indexing="ij")
    distance = ((yy - (h - 1) / 2) ** 2 + (xx - (w - 1) / 2) ** 2).sqrt()
    return (-distance).expand(n, h, w)


@checked
def mass_in_box(maps: torch.Tensor, boxes: torch.Tensor, image_size) -> tuple[float, float]:
    """Mean over samples of (attention mass inside the box, box's share of the image).

    Each map is min-subtracted and normalised to sum 1 first (see ``attention_mass_in_box``).
    """
    check_same_length("maps", maps, "boxes", boxes)
    pairs = [attention_mass_in_box(m, b, image_size) for m, b in zip(maps, boxes)]
    return (sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs))


@checked
def auroc_in_box(maps: torch.Tensor, boxes: torch.Tensor, image_size) -> float:
    """Mean over samples of ``attention_auroc_in_box``: 0.5 = the map ignores the box, > 0.5 = higher inside."""
    check_same_length("maps", maps, "boxes", boxes)
    scores = [attention_auroc_in_box(m, b, image_size) for m, b in zip(maps, boxes)]
    return sum(scores) / len(scores)


@checked(size=check_positive_number)       # inches per panel, not pixels
def plot_overlays(images: torch.Tensor, rows: dict, boxes: torch.Tensor | None = None, titles=None,
                  size: float = 1.7):
    """Grid of overlays: one row per entry of ``rows`` (label -> (N, h, w) maps), one column per image.

    The first row shows the images themselves; ``boxes`` (N, 4) = (top, left, bottom, right) are drawn
    in white. Returns the figure.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    n = images.shape[0]
    fig, axes = plt.subplots(len(rows) + 1, n, figsize=(size * n, size * (len(rows) + 1)), squeeze=False)
    for j in range(n):
        axes[0, j].imshow(images[j].permute(1, 2, 0).clamp(0, 1).numpy())
        axes[0, j].axis("off")
        if titles is not None:
            axes[0, j].set_title(titles[j], fontsize=9)
        for i, (label, maps) in enumerate(rows.items(), start=1):
            overlay_heatmap(images[j], maps[j], ax=axes[i, j], colorbar=j == n - 1)   # one scale per row
            if j == 0:
                axes[i, j].text(-0.08, 0.5, label, transform=axes[i, j].transAxes, rotation=90,
                                ha="right", va="center", fontsize=9)
    if boxes is not None:
        for i in range(len(rows) + 1):
            for j in range(n):
                top, left, bottom, right = (float(v) for v in boxes[j])
                axes[i, j].add_patch(Rectangle((left - 0.5, top - 0.5), right - left, bottom - top,
                                               fill=False, edgecolor="white", lw=1.2, ls="--"))
    fig.tight_layout()
    return fig
