"""Readers shared by the container-level rules (containers, endpoints, health checks, volumes); the ones
every rule family needs live in `_common`.

Everything here reads plain pod data defensively: values of the wrong type are skipped, never raised
on, because the schema layer reports them. Marathon reads enums case-insensitively and treats an
explicit ``null`` like an absent key (spec §1.1), and these helpers do the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Fix, FixOp, join_pointer
from podlint.records import FrozenRecord
from podlint.rule import as_list, as_str, containers

from ._common import (
    NAME_MAX,
    NAME_RE,
    closest,
    network_mode,
)

# Health-check defaults Marathon applies before R55 compares them (spec §5).
HEALTH_CHECK_DEFAULTS: dict[str, int] = {
    "gracePeriodSeconds": 300,
    "intervalSeconds": 60,
    "maxConsecutiveFailures": 3,
    "timeoutSeconds": 20,
    "delaySeconds": 15,
}
PROBE_KINDS: tuple[str, ...] = ("http", "tcp", "exec")


def is_name(value: Any) -> bool:
    """True for a valid Name (``^[a-z0-9]([-a-z0-9]*[a-z0-9])?$``, 1-63 characters)."""
    return (
        isinstance(value, str) and len(value) <= NAME_MAX and NAME_RE.fullmatch(value) is not None
    )


def present(mapping: dict[str, Any], key: str) -> bool:
    """A key counts as set only when its value is not ``null`` (play-json reads null as absent)."""
    return mapping.get(key) is not None


def as_int(value: Any) -> int | None:
    """An integer as Marathon reads int32/int64 fields: integral numbers only (``1.0`` counts)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def rename_value_fix(pointer: str, old: str, new: str) -> Fix:
    """An unsafe fix replacing a misspelt reference: the user must confirm the target is right."""
    return Fix(
        description=f"Replace `{old}` with `{new}`",
        applicability="unsafe",
        ops=(FixOp("replace", pointer, new),),
    )


def networks(pod: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in as_list(pod.get("networks")) if isinstance(n, dict)]


def network_modes(pod: dict[str, Any]) -> list[str]:
    return [m for m in (network_mode(n) for n in networks(pod)) if m is not None]


def declared_network_names(pod: dict[str, Any]) -> list[str]:
    """Names written in ``networks`` (Marathon validates endpoints before filling default names)."""
    return [n["name"] for n in networks(pod) if isinstance(n.get("name"), str)]


class EndpointRef(FrozenRecord):
    _fields = ("container_index", "container", "index", "endpoint")

    container_index: int
    container: dict[str, Any]
    index: int
    endpoint: dict[str, Any]

    def __init__(
        self, container_index: int, container: dict[str, Any], index: int, endpoint: dict[str, Any]
    ) -> None:
        _set = object.__setattr__
        _set(self, "container_index", container_index)
        _set(self, "container", container)
        _set(self, "index", index)
        _set(self, "endpoint", endpoint)

    @property
    def pointer(self) -> str:
        return join_pointer("/containers", self.container_index, "endpoints", self.index)

    @property
    def label(self) -> str:
        name = as_str(self.endpoint.get("name"))
        return f"`{name}`" if name else f"#{self.index + 1}"


def endpoints(pod: dict[str, Any]) -> Iterator[EndpointRef]:
    """Every endpoint that is a mapping, with the container that declares it."""
    for i, c in containers(pod):
        for j, ep in enumerate(as_list(c.get("endpoints"))):
            if isinstance(ep, dict):
                yield EndpointRef(i, c, j, ep)


def endpoint_names(container: dict[str, Any]) -> list[str]:
    return [
        ep["name"]
        for ep in as_list(container.get("endpoints"))
        if isinstance(ep, dict) and isinstance(ep.get("name"), str)
    ]


def volume_names(pod: dict[str, Any]) -> list[str]:
    return [
        v["name"]
        for v in as_list(pod.get("volumes"))
        if isinstance(v, dict) and isinstance(v.get("name"), str)
    ]


def mount_names(pod: dict[str, Any]) -> set[str]:
    return {
        m["name"]
        for _, c in containers(pod)
        for m in as_list(c.get("volumeMounts"))
        if isinstance(m, dict) and isinstance(m.get("name"), str)
    }


def health_check(container: dict[str, Any]) -> dict[str, Any] | None:
    hc = container.get("healthCheck")
    return hc if isinstance(hc, dict) else None


def parse_version_triple(text: str) -> tuple[int, int, int] | None:
    """``1.2.3`` (or ``1.2``, ``v1.2.3-rc1``) as a tuple; None when no version can be read."""
    m = re.match(r"\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", text)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def likely_volume(pod: dict[str, Any], mount: str) -> str | None:
    """The declared volume an undeclared mount name most likely meant.

    When exactly one volume is unmounted and this is the only mount of an undeclared volume, the two
    are one name spelt two ways (the pods documentation declares `etc` and mounts `env`), however
    different they look; otherwise the closest name, preferring volumes nobody mounts.
    """
    declared = volume_names(pod)
    mounted = mount_names(pod)
    unmounted = [v for v in declared if v not in mounted]
    if len(unmounted) == 1 and mounted - set(declared) == {mount}:
        return unmounted[0]
    return closest(mount, unmounted) or closest(mount, declared)
