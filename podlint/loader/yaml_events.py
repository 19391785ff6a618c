"""Where YAML events come from: libyaml through PyYAML's C parser, or ruamel.yaml's pure parser.

podlint composes YAML itself (``yaml_compose``) from the parser's *event* stream, so neither
PyYAML's composer (recursive, YAML 1.1 typing) nor its constructors (which can build arbitrary
objects from tags) ever run. libyaml is the fast back-end; ruamel.yaml, a declared dependency, is the
fallback when PyYAML was built without libyaml. Both produce events with the same attributes and
character-offset marks, and this module maps both sets of event classes and errors onto one shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

# Event kinds, as small ints for a cheap dispatch.
STREAM_START, STREAM_END, DOC_START, DOC_END = 0, 1, 2, 3
SCALAR, ALIAS, SEQ_START, SEQ_END, MAP_START, MAP_END = 4, 5, 6, 7, 8, 9

_KIND_BY_NAME = {
    "StreamStartEvent": STREAM_START,
    "StreamEndEvent": STREAM_END,
    "DocumentStartEvent": DOC_START,
    "DocumentEndEvent": DOC_END,
    "ScalarEvent": SCALAR,
    "AliasEvent": ALIAS,
    "SequenceStartEvent": SEQ_START,
    "SequenceEndEvent": SEQ_END,
    "MappingStartEvent": MAP_START,
    "MappingEndEvent": MAP_END,
}


@dataclass(frozen=True)
class ParseError:
    """A syntax error of the YAML parser, in plain words, at a character offset."""

    message: str
    offset: int
    help: str | None = None
    rule: str = "syntax-error"


class YamlSyntaxError(Exception):
    def __init__(self, error: ParseError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class Backend:
    """An event source: ``start(text)`` returns a function giving the next event on each call.

    ``kinds`` maps event classes to the kinds above; ``errors`` are the exceptions the source raises
    for bad input (turn them into words with :func:`plain_error`).
    """

    name: str
    start: Callable[[str], Callable[[], Any]]
    kinds: dict[type, int]
    errors: tuple[type[BaseException], ...]

    def events(self, text: str) -> Iterator[tuple[int, Any]]:
        """All events of ``text`` as (kind, event); raises YamlSyntaxError (for tests and tools)."""
        get = self.start(text)
        try:
            while True:
                event = get()
                kind = self.kinds[type(event)]
                yield kind, event
                if kind == STREAM_END:
                    return
        except self.errors as exc:
            raise YamlSyntaxError(plain_error(exc, text)) from exc


_TAB_MESSAGE = "a tab character used for indentation; YAML allows only spaces"
_TAB_HELP = "replace the tabs with spaces"

# libyaml's and ruamel's problem texts -> what they mean for someone editing a pod file.
_PLAIN: tuple[tuple[str, str, str], ...] = (
    (
        "cannot start any token",
        "a character that cannot start a YAML value here (a tab used for indentation, or a "
        "value starting with '@' or '`')",
        "indent with spaces only, and quote values that start with '@' or '`'",
    ),
    (
        "mapping values are not allowed",
        "a ': ' where YAML does not expect a key (a value containing ': ' needs quotes, or a "
        "line is indented too far)",
        "quote the value, or fix the indentation of this line",
    ),
    (
        "could not find expected ':'",
        "a key without its ':' (or a multi-line value that needs quotes)",
        "add ': ' after the key, or quote the value",
    ),
    (
        "did not find expected key",
        "bad indentation: a key or value is not aligned with the mapping it belongs to",
        "align the line with the other keys of its mapping",
    ),
    (
        "did not find expected '-' indicator",
        "bad indentation: a list item or key is not aligned with the list it belongs to",
        "align the line with the other '- ' items of its list",
    ),
    (
        "expected <block end>",
        "bad indentation: a line is not aligned with the block it belongs to",
        "align the line with the other entries of its block",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted value: a closing quote is missing",
        "add the closing quote",
    ),
    (
        "did not find expected ',' or",
        "a flow collection ('[...]' or '{...}') is not closed, or a ',' is missing in it",
        "add the missing ',' or closing bracket",
    ),
    (
        "expected ',' or",
        "a flow collection ('[...]' or '{...}') is not closed, or a ',' is missing in it",
        "add the missing ',' or closing bracket",
    ),
    (
        "found unexpected ':'",
        "a ':' inside a plain value in a flow collection ('[...]' or '{...}')",
        "put the value in quotes",
    ),
    (
        "found unknown escape character",
        "an unknown escape sequence in a double-quoted value",
        "write a literal backslash as \\\\, or use single quotes",
    ),
    (
        "did not find expected node content",
        "a value is missing where YAML expects one",
        "add the value, or quote the text",
    ),
    (
        "block sequence entries are not allowed",
        "a '- ' list item where YAML does not expect one (check the indentation)",
        "put the list on its own lines, indented under its key",
    ),
    (
        "did not find expected comment or line break",
        "unexpected text after a value on the same line",
        "quote the whole value, or move the text to its own line",
    ),
    (
        "tab character",
        _TAB_MESSAGE,
        _TAB_HELP,
    ),
    (
        "found duplicate anchor",
        "an anchor name is defined twice",
        "rename one of the anchors",
    ),
)

_NOT_PRINTABLE = re.compile(
    r"[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def check_printable(text: str) -> ParseError | None:
    """YAML allows no control characters besides tab and line breaks; report the first."""
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return None
    return ParseError(
        f"control character U+{ord(match.group()):04X} in the file: YAML does not allow it",
        match.start(),
        "remove the character (write it as an escape in a double-quoted value if it is needed)",
    )


def plain_error(exc: BaseException, text: str) -> ParseError:
    """Turn a libyaml/ruamel error into plain words at the most useful mark."""
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    # "could not find expected ':'" is detected a line late; the key it belongs to is the context.
    if "expected ':'" in problem and context_mark is not None:
        mark = context_mark
    offset = int(getattr(mark, "index", 0) or 0) if mark is not None else 0
    original = problem or str(exc).splitlines()[0]
    if "maximum nesting depth" in original:
        # libyaml's own limit (it scans ahead of the composer's depth check).
        return ParseError(
            "the document nests mappings and sequences too deep for the YAML parser "
            f"({original}); podlint does not read it",
            offset,
            "a pod definition nests about eight levels; check how the file was generated",
            "too-complex",
        )
    if 0 <= offset < len(text) and text[offset] == "\t":
        return ParseError(f"{_TAB_MESSAGE} (YAML parser: {original})", offset, _TAB_HELP)
    for needle, plain, hint in _PLAIN:
        if needle in problem:
            message = f"{plain} (YAML parser: {original}{', ' + context if context else ''})"
            return ParseError(message, offset, hint)
    detail = f"{original}, {context}" if context else original
    return ParseError(f"YAML syntax error: {detail}", offset, None)


def _libyaml_backend() -> Backend | None:
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        return None
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    from yaml import events as pyyaml_events
    from yaml._yaml import CParser

    def start(text: str) -> Callable[[], Any]:
        return CParser(text).get_event

    kinds = {getattr(pyyaml_events, name): kind for name, kind in _KIND_BY_NAME.items()}
    return Backend("libyaml", start, kinds, (yaml.YAMLError,))


def _ruamel_backend() -> Backend:
    from ruamel.yaml import YAML
    from ruamel.yaml import events as ruamel_events
    from ruamel.yaml.error import YAMLError

    def start(text: str) -> Callable[[], Any]:
        # ``parse`` only scans and parses: no composer, no constructor, no tag is acted on.
        return iter(YAML(typ="safe", pure=True).parse(text)).__next__

    kinds = {getattr(ruamel_events, name): kind for name, kind in _KIND_BY_NAME.items()}
    # ruamel.yaml's parser asserts on a %YAML version it does not know ("%YAML 1.3").
    return Backend("ruamel", start, kinds, (YAMLError, AssertionError))


_BACKENDS: dict[str, Backend] = {}


def backend(name: str | None = None) -> Backend:
    """The event source: ``"libyaml"`` when available (the default), else ``"ruamel"``."""
    key = name or "default"
    cached = _BACKENDS.get(key)
    if cached is not None:
        return cached
    chosen: Backend | None = None
    if name in (None, "libyaml"):
        chosen = _libyaml_backend()
        if chosen is None and name == "libyaml":
            raise RuntimeError("PyYAML was built without libyaml")
    if chosen is None:
        chosen = _ruamel_backend()
    _BACKENDS[key] = chosen
    return chosen
