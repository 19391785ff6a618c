"""Bytes -> text: UTF-8 (with or without a byte-order mark), everything else is a problem.

Marathon reads UTF-8 JSON, so the loader accepts exactly that (and the same for YAML). Other
encodings are recognised only to say plainly what the file looks like: UTF-16/32 by their byte-order
mark or by the pattern of NUL bytes in the first characters (RFC 4627, section 3), Latin-1 or
Windows-1252 text by a byte that is not UTF-8 in otherwise readable text, and binary files by NUL or
control bytes.
"""

from __future__ import annotations

import codecs

from podlint.loader.lines import LineIndex
from podlint.records import FrozenRecord

_UTF8_BOM = codecs.BOM_UTF8

# Longest marks first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "UTF-32 (big-endian)"),
    (codecs.BOM_UTF16_LE, "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "UTF-16 (big-endian)"),
)

# Control bytes that never appear in text files (tab, LF, CR, FF and ESC excluded).
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}

_HELP_REENCODE = "save the file as UTF-8 (without a byte-order mark), e.g. `iconv -t UTF-8`"


class EncodingProblem(FrozenRecord):
    """Why the bytes are not UTF-8 text, and where (an offset into the decodable prefix, or 0)."""

    _fields = ("message", "help", "line", "column")

    message: str
    help: str
    line: int
    column: int

    def __init__(self, message: str, help: str, line: int = 1, column: int = 1) -> None:
        _set = object.__setattr__
        _set(self, "message", message)
        _set(self, "help", help)
        _set(self, "line", line)
        _set(self, "column", column)


def _sniff_wide(data: bytes) -> str | None:
    """UTF-16/32 without a byte-order mark, recognised by NULs around the first ASCII characters."""
    head = data[:4]
    if len(head) >= 4:
        if head[0] == 0 and head[1] == 0 and head[2] == 0 and head[3] != 0:
            return "UTF-32 (big-endian)"
        if head[0] != 0 and head[1] == 0 and head[2] == 0 and head[3] == 0:
            return "UTF-32 (little-endian)"
    if len(head) >= 2:
        if head[0] == 0 and head[1] != 0:
            return "UTF-16 (big-endian)"
        if head[0] != 0 and head[1] == 0:
            return "UTF-16 (little-endian)"
    return None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of byte ``offset``, counting code points of the valid UTF-8 before it."""
    prefix = data[:offset].decode("utf-8", errors="replace")
    return LineIndex(prefix).position(len(prefix))


def decode(data: bytes) -> tuple[str | None, EncodingProblem | None]:
    """The text of ``data`` without a byte-order mark, or the reason it is not UTF-8 text."""
    body = data[3:] if data.startswith(_UTF8_BOM) else data
    for bom, name in _BOMS:
        if body.startswith(bom):
            return None, EncodingProblem(
                f"the file looks like {name} text (it starts with a byte-order mark); "
                "Marathon reads UTF-8 JSON",
                _HELP_REENCODE,
            )
    nul = body.find(b"\x00")
    if nul >= 0:
        wide = _sniff_wide(body)
        if wide is not None:
            return None, EncodingProblem(
                f"the file looks like {wide} text (NUL bytes between its characters); "
                "Marathon reads UTF-8 JSON",
                _HELP_REENCODE,
            )
        line, column = _position(body, nul)
        return None, EncodingProblem(
            f"the file contains a NUL byte at line {line}, column {column}: it looks like a "
            "binary file, not a pod definition",
            "check that this is the file you meant to lint; pod definitions are UTF-8 text",
            line,
            column,
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(body, exc.start)
        bad = body[exc.start]
        if _looks_like_8bit_text(body):
            message = (
                f"byte 0x{bad:02X} at line {line}, column {column} is not valid UTF-8: the file "
                "looks like Latin-1 (ISO-8859-1) or Windows-1252 text; Marathon reads UTF-8 JSON"
            )
            hint = _HELP_REENCODE
        else:
            message = (
                f"byte 0x{bad:02X} at line {line}, column {column} is not valid UTF-8: the file "
                "looks like a binary file, not a pod definition"
            )
            hint = "check that this is the file you meant to lint; pod definitions are UTF-8 text"
        return None, EncodingProblem(message, hint, line, column)
    return text, None


def _looks_like_8bit_text(data: bytes) -> bool:
    """True when the bytes read as text in a single-byte encoding (no control bytes)."""
    return not any(b in _BINARY_BYTES for b in data[:65536])
