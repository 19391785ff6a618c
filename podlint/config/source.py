"""Reading one configuration file: its data, and the line each key sits on (for error messages).

Configuration files are tiny, so they are read in full. YAML goes through PyYAML's C parser (the
pipeline imports it for YAML pods anyway); the node tree is kept so an error can name its line.
``pyproject.toml`` is parsed only when it mentions ``tool.podlint``, so a project whose pyproject has
no podlint section pays nothing for the TOML parser.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from podlint.config.settings import SettingsError

# A pyproject.toml that holds podlint configuration: `[tool.podlint]`, `[tool.podlint.rules…]`, or a
# dotted `tool.podlint.…` key. A cheap test before paying for the TOML parser.
_PYPROJECT_SECTION = re.compile(
    r"^\s*\[\s*tool\s*\.\s*podlint\s*[\].]|^\s*tool\s*\.\s*podlint\s*[.=]", re.M
)

Tokens = Sequence[str | int]


@dataclass
class ConfigSource:
    """The data of one configuration file, and a way to say where a key of it is."""

    path: str
    data: dict[str, Any]
    # YAML: the composed node tree; TOML: the text (lines are found by searching it).
    node: Any = None
    text: str = ""
    # TOML only: the table holding podlint's keys ("tool.podlint" for pyproject.toml, "" otherwise).
    table: str = ""
    problems: list[str] = field(default_factory=list)

    def where(self, tokens: Tokens = (), *, key: bool = False) -> str:
        """``path:line`` of the member at ``tokens`` (its key's line when ``key``), or just ``path``."""
        line = self._line(tokens, key=key)
        shown = display_path(self.path)
        return f"{shown}:{line}" if line else shown

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
    """True when ``path`` is a readable pyproject.toml that mentions ``tool.podlint``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return _PYPROJECT_SECTION.search(fh.read()) is not None
    except OSError:
        return False


# ---- YAML -----------------------------------------------------------------------------------------


def _read_yaml(path: str, text: str) -> ConfigSource:
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


# Configuration is a few hundred values; aliases that expand past this are a "billion laughs" bomb,
# which would exhaust memory as soon as a value is printed in a message.
MAX_EXPANDED_NODES = 100_000


def _check_alias_expansion(node: Any, source: ConfigSource) -> None:
    """Count the nodes the document stands for once aliases are expanded (memoised, linear)."""
    import yaml

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
        if isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
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
    import yaml

    stack = [node]
    # Aliases share nodes: visit each once, or an alias bomb ("billion laughs") never ends.
    visited: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
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
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _yaml_line(node: Any, tokens: Tokens, *, key: bool) -> int | None:
    import yaml

    current = node
    key_node = None
    for token in tokens:
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if getattr(k, "value", None) == token or (
                    isinstance(token, int) and getattr(k, "value", None) == str(token)
                ):
                    key_node, current = k, v
                    break
            else:
                break
        elif isinstance(current, yaml.SequenceNode) and isinstance(token, int):
            if token >= len(current.value):
                break
            key_node, current = None, current.value[token]
        else:
            break
    chosen = key_node if key and key_node is not None else current
    return int(chosen.start_mark.line) + 1 if chosen is not None else None


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
    if is_pyproject and not _PYPROJECT_SECTION.search(text):
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
        data = (
            parsed.get("tool", {}).get("podlint") if isinstance(parsed.get("tool"), dict) else None
        )
        table = "tool.podlint"
        if data is None:
            return None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: [tool.podlint] must be a table, got {type(data).__name__}")
    return ConfigSource(path, data, text=text, table=table)


def _toml_line(text: str, table: str, tokens: Tokens) -> int | None:
    """The line of the deepest key of ``tokens`` found under ``table`` (TOML parsers give no lines)."""
    lines = text.splitlines()
    names = [str(t) for t in tokens if isinstance(t, str)]
    prefix = table.split(".") if table else []
    best: tuple[int, int] | None = None  # (depth, line): the deepest key wins
    section: list[str] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            section = [p.strip().strip("\"'") for p in header.group(1).split(".")]
            path = section[len(prefix) :] if section[: len(prefix)] == prefix else None
            if path and path == names[: len(path)] and (best is None or len(path) >= best[0]):
                best = (len(path), number)
            continue
        if section[: len(prefix)] != prefix:
            continue
        within = section[len(prefix) :]
        m = re.match(r"^([A-Za-z0-9_.\"' -]+?)\s*=", line)
        if not m:
            continue
        key_path = within + [p.strip().strip("\"'") for p in m.group(1).split(".")]
        matches = bool(key_path) and key_path == names[: len(key_path)]
        if matches and (best is None or len(key_path) >= best[0]):
            best = (len(key_path), number)
    return best[1] if best else None
