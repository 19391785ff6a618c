"""A position-tracking JSON reader that explains and recovers from the usual hand-editing mistakes.

It runs only when it is needed: when the fast path (``json_fast``) fails, and lazily to build the
span table of a clean file that has findings. It reads JSON strictly, but where the text is still
readable (a trailing comma, a comment, single quotes, an unquoted word such as ``10mb``, ``NaN``, a
missing comma or colon, a duplicate key) it records a problem at the offending character and keeps
going, so the rules can still see the data. At anything else it records one problem and stops (no
cascades).

Design: one compiled regular expression matches the next token (whitespace skipped inside it), and a
loop with an explicit stack of open containers consumes tokens, so there is no per-character Python
work and no recursion (any nesting depth is safe; past ``max_depth`` it reports ``too-complex``).
Strings with escapes go through the C ``scanstring`` of the standard library. Every value is
recorded as a raw ``(pointer, start, end, key_start, key_end)`` entry; turning offsets into
line/column spans is left to whoever needs them.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from json import JSONDecodeError
from json.decoder import scanstring  # type: ignore[attr-defined]  # C accelerated, untyped
from typing import Any

from podlint.loader.limits import MAX_DEPTH, MAX_POINTER_CHARS, int_literal
from podlint.loader.lines import LineIndex

# (pointer, value_start, value_end, key_start | None, key_end | None)
Entry = tuple[str, int, int, "int | None", "int | None"]

_WORD_CHARS = r"0-9A-Za-z_.+\-"
_TOKEN = re.compile(
    r"""[ \t\n\r]*(?:
       (?P<str>"[^"\\\x00-\x1f]*")
      |(?P<num>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![WORD])
      |(?P<punct>[{}\[\],:])
      |(?P<lit>true|false|null)(?![WORD])
      |(?P<other>[^ \t\n\r])
    )""".replace("WORD", _WORD_CHARS),
    re.VERBOSE | re.DOTALL,
)
_BLANK = re.compile(r"[ \t\n\r]*")
_LINE_REST = re.compile(r"[^\r\n]*")
# An unquoted word: in value position up to a delimiter; in key position also up to ':'.
_VALUE_WORD = re.compile(r"""[^\s,\[\]{}"']+""")
_KEY_WORD = re.compile(r"""[^\s,\[\]{}"':/]+""")
_SINGLE_QUOTED = re.compile(r"'((?:[^'\\\n\r]|\\.)*)'")
_LEADING_ZEROS = re.compile(r"-?0[0-9]+")
_LOOSE_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_STRING_TAIL = re.compile(r'(?:[^"\\\n\r]|\\.)*"')
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "+Infinity": math.inf, "-Infinity": -math.inf}
_WRONG_CASE = {"true": True, "false": False, "null": None, "none": None}

_CONTROL_NAMES = {"\t": "tab", "\n": "line break", "\r": "carriage return"}

# Parser states.
_ROOT, _DONE = 0, 1
_OBJ_FIRST_KEY, _OBJ_KEY, _OBJ_COLON, _OBJ_VALUE, _OBJ_NEXT = 2, 3, 4, 5, 6
_ARR_FIRST, _ARR_VALUE, _ARR_NEXT = 7, 8, 9


@dataclass(frozen=True)
class JsonProblem:
    """A problem at text offsets ``start``..``end`` (end exclusive) for rule ``rule``."""

    rule: str
    message: str
    start: int
    end: int
    help: str | None = None


@dataclass
class ScanResult:
    data: Any = None
    entries: list[Entry] = field(default_factory=list)
    problems: list[JsonProblem] = field(default_factory=list)
    # False when reading stopped at an unrecoverable problem (the data is then incomplete).
    complete: bool = False
    # The root value's offsets.
    root_start: int = 0
    root_end: int = 0
    # True when the text holds no value at all (only whitespace and comments).
    empty: bool = False
    saw_comment: bool = False


class _Frame:
    """An open object or array."""

    __slots__ = (
        "comma",
        "container",
        "key",
        "key_end",
        "key_start",
        "pointer",
        "seen",
        "start",
        "state",
    )

    def __init__(self, container: Any, pointer: str, start: int, state: int) -> None:
        self.container = container
        self.pointer = pointer
        self.start = start
        self.state = state
        self.key: str = ""
        self.key_start = 0
        self.key_end = 0
        self.comma = 0
        # Object keys seen so far -> their key offsets, for duplicate detection.
        self.seen: dict[str, tuple[int, int]] = {}


class _Stop(Exception):
    """Raised to end scanning at an unrecoverable problem (already recorded)."""


def _escape_token(token: str) -> str:
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def _show(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class JsonScanner:
    """Reads one JSON text; see the module docstring. Use :func:`scan_json`."""

    def __init__(self, text: str, max_depth: int = MAX_DEPTH) -> None:
        self.text = text
        self.max_depth = max_depth
        self.result = ScanResult()
        self.stack: list[_Frame] = []
        self.pointer_chars = 0

    # -- problems ----------------------------------------------------------------------------------

    def _problem(self, message: str, start: int, end: int, help: str | None = None) -> None:
        self.result.problems.append(JsonProblem("syntax-error", message, start, end, help))

    def _fatal(
        self,
        message: str,
        start: int,
        end: int,
        help: str | None = None,
        rule: str = "syntax-error",
    ) -> _Stop:
        self.result.problems.append(JsonProblem(rule, message, start, end, help))
        return _Stop()

    @cached_property
    def _lines(self) -> LineIndex:
        # Built on first use: counting lines from the start for each of n duplicate keys is n².
        return LineIndex(self.text)

    def _line_of(self, offset: int) -> int:
        return self._lines.position(offset)[0]

    # -- tokens ------------------------------------------------------------------------------------

    def _describe(self, pos: int) -> str:
        """Plain words for whatever starts at ``pos`` (for 'expected X, found Y')."""
        if pos >= len(self.text):
            return "the end of the file"
        char = self.text[pos]
        if char == '"':
            tail = _STRING_TAIL.match(self.text, pos + 1)
            end = tail.end() if tail else pos + 1
            return f"the string {_show(self.text[pos:end])}"
        if char in "{}[],:":
            return f"'{char}'"
        word = _VALUE_WORD.match(self.text, pos)
        if word:
            return f"'{_show(word.group())}'"
        return f"'{char}'"

    def _skip_comment(self, pos: int) -> int | None:
        """Skip a comment at ``pos`` (recording a problem); None when there is no comment there."""
        text = self.text
        if text.startswith("//", pos):
            end = _LINE_REST.match(text, pos).end()  # type: ignore[union-attr]
        elif text.startswith("/*", pos):
            close = text.find("*/", pos + 2)
            if close < 0:
                raise self._fatal(
                    "unterminated comment: '/*' is never closed by '*/' (and JSON has no comments)",
                    pos,
                    pos + 2,
                    "remove the comment",
                )
            end = close + 2
        else:
            return None
        self._problem(
            "comments are not allowed in JSON: Marathon's JSON reader rejects the file",
            pos,
            end,
            "remove the comment (or move the note into a label)",
        )
        return end

    def _string(self, pos: int) -> tuple[str, int]:
        """A double-quoted string at ``pos`` with escapes or control characters: (value, end)."""
        text = self.text
        try:
            value, end = scanstring(text, pos + 1, True)
            return value, end
        except JSONDecodeError as exc:
            problem_at = exc.pos
            reason = exc.msg
        tail = _STRING_TAIL.match(text, pos + 1)
        if tail is None:
            raise self._fatal(
                "unterminated string: the closing '\"' is missing (JSON strings cannot span lines)",
                pos,
                pos + 1,
                "add the closing double quote at the end of the value",
            )
        end = tail.end()
        if reason.startswith("Invalid control character"):
            char = text[problem_at]
            name = _CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
            self._problem(
                f"control character ({name}) inside a string: JSON needs it escaped",
                problem_at,
                problem_at + 1,
                "write a tab as \\t (and other control characters as \\uXXXX)",
            )
        else:
            # scanstring reports bad escapes at the backslash or one past it.
            start = text.rfind("\\", pos, problem_at + 1)
            start = start if start >= 0 else problem_at
            escape = text[start : start + 2]
            self._problem(
                f"invalid escape '{escape}' in a string: JSON knows only "
                '\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
                start,
                start + 2,
                "write a literal backslash as \\\\",
            )
        return _ESCAPE.sub(_unescape, text[pos + 1 : end - 1]), end

    def _single_quoted(self, pos: int, what: str) -> tuple[str, int]:
        match = _SINGLE_QUOTED.match(self.text, pos)
        if match is None:
            raise self._fatal(
                "unterminated string: the closing quote is missing (and JSON strings need double "
                "quotes)",
                pos,
                pos + 1,
                'write the value in double quotes: "..."',
            )
        value = _ESCAPE.sub(_unescape, match.group(1))
        self._problem(
            f"{what} in single quotes: JSON strings need double quotes",
            pos,
            match.end(),
            f'write it as "{_show(value)}"',
        )
        return value, match.end()

    def _bare_value(self, pos: int) -> tuple[Any, int]:
        """An unquoted word in value position: recovered, with a problem saying what JSON wants."""
        match = _VALUE_WORD.match(self.text, pos)
        if match is None:
            raise self._fatal(
                f"unexpected character U+{ord(self.text[pos]):04X} where a value should start",
                pos,
                pos + 1,
                "remove the character",
            )
        word, end = match.group(), match.end()
        if word in _NON_FINITE:
            self._problem(
                f"{word} is not a JSON value: Marathon's JSON reader rejects it",
                pos,
                end,
                "use a finite number, or null",
            )
            return _NON_FINITE[word], end
        if word.lower() in _WRONG_CASE:
            self._problem(
                f"unquoted value '{word}': JSON writes true, false and null in lowercase",
                pos,
                end,
                f"write {str(_WRONG_CASE[word.lower()]).lower().replace('none', 'null')}",
            )
            return _WRONG_CASE[word.lower()], end
        if _LEADING_ZEROS.fullmatch(word):
            self._problem(
                f"leading zeros are not allowed in JSON numbers: '{word}'",
                pos,
                end,
                f"write {int_literal(word)}",
            )
            return int_literal(word), end
        if _LOOSE_NUMBER.fullmatch(word):
            number: float = int_literal(word) if word.lstrip("+-").isdigit() else float(word)
            self._problem(
                f"'{word}' is not a valid JSON number (no leading '+', and digits on both sides "
                "of a '.')",
                pos,
                end,
                f"write {number!r}",
            )
            return number, end
        self._problem(
            f"unquoted value '{_show(word)}': JSON strings need double quotes",
            pos,
            end,
            f'write "{_show(word)}" if it is meant as text, or a plain number',
        )
        return word, end

    def _value_token(self, match: re.Match[str]) -> tuple[Any, int, int]:
        """The scalar a (non-punctuation) token stands for: (value, start, end)."""
        kind = match.lastgroup or "other"
        start = match.start(kind)
        if kind == "str":
            return match.group(kind)[1:-1], start, match.end()
        if kind == "num":
            token = match.group(kind)
            if "." in token or "e" in token or "E" in token:
                return float(token), start, match.end()
            return int_literal(token), start, match.end()
        if kind == "lit":
            token = match.group(kind)
            return (
                (True if token == "true" else False if token == "false" else None),
                start,
                match.end(),
            )
        char = self.text[start]
        if char == '"':
            value, end = self._string(start)
            return value, start, end
        if char == "'":
            value, end = self._single_quoted(start, "value")
            return value, start, end
        value, end = self._bare_value(start)
        return value, start, end

    # -- structure ---------------------------------------------------------------------------------

    def _attach(self, value: Any, start: int, end: int) -> str:
        """Put a finished (or just opened) value in its parent; returns its pointer."""
        stack = self.stack
        if not stack:
            self.result.data = value
            self.result.root_start = start
            return ""
        frame = stack[-1]
        container = frame.container
        if type(container) is list:
            pointer = f"{frame.pointer}/{len(container)}"
            container.append(value)
            frame.state = _ARR_NEXT
            return pointer
        key = frame.key
        pointer = f"{frame.pointer}/{_escape_token(key)}"
        previous = frame.seen.get(key)
        if previous is not None:
            self.result.problems.append(
                JsonProblem(
                    "duplicate-key",
                    f"duplicate key '{_show(key)}' (first at line {self._line_of(previous[0])}): "
                    "Marathon's JSON reader keeps only the later value and silently drops the "
                    "earlier one",
                    frame.key_start,
                    frame.key_end,
                    f"remove one of the two '{_show(key)}' members",
                )
            )
        frame.seen[key] = (frame.key_start, frame.key_end)
        container[key] = value
        frame.state = _OBJ_NEXT
        return pointer

    def _entry(self, pointer: str, start: int, end: int) -> None:
        self.pointer_chars += len(pointer)
        if self.pointer_chars > MAX_POINTER_CHARS:
            raise self._fatal(
                "the document is too large to index (deep nesting under long keys); podlint "
                "does not read it",
                start,
                start + 1,
                "a pod definition nests about eight levels; check how the file was generated",
                rule="too-complex",
            )
        stack = self.stack
        if stack and type(stack[-1].container) is dict:
            frame = stack[-1]
            self.result.entries.append((pointer, start, end, frame.key_start, frame.key_end))
        else:
            self.result.entries.append((pointer, start, end, None, None))

    def _open(self, char: str, start: int) -> None:
        if len(self.stack) >= self.max_depth:
            raise self._fatal(
                f"the document nests arrays and objects more than {self.max_depth} levels deep; "
                "podlint does not read it",
                start,
                start + 1,
                "a pod definition nests about eight levels; check how the file was generated",
                rule="too-complex",
            )
        container: Any = {} if char == "{" else []
        pointer = self._attach(container, start, start)
        self.stack.append(
            _Frame(container, pointer, start, _OBJ_FIRST_KEY if char == "{" else _ARR_FIRST)
        )

    def _close(self, end: int) -> None:
        frame = self.stack.pop()
        self._entry(frame.pointer, frame.start, end)
        if not self.stack:
            self.result.root_end = end

    def _scalar(self, value: Any, start: int, end: int) -> None:
        pointer = self._attach(value, start, end)
        self._entry(pointer, start, end)
        if not self.stack:
            self.result.root_end = end

    # -- the loop ----------------------------------------------------------------------------------

    def run(self) -> ScanResult:
        # On _Stop the problem is recorded; ``complete`` says whether the data is whole.
        with contextlib.suppress(_Stop):
            self._run()
        return self.result

    def _expected(self, what: str, pos: int) -> _Stop:
        found = self._describe(pos)
        end = pos + 1 if pos < len(self.text) else pos
        return self._fatal(
            f"expected {what}, found {found}",
            pos,
            end,
            'fix the JSON here: members are written "key": value and separated by commas, '
            "arrays close with ']' and objects with '}'",
        )

    def _run(self) -> None:
        text = self.text
        pos = 0
        state = _ROOT
        stack = self.stack
        token = _TOKEN.match
        saw_comment = False
        while True:
            match = token(text, pos)
            if match is None:
                self._at_end(state, saw_comment)
                return
            kind = match.lastgroup
            start = match.start(kind)  # type: ignore[arg-type]
            char = text[start]
            if kind == "other" and char == "/":
                end = self._skip_comment(start)
                if end is not None:
                    saw_comment = True
                    pos = end
                    continue
            if kind == "other" and char.isspace():
                # A no-break space or similar pasted between tokens: readable, but not JSON.
                self._problem(
                    f"character U+{ord(char):04X} is not JSON whitespace (only spaces, tabs and "
                    "line breaks may separate values)",
                    start,
                    start + 1,
                    "replace it with a plain space",
                )
                pos = start + 1
                continue
            frame = stack[-1] if stack else None
            state = frame.state if frame is not None else state

            if state in (_ROOT, _OBJ_VALUE, _ARR_FIRST, _ARR_VALUE):
                if char in "{[" and kind != "str":
                    self._open(char, start)
                    pos = start + 1
                    continue
                if state == _ARR_FIRST and char == "]":
                    self._close(start + 1)
                    pos = start + 1
                    state = _DONE if not stack else state
                    continue
                if state == _ARR_VALUE and char == "]" and frame is not None:
                    self._problem(
                        "trailing comma before ']'",
                        frame.comma,
                        frame.comma + 1,
                        "remove the comma after the last item",
                    )
                    self._close(start + 1)
                    pos = start + 1
                    state = _DONE if not stack else state
                    continue
                if kind == "punct":
                    what = "a value" if state != _ARR_FIRST else "a value or ']'"
                    if state == _OBJ_VALUE and frame is not None:
                        what = f"a value for key '{_show(frame.key)}'"
                    raise self._expected(what, start)
                value, vstart, vend = self._value_token(match)
                self._scalar(value, vstart, vend)
                pos = vend
                if not stack:
                    state = _DONE
                continue

            if state == _DONE:
                # The value itself is whole; only what follows it is not read.
                self.result.complete = True
                raise self._fatal(
                    f"extra data after the end of the JSON value: {self._describe(start)}",
                    start,
                    start + 1,
                    "a file holds one JSON value; remove what follows it (or split the file)",
                )

            assert frame is not None
            if state in (_OBJ_FIRST_KEY, _OBJ_KEY):
                if char == "}" and kind == "punct":
                    if state == _OBJ_KEY:
                        self._problem(
                            "trailing comma before '}'",
                            frame.comma,
                            frame.comma + 1,
                            "remove the comma after the last member",
                        )
                    self._close(start + 1)
                    pos = start + 1
                    state = _DONE if not stack else state
                    continue
                key, kend = self._key(match, kind, char, start, state)
                frame.key, frame.key_start, frame.key_end = key, start, kend
                frame.state = _OBJ_COLON
                pos = kend
                continue

            if state == _OBJ_COLON:
                if char == ":":
                    frame.state = _OBJ_VALUE
                    pos = start + 1
                    continue
                if kind == "punct" and char not in "{[":
                    raise self._expected(f"':' after key '{_show(frame.key)}'", start)
                self._problem(
                    f"missing ':' between key '{_show(frame.key)}' and its value",
                    start,
                    start + 1,
                    "add a colon after the key",
                )
                frame.state = _OBJ_VALUE
                pos = start
                continue

            # _OBJ_NEXT or _ARR_NEXT: after a member or an item.
            closer = "}" if state == _OBJ_NEXT else "]"
            if char == "," and kind == "punct":
                frame.comma = start
                frame.state = _OBJ_KEY if state == _OBJ_NEXT else _ARR_VALUE
                pos = start + 1
                continue
            if char == closer and kind == "punct":
                self._close(start + 1)
                pos = start + 1
                state = _DONE if not stack else state
                continue
            member_start = kind == "str" or (kind == "other" and char not in "{[")
            if (state == _ARR_NEXT and kind != "punct") or char in "{[" or member_start:
                if state == _OBJ_NEXT and not member_start:
                    raise self._expected("',' or '}' after a member", start)
                self._problem(
                    "missing comma between members"
                    if state == _OBJ_NEXT
                    else "missing comma between items",
                    start,
                    start + 1,
                    "add a comma before this " + ("member" if state == _OBJ_NEXT else "item"),
                )
                frame.state = _OBJ_KEY if state == _OBJ_NEXT else _ARR_VALUE
                # A missing comma is not a trailing one: forget the previous comma position.
                frame.comma = start
                pos = start
                if state == _OBJ_NEXT:
                    # Read the key without treating a following '}' as a trailing comma.
                    key, kend = self._key(match, kind, char, start, _OBJ_KEY)
                    frame.key, frame.key_start, frame.key_end = key, start, kend
                    frame.state = _OBJ_COLON
                    pos = kend
                continue
            raise self._expected(f"',' or '{closer}'", start)

    def _key(
        self, match: re.Match[str], kind: str | None, char: str, start: int, state: int
    ) -> tuple[str, int]:
        if kind == "str":
            return match.group(kind)[1:-1], match.end()
        if char == '"':
            return self._string(start)
        if char == "'":
            return self._single_quoted(start, "key")
        word = _KEY_WORD.match(self.text, start) if kind != "punct" else None
        # Only a word followed by ':' reads as a key; anything else (a '...' placeholder, say)
        # is reported once, as what it is, instead of cascading.
        if word is not None and self.text.startswith(":", _skip_blank(self.text, word.end())):
            self._problem(
                f"unquoted key '{_show(word.group())}': JSON keys need double quotes",
                start,
                word.end(),
                f'write "{_show(word.group())}"',
            )
            return word.group(), word.end()
        what = "a key in double quotes" + (" or '}'" if state == _OBJ_FIRST_KEY else "")
        raise self._expected(what, start)

    def _at_end(self, state: int, saw_comment: bool) -> None:
        text = self.text
        end = len(text.rstrip())
        if not self.stack:
            if state == _ROOT:
                # Nothing but whitespace and comments: the caller reports an empty file.
                self.result.empty = True
                self.result.saw_comment = saw_comment
                return
            self.result.complete = True
            return
        frame = self.stack[-1]
        kind = "object" if type(frame.container) is dict else "array"
        closer = "}" if kind == "object" else "]"
        line = self._line_of(frame.start)
        column = frame.start - max(
            text.rfind("\n", 0, frame.start), text.rfind("\r", 0, frame.start)
        )
        raise self._fatal(
            f"unexpected end of file: the {kind} opened at line {line}, column {column} is not "
            f"closed (missing '{closer}')",
            end,
            end,
            f"add the missing '{closer}'",
        )


def _skip_blank(text: str, pos: int) -> int:
    return _BLANK.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if len(escape) == 5:
        return chr(int(escape[1:], 16))
    return _SIMPLE_ESCAPES.get(escape, "\\" + escape)


def scan_json(text: str, max_depth: int = MAX_DEPTH) -> ScanResult:
    """Read ``text`` with positions, explaining and (where possible) recovering from mistakes."""
    return JsonScanner(text, max_depth).run()
