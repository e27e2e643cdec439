"""Judging a coding exercise: the student's module against the package's reference, described in words.

The reference is built, its parameters and BN statistics are randomised (so a zero-initialised branch or an
identity BN cannot hide a mistake), the same tensors are copied into the student's module, both run in float64
on random inputs (entries at least 0.1 away from zero, so ``output / input`` is a stable attention weight), and
the outputs are compared. A difference is explained, most specific first: planted mistakes of the exercise,
wrong shape, wrong channel order, missing or extra sigmoid / softmax / ReLU / residual, wrong scale. The
reference code itself is never shown. The global random state of the notebook is left as it was.
"""
from __future__ import annotations

import importlib
import inspect

import torch
from torch import nn


def _one_line(e: BaseException) -> str:
    text = str(e).strip().split("\n", 1)[0]
    return f"{type(e).__name__}: {text[:160]}" if text else type(e).__name__


def _reference_class(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _randomise(module: nn.Module, gen: torch.Generator) -> None:
    with torch.no_grad():
        for name, t in module.state_dict().items():
            if not t.is_floating_point():
                continue
            if name.endswith("running_var"):
                t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
            elif name.endswith("running_mean"):
                t.copy_(torch.randn(t.shape, generator=gen) * 0.1)
            else:
                scale = float(t.std()) if t.numel() > 1 and float(t.std()) > 0 else 1.0
                t.add_(torch.randn(t.shape, generator=gen) * 0.2 * scale)


def _tensors(sd: dict) -> list:
    return [(k, v) for k, v in sd.items() if not k.endswith("num_batches_tracked")]


def plan_copy(ref_items: list, student_items: list) -> tuple[dict, str]:
    """Which reference tensor goes into which tensor of the student's module.

    Both lists hold ``(name, shape)`` of the floating-point tensors in state-dict order (``num_batches_tracked``
    left out). Same names and shapes: by name; else by position, when every shape fits. Returns
    ``({student name: reference name}, '')`` or ``({}, what does not fit)``.
    """
    rs, ss = dict(ref_items), dict(student_items)
    if set(rs) == set(ss) and all(tuple(rs[k]) == tuple(ss[k]) for k in rs):
        return {k: k for k in rs}, ""
    for i, ((rk, rv), (sk, sv)) in enumerate(zip(ref_items, student_items)):
        if tuple(rv) != tuple(sv):
            return {}, (f"你的模块里第 {i + 1} 个参数张量 `{sk}` 的形状是 {tuple(sv)}，本课的模块在这个位置是 "
                        f"{tuple(rv)}：__init__ 里的层（顺序、通道数、卷积核大小、bias）要和骨架一致。")
    if len(ref_items) != len(student_items):
        return {}, (f"你的模块有 {len(student_items)} 个参数张量，本课的模块有 {len(ref_items)} 个："
                    "__init__ 里的层要和骨架一致（不要增删层，也不要改 bias=False）。")
    return {sk: rk for (rk, _), (sk, _) in zip(ref_items, student_items)}, ""


def tensor_items(state: dict) -> list:
    """``(name, shape)`` of a state dict's tensors that carry values (``num_batches_tracked`` left out)."""
    return [(k, tuple(v.shape)) for k, v in state.items() if not k.endswith("num_batches_tracked")]


def _copy_weights(ref: nn.Module, student: nn.Module) -> str:
    """Copy ref's tensors into student (same names, else same order and shapes); '' or what does not fit."""
    rs, ss = ref.state_dict(), student.state_dict()
    mapping, problem = plan_copy(tensor_items(rs), tensor_items(ss))
    if problem:
        return problem
    with torch.no_grad():
        for sk, rk in mapping.items():
            ss[sk].copy_(rs[rk])
    return ""


def _close(a, b, atol) -> bool:
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=1e-5, atol=atol))


def _channel_permutation(y, r, atol) -> bool:
    """Every channel of y equals some channel of r, but not in the same order."""
    if y.ndim < 2 or y.shape[1] < 2:
        return False
    Y = y.transpose(0, 1).reshape(y.shape[1], -1)
    R = r.transpose(0, 1).reshape(r.shape[1], -1)
    d = torch.cdist(Y, R)
    best = d.argmin(dim=1)
    tol = atol * 10 + 1e-5 * float(R.abs().max())
    matched = bool((d.gather(1, best[:, None]) <= tol * Y.shape[1] ** 0.5).all())
    return matched and len(set(best.tolist())) == Y.shape[0] and best.tolist() != list(range(Y.shape[0]))


def _sums_to_one(t, dim) -> bool:
    return bool((t >= 0).all()) and bool(torch.allclose(t.sum(dim), torch.ones(()).to(t), atol=1e-6))


def describe(y, r, x, atol: float = 1e-6, gate: bool = False) -> str:
    """'' when y matches r, else one sentence on how it differs (never the reference's values)."""
    if not isinstance(y, torch.Tensor):
        return f"forward 应当返回一个张量，而你的返回了 {type(y).__name__}。"
    y = y.double()
    if y.shape != r.shape:
        if y.numel() == r.numel() and sorted(y.shape) == sorted(r.shape):
            return f"输出形状是 {tuple(y.shape)}，应为 {tuple(r.shape)}：维度的顺序不对（应当是 (N, C, H, W)）。"
        return f"输出形状是 {tuple(y.shape)}，应为 {tuple(r.shape)}。"
    if _close(y, r, atol):
        return ""
    F = torch.nn.functional
    same_as_x = x is not None and x.shape == r.shape
    if _channel_permutation(y, r, atol):
        return "每个通道的数值都对，但通道的顺序不对（拼接 / 分组 / 混洗的次序）。"
    if y.ndim == 4 and y.shape[-1] == y.shape[-2] and _close(y.transpose(-1, -2), r, atol):
        return "高和宽对调了。"
    if gate and same_as_x:
        gy, gr = y / x, r / x
        if _close(torch.sigmoid(gy), gr, atol):
            return "注意力权重少了 sigmoid：权重应当先压到 (0, 1) 再乘回输入。"
        if _close(gy, torch.sigmoid(gr), atol):
            return "注意力权重多了一次 sigmoid。"
        if _close(gy - 1, gr, atol):
            return "多加了输入本身：这个模块的输出就是“输入 × 注意力权重”，没有残差捷径。"
        if _close(gy, 1 - gr, atol):
            return "注意力权重取反了（用了 1 − 权重）。"
    if _close(torch.sigmoid(y), r, atol):
        return "缺少最后的 sigmoid。"
    if _close(y, torch.sigmoid(r), atol):
        return "多了一个 sigmoid。"
    for d in range(1, y.ndim):
        if _close(F.softmax(y, d), r, atol):
            return f"缺少 softmax（沿第 {d} 维）。"
        if _close(y, F.softmax(r, d), atol):
            return "多了一个 softmax。"
    for d in range(1, r.ndim):
        if _sums_to_one(r, d) and not _sums_to_one(y, d) and any(_sums_to_one(y, e) for e in range(1, y.ndim)):
            return f"softmax 的维度不对：应当沿第 {d} 维归一化。"
    if same_as_x:
        if _close(y + x, r, atol) or _close(F.relu(y + x), r, atol):
            return "少了残差连接：输出要加上输入（捷径分支）。"
        if _close(y - x, r, atol):
            return "多加了一次输入：残差连接只加一次（或这里本就不该有捷径）。"
    if _close(F.relu(y), r, atol):
        return "最后少了 ReLU（或激活函数）。"
    if _close(y, F.relu(r), atol):
        return "最后多了一个 ReLU：这一层的输出不该再过激活。"
    c = float((y * r).sum() / (r * r).sum().clamp_min(1e-30))
    if abs(c - 1) > 1e-3 and _close(y, c * r, atol * max(1.0, abs(c))):
        return f"差一个常数倍：你的输出约是正确值的 {c:.3g} 倍（缩放因子、求和与平均、除以几？）。"
    err = float((y - r).abs().max())
    return f"形状对了，但数值与本课的模块不一致（最大偏差 {err:.2g}）。"


def reference(ex) -> tuple[nn.Module, torch.Generator]:
    """The exercise's reference module with randomised weights and BN statistics (seeded: the same every time)."""
    gen = torch.Generator().manual_seed(0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        ref = _reference_class(ex.reference)(*ex.args, **ex.kwargs)
    _randomise(ref, gen)
    return ref, gen


def random_inputs(ex, gen: torch.Generator) -> list:
    """The inputs both modules run on, in float64, every entry at least 0.1 away from zero."""
    xs = []
    for shape in ex.inputs:
        t = torch.randn(shape, generator=gen, dtype=torch.float64)
        xs.append(torch.sign(t) * (t.abs() + 0.1))
    return xs


def judge_output(ex, ref: nn.Module, xs: list, y) -> tuple[bool, str]:
    """The verdict on ``y``, what the student's module returned for ``xs`` (``ref`` is in float64, eval mode)."""
    with torch.no_grad():
        r = ref(*xs)
        if isinstance(y, torch.Tensor) and y.shape == r.shape and not _close(y.double(), r, ex.atol):
            for m in ex.mistakes:
                if _close(y.double(), m.fn(ref, *xs).double(), ex.atol):
                    return False, m.message
    message = describe(y, r, xs[0], ex.atol, ex.gate)
    return message == "", message


def student_arguments(ex) -> tuple[tuple, dict]:
    args = ex.args if ex.student_args is None else ex.student_args
    kwargs = ex.kwargs if ex.student_kwargs is None else ex.student_kwargs
    return args, kwargs


def judge_module(ex, answer) -> tuple[bool, str]:
    from .check import _Invalid, _Unanswered

    if inspect.isclass(answer) and issubclass(answer, nn.Module):
        args, kwargs = student_arguments(ex)
        make = lambda: answer(*args, **kwargs)                            # noqa: E731
    elif isinstance(answer, nn.Module):
        make = lambda: answer                                             # noqa: E731
    else:
        raise _Invalid(f"请把你写好的类本身（例如 {ex.name or 'MyModule'}，不带括号）传给 check；"
                       f"你给的是 {type(answer).__name__}")
    ref, gen = reference(ex)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        try:
            student = make()
        except NotImplementedError:
            raise _Unanswered from None
        except Exception as e:                                           # noqa: BLE001 - said in words
            return False, f"构造你的模块时出错：{_one_line(e)}。"
    problem = _copy_weights(ref, student)
    if problem:
        return False, problem
    ref.double().eval()
    student.double().eval()
    xs = random_inputs(ex, gen)
    with torch.no_grad():
        try:
            y = student(*xs)
        except NotImplementedError:
            raise _Unanswered from None
        except Exception as e:                                           # noqa: BLE001 - said in words
            return False, f"运行 forward 时出错：{_one_line(e)}。"
    return judge_output(ex, ref, xs, y)
