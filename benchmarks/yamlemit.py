"""A small block-style YAML writer for plain data, with optional comments.

It exists so the corpus can be written with the standard library alone, and so that every string is
quoted whenever a YAML 1.1 *or* 1.2 reader could resolve it to something else (``"1e10"``,
``"0x1F"``, ``"no"``): the JSON and YAML twins of a pod must load to the same data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Strings written without quotes: start with a letter, "_" or "/", then "words" of safe characters
# separated by single spaces or colons. Anything starting with a digit, sign or dot is quoted, which
# is stricter than YAML needs but keeps numbers, dates and sexagesimals out under both versions.
_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./@+=-]*(?:[ :][A-Za-z0-9_./@+=-]+)*\Z")
# Words that YAML 1.1 (PyYAML, yamllint) or 1.2 (ruamel.yaml) resolve to booleans or null.
_RESERVED = frozenset(
    {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "none", "nan", "inf"}
)
# Characters a double-quoted scalar must escape: controls, DEL..C1, and the characters YAML treats as
# line breaks, byte-order marks or non-characters.
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"\\\\]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


@dataclass(frozen=True)
class YamlStyle:
    """How one file looks; the corpus varies these per file."""

    # ``key:\n  - item`` (True) or PyYAML's ``key:\n- item`` (False).
    indent_sequences: bool = False
    # Quote unsafe strings with '...' when possible (True) or always "...".
    prefer_single_quotes: bool = False
    explicit_start: bool = False
    header: tuple[str, ...] = ()
    # JSON Pointer of a scalar -> comment text written after it on the same line.
    inline_comments: Mapping[str, str] = field(default_factory=dict)


def is_plain_safe(text: str) -> bool:
    """True when ``text`` reads back as the same string, unquoted, under YAML 1.1 and 1.2."""
    return bool(_PLAIN.match(text)) and text.lower() not in _RESERVED


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def double_quoted(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'


def quote_string(text: str, style: YamlStyle) -> str:
    if is_plain_safe(text):
        return text
    if style.prefer_single_quotes and text.isascii() and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def scalar(value: Any, style: YamlStyle) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        # YAML 1.1 needs a dot in a float and rejects Python's exponent form; the corpus uses only
        # ordinary decimals, so anything else is a bug in the caller.
        if "." not in text or "e" in text or "n" in text:
            raise ValueError(f"float {value!r} has no portable YAML form")
        return text
    if isinstance(value, str):
        return quote_string(value, style)
    if isinstance(value, Mapping):
        if value:
            raise ValueError("non-empty mapping is not a scalar")
        return "{}"
    if isinstance(value, Sequence):
        if value:
            raise ValueError("non-empty sequence is not a scalar")
        return "[]"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _pointer_token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class _Writer:
    def __init__(self, style: YamlStyle) -> None:
        self.style = style
        self.lines: list[str] = []

    def comment(self, pointer: str) -> str:
        text = self.style.inline_comments.get(pointer)
        return f"  # {text}" if text else ""

    def mapping(self, data: Mapping[str, Any], indent: int, pointer: str) -> None:
        pad = " " * indent
        for key, value in data.items():
            if not isinstance(key, str):
                raise TypeError("mapping keys must be strings")
            written_key = quote_string(key, self.style)
            child = f"{pointer}/{_pointer_token(key)}"
            if isinstance(value, Mapping) and value:
                self.lines.append(f"{pad}{written_key}:")
                self.mapping(value, indent + 2, child)
            elif _is_nonempty_list(value):
                self.lines.append(f"{pad}{written_key}:")
                self.sequence(value, indent + 2 if self.style.indent_sequences else indent, child)
            else:
                self.lines.append(
                    f"{pad}{written_key}: {scalar(value, self.style)}{self.comment(child)}"
                )

    def sequence(self, data: Sequence[Any], indent: int, pointer: str) -> None:
        pad = " " * indent
        for position, item in enumerate(data):
            child = f"{pointer}/{position}"
            if (isinstance(item, Mapping) and item) or _is_nonempty_list(item):
                # Write the nested block two columns in, then hang its first line on the dash.
                nested = _Writer(self.style)
                if isinstance(item, Mapping):
                    nested.mapping(item, indent + 2, child)
                else:
                    nested.sequence(item, indent + 2, child)
                self.lines.append(f"{pad}- {nested.lines[0][indent + 2 :]}")
                self.lines.extend(nested.lines[1:])
            else:
                self.lines.append(f"{pad}- {scalar(item, self.style)}{self.comment(child)}")


def _is_nonempty_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value)


def dump(data: Mapping[str, Any], style: YamlStyle | None = None) -> str:
    """Write ``data`` (a mapping at the root) as one block-style YAML document."""
    style = style or YamlStyle()
    writer = _Writer(style)
    writer.lines.extend(f"# {line}" if line else "#" for line in style.header)
    if style.explicit_start:
        writer.lines.append("---")
    if data:
        writer.mapping(data, 0, "")
    else:
        writer.lines.append("{}")
    return "\n".join(writer.lines) + "\n"
