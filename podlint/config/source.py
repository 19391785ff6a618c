"""Reading one configuration file: its data, and the line each key sits on (for error messages).

Configuration files are tiny, so they are read in full. YAML in the plainest form (nested mappings
of simple keys to words, numbers, quoted strings and lists of them) is read by ``plain_yaml``
without importing PyYAML; anything else goes through PyYAML's C parser. Either way the node tree is
kept so an error can name its line.
``pyproject.toml`` is read as TOML data, whatever the spelling (``[tool.podlint]``, ``[tool]`` with
``podlint = {…}``, dotted ``tool.podlint.fail_on = …``); it is parsed only when it mentions podlint at
all, so a project whose pyproject never names podlint pays nothing for the TOML parser.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Sequence
from typing import Any

from podlint.config.settings import SettingsError
from podlint.records import Record

# A pyproject.toml can hold podlint configuration only if the word appears in it (a key may be quoted,
# `[tool."podlint"]`, but never escaped): a cheap test before paying for the TOML parser.
_MENTIONS_PODLINT = re.compile(r"podlint")

Tokens = Sequence[str | int]


class ConfigSource(Record):
    """The data of one configuration file, and a way to say where a key of it is."""

    _fields = ("path", "data", "node", "text", "table", "problems")

    def __init__(
        self,
        path: str,
        data: dict[str, Any],
        # YAML: the composed node tree; TOML: the text (lines are found by searching it).
        node: Any = None,
        text: str = "",
        # TOML only: the table holding podlint's keys ("tool.podlint" for pyproject.toml, "" else).
        table: str = "",
        problems: list[str] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.node = node
        self.text = text
        self.table = table
        self.problems: list[str] = [] if problems is None else problems

    def where(self, tokens: Tokens = (), *, key: bool = False) -> str:
        """``path:line`` of the member at ``tokens`` (its key's line when ``key``), or just ``path``."""
        line = self._line(tokens, key=key)
        shown = display_path(self.path)
        if line:
            return f"{shown}:{line}"
        # A TOML spelling the line scanner cannot follow: still say which table to look in.
        return f"{shown} (in [{self.table}])" if self.table else shown

    def scalar_text(self, tokens: Tokens) -> str | None:
        """The text of the plain scalar at ``tokens`` as written (``1.10``), when it can be told.

        YAML and TOML read an unquoted ``1.10`` as the number 1.1; for version-like settings the
        text is what the user meant.
        """
        if self.node is not None:
            return _yaml_scalar_text(self.node, tokens)
        if self.text:
            found = _toml_entry(self.text, self.table, tokens)
            return found[1] if found else None
        return None

    def _line(self, tokens: Tokens, *, key: bool) -> int | None:
        if self.node is not None:
            return _yaml_line(self.node, tokens, key=key)
        if self.text:
            return _toml_line(self.text, self.table, tokens)
        return None


def display_path(path: str) -> str:
    """``path`` relative to the current folder when it is below it (shorter messages), else as is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def read_config_file(path: str) -> ConfigSource | None:
    """Read ``path``; None for a ``pyproject.toml`` without podlint configuration.

    Raises SettingsError for a file that cannot be read or parsed, or that is not a mapping.
    """
    raw = _read_regular_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: configuration is not UTF-8 text ({exc.reason})") from None
    if path.endswith(".toml"):
        return _read_toml(path, text)
    return _read_yaml(path, text)


# Configuration files are small; anything larger is not one (and must not be read into memory).
MAX_CONFIG_BYTES = 1024 * 1024


def _read_regular_file(path: str) -> bytes:
    """The bytes of a regular file of at most MAX_CONFIG_BYTES: a FIFO, a device or a folder in a
    configuration's place is refused before it is read (it would hang, or never end)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SettingsError(f"{path}: configuration must be a regular file")
        if st.st_size > MAX_CONFIG_BYTES:
            raise SettingsError(
                f"{path}: {st.st_size} bytes is too large for a configuration file "
                f"(at most {MAX_CONFIG_BYTES})"
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_CONFIG_BYTES:
        raise SettingsError(f"{path}: too large for a configuration file")
    return raw


def is_podlint_pyproject(path: str) -> bool:
    """True when ``path`` is a readable pyproject.toml with a ``tool.podlint`` table, however spelt.

    A pyproject.toml that is not valid TOML counts when it mentions podlint: reading it then reports
    the syntax error, rather than silently falling back to defaults.
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    if _MENTIONS_PODLINT.search(text) is None:
        return False
    try:
        parsed = _toml_loads(text)
    except (ValueError, RecursionError):
        return True
    except SettingsError:  # no TOML parser (Python 3.10 without tomli): say so when reading it
        return True
    return _tool_podlint(parsed) is not None


# ---- YAML -----------------------------------------------------------------------------------------


def _read_yaml(path: str, text: str) -> ConfigSource:
    from podlint.config import plain_yaml

    plain = plain_yaml.read(text)
    if plain is not None:
        data, node = plain
    else:
        data, node = _read_with_pyyaml(path, text)
    if data is None:
        data = {}
    source = ConfigSource(path, data if isinstance(data, dict) else {}, node=node)
    if not isinstance(data, dict):
        raise SettingsError(
            f"{source.where()}: configuration must be a mapping of keys (select, rules, …), "
            f"got {type(data).__name__}"
        )
    _check_duplicate_keys(node, source)
    _check_alias_expansion(node, source)
    return source


def _read_with_pyyaml(path: str, text: str) -> tuple[Any, Any]:
    import yaml

    loader_cls: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise SettingsError(f"{path}{line}: configuration is not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path}: configuration is not valid YAML: {exc}") from None
    except RecursionError:
        raise SettingsError(f"{path}: configuration is nested too deeply to read") from None
    finally:
        loader.dispose()
    return data, node


# Configuration is a few hundred values; aliases that expand past this are a "billion laughs" bomb,
# which would exhaust memory as soon as a value is printed in a message.
MAX_EXPANDED_NODES = 100_000


def _kind(node: Any) -> str | None:
    """``mapping``, ``sequence`` or ``scalar``: the ``id`` of a PyYAML node and of a plain_yaml one."""
    kind = getattr(node, "id", None)
    return kind if isinstance(kind, str) else None


def _check_alias_expansion(node: Any, source: ConfigSource) -> None:
    """Count the nodes the document stands for once aliases are expanded (memoised, linear)."""
    if node is None:
        return
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # entered, children not yet counted: seeing one again is a cycle
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if id(current) in sizes:
            continue
        if not children_done and id(current) in open_nodes:
            raise SettingsError(
                f"{source.path}: configuration contains an alias inside its own anchor (a "
                "recursive value); write the values out"
            )
        if _kind(current) == "mapping":
            children = [n for pair in current.value for n in pair]
        elif _kind(current) == "sequence":
            children = list(current.value)
        else:
            children = []
        if children_done or not children:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_EXPANDED_NODES:
                raise SettingsError(
                    f"{source.path}: configuration aliases expand to more than "
                    f"{MAX_EXPANDED_NODES} values (an alias bomb); write the values out"
                )
            sizes[id(current)] = total
            open_nodes.discard(id(current))
            continue
        open_nodes.add(id(current))
        stack.append((current, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _check_duplicate_keys(node: Any, source: ConfigSource) -> None:
    """YAML parsers keep the last of two equal keys silently; in configuration that hides a mistake."""
    stack = [node]
    # Aliases share nodes: visit each once, or an alias bomb ("billion laughs") never ends.
    visited: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if _kind(current) == "mapping":
            seen: dict[Any, int] = {}
            for key_node, value_node in current.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str):
                    line = key_node.start_mark.line + 1
                    if key in seen:
                        raise SettingsError(
                            f"{source.path}:{line}: key {key!r} appears twice "
                            f"(first on line {seen[key]}); keep one"
                        )
                    seen[key] = line
                stack.append(value_node)
        elif _kind(current) == "sequence":
            stack.extend(current.value)


def _yaml_line(node: Any, tokens: Tokens, *, key: bool) -> int | None:
    current = node
    key_node = None
    for token in tokens:
        if _kind(current) == "mapping":
            for k, v in current.value:
                if getattr(k, "value", None) == token or (
                    isinstance(token, int) and getattr(k, "value", None) == str(token)
                ):
                    key_node, current = k, v
                    break
            else:
                break
        elif _kind(current) == "sequence" and isinstance(token, int):
            if token >= len(current.value):
                break
            key_node, current = None, current.value[token]
        else:
            break
    chosen = key_node if key and key_node is not None else current
    return int(chosen.start_mark.line) + 1 if chosen is not None else None


def _yaml_scalar_text(node: Any, tokens: Tokens) -> str | None:
    current = node
    for token in tokens:
        if _kind(current) != "mapping":
            return None
        for k, v in current.value:
            if getattr(k, "value", None) == token:
                current = v
                break
        else:
            return None
    if _kind(current) == "scalar" and not current.style:
        return str(current.value)
    return None


# ---- TOML -----------------------------------------------------------------------------------------


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the tomli backport, when installed
        try:
            import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            raise SettingsError(
                "reading TOML configuration needs Python 3.11 or the tomli package "
                "(pip install tomli), or use .podlint.yaml"
            ) from None
    return tomllib.loads(text)


def _read_toml(path: str, text: str) -> ConfigSource | None:
    is_pyproject = os.path.basename(path) == "pyproject.toml"
    if is_pyproject and not _MENTIONS_PODLINT.search(text):
        return None
    try:
        parsed = _toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise SettingsError(f"{path}: configuration is not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays recursively
        raise SettingsError(f"{path}: configuration is nested too deeply to read") from None
    table = ""
    data: Any = parsed
    if is_pyproject or "tool" in parsed:
        data = _tool_podlint(parsed)
        table = "tool.podlint"
        if data is None:
            return None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: [tool.podlint] must be a table, got {type(data).__name__}")
    return ConfigSource(path, data, text=text, table=table)


def _tool_podlint(parsed: dict[str, Any]) -> Any:
    tool = parsed.get("tool")
    return tool.get("podlint") if isinstance(tool, dict) else None


def _toml_line(text: str, table: str, tokens: Tokens) -> int | None:
    """The line of the deepest key of ``tokens`` found under ``table`` (TOML parsers give no lines)."""
    found = _toml_entry(text, table, tokens)
    return found[0] if found else None


def _toml_entry(text: str, table: str, tokens: Tokens) -> tuple[int, str | None] | None:
    """``(line, raw value text)`` of the deepest key of ``tokens`` under ``table``.

    The raw text is there only when the deepest key itself was found with a scalar value.
    """
    prefix = table.split(".") if table else []
    target = prefix + [str(t) for t in tokens if isinstance(t, str)]
    best: tuple[int, int, str | None] | None = None  # (depth, line, raw)
    for path, line, raw in scan_toml_keys(text):
        depth = len(path)
        if depth < max(len(prefix), 1) or path != target[:depth]:
            continue
        if best is None or depth > best[0]:
            best = (depth, line, raw if depth == len(target) else None)
    return (best[1], best[2]) if best else None


# ---- where keys sit in TOML text ------------------------------------------------------------------
#
# tomllib gives data without positions. A configuration error must still name its line, so this small
# scanner finds every key's full path and line: table headers, dotted keys and inline tables (which
# TOML 1.0 keeps on one line) are what configuration uses. It never decides what the data is (tomllib
# did that), so where it cannot follow the text it merely finds fewer lines.

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TRIPLE_QUOTES = ('"""', "'''")


def scan_toml_keys(text: str) -> list[tuple[list[str], int, str | None]]:
    """Every key of ``text`` as ``(full path, line, raw scalar text or None)``, in order."""
    out: list[tuple[list[str], int, str | None]] = []
    section: list[str] = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        line = lines[number].strip()
        number += 1
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("["):
                section, _ = _read_key(line, 2 if line.startswith("[[") else 1)
                out.append((list(section), number, None))
                continue
            key, i = _read_key(line, 0)
            if i >= len(line) or line[i] != "=":
                continue
            i = _skip_space(line, i + 1)
            path = section + key
            quote = line[i : i + 3]
            if quote in _TRIPLE_QUOTES and line.count(quote) < 2:
                # A multi-line string: no keys inside, skip to its closing quotes.
                out.append((path, number, None))
                while number < len(lines) and quote not in lines[number]:
                    number += 1
                number += 1
                continue
            if line[i] == "{":
                out.append((path, number, None))
                nested: list[tuple[list[str], str | None]] = []
                _read_inline_table(line, i, path, nested)
                out.extend((p, number, raw) for p, raw in nested)
            else:
                out.append((path, number, line[i : _skip_value(line, i)].strip()))
        except IndexError:
            continue  # text tomllib accepted but this scanner cannot follow: fewer lines, no harm
    return out


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t":
        i += 1
    return i


def _skip_string(s: str, i: int) -> int:
    """The index just after the one-line string opening at ``s[i]``."""
    quote = s[i]
    i += 1
    while s[i] != quote:
        i += 2 if quote == '"' and s[i] == "\\" else 1
    return i + 1


def _read_key(s: str, i: int) -> tuple[list[str], int]:
    """The dotted key at ``s[i:]`` (bare or quoted parts) and the index after it and its spaces."""
    parts: list[str] = []
    while True:
        i = _skip_space(s, i)
        if s[i] in "\"'":
            end = _skip_string(s, i)
            parts.append(s[i + 1 : end - 1])
            i = end
        else:
            m = _BARE_KEY.match(s, i)
            if not m:
                raise IndexError(i)
            parts.append(m.group())
            i = m.end()
        i = _skip_space(s, i)
        if i < len(s) and s[i] == ".":
            i += 1
            continue
        return parts, i


def _skip_value(s: str, i: int) -> int:
    """The index just after the value at ``s[i]``: a scalar, a string or an array."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c in "\"'":
            i = _skip_string(s, i)
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            if depth == 0:
                return i
            depth -= 1
        elif c in ",#" and depth == 0:
            return i
        i += 1
    return i


def _read_inline_table(
    s: str, i: int, prefix: list[str], out: list[tuple[list[str], str | None]]
) -> int:
    """Record the keys of the inline table at ``s[i] == "{"``; return the index after it."""
    i += 1
    while True:
        i = _skip_space(s, i)
        if s[i] == "}":
            return i + 1
        key, i = _read_key(s, i)
        if s[i] != "=":
            raise IndexError(i)
        i = _skip_space(s, i + 1)
        path = prefix + key
        if s[i] == "{":
            out.append((path, None))
            i = _read_inline_table(s, i, path, out)
        else:
            end = _skip_value(s, i)
            out.append((path, s[i:end].strip()))
            i = end
        i = _skip_space(s, i)
        if s[i] == ",":
            i += 1
