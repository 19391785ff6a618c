"""Which documents are pods, and what the others are.

A document is linted as a pod when it is a mapping that looks like one (it has ``containers``, or an
``id`` together with pod-only fields). Anything else gets a short description of what it is instead,
for the ``not-a-pod`` finding (named files) or the skip count (walked folders).
"""

from __future__ import annotations

from typing import Any

# Fields only a pod has; with an ``id`` they make a document a pod even without containers.
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
    if isinstance(data.get("apiVersion"), str) and isinstance(data.get("kind"), str):
        return (
            f"this is a Kubernetes manifest (`kind: {data['kind']}`): podlint checks Marathon pods "
            "(/v2/pods), not Kubernetes objects"
        )
    if isinstance(data.get("services"), dict) and "id" not in data:
        return (
            "this is a Docker Compose file (`services`): podlint checks Marathon pods (/v2/pods), "
            "not Compose files"
        )
    if not GROUP_FIELDS.isdisjoint(keys):
        return _describe_group(data)
    app_keys = [k for k in keys if k in APP_FIELDS]
    if app_keys:
        shown = ", ".join(f"`{k}`" for k in app_keys[:3])
        return (
            f"this looks like a Marathon app definition (it has {shown}), not a pod: podlint checks "
            "pod definitions for /v2/pods"
        )
    shown = ", ".join(f"`{k}`" for k in keys[:3])
    more = "…" if len(keys) > 3 else ""
    return (
        f"this is a fragment ({shown}{more}), not a whole pod definition: a pod needs `id` and "
        "`containers`"
    )


def _describe_group(data: dict[str, Any]) -> str:
    # Marathon's group update type (GroupUpdate in types/group.raml) has `apps` and `groups` but no
    # `pods`: POST/PUT /v2/groups never creates a pod, and unknown keys are ignored. Pods in a group
    # listing (GET /v2/groups) are there "for completeness" only.
    pods = data.get("pods")
    if isinstance(pods, list) and pods:
        return (
            f"this is a Marathon group definition (/v2/groups) with {len(pods)} pod(s) in `pods`: "
            "Marathon ignores `pods` in a group update, so they are never created; send each pod "
            "to /v2/pods and lint it there"
        )
    return "this is a Marathon group definition (`apps`/`groups`, for /v2/groups), not a pod definition"
