"""Readers the update rules share: how Marathon compares a pod with the version it runs.

Marathon 1.6+ checks an update of a resident pod (one with a persistent volume, on either side) when
it builds the deployment plan (``PodsValidation.residentUpdateIsValid``): pod totals of cpus, mem,
disk and gpus (executor plus every container, compared as decimals, so moving resources between
containers is fine), the set of host ports after defaults, the persistent volumes by count and by
name (each named volume must be unchanged), and the upgrade strategy.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from podlint.config.profile import MarathonVersion
from podlint.rule import Context, as_dict, as_list, as_number, as_str, containers
from podlint_rules._common import network_mode
from podlint_rules._pod_helpers import (
    CONTAINER_DEFAULTS,
    EXECUTOR_DEFAULTS,
    enum_value,
    is_resident,
    volumes_of_kind,
)

RESOURCES = ("cpus", "mem", "disk", "gpus")

# What PodDefinition.isUpgrade compares (Marathon 1.10): a change elsewhere (only the instance
# count, only executorResources, ...) creates no deployment step and never reaches the update checks.
_UPGRADE_MEMBERS: tuple[tuple[str, ...], ...] = (
    ("user",),
    ("environment",),
    ("labels",),
    ("secrets",),
    ("containers",),
    ("volumes",),
    ("networks",),
    ("scheduling", "placement", "acceptedResourceRoles"),
    ("scheduling", "placement", "constraints"),
    ("scheduling", "backoff"),
    ("scheduling", "upgrade"),
)


def _member(pod: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = pod
    for key in path:
        value = as_dict(value).get(key)
    return _without_nulls(value)


def _without_nulls(value: Any) -> Any:
    """A null member reads as an absent one (spec §1.1); exported definitions print many nulls."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def is_upgrade(previous: dict[str, Any], current: dict[str, Any]) -> bool:
    """Whether the change creates a deployment step that restarts the pod's instances."""
    return any(_member(previous, p) != _member(current, p) for p in _UPGRADE_MEMBERS)


def either_resident(
    previous: dict[str, Any], current: dict[str, Any], version: MarathonVersion
) -> bool:
    """Marathon checks the update when the running *or* the new definition is resident."""
    return version.at_least(6) and (is_resident(previous, version) or is_resident(current, version))


def update_checked(previous: dict[str, Any], current: dict[str, Any], ctx: Context) -> bool:
    """Whether Marathon runs its resident update checks on this change.

    A pod whose id changed is another pod to Marathon: nothing is compared.
    """
    return (
        not ctx.id_changed
        and either_resident(previous, current, ctx.version)
        and is_upgrade(previous, current)
    )


# ---- resources ---------------------------------------------------------------------------------


def exact(value: Any) -> Decimal | None:
    """A number as the decimal it is written as; None when it is not a finite number."""
    number = as_number(value)
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        return None
    try:
        return Decimal(str(number))
    except InvalidOperation:
        return None


def _amount(resources: Any, name: str, defaults: dict[str, Decimal]) -> Decimal | None:
    value = as_dict(resources).get(name)
    return defaults[name] if value is None else exact(value)


def resource_total(pod: dict[str, Any], name: str) -> Decimal | None:
    """Executor plus every container's amount of ``name``; None when one cannot be read."""
    total = Decimal(0)
    for _, container in containers(pod):
        amount = _amount(container.get("resources"), name, CONTAINER_DEFAULTS)
        if amount is None:
            return None
        total += amount
    if name != "gpus":  # the executor never holds gpus
        amount = _amount(pod.get("executorResources"), name, EXECUTOR_DEFAULTS)
        if amount is None:
            return None
        total += amount
    return total


def decimal_text(value: Decimal, name: str) -> str:
    """``1.5``, ``2.0``; gpus as whole numbers."""
    if name == "gpus" and value == value.to_integral_value():
        return str(int(value))
    if value == value.to_integral_value():
        return f"{int(value)}.0"
    return format(value.normalize(), "f")


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def resource_pointer(previous: dict[str, Any], current: dict[str, Any], name: str) -> str:
    """Where the change of ``name`` is: the first container (by name) or executor that differs."""
    before = {as_str(c.get("name")): c for _, c in containers(previous)}
    for index, container in containers(current):
        old = before.get(as_str(container.get("name")))
        now_amount = _amount(container.get("resources"), name, CONTAINER_DEFAULTS)
        old_amount = (
            _amount(old.get("resources"), name, CONTAINER_DEFAULTS) if old is not None else None
        )
        if old is None or now_amount != old_amount:
            resources = container.get("resources")
            if isinstance(resources, dict) and name in resources:
                return f"/containers/{index}/resources/{name}"
            if isinstance(resources, dict):
                return f"/containers/{index}/resources"
            return f"/containers/{index}"
    executor = current.get("executorResources")
    if name != "gpus" and _amount(executor, name, EXECUTOR_DEFAULTS) != _amount(
        previous.get("executorResources"), name, EXECUTOR_DEFAULTS
    ):
        if isinstance(executor, dict) and name in executor:
            return f"/executorResources/{name}"
        if isinstance(executor, dict):
            return "/executorResources"
    return "/containers"  # a container was removed


# ---- host ports --------------------------------------------------------------------------------


def _container_mode(pod: dict[str, Any]) -> bool:
    return any(
        isinstance(n, dict) and network_mode(n) == "container" for n in as_list(pod.get("networks"))
    )


def endpoints(pod: dict[str, Any]) -> Iterator[tuple[str, str | None, str | None, int | None]]:
    """(pointer, container name, endpoint name, host port after defaults) for every endpoint.

    An omitted ``hostPort`` becomes 0 unless the pod joins a container network (then it stays
    absent, None here).
    """
    default = None if _container_mode(pod) else 0
    for ci, container in containers(pod):
        for ei, endpoint in enumerate(as_list(container.get("endpoints"))):
            if not isinstance(endpoint, dict):
                continue
            raw = endpoint.get("hostPort")
            port = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
            if raw is None:
                port = default
            yield (
                f"/containers/{ci}/endpoints/{ei}",
                as_str(container.get("name")),
                as_str(endpoint.get("name")),
                port,
            )


def host_ports(pod: dict[str, Any]) -> set[int]:
    return {port for _, _, _, port in endpoints(pod) if port is not None}


# ---- persistent volumes ------------------------------------------------------------------------


def persistent_volumes(
    pod: dict[str, Any], version: MarathonVersion
) -> dict[str, tuple[int, dict[str, Any]]]:
    """name -> (index, volume) for every persistent volume, in the pod's order."""
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, volume in volumes_of_kind(pod, version, "persistent"):
        name = as_str(volume.get("name"))
        if name is not None and name not in out:
            out[name] = (index, volume)
    return out


def persistent_fields(volume: dict[str, Any]) -> dict[str, Any]:
    """What Marathon stores of a persistent volume, after defaults (VolumeConversion).

    ``type`` defaults to ``root`` (``mount`` with a ``profileName``); ``constraints`` are a set.
    """
    persistent = as_dict(volume.get("persistent"))
    profile = as_str(persistent.get("profileName"))
    kind = enum_value(persistent.get("type")) or ("MOUNT" if profile else "ROOT")
    constraints = sorted(
        {tuple(c) for c in as_list(persistent.get("constraints")) if isinstance(c, list)}
    )
    return {
        "size": exact(persistent.get("size")),
        "maxSize": exact(persistent.get("maxSize")),
        "type": kind.lower(),
        "profileName": profile,
        "constraints": constraints,
    }


# ---- upgrade strategy --------------------------------------------------------------------------


def upgrade_strategy(
    pod: dict[str, Any], version: MarathonVersion
) -> tuple[Decimal | None, Decimal | None]:
    """(minimumHealthCapacity, maximumOverCapacity) after defaults: 1 / 1, or 0.5 / 0 for a
    resident pod that leaves ``upgrade`` out."""
    upgrade = as_dict(pod.get("scheduling")).get("upgrade")
    if not isinstance(upgrade, dict):
        if is_resident(pod, version):
            return Decimal("0.5"), Decimal(0)
        return Decimal(1), Decimal(1)
    minimum = upgrade.get("minimumHealthCapacity")
    maximum = upgrade.get("maximumOverCapacity")
    return (
        Decimal(1) if minimum is None else exact(minimum),
        Decimal(1) if maximum is None else exact(maximum),
    )
