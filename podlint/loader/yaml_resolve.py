"""Typing of plain YAML scalars the YAML 1.2 way, and what a YAML 1.1 reader would make of them.

podlint reads YAML as YAML 1.2, exactly like ruamel.yaml's default (1.2) resolver: ``yes`` and ``on``
are strings, ``0755`` is the decimal 755, ``6490e74`` is a float, ``1_000`` is 1000. PyYAML and many
other tools still read YAML 1.1, where ``yes`` is true and ``0755`` is 493. So besides the value, the
resolver says whether the source text should be recorded in ``Document.plain_scalars``: every plain
scalar that is not a string in 1.2, and every one that a 1.1 reader would type differently. The
schema layer uses that record to warn about typing surprises.

Timestamps (``2024-01-31``) are the one place where podlint differs from ruamel: JSON has no dates,
so they stay strings (Marathon would receive a string), but they are recorded.
"""

from __future__ import annotations

import math
import re
from typing import Any

from podlint.loader.limits import MAX_INT_DIGITS, int_literal

# The YAML 1.2 resolvers of ruamel.yaml (resolver.py), in the order it tries them.
_BOOL_12 = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_FLOAT_12 = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))""",
    re.VERBOSE,
)
_INT_12 = re.compile(
    r"""(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)""",
    re.VERBOSE,
)
_TIMESTAMP = re.compile(
    r"""(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)""",
    re.VERBOSE,
)

# Strings in YAML 1.2 that YAML 1.1 types: its booleans and its base-60 numbers. The booleans are
# matched in any case (YAML 1.1 itself types only yes/Yes/YES and so on): recording a few more is
# harmless, the schema layer decides what a 1.1 reader really makes of the text.
_BOOL_11_ONLY = frozenset(["y", "yes", "n", "no", "on", "off"])
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")

# Characters a plain scalar must start with to be anything but a string (a cheap first filter).
_TYPED_FIRST = frozenset("-+0123456789.~nNtTfF")
_MAYBE_11_FIRST = frozenset("yYnNoO")


def resolve_plain(text: str) -> tuple[Any, bool]:
    """The YAML 1.2 value of plain scalar ``text``, and whether to record its source text."""
    if not text:
        return None, True
    first = text[0]
    if first not in _TYPED_FIRST:
        return text, first in _MAYBE_11_FIRST and len(text) <= 3 and text.lower() in _BOOL_11_ONLY
    if text in _NULL:
        return None, True
    boolean = _BOOL_12.get(text)
    if boolean is not None:
        return boolean, True
    if first in "-+0123456789.":
        if _FLOAT_12.fullmatch(text):
            try:
                return _to_float(text), True
            except ValueError:  # only a dot and underscores ("._"): text, as for such integers
                return text, True
        if _INT_12.fullmatch(text):
            number = _to_int(text)
            if number is not None:
                return number, True
        if _SEXAGESIMAL.fullmatch(text) or _TIMESTAMP.fullmatch(text):
            return text, True
    return text, len(text) <= 3 and text.lower() in _BOOL_11_ONLY


def _to_float(text: str) -> float:
    cleaned = text.replace("_", "").lower()
    sign = -1.0 if cleaned.startswith("-") else 1.0
    body = cleaned.lstrip("+-")
    if body == ".inf":
        return sign * math.inf
    if body == ".nan":
        return math.nan
    return sign * float(body)


def _to_int(text: str) -> int | float | None:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned.lstrip("+-")
    try:
        if body.startswith(("0b", "0o", "0x")):
            value = sign * int(body[2:], {"b": 2, "o": 8, "x": 16}[body[1]])
            # As for decimal literals (limits.int_literal): a number too long to print is infinite.
            if value.bit_length() > MAX_INT_DIGITS * 3:
                return math.inf * sign
            return value
        # YAML 1.2: a leading zero does not make an octal number.
        return int_literal(cleaned.lstrip("+"))
    except ValueError:
        # Only underscores, say ("___"): ruamel fails on these too; read them as text.
        return None


def resolve_as(tag: str, text: str) -> tuple[Any, bool]:
    """The value of a scalar with core tag ``tag``: (value, ok) -- not ok when it does not fit."""
    if tag == "str":
        return text, True
    value, _ = resolve_plain(text)
    if tag == "null":
        return None, value is None
    if tag == "bool":
        return value, isinstance(value, bool)
    if tag == "int":
        return value, isinstance(value, int) and not isinstance(value, bool)
    if tag == "float":
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value), True
        return value, isinstance(value, float)
    return text, False
