"""Numbers no JSON document can carry, and numbers too large to be numbers.

JSON has no NaN or infinity: YAML's ``.nan``/``.inf`` have no JSON form, so such a pod cannot be sent
to Marathon at all, and a JSON literal beyond ±1.8e308 (``1e400``, or an integer of 309 digits)
overflows to infinity when Marathon reads it into a double. The schema validators take infinity for a
number, so this check runs beside them and reports each such value as a type problem at the value;
a validator's own finding at the same place ("must be a whole number, got …") yields to it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from podlint.schema.problems import SchemaProblem, display_path

_HELP = "Write an ordinary number within range, e.g. `1.5`."


def _suspect(pod: Any) -> bool:
    """Cheap test on every pod: does it hold a non-finite float or an integer beyond 2**1023?

    Exact types and no pointers: this runs for every document, so it is kept to a few µs.
    """
    stack = [pod]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is float:
            if value - value != 0:  # inf - inf and nan - nan are nan
                return True
        elif kind is int and value.bit_length() > 1023:
            return True
    return False


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _walk(pod: Any) -> Iterator[tuple[str, float | int]]:
    stack: list[tuple[str, Any]] = [("", pod)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{pointer}/{_escape(str(k))}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(value))))
        elif (isinstance(value, float) and not math.isfinite(value)) or (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value.bit_length() > 1023
            and abs(value) > sys.float_info.max
        ):
            yield pointer, value


def non_finite_problems(
    pod: Any, *, plain_scalars: Mapping[str, str] | None = None
) -> list[SchemaProblem]:
    if not _suspect(pod):
        return []
    problems = []
    for pointer, value in _walk(pod):
        where = f"`{display_path(pointer)}`"
        literal = (plain_scalars or {}).get(pointer)
        if isinstance(value, int):
            message = (
                f"{where} is an integer of {_digits(value)} digits, beyond the largest number "
                "Marathon can read (about 1.8e308): it overflows to infinity"
            )
        elif math.isnan(value):
            shown = f"`{literal}`" if literal else "NaN"
            message = (
                f"{where} is {shown}, not a number: JSON has no NaN, so this pod cannot be "
                "sent to Marathon"
            )
        elif literal and literal.lstrip("+-").lower() in (".inf", ".infinity"):
            message = (
                f"{where} is `{literal}`, infinity: JSON has no infinity, so this pod cannot "
                "be sent to Marathon"
            )
        else:
            shown = f"`{literal}`, a number" if literal else "a number"
            message = (
                f"{where} is {shown} beyond the largest one Marathon can read (about 1.8e308): "
                "it overflows to infinity"
            )
        problems.append(SchemaProblem("type", pointer, message, help=_HELP))
    return problems


def _digits(value: int) -> int | str:
    try:
        return len(str(abs(value)))
    except ValueError:  # beyond Python's limit for converting integers to text
        return f"more than {sys.get_int_max_str_digits()}"


def merge(problems: list[SchemaProblem], non_finite: list[SchemaProblem]) -> list[SchemaProblem]:
    """One finding per value: a validator's complaint about a non-finite value yields to ours."""
    if not non_finite:
        return problems
    taken = {p.pointer for p in non_finite}
    return [p for p in problems if p.pointer not in taken] + non_finite
