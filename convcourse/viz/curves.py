"""Training curves of the demos: loss, and held-out accuracy with BN's running averages vs recomputed."""
from __future__ import annotations
from .._checks import checked


@checked
def plot_bn_curves(history, tracker, title: str | None = None, classes: int = 4):
    """Two panels: training loss per epoch; held-out accuracy per epoch, both ways of ``train.BNTracker``.

    ``classes``: how many classes the task has; the dotted line is guessing, 1 / classes (4 shapes, 10 digits).
    """
    import matplotlib.pyplot as plt

    epochs = list(range(1, len(history.loss) + 1))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.2))
    ax1.plot(epochs, history.loss, "o-", color="tab:blue")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("训练损失（每个 epoch 的平均）")
    ax1.set_xticks(epochs)
    ax2.plot(epochs, tracker.running, "o--", color="tab:red", label="BN 用滑动平均（model.eval() 的默认）")
    ax2.plot(epochs, tracker.recomputed, "s-", color="tab:green", label="BN 统计量在训练图上重新计算")
    if isinstance(classes, bool) or not isinstance(classes, int) or classes < 2:
        raise ValueError(f"classes={classes!r} must be an integer >= 2 (the dotted line is guessing, 1 / classes)")
    ax2.axhline(1 / classes, color="grey", lw=0.8, ls=":", label=f"瞎猜（{classes} 类）")
    ax2.set_ylim(0, 1.03)
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("测试准确率")
    ax2.set_xticks(epochs)
    ax2.legend(fontsize=8, loc="lower right")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


__all__ = ["plot_bn_curves"]
