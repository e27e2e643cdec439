"""Channel-shuffle drawings: which channel goes where (ShuffleNet V1/V2, arXiv:1707.01083 Fig. 1, arXiv:1807.11164)."""
from __future__ import annotations

from .._checks import check_positive_int, checked
from ..blocks.shuffle import shuffle_permutation

MAX_DRAWN_CHANNELS = 64


@checked
def draw_shuffle(channels: int, groups: int, ax=None):
    """Two rows of coloured boxes: the channels before (top) and after ``channel_shuffle`` (bottom).

    A box's colour is the group the channel came from; lines join each channel's old and new position.
    Returns the axes. Raises ValueError if ``groups`` does not divide ``channels``.
    """
    import matplotlib.pyplot as plt

    check_positive_int("channels", channels)
    if channels > MAX_DRAWN_CHANNELS:
        raise ValueError(f"channels={channels} must be <= {MAX_DRAWN_CHANNELS} to stay readable in a drawing")
    perm = shuffle_permutation(channels, groups)          # validates groups
    per_group = channels // groups
    cmap = plt.get_cmap("tab10" if groups <= 10 else "tab20")
    colour = [cmap(i // per_group % cmap.N) for i in range(channels)]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.32 * channels + 1.5), 2.8))
    top, bottom = 1.0, 0.0
    for k, src in enumerate(perm):
        ax.plot([src, k], [top - 0.18, bottom + 0.18], color=colour[src], lw=1.0, alpha=0.8)
    for row_y, order in ((top, list(range(channels))), (bottom, perm)):
        for pos, ch in enumerate(order):
            ax.add_patch(plt.Rectangle((pos - 0.4, row_y - 0.18), 0.8, 0.36, facecolor=colour[ch],
                                       edgecolor="black", lw=0.5))
            if channels <= 32:
                ax.text(pos, row_y, str(ch), ha="center", va="center", fontsize=7, color="white")
    ax.set_xlim(-0.8, channels - 0.2)
    ax.set_ylim(-0.45, 1.45)
    ax.set_yticks([bottom, top], ["混洗后", "混洗前"])
    ax.set_xticks([])
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"通道混洗：C={channels}，g={groups}（颜色 = 来自哪一组，每组 {per_group} 个通道）")
    return ax


@checked
def show_shuffle(channels: int = 12, groups: int = 3) -> None:
    """Print the new channel order and draw it (the pure function behind the notebook's slider)."""
    import matplotlib.pyplot as plt

    perm = shuffle_permutation(channels, groups)
    ax = draw_shuffle(channels, groups)
    per_group = channels // groups
    print(f"C={channels}, g={groups}: 视作 {groups}x{per_group} 的表格 -> 转置成 {per_group}x{groups} -> 按行读出")
    shown = perm if channels <= 24 else perm[:24] + ["..."]
    print("混洗后第 k 个位置放的是原通道:", shown)
    plt.tight_layout()
    plt.show()
    del ax
