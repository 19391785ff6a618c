"""A second, stricter reading of YAML text that libyaml accepted: rapidyaml, when it is installed.

libyaml reads YAML 1.1 and lets some invalid YAML through (a comment glued to a quoted value or a
bracket, a directive after a document without ``...``, ``-`` inside a flow sequence, a flow
collection or a quoted scalar indented less than its key, ...). On the official YAML test suite
rapidyaml refuses every one of them, and parsing costs it about a tenth of what libyaml's events
cost. So podlint still composes data and spans from libyaml's events, and asks rapidyaml only
"is this YAML?": where it says no, the file gets a ``syntax-error`` at the place it names.

rapidyaml is optional: when it cannot be imported (no wheel for the platform, say) this check is
skipped and podlint reads as libyaml does.

Two of its habits are handled here. It refuses mappings and sequences used as keys ("ryml trees
cannot handle containers as keys"), which are valid YAML that podlint reports itself as
``collection-key``, so that refusal is ignored. And it writes each error to the process's standard
error (file descriptor 2, from C++) before raising it, so standard error is pointed at the null
device while it parses.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from podlint.loader.yaml_events import ParseError

# rapidyaml's refusals of valid YAML that podlint reads and reports in its own way.
_IGNORED = ("containers as keys",)

# Tabs at the end of a line are white space to YAML; rapidyaml 0.15 refuses some of them.
# Replaced by spaces (one for one, so offsets do not move) before it reads the text.
_TRAILING_TAB = re.compile(r"\t(?=[ \t]*(?:\r|\n|\Z))")
_LONE_CR = re.compile(r"\r(?!\n)")

# rapidyaml's words -> what they mean for someone editing a pod file.
_PLAIN: tuple[tuple[str, str, str], ...] = (
    (
        "comment not preceded by whitespace",
        "a '#' comment must follow a space: here it touches the text before it",
        "put a space before '#', or quote the value if '#' belongs to it",
    ),
    (
        "invalid comment after comma",
        "a '#' comment must follow a space: here it touches the ',' before it",
        "put a space before '#'",
    ),
    (
        "need document footer before directives",
        "a directive ('%...') after a document needs the document end marker '...' before it",
        "add a line '...' before the directive, or remove the directive",
    ),
    (
        "; a directive after a document",
        "a directive ('%...') after a document needs the document end marker '...' before it",
        "add a line '...' before the directive, or remove the directive",
    ),
    (
        "bad indentation",
        "bad indentation: a line of a value written over several lines (a quoted value, or a "
        "'[...]' or '{...}' collection) is not indented enough, or is indented with a tab",
        "indent the continuation lines with spaces, more than the key they belong to",
    ),
    (
        "invalid scalar",
        "a value that cannot start this way here (such as a '-' alone inside '[...]', which is "
        "not a list item there)",
        "quote the value, or write the list items separated by ','",
    ),
)

_LOCK = threading.Lock()
_UNSET: Any = object()
_RYML: Any = _UNSET


def _ryml() -> Any:
    global _RYML
    if _RYML is _UNSET:
        try:
            import ryml
        except Exception:  # not installed, or a broken build: podlint reads as libyaml does
            ryml = None
        _RYML = ryml
    return _RYML


def available() -> bool:
    return _ryml() is not None


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to keep quiet
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def check(text: str) -> ParseError | None:
    """rapidyaml's objection to ``text`` (a whole YAML stream), or None (also when absent)."""
    ryml = _ryml()
    if ryml is None:
        return None
    if "\t" in text:
        text = _TRAILING_TAB.sub(" ", text)
    if "\r" in text:
        # A lone CR ends a line in YAML; rapidyaml knows only LF and CRLF.
        text = _LONE_CR.sub("\n", text)
    data = text.encode("utf-8")
    with _LOCK, _quiet_stderr():
        try:
            ryml.parse_in_arena(data)
            return None
        except Exception as exc:  # rapidyaml's ExceptionParse and ExceptionBasic
            message = str(getattr(exc, "msg", "") or exc)
            offset = _offset(exc)
    if any(ignored in message for ignored in _IGNORED):
        return None
    # rapidyaml counts bytes; podlint's offsets count characters.
    start = len(data[: min(offset, len(data))].decode("utf-8", errors="ignore"))
    if text.startswith("%", start) and (start == 0 or text[start - 1] in "\r\n"):
        message = f"{message}; a directive after a document"
    for needle, plain, hint in _PLAIN:
        if needle in message:
            return ParseError(f"{plain} (YAML 1.2 parser: {message})", start, hint)
    return ParseError(
        f"YAML syntax error: {message} (YAML 1.2 parser)",
        start,
        "fix the YAML here; YAML readers refuse the file or read it differently",
    )


def _offset(exc: BaseException) -> int:
    for attribute in ("errdata_parse", "errdata_basic"):
        data = getattr(exc, attribute, None)
        location = getattr(data, "ymlloc", None) or getattr(data, "location", None)
        offset = getattr(location, "offset", None)
        if isinstance(offset, int) and 0 <= offset < 1 << 62:
            return offset
    return 0
