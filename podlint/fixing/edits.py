"""Rendering fixes (structural ops by pointer) into text edits against the original file text.

A rule says *what* to change (:class:`~podlint.diagnostics.FixOp`: replace a value, rename a key,
remove a member); this module finds *where* through the document's span table and writes the
smallest edit that does it, so that every byte outside the edited spans (comments, key order, quoting,
indentation, blank lines) stays as it was.

Rendering is conservative: when the text around a member does not have a shape this module knows how
to edit without breaking the document, the fix is not offered (``render_fix`` returns None) rather
than offered wrong.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from typing import Any

from podlint.diagnostics import Fix, FixOp, ResolvedFix, TextEdit, split_pointer
from podlint.document import Document, NodeSpans
from podlint.loader.lines import LineIndex
from podlint.loader.yaml_resolve import resolve_plain

# An edit before its span is known: (start, end, replacement), offsets into the decoded text.
_RawEdit = tuple[int, int, str]


class _CannotRender(Exception):
    """The op's target or the text around it has a shape this module does not edit."""


def render_fix(document: Document, text: str, fix: Fix) -> ResolvedFix | None:
    """Turn ``fix`` into minimal text edits, or None when it cannot be rendered safely."""
    renderer = _Renderer(document, text)
    raw: list[_RawEdit] = []
    try:
        for op in fix.ops:
            raw.append(renderer.render(op))
    except (_CannotRender, ValueError, TypeError):
        return None
    raw.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(raw):
        if start < end:
            return None  # two ops of one fix touch the same text: never guess an order
    lines = _line_index(text)
    edits = tuple(TextEdit(s, e, r, lines.span(s, e)) for s, e, r in raw)
    return ResolvedFix(fix.description, fix.applicability, edits)


# Findings of one file are rendered one after the other against the same text: index it once.
_last_index: tuple[str, LineIndex] | None = None


def _line_index(text: str) -> LineIndex:
    global _last_index
    if _last_index is None or _last_index[0] is not text:
        _last_index = (text, LineIndex(text))
    return _last_index[1]


# ---- rendering values ----------------------------------------------------------------------------


def render_json_value(value: Any) -> str:
    """A JSON value as JSON text on one line; raises ValueError for NaN and infinities."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# Characters a plain scalar may not start with (YAML 1.2, 7.3.3 c-indicator), and text it may not
# contain: ": " starts a mapping value, " #" a comment. Flow context also reserves ",[]{}".
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
# Characters YAML takes as they are (its printable set minus line breaks, tabs and the byte-order mark);
# anything else must be escaped in a double-quoted scalar.
_PLAIN_SAFE_CHARS = re.compile(
    r"[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_NEEDS_ESCAPE = re.compile(
    r"[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def yaml_plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when ``text`` written as a plain YAML scalar reads back as this very string."""
    if not text or text != text.strip(" \t") or not _PLAIN_SAFE_CHARS.fullmatch(text):
        return False
    if text[0] in _PLAIN_BAD_START or text.endswith(":"):
        return False
    if ": " in text or " #" in text or "\t" in text:
        return False
    # In flow collections libyaml reads `:` as an implicit key even without a following space
    # (`[0:?, x]` is rejected), so any colon there needs quotes.
    if flow and any(c in text for c in ",[]{}:"):
        return False
    if text.startswith(("---", "...")) or text == "<<":  # a plain `<<` key is a merge key
        return False
    # The loader's own reading: a string in YAML 1.2, and one a YAML 1.1 reader would not retype
    # (``on``, ``0755``, ``1:30``), so the fix reads back the same in every tool.
    return resolve_plain(text) == (text, False)


def _yaml_double_quoted(text: str) -> str:
    # JSON's escapes (\" \\ \n \t \uXXXX) are all valid in a YAML double-quoted scalar; characters
    # outside YAML's printable set (DEL, C1 controls, line separators) get YAML's own escapes.
    return _NEEDS_ESCAPE.sub(_escape_char, json.dumps(text, ensure_ascii=False))


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return (
        f"\\x{code:02x}"
        if code <= 0xFF
        else f"\\u{code:04x}"
        if code <= 0xFFFF
        else f"\\U{code:08x}"
    )


def _yaml_single_quoted(text: str) -> str | None:
    if any(c in text for c in "\n\r\t") or not _PLAIN_SAFE_CHARS.fullmatch(text):
        return None
    return "'" + text.replace("'", "''") + "'"


def _yaml_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:
        # YAML 1.1 readers need a dot to see a float: 1e+20 -> 1.0e+20.
        mantissa += ".0"
    return mantissa + e + exponent


def render_yaml_value(value: Any, *, flow: bool = False) -> str:
    """A value as YAML text on one line: scalars plain when that reads back, collections in flow style."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, str):
        return value if yaml_plain_ok(value, flow=flow) else _yaml_double_quoted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render_yaml_value(v, flow=True) for v in value) + "]"
    if isinstance(value, dict):
        items = (
            f"{render_yaml_value(str(k), flow=True)}: {render_yaml_value(v, flow=True)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _render_key(original: str, new: str, fmt: str, flow: bool) -> str:
    """The new key in the original key's quoting style (when that style can hold it)."""
    if fmt == "json":
        return render_json_value(new)
    first = original[:1]
    if first == '"':
        return _yaml_double_quoted(new)
    if first == "'":
        quoted = _yaml_single_quoted(new)
        if quoted is not None:
            return quoted
    return new if yaml_plain_ok(new, flow=flow) else _yaml_double_quoted(new)


# ---- locating and editing ------------------------------------------------------------------------


def _parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if "/" in pointer else ""


class _Renderer:
    def __init__(self, document: Document, text: str) -> None:
        self.doc = document
        self.text = text
        self.yaml = document.format == "yaml"

    def render(self, op: FixOp) -> _RawEdit:
        if op.pointer == "" and op.kind != "replace":
            raise _CannotRender("the document root has no key and cannot be removed")
        spans = self.doc.node(op.pointer)
        if spans is None:
            raise _CannotRender(f"no span for {op.pointer!r}")
        if op.kind == "replace":
            return self._replace(op.pointer, spans, op.value)
        if op.kind == "rename":
            if not isinstance(op.value, str):
                raise _CannotRender("a key must be a string")
            return self._rename(spans, op.value)
        if op.kind == "remove":
            return self._remove(op.pointer, spans)
        raise _CannotRender(f"unknown fix op {op.kind!r}")

    # -- value bounds --------------------------------------------------------------------------

    def _data_at(self, pointer: str) -> Any:
        value: Any = self.doc.data
        for token in split_pointer(pointer):
            if isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            elif isinstance(value, dict) and token in value:
                value = value[token]
            else:
                raise _CannotRender(f"no value at {pointer!r}")
        return value

    def _value_bounds(self, pointer: str, spans: NodeSpans) -> tuple[int, int]:
        start, end = spans.value_start, spans.value_end
        if not 0 <= start <= end <= len(self.text):
            raise _CannotRender("span outside the text")
        if self.yaml:
            collection = isinstance(self._data_at(pointer), dict | list)
            end = self._trim_yaml_end(start, end, comments=collection)
        return start, end

    def _trim_yaml_end(self, start: int, end: int, *, comments: bool) -> int:
        """Block values can end where the next token starts: step back over blanks (and, after a
        collection, over comment lines, which belong to what follows)."""
        text = self.text
        while True:
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
            if not comments:
                return end
            line_start = _line_start(text, end)
            if line_start > start and text[line_start:end].lstrip(" \t").startswith("#"):
                end = line_start
                continue
            return end

    def _after_anchor_or_tag(self, start: int) -> bool:
        """Whether an ``&anchor`` or ``!tag`` precedes the value (span tables start after them)."""
        before = _skip_back_ws(self.text, start)
        word_start = before
        while word_start > 0 and self.text[word_start - 1] not in " \t\r\n":
            word_start -= 1
        return self.text[word_start:before].startswith(("&", "!"))

    def _in_flow(self, start: int) -> bool:
        """Whether the member starting at ``start`` sits in a flow collection ({...} or [...])."""
        before = _skip_back_ws(self.text, start)
        return before > 0 and self.text[before - 1] in "{[,"

    # -- replace -------------------------------------------------------------------------------

    def _replace(self, pointer: str, spans: NodeSpans, value: Any) -> _RawEdit:
        start, end = self._value_bounds(pointer, spans)
        if not self.yaml:
            return start, end, render_json_value(value)
        old = self.text[start:end]
        if old.startswith(("&", "!")) or self._after_anchor_or_tag(start):
            raise _CannotRender("an anchored or tagged value: its aliases or tag would change")
        flow = self._in_flow(spans.key_start if spans.key_start is not None else start)
        rendered = render_yaml_value(value, flow=flow)
        block = isinstance(self._data_at(pointer), dict | list) and not old.startswith(("[", "{"))
        if flow or not block:
            return start, end, rendered
        # A block collection turned into a one-line value: the new text goes right after the key's
        # colon (or the item's dash), since a scalar cannot stand at the collection's indentation.
        anchor = _skip_back_ws(self.text, start)
        if anchor == 0 or self.text[anchor - 1] not in ":-":
            raise _CannotRender("no ':' or '-' before the block value (a comment in between?)")
        return anchor, end, " " + rendered

    # -- rename --------------------------------------------------------------------------------

    def _rename(self, spans: NodeSpans, new: str) -> _RawEdit:
        if spans.key_start is None or spans.key_end is None:
            raise _CannotRender("only mapping members have a key")
        start, end = spans.key_start, spans.key_end
        original = self.text[start:end]
        if not original or original[0] in "?&!*":
            raise _CannotRender("complex, anchored or tagged keys are not renamed")
        flow = self.yaml and self._in_flow(start)
        return start, end, _render_key(original, new, self.doc.format, flow)

    # -- remove --------------------------------------------------------------------------------

    def _remove(self, pointer: str, spans: NodeSpans) -> _RawEdit:
        member_start = spans.key_start if spans.key_start is not None else spans.value_start
        _, value_end = self._value_bounds(pointer, spans)
        if not self.yaml or self._in_flow(member_start):
            return self._remove_separated(member_start, value_end)
        parent = _parent(pointer)
        container = self._data_at(parent)
        if not isinstance(container, dict | list):
            raise _CannotRender("the parent is not a container")
        if len(container) <= 1:
            # Removing the last line of a block collection would leave null: write [] or {} instead.
            parent_spans = self.doc.node(parent)
            if parent == "" or parent_spans is None:
                raise _CannotRender("removing the only member of the document")
            empty: Any = [] if isinstance(container, list) else {}
            return self._replace(parent, parent_spans, empty)
        if spans.key_start is not None:
            return self._remove_block_member(member_start, value_end)
        return self._remove_block_item(member_start, value_end)

    def _remove_separated(self, start: int, end: int) -> _RawEdit:
        """JSON (and YAML flow) members: take the member and one separating comma."""
        text = self.text
        after = _skip_ws(text, end, newlines=False)
        if after < len(text) and text[after] == ",":
            comma_end = after + 1
            line_start = _line_start(text, start)
            rest = _skip_ws(text, comma_end, newlines=False)
            if text[line_start:start].strip(" \t") == "" and _at_line_end(text, rest):
                # The member has its own line(s): remove them whole.
                return line_start, _after_line_end(text, rest), ""
            return start, rest, ""
        before = _skip_back_ws(text, start)
        if before > 0 and text[before - 1] == ",":
            # The last member: take the comma before it, keep what follows (the closing bracket).
            return before - 1, end, ""
        if before > 0 and text[before - 1] in "{[":
            closer = _skip_ws(text, end)
            if closer < len(text) and text[closer] in "}]":
                # The only member: leave an empty {} or [].
                return before, closer, ""
        raise _CannotRender("no separator around the member")

    def _remove_block_member(self, key_start: int, end: int) -> _RawEdit:
        text = self.text
        line_start = _line_start(text, key_start)
        lead = text[line_start:key_start]
        line_end = self._end_of_member_line(end)
        if lead.strip(" \t") == "":
            return line_start, line_end, ""
        if lead.strip(" \t") == "-" and lead.rstrip(" \t").endswith("-"):
            # The first key of a sequence item ("- name: x"): the next key moves up behind the dash.
            next_key = _skip_ws(text, line_end)
            column = key_start - line_start
            if next_key - _line_start(text, next_key) != column or text[next_key] in "-#":
                raise _CannotRender("the item's next key is not aligned with the removed one")
            return key_start, next_key, ""
        raise _CannotRender("the key does not start its line")

    def _remove_block_item(self, value_start: int, end: int) -> _RawEdit:
        text = self.text
        dash = _skip_back_ws(text, value_start)
        if dash == 0 or text[dash - 1] != "-":
            raise _CannotRender("no '-' before the sequence item")
        line_start = _line_start(text, dash - 1)
        if text[line_start : dash - 1].strip(" \t") != "":
            raise _CannotRender("the item's dash does not start its line")
        return line_start, self._end_of_member_line(end), ""

    def _end_of_member_line(self, end: int) -> int:
        """After the newline that ends the member's last line (a trailing comment goes with it)."""
        text = self.text
        rest = _skip_ws(text, end, newlines=False)
        if rest < len(text) and text[rest] not in "\r\n#":
            raise _CannotRender("more text follows the member on its line")
        return _after_line_end(text, rest)


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _skip_ws(text: str, offset: int, *, newlines: bool = True) -> int:
    chars = " \t\r\n" if newlines else " \t"
    while offset < len(text) and text[offset] in chars:
        offset += 1
    return offset


def _skip_back_ws(text: str, offset: int) -> int:
    while offset > 0 and text[offset - 1] in " \t\r\n":
        offset -= 1
    return offset


def _at_line_end(text: str, offset: int) -> bool:
    return offset >= len(text) or text[offset] in "\r\n"


def _after_line_end(text: str, offset: int) -> int:
    """Offset past the end of the line ``offset`` is on (after LF, CRLF or CR), or past the text."""
    line_end = offset
    while line_end < len(text) and text[line_end] not in "\r\n":
        line_end += 1
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return min(line_end + 1, len(text))
