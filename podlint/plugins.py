"""Plugin discovery and the rule/formatter registry.

Built-in rules and formatters are plugins like any other: they are registered under the ``podlint``
entry-point group and contribute through the hooks in ``podlint.hookspecs``. A plugin that fails to
load, or contributes something broken, is reported by name; it never takes the run down.

Plugins come only from installed distributions (entry points), never from files in the repository
being linted. ``PODLINT_NO_PLUGINS=1`` disables every third-party plugin.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
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


class DeferredRules(dict[str, type[Rule]]):
    """A rule table whose rules are collected on first use.

    A run answered entirely from the results cache needs no rule: collecting them imports every
    rule module, a good part of such a run. Every way of reading the table collects them first,
    so code that uses the rules sees exactly the table it would have seen.
    """

    def __init__(self, loader: _RuleLoader) -> None:
        super().__init__()
        self.loader = loader

    def _ready(self) -> None:
        self.loader.run()

    def __getitem__(self, key: str) -> type[Rule]:
        self._ready()
        return super().__getitem__(key)

    def __setitem__(self, key: str, value: type[Rule]) -> None:
        self._ready()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._ready()
        super().__delitem__(key)

    def __contains__(self, key: object) -> bool:
        self._ready()
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._ready()
        return super().__iter__()

    def __reversed__(self) -> Iterator[str]:
        self._ready()
        return super().__reversed__()

    def __len__(self) -> int:
        self._ready()
        return super().__len__()

    def __repr__(self) -> str:
        self._ready()
        return super().__repr__()

    def __eq__(self, other: object) -> bool:
        self._ready()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        self._ready()
        return super().__ne__(other)

    __hash__ = None

    def get(self, key: str, default: Any = None) -> Any:
        self._ready()
        return super().get(key, default)

    def keys(self) -> Any:
        self._ready()
        return super().keys()

    def values(self) -> Any:
        self._ready()
        return super().values()

    def items(self) -> Any:
        self._ready()
        return super().items()

    def copy(self) -> dict[str, type[Rule]]:
        self._ready()
        return dict(super().items())

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._ready()
        return super().setdefault(key, default)

    def pop(self, key: str, *default: Any) -> Any:
        self._ready()
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, type[Rule]]:
        self._ready()
        return super().popitem()

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._ready()
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self._ready()
        super().clear()

    def __or__(self, other: Any) -> Any:
        self._ready()
        return dict(super().items()) | other

    def __ror__(self, other: Any) -> Any:
        self._ready()
        return other | dict(super().items())

    def __ior__(self, other: Any) -> Any:
        self._ready()
        return super().__ior__(other)

    def __reduce__(self) -> Any:
        # Pickled (to a worker process, say) as the plain table it stands for.
        self._ready()
        return (dict, (dict(super().items()),))

    @property
    def loaded(self) -> bool:
        return self.loader.done


class _RuleLoader:
    """Calls the rule hooks of a registry's plugins once, when its rules are first needed."""

    def __init__(self, pm: pluggy.PluginManager, registry: Registry) -> None:
        self.pm = pm
        self.registry = registry
        self.done = False

    def run(self) -> None:
        if self.done:
            return
        self.done = True
        _collect_rules(self.pm, self.registry)


@dataclass
class Registry:
    """Every rule and formatter the run can use, keyed by name (rules also by code)."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    by_code: dict[str, type[Rule]] = field(default_factory=dict)
    formatters: dict[str, type[Any]] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)
    # Set when the rules are collected only on first use: the packages their code comes from, as
    # the record that vouched for them says (podlint.cache.rule_record).
    vouched_packages: list[str] | None = None

    @property
    def rules_pending(self) -> bool:
        """Whether the rules have not been collected yet (see :class:`DeferredRules`)."""
        return isinstance(self.rules, DeferredRules) and not self.rules.loaded

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
    *,
    third_party: bool | None = None,
    defer_rules: Callable[[Registry], list[str] | None] | None = None,
) -> tuple[pluggy.PluginManager, Registry]:
    """Build a plugin manager with every plugin loaded; never at import time, so tests get fresh ones.

    ``defer_rules``, given the registry with its plugins loaded and no problem so far, may vouch
    that their rule hooks are known to give rules without problems, from packages it returns;
    then the hooks are called only when the rules are first used (:class:`DeferredRules`).
    """
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
    if defer_rules is not None and not registry.problems:
        packages = defer_rules(registry)
        if packages is not None:
            loader = _RuleLoader(pm, registry)
            registry.rules = DeferredRules(loader)
            registry.by_code = DeferredRules(loader)
            registry.vouched_packages = packages
            _collect_formatters(pm, registry)
            return pm, registry
    _collect_rules(pm, registry)
    _collect_formatters(pm, registry)
    return pm, registry


def _collect_rules(pm: pluggy.PluginManager, registry: Registry) -> None:
    for impl in pm.hook.podlint_rules.get_hookimpls():
        for rule in _call(impl, registry) or ():
            registry.add_rule(rule, impl.plugin_name)


def _collect_formatters(pm: pluggy.PluginManager, registry: Registry) -> None:
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
