"""Effective settings for linting one file, and rule selection.

``podlint.config.discovery`` builds :class:`Settings` from configuration files and command-line flags; this
module decides, from them, which rules run with which severity and options.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from podlint.config.profile import ClusterProfile
from podlint.diagnostics import Severity
from podlint.records import FrozenRecord
from podlint.rule import Rule

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class SettingsError(ValueError):
    """A configuration or command-line value that cannot be used (exit code 2)."""


class RuleSettings(FrozenRecord):
    """``rules: {<name>: {severity: ..., <option>: ...}}`` for one rule."""

    _fields = ("severity", "off", "options")

    severity: Severity | None
    off: bool
    options: dict[str, Any]

    def __init__(
        self,
        severity: Severity | None = None,
        off: bool = False,
        options: dict[str, Any] | None = None,
    ) -> None:
        _set = object.__setattr__
        _set(self, "severity", severity)
        _set(self, "off", off)
        _set(self, "options", {} if options is None else options)


@dataclass
class Settings:
    profile: ClusterProfile = field(default_factory=ClusterProfile)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: ["*.json", "*.yaml", "*.yml"])
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    inline_suppressions: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # Where each setting came from (for --show-settings): key -> file or "command line" or "default".
    origins: dict[str, str] = field(default_factory=dict)
    # The configuration file that applies, if any (its folder anchors per_file_ignores globs).
    config_file: str | None = None


class ActiveRule(FrozenRecord):
    _fields = ("rule", "severity", "options")

    rule: type[Rule]
    severity: Severity
    options: Any

    def __init__(self, rule: type[Rule], severity: Severity, options: Any) -> None:
        _set = object.__setattr__
        _set(self, "rule", rule)
        _set(self, "severity", severity)
        _set(self, "options", options)


def _matches(selector: str, rule: type[Rule]) -> int:
    """How specifically ``selector`` names ``rule``: 0 no match, higher is more specific."""
    if selector in (rule.name, rule.code):
        return 1000
    if selector == "ALL":
        return 1
    if rule.code.startswith(selector):
        return 1 + len(selector)
    return 0


def validate_selectors(selectors: Iterable[str], rules: dict[str, type[Rule]], where: str) -> None:
    """An unknown rule name, code or prefix is an error, never a silent no-op."""
    import difflib

    names = list(rules)
    codes = [r.code for r in rules.values()]
    for sel in selectors:
        if sel == "ALL" or sel in rules or any(c.startswith(sel) for c in codes):
            continue
        close = difflib.get_close_matches(sel, names + codes, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise SettingsError(f"{where}: unknown rule {sel!r}{hint} (see `podlint rules`)")


def build_options(rule: type[Rule], values: dict[str, Any], where: str) -> Any:
    """Instantiate the rule's options dataclass, checking names and types."""
    if not values:
        return rule.options()
    fields = {f.name: f for f in rule.option_fields()}
    # The options' annotations as real types (modules use `from __future__ import annotations`).
    hints = typing.get_type_hints(rule.options)
    for key, value in values.items():
        if key not in fields:
            import difflib

            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            known = ", ".join(fields) or "none"
            raise SettingsError(
                f"{where}: rule {rule.name} has no option {key!r}{hint} (options: {known})"
            )
        _check_type(value, hints[key], f"{where}: rules.{rule.name}.{key}")
    try:
        return rule.options(**values)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{where}: rules.{rule.name}: {exc}") from None


def _type_name(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp))
    if typing.get_origin(tp) in (list, tuple):
        return "a list"
    return getattr(tp, "__name__", str(tp))


def _conforms(value: Any, tp: Any) -> bool:
    """Whether a configuration value (plain YAML/TOML data) fits an option's annotation."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if origin in (list, tuple):
        return isinstance(value, list)
    if tp is float:  # YAML reads 4 as an int; a whole number is a fine float option
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return not isinstance(tp, type) or isinstance(value, tp)


def _check_type(value: Any, annotation: Any, where: str) -> None:
    if not _conforms(value, annotation):
        raise SettingsError(
            f"{where} must be {_type_name(annotation)}, got {type(value).__name__} {value!r}"
        )
    if typing.get_origin(annotation) in (list, tuple):
        item_types = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if item_types:
            for item in value:
                if not _conforms(item, item_types[0]):
                    raise SettingsError(
                        f"{where}: every item must be {_type_name(item_types[0])}, got {item!r}"
                    )


def active_rules(settings: Settings, rules: dict[str, type[Rule]]) -> list[ActiveRule]:
    """The rules that run, by the most specific selector (ties go to ``ignore``), as ruff does."""
    selects = list(settings.select) if settings.select is not None else None
    selects_all = [*(selects if selects is not None else []), *settings.extend_select]
    ignores = [*settings.ignore, *settings.extend_ignore]
    active: list[ActiveRule] = []
    for name, rule in sorted(rules.items(), key=lambda kv: kv[1].code):
        configured = settings.rules.get(name) or settings.rules.get(rule.code)
        best_select = max((_matches(s, rule) for s in selects_all), default=0)
        best_ignore = max((_matches(s, rule) for s in ignores), default=0)
        if rule.policy:
            # Policies are the organisation's: on only when named or configured, never by a prefix.
            enabled = best_select == 1000 or (configured is not None and not configured.off)
        else:
            # A rule that is off by default comes on when selected or configured, like a policy.
            wanted = rule.default_enabled or (configured is not None and not configured.off)
            default_on = selects is None and wanted
            enabled = best_select > 0 or (default_on and best_select == 0)
        if best_ignore and best_ignore >= best_select:
            enabled = False
        if configured is not None and configured.off:
            enabled = False
        if not enabled:
            continue
        severity = configured.severity if configured and configured.severity else rule.severity
        options = build_options(rule, configured.options if configured else {}, "configuration")
        active.append(ActiveRule(rule, severity, options))
    return active


def replace(settings: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)
