"""Readers shared by the pod-level rules: ids, networks, volumes, roles, secrets and resources.

Everything here reads plain data defensively and mirrors how Marathon reads a pod (spec §1.1): a
``null`` member is the same as an absent one, enum values are matched case-insensitively, and union
types are tried in Marathon's declaration order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from podlint.config.profile import ClusterProfile, MarathonVersion
from podlint.rule import as_dict, as_list, as_number, as_str, containers

from ._common import closest, network_mode, secret_names

# ---- ids (spec §2, §6.1) ---------------------------------------------------------------------------

# R1: what every segment of an id must fully match (S/path:212-217).
ID_SEGMENT_RE = re.compile(
    r"(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])|(\.|\.\.)"
)
# The parse-time PathId pattern of 1.5+ (spec §2): an id failing it never reaches the semantic rules.
ID_SCHEMA_RE = re.compile(
    r"(\/?((\.\.)|(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*"
    r"([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9]))?($|\/))+"
)


def id_segments(pod_id: str) -> list[str]:
    """The segments of an id; leading, trailing and repeated slashes do not count (S/path:187-190)."""
    return [s for s in pod_id.split("/") if s]


def top_level_group(pod: dict[str, Any]) -> str | None:
    """The first segment of a pod id nested in a group (``/g/pod`` -> ``g``); None at the root."""
    pod_id = as_str(pod.get("id"))
    if pod_id is None:
        return None
    segments = id_segments(pod_id)
    return segments[0] if len(segments) >= 2 else None


# ---- small reading helpers -------------------------------------------------------------------------


def enum_value(value: Any) -> str | None:
    """An enum literal, upper-cased the way Marathon compares them (spec §1.1: case-insensitive)."""
    return value.upper() if isinstance(value, str) else None


def marathon_number(value: float | int | Decimal) -> str:
    """A number the way Marathon prints doubles: ``1.0``, ``0.25``, ``128.0``."""
    dec = Decimal(str(value))
    if not dec.is_finite():  # NaN or an infinity, from a broken file: Java's spelling
        return "NaN" if dec.is_nan() else ("-Infinity" if dec < 0 else "Infinity")
    if dec == dec.to_integral_value():
        return f"{int(dec)}.0"
    return format(dec.normalize(), "f")


def amount_text(resource: str, value: float | int | Decimal) -> str:
    """A resource amount for a message: gpus are whole numbers, the rest print like Marathon's doubles."""
    dec = Decimal(str(value))
    if resource == "gpus" and dec.is_finite() and dec == dec.to_integral_value():
        return str(int(Decimal(str(value))))
    return marathon_number(value)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean "x"?)`` for the closest choice, or an empty string."""
    close = closest(word, choices)
    return f' (did you mean "{close}"?)' if close else ""


def quoted_list(values: list[str] | tuple[str, ...]) -> str:
    """Pod-level messages quote values JSON-style: ``"a", "b"``."""
    return ", ".join(f'"{v}"' for v in values) if values else "none"


# ---- networks (spec §3.5) --------------------------------------------------------------------------


def networks(pod: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """(index, network, mode) for every network that is a mapping."""
    for i, net in enumerate(as_list(pod.get("networks"))):
        if isinstance(net, dict):
            yield i, net, network_mode(net)


# ---- volumes (spec §3.6: a union tried in declaration order) ---------------------------------------

_PERSISTENT_TYPES = ("ROOT", "PATH", "MOUNT")


def _non_negative_int(value: Any) -> bool:
    """An int64 field Marathon reads (integral decimals such as ``1.0`` are accepted) that is ≥ 0."""
    number = as_number(value)
    if number is None or number < 0:
        return False
    # No float(): an int beyond a double's range would raise OverflowError.
    return isinstance(number, int) or number.is_integer()


def _persistent_part_parses(persistent: Any) -> bool:
    """Whether ``persistent`` reads as a PodPersistentVolume's object (F45–F50)."""
    if not isinstance(persistent, dict):
        return False
    if not _non_negative_int(persistent.get("size")):
        return False
    kind = persistent.get("type")
    if kind is not None and enum_value(kind) not in _PERSISTENT_TYPES:
        return False
    max_size = persistent.get("maxSize")
    if max_size is not None and not _non_negative_int(max_size):
        return False
    profile = persistent.get("profileName")
    if profile is not None and not isinstance(profile, str):
        return False
    constraints = persistent.get("constraints")
    if constraints is None:
        return True
    if not isinstance(constraints, list):
        return False
    return all(
        isinstance(c, list) and 2 <= len(c) <= 3 and all(isinstance(s, str) for s in c)
        for c in constraints
    )


def volume_kind(volume: Any, version: MarathonVersion) -> str | None:
    """``persistent``, ``secret``, ``host`` or ``ephemeral`` as Marathon reads the volume; None if unreadable."""
    if not isinstance(volume, dict):
        return None
    name = as_str(volume.get("name"))
    if not name:
        return None
    if version.at_least(6) and _persistent_part_parses(volume.get("persistent")):
        return "persistent"
    if version.at_least(5) and as_str(volume.get("secret")):
        return "secret"
    if isinstance(volume.get("host"), str):
        return "host"
    return "ephemeral"


def volumes_of_kind(
    pod: dict[str, Any], version: MarathonVersion, kind: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    for i, volume in enumerate(as_list(pod.get("volumes"))):
        if volume_kind(volume, version) == kind:
            yield i, volume


def is_resident(pod: dict[str, Any], version: MarathonVersion) -> bool:
    """A pod with at least one persistent volume (1.6+) is "resident" (V/pods)."""
    return any(True for _ in volumes_of_kind(pod, version, "persistent"))


# ---- secrets (spec §2 EnvVars, §3.1 F7) ------------------------------------------------------------


def declared_secrets(pod: dict[str, Any]) -> set[str]:
    return set(secret_names(pod))


# ---- roles (spec §6.6, RS:32-84) -------------------------------------------------------------------

_ROLE_FORBIDDEN_CHARS = {
    "\t": "a tab (\\x09)",
    "\n": "a line feed (\\x0a)",
    "\x0b": "a vertical tab (\\x0b)",
    "\x0c": "a form feed (\\x0c)",
    "\r": "a carriage return (\\x0d)",
    " ": "a space (\\x20)",
    "/": "a slash (\\x2f)",
    "\x7f": "a delete (\\x7f)",
}


def role_name_problem(role: str) -> str | None:
    """Marathon's complaint about a role name (S/role:36-59), or None when it is a valid role."""
    if role in ("", ".", ".."):
        return f'A role name must not be "{role}".'
    if role.startswith("-"):
        return "A role name must not start with a '-'."
    for char, description in _ROLE_FORBIDDEN_CHARS.items():
        if char in role:
            return f"A role name must not include {description} character."
    return None


def group_enforces_role(group: str | None, profile: ClusterProfile) -> bool:
    """Whether the pod's top-level group enforces its role.

    A group listed in ``enforce_role_groups`` does. Any other group is taken to be created by this
    deployment, so it enforces its role exactly when ``new_group_enforce_role`` is ``top``.
    """
    if group is None:
        return False
    return group in profile.enforce_role_groups or profile.new_group_enforce_role == "top"


def default_role(pod: dict[str, Any], profile: ClusterProfile) -> str:
    """The role Marathon 1.9+ gives a pod without ``role`` (N/pod:123; RS)."""
    group = top_level_group(pod)
    if group is not None and group_enforces_role(group, profile):
        return group
    return profile.mesos_role


def allowed_roles(pod: dict[str, Any], profile: ClusterProfile) -> list[str]:
    """The roles a pod may take (spec §6.6), in the order Marathon lists them."""
    group = top_level_group(pod)
    if group is None:
        return [profile.mesos_role]
    if group_enforces_role(group, profile):
        return [group]
    return list(dict.fromkeys([profile.mesos_role, group]))


def effective_role(pod: dict[str, Any], profile: ClusterProfile) -> str:
    """The pod's role after normalization: its own ``role`` (1.9+) or the default one."""
    if profile.marathon_version.at_least(9):
        role = as_str(pod.get("role"))
        if role:
            return role
        return default_role(pod, profile)
    return profile.mesos_role


def accepted_roles(pod: dict[str, Any]) -> tuple[str, Any]:
    """(pointer, value) of ``scheduling.placement.acceptedResourceRoles``."""
    placement = as_dict(as_dict(pod.get("scheduling")).get("placement"))
    return "/scheduling/placement/acceptedResourceRoles", placement.get("acceptedResourceRoles")


# ---- resources (spec §3.4, §3.7, §5) ---------------------------------------------------------------

RESOURCES: tuple[str, ...] = ("cpus", "mem", "disk", "gpus")
CONTAINER_DEFAULTS: dict[str, Decimal] = {
    "cpus": Decimal("1.0"),
    "mem": Decimal("128.0"),
    "disk": Decimal("0.0"),
    "gpus": Decimal("0"),
}
EXECUTOR_DEFAULTS: dict[str, Decimal] = {
    "cpus": Decimal("0.1"),
    "mem": Decimal("32.0"),
    "disk": Decimal("10.0"),
    "gpus": Decimal("0"),
}
RESOURCE_UNITS: dict[str, str] = {
    "cpus": "cpus",
    "mem": "MiB mem",
    "disk": "MiB disk",
    "gpus": "gpus",
}
_MILLI = Decimal("0.001")


def mesos_scalar(value: Any) -> Decimal | None:
    """A resource amount rounded the way Mesos stores scalars (fixed point, thousandths); None if unreadable."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and infinities are reported by the loader and the schema
    try:
        return Decimal(str(value)).quantize(_MILLI, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


def resource_amount(
    resources: Any, name: str, defaults: dict[str, Decimal]
) -> tuple[Decimal | None, bool]:
    """(amount, defaulted): the amount of ``name`` in a resources object, Marathon's default when absent.

    The amount is None when the value cannot be read (the schema layer reports it).
    """
    value = as_dict(resources).get(name)
    if value is None:
        return defaults[name], True
    return mesos_scalar(value), False


class ResourceSum:
    """One resource's per-instance sum: the containers' terms, the executor's, and the total."""

    def __init__(self, name: str, terms: list[tuple[Decimal, bool]], executor: Decimal) -> None:
        self.name = name
        self.terms = terms  # (amount, defaulted) per container, in container order
        self.executor = executor
        self.containers_total = sum((t for t, _ in terms), Decimal(0))
        self.total = self.containers_total + executor

    def arithmetic(self) -> str:
        """``0.5 + 0.45 cpus + 0.1 executor = 1.05``: the sum spelled out for a message."""
        parts = [amount_text(self.name, t) + (" (default)" if d else "") for t, d in self.terms]
        text = " + ".join(parts) + f" {RESOURCE_UNITS[self.name]}"
        if self.executor:
            text += f" + {marathon_number(self.executor)} executor"
        elif len(self.terms) == 1:
            return text  # a single amount needs no sum
        return f"{text} = {amount_text(self.name, self.total)}"


def pod_resource_sums(pod: dict[str, Any]) -> dict[str, ResourceSum]:
    """Per-instance sums of every resource Marathon asks one agent for; a resource with an
    unreadable amount anywhere is left out (the schema layer reports the value)."""
    sums: dict[str, ResourceSum] = {}
    executor_resources = pod.get("executorResources")
    for name in RESOURCES:
        terms: list[tuple[Decimal, bool]] = []
        readable = True
        for _, container in containers(pod):
            amount, defaulted = resource_amount(
                container.get("resources"), name, CONTAINER_DEFAULTS
            )
            if amount is None:
                readable = False
                break
            terms.append((amount, defaulted))
        executor, _ = resource_amount(executor_resources, name, EXECUTOR_DEFAULTS)
        if readable and terms and executor is not None:
            sums[name] = ResourceSum(name, terms, executor)
    return sums
