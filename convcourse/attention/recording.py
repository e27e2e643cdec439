"""Recording attention maps is opt-in: a module's ``forward`` changes nothing outside it unless asked.

``with record_attention(model): model(x)`` switches recording on for every attention module inside ``model``;
each then keeps its map of that forward pass (detached) in ``module.last_attention`` -- a tensor, or a dict of
tensors when it has several -- which stays readable after the ``with``. Outside the ``with`` nothing is kept, so
a training loop holds no extra (N, HW, HW) tensor (Non-local at 56 x 56: 39 MB per image).
"""
from __future__ import annotations

from contextlib import contextmanager

import torch
from torch import nn


class RecordsAttention(nn.Module):
    """Base of the attention modules: ``self.record(map)`` in ``forward`` keeps ``map`` only while recording."""

    recording = False

    def record(self, attention, name: str = "last_attention") -> None:
        """Keep ``attention`` (detached) as ``self.<name>`` inside ``record_attention``; otherwise do nothing."""
        if self.recording:
            setattr(self, name, _detached(attention))


def _detached(attention):
    if isinstance(attention, dict):
        return {k: _detached(v) for k, v in attention.items()}
    return attention.detach() if isinstance(attention, torch.Tensor) else attention


@contextmanager
def record_attention(model: nn.Module):
    """Record the attention maps of every attention module in ``model`` (or of ``model`` itself) while active.

    Yields the list of those modules; their ``last_attention`` is cleared on entry and kept after exit.
    """
    if not isinstance(model, nn.Module):
        raise ValueError(f"model must be an nn.Module (a network or one attention module), got {type(model).__name__}")
    modules = [m for m in model.modules() if isinstance(m, RecordsAttention)]
    if not modules:
        raise ValueError(f"{type(model).__name__} contains no attention module that records a map "
                         "(SE, CBAM, ECA, scSE, SimAM, Non-local, GC, DANet, ParNet's SSE)")
    before = [m.recording for m in modules]
    for m in modules:
        m.recording = True
        m.last_attention = None
    try:
        yield modules
    finally:
        for m, was in zip(modules, before):
            m.recording = was


__all__ = ["RecordsAttention", "record_attention"]
