"""Feature-map grids and attention heat-maps."""
from __future__ import annotations

import torch

from .._checks import check_box, check_map, check_number, check_pair, check_positive_int, checked


@checked
def one_sample(name: str, value, shape: str) -> torch.Tensor:
    """``value`` as a float CPU tensor, a leading batch of one dropped; ``shape`` names one sample: "(C, H, W)"."""
    t = torch.as_tensor(value).detach().float().cpu()
    if t.dim() == shape.count(",") + 2:                                 # one more axis than a sample: the batch
        if t.shape[0] != 1:
            raise ValueError(f"{name} has batch size {t.shape[0]}; pass one sample, shape {shape}")
        t = t[0]
    return t


def _as_2d_maps(fmap) -> torch.Tensor:
    t = one_sample("fmap", fmap, "(C, H, W)")
    if t.dim() == 2:
        t = t[None]
    if t.dim() != 3:
        raise ValueError(f"fmap must have shape (C, H, W), (1, C, H, W) or (H, W), got {tuple(t.shape)}")
    return t


@checked
def feature_grid(fmap, ncols: int = 8, max_maps: int = 32, title: str | None = None, cmap: str = "viridis"):
    """Show the first ``max_maps`` channels of a feature map as a grid of images; returns the figure."""
    import matplotlib.pyplot as plt

    check_positive_int("ncols", ncols)
    check_positive_int("max_maps", max_maps)
    maps = _as_2d_maps(fmap)[:max_maps]
    n = maps.shape[0]
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.3 * ncols, 1.3 * nrows + (0.4 if title else 0)),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(maps[i].numpy(), cmap=cmap)
            ax.set_title(f"c{i}", fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


@checked
def overlay_heatmap(image, attention, ax=None, alpha: float = 0.5, title: str | None = None,
                    cmap: str = "jet", colorbar: bool = False):
    """Draw ``attention`` (h, w) resized to ``image`` (H, W) or (3, H, W) over the image; returns the axes.

    The map is min-max normalised within the picture (0 = its smallest value, 1 = its largest), so colours
    compare places inside one picture, not pictures with each other; ``colorbar=True`` draws that scale.
    """
    import matplotlib.pyplot as plt
    import torch.nn.functional as F

    check_number("alpha", alpha, 0, 1)
    img = torch.as_tensor(image).detach().float().cpu()
    if img.dim() == 3 and img.shape[0] in (1, 3):
        img = img.permute(1, 2, 0)
    if img.dim() == 3 and img.shape[2] == 1:
        img = img[..., 0]
    if img.dim() not in (2, 3):
        raise ValueError(f"image must have shape (H, W), (1, H, W) or (3, H, W), got {tuple(img.shape)}")
    att = torch.as_tensor(attention).detach().float().cpu().squeeze()
    if att.dim() != 2:
        raise ValueError(f"attention must squeeze to (h, w), got {tuple(att.shape)}")
    att = F.interpolate(att[None, None], size=img.shape[:2], mode="bilinear", align_corners=False)[0, 0]
    att = (att - att.min()) / (att.max() - att.min() + 1e-12)
    img = (img - img.min()) / (img.max() - img.min() + 1e-12)
    if ax is None:
        _, ax = plt.subplots(figsize=(3.2, 3.2))
    ax.imshow(img.numpy(), cmap="gray" if img.dim() == 2 else None)
    ax.imshow(att.numpy(), cmap=cmap, alpha=alpha, vmin=0, vmax=1)
    ax.axis("off")
    if title:
        ax.set_title(title)
    if colorbar:
        add_overlay_colorbar(ax, cmap)
    return ax


@checked
def add_overlay_colorbar(ax, cmap: str = "jet"):
    """The scale of ``overlay_heatmap``'s colours beside ``ax``: 0 = the map's minimum, 1 = its maximum."""
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    cax = ax.inset_axes([1.04, 0.0, 0.06, 1.0])            # outside the panel: it keeps its size
    bar = ax.figure.colorbar(ScalarMappable(Normalize(0, 1), cmap), cax=cax, ticks=[0, 1])
    bar.ax.set_yticklabels(["最小", "最大"], fontsize=7)
    bar.set_label("图内归一化", fontsize=7, labelpad=-2)
    return bar


@checked
def attention_mass_in_box(attention, box, image_size=None) -> tuple[float, float]:
    """Share of attention mass inside ``box`` = (top, left, bottom, right) in image pixels.

    The map is resized (bilinear) to ``image_size`` first if given, made non-negative (min subtracted)
    and normalised to sum 1. The min subtraction matters: a map whose values all lie in [0.62, 1)
    (SimAM's sigmoid) is scored by its differences, not by its level. ``attention_auroc_in_box``
    gives a score that needs no such choice. Returns (mass inside the box, the box's share of the image area): a map
    that ignores the target scores about the area share; one that finds it scores more.
    """
    import torch.nn.functional as F

    att = check_map("attention", attention)
    if image_size is not None:
        size = check_pair("image_size", image_size)
        att = F.interpolate(att[None, None], size=size, mode="bilinear", align_corners=False)[0, 0]
    H, W = att.shape
    top, left, bottom, right = check_box("box", box, H, W)
    att = att - att.min()
    total = float(att.sum())
    if total == 0:
        inside = (bottom - top) * (right - left) / (H * W)
    else:
        inside = float(att[top:bottom, left:right].sum()) / total
    return inside, (bottom - top) * (right - left) / (H * W)


@checked
def attention_auroc_in_box(attention, box, image_size=None) -> float:
    """AUROC of the map as a detector of the box: P(a pixel inside scores above one outside), ties 1/2.

    Threshold-free and unchanged by any increasing transform of the map (min subtraction, sigmoid,
    scaling): 0.5 = no relation to the box, 1 = every inside pixel above every outside pixel,
    below 0.5 = the box is *lower* than its surroundings. Resized like ``attention_mass_in_box``.
    Computed from ranks (Mann-Whitney U / (n_in * n_out)).
    """
    import torch.nn.functional as F

    check_map("attention", attention)
    att = torch.as_tensor(attention).detach().double().cpu().squeeze()     # ranks in double, as given
    if image_size is not None:
        size = check_pair("image_size", image_size)
        att = F.interpolate(att[None, None], size=size, mode="bilinear", align_corners=False)[0, 0]
    H, W = att.shape
    top, left, bottom, right = check_box("box", box, H, W)
    inside = torch.zeros(H, W, dtype=torch.bool)
    inside[top:bottom, left:right] = True
    n_in = int(inside.sum())
    n_out = H * W - n_in
    if n_out == 0:
        raise ValueError(f"box={tuple(box)} covers the whole {H}x{W} map: nothing outside to compare with")
    _, inverse, counts = torch.unique(att.flatten(), return_inverse=True, return_counts=True)
    ends = counts.cumsum(0).double()
    ranks = (ends - (counts.double() - 1) / 2)[inverse]             # average rank of tied values, 1-based
    u = float(ranks[inside.flatten()].sum()) - n_in * (n_in + 1) / 2
    return u / (n_in * n_out)
