"""The configuration keys, and validation of one configuration source into a :class:`Layer`.

A layer is what one file (or the command line) says, checked and normalised; ``podlint.config.discovery``
stacks layers (inherited file, file, command line) into the effective :class:`~podlint.config.settings.Settings`.
Every error names the file and line, and suggests the closest known key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from podlint.config.profile import (
    PROFILE_KEYS,
    RESOURCE_KEYS,
    VERSION_KEYS,
    ProfileError,
    profile_from_mapping,
)
from podlint.config.settings import SettingsError, build_options, validate_selectors
from podlint.diagnostics import Severity
from podlint.records import Record
from podlint.rule import Rule

# Top-level keys (snake_case) and what they mean; `--show-settings` and the documentation use these.
CONFIG_KEYS: dict[str, str] = {
    "extend": "a configuration file this one inherits from, overriding it key by key",
    "cluster": "the cluster profile: Marathon version, features, networks, agent capacity, quotas",
    "select": "rules to run (names, codes, code prefixes or ALL); replaces the default set",
    "ignore": "rules not to run",
    "extend_select": "rules to run in addition to the selection",
    "extend_ignore": "more rules not to run",
    "fail_on": "lowest severity that fails the run: error, warning (default) or info",
    "per_file_ignores": "file glob -> rules not reported for matching files",
    "include": "globs of files to lint when walking folders",
    "exclude": "globs of files and folders to skip when walking folders",
    "extend_exclude": "more globs to skip, added to exclude (which keeps its value)",
    "respect_gitignore": "skip what .gitignore ignores when walking folders (default true)",
    "rules": "per rule (by name): severity (off, info, warning, error) and the rule's options",
    "inline_suppressions": "honour `# podlint: disable=…` comments and podlint.disable labels",
    "max_file_size": "largest file podlint reads, in bytes (larger files are reported, not read)",
}
SELECTION_KEYS = ("select", "ignore", "extend_select", "extend_ignore")
RULE_SEVERITIES = ("off", "info", "warning", "error")

Tokens = Sequence[str | int]


class Locator(Protocol):
    def where(self, tokens: Tokens = (), *, key: bool = False) -> str: ...

    def scalar_text(self, tokens: Tokens) -> str | None: ...


class CommandLine:
    """Errors in flags name the flag, not a line."""

    path = "command line"

    def where(self, tokens: Tokens = (), *, key: bool = False) -> str:
        if not tokens:
            return "command line"
        head = str(tokens[0])
        if head == "cluster" and len(tokens) > 1:
            return f"--{str(tokens[1]).replace('_', '-')}"
        return f"--{head.replace('_', '-')}"

    def scalar_text(self, tokens: Tokens) -> str | None:
        return None  # flags are text already


class RuleEntry(Record):
    """``rules: {<name>: …}`` of one layer; None means "not said here"."""

    _fields = ("severity", "off", "options", "origin")

    def __init__(
        self,
        severity: Severity | None = None,
        off: bool | None = None,
        options: dict[str, Any] | None = None,
        origin: str = "",
    ) -> None:
        self.severity = severity
        self.off = off
        self.options: dict[str, Any] = {} if options is None else options
        self.origin = origin


class Layer(Record):
    """One configuration source, validated."""

    _fields = ("source", "values", "origins", "rules", "cluster", "cluster_origins", "extend")

    def __init__(
        self,
        source: str,
        values: dict[str, Any] | None = None,
        origins: dict[str, str] | None = None,
        rules: dict[str, RuleEntry] | None = None,
        cluster: dict[str, Any] | None = None,
        cluster_origins: dict[str, str] | None = None,
        extend: str | None = None,
    ) -> None:
        self.source = source
        self.values: dict[str, Any] = {} if values is None else values
        self.origins: dict[str, str] = {} if origins is None else origins
        self.rules: dict[str, RuleEntry] = {} if rules is None else rules
        self.cluster: dict[str, Any] = {} if cluster is None else cluster
        self.cluster_origins: dict[str, str] = {} if cluster_origins is None else cluster_origins
        self.extend = extend


def _origin(loc: Locator, tokens: Tokens) -> str:
    """Where a value came from, for ``--show-settings``: ``file:line`` or ``command line (--flag)``."""
    where = loc.where(tokens, key=True)
    return f"command line ({where})" if isinstance(loc, CommandLine) else where


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    import difflib  # only for a did-you-mean

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _str_list(value: Any, loc: Locator, tokens: Tokens, *, comma: bool = False) -> list[str]:
    if comma and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        raise SettingsError(
            f"{loc.where(tokens)}: {tokens[-1]} must be a list of strings, got {_type_name(value)}"
        )
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise SettingsError(
                f"{loc.where([*tokens, i])}: {tokens[-1]} items must be strings, got {item!r}"
            )
    return list(value)


def _selectors(
    value: Any, loc: Locator, tokens: Tokens, rules: dict[str, type[Rule]], name: str = ""
) -> list[str]:
    selectors = _str_list(value, loc, tokens, comma=True)
    for i, sel in enumerate(selectors):
        item_tokens = [*tokens, i] if isinstance(value, list) else tokens
        label = "" if isinstance(loc, CommandLine) else f": {name or tokens[-1]}"
        validate_selectors([sel], rules, f"{loc.where(item_tokens)}{label}")
    return selectors


def _bool(value: Any, loc: Locator, key: str) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{loc.where([key])}: {key} must be true or false, got {value!r}")
    return value


def validate_layer(
    data: dict[str, Any], loc: Locator, source: str, rules: dict[str, type[Rule]]
) -> Layer:
    """Check every key of one configuration source; raise SettingsError at the first problem."""
    layer = Layer(source)
    for key, value in data.items():
        if not isinstance(key, str) or key not in CONFIG_KEYS:
            hint = _did_you_mean(str(key), list(CONFIG_KEYS))
            if isinstance(key, str) and key.replace("-", "_") in CONFIG_KEYS:
                hint = f"; top-level keys are snake_case: {key.replace('-', '_')!r}"
            raise SettingsError(
                f"{loc.where([key], key=True)}: unknown configuration key {key!r}{hint} "
                f"(known: {', '.join(CONFIG_KEYS)})"
            )
        origin = _origin(loc, [key])
        if value is None and key != "rules":
            continue  # `key:` with nothing after it: as if absent
        if key == "extend":
            if not isinstance(value, str) or not value:
                raise SettingsError(f"{origin}: extend must be a file path, got {value!r}")
            layer.extend = value
            continue
        if key == "cluster":
            _cluster(value, loc, layer)
            continue
        if key == "rules":
            _rules(value, loc, layer, rules)
            continue
        if key in SELECTION_KEYS:
            layer.values[key] = _selectors(value, loc, [key], rules)
        elif key == "fail_on":
            if value not in ("error", "warning", "info"):
                raise SettingsError(
                    f"{loc.where([key])}: fail_on must be error, warning or info, got {value!r}"
                )
            layer.values[key] = Severity(value)
        elif key == "per_file_ignores":
            if not isinstance(value, dict):
                raise SettingsError(
                    f"{loc.where([key])}: per_file_ignores must map file globs to lists of rules, "
                    f"got {_type_name(value)}"
                )
            layer.values[key] = {
                str(glob): _selectors(sels, loc, [key, glob], rules, f"per_file_ignores {glob!r}")
                for glob, sels in value.items()
            }
        elif key in ("include", "exclude", "extend_exclude"):
            layer.values[key] = _str_list(value, loc, [key])
        elif key in ("respect_gitignore", "inline_suppressions"):
            layer.values[key] = _bool(value, loc, key)
        elif key == "max_file_size":
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SettingsError(
                    f"{loc.where([key])}: max_file_size must be a positive number of bytes, "
                    f"got {value!r}"
                )
            layer.values[key] = value
        layer.origins[key] = origin
    return layer


def _cluster(value: Any, loc: Locator, layer: Layer) -> None:
    if not isinstance(value, dict):
        raise SettingsError(
            f"{loc.where(['cluster'])}: cluster must be a mapping "
            f"(marathon_version, features, …), got {_type_name(value)}"
        )
    for key, written in value.items():
        item = written
        if key not in PROFILE_KEYS:
            raise SettingsError(
                f"{loc.where(['cluster', key], key=True)}: unknown cluster key {key!r}"
                f"{_did_you_mean(str(key), list(PROFILE_KEYS))} (known: {', '.join(PROFILE_KEYS)})"
            )
        if key in VERSION_KEYS and isinstance(item, int | float) and not isinstance(item, bool):
            item = _version_text(item, loc, ["cluster", key])
        if key == "agent":
            _check_resource_keys(item, loc, ["cluster", "agent"])
        elif key == "quota" and isinstance(item, dict):
            for role, resources in item.items():
                _check_resource_keys(resources, loc, ["cluster", "quota", role])
        try:
            profile_from_mapping({key: item}, where="cluster")
        except ProfileError as exc:
            raise SettingsError(f"{loc.where(['cluster', key])}: {exc}") from None
        layer.cluster[key] = item
        layer.cluster_origins[key] = _origin(loc, ["cluster", key])


def _version_text(value: float, loc: Locator, tokens: Tokens) -> str:
    """A version written unquoted: YAML and TOML read ``1.10`` as the number 1.1. Use the text as
    written when the source still has it; otherwise ask for quotes rather than guess."""
    text = loc.scalar_text(tokens)
    if text is not None and re.fullmatch(r"\d+(?:\.\d+)*", text):
        return text
    key = tokens[-1]
    raise SettingsError(
        f"{loc.where(tokens)}: {key} is the number {value!r} here (an unquoted version such as "
        f'1.10 reads as the number 1.1); quote it: {key}: "1.10"'
    )


def _check_resource_keys(value: Any, loc: Locator, tokens: Tokens) -> None:
    if not isinstance(value, dict):
        return  # the profile says what is wrong with the value itself
    for key in value:
        if key not in RESOURCE_KEYS:
            raise SettingsError(
                f"{loc.where([*tokens, key], key=True)}: unknown key {key!r} in "
                f"{'.'.join(str(t) for t in tokens)}{_did_you_mean(str(key), RESOURCE_KEYS)} "
                f"(known: {', '.join(RESOURCE_KEYS)})"
            )


def _rules(value: Any, loc: Locator, layer: Layer, rules: dict[str, type[Rule]]) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        raise SettingsError(
            f"{loc.where(['rules'])}: rules must map rule names to settings, got {_type_name(value)}"
        )
    by_code = {r.code: r for r in rules.values()}
    for name, entry in value.items():
        rule = rules.get(name) if isinstance(name, str) else None
        if rule is None and isinstance(name, str):
            rule = by_code.get(name)
        if rule is None:
            names = list(rules) + list(by_code)
            raise SettingsError(
                f"{loc.where(['rules', name], key=True)}: unknown rule {name!r}"
                f"{_did_you_mean(str(name), names)} (see `podlint rules`)"
            )
        layer.rules[rule.name] = _rule_entry(rule, name, entry, loc)


def _severity(value: Any, loc: Locator, tokens: Tokens) -> tuple[Severity | None, bool]:
    # YAML 1.1 reads an unquoted `off` as false; accept it as the word it was meant to be.
    if value is False or value == "off":
        return None, True
    if isinstance(value, str) and value in RULE_SEVERITIES:
        return Severity(value), False
    raise SettingsError(
        f"{loc.where(tokens)}: severity must be one of {', '.join(RULE_SEVERITIES)}, got {value!r}"
    )


def _rule_entry(rule: type[Rule], name: str, entry: Any, loc: Locator) -> RuleEntry:
    tokens = ["rules", name]
    result = RuleEntry(origin=_origin(loc, tokens))
    if entry is None:
        return result  # `rule-name:` alone turns a policy on with its default options
    if not isinstance(entry, dict):
        # Shorthand: `rule-name: warning` or `rule-name: off`.
        result.severity, off = _severity(entry, loc, tokens)
        result.off = off
        return result
    for key, option in entry.items():
        if key == "severity":
            result.severity, off = _severity(option, loc, [*tokens, key])
            result.off = off
            continue
        # Check one option at a time, so the error names its line.
        build_options(rule, {key: option}, loc.where([*tokens, key], key=True))
        result.options[key] = option
    if result.options:
        build_options(rule, result.options, loc.where(tokens, key=True))
    return result
