"""Text from a linted file made safe for a terminal and a log.

Messages quote values, and snippets show source lines, both straight from the user's file. Raw, an
ESC starts a terminal escape sequence (colours, cursor moves, window titles), a newline followed by
``::error …`` forges a line that a CI log parser trusts, and bidirectional controls reorder what the
reader sees. In one-line text (headers, help) they become visible escapes (``\\x1b``, ``\\n``,
``\\u202e``); in a source snippet they become one-column symbols (``␛``), so the carets under the
line still point at the right characters.
"""

from __future__ import annotations

_C0 = [*range(0x00, 0x20), 0x7F]
_C1 = list(range(0x80, 0xA0))
# Bidirectional embeddings, overrides and isolates, and the line/paragraph separators.
_BIDI = [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]


def _inline_escape(code: int) -> str:
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    if code in named:
        return named[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_INLINE = {code: _inline_escape(code) for code in (*_C0, *_C1, *_BIDI)}
_SNIPPET = {
    **{code: chr(0x2400 + code) for code in range(0x20)},
    0x09: " ",  # a tab is one column in the snippet, as the caret line counts it
    0x7F: "\u2421",
    **dict.fromkeys((*_C1, *_BIDI), "�"),
}


def inline(text: str) -> str:
    """``text`` for one line of terminal output: controls as backslash escapes."""
    if text.isprintable():
        return text
    return text.translate(_INLINE)


def snippet_line(text: str) -> str:
    """A source line for a snippet: controls as one-column symbols, so columns keep their place."""
    if text.isprintable():
        return text
    return text.translate(_SNIPPET)


def to_bytes(text: str) -> bytes:
    """Encode output as UTF-8, whatever it holds.

    A lone surrogate (a ``"\\udfff"`` escape in a JSON value, or a file name that is not UTF-8) has
    no UTF-8 form; it is written as the escape ``\\udfff``, which is also what JSON reads back as it.
    """
    return text.encode("utf-8", "backslashreplace")
