"""Compose YAML events into plain data and a span table, safely and in one pass.

The parser (libyaml, or ruamel.yaml as a fallback; see ``yaml_events``) delivers events; this module
builds the documents from them with an explicit stack, so nesting depth never reaches Python's (or
C's) recursion limit, and past ``max_depth`` it stops with ``too-complex``. In the same pass it
records, for every key and value, its offsets in the text as a raw entry
``(pointer, value_start, value_end, key_start, key_end, plain_source)``; turning those into
line/column spans is left until a finding needs them. Building the entries here is cheaper than a
second parse later (the events carry the marks anyway).

YAML 1.2 typing is done by ``yaml_resolve`` on plain scalars only; quoted and block scalars are
strings. Tags are never acted on beyond the YAML core ones: any other tag (``!!python/object``,
``!Ref``, ``!!binary``...) is reported as ``yaml-tag`` and its node is read as if untagged. Aliases
share the anchored data (no copies) and their expansion is budgeted (``MAX_ALIAS_NODES``), so a
"billion laughs" file ends in ``too-complex`` after a bounded amount of work. Merge keys (``<<``)
work as in ruamel.yaml: explicit keys win, then earlier merged mappings over later ones.

Keys are strings as written. A mapping or sequence used as a key is read as its text and reported
as ``collection-key``; the null key (an empty key) is named ``null``, as YAML-to-JSON converters
write it, so it never collides with the empty string key. An empty document (``---`` followed by
nothing) is null: it is reported as ``empty-document`` and not passed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from podlint.loader.limits import MAX_ALIAS_NODES, MAX_DEPTH, MAX_POINTER_CHARS
from podlint.loader.lines import LineIndex
from podlint.loader.yaml_events import (
    ALIAS,
    DOC_END,
    DOC_START,
    MAP_END,
    MAP_START,
    SCALAR,
    SEQ_END,
    SEQ_START,
    STREAM_END,
    Backend,
    plain_error,
)
from podlint.loader.yaml_resolve import resolve_as, resolve_plain

# (pointer, value_start, value_end, key_start, key_end, plain_source)
Entry = tuple[str, int, int, "int | None", "int | None", "str | None"]

_CORE_PREFIX = "tag:yaml.org,2002:"
_CORE_SCALAR_TAGS = frozenset({"str", "int", "float", "bool", "null"})
_PROPERTY = re.compile(r"[!&][^ \t\r\n]*(?:[ \t\r\n]+(?:#[^\r\n]*)?)*")
_PROPERTY_TOKEN = re.compile(r"[!&][^ \t\r\n,\[\]{}]*")
_TAG_TOKEN = re.compile(r"![^ \t\r\n,\[\]{}]*")

# The name of the null key (an empty key, '? ' with nothing after it): JSON keys are strings, and
# tools that turn YAML into JSON write a null key as "null". It must not be the empty string, which
# is a different key ('"": value').
NULL_KEY = "null"


@dataclass(frozen=True)
class ComposeProblem:
    rule: str
    message: str
    start: int
    end: int
    help: str | None
    document: int | None


@dataclass
class ComposedDocument:
    index: int
    data: Any
    entries: list[Entry]
    plain_scalars: dict[str, str]
    start: int
    end: int
    recovered: bool = False


@dataclass
class ComposeResult:
    documents: list[ComposedDocument] = field(default_factory=list)
    problems: list[ComposeProblem] = field(default_factory=list)
    # True when no document had content (only comments, blank lines or empty documents).
    empty: bool = True
    # True when the parser refused the text (not a problem found while composing).
    parser_error: bool = False


class _Stop(Exception):
    """End composing at an unrecoverable problem (already recorded)."""


class _Frame:
    """An open mapping or sequence."""

    __slots__ = (
        "anchor",
        "as_key",
        "container",
        "entry_base",
        "flow",
        "is_map",
        "key",
        "key_end",
        "key_start",
        "last_end",
        "merge",
        "merges",
        "pointer",
        "start",
    )

    def __init__(
        self, is_map: bool, pointer: str, start: int, flow: bool, anchor: str | None
    ) -> None:
        self.is_map = is_map
        self.container: Any = {} if is_map else []
        self.pointer = pointer
        self.start = start
        self.flow = flow
        self.anchor = anchor
        self.entry_base = 0
        self.last_end = start
        self.as_key = False
        # The pending key of a mapping (None while a key is expected).
        self.key: str | None = None
        self.key_start = 0
        self.key_end = 0
        self.merge = False
        self.merges: list[Any] = []


def _escape(token: str) -> str:
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def _show(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE_PREFIX) :] if tag.startswith(_CORE_PREFIX) else tag


class Composer:
    """Builds documents from one event stream; see the module docstring. Use :func:`compose`."""

    def __init__(
        self,
        text: str,
        backend: Backend,
        max_depth: int = MAX_DEPTH,
        max_alias_nodes: int = MAX_ALIAS_NODES,
    ) -> None:
        self.text = text
        self.backend = backend
        self.max_depth = max_depth
        self.max_alias_nodes = max_alias_nodes
        self.result = ComposeResult()
        self.doc_index = -1
        self._new_document()

    def _new_document(self) -> None:
        self.stack: list[_Frame] = []
        self.entries: list[Entry] = []
        self.plain: dict[str, str] = {}
        # anchor -> (value, pointer, first entry, end of entries); entries -1 when it has none.
        self.anchors: dict[str, tuple[Any, str, int, int]] = {}
        # anchor -> the node's text as written, for an alias used as a key.
        self.anchor_text: dict[str, str] = {}
        self.open_anchors: set[str] = set()
        # id(mapping) -> (pointer, first entry, end of entries), for merge keys.
        self.origins: dict[int, tuple[str, int, int]] = {}
        self.alias_nodes = 0
        # Whether the last node attached was a merge source ('<<: node'), which records no entry.
        self.merged_last = False
        self.pointer_chars = 0
        self.root: Any = None
        self.root_start = 0
        self.root_end = 0
        self.root_empty = True
        self.recovered = False
        # Where the document's '---' marker is (or its first character when it has none).
        self.marker = (0, 0)

    # -- problems ---------------------------------------------------------------------------------

    def _problem(
        self, rule: str, message: str, start: int, end: int, help: str | None = None
    ) -> None:
        self.result.problems.append(
            ComposeProblem(rule, message, start, end, help, max(self.doc_index, 0))
        )

    @cached_property
    def _lines(self) -> LineIndex:
        # Built on first use: counting lines from the start for each of n duplicate keys is n².
        return LineIndex(self.text)

    def _line_of(self, offset: int) -> int:
        return self._lines.position(offset)[0]

    # -- the loop ---------------------------------------------------------------------------------

    def run(self) -> ComposeResult:
        backend = self.backend
        try:
            self._run(backend.start(self.text), backend.kinds)
        except backend.errors as exc:
            self.result.parser_error = True
            error = plain_error(exc, self.text)
            end = min(error.offset + 1, len(self.text))
            self._problem(error.rule, error.message, error.offset, end, error.help)
        except _Stop:
            pass
        return self.result

    def _run(self, get: Callable[[], Any], kinds: dict[type, int]) -> None:
        # This loop runs once per event, so the common cases (a key; a plain or quoted value that
        # is neither tagged nor anchored) are handled inline; everything else goes to methods.
        stack = self.stack
        entries = self.entries
        max_depth = self.max_depth
        frame: _Frame | None = None  # the innermost open collection
        while True:
            event = get()
            kind = kinds[type(event)]
            if kind == SCALAR:
                raw = event.value
                if frame is not None and raw and event.tag is None and event.anchor is None:
                    if frame.is_map and frame.key is None:
                        if raw != "<<":
                            start = event.start_mark.index
                            end = event.end_mark.index
                            if raw in frame.container:
                                self._duplicate(frame, raw, start, end)
                            frame.key = raw
                            frame.key_start = start
                            frame.key_end = frame.last_end = end
                            continue
                    elif not frame.merge:
                        style = event.style
                        if not style or style in ("'", '"'):
                            source = None
                            if style:
                                value: Any = raw
                            else:
                                value, record = resolve_plain(raw)
                                if record:
                                    source = raw
                            start = event.start_mark.index
                            end = event.end_mark.index
                            container = frame.container
                            if frame.is_map:
                                key: str = frame.key  # type: ignore[assignment]
                                frame.key = None
                                container[key] = value
                                if "~" in key or "/" in key:
                                    key = _escape(key)
                                pointer = f"{frame.pointer}/{key}"
                                entries.append(
                                    (pointer, start, end, frame.key_start, frame.key_end, source)
                                )
                            else:
                                pointer = f"{frame.pointer}/{len(container)}"
                                container.append(value)
                                entries.append((pointer, start, end, None, None, source))
                            frame.last_end = end
                            if source is not None:
                                self.plain[pointer] = source
                            self.pointer_chars += len(pointer)
                            if self.pointer_chars > MAX_POINTER_CHARS:
                                self._too_large(start, end)
                            continue
                self._scalar(event)
            elif kind in (MAP_START, SEQ_START):
                if (
                    frame is not None
                    and event.anchor is None
                    and event.tag is None
                    and len(stack) < max_depth
                    and not (frame.is_map and frame.key is None)
                ):
                    # A collection inside another, neither tagged nor anchored, nor a key: what
                    # ``_open`` does for it, inline.
                    if frame.is_map:
                        pointer = f"{frame.pointer}/{_escape(frame.key)}"  # type: ignore[arg-type]
                    else:
                        pointer = f"{frame.pointer}/{len(frame.container)}"
                    frame = _Frame(
                        kind == MAP_START,
                        pointer,
                        event.start_mark.index,
                        bool(event.flow_style),
                        None,
                    )
                    frame.entry_base = len(entries)
                    stack.append(frame)
                else:
                    self._open(event, kind == MAP_START)
                    frame = stack[-1]
            elif kind in (MAP_END, SEQ_END):
                if (
                    frame is not None
                    and frame.anchor is None
                    and not frame.as_key
                    and not frame.merges
                ):
                    # What ``_close`` does for a collection without anchor, merge keys or use as
                    # a key, inline.
                    stack.pop()
                    end = event.end_mark.index if frame.flow else frame.last_end
                    value = frame.container
                    lo = frame.entry_base
                    self._attach(value, min(frame.start, end), end, None)
                    if frame.is_map:
                        self.origins[id(value)] = (frame.pointer, lo, len(entries))
                else:
                    self._close(event.end_mark.index)
                frame = stack[-1] if stack else None
            elif kind == ALIAS:
                self._alias(event)
            elif kind == DOC_START:
                self.doc_index += 1
                self._new_document()
                self._document_marker(event.start_mark.index, event.end_mark.index)
                stack = self.stack
                entries = self.entries
                frame = None
            elif kind == DOC_END:
                self._end_document()
            elif kind == STREAM_END:
                return

    def _document_marker(self, start: int, end: int) -> None:
        # The event spans directives too; the marker is the '---' that ends it.
        if end - start >= 3 and self.text.startswith("---", end - 3):
            self.marker = (end - 3, end)
        else:
            self.marker = (start, end)

    def _end_document(self) -> None:
        if self.root_empty:
            # '---' with nothing after it: a null document. One finding says so; the document is
            # not passed on, so it is not reported again as "not a pod".
            start, end = self.marker
            if start == end:
                start, end = self.root_start, self.root_end
            self._problem(
                "empty-document",
                "empty document: nothing follows this document marker, so the document is null "
                "and holds no pod definition",
                start,
                end,
                "Remove the extra `---` (or the empty document between two markers).",
            )
            return
        self.result.empty = False
        self.result.documents.append(
            ComposedDocument(
                self.doc_index,
                self.root,
                self.entries,
                self.plain,
                self.root_start,
                self.root_end,
                self.recovered,
            )
        )

    # -- nodes ------------------------------------------------------------------------------------

    def _content_start(self, start: int) -> int:
        """Skip the node's properties (anchor, tag) so spans cover the value as written."""
        text = self.text
        while start < len(text) and text[start] in "!&":
            match = _PROPERTY.match(text, start)
            if match is None:  # pragma: no cover - the pattern matches any '!' or '&'
                break
            start = match.end()
        return start

    def _tag_problem(self, tag: str, start: int, what: str) -> None:
        text = self.text
        # libyaml marks a node at its first property, ruamel.yaml at the last one it read (an
        # anchor after the tag, say): look for the tag as written on the node's line first.
        written = _tag_name(tag)
        found = text.find(written, text.rfind("\n", 0, start) + 1, start + len(written) + 1)
        match = _TAG_TOKEN.match(text, found) if found >= 0 else _TAG_TOKEN.search(text, start)
        tag_start, tag_end = (match.start(), match.end()) if match else (start, start + 1)
        self._problem(
            "yaml-tag",
            f"tag '{_show(_tag_name(tag))}' is ignored: podlint reads the {what} as if it had no "
            "tag, as Marathon receives plain JSON",
            tag_start,
            tag_end,
            "remove the tag; pod definitions need no YAML tags",
        )

    def _scalar(self, event: Any) -> None:
        text = self.text
        start = event.start_mark.index
        end = event.end_mark.index
        raw: str = event.value
        style = event.style
        tag = event.tag
        anchor = event.anchor
        if start < end and text[start] in "!&":
            # Never past the end: libyaml ends an anchor sooner than the pattern ("&a:b" is the
            # anchor "a" on the plain scalar ":b").
            start = min(self._content_start(start), end)
        if style in {"|", ">"}:
            # libyaml ends a block scalar after its trailing line breaks; the value ends before.
            end = start + len(text[start:end].rstrip())
        elif not raw and not style:
            start, end = self._empty_span(event.start_mark.index, start, end)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            is_merge = raw == "<<" and not style and tag is None
            if tag is not None and tag != "!" and tag != _CORE_PREFIX + "str":
                self._tag_problem(tag, event.start_mark.index, "key")
            null = not raw and not style and (tag is None or tag == _CORE_PREFIX + "null")
            key = NULL_KEY if null else raw
            self._take_key(frame, key, start, end, is_merge)
            if anchor is not None:
                # An anchored key: its alias stands for the string; there are no entries to copy.
                self.anchors[anchor] = (None if null else raw, "", -1, -1)
                self.anchor_text[anchor] = key
            return
        source: str | None = None
        if tag is None:
            if style:
                value: Any = raw
            else:
                value, record = resolve_plain(raw)
                if record:
                    source = raw
        else:
            value, source = self._tagged_scalar(tag, raw, style, event.start_mark.index)
        if frame is None:
            self.root_empty = not raw and not style and tag is None and anchor is None
        lo = len(self.entries)
        self._attach(value, start, end, source)
        if anchor is not None:
            self._anchor(anchor, value, lo, start, end)

    def _empty_span(self, mark: int, start: int, end: int) -> tuple[int, int]:
        """An empty plain scalar (a null): at its properties, else right after what precedes it."""
        text = self.text
        if mark < len(text) and text[mark] in "!&":
            match = _PROPERTY_TOKEN.match(text, mark)
            return mark, match.end() if match else mark
        # Parsers place the empty node differently (libyaml after the ':', ruamel on the next
        # line); both agree once trailing blanks are skipped backwards.
        pos = min(start, len(text))
        while pos > 0 and text[pos - 1] in " \t\r\n":
            pos -= 1
        return pos, pos

    def _tagged_scalar(self, tag: str, raw: str, style: Any, mark: int) -> tuple[Any, str | None]:
        if tag == "!":
            return raw, None  # the non-specific tag: a string
        if tag.startswith(_CORE_PREFIX):
            name = tag[len(_CORE_PREFIX) :]
            if name in _CORE_SCALAR_TAGS:
                value, fits = resolve_as(name, raw)
                if fits:
                    return value, (raw if name != "str" else None)
                self._problem(
                    "yaml-tag",
                    f"'{_show(raw)}' is not a valid {_tag_name(tag)}: podlint reads it as a string",
                    mark,
                    mark + len(_tag_name(tag)),
                    "remove the tag, or write a value of that type",
                )
                return raw, None
        self._tag_problem(tag, mark, "value")
        if style:
            return raw, None
        value, record = resolve_plain(raw)
        return value, (raw if record else None)

    def _take_key(self, frame: _Frame, key: str, start: int, end: int, is_merge: bool) -> None:
        frame.key = key
        frame.key_start = start
        frame.key_end = end
        frame.merge = is_merge
        frame.last_end = end
        if is_merge:
            return
        if key in frame.container:
            self._duplicate(frame, key, start, end)

    def _duplicate(self, frame: _Frame, key: str, start: int, end: int) -> None:
        # Rare, so the first occurrence is looked up only now, from the entries.
        pointer = f"{frame.pointer}/{_escape(key)}"
        previous = next((e[3] for e in reversed(self.entries) if e[0] == pointer), None)
        first = f" (first at line {self._line_of(previous)})" if previous is not None else ""
        self._problem(
            "duplicate-key",
            f"duplicate key '{_show(key)}'{first}: YAML "
            "forbids repeated keys; podlint reads the later value, other tools may refuse the "
            "file or keep the earlier one",
            start,
            end,
            f"remove one of the two '{_show(key)}' entries",
        )
        self.recovered = True

    def _child_pointer(self) -> str:
        frame = self.stack[-1]
        if not frame.is_map:
            return f"{frame.pointer}/{len(frame.container)}"
        return f"{frame.pointer}/{_escape(frame.key or '')}"

    def _attach(self, value: Any, start: int, end: int, source: str | None) -> None:
        """Record a finished node (scalar, alias or collection) in its parent and in the entries."""
        stack = self.stack
        if not stack:
            self.root = value
            self.root_start, self.root_end = start, end
            self.entries.append(("", start, end, None, None, source))
            if source is not None:
                self.plain[""] = source
            return
        frame = stack[-1]
        self.merged_last = False
        if not frame.is_map:
            container = frame.container
            pointer = f"{frame.pointer}/{len(container)}"
            container.append(value)
            self.entries.append((pointer, start, end, None, None, source))
        else:
            key = frame.key
            assert key is not None
            frame.key = None
            if frame.merge:
                frame.merge = False
                frame.merges.append((value, start))
                frame.last_end = end
                self.merged_last = True
                return
            pointer = f"{frame.pointer}/{_escape(key)}"
            frame.container[key] = value
            self.entries.append((pointer, start, end, frame.key_start, frame.key_end, source))
        frame.last_end = end
        if source is not None:
            self.plain[pointer] = source
        self.pointer_chars += len(pointer)
        if self.pointer_chars > MAX_POINTER_CHARS:
            self._too_large(start, end)

    def _too_large(self, start: int, end: int) -> None:
        self._problem(
            "too-complex",
            "the document is too large to index (deep nesting under long keys); podlint does "
            "not read it",
            start,
            end,
            "a pod definition nests about eight levels; check how the file was generated",
        )
        raise _Stop

    def _anchor(self, name: str, value: Any, lo: int, start: int, end: int) -> None:
        self.anchor_text[name] = (
            value if isinstance(value, str) else (self.text[start:end] or NULL_KEY)
        )
        entries = self.entries
        if self.merged_last or len(entries) <= lo:
            # A merge source has no entry of its own: its alias stands for the value alone.
            self.anchors[name] = (value, "", -1, -1)
            return
        self.anchors[name] = (value, entries[-1][0], lo, len(entries))

    def _open(self, event: Any, is_map: bool) -> None:
        stack = self.stack
        mark = event.start_mark.index
        if len(stack) >= self.max_depth:
            self._problem(
                "too-complex",
                f"the document nests mappings and sequences more than {self.max_depth} levels "
                "deep; podlint does not read it",
                mark,
                mark + 1,
                "a pod definition nests about eight levels; check how the file was generated",
            )
            raise _Stop
        tag = event.tag
        if tag is not None and tag != "!":
            expected = _CORE_PREFIX + ("map" if is_map else "seq")
            if tag != expected:
                self._tag_problem(tag, mark, "mapping" if is_map else "sequence")
        # Skip the node's own properties only: a block mapping starts at its first key, and an
        # anchor or tag there ("&k : v") belongs to that key.
        own = event.anchor is not None or tag is not None
        start = (
            self._content_start(mark) if own and self.text.startswith(("!", "&"), mark) else mark
        )
        as_key = bool(stack) and stack[-1].is_map and stack[-1].key is None
        pointer = self._child_pointer() + ("/?" if as_key else "") if stack else ""
        frame = _Frame(is_map, pointer, start, bool(event.flow_style), event.anchor)
        frame.as_key = as_key
        frame.entry_base = len(self.entries)
        if frame.anchor is not None:
            self.open_anchors.add(frame.anchor)
        if not stack:
            self.root_empty = False
        stack.append(frame)

    def _close(self, end_mark: int) -> None:
        frame = self.stack.pop()
        end = end_mark if frame.flow else frame.last_end
        if frame.is_map and frame.merges:
            self._merge(frame)
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
        if frame.as_key:
            self._complex_key(frame, end)
            return
        value = frame.container
        lo = frame.entry_base
        start = min(frame.start, end)
        self._attach(value, start, end, None)
        if frame.is_map:
            self.origins[id(value)] = (frame.pointer, lo, len(self.entries))
        if frame.anchor is not None:
            self._anchor(frame.anchor, value, lo, start, end)

    def _complex_key(self, frame: _Frame, end: int) -> None:
        """A mapping or sequence used as a key: valid YAML, but a pod's keys are strings."""
        base = frame.entry_base
        del self.entries[base:]
        prefix = frame.pointer
        self.plain = {p: s for p, s in self.plain.items() if not p.startswith(prefix)}
        # Anchors and merge origins inside the key pointed at the entries just removed; their
        # aliases now stand for the data alone (entries at those indexes belong to later nodes).
        for name, (value, _, lo, _) in list(self.anchors.items()):
            if lo >= base:
                self.anchors[name] = (value, "", -1, -1)
        self.origins = {k: v for k, v in self.origins.items() if v[1] < base}
        key = self.text[frame.start : end]
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, "", -1, -1)
            self.anchor_text[frame.anchor] = key
        kind = "mapping" if frame.is_map else "sequence"
        self._problem(
            "collection-key",
            f"a {kind} is used as a key ('{_show(key)}'): the keys of a pod definition are "
            "strings, as JSON has no other kind; podlint reads this key as its text",
            frame.start,
            end,
            "Use a plain string key.",
        )
        self.recovered = True
        self._take_key(self.stack[-1], key, frame.start, end, False)

    def _alias(self, event: Any) -> None:
        name = event.anchor
        start = event.start_mark.index
        end = event.end_mark.index
        found = self.anchors.get(name)
        if found is None:
            recursive = name in self.open_anchors
            self._problem(
                "syntax-error",
                f"alias '*{_show(name)}' refers to "
                + (
                    "the node that contains it (a recursive alias)"
                    if recursive
                    else "an anchor that is not defined before it"
                ),
                start,
                end,
                f"define '&{_show(name)}' before using '*{_show(name)}'",
            )
            raise _Stop
        value, anchor_pointer, lo, hi = found
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            key = self.anchor_text.get(name, NULL_KEY)
            self._take_key(frame, key, start, end, False)
            return
        if frame is None:
            self.root_empty = False
        if lo < 0 or (frame is not None and frame.is_map and frame.merge):
            self._attach(value, start, end, None)
            return
        pointer = self._child_pointer() if frame is not None else ""
        self._charge(hi - lo, start, end)
        self._copy_entries(lo, hi - 1, anchor_pointer, pointer)
        self._attach(value, start, end, self.entries[hi - 1][5])

    def _charge(self, nodes: int, start: int, end: int) -> None:
        self.alias_nodes += nodes
        if self.alias_nodes > self.max_alias_nodes:
            self._problem(
                "too-complex",
                f"aliases expand to more than {self.max_alias_nodes} nodes in this document "
                "(an alias bomb, such as 'billion laughs'); podlint does not read it",
                start,
                end,
                "write the values out, or use fewer nested aliases",
            )
            raise _Stop

    def _copy_entries(
        self, lo: int, hi: int, old: str, new: str, keys: set[str] | None = None
    ) -> None:
        """Re-record entries[lo:hi] (all under pointer ``old``) under pointer ``new``.

        With ``keys``, only members of ``old`` whose (unescaped) first token is in ``keys``.
        """
        entries = self.entries
        plain = self.plain
        cut = len(old)
        for index in range(lo, hi):
            entry = entries[index]
            pointer = entry[0]
            rest = pointer[cut:]
            if keys is not None:
                token = rest[1:].split("/", 1)[0].replace("~1", "/").replace("~0", "~")
                if not rest or token not in keys:
                    continue
            moved = new + rest
            self.pointer_chars += len(moved)
            entries.append((moved, entry[1], entry[2], entry[3], entry[4], entry[5]))
            if entry[5] is not None:
                plain[moved] = entry[5]

    def _merge(self, frame: _Frame) -> None:
        """Apply the frame's ``<<`` merge keys: explicit keys win, then earlier sources."""
        container: dict[str, Any] = frame.container
        sources: list[dict[str, Any]] = []
        for value, start in frame.merges:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict):
                    sources.append(item)
                else:
                    self._problem(
                        "syntax-error",
                        "a merge key '<<' needs a mapping (or a list of mappings) to merge",
                        start,
                        start + 1,
                        "merge mappings only, e.g. '<<: *defaults'",
                    )
                    self.recovered = True
        mark = frame.merges[0][1]
        for source in sources:
            taken = {key for key in source if key not in container}
            if not taken:
                continue
            for key in taken:
                container[key] = source[key]
            origin = self.origins.get(id(source))
            if origin is not None:
                pointer, lo, hi = origin
                self._charge(hi - lo, mark, mark + 2)
                self._copy_entries(lo, hi, pointer, frame.pointer, taken)


def compose(
    text: str,
    backend: Backend,
    max_depth: int = MAX_DEPTH,
    max_alias_nodes: int = MAX_ALIAS_NODES,
) -> ComposeResult:
    """Compose every document of ``text``; never raises for bad input."""
    return Composer(text, backend, max_depth, max_alias_nodes).run()
