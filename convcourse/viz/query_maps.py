"""Query maps of pairwise (HW x HW) attention: Non-local, DANet's position attention, GCNet's analysis.

A pairwise attention map A of shape (HW, H'W') has one row per *query* position; reshaping a row to
(H', W') shows where that query looks. These helpers pick rows, place queries on targets, and measure
how much the rows differ (GCNet, arXiv:1904.11492, Sec. 3.1: the maps of different queries are almost the same).
"""
from __future__ import annotations

import torch

from .._checks import check_box, check_map, check_pair, checked
from .maps import one_sample


def _one_sample(affinity) -> torch.Tensor:
    a = one_sample("affinity", affinity, "(HW, H'W')")
    if a.dim() != 2:
        raise ValueError(f"affinity must have shape (HW, H'W') or (1, HW, H'W'), got {tuple(a.shape)}")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise ValueError(f"affinity={tuple(a.shape)} has no rows or no columns: it must hold one attention map "
                         "(a row) per query position, so at least one of each")
    return a


@checked
def box_query(box, image_size, feature_size) -> tuple[int, int]:
    """The feature-map cell (row, col) under the centre of ``box`` = (top, left, bottom, right) in image pixels."""
    ih, iw = check_pair("image_size", image_size)
    fh, fw = check_pair("feature_size", feature_size)
    top, left, bottom, right = check_box("box", box, ih, iw)
    cy, cx = (top + bottom) / 2, (left + right) / 2
    return min(int(cy * fh / ih), fh - 1), min(int(cx * fw / iw), fw - 1)


@checked
def query_map(affinity, query, feature_size, key_size=None) -> torch.Tensor:
    """Row of ``affinity`` for ``query`` = (row, col) on the (H, W) query grid, reshaped to the key grid.

    ``key_size`` is the key grid (H', W'); it defaults to ``feature_size`` (no sub-sampling).
    """
    a = _one_sample(affinity)
    h, w = check_pair("feature_size", feature_size)
    kh, kw = check_pair("key_size", key_size if key_size is not None else feature_size)
    if a.shape != (h * w, kh * kw):
        raise ValueError(f"affinity has shape {tuple(a.shape)}, expected ({h}*{w}, {kh}*{kw}) = ({h * w}, {kh * kw})")
    r, c = check_pair("query", query, minimum=0)
    if not (0 <= r < h and 0 <= c < w):
        raise ValueError(f"query={tuple(query)} must lie on the {h}x{w} grid")
    return a[r * w + c].view(kh, kw)


@checked
def query_map_distance(affinity) -> float:
    """Mean cosine distance between the attention maps (rows) of all pairs of query positions.

    GCNet's measure (Sec. 3.1, Table 1): ~0 means every query sees the same map (query-independent);
    distinct maps give values well above 0 (the ceiling is 1 for non-negative maps).
    """
    a = _one_sample(affinity)
    a = a / a.norm(dim=1, keepdim=True).clamp_min(1e-12)
    cos = a @ a.T                                                       # (HW, HW) cosine similarities
    n = a.shape[0]
    return float((1 - cos).sum() / (n * n))


@checked
def peak_in_box(attention, box, image_size) -> bool:
    """Whether the largest value of ``attention`` (h, w), resized (bilinear) to ``image_size``, lies inside
    ``box`` = (top, left, bottom, right) in image pixels. Complements ``attention_mass_in_box`` for peaky maps."""
    import torch.nn.functional as F

    ih, iw = check_pair("image_size", image_size)
    att = check_map("attention", attention)
    top, left, bottom, right = check_box("box", box, ih, iw)
    att = F.interpolate(att[None, None], size=(ih, iw), mode="bilinear", align_corners=False)[0, 0]
    r, c = divmod(int(att.argmax()), iw)
    return top <= r < bottom and left <= c < right


@checked
def plot_query_maps(image, affinity, queries, feature_size, key_size=None, box=None, axes=None,
                    titles=None):
    """One overlay per query: the query's attention map over ``image``, the query marked with a white x.

    ``box`` (top, left, bottom, right) in image pixels is drawn as a white rectangle. Returns the axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from .maps import overlay_heatmap

    img = torch.as_tensor(image)
    ih, iw = img.shape[-2:]
    h, w = check_pair("feature_size", feature_size)
    if axes is None:
        _, axes = plt.subplots(1, len(queries), figsize=(3 * len(queries), 3.2), squeeze=False)
        axes = axes[0]
    for k, (ax, q) in enumerate(zip(axes, queries)):
        overlay_heatmap(img, query_map(affinity, q, feature_size, key_size), ax=ax,
                        title=titles[k] if titles else f"查询 {tuple(q)}", colorbar=k == len(queries) - 1)
        ax.plot((q[1] + 0.5) * iw / w - 0.5, (q[0] + 0.5) * ih / h - 0.5, "wx", markersize=10, mew=2.5)
        if box is not None:
            top, left, bottom, right = (float(v) for v in box)
            ax.add_patch(Rectangle((left - 0.5, top - 0.5), right - left, bottom - top, fill=False,
                                   edgecolor="white", linewidth=1.5))
    return axes


@checked
def target_query_scores(affinities, boxes, image_size, feature_size) -> tuple[float, float, float]:
    """For each sample, the query under the centre of its target box (``box_query``): where does it look?

    ``affinities`` (N, HW, H'W'), ``boxes`` (N, 4) in image pixels. Returns the means over the samples of
    (attention mass inside the box, the box's share of the image, AUROC of in-box vs out-of-box pixels); the
    mass is min-subtracted and normalised as in ``attention_mass_in_box``, the AUROC needs no such choice.
    """
    from .maps import attention_auroc_in_box, attention_mass_in_box

    if len(affinities) != len(boxes):
        raise ValueError(f"affinities has {len(affinities)} samples but boxes has {len(boxes)}: one box per sample")
    maps = [query_map(a, box_query(b, image_size, feature_size), feature_size) for a, b in zip(affinities, boxes)]
    pairs = [attention_mass_in_box(m, b, image_size) for m, b in zip(maps, boxes)]
    auroc = sum(attention_auroc_in_box(m, b, image_size) for m, b in zip(maps, boxes)) / len(maps)
    return sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs), auroc


__all__ = ["box_query", "peak_in_box", "plot_query_maps", "query_map", "query_map_distance", "target_query_scores"]
