"""The cluster profile: the Marathon and cluster settings that change what is valid.

Every field mirrors a Marathon command-line flag or a cluster fact (spec §8). All are optional; the
defaults are Marathon's own defaults, so an empty profile means "a stock Marathon".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

SUPPORTED_VERSIONS: tuple[str, ...] = ("1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10")
DEFAULT_VERSION = "1.10"
# The newest patch release of each line, which is what the specification was read from (spec §0.1).
_LATEST_PATCH = {"1.4": 13, "1.5": 15, "1.6": 590, "1.7": 236, "1.8": 244, "1.9": 109, "1.10": 26}

SecurityMode = Literal["disabled", "permissive", "strict"]
KNOWN_FEATURES: tuple[str, ...] = (
    "secrets",
    "gpu_resources",
    "external_volumes",
    "vips",
    "task_killing",
)


@dataclass(frozen=True, order=True)
class MarathonVersion:
    major: int
    minor: int
    patch: int

    @property
    def line(self) -> str:
        return f"{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def at_least(self, minor: int, patch: int = 0) -> bool:
        """``version.at_least(5)`` is "1.5 or newer"; ``at_least(4, 9)`` is "1.4.9 or newer"."""
        return (self.minor, self.patch) >= (minor, patch)

    @classmethod
    def parse(cls, text: str) -> MarathonVersion:
        """Parse ``1.9`` (meaning the newest 1.9 release) or ``1.4.3``; raise ValueError otherwise."""
        m = re.fullmatch(r"\s*v?(\d+)\.(\d+)(?:\.(\d+))?\s*", str(text))
        if not m:
            raise ValueError(f"not a Marathon version: {text!r} (expected e.g. 1.10 or 1.4.3)")
        line = f"{int(m.group(1))}.{int(m.group(2))}"
        if line not in _LATEST_PATCH:
            raise ValueError(
                f"Marathon {line} is not supported (supported: {', '.join(SUPPORTED_VERSIONS)})"
            )
        patch = int(m.group(3)) if m.group(3) is not None else _LATEST_PATCH[line]
        return cls(int(m.group(1)), int(m.group(2)), patch)


@dataclass(frozen=True)
class Resources:
    cpus: float | None = None
    mem: float | None = None
    disk: float | None = None
    gpus: float | None = None


@dataclass(frozen=True)
class ClusterProfile:
    """Settings of the Marathon and cluster a pod is meant for (DESIGN.md, "The cluster profile")."""

    marathon_version: MarathonVersion = field(
        default_factory=lambda: MarathonVersion.parse(DEFAULT_VERSION)
    )
    # DC/OS Enterprise security mode; pods are not supported in ``strict``.
    security_mode: SecurityMode = "disabled"
    # ``--enable_features``: e.g. secrets, gpu_resources.
    features: frozenset[str] = frozenset()
    # ``--default_network_name``: fills unnamed container networks (R23).
    default_network_name: str | None = None
    # Names of the virtual networks that exist on the cluster; None = unknown, not checked.
    networks: tuple[str, ...] | None = None
    # ``--mesos_role`` (default ``*``).
    mesos_role: str = "*"
    # ``--new_group_enforce_role``: ``off`` or ``top``.
    new_group_enforce_role: Literal["off", "top"] = "off"
    # Top-level groups known to enforce their role (group ``enforceRole``).
    enforce_role_groups: tuple[str, ...] = ()
    # Version of the Mesos master Marathon talks to; None = unknown (R61 treats unknown as 0.0.0).
    mesos_master_version: str | None = None
    # ``--deprecated_features sanitize_accepted_resource_roles``; None = the version's default.
    sanitize_accepted_resource_roles: bool | None = None
    # Capacity of the largest agent; None = unknown, not checked.
    agent: Resources | None = None
    # Quota per role.
    quota: dict[str, Resources] = field(default_factory=dict)

    def has_feature(self, name: str) -> bool:
        return name in self.features

    @property
    def sanitizes_accepted_roles(self) -> bool:
        if self.sanitize_accepted_resource_roles is not None:
            return self.sanitize_accepted_resource_roles
        # On by default in 1.9, off by default in 1.10 (spec §5).
        return self.marathon_version.line == "1.9"


PRESETS: dict[str, dict[str, object]] = {
    # DC/OS Enterprise: Marathon runs with secrets enabled and the overlay network `dcos` as default.
    "dcos-enterprise": {
        "features": ["secrets"],
        "default_network_name": "dcos",
        "security_mode": "permissive",
    },
    # DC/OS open source: the `dcos` overlay network is the default network.
    "dcos": {"default_network_name": "dcos"},
}

PROFILE_KEYS: dict[str, str] = {
    "preset": "a named set of defaults: " + ", ".join(PRESETS),
    "marathon_version": "Marathon version line the pods are deployed to (1.4 … 1.10)",
    "security_mode": "DC/OS Enterprise security mode: disabled, permissive or strict",
    "features": "Marathon --enable_features, e.g. [secrets, gpu_resources]",
    "default_network_name": "Marathon --default_network_name",
    "networks": "names of the virtual networks that exist on the cluster",
    "mesos_role": "Marathon --mesos_role (default *)",
    "new_group_enforce_role": "Marathon --new_group_enforce_role: off or top",
    "enforce_role_groups": "top-level groups whose enforceRole is true",
    "mesos_master_version": "version of the Mesos master Marathon is connected to",
    "sanitize_accepted_resource_roles": "Marathon --deprecated_features sanitize_accepted_resource_roles",
    "agent": "capacity of the largest agent: {cpus, mem, disk, gpus}",
    "quota": "quota per role: {<role>: {cpus, mem, disk, gpus}}",
}


RESOURCE_KEYS: tuple[str, ...] = ("cpus", "mem", "disk", "gpus")
# Settings holding a version: written unquoted in YAML or TOML, `1.10` would read as the number 1.1.
VERSION_KEYS: tuple[str, ...] = ("marathon_version", "mesos_master_version")


class ProfileError(ValueError):
    pass


def _resources(value: object, where: str) -> Resources:
    if not isinstance(value, dict):
        raise ProfileError(f"{where} must be a mapping of cpus/mem/disk/gpus, got {value!r}")
    unknown = set(value) - {"cpus", "mem", "disk", "gpus"}
    if unknown:
        raise ProfileError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))} (cpus, mem, disk, gpus)"
        )
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
            raise ProfileError(f"{where}.{k} must be a non-negative number, got {v!r}")
    return Resources(**{k: float(v) for k, v in value.items()})


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where} must be a list of strings, got {value!r}")
    return tuple(value)


def profile_from_mapping(mapping: dict[str, object], where: str = "cluster") -> ClusterProfile:
    """Build a profile from configuration (``cluster:``) or flags; raise ProfileError on bad values."""
    values = dict(mapping)
    preset = values.pop("preset", None)
    if preset is not None:
        if preset not in PRESETS:
            raise ProfileError(
                f"{where}.preset: unknown preset {preset!r} (known: {', '.join(PRESETS)})"
            )
        values = {**PRESETS[str(preset)], **values}
    kwargs: dict[str, object] = {}
    for key, value in values.items():
        if key not in PROFILE_KEYS:
            import difflib  # only for a did-you-mean

            close = difflib.get_close_matches(key, list(PROFILE_KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ProfileError(f"{where}: unknown key {key!r}{hint}")
        if value is None:
            continue
        here = f"{where}.{key}"
        if key == "marathon_version":
            try:
                kwargs[key] = MarathonVersion.parse(str(value))
            except ValueError as exc:
                raise ProfileError(f"{here}: {exc}") from None
        elif key == "security_mode":
            if value not in ("disabled", "permissive", "strict"):
                raise ProfileError(f"{here} must be disabled, permissive or strict, got {value!r}")
            kwargs[key] = value
        elif key == "features":
            kwargs[key] = frozenset(_str_list(value, here))
        elif key in ("networks", "enforce_role_groups"):
            kwargs[key] = _str_list(value, here)
        elif key in ("default_network_name", "mesos_role", "mesos_master_version"):
            if not isinstance(value, str) or not value:
                raise ProfileError(f"{here} must be a non-empty string, got {value!r}")
            kwargs[key] = value
        elif key == "new_group_enforce_role":
            if value not in ("off", "top"):
                raise ProfileError(f"{here} must be off or top, got {value!r}")
            kwargs[key] = value
        elif key == "sanitize_accepted_resource_roles":
            if not isinstance(value, bool):
                raise ProfileError(f"{here} must be true or false, got {value!r}")
            kwargs[key] = value
        elif key == "agent":
            kwargs[key] = _resources(value, here)
        elif key == "quota":
            if not isinstance(value, dict):
                raise ProfileError(f"{here} must map roles to resources, got {value!r}")
            kwargs[key] = {str(r): _resources(v, f"{here}.{r}") for r, v in value.items()}
    return ClusterProfile(**kwargs)  # type: ignore[arg-type]
