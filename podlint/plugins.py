"""Plugin discovery and the rule/formatter registry.

Built-in rules and formatters are plugins like any other: they are registered under the ``podlint``
entry-point group and contribute through the hooks in ``podlint.hookspecs``. A plugin that fails to
load, or contributes something broken, is reported by name; it never takes the run down.

Plugins come only from installed distributions (entry points), never from files in the repository
being linted. ``PODLINT_NO_PLUGINS=1`` disables every third-party plugin.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from podlint import entry_points, hookspecs
from podlint.containment import call_guarded, describe
from podlint.rule import Rule
from podlint.watchdog import RuleTimeout

if TYPE_CHECKING:
    from importlib import metadata

BUILTIN_PLUGINS: dict[str, str] = {
    "builtin-rules": "podlint_rules",
    "builtin-formatters": "podlint.formatters",
}
DISABLE_ENV = "PODLINT_NO_PLUGINS"
# How long a plugin may take to import, or to answer a hook, before it is stopped and reported.
PLUGIN_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str
    builtin: bool
    # The module the entry point names: the results cache fingerprints the code it comes from.
    module: str = ""


@dataclass(frozen=True)
class PluginProblem:
    """A plugin that could not be used, or a contribution that was refused."""

    plugin: str
    message: str


@dataclass
class Registry:
    """Every rule and formatter the run can use, keyed by name (rules also by code)."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    by_code: dict[str, type[Rule]] = field(default_factory=dict)
    formatters: dict[str, type[Any]] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)

    def add_rule(self, rule: Any, plugin: str) -> None:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            self.problems.append(
                PluginProblem(plugin, f"contributed {rule!r}, which is not a Rule class")
            )
            return
        code, name = getattr(rule, "code", None), getattr(rule, "name", None)
        if not isinstance(code, str) or not isinstance(name, str) or not code or not name:
            self.problems.append(
                PluginProblem(plugin, f"rule class {rule.__qualname__} has no code or no name")
            )
            return
        for key, table in ((name, self.rules), (code, self.by_code)):
            if key in table:
                other = table[key]
                self.problems.append(
                    PluginProblem(
                        plugin,
                        f"rule {code} {name} ({rule.__module__}) clashes with {other.code} "
                        f"{other.name} from plugin {self.owner.get(other.name, '?')} "
                        f"({other.__module__}): refused",
                    )
                )
                return
        self.rules[name] = rule
        self.by_code[code] = rule
        self.owner[name] = plugin

    def lookup(self, name_or_code: str) -> type[Rule] | None:
        return self.rules.get(name_or_code) or self.by_code.get(name_or_code)


def _entry_points() -> list[metadata.EntryPoint] | list[entry_points.EntryPoint]:
    # The fast reader gives the same answer without importing importlib.metadata (~15 ms of a
    # one-file run); it defers to importlib.metadata whenever the environment is unusual.
    fast = entry_points.entry_points(hookspecs.PROJECT)
    if fast is not None:
        return fast
    try:
        from importlib import metadata

        return list(metadata.entry_points(group=hookspecs.PROJECT))
    except Exception:  # broken metadata of some unrelated distribution
        return []


def make_plugin_manager(
    *, third_party: bool | None = None
) -> tuple[pluggy.PluginManager, Registry]:
    """Build a plugin manager with every plugin loaded; never at import time, so tests get fresh ones."""
    if third_party is None:
        third_party = os.environ.get(DISABLE_ENV, "") in ("", "0", "false")
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    registry = Registry()
    seen_builtin: set[str] = set()
    for ep in _entry_points():
        builtin = ep.name in BUILTIN_PLUGINS and ep.value == BUILTIN_PLUGINS[ep.name]
        if not builtin and not third_party:
            continue
        if builtin and ep.name in seen_builtin:
            continue
        try:
            # Built-ins are podlint's own code; only third-party imports run under guard.
            plugin = ep.load() if builtin else call_guarded(ep.load, PLUGIN_TIME_LIMIT)
            pm.register(plugin, name=ep.name)
        except KeyboardInterrupt:
            raise
        except RuleTimeout:
            registry.problems.append(
                PluginProblem(
                    ep.name,
                    f"failed to load ({ep.value}): still importing after "
                    f"{PLUGIN_TIME_LIMIT:.0f} s; it was stopped",
                )
            )
            continue
        except BaseException as exc:  # a broken plugin must not take the run down
            registry.problems.append(
                PluginProblem(ep.name, f"failed to load ({ep.value}): {describe(exc)}")
            )
            continue
        dist = ep.dist
        registry.plugins.append(
            PluginInfo(
                ep.name,
                dist.name if dist else "?",
                dist.version if dist else "?",
                builtin,
                ep.value.partition(":")[0].strip(),
            )
        )
        if builtin:
            seen_builtin.add(ep.name)
    # Running from a source tree without installed metadata: register the built-ins directly.
    for name, module_name in BUILTIN_PLUGINS.items():
        if name not in seen_builtin:
            import importlib

            from podlint import __version__

            pm.register(importlib.import_module(module_name), name=name)
            registry.plugins.append(PluginInfo(name, "podlint", __version__, True, module_name))
    _collect(pm, registry)
    return pm, registry


def _collect(pm: pluggy.PluginManager, registry: Registry) -> None:
    for impl in pm.hook.podlint_rules.get_hookimpls():
        for rule in _call(impl, registry) or ():
            registry.add_rule(rule, impl.plugin_name)
    for impl in pm.hook.podlint_formatters.get_hookimpls():
        result = _call(impl, registry)
        if not isinstance(result, dict):
            continue
        for name, formatter in result.items():
            if name in registry.formatters:
                registry.problems.append(
                    PluginProblem(impl.plugin_name, f"format {name!r} is already provided: refused")
                )
                continue
            registry.formatters[name] = formatter


def _call(impl: pluggy.HookImpl, registry: Registry) -> Iterable[Any] | None:
    hook = impl.function.__name__
    try:
        result = call_guarded(impl.function, PLUGIN_TIME_LIMIT)
    except KeyboardInterrupt:
        raise
    except RuleTimeout:
        registry.problems.append(
            PluginProblem(
                impl.plugin_name,
                f"hook {hook} did not return within {PLUGIN_TIME_LIMIT:.0f} s; it was stopped",
            )
        )
        return None
    except BaseException as exc:
        registry.problems.append(PluginProblem(impl.plugin_name, f"hook {hook} {describe(exc)}"))
        return None
    if result is None:
        return None
    if isinstance(result, dict):
        return result
    try:
        return list(result)  # type: ignore[call-overload]
    except TypeError:
        registry.problems.append(
            PluginProblem(
                impl.plugin_name, f"hook {impl.function.__name__} returned {result!r}, not a list"
            )
        )
        return None
