"""A fast reader of one entry-point group, equivalent to ``importlib.metadata.entry_points(group=...)``.

``importlib.metadata`` costs about 15 ms to import (it pulls in ``email``, ``zipfile``, ``csv`` and
more) and parses every distribution's metadata; for a pre-commit run on one file that is a sixth of the
whole run. This module reads ``entry_points.txt`` of the ``*.dist-info`` / ``*.egg-info`` folders on
``sys.path`` directly, with the same search order, the same "first distribution of a name wins" rule
and the same parsing. Whenever the environment holds something it does not model (a zip or egg on
``sys.path``, another metadata finder, an unusual folder name), it returns None and the caller uses
``importlib.metadata`` itself, so the result never differs.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from typing import Any

# importlib.metadata's own patterns (EntryPoint.pattern, Prepared.normalize).
_EP_PATTERN = re.compile(
    r"(?P<module>[\w.]+)\s*"
    r"(:\s*(?P<attr>[\w.]+)\s*)?"
    r"((?P<extras>\[.*\])\s*)?$"
)
_SEPARATORS = re.compile(r"[-_.]+")
_SUFFIXES = (".dist-info", ".egg-info")


class _Unsupported(Exception):
    """Something only importlib.metadata knows how to read: fall back to it."""


class Dist:
    """The part of ``importlib.metadata.Distribution`` podlint uses: name and version."""

    # A plain class, not a dataclass: this module is imported on every start.
    __slots__ = ("_headers", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._headers: dict[str, str] | None = None

    def _metadata(self) -> dict[str, str]:
        if self._headers is None:
            self._headers = _read_headers(self.path)
        return self._headers

    # Typed like importlib.metadata's (str), which also gives None for a missing field.
    @property
    def name(self) -> Any:
        return self._metadata().get("name")

    @property
    def version(self) -> Any:
        return self._metadata().get("version")


def _read_headers(folder: str) -> dict[str, str]:
    """The header fields of METADATA (or PKG-INFO), lower-cased names, first occurrence wins."""
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, filename), encoding="utf-8") as fh:
                text = fh.read()
        except OSError:
            continue
        headers: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip():
                break  # the body (long description) starts here
            key, sep, value = line.partition(":")
            if sep and not line[:1].isspace():
                headers.setdefault(key.strip().lower(), value.strip())
        return headers
    return {}


class EntryPoint:
    """The part of ``importlib.metadata.EntryPoint`` podlint uses."""

    __slots__ = ("dist", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist: Dist | None) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self) -> Any:
        match = _EP_PATTERN.match(self.value)
        if match is None:  # importlib.metadata fails the same way, with an AttributeError
            raise AttributeError(f"malformed entry point value {self.value!r}")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def _normalize(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower().replace("-", "_")


def _metadata_folders() -> list[str]:
    """Every metadata folder, in importlib.metadata's order, first of each distribution name only."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not PathFinder:
            raise _Unsupported("another distribution finder")
    seen: set[str] = set()
    found: list[str] = []
    for entry in sys.path:
        if not isinstance(entry, str):
            raise _Unsupported("non-text sys.path entry")
        root = entry or "."
        if os.path.basename(entry).lower().endswith(".egg"):
            raise _Unsupported("egg on sys.path")
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            raise _Unsupported("zip on sys.path") from None
        except OSError:
            continue
        # Lookup groups folders by normalized name, in order of first appearance.
        groups: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if not low.endswith(_SUFFIXES):
                continue
            if not child.endswith(_SUFFIXES):
                raise _Unsupported("metadata folder with an upper-case suffix")
            name = low.rpartition(".")[0].partition("-")[0]
            groups.setdefault(_normalize(name), []).append(child)
        for children_of_name in groups.values():
            for child in children_of_name:
                # The distribution's own name comes from the folder name (not lowered).
                unique = _normalize(os.path.splitext(child)[0].partition("-")[0])
                if unique in seen:
                    continue
                seen.add(unique)
                found.append(os.path.join(entry, child) if entry else child)
    return found


def _parse(text: str, group: str, dist: Dist) -> list[EntryPoint]:
    points: list[EntryPoint] = []
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, sep, value = line.partition("=")
        if not sep:
            raise _Unsupported("entry point line without '='")
        if section == group:
            points.append(EntryPoint(name.strip(), value.strip(), section, dist))
    return points


def entry_points(group: str) -> list[EntryPoint] | None:
    """The entry points of ``group``; None when only importlib.metadata can answer exactly."""
    try:
        points: list[EntryPoint] = []
        for folder in _metadata_folders():
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
                continue
            points.extend(_parse(text, group, Dist(folder)))
        return points
    except (_Unsupported, OSError, UnicodeDecodeError, ValueError):
        return None
