"""How YAML 1.1 tools would read a plain scalar that podlint (YAML 1.2) read differently.

podlint reads YAML 1.2 (core schema), as JSON-compatible tools do. PyYAML, yq v3, Ruby's Psych and Go's
yaml.v2 still follow YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, ``0755`` is octal,
``1:30`` is a base-60 number and ``6490e74`` is a string. A pod whose meaning depends on the tool that
converts it to JSON is a trap: the same file deploys differently from different pipelines.
"""

from __future__ import annotations

import math
import re
from typing import Any

from podlint.loader.limits import MAX_INT_DIGITS, int_literal

_BOOL_11 = {
    **dict.fromkeys(
        ("yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "on", "On", "ON"), True
    ),
    **dict.fromkeys(
        ("no", "No", "NO", "n", "N", "false", "False", "FALSE", "off", "Off", "OFF"), False
    ),
}
_NULL_11 = {"~", "null", "Null", "NULL", ""}
_INT_11 = re.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
)
_FLOAT_11 = re.compile(
    r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _sexagesimal(text: str) -> float:
    sign = -1 if text.startswith("-") else 1
    total = 0.0
    for part in text.lstrip("+-").split(":"):
        total = total * 60 + float(part)
    return sign * total


def _bounded(value: int) -> int | float:
    """An int Python can still print (see podlint.loader.limits), else an infinite float."""
    if value.bit_length() > MAX_INT_DIGITS * 3:
        return math.inf if value > 0 else -math.inf
    return value


def resolve_yaml11(text: str) -> Any:
    """The value a YAML 1.1 loader (PyYAML's resolver, plus the spec's y/n) gives a plain scalar."""
    if text in _BOOL_11:
        return _BOOL_11[text]
    if text in _NULL_11:
        return None
    if _INT_11.fullmatch(text):
        body = text.replace("_", "")
        sign = -1 if body.startswith("-") else 1
        digits = body.lstrip("+-")
        if ":" in digits:
            total = _sexagesimal(body)
            return int(total) if math.isfinite(total) else total
        if digits.startswith("0b"):
            return _bounded(sign * int(digits[2:], 2))
        if digits.startswith("0x"):
            return _bounded(sign * int(digits[2:], 16))
        if digits != "0" and digits.startswith("0"):
            return _bounded(sign * int(digits, 8))
        # Decimal: read as the loader reads it, so a number too long to print is infinite.
        return int_literal(body.lstrip("+"))
    if _FLOAT_11.fullmatch(text):
        body = text.replace("_", "")
        lowered = body.lower()
        if lowered.endswith(".inf"):
            return -math.inf if body.startswith("-") else math.inf
        if lowered.endswith(".nan"):
            return math.nan
        if ":" in body:
            return _sexagesimal(body)
        return float(body)
    return text


def _same(a: Any, b: Any) -> bool:
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


def yaml11_difference(text: str, value: Any) -> Any | None:
    """The YAML 1.1 reading of ``text`` when it differs from ``value`` (podlint's reading), else None.

    Returns a one-element tuple so that a 1.1 reading of ``None`` is distinguishable from "no
    difference".
    """
    # A decimal integer without a leading zero (most numbers in a pod) reads alike in both.
    if (
        type(value) is int
        and text.isdigit()
        and text.isascii()
        and text[0] != "0"
        and len(text) <= MAX_INT_DIGITS
        and int(text) == value
    ):
        return None
    other = resolve_yaml11(text)
    if _same(other, value):
        return None
    return (other,)


def describe_reading(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    return f'the string "{value}"'
