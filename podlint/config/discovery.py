"""Configuration: find and read ``.podlint.yaml`` / ``[tool.podlint]``, merge command-line overrides.

For each linted file the nearest configuration wins, found from the file's folder upwards (in each
folder ``.podlint.yaml``, then ``.podlint.yml``, then a ``pyproject.toml`` with a ``[tool.podlint]``
table). Configurations are not merged with the ones further up; inheritance is explicit, through
``extend: PATH``. ``--config FILE`` replaces discovery, ``--isolated`` ignores every file, and
command-line flags win over any file.

Layers stack in this order: the extended file(s), the file, the command line. Later layers override
earlier ones key by key; ``cluster`` and ``per_file_ignores`` merge per key, ``rules`` per rule and
option. Rule selection stacks as in ruff: a layer's ``select`` starts over, ``ignore``,
``extend_select`` and ``extend_ignore`` add to what earlier layers chose.
"""

from __future__ import annotations

import os
from typing import Any

from podlint.config.keys import (
    CONFIG_KEYS,
    CommandLine,
    Layer,
    validate_layer,
)
from podlint.config.profile import ProfileError, profile_from_mapping
from podlint.config.settings import RuleSettings, Settings, SettingsError, active_rules
from podlint.config.source import ConfigSource, is_podlint_pyproject, read_config_file
from podlint.diagnostics import Severity
from podlint.plugins import Registry
from podlint.records import Record

CONFIG_FILE_NAMES: tuple[str, ...] = (".podlint.yaml", ".podlint.yml", "pyproject.toml")
COMMAND_LINE = "command line"
DEFAULT = "default"
# A chain of `extend` longer than this is surely a mistake (and keeps a cycle check cheap).
MAX_EXTEND_DEPTH = 16


class ConfigResolver(Record):
    """Gives the effective :class:`Settings` for each linted path.

    ``overrides`` uses the configuration file's keys (``select``, ``cluster``, ...); command-line
    flags win over files. Settings are built once per configuration file and shared by every folder
    it governs, so later stages can cache by identity.
    """

    _fields = (
        "registry",
        "config_file",
        "overrides",
        "isolated",
        "_by_folder",
        "_by_file",
        "_found",
        "_chains",
        "_cli",
    )
    _shown = ("registry", "config_file", "overrides", "isolated")

    def __init__(
        self,
        registry: Registry,
        config_file: str | None = None,
        overrides: dict[str, Any] | None = None,
        isolated: bool = False,
    ) -> None:
        self.registry = registry
        self.config_file = config_file
        self.overrides: dict[str, Any] = {} if overrides is None else overrides
        self.isolated = isolated
        self._by_folder: dict[str, Settings] = {}
        self._by_file: dict[str | None, Settings] = {}
        self._found: dict[str, str | None] = {}
        self._chains: dict[str | None, list[str]] = {}
        self._cli: Layer | None = None
        self.__post_init__()

    def __post_init__(self) -> None:
        if self.isolated and self.config_file:
            raise SettingsError("--config and --isolated exclude each other")
        self._cli = validate_layer(
            _cli_values(self.overrides), CommandLine(), COMMAND_LINE, self.registry.rules
        )
        if self.config_file is not None:
            if not os.path.isfile(self.config_file):
                what = "not a regular file" if os.path.exists(self.config_file) else "no such file"
                raise SettingsError(f"--config {self.config_file}: {what}")
            # Read it now: a broken --config file is a usage error before anything is linted.
            self._settings_for_file(os.path.abspath(self.config_file))

    # -- public API -------------------------------------------------------------------------------

    def settings_for(self, path: str) -> Settings:
        folder = _folder_of(path)
        cached = self._by_folder.get(folder)
        if cached is None:
            cached = self._settings_for_file(self.config_for(path))
            self._by_folder[folder] = cached
        return cached

    def config_for(self, path: str) -> str | None:
        """The configuration file that governs ``path`` (None: defaults and flags only)."""
        if self.isolated:
            return None
        if self.config_file is not None:
            return os.path.abspath(self.config_file)
        return self._find(_folder_of(path))

    def describe(self, path: str) -> str:
        """The effective settings for ``path`` and where each came from (``--show-settings``)."""
        settings = self.settings_for(path)
        config = self.config_for(path)
        chain = self._chains.get(config, [])
        lines = [f"Settings for {path}"]
        if self.isolated:
            lines.append("configuration: none (--isolated)")
        elif config is None:
            lines.append("configuration: none found (defaults)")
        else:
            lines.append(f"configuration: {config}")
            for parent in chain[1:]:
                lines.append(f"  extends: {parent}")
        origins = settings.origins
        for key in CONFIG_KEYS:
            if key in ("extend", "cluster", "rules", "extend_exclude"):
                continue  # extend_exclude is shown within exclude
            value = getattr(settings, key)
            shown = _show(value)
            lines.append(f"{key} = {shown}  # {origins.get(key, DEFAULT)}")
        lines.append("cluster:")
        profile = settings.profile
        for key in (
            "marathon_version",
            "security_mode",
            "features",
            "default_network_name",
            "networks",
            "mesos_role",
            "new_group_enforce_role",
            "enforce_role_groups",
            "mesos_master_version",
            "sanitize_accepted_resource_roles",
            "agent",
            "quota",
        ):
            value = getattr(profile, key)
            lines.append(f"  {key} = {_show(value)}  # {origins.get('cluster.' + key, DEFAULT)}")
        if origins.get("cluster.preset"):
            lines.append(f"  (preset from {origins['cluster.preset']})")
        lines.append("rules:")
        if not settings.rules:
            lines.append("  (no per-rule settings)")
        for name, rs in sorted(settings.rules.items()):
            parts = ["off" if rs.off else f"severity={rs.severity or 'default'}"]
            parts += [f"{k}={_show(v)}" for k, v in sorted(rs.options.items())]
            lines.append(f"  {name}: {' '.join(parts)}  # {origins.get('rules.' + name, DEFAULT)}")
        active = active_rules(settings, self.registry.rules)
        lines.append(f"active rules ({len(active)}):")
        for entry in active:
            policy = " (policy)" if entry.rule.policy else ""
            lines.append(f"  {entry.rule.code} {entry.rule.name} [{entry.severity}]{policy}")
        return "\n".join(lines)

    # -- discovery --------------------------------------------------------------------------------

    def _find(self, folder: str) -> str | None:
        """The nearest configuration file at or above ``folder``; every folder visited is memoised."""
        visited: list[str] = []
        found: str | None = None
        current = folder
        while True:
            if current in self._found:
                found = self._found[current]
                break
            visited.append(current)
            here = _config_in(current)
            if here is not None:
                found = here
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for f in visited:
            self._found[f] = found
        return found

    # -- building settings ------------------------------------------------------------------------

    def _settings_for_file(self, config: str | None) -> Settings:
        cached = self._by_file.get(config)
        if cached is not None:
            return cached
        layers = self._file_layers(config) if config is not None else []
        assert self._cli is not None
        settings = merge_layers([*layers, self._cli])
        settings.config_file = config
        # Check every rule's options now, so a bad value is reported before linting starts.
        # Rules not collected yet means nothing configured names one (naming one collects them),
        # and every rule's defaults were built when they were deferred (podlint.cache.rule_record).
        if not self.registry.rules_pending:
            active_rules(settings, self.registry.rules)
        self._by_file[config] = settings
        return settings

    def _file_layers(self, config: str) -> list[Layer]:
        """The layers of ``config`` and everything it extends, outermost (inherited) first."""
        layers: list[Layer] = []
        chain: list[str] = []
        path: str | None = config
        while path is not None:
            if path in chain:
                cycle = " -> ".join([*chain, path])
                raise SettingsError(f"configuration extends itself: {cycle}")
            if len(chain) >= MAX_EXTEND_DEPTH:
                raise SettingsError(f"{chain[0]}: more than {MAX_EXTEND_DEPTH} levels of extend")
            chain.append(path)
            source = read_config_file(path)
            if source is None:
                raise SettingsError(f"{path}: has no [tool.podlint] table")
            if len(chain) > 1:
                _require_podlint_keys(source, chain[-2])
            layer = _layer_from_source(source, self.registry)
            layers.append(layer)
            path = _resolve_extend(source, layer.extend) if layer.extend else None
        self._chains[config] = chain
        return list(reversed(layers))


def _folder_of(path: str) -> str:
    """The folder whose configuration governs ``path``: the path itself when it is a folder."""
    if path == "-":
        return os.getcwd()
    absolute = os.path.abspath(path)
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)


def _config_in(folder: str) -> str | None:
    for name in CONFIG_FILE_NAMES:
        candidate = os.path.join(folder, name)
        if name == "pyproject.toml":
            if os.path.isfile(candidate) and is_podlint_pyproject(candidate):
                return candidate
        elif os.path.isfile(candidate):
            return candidate
    return None


def _resolve_extend(source: ConfigSource, target: str) -> str:
    path = os.path.expanduser(target)
    if not os.path.isabs(path):
        path = os.path.join(os.path.dirname(source.path), path)
    path = os.path.abspath(path)
    if not path.endswith(EXTEND_SUFFIXES):
        # Only configuration files, by name: `extend: /etc/shadow` must not be read at all.
        raise SettingsError(
            f"{source.where(['extend'])}: extend: {target!r} is not a configuration file name "
            f"(a {', '.join(EXTEND_SUFFIXES)} file)"
        )
    if not os.path.isfile(path):
        what = "is not a regular file" if os.path.exists(path) else "no such file"
        raise SettingsError(f"{source.where(['extend'])}: extend: {what}: {target!r} ({path})")
    return path


# What `extend` may name: YAML configuration files and pyproject.toml-style TOML.
EXTEND_SUFFIXES = (".yaml", ".yml", ".toml")


def _require_podlint_keys(source: ConfigSource, extended_by: str) -> None:
    """An extended file must be a podlint configuration by content too: it must use at least one
    of podlint's keys. Otherwise it is refused without quoting any of it (it may be anything)."""
    from podlint.config.keys import CONFIG_KEYS

    if not any(isinstance(key, str) and key in CONFIG_KEYS for key in source.data):
        raise SettingsError(
            f"{extended_by}: extend: {source.path} is not a podlint configuration (it sets none "
            "of podlint's keys); its content is not shown"
        )


def _layer_from_source(source: ConfigSource, registry: Registry) -> Layer:
    return validate_layer(source.data, source, source.path, registry.rules)


def _cli_values(overrides: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in overrides.items() if v is not None}


def _show(value: Any) -> str:
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, frozenset):
        return repr(sorted(value))
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        fields = {k: getattr(value, k) for k in value.__dataclass_fields__}
        if "major" in fields:
            return str(value)
        return "{" + ", ".join(f"{k}: {v}" for k, v in fields.items() if v is not None) + "}"
    return repr(value)


def merge_layers(layers: list[Layer]) -> Settings:
    """Stack layers (first = lowest precedence) into settings, remembering where each value came from."""
    settings = Settings()
    origins: dict[str, str] = {}
    select: list[str] | None = None
    ignore: list[str] = []
    extend_select: list[str] = []
    extend_ignore: list[str] = []
    cluster: dict[str, Any] = {}
    rules: dict[str, dict[str, Any]] = {}
    extend_exclude: list[str] = []
    for layer in layers:
        values = layer.values
        if "select" in values:
            # A later `select` starts over, as in ruff: what earlier layers ignored no longer applies.
            select = list(values["select"])
            ignore, extend_select, extend_ignore = [], [], []
            for key in ("ignore", "extend_select", "extend_ignore"):
                origins.pop(key, None)
        added_select = [*values.get("extend_select", [])]
        added_ignore = [*values.get("ignore", []), *values.get("extend_ignore", [])]
        # The later layer wins a tie: re-selecting exactly what an earlier layer ignored enables it.
        ignore = [s for s in ignore if s not in added_select]
        extend_ignore = [s for s in extend_ignore if s not in added_select]
        extend_select = [s for s in extend_select if s not in added_ignore]
        ignore += values.get("ignore", [])
        extend_select += values.get("extend_select", [])
        extend_ignore += values.get("extend_ignore", [])
        for key in (
            "fail_on",
            "include",
            "exclude",
            "respect_gitignore",
            "inline_suppressions",
            "max_file_size",
            "select",
            "ignore",
            "extend_select",
            "extend_ignore",
        ):
            if key in values:
                origins[key] = layer.origins.get(key, layer.source)
        for key in (
            "fail_on",
            "include",
            "exclude",
            "respect_gitignore",
            "inline_suppressions",
            "max_file_size",
        ):
            if key in values:
                setattr(settings, key, values[key])
        if "extend_exclude" in values:
            # Kept apart from `exclude`, as in ruff: a later `exclude` (say --exclude) replaces
            # the excludes, not what a file added with extend_exclude.
            extend_exclude += values["extend_exclude"]
            origins["exclude"] = layer.origins.get("extend_exclude", layer.source)
        if "per_file_ignores" in values:
            settings.per_file_ignores = {**settings.per_file_ignores, **values["per_file_ignores"]}
            origins["per_file_ignores"] = layer.origins.get("per_file_ignores", layer.source)
        for key, value in layer.cluster.items():
            cluster[key] = value
            origins[f"cluster.{key}"] = layer.cluster_origins.get(key, layer.source)
        for name, entry in layer.rules.items():
            merged = rules.setdefault(name, {"severity": None, "off": False, "options": {}})
            if entry.off is not None:
                merged["off"] = entry.off
            if entry.severity is not None:
                merged["severity"] = entry.severity
            merged["options"] = {**merged["options"], **entry.options}
            origins[f"rules.{name}"] = entry.origin or layer.source
    settings.exclude = [*settings.exclude, *extend_exclude]
    settings.select = select
    settings.ignore = ignore
    settings.extend_select = extend_select
    settings.extend_ignore = extend_ignore
    settings.rules = {
        name: RuleSettings(m["severity"], m["off"], dict(m["options"])) for name, m in rules.items()
    }
    try:
        settings.profile = profile_from_mapping(cluster)
    except ProfileError as exc:
        raise SettingsError(str(exc)) from None
    if "preset" in cluster:
        # A preset fills several profile keys; they come from wherever the preset was set.
        from podlint.config.profile import PRESETS

        for key in PRESETS.get(str(cluster["preset"]), {}):
            origins.setdefault(
                f"cluster.{key}", f"preset {cluster['preset']} ({origins['cluster.preset']})"
            )
    settings.origins = origins
    return settings
