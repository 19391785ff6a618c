"""Which documents are pods, and what the others are.

A document is linted as a pod when it is a mapping that looks like one (it has ``containers``, or an
``id`` together with pod-only fields). Anything else gets a short description of what it is instead,
for the ``not-a-pod`` finding (named files) or the skip count (walked folders).
"""

from __future__ import annotations

from typing import Any

# Fields only a pod has (spec §3.1); with an ``id`` they make a document a pod even without containers.
POD_FIELDS = frozenset(
    {
        "containers",
        "scaling",
        "scheduling",
        "executorResources",
        "volumes",
        "networks",
        "secrets",
        "legacySharedCgroups",
        "linuxInfo",
    }
)
# Fields of Marathon app definitions (/v2/apps) that pods do not have.
APP_FIELDS = frozenset(
    {
        "cmd",
        "args",
        "container",
        "instances",
        "cpus",
        "mem",
        "portDefinitions",
        "healthChecks",
        "upgradeStrategy",
        "constraints",
        "acceptedResourceRoles",
        "fetch",
        "uris",
        "env",
        "backoffSeconds",
        "dependencies",
        "ports",
        "requirePorts",
        "readinessChecks",
    }
)
GROUP_FIELDS = frozenset({"apps", "groups", "pods"})


def is_pod(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if "containers" in data:
        return True
    return "id" in data and not POD_FIELDS.isdisjoint(data) and APP_FIELDS.isdisjoint(data)


def describe_non_pod(data: Any) -> str:
    """Say in a few words what a document that is not a pod is."""
    if isinstance(data, list):
        return (
            f"this is a list of {len(data)} item(s), not a pod: Marathon's /v2/pods takes one pod "
            "object per request"
        )
    if not isinstance(data, dict):
        kind = "null" if data is None else type(data).__name__.replace("str", "string")
        return f"this document is a single {kind} value, not a pod definition"
    keys = list(data)
    if not keys:
        return "this document is an empty mapping, not a pod definition (a pod needs `id` and `containers`)"
    app_keys = [k for k in keys if k in APP_FIELDS]
    if app_keys:
        shown = ", ".join(f"`{k}`" for k in app_keys[:3])
        return (
            f"this looks like a Marathon app definition (it has {shown}), not a pod: podlint checks "
            "pod definitions for /v2/pods"
        )
    if not GROUP_FIELDS.isdisjoint(keys):
        return "this looks like a Marathon group definition (`apps`/`groups`), not a pod definition"
    shown = ", ".join(f"`{k}`" for k in keys[:3])
    more = "…" if len(keys) > 3 else ""
    return (
        f"this is a fragment ({shown}{more}), not a whole pod definition: a pod needs `id` and "
        "`containers`"
    )
