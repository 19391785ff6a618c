"""What the schema layer finds, before a rule turns it into a Finding.

One :class:`SchemaProblem` per real problem, tagged with the family (and so the rule) it belongs to.
"""

from __future__ import annotations

import math
from typing import Literal

from podlint.diagnostics import Finding, Fix, Snippet, Target
from podlint.records import FrozenRecord

Family = Literal["type", "required", "range", "pattern", "length", "enum", "items"]
FAMILIES: tuple[Family, ...] = ("type", "required", "range", "pattern", "length", "enum", "items")


class SchemaProblem(FrozenRecord):
    _fields = ("family", "pointer", "message", "help", "target", "fix", "snippets")

    family: Family
    pointer: str
    message: str
    help: str | None
    target: Target
    fix: Fix | None
    # Data the help suggests writing; rendered in the file's syntax where the help says {0}, {1}, …
    snippets: tuple[Snippet, ...]

    def __init__(
        self,
        family: Family,
        pointer: str,
        message: str,
        help: str | None = None,
        target: Target = "value",
        fix: Fix | None = None,
        snippets: tuple[Snippet, ...] = (),
    ) -> None:
        _set = object.__setattr__
        _set(self, "family", family)
        _set(self, "pointer", pointer)
        _set(self, "message", message)
        _set(self, "help", help)
        _set(self, "target", target)
        _set(self, "fix", fix)
        _set(self, "snippets", snippets)

    def finding(self) -> Finding:
        return Finding(
            self.pointer,
            self.message,
            help=self.help,
            target=self.target,
            fix=self.fix,
            snippets=self.snippets,
        )


def display_path(pointer: str) -> str:
    """``/containers/0/resources/cpus`` -> ``containers[0].resources.cpus`` (``the pod`` for root)."""
    from podlint.diagnostics import split_pointer

    out = ""
    for token in split_pointer(pointer):
        if token.isdigit():
            out += f"[{token}]"
        else:
            out += ("." if out else "") + token
    return out or "the pod"


def describe_value(value: object) -> str:
    """Plain words for a JSON value: ``the string "0.5"``, ``the number 5``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {format_number(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'the string "{shown}"'
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"


def format_number(value: float) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "infinity" if value > 0 else "minus infinity"
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return str(value)
    try:
        text = str(value)
    except ValueError:  # beyond Python's limit for converting integers to text
        return "an integer too long to print"
    digits = len(text.lstrip("-"))
    return f"{text[:8]}…{text[-4:]} ({digits} digits)" if digits > 40 else text
