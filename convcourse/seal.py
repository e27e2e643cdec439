"""Sealed answers: what the student edition keeps so that ``check`` can say right or wrong without the answer.

For every exercise the instructor's key (``instructor/key/nNN.json``, never shipped) holds the answer; the package
holds only a *seal* made from it by ``python -m convcourse key publish``:

* the answer is brought to a **canonical form** -- a word in lower case, ``True``/``False``, an integer, or for a
  tolerant number the index of the narrow logarithmic bin it falls in (bins ``rel_tol`` wide, so every value
  within the tolerance lands in one of two or three bins);
* each canonical form that counts as right is stored only as the output of a slow, salted, memory-hard hash
  (``scrypt`` with 16 MiB per try, about 40 ms on one core here): ``check`` hashes the student's answer the same way and compares;
* the explanation shown after a right answer is encrypted with a key that only a right answer's hash unlocks.

What a student can learn from the student edition: whether a given answer is right -- exactly what ``check``
tells anyway -- at about 40 ms per guess, and nothing else: no answer, no explanation, no worked solution is
stored in a form that can be read back. Exercises with a handful of possible answers (multiple choice,
True/False) can of course be guessed by trying them all, as with any self-check.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import os
from ._checks import checked

SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "maxmem": 1 << 26}   # 16 MiB of memory per try
ABS_TOL = 1e-9
FORMS = ("bool", "text", "integer", "number", "tuple")
MAX_ACCEPTED = 4096            # canonical forms a tuple answer may expand to


class NotComparable(ValueError):
    """The answer cannot be brought to the exercise's form (a word where a number is due ...)."""


@checked
def form_of(answer, rel_tol: float) -> str:
    """The canonical form an exercise's answer takes."""
    if isinstance(answer, bool):
        return "bool"
    if isinstance(answer, str):
        return "text"
    if isinstance(answer, (list, tuple)):
        return "tuple"
    if isinstance(answer, (int, float)):
        return "integer" if _integer_like(answer, rel_tol) else "number"
    raise TypeError(f"an answer must be a bool, a word, a number or a tuple, not {type(answer).__name__}")


def _integer_like(v: float, rel_tol: float) -> bool:
    """An integer answer whose tolerance is narrower than half a unit: right means 'this integer'."""
    return float(v).is_integer() and rel_tol * abs(v) < 0.5


def _bin(x: float, rel_tol: float) -> str:
    if abs(x) <= ABS_TOL:
        return "0"
    step = math.log1p(max(rel_tol, 1e-12))
    return f"{'-' if x < 0 else '+'}{math.floor(math.log(abs(x)) / step)}"


def _number(x, form: str, rel_tol: float) -> str:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise NotComparable("not a finite number")
    if form == "integer":
        r = round(x)
        return f"i{int(r)}" if abs(x - r) <= max(rel_tol * abs(x), ABS_TOL) else f"f{x!r}"
    return f"n{_bin(x, rel_tol)}"


@checked
def canonical(value, form: str, rel_tol: float, element_forms=None) -> str:
    """The canonical form of a (plain Python) ``value`` for an exercise of ``form``."""
    if form == "bool":
        if not isinstance(value, bool):
            raise NotComparable("not True/False")
        return f"b{value}"
    if form == "text":
        if not isinstance(value, str):
            raise NotComparable("not a word")
        return "s" + value.strip().lower()
    if form == "tuple":
        if not isinstance(value, (list, tuple)) or len(value) != len(element_forms or ()):
            return f"t{len(value) if isinstance(value, (list, tuple)) else -1}"
        return "t" + "|".join(_number(v, f, rel_tol) for v, f in zip(value, element_forms))
    return _number(value, form, rel_tol)


def _accepted_numbers(v: float, form: str, rel_tol: float) -> list[str]:
    if form == "integer":
        return [f"i{int(round(v))}"]
    if abs(v) <= ABS_TOL:
        return ["n0"]
    lo, hi = sorted((v * (1 - rel_tol), v * (1 + rel_tol)))
    forms = {f"n{_bin(lo, rel_tol)}", f"n{_bin(hi, rel_tol)}", f"n{_bin(v, rel_tol)}"}
    if lo <= ABS_TOL <= hi or lo <= -ABS_TOL <= hi:
        forms.add("n0")
    step = math.log1p(rel_tol)
    if lo > 0 or hi < 0:                                          # every bin between the two ends
        sign = "+" if v > 0 else "-"
        a, b = sorted((math.floor(math.log(abs(lo)) / step), math.floor(math.log(abs(hi)) / step)))
        forms |= {f"n{sign}{k}" for k in range(a, b + 1)}
    return sorted(forms)


@checked
def accepted(answer, rel_tol: float) -> tuple[str, list, list[str]]:
    """(form, element forms, every canonical form within the tolerance of ``answer``)."""
    form = form_of(answer, rel_tol)
    if form in ("bool", "text"):
        return form, [], [canonical(answer, form, rel_tol)]
    if form != "tuple":
        return form, [], _accepted_numbers(answer, form, rel_tol)
    element_forms = [form_of(v, rel_tol) for v in answer]
    options = [_accepted_numbers(v, f, rel_tol) for v, f in zip(answer, element_forms)]
    combos = [""]
    for opts in options:
        combos = [c + ("|" if c else "") + o for c in combos for o in opts]
        if len(combos) > MAX_ACCEPTED:
            raise ValueError(f"a tuple answer with this tolerance expands to more than {MAX_ACCEPTED} forms")
    return form, element_forms, ["t" + c for c in combos]


def _derive(text: str, salt: bytes, exercise_id: str) -> tuple[bytes, bytes]:
    key = hashlib.scrypt(text.encode("utf-8"), salt=salt + exercise_id.encode(), dklen=64, **SCRYPT)
    return key[:32], key[32:]


def _stream(key: bytes, n: int) -> bytes:
    return hashlib.shake_256(b"convcourse-explain" + key).digest(n)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b))


@checked
def make_seal(exercise_id: str, answer, rel_tol: float, explain: str = "") -> dict:
    """The seal of ``answer`` (and, encrypted under it, ``explain``) for the package's exercise file."""
    form, element_forms, forms = accepted(answer, rel_tol)
    salt = os.urandom(16)
    content = os.urandom(32)
    entries = []
    for text in forms:
        verifier, wrap = _derive(text, salt, exercise_id)
        entries.append(verifier.hex() + (_xor(content, wrap).hex() if explain else ""))
    sealed = {"form": form, "salt": salt.hex(), "accept": sorted(entries)}
    if element_forms:
        sealed["elements"] = element_forms
    if explain:
        data = explain.encode("utf-8")
        sealed["explain"] = _xor(data, _stream(content, len(data))).hex()
    return sealed


@checked
def open_seal(sealed: dict, exercise_id: str, value, rel_tol: float) -> tuple[bool, str]:
    """(is ``value`` right?, the explanation if it is and there is one). Raises NotComparable."""
    text = canonical(value, sealed["form"], rel_tol, sealed.get("elements"))
    verifier, wrap = _derive(text, bytes.fromhex(sealed["salt"]), exercise_id)
    for entry in sealed["accept"]:
        if hmac.compare_digest(bytes.fromhex(entry[:64]), verifier):
            explain = ""
            if "explain" in sealed and len(entry) > 64:
                content = _xor(bytes.fromhex(entry[64:]), wrap)
                data = bytes.fromhex(sealed["explain"])
                explain = _xor(data, _stream(content, len(data))).decode("utf-8", errors="replace")
            return True, explain
    return False, ""


@checked
def seal_holds(sealed: dict, exercise_id: str, answer, rel_tol: float, explain: str = "") -> bool:
    """Does ``sealed`` still describe ``answer`` (and ``explain``)? Lets ``key publish`` keep unchanged seals."""
    try:
        form, element_forms, forms = accepted(answer, rel_tol)
    except (TypeError, ValueError):
        return False
    if sealed.get("form") != form or sealed.get("elements", []) != element_forms or \
            len(sealed.get("accept", ())) != len(forms) or bool(explain) != ("explain" in sealed):
        return False
    salt = bytes.fromhex(sealed["salt"])
    verifiers = {e[:64] for e in sealed["accept"]}
    for text in forms:
        verifier, _ = _derive(text, salt, exercise_id)
        if verifier.hex() not in verifiers:
            return False
    if explain:
        ok, shown = open_seal(sealed, exercise_id, answer, rel_tol)
        return ok and shown == explain
    return True


__all__ = ["FORMS", "NotComparable", "accepted", "canonical", "form_of", "make_seal", "open_seal", "seal_holds"]
