"""Runs inside a student's kernel while it is graded: reports what the student answered, nothing more.

The grader sends this file's source into the kernel (it does not import the kernel's ``convcourse``, which the
notebook may have changed) and calls one of its functions; the result comes back as one display output of type
:data:`MIME`. Nothing reported here is trusted: a value is only what the student answered (the grader judges it
against the key, in its own process), a coding task's output only what the student's module computed on the
weights and inputs the grader chose. A notebook that breaks this code gets no answers read, hence no credit.
"""
import base64

MIME = "application/vnd.convcourse.probe+json"
MAX_ITEMS = 4096


def _emit(obj):
    from IPython.display import publish_display_data

    publish_display_data({MIME: obj})


def _ns():
    return get_ipython().user_ns                                    # noqa: F821 - defined in a kernel


def _describe(x):
    shape = getattr(x, "shape", None)
    if shape is not None:
        return f"{type(x).__name__}（形状 {tuple(shape)}）"
    return f"{type(x).__name__} {repr(x).splitlines()[0][:40] if repr(x) else ''}"


def _plain(x, depth=0):
    """A student's answer as JSON: numbers, words, True/False, lists of numbers; else a description."""
    if x is None or x is Ellipsis:
        return {"unanswered": True}
    if isinstance(x, (bool, int, float, str)):
        if isinstance(x, str) and len(x) > 200:
            return {"unsupported": "一个很长的字符串"}
        if isinstance(x, float) and x != x:
            return {"unsupported": "NaN"}
        return {"value": x}
    shape = getattr(x, "shape", None)
    if shape is not None and hasattr(x, "tolist"):
        n = 1
        for s in shape:
            n *= int(s)
        if n == 1 and hasattr(x, "item"):
            return _plain(x.item(), depth + 1)
        if len(shape) == 1 and n <= MAX_ITEMS:
            return _sequence(x.tolist(), depth, x)
        return {"unsupported": _describe(x)}
    if isinstance(x, (tuple, list)) and len(x) <= MAX_ITEMS and depth == 0:
        return _sequence(list(x), depth, x)
    return {"unsupported": _describe(x)}


def _sequence(items, depth, original):
    out = []
    for v in items:
        p = _plain(v, depth + 1)
        if "value" not in p or isinstance(p["value"], str):
            return {"unsupported": _describe(original)}
        out.append(p["value"])
    return {"value": out}


def answers(names):
    """``{name: payload}`` for each answer variable."""
    ns = _ns()
    _emit({n: (_plain(ns[n]) if n in ns else {"missing": True}) for n in names})


def _build(name, args, kwargs):
    import inspect

    import torch
    from torch import nn

    obj = _ns().get(name)
    if obj is None:
        return None, {"missing": True}
    if inspect.isclass(obj) and issubclass(obj, nn.Module):
        make = lambda: obj(*args, **kwargs)                           # noqa: E731
    elif isinstance(obj, nn.Module):
        make = lambda: obj                                            # noqa: E731
    else:
        return None, {"not_module": type(obj).__name__}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        try:
            return make(), None
        except NotImplementedError:
            return None, {"unanswered": True}
        except Exception as e:                                       # noqa: BLE001 - reported in words
            return None, {"error": _one_line(e), "where": "init"}


def _one_line(e):
    text = str(e).strip().split("\n", 1)[0]
    return f"{type(e).__name__}: {text[:160]}" if text else type(e).__name__


def layout(name, args, kwargs):
    """The student's module's tensors: ``{"state": [[key, shape, floating], ...]}`` (or why there are none)."""
    module, problem = _build(name, args, kwargs)
    if problem is not None:
        _emit(problem)
        return
    _emit({"state": [[k, list(v.shape), bool(v.is_floating_point())] for k, v in module.state_dict().items()]})


def _tensor(blob):
    import torch

    data = bytearray(base64.b64decode(blob["data"]))
    return torch.frombuffer(data, dtype=torch.float64).reshape(blob["shape"]).clone()


def run(name, args, kwargs, weights, inputs):
    """Load ``weights`` into the student's module by key, run it in float64 on ``inputs``; the output."""
    import torch

    module, problem = _build(name, args, kwargs)
    if problem is not None:
        _emit(problem)
        return
    state = module.state_dict()
    with torch.no_grad():
        for key, blob in weights.items():
            state[key].copy_(_tensor(blob).to(state[key].dtype))
    module.double().eval()
    xs = [_tensor(b) for b in inputs]
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        try:
            y = module(*xs)
        except NotImplementedError:
            _emit({"unanswered": True})
            return
        except Exception as e:                                       # noqa: BLE001 - reported in words
            _emit({"error": _one_line(e), "where": "forward"})
            return
    if not isinstance(y, torch.Tensor):
        _emit({"not_tensor": type(y).__name__})
        return
    y = y.detach().to(torch.float64).contiguous()
    if y.numel() > 4_000_000:
        _emit({"error": f"输出有 {y.numel()} 个数，太大了", "where": "forward"})
        return
    _emit({"output": {"shape": list(y.shape), "data": base64.b64encode(y.numpy().tobytes()).decode("ascii")}})
