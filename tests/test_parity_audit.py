"""Marathon parity, audited case by case from the specification.

Each case is a pod, a cluster profile and Marathon's verdict as the specification describes it
(``accept`` or ``reject``, plus the path Marathon reports, where it reports one). The pod is linted
with the whole default rule set; the parity contract says an accepted pod gets no ``error`` and a
rejected one at least one ``error`` at or below Marathon's path (``/containers(0)/name`` is our
``/containers/0/name``). Warnings and info never count.

Where the specification leaves a point open, the case says which reading was taken and why.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import Settings
from podlint.diagnostics import Diagnostic, Severity
from podlint.engine import Linter
from podlint.plugins import make_plugin_manager
from tests.conftest import shared_path

ACCEPT = "accept"
REJECT = "reject"
# Marathon reports these at "/" or at a path that names a Scala expression: any error will do.
ANYWHERE = ""


class _Delete:
    """Marks a key to remove in an edit."""


DELETE = _Delete()

# A minimal pod Marathon 1.5+ accepts: no networks (stored as an empty list), one container.
BASE: dict[str, Any] = {
    "id": "/p",
    "containers": [{"name": "c", "resources": {"cpus": 0.1, "mem": 32}}],
}
# Marathon 1.4 needs a network (P4); host networking needs no default network name.
HOST: dict[str, Any] = {**BASE, "networks": [{"mode": "host"}]}
# A resident pod: a mounted persistent volume (1.6+), otherwise minimal.
RESIDENT: dict[str, Any] = {
    "id": "/p",
    "volumes": [{"name": "data", "persistent": {"size": 10}}],
    "containers": [
        {
            "name": "c",
            "resources": {"cpus": 0.1, "mem": 32},
            "volumeMounts": [{"name": "data", "mountPath": "data"}],
        }
    ],
}
SECRETS = {"features": ["secrets"]}
LONG_NAME_63 = "a" * 63
LONG_NAME_64 = "a" * 64


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def edit(base: dict[str, Any], *changes: tuple[str, Any]) -> dict[str, Any]:
    """A deep copy of ``base`` with each ``(pointer, value)`` set (``DELETE`` removes the key)."""
    pod = copy.deepcopy(base)
    for pointer, value in changes:
        *parents, last = _tokens(pointer)
        node: Any = pod
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node.setdefault(token, {})
        if isinstance(node, list):
            if value is DELETE:
                del node[int(last)]
            elif last == "-":
                node.append(copy.deepcopy(value))
            else:
                node[int(last)] = copy.deepcopy(value)
        elif value is DELETE:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return pod


def ctr(name: str = "c", **fields: Any) -> dict[str, Any]:
    return {"name": name, "resources": {"cpus": 0.1, "mem": 32}, **fields}


@dataclass(frozen=True)
class Case:
    id: str
    expect: str
    pod: dict[str, Any]
    pointer: str | None = None
    profile: tuple[tuple[str, Any], ...] = ()


def accept(case_id: str, pod: dict[str, Any], **profile: Any) -> Case:
    return Case(case_id, ACCEPT, pod, None, tuple(profile.items()))


def reject(case_id: str, pod: dict[str, Any], pointer: str = ANYWHERE, **profile: Any) -> Case:
    return Case(case_id, REJECT, pod, pointer, tuple(profile.items()))


def v(version: str, **profile: Any) -> dict[str, Any]:
    return {"marathon_version": version, **profile}


# --- §1.1 parse-time behaviour --------------------------------------------------------------------

# fmt: off
PARSE_TIME = [
    accept("minimal-pod", BASE),
    accept("unknown-top-level-key-ignored", edit(BASE, ("/foo", 1))),
    accept("unknown-container-key-ignored", edit(BASE, ("/containers/0/force", True))),
    accept("scaling-maxInstances-ignored", edit(BASE, ("/scaling", {"kind": "fixed", "maxInstances": 3}))),
    # null for an optional field is the same as absent.
    accept("null-user", edit(BASE, ("/user", None))),
    accept("null-labels", edit(BASE, ("/labels", None))),
    accept("null-networks", edit(BASE, ("/networks", None))),
    accept("null-scheduling", edit(BASE, ("/scheduling", None))),
    accept("null-scaling", edit(BASE, ("/scaling", None))),
    accept("null-instances", edit(BASE, ("/scaling", {"kind": "fixed", "instances": None}))),
    accept("null-secrets", edit(BASE, ("/secrets", None))),
    accept("null-environment", edit(BASE, ("/environment", None))),
    accept("null-volumes", edit(BASE, ("/volumes", None))),
    accept("null-executor-resources", edit(BASE, ("/executorResources", None))),
    accept("null-endpoints", edit(BASE, ("/containers/0/endpoints", None))),
    accept("null-resources-cpus", edit(BASE, ("/containers/0/resources/cpus", None))),
    accept("null-health-check", edit(BASE, ("/containers/0/healthCheck", None))),
    accept("null-image-force-pull", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": "x", "forcePull": None}))),
    accept("null-container-port-in-host-mode", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "containerPort": None, "hostPort": 0}]))),
    # null for a required field is a missing field.
    reject("null-id", edit(BASE, ("/id", None)), "/id"),
    reject("missing-id", edit(BASE, ("/id", DELETE)), "/id"),
    reject("null-containers", edit(BASE, ("/containers", None)), "/containers"),
    # (A bare {"id": ...} is reported as "not a pod" instead; with any pod field it is a pod.)
    reject("missing-containers", edit(HOST, ("/containers", DELETE)), "/containers"),
    reject("null-container-name", edit(BASE, ("/containers/0/name", None)), "/containers/0/name"),
    reject("missing-container-name", edit(BASE, ("/containers/0/name", DELETE)), "/containers/0/name"),
    reject("null-resources", edit(BASE, ("/containers/0/resources", None)), "/containers/0/resources"),
    reject("missing-resources", edit(BASE, ("/containers/0/resources", DELETE)), "/containers/0/resources"),
    reject("null-image-id", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": None})), "/containers/0/image/id"),
    reject("missing-image-kind", edit(BASE, ("/containers/0/image", {"id": "nginx"})), "/containers/0/image/kind"),
    reject("null-endpoint-name", edit(HOST, ("/containers/0/endpoints", [{"name": None, "hostPort": 0}])), "/containers/0/endpoints/0/name"),
    reject("top-level-containers-empty", edit(BASE, ("/containers", [])), "/containers"),
    reject("containers-not-an-array", edit(BASE, ("/containers", {})), "/containers"),
    reject("pod-not-an-object-field-type", edit(BASE, ("/labels", [])), "/labels"),
    # Enums are matched case-insensitively ...
    accept("enum-case-network-mode", edit(BASE, ("/networks", [{"mode": "HOST"}]))),
    accept("enum-case-bridge", edit(BASE, ("/networks", [{"mode": "Container/Bridge"}]))),
    accept("enum-case-image-kind", edit(BASE, ("/containers/0/image", {"kind": "docker", "id": "nginx"}))),
    accept("enum-case-kill-selection", edit(BASE, ("/scheduling/killSelection", "oldest_first"))),
    accept("enum-case-kill-selection-mixed", edit(BASE, ("/scheduling/killSelection", "Youngest_First"))),
    accept("enum-case-http-scheme", edit(HOST, ("/containers/0/endpoints", [{"name": "web", "hostPort": 0}]), ("/containers/0/healthCheck", {"http": {"endpoint": "web", "scheme": "https"}}))),
    accept("enum-case-constraint-operator", edit(BASE, ("/scheduling/placement/constraints", [{"fieldName": "hostname", "operator": "unique"}]))),
    accept("enum-case-ipc-mode", edit(BASE, ("/containers/0/linuxInfo", {"ipcInfo": {"mode": "share_parent"}}))),
    # ... except scaling.kind, which is read as a plain string.
    accept("scaling-kind-fixed", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 2}))),
    reject("scaling-kind-case", edit(BASE, ("/scaling", {"kind": "Fixed", "instances": 2})), "/scaling/kind"),
    reject("scaling-kind-other", edit(BASE, ("/scaling", {"kind": "auto"})), "/scaling/kind"),
    reject("scaling-kind-missing", edit(BASE, ("/scaling", {"instances": 2})), "/scaling/kind"),
    reject("enum-unknown-kill-selection", edit(BASE, ("/scheduling/killSelection", "NEWEST")), "/scheduling/killSelection"),
    reject("enum-unknown-network-mode", edit(BASE, ("/networks", [{"mode": "overlay"}])), "/networks/0"),
    reject("enum-unknown-image-kind", edit(BASE, ("/containers/0/image", {"kind": "OCI", "id": "x"})), "/containers/0/image/kind"),
    # Integer fields accept integral decimals, not fractions.
    accept("int-integral-float-instances", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 2.0}))),
    reject("int-fraction-instances", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 1.5})), "/scaling/instances"),
    accept("int-integral-float-gpus", edit(BASE, ("/containers/0/resources/gpus", 1.0))),
    reject("int-fraction-gpus", edit(BASE, ("/containers/0/resources/gpus", 0.5)), "/containers/0/resources/gpus"),
    accept("int-integral-float-port", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 8080.0}]))),
    reject("int-fraction-port", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 8080.5}])), "/containers/0/endpoints/0/hostPort"),
    accept("int-integral-float-unreachable", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 60.0, "expungeAfterSeconds": 120.0}))),
    reject("int-fraction-unreachable", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 0.5})), "/scheduling/unreachableStrategy"),
    # Wrong JSON types are rejected: booleans and numbers written as strings.
    reject("bool-as-string-tty", edit(BASE, ("/containers/0/tty", "true")), "/containers/0/tty"),
    reject("bool-as-string-force-pull", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": "x", "forcePull": "true"})), "/containers/0/image/forcePull"),
    reject("bool-as-string-legacy-cgroups", edit(BASE, ("/legacySharedCgroups", "true")), "/legacySharedCgroups"),
    reject("bool-as-number", edit(BASE, ("/containers/0/tty", 1)), "/containers/0/tty"),
    reject("number-as-string-cpus", edit(BASE, ("/containers/0/resources/cpus", "0.1")), "/containers/0/resources/cpus"),
    reject("number-as-string-instances", edit(BASE, ("/scaling", {"kind": "fixed", "instances": "2"})), "/scaling/instances"),
    reject("number-as-string-container-port", edit(BASE, ("/containers/0/endpoints", [{"name": "e", "containerPort": "80"}])), "/containers/0/endpoints/0/containerPort"),
    reject("number-as-bool-cpus", edit(BASE, ("/containers/0/resources/cpus", True)), "/containers/0/resources/cpus"),
    reject("string-as-number-user", edit(BASE, ("/user", 0)), "/user"),
    reject("label-value-not-string", edit(BASE, ("/labels", {"team": 1})), "/labels"),
    reject("label-value-bool", edit(BASE, ("/containers/0/labels", {"a": True})), "/containers/0/labels"),
    accept("label-key-anything", edit(BASE, ("/labels", {"Any Key/With:Stuff": "x", "": "empty"}))),
    # The version stamp is overwritten, but must still read as a date.
    accept("version-iso-date", edit(BASE, ("/version", "2017-01-01T00:00:00.000Z"))),
    reject("version-not-a-date", edit(BASE, ("/version", "yesterday")), "/version"),
    # Facets of array items are not enforced: protocol items are free text.
    accept("protocol-items-unchecked", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 0, "protocol": ["", "HTTP", "weird"]}]))),
    # uniqueItems arrays are sets: duplicate constraints are collapsed, not rejected.
    accept("duplicate-constraints-collapsed", edit(BASE, ("/scheduling/placement/constraints", [{"fieldName": "hostname", "operator": "UNIQUE"}, {"fieldName": "hostname", "operator": "UNIQUE"}]))),
]
# fmt: on

# --- §2 shared value types ----------------------------------------------------------------------

# fmt: off
VALUE_TYPES = [
    # Name: containers, endpoints, volume mounts.
    accept("name-one-char", edit(BASE, ("/containers/0/name", "a"))),
    accept("name-63", edit(BASE, ("/containers/0/name", LONG_NAME_63))),
    reject("name-64", edit(BASE, ("/containers/0/name", LONG_NAME_64)), "/containers/0/name"),
    reject("name-empty", edit(BASE, ("/containers/0/name", "")), "/containers/0/name"),
    reject("name-upper", edit(BASE, ("/containers/0/name", "Web")), "/containers/0/name"),
    reject("name-underscore", edit(BASE, ("/containers/0/name", "a_b")), "/containers/0/name"),
    reject("name-leading-hyphen", edit(BASE, ("/containers/0/name", "-a")), "/containers/0/name"),
    reject("name-trailing-hyphen", edit(BASE, ("/containers/0/name", "a-")), "/containers/0/name"),
    accept("name-inner-hyphen-digits", edit(BASE, ("/containers/0/name", "0-a--9"))),
    reject("name-app-reserved", edit(BASE, ("/containers/0/name", "_app")), "/containers/0/name"),
    # PathId and id rules R1–R5.
    accept("id-nested", edit(BASE, ("/id", "/group/sub/pod"))),
    accept("id-dotted-segment", edit(BASE, ("/id", "/a.b/c-d"))),
    accept("id-slashes-stripped", edit(BASE, ("/id", "//a/"))),
    accept("id-reserved-word-not-last", edit(BASE, ("/id", "/restart/p"))),
    accept("id-very-long", edit(BASE, ("/id", "/" + "a" * 300))),
    reject("id-relative-R4", edit(BASE, ("/id", "p")), "/id"),
    reject("id-root-R5", edit(BASE, ("/id", "/")), "/id"),
    reject("id-empty", edit(BASE, ("/id", "")), "/id"),
    reject("id-upper-R1", edit(BASE, ("/id", "/Pod")), "/id"),
    reject("id-underscore-R1", edit(BASE, ("/id", "/my_pod")), "/id"),
    reject("id-empty-label-R1", edit(BASE, ("/id", "/a..b")), "/id"),
    reject("id-trailing-hyphen-R1", edit(BASE, ("/id", "/a-")), "/id"),
    reject("id-reserved-restart-R2", edit(BASE, ("/id", "/a/restart")), "/id"),
    reject("id-reserved-tasks-R2", edit(BASE, ("/id", "/tasks")), "/id"),
    reject("id-reserved-versions-R2", edit(BASE, ("/id", "/a/versions")), "/id"),
    reject("id-dotdot-R3", edit(BASE, ("/id", "/a/../b")), "/id"),
    reject("id-dot-R3", edit(BASE, ("/id", "/a/./b")), "/id"),
    reject("id-not-a-string", edit(BASE, ("/id", 5)), "/id"),
    # Path: 1–1024 characters.
    accept("image-id-1024", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": "a" * 1024}))),
    reject("image-id-1025", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": "a" * 1025})), "/containers/0/image/id"),
    reject("image-id-empty", edit(BASE, ("/containers/0/image", {"kind": "DOCKER", "id": ""})), "/containers/0/image/id"),
    # Ports.
    reject("container-port-0", edit(BASE, ("/containers/0/endpoints", [{"name": "e", "containerPort": 0}])), "/containers/0/endpoints/0/containerPort"),
    accept("container-port-1", edit(BASE, ("/containers/0/endpoints", [{"name": "e", "containerPort": 1}]))),
    accept("container-port-65535", edit(BASE, ("/containers/0/endpoints", [{"name": "e", "containerPort": 65535}]))),
    reject("container-port-65536", edit(BASE, ("/containers/0/endpoints", [{"name": "e", "containerPort": 65536}])), "/containers/0/endpoints/0/containerPort"),
    accept("host-port-0", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 0}]))),
    accept("host-port-65535", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 65535}]))),
    reject("host-port-65536", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 65536}])), "/containers/0/endpoints/0/hostPort"),
    reject("host-port-negative", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": -1}])), "/containers/0/endpoints/0/hostPort"),
    reject("host-port-int32-overflow", edit(HOST, ("/containers/0/endpoints", [{"name": "e", "hostPort": 2147483648}])), "/containers/0/endpoints/0/hostPort"),
    # EnvVars: keys and union values.
    accept("env-lower-case-key", edit(BASE, ("/environment", {"lower_ok": "1", "_X": "2"}))),
    accept("env-key-254", edit(BASE, ("/environment", {"A" * 254: "x"}))),
    reject("env-key-255", edit(BASE, ("/environment", {"A" * 255: "x"})), "/environment"),
    reject("env-key-digit-first", edit(BASE, ("/environment", {"1A": "x"})), "/environment"),
    reject("env-key-hyphen", edit(BASE, ("/environment", {"A-B": "x"})), "/environment"),
    reject("env-key-empty", edit(BASE, ("/environment", {"": "x"})), "/environment"),
    reject("env-value-number", edit(BASE, ("/environment", {"A": 1})), "/environment"),
    reject("env-value-bool", edit(BASE, ("/containers/0/environment", {"A": True})), "/containers/0/environment"),
    reject("env-value-object-without-secret", edit(BASE, ("/environment", {"A": {"value": "x"}})), "/environment/A/secret"),
    accept("env-value-empty-string", edit(BASE, ("/environment", {"A": ""}))),
    accept("env-secret-reference", edit(BASE, ("/secrets", {"s": {"source": "path/s"}}), ("/environment", {"A": {"secret": "s"}})), **SECRETS),
    # MesosCommand union: shell first, then argv.
    accept("command-shell", edit(BASE, ("/containers/0/exec", {"command": {"shell": "run"}}))),
    accept("command-argv", edit(BASE, ("/containers/0/exec", {"command": {"argv": ["run"]}}))),
    # A body with both parses as shell; argv is ignored.
    accept("command-both-parses-as-shell", edit(BASE, ("/containers/0/exec", {"command": {"shell": "run", "argv": ["x"]}}))),
    reject("command-shell-empty", edit(BASE, ("/containers/0/exec", {"command": {"shell": ""}})), "/containers/0/exec/command"),
    reject("command-argv-empty", edit(BASE, ("/containers/0/exec", {"command": {"argv": []}})), "/containers/0/exec/command"),
    # Marathon tries shell, then argv, and reports the last alternative's failure.
    reject("command-neither", edit(BASE, ("/containers/0/exec", {"command": {}})), "/containers/0/exec/command/argv"),
    reject("exec-without-command", edit(BASE, ("/containers/0/exec", {})), "/containers/0/exec/command"),
    accept("override-entrypoint-with-shell-not-enforced", edit(BASE, ("/containers/0/exec", {"command": {"shell": "x"}, "overrideEntrypoint": False}))),
]
# fmt: on

# --- §3 fields: pod level, scaling, scheduling, executor ----------------------------------------

# fmt: off
POD_FIELDS = [
    reject("user-empty-R6", edit(BASE, ("/user", "")), "/user"),
    accept("user-set", edit(BASE, ("/user", "nobody"))),
    # F81: a container user is not checked for emptiness.
    accept("container-user-empty-unchecked", edit(BASE, ("/containers/0/user", ""))),
    accept("instances-0", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 0}))),
    accept("instances-int32-max", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 2147483647}))),
    reject("instances-int32-overflow", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 2147483648})), "/scaling/instances"),
    reject("instances-negative-R31", edit(BASE, ("/scaling", {"kind": "fixed", "instances": -1})), "/scaling/instances"),
    accept("backoff-zero", edit(BASE, ("/scheduling/backoff", {"backoff": 0, "backoffFactor": 0, "maxLaunchDelay": 0}))),
    reject("backoff-negative-R24", edit(BASE, ("/scheduling/backoff", {"backoff": -0.1})), "/scheduling/backoff/backoff"),
    reject("backoff-factor-negative-R25", edit(BASE, ("/scheduling/backoff", {"backoffFactor": -1})), "/scheduling/backoff/backoffFactor"),
    reject("max-launch-delay-negative-R26", edit(BASE, ("/scheduling/backoff", {"maxLaunchDelay": -1})), "/scheduling/backoff/maxLaunchDelay"),
    accept("upgrade-bounds", edit(BASE, ("/scheduling/upgrade", {"minimumHealthCapacity": 0, "maximumOverCapacity": 1}))),
    accept("upgrade-bounds-other", edit(BASE, ("/scheduling/upgrade", {"minimumHealthCapacity": 1.0, "maximumOverCapacity": 0.0}))),
    reject("min-health-above-1-R27", edit(BASE, ("/scheduling/upgrade", {"minimumHealthCapacity": 1.01})), "/scheduling/upgrade/minimumHealthCapacity"),
    reject("min-health-negative-R27", edit(BASE, ("/scheduling/upgrade", {"minimumHealthCapacity": -0.01})), "/scheduling/upgrade/minimumHealthCapacity"),
    reject("max-over-above-1-R28", edit(BASE, ("/scheduling/upgrade", {"maximumOverCapacity": 2})), "/scheduling/upgrade/maximumOverCapacity"),
    reject("max-over-negative-R28", edit(BASE, ("/scheduling/upgrade", {"maximumOverCapacity": -1})), "/scheduling/upgrade/maximumOverCapacity"),
    accept("kill-selection-oldest", edit(BASE, ("/scheduling/killSelection", "OLDEST_FIRST"))),
    # unreachableStrategy: "disabled", any other string (read as disabled), or an object.
    accept("unreachable-disabled", edit(BASE, ("/scheduling/unreachableStrategy", "disabled"))),
    accept("unreachable-any-string", edit(BASE, ("/scheduling/unreachableStrategy", "enabled"))),
    accept("unreachable-empty-string", edit(BASE, ("/scheduling/unreachableStrategy", ""))),
    accept("unreachable-object-zero", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 0, "expungeAfterSeconds": 0}))),
    accept("unreachable-empty-object", edit(BASE, ("/scheduling/unreachableStrategy", {}))),
    # Not checked for pods (§3.3 F35, §10.5).
    accept("unreachable-inactive-after-expunge", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 600, "expungeAfterSeconds": 60}))),
    accept("unreachable-int64", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 2147483648}))),
    accept("unreachable-int64-max", edit(BASE, ("/scheduling/unreachableStrategy", {"expungeAfterSeconds": 9223372036854775807}))),
    reject("unreachable-int64-overflow", edit(BASE, ("/scheduling/unreachableStrategy", {"expungeAfterSeconds": 9223372036854775808})), "/scheduling/unreachableStrategy"),
    reject("unreachable-negative", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": -1})), "/scheduling/unreachableStrategy"),
    reject("unreachable-number", edit(BASE, ("/scheduling/unreachableStrategy", 5)), "/scheduling/unreachableStrategy"),
    reject("unreachable-bool", edit(BASE, ("/scheduling/unreachableStrategy", False)), "/scheduling/unreachableStrategy"),
    # executorResources minimums (1.5+).
    accept("executor-minimums", edit(BASE, ("/executorResources", {"cpus": 0.1, "mem": 32, "disk": 10}))),
    reject("executor-cpus-below", edit(BASE, ("/executorResources", {"cpus": 0.09})), "/executorResources/cpus"),
    reject("executor-mem-below", edit(BASE, ("/executorResources", {"mem": 31.9})), "/executorResources/mem"),
    reject("executor-disk-below", edit(BASE, ("/executorResources", {"disk": 9})), "/executorResources/disk"),
    reject("executor-cpus-string", edit(BASE, ("/executorResources", {"cpus": "1"})), "/executorResources/cpus"),
    # Secrets (F7/F8, R16–R18).
    accept("secrets-empty-object-without-feature", edit(BASE, ("/secrets", {}))),
    reject("secrets-without-feature-R16", edit(BASE, ("/secrets", {"s": {"source": "x"}})), "/secrets"),
    accept("secrets-with-feature", edit(BASE, ("/secrets", {"s": {"source": "x"}})), **SECRETS),
    reject("secret-source-empty-R18", edit(BASE, ("/secrets", {"s": {"source": ""}})), "/secrets/s", **SECRETS),
    reject("secret-source-missing", edit(BASE, ("/secrets", {"s": {}})), "/secrets/s/source", **SECRETS),
    reject("secret-not-an-object", edit(BASE, ("/secrets", {"s": "x"})), "/secrets/s", **SECRETS),
    reject("secret-name-empty-R17", edit(BASE, ("/secrets", {"": {"source": "x"}})), "/secrets", **SECRETS),
    # Env secret references (R7, R8, R53).
    reject("env-secret-without-feature-R7", edit(BASE, ("/environment", {"A": {"secret": "s"}})), "/environment"),
    reject("container-env-secret-without-feature-R53", edit(BASE, ("/containers/0/environment", {"A": {"secret": "s"}})), "/containers/0/environment"),
    reject("env-secret-undefined-R8", edit(BASE, ("/environment", {"A": {"secret": "nope"}})), "/environment/A/secret", **SECRETS),
    reject("container-env-secret-undefined-R53", edit(BASE, ("/secrets", {"s": {"source": "x"}}), ("/containers/0/environment", {"A": {"secret": "nope"}})), "/containers/0/environment/A/secret", **SECRETS),
    accept("container-env-secret-pod-level-declared", edit(BASE, ("/secrets", {"s": {"source": "x"}}), ("/containers/0/environment", {"A": {"secret": "s"}})), **SECRETS),
    # legacySharedCgroups (1.10).
    accept("legacy-shared-cgroups", edit(BASE, ("/legacySharedCgroups", True))),
    accept("legacy-shared-cgroups-false", edit(BASE, ("/legacySharedCgroups", False))),
]
# fmt: on

# --- §3.5 and R19–R23 networks ------------------------------------------------------------------

NET = "/networks"
# fmt: off
NETWORKS = [
    accept("networks-empty", edit(BASE, (NET, []))),
    accept("networks-host", edit(BASE, (NET, [{"mode": "host"}]))),
    accept("networks-bridge", edit(BASE, (NET, [{"mode": "container/bridge"}]))),
    accept("networks-named-container", edit(BASE, (NET, [{"name": "net1"}]))),
    accept("networks-named-container-labels", edit(BASE, (NET, [{"name": "net1", "mode": "container", "labels": {"a": "b"}}]))),
    accept("networks-two-named", edit(BASE, (NET, [{"name": "a"}, {"name": "b"}]))),
    accept("network-name-underscore", edit(BASE, (NET, [{"name": "my_net"}]))),
    accept("network-name-63", edit(BASE, (NET, [{"name": LONG_NAME_63}]))),
    reject("network-name-64", edit(BASE, (NET, [{"name": LONG_NAME_64}])), "/networks/0/name"),
    reject("network-name-upper", edit(BASE, (NET, [{"name": "Net"}])), "/networks/0/name"),
    reject("network-name-leading-underscore", edit(BASE, (NET, [{"name": "_net"}])), "/networks/0/name"),
    reject("network-name-empty", edit(BASE, (NET, [{"name": ""}])), "/networks/0/name"),
    reject("host-network-named-R19", edit(BASE, (NET, [{"mode": "host", "name": "x"}])), NET),
    reject("host-network-labels-R19", edit(BASE, (NET, [{"mode": "host", "labels": {"a": "b"}}])), NET),
    reject("bridge-network-named-R20", edit(BASE, (NET, [{"mode": "container/bridge", "name": "x"}])), NET),
    accept("bridge-network-labels", edit(BASE, (NET, [{"mode": "container/bridge", "labels": {"a": "b"}}]))),
    reject("duplicate-network-names-R21", edit(BASE, (NET, [{"name": "a"}, {"name": "a"}])), NET),
    reject("two-unnamed-container-networks-R21", edit(BASE, (NET, [{"mode": "container"}, {"mode": "container"}])), NET, default_network_name="dcos"),
    reject("two-host-networks-R22", edit(BASE, (NET, [{"mode": "host"}, {"mode": "host"}])), NET),
    reject("two-bridge-networks-R22", edit(BASE, (NET, [{"mode": "container/bridge"}, {"mode": "container/bridge"}])), NET),
    reject("host-and-container-R22", edit(BASE, (NET, [{"mode": "host"}, {"name": "a"}])), NET),
    reject("bridge-and-container-R22", edit(BASE, (NET, [{"mode": "container/bridge"}, {"name": "a"}])), NET),
    reject("host-and-bridge-R22", edit(BASE, (NET, [{"mode": "host"}, {"mode": "container/bridge"}])), NET),
    reject("unnamed-container-network-R23", edit(BASE, (NET, [{"mode": "container"}])), NET),
    reject("unnamed-container-network-no-mode-R23", edit(BASE, (NET, [{}])), NET),
    accept("unnamed-container-network-default-name", edit(BASE, (NET, [{"mode": "container"}])), default_network_name="dcos"),
    accept("unnamed-container-network-no-mode-default-name", edit(BASE, (NET, [{}])), default_network_name="dcos"),
    reject("networks-not-array", edit(BASE, (NET, {"mode": "host"})), NET),
    reject("network-labels-not-strings", edit(BASE, (NET, [{"name": "a", "labels": {"a": 1}}])), "/networks/0/labels"),
]
# fmt: on

# --- §3.6 volumes and mounts --------------------------------------------------------------------


def vol(
    volume: dict[str, Any], mount: str | None = None, base: dict[str, Any] = BASE
) -> dict[str, Any]:
    """``base`` with one volume mounted by the first container."""
    name = mount if mount is not None else volume.get("name")
    return edit(
        base,
        ("/volumes", [volume]),
        ("/containers/0/volumeMounts", [{"name": name, "mountPath": "data"}]),
    )


# fmt: off
VOLUMES = [
    accept("ephemeral-volume", vol({"name": "v"})),
    accept("host-volume", vol({"name": "v", "host": "/var/lib/x"})),
    accept("host-volume-relative", vol({"name": "v", "host": "relative"})),
    # F43: no check on `host` at parse time in 1.5+.
    accept("host-volume-empty-host", vol({"name": "v", "host": ""})),
    # Union fallback: a malformed persistent/secret/host part makes an ephemeral volume.
    accept("persistent-malformed-is-ephemeral", vol({"name": "v", "persistent": "big"})),
    accept("persistent-missing-size-is-ephemeral", vol({"name": "v", "persistent": {"type": "root"}})),
    accept("persistent-bad-type-is-ephemeral", vol({"name": "v", "persistent": {"size": 1, "type": "ssd"}})),
    accept("persistent-negative-size-is-ephemeral", vol({"name": "v", "persistent": {"size": -1}})),
    accept("persistent-fraction-size-is-ephemeral", vol({"name": "v", "persistent": {"size": 1.5}})),
    accept("external-volume-is-ephemeral", vol({"name": "v", "external": {"name": "x", "provider": "dvdi"}})),
    accept("secret-not-string-is-ephemeral", vol({"name": "v", "secret": 5})),
    accept("secret-empty-is-ephemeral", vol({"name": "v", "secret": ""})),
    accept("host-not-string-is-ephemeral", vol({"name": "v", "host": 5})),
    # Every volume alternative fails; Marathon reports the last one's (ephemeral) problem: the name.
    reject("malformed-persistent-bad-name", vol({"name": "Data", "persistent": "big"}), "/volumes/0/name"),
    # All volume alternatives fail; Marathon reports the last one's (ephemeral: name).
    reject("volume-name-missing", vol({"host": "/x"}, mount="v"), "/volumes/0/name"),
    reject("volume-name-upper", vol({"name": "V"}), "/volumes/0/name"),
    reject("volume-not-object", edit(BASE, ("/volumes", ["v"])), "/volumes/0"),
    reject("volume-not-mounted-R12", edit(BASE, ("/volumes", [{"name": "v"}])), "/volumes/0"),
    reject("volume-names-duplicate-R13", edit(BASE, ("/volumes", [{"name": "v"}, {"name": "v", "host": "/x"}]), ("/containers/0/volumeMounts", [{"name": "v", "mountPath": "a"}])), "/volumes"),
    reject("mount-unknown-volume-R65", vol({"name": "v"}, mount="w"), "/containers/0/volumeMounts/0/name"),
    reject("mount-name-not-a-name-R63", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/-", {"name": "Bad", "mountPath": "b"})), "/containers/0/volumeMounts/1/name"),
    reject("mount-path-empty-R64", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/mountPath", "")), "/containers/0/volumeMounts/0/mountPath"),
    accept("mount-path-1024", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/mountPath", "a" * 1024))),
    reject("mount-path-1025", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/mountPath", "a" * 1025)), "/containers/0/volumeMounts/0/mountPath"),
    reject("mount-path-missing", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/mountPath", DELETE)), "/containers/0/volumeMounts/0/mountPath"),
    reject("mount-read-only-string", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/readOnly", "yes")), "/containers/0/volumeMounts/0/readOnly"),
    accept("mount-read-only", edit(vol({"name": "v"}), ("/containers/0/volumeMounts/0/readOnly", True))),
    # Secret volumes (1.5+).
    accept("secret-volume", edit(vol({"name": "v", "secret": "s"}), ("/secrets", {"s": {"source": "x"}})), **SECRETS),
    reject("secret-volume-without-feature-R10", edit(vol({"name": "v", "secret": "s"}), ("/secrets", {})), ANYWHERE),
    reject("secret-volume-undefined-secret-R11", vol({"name": "v", "secret": "nope"}), ANYWHERE, **SECRETS),
    # A secret volume's name is only non-empty at parse time, but its mount needs a Name.
    reject("secret-volume-name-not-a-name", edit(vol({"name": "V_1", "secret": "s"}), ("/secrets", {"s": {"source": "x"}})), ANYWHERE, **SECRETS),
]
# fmt: on

# --- §3.7 containers: resources, limits, image, linuxInfo, artifacts, lifecycle ------------------

C0 = "/containers/0"
# fmt: off
CONTAINERS = [
    reject("containers-empty-R14", edit(BASE, ("/containers", [])), "/containers"),
    reject("container-names-duplicate-R15", edit(BASE, ("/containers", [ctr("a"), ctr("a")])), "/containers"),
    accept("two-containers", edit(BASE, ("/containers", [ctr("a"), ctr("b")]))),
    reject("container-not-object", edit(BASE, ("/containers", ["c"])), "/containers/0"),
    accept("resources-minimums", edit(BASE, (f"{C0}/resources", {"cpus": 0.001, "mem": 0.001, "disk": 0, "gpus": 0}))),
    accept("resources-defaults", edit(BASE, (f"{C0}/resources", {}))),
    reject("resources-cpus-below", edit(BASE, (f"{C0}/resources/cpus", 0.0009)), f"{C0}/resources/cpus"),
    reject("resources-cpus-zero", edit(BASE, (f"{C0}/resources/cpus", 0)), f"{C0}/resources/cpus"),
    reject("resources-mem-zero", edit(BASE, (f"{C0}/resources/mem", 0)), f"{C0}/resources/mem"),
    reject("resources-disk-negative-R42", edit(BASE, (f"{C0}/resources/disk", -1)), f"{C0}/resources/disk"),
    reject("resources-gpus-negative-R42", edit(BASE, (f"{C0}/resources/gpus", -1)), f"{C0}/resources/gpus"),
    reject("resources-gpus-int32-overflow", edit(BASE, (f"{C0}/resources/gpus", 2147483648)), f"{C0}/resources/gpus"),
    # gpus without the gpu_resources feature: not checked for pods (warning at most).
    accept("resources-gpus-without-feature", edit(BASE, (f"{C0}/resources/gpus", 1))),
    # resourceLimits (1.10).
    accept("limits-unlimited", edit(BASE, (f"{C0}/resourceLimits", {"cpus": "unlimited", "mem": "unlimited"}))),
    accept("limits-equal-request", edit(BASE, (f"{C0}/resourceLimits", {"cpus": 0.1, "mem": 32}))),
    accept("limits-above-request", edit(BASE, (f"{C0}/resourceLimits", {"cpus": 2, "mem": 1024}))),
    accept("limits-empty", edit(BASE, (f"{C0}/resourceLimits", {}))),
    reject("limits-string-R43", edit(BASE, (f"{C0}/resourceLimits", {"cpus": "lots"})), f"{C0}/resourceLimits/cpus"),
    reject("limits-cpus-below-request-R44", edit(BASE, (f"{C0}/resourceLimits", {"cpus": 0.05})), f"{C0}/resourceLimits/cpus"),
    reject("limits-mem-below-request-R44", edit(BASE, (f"{C0}/resourceLimits", {"mem": 16})), f"{C0}/resourceLimits/mem"),
    # The request defaults to 1.0 cpus / 128 mem when not given.
    reject("limits-below-default-request-R44", edit(BASE, (f"{C0}/resources", {}), (f"{C0}/resourceLimits", {"mem": 64})), f"{C0}/resourceLimits/mem"),
    reject("limits-with-legacy-cgroups-R45", edit(BASE, ("/legacySharedCgroups", True), (f"{C0}/resourceLimits", {"cpus": 1})), f"{C0}/resourceLimits"),
    # Image.
    accept("image-docker", edit(BASE, (f"{C0}/image", {"kind": "DOCKER", "id": "nginx:1.25", "forcePull": True, "labels": {"a": "b"}}))),
    reject("image-appc-1.10", edit(BASE, (f"{C0}/image", {"kind": "APPC", "id": "x"})), f"{C0}/image/kind"),
    reject("image-id-missing", edit(BASE, (f"{C0}/image", {"kind": "DOCKER"})), f"{C0}/image/id"),
    reject("image-labels-not-strings", edit(BASE, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "labels": {"a": 1}})), f"{C0}/image/labels"),
    accept("pull-config", edit(BASE, ("/secrets", {"s": {"source": "x"}}), (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "s"}})), **SECRETS),
    reject("pull-config-without-feature-R51", edit(BASE, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "s"}})), f"{C0}/image/pullConfig"),
    reject("pull-config-undefined-secret-R52", edit(BASE, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "s"}})), f"{C0}/image/pullConfig", **SECRETS),
    reject("pull-config-secret-empty", edit(BASE, ("/secrets", {"s": {"source": "x"}}), (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": ""}})), f"{C0}/image/pullConfig", **SECRETS),
    # linuxInfo: seccomp (1.8+) and ipcInfo (1.9+).
    accept("seccomp-unconfined", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"unconfined": True}}))),
    accept("seccomp-profile", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"profileName": "default.json"}}))),
    accept("seccomp-profile-confined", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"profileName": "p", "unconfined": False}}))),
    reject("seccomp-both-R67", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"profileName": "p", "unconfined": True}})), f"{C0}/linuxInfo"),
    reject("seccomp-neither-R68", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {}})), f"{C0}/linuxInfo"),
    reject("seccomp-confined-without-profile-R68", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"unconfined": False}})), f"{C0}/linuxInfo"),
    accept("linux-info-empty", edit(BASE, (f"{C0}/linuxInfo", {}))),
    accept("ipc-private-shm", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}}))),
    accept("ipc-share-parent", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "SHARE_PARENT"}}))),
    reject("ipc-share-parent-shm-R69", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}})), f"{C0}/linuxInfo/ipcInfo"),
    reject("ipc-mode-missing", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"shmSize": 64}})), f"{C0}/linuxInfo/ipcInfo/mode"),
    reject("ipc-mode-unknown", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "HOST"}})), f"{C0}/linuxInfo/ipcInfo/mode"),
    reject("ipc-shm-int32-overflow", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "PRIVATE", "shmSize": 2147483648}})), f"{C0}/linuxInfo/ipcInfo/shmSize"),
    # Pod-level linuxInfo (1.9+).
    accept("pod-ipc-private", edit(BASE, ("/linuxInfo", {"ipcInfo": {"mode": "PRIVATE", "shmSize": 128}}))),
    reject("pod-seccomp-R39", edit(BASE, ("/linuxInfo", {"seccomp": {"unconfined": True}})), "/linuxInfo/seccomp"),
    reject("pod-ipc-share-parent-shm-R40", edit(BASE, ("/linuxInfo", {"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 1}})), "/linuxInfo/ipcInfo"),
    # Artifacts.
    accept("artifact", edit(BASE, (f"{C0}/artifacts", [{"uri": "https://x/y.tgz", "extract": False, "executable": True, "cache": True, "destPath": "y"}]))),
    accept("artifact-uri-not-a-uri", edit(BASE, (f"{C0}/artifacts", [{"uri": "not a uri at all"}]))),
    accept("artifact-uri-1024", edit(BASE, (f"{C0}/artifacts", [{"uri": "a" * 1024}]))),
    reject("artifact-uri-1025-R66", edit(BASE, (f"{C0}/artifacts", [{"uri": "a" * 1025}])), f"{C0}/artifacts/0/uri"),
    reject("artifact-uri-empty-R66", edit(BASE, (f"{C0}/artifacts", [{"uri": ""}])), f"{C0}/artifacts/0/uri"),
    reject("artifact-uri-missing", edit(BASE, (f"{C0}/artifacts", [{"extract": True}])), f"{C0}/artifacts/0/uri"),
    reject("artifact-dest-empty-R66", edit(BASE, (f"{C0}/artifacts", [{"uri": "x", "destPath": ""}])), f"{C0}/artifacts/0/destPath"),
    reject("artifact-extract-string", edit(BASE, (f"{C0}/artifacts", [{"uri": "x", "extract": "no"}])), f"{C0}/artifacts/0/extract"),
    # Lifecycle.
    accept("kill-grace-zero", edit(BASE, (f"{C0}/lifecycle", {"killGracePeriodSeconds": 0}))),
    accept("kill-grace-fraction", edit(BASE, (f"{C0}/lifecycle", {"killGracePeriodSeconds": 1.5}))),
    reject("kill-grace-negative", edit(BASE, (f"{C0}/lifecycle", {"killGracePeriodSeconds": -1})), f"{C0}/lifecycle/killGracePeriodSeconds"),
    accept("tty", edit(BASE, (f"{C0}/tty", True))),
    # check (1.8+): parsed and dropped, but parse-time facets apply.
    accept("check-http", edit(BASE, (f"{C0}/check", {"http": {"endpoint": "web"}}))),
    reject("check-endpoint-not-a-name", edit(BASE, (f"{C0}/check", {"tcp": {"endpoint": "Web"}})), f"{C0}/check"),
    reject("check-interval-negative", edit(BASE, (f"{C0}/check", {"tcp": {"endpoint": "web"}, "intervalSeconds": -1})), f"{C0}/check"),
]
# fmt: on

# --- §3.8 endpoints and R32–R34, R46–R50 --------------------------------------------------------

EP = f"{C0}/endpoints"


def eps(base: dict[str, Any], *endpoints: dict[str, Any]) -> dict[str, Any]:
    return edit(base, (EP, list(endpoints)))


BRIDGE = edit(BASE, (NET, [{"mode": "container/bridge"}]))
CNET = edit(BASE, (NET, [{"name": "a"}]))
TWO_NETS = edit(BASE, (NET, [{"name": "a"}, {"name": "b"}]))
# fmt: off
ENDPOINTS = [
    accept("endpoint-name-63", eps(HOST, {"name": LONG_NAME_63, "hostPort": 0})),
    reject("endpoint-name-64", eps(HOST, {"name": LONG_NAME_64, "hostPort": 0}), f"{EP}/0/name"),
    reject("endpoint-name-underscore", eps(HOST, {"name": "a_b", "hostPort": 0}), f"{EP}/0/name"),
    reject("endpoint-name-missing", eps(HOST, {"hostPort": 0}), f"{EP}/0/name"),
    accept("host-endpoint-without-host-port", eps(HOST, {"name": "e"})),
    reject("host-endpoint-container-port-R47", eps(HOST, {"name": "e", "containerPort": 80}), f"{EP}/0/containerPort"),
    accept("container-endpoint", eps(CNET, {"name": "e", "containerPort": 80, "hostPort": 0})),
    reject("container-endpoint-without-container-port-R48", eps(CNET, {"name": "e", "hostPort": 0}), f"{EP}/0/containerPort"),
    accept("bridge-endpoint", eps(BRIDGE, {"name": "e", "containerPort": 80, "hostPort": 0})),
    # Bridge mode is neither host nor container mode for R47/R48: accepted (a warning at most).
    accept("bridge-endpoint-without-container-port", eps(BRIDGE, {"name": "e", "hostPort": 0})),
    accept("no-networks-endpoint-host-port-only", eps(BASE, {"name": "e", "hostPort": 0})),
    accept("no-networks-endpoint-container-port", eps(BASE, {"name": "e", "containerPort": 80})),
    reject("protocol-empty", eps(HOST, {"name": "e", "protocol": []}), f"{EP}/0/protocol"),
    reject("protocol-duplicate-R49", eps(HOST, {"name": "e", "protocol": ["tcp", "tcp"]}), f"{EP}/0/protocol"),
    accept("protocol-case-differs", eps(HOST, {"name": "e", "protocol": ["tcp", "TCP"]})),
    accept("protocol-tcp-udp", eps(HOST, {"name": "e", "protocol": ["tcp", "udp"]})),
    reject("endpoint-labels-not-strings", eps(HOST, {"name": "e", "labels": {"VIP_0": 1}}), f"{EP}/0/labels"),
    accept("network-names", eps(TWO_NETS, {"name": "e", "containerPort": 80, "networkNames": ["b"]})),
    reject("network-names-undeclared-R46", eps(TWO_NETS, {"name": "e", "containerPort": 80, "networkNames": ["c"]}), f"{EP}/0/networkNames/0"),
    reject("network-names-with-host-R46", eps(HOST, {"name": "e", "networkNames": ["a"]}), f"{EP}/0/networkNames/0"),
    reject("network-names-with-bridge-R46", eps(BRIDGE, {"name": "e", "containerPort": 80, "networkNames": ["a"]}), f"{EP}/0/networkNames/0"),
    # With a default network name the unnamed network is still unnamed when R46 runs.
    reject("network-names-default-name-not-declared-R46", eps(edit(BASE, (NET, [{}])), {"name": "e", "containerPort": 80, "networkNames": ["dcos"]}), f"{EP}/0/networkNames/0", default_network_name="dcos"),
    accept("network-names-empty-list", eps(TWO_NETS, {"name": "e", "containerPort": 80, "networkNames": []})),
    accept("network-names-unchecked-item-pattern", eps(edit(BASE, (NET, [{"name": "a_b"}])), {"name": "e", "containerPort": 80, "networkNames": ["a_b"]})),
    reject("host-port-two-networks-no-names-R50", eps(TWO_NETS, {"name": "e", "containerPort": 80, "hostPort": 8080}), f"{EP}/0"),
    reject("host-port-two-networks-two-names-R50", eps(TWO_NETS, {"name": "e", "containerPort": 80, "hostPort": 8080, "networkNames": ["a", "b"]}), f"{EP}/0"),
    accept("host-port-two-networks-one-name", eps(TWO_NETS, {"name": "e", "containerPort": 80, "hostPort": 8080, "networkNames": ["a"]})),
    accept("no-host-port-two-networks", eps(TWO_NETS, {"name": "e", "containerPort": 80})),
    accept("host-port-one-network", eps(CNET, {"name": "e", "containerPort": 80, "hostPort": 8080})),
    # R32–R34 across containers (Marathon reports them at "/").
    reject("endpoint-names-duplicate-R32", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "e"}]), ctr("b", endpoints=[{"name": "e"}])])), ANYWHERE),
    reject("endpoint-names-duplicate-same-container-R32", eps(HOST, {"name": "e"}, {"name": "e"}), ANYWHERE),
    reject("container-ports-duplicate-R33", edit(CNET, ("/containers", [ctr("a", endpoints=[{"name": "x", "containerPort": 80}]), ctr("b", endpoints=[{"name": "y", "containerPort": 80}])])), ANYWHERE),
    reject("host-ports-duplicate-R34", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "x", "hostPort": 80}]), ctr("b", endpoints=[{"name": "y", "hostPort": 80}])])), ANYWHERE),
    accept("host-ports-zero-repeated", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "x", "hostPort": 0}]), ctr("b", endpoints=[{"name": "y", "hostPort": 0}])]))),
    accept("container-port-equals-host-port-elsewhere", eps(CNET, {"name": "x", "containerPort": 80}, {"name": "y", "containerPort": 81, "hostPort": 80})),
]
# fmt: on

# --- §3.9 health checks, R54–R62 ----------------------------------------------------------------

HC = f"{C0}/healthCheck"
WEB = eps(HOST, {"name": "web", "hostPort": 0})


def hc(check: dict[str, Any], base: dict[str, Any] = WEB) -> dict[str, Any]:
    return edit(base, (HC, check))


# fmt: off
HEALTH_CHECKS = [
    accept("hc-http", hc({"http": {"endpoint": "web", "path": "/ping", "scheme": "HTTPS"}})),
    accept("hc-tcp", hc({"tcp": {"endpoint": "web"}})),
    accept("hc-all-numbers", hc({"tcp": {"endpoint": "web"}, "gracePeriodSeconds": 0, "intervalSeconds": 1, "timeoutSeconds": 0, "maxConsecutiveFailures": 0, "delaySeconds": 0})),
    reject("hc-none-R56", hc({}), HC),
    reject("hc-only-numbers-R56", hc({"intervalSeconds": 30}), HC),
    reject("hc-http-and-tcp-R56", hc({"http": {"endpoint": "web"}, "tcp": {"endpoint": "web"}}), HC),
    reject("hc-unknown-endpoint-R59", hc({"http": {"endpoint": "api"}}), f"{HC}/http/endpoint"),
    reject("hc-other-containers-endpoint-R59", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "web"}]), ctr("b", healthCheck={"tcp": {"endpoint": "web"}})])), "/containers/1/healthCheck/tcp/endpoint"),
    reject("hc-endpoint-not-a-name-R58", hc({"tcp": {"endpoint": "Web"}}), f"{HC}/tcp/endpoint"),
    reject("hc-endpoint-64-R57", hc({"tcp": {"endpoint": LONG_NAME_64}}), f"{HC}/tcp/endpoint"),
    reject("hc-endpoint-missing", hc({"http": {"path": "/"}}), f"{HC}/http/endpoint"),
    reject("hc-path-empty-R60", hc({"http": {"endpoint": "web", "path": ""}}), f"{HC}/http/path"),
    accept("hc-path-1024", hc({"http": {"endpoint": "web", "path": "/" + "a" * 1023}})),
    reject("hc-path-1025-R60", hc({"http": {"endpoint": "web", "path": "/" + "a" * 1024}}), f"{HC}/http/path"),
    reject("hc-scheme-unknown", hc({"http": {"endpoint": "web", "scheme": "FTP"}}), f"{HC}/http/scheme"),
    # R55: timeout must be below interval, after the defaults 20 / 60.
    # Marathon reports at timeoutSeconds even when the timeout is the default.
    reject("hc-interval-equals-default-timeout-R55", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 20}), f"{HC}/timeoutSeconds"),
    accept("hc-interval-above-default-timeout", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 21})),
    reject("hc-timeout-equals-default-interval-R55", hc({"tcp": {"endpoint": "web"}, "timeoutSeconds": 60}), f"{HC}/timeoutSeconds"),
    reject("hc-timeout-above-interval-R55", hc({"tcp": {"endpoint": "web"}, "timeoutSeconds": 10, "intervalSeconds": 5}), f"{HC}/timeoutSeconds"),
    reject("hc-zero-zero-R55", hc({"tcp": {"endpoint": "web"}, "timeoutSeconds": 0, "intervalSeconds": 0}), f"{HC}/timeoutSeconds"),
    reject("hc-grace-negative-R54", hc({"tcp": {"endpoint": "web"}, "gracePeriodSeconds": -1}), f"{HC}/gracePeriodSeconds"),
    reject("hc-failures-negative-R54", hc({"tcp": {"endpoint": "web"}, "maxConsecutiveFailures": -1}), f"{HC}/maxConsecutiveFailures"),
    reject("hc-delay-negative-R54", hc({"tcp": {"endpoint": "web"}, "delaySeconds": -1}), f"{HC}/delaySeconds"),
    accept("hc-grace-int32-max", hc({"tcp": {"endpoint": "web"}, "gracePeriodSeconds": 2147483647})),
    reject("hc-grace-int32-overflow", hc({"tcp": {"endpoint": "web"}, "gracePeriodSeconds": 2147483648}), f"{HC}/gracePeriodSeconds"),
    reject("hc-interval-fraction", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 30.5}), f"{HC}/intervalSeconds"),
    accept("hc-interval-integral-float", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": 30.0})),
    # R61: a running Marathon is connected to a live master; unset = recent enough.
    accept("hc-exec", hc({"exec": {"command": {"shell": "true"}}})),
    accept("hc-exec-argv", hc({"exec": {"command": {"argv": ["true"]}}})),
    accept("hc-exec-mesos-1.3.0", hc({"exec": {"command": {"shell": "true"}}}), mesos_master_version="1.3.0"),
    reject("hc-exec-old-mesos-R61", hc({"exec": {"command": {"shell": "true"}}}), f"{HC}/exec", mesos_master_version="1.2.9"),
    reject("hc-exec-shell-empty-R62", hc({"exec": {"command": {"shell": ""}}}), f"{HC}/exec"),
    reject("hc-exec-argv-empty-R62", hc({"exec": {"command": {"argv": []}}}), f"{HC}/exec"),
    reject("hc-exec-without-command", hc({"exec": {}}), f"{HC}/exec/command"),
]
# fmt: on

# --- §7 placement constraints (R30) -------------------------------------------------------------

CONSTRAINTS = "/scheduling/placement/constraints"


def con(
    operator: str, value: Any = DELETE, field: str = "hostname", base: dict[str, Any] = BASE
) -> dict[str, Any]:
    constraint: dict[str, Any] = {"fieldName": field, "operator": operator}
    if value is not DELETE:
        constraint["value"] = value
    return edit(base, (CONSTRAINTS, [constraint]))


# fmt: off
PLACEMENT = [
    accept("unique", con("UNIQUE")),
    reject("unique-with-value", con("UNIQUE", "x"), CONSTRAINTS),
    accept("cluster-without-value", con("CLUSTER")),
    accept("cluster-with-value", con("CLUSTER", "rack-1")),
    accept("cluster-empty-value", con("CLUSTER", "")),
    accept("group-by-without-value", con("GROUP_BY")),
    accept("group-by-integer", con("GROUP_BY", "3")),
    accept("group-by-negative", con("GROUP_BY", "-1")),
    accept("group-by-int32-max", con("GROUP_BY", "2147483647")),
    reject("group-by-int32-overflow", con("GROUP_BY", "2147483648"), CONSTRAINTS),
    reject("group-by-not-integer", con("GROUP_BY", "two"), CONSTRAINTS),
    reject("group-by-decimal", con("GROUP_BY", "1.0"), CONSTRAINTS),
    reject("group-by-empty", con("GROUP_BY", ""), CONSTRAINTS),
    accept("max-per-zero", con("MAX_PER", "0")),
    accept("max-per-negative", con("MAX_PER", "-5")),
    accept("max-per-integer", con("MAX_PER", "2")),
    reject("max-per-without-value", con("MAX_PER"), CONSTRAINTS),
    reject("max-per-not-integer", con("MAX_PER", "x"), CONSTRAINTS),
    reject("max-per-int32-overflow", con("MAX_PER", "2147483648"), CONSTRAINTS),
    accept("like-regex", con("LIKE", "rack-[1-3]")),
    accept("like-empty-regex", con("LIKE", "")),
    accept("unlike-regex", con("UNLIKE", "^bad.*")),
    reject("like-without-value", con("LIKE"), CONSTRAINTS),
    reject("unlike-without-value", con("UNLIKE"), CONSTRAINTS),
    reject("like-bad-regex", con("LIKE", "["), CONSTRAINTS),
    reject("unlike-bad-regex", con("UNLIKE", "(a"), CONSTRAINTS),
    accept("is-text", con("IS", "ssd")),
    accept("is-float", con("IS", "1.5")),
    accept("is-path-chars", con("IS", "a/b_c-d.e")),
    accept("is-without-value", con("IS")),
    reject("is-range", con("IS", "[1-10]"), CONSTRAINTS),
    reject("is-set", con("IS", "{a,b}"), CONSTRAINTS),
    reject("is-space", con("IS", "a b"), CONSTRAINTS),
    accept("operator-lower-case", con("like", "x")),
    accept("operator-mixed-case", con("Group_By", "2")),
    reject("operator-in", con("IN", "a"), CONSTRAINTS),
    reject("operator-unknown", con("EQUALS", "a"), CONSTRAINTS),
    reject("operator-missing", edit(BASE, (CONSTRAINTS, [{"fieldName": "hostname"}])), f"{CONSTRAINTS}/0/operator"),
    reject("field-name-empty", con("UNIQUE", field=""), CONSTRAINTS),
    reject("field-name-missing", edit(BASE, (CONSTRAINTS, [{"operator": "UNIQUE"}])), f"{CONSTRAINTS}/0/fieldName"),
    accept("field-name-attribute", con("CLUSTER", "us-east-1a", field="@zone")),
    reject("constraint-array-form", edit(BASE, (CONSTRAINTS, [["hostname", "UNIQUE"]])), CONSTRAINTS),
    reject("constraint-value-number", con("MAX_PER", 2), CONSTRAINTS),
    accept("constraints-empty", edit(BASE, (CONSTRAINTS, []))),
]
# fmt: on

# --- roles (F14, F31, R29, R37, R38, R71–R74) ---------------------------------------------------

ROLES = "/scheduling/placement/acceptedResourceRoles"


def roles(*names: str, base: dict[str, Any] = BASE) -> dict[str, Any]:
    return edit(base, (ROLES, list(names)))


# fmt: off
ROLE_CASES = [
    accept("accepted-star", roles("*")),
    accept("accepted-empty", roles()),
    reject("accepted-empty-name-R29", roles(""), ROLES),
    reject("accepted-leading-hyphen-R29", roles("-a"), ROLES),
    reject("accepted-space-R29", roles("a b"), ROLES),
    reject("accepted-slash-R29", roles("a/b"), ROLES),
    reject("accepted-dot-R29", roles("."), ROLES),
    reject("accepted-dotdot-R29", roles(".."), ROLES),
    reject("accepted-tab-R29", roles("a\tb"), ROLES),
    reject("accepted-del-R29", roles("a\x7fb"), ROLES),
    accept("accepted-inner-hyphen-dot", roles("*", "a-b.c"), mesos_role="a-b.c"),
    # R74 (1.9+): only * and the pod's role; sanitised away by default on 1.9 only.
    reject("accepted-other-role-R74", roles("slave_public"), ROLES),
    accept("accepted-other-role-sanitised-1.9", roles("slave_public"), marathon_version="1.9"),
    reject("accepted-other-role-sanitising-off-1.9", roles("slave_public"), ROLES, marathon_version="1.9", sanitize_accepted_resource_roles=False),
    accept("accepted-other-role-sanitising-on-1.10", roles("slave_public"), sanitize_accepted_resource_roles=True),
    accept("accepted-other-role-1.8", roles("slave_public"), marathon_version="1.8"),
    accept("accepted-pod-role", roles("*", "slave_public"), mesos_role="slave_public"),
    accept("accepted-pod-role-explicit", edit(roles("*", "dev", base=edit(BASE, ("/id", "/dev/p"))), ("/role", "dev"))),
    # Role-name rules still apply before sanitising.
    reject("accepted-empty-name-1.9-sanitised", roles(""), ROLES, marathon_version="1.9"),
    # role (1.9+).
    accept("role-star", edit(BASE, ("/role", "*"))),
    reject("role-other-at-root-R71", edit(BASE, ("/role", "dev")), "/role"),
    reject("role-empty", edit(BASE, ("/role", "")), "/role"),
    accept("role-top-level-group", edit(BASE, ("/id", "/dev/p"), ("/role", "dev"))),
    accept("role-mesos-role-in-group", edit(BASE, ("/id", "/dev/p"), ("/role", "*"))),
    reject("role-other-group-R71", edit(BASE, ("/id", "/dev/p"), ("/role", "prod")), "/role"),
    accept("role-mesos-role-flag", edit(BASE, ("/role", "ops")), mesos_role="ops"),
    reject("role-star-with-mesos-role-R71", edit(BASE, ("/role", "*")), "/role", mesos_role="ops"),
    accept("role-enforced-group-default", edit(BASE, ("/id", "/dev/p")), new_group_enforce_role="top"),
    reject("role-enforced-group-star-R71", edit(BASE, ("/id", "/dev/p"), ("/role", "*")), "/role", new_group_enforce_role="top"),
    accept("role-enforced-group-own", edit(BASE, ("/id", "/dev/p"), ("/role", "dev")), new_group_enforce_role="top"),
    reject("role-enforce-role-groups-star-R71", edit(BASE, ("/id", "/dev/p"), ("/role", "*")), "/role", enforce_role_groups=["dev"]),
    # The top-level-group role is only for pods inside a group: a root pod named like a group is not.
    reject("role-root-pod-own-name-R71", edit(BASE, ("/id", "/dev"), ("/role", "dev")), "/role"),
    accept("role-ignored-1.8", edit(BASE, ("/role", "dev")), marathon_version="1.8"),
    # With enforcement, accepted roles must be * or the group role.
    reject("accepted-enforced-group-star-role-R74", roles("*", "other", base=edit(BASE, ("/id", "/dev/p"))), ROLES, new_group_enforce_role="top"),
]
# fmt: on

# --- resident pods (persistent volumes, 1.6+): R35–R37, R72 -------------------------------------

OPS = {"mesos_role": "ops"}
# fmt: off
RESIDENT_CASES = [
    accept("resident-1.8", RESIDENT, marathon_version="1.8"),
    accept("resident-1.6", RESIDENT, marathon_version="1.6"),
    reject("resident-star-role-R72", RESIDENT, "/role"),
    reject("resident-star-role-1.9-R72", RESIDENT, "/role", marathon_version="1.9"),
    accept("resident-mesos-role", RESIDENT, **OPS),
    accept("resident-group-role", edit(RESIDENT, ("/id", "/dev/p"), ("/role", "dev"))),
    reject("resident-explicit-star-role-R72", edit(RESIDENT, ("/id", "/dev/p"), ("/role", "*")), "/role"),
    accept("resident-persistent-options", edit(RESIDENT, ("/volumes/0/persistent", {"size": 10, "type": "mount", "maxSize": 100, "profileName": "fast", "constraints": [["path", "LIKE", "/mnt/.*"]]})), **OPS),
    accept("resident-persistent-type-case", edit(RESIDENT, ("/volumes/0/persistent", {"size": 10, "type": "PATH"})), **OPS),
    accept("resident-size-zero", edit(RESIDENT, ("/volumes/0/persistent/size", 0)), **OPS),
    accept("resident-size-int64", edit(RESIDENT, ("/volumes/0/persistent/size", 4294967296)), **OPS),
    accept("resident-upgrade-omitted-defaults", RESIDENT, **OPS),
    accept("resident-upgrade-zero-over", edit(RESIDENT, ("/scheduling/upgrade", {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0})), **OPS),
    reject("resident-upgrade-over-R35", edit(RESIDENT, ("/scheduling/upgrade", {"maximumOverCapacity": 0.5})), ANYWHERE, **OPS),
    # An upgrade object without maximumOverCapacity takes the RAML default 1: the resident
    # defaults (0.5 / 0) only replace an omitted `upgrade`.
    reject("resident-upgrade-given-without-over-R35", edit(RESIDENT, ("/scheduling/upgrade", {"minimumHealthCapacity": 0.5})), ANYWHERE, **OPS),
    accept("resident-unreachable-disabled", edit(RESIDENT, ("/scheduling/unreachableStrategy", "disabled")), **OPS),
    # Any string reads as "disabled" (union member), so R36 sees a disabled strategy.
    accept("resident-unreachable-any-string", edit(RESIDENT, ("/scheduling/unreachableStrategy", "off")), **OPS),
    reject("resident-unreachable-object-R36", edit(RESIDENT, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 0, "expungeAfterSeconds": 0})), ANYWHERE, **OPS),
    reject("resident-unreachable-empty-object-R36", edit(RESIDENT, ("/scheduling/unreachableStrategy", {})), ANYWHERE, **OPS),
    accept("resident-accepted-star", roles("*", base=RESIDENT), **OPS),
    accept("resident-accepted-empty", roles(base=RESIDENT), **OPS),
    reject("resident-accepted-role-R37", roles("ops", base=RESIDENT), ROLES, **OPS),
    reject("resident-accepted-star-and-role-R37", roles("*", "ops", base=RESIDENT), ROLES, **OPS),
    reject("resident-accepted-other-1.8-R37", roles("slave_public", base=RESIDENT), ROLES, marathon_version="1.8"),
    reject("resident-accepted-bad-name-R38", roles("-x", base=RESIDENT), ROLES, marathon_version="1.8"),
    reject("resident-volume-constraint-not-path-like-R88", edit(RESIDENT, ("/volumes/0/persistent/constraints", [["path", "UNLIKE", "x"]])), "/volumes/0", **OPS),
    # Malformed persistent parts make an ephemeral volume: not resident, no resident rules.
    accept("not-resident-malformed", edit(RESIDENT, ("/volumes/0/persistent", {"size": -1}), ("/scheduling/upgrade", {"maximumOverCapacity": 1}))),
    accept("resident-unmounted-persistent-1.8", edit(RESIDENT, ("/containers/0/volumeMounts/0/readOnly", True)), marathon_version="1.8"),
]
# fmt: on

# --- version differences (§4.6, §9) -------------------------------------------------------------

V14 = {"marathon_version": "1.4"}
V15 = {"marathon_version": "1.5"}
# fmt: off
VERSIONS = [
    # 1.4: networks must be one host network or 1-n container networks (P4).
    accept("1.4-host", HOST, **V14),
    reject("1.4-networks-omitted-P4", BASE, ANYWHERE, **V14),
    reject("1.4-networks-empty-P4", edit(BASE, (NET, [])), ANYWHERE, **V14),
    reject("1.4-bridge", edit(BASE, (NET, [{"mode": "container/bridge"}])), NET, **V14),
    accept("1.4-named-container", edit(BASE, (NET, [{"name": "a"}])), **V14),
    reject("1.4-unnamed-container-P10", edit(BASE, (NET, [{"mode": "container"}])), NET, **V14),
    accept("1.4-unnamed-container-default-name", edit(BASE, (NET, [{"mode": "container"}])), default_network_name="dcos", **V14),
    reject("1.4-network-name-underscore-P3", edit(BASE, (NET, [{"name": "a_b"}])), NET, **V14),
    reject("1.4-host-and-container-P4", edit(BASE, (NET, [{"mode": "host"}, {"name": "a"}])), NET, **V14),
    # 1.4: upper-case env names only, < 255 characters (P2).
    reject("1.4-env-lower-case-P2", edit(HOST, ("/environment", {"lower": "x"})), "/environment", **V14),
    reject("1.4-container-env-lower-case-P2", edit(HOST, (f"{C0}/environment", {"lower": "x"})), f"{C0}/environment", **V14),
    accept("1.4-env-upper-case", edit(HOST, ("/environment", {"UPPER_1": "x"})), **V14),
    accept("1.4-env-254", edit(HOST, ("/environment", {"A" * 254: "x"})), **V14),
    reject("1.4-env-255-P2", edit(HOST, ("/environment", {"A" * 255: "x"})), "/environment", **V14),
    # 1.4: exec health checks always rejected (P9), whatever the master.
    reject("1.4-exec-health-check-P9", hc({"exec": {"command": {"shell": "true"}}}), f"{HC}/exec", **V14),
    reject("1.4-exec-health-check-new-mesos-P9", hc({"exec": {"command": {"shell": "true"}}}), f"{HC}/exec", mesos_master_version="1.9.0", **V14),
    accept("1.5-exec-health-check", hc({"exec": {"command": {"shell": "true"}}}), **V15),
    reject("1.5-exec-health-check-old-mesos", hc({"exec": {"command": {"shell": "true"}}}), f"{HC}/exec", mesos_master_version="1.0.1", **V15),
    # 1.4: host-mode endpoints need a hostPort (P6).
    reject("1.4-host-endpoint-without-host-port-P6", eps(HOST, {"name": "e"}), f"{EP}/0", **V14),
    accept("1.4-host-endpoint-host-port", eps(HOST, {"name": "e", "hostPort": 0}), **V14),
    reject("1.4-host-port-65536-P5", eps(HOST, {"name": "e", "hostPort": 65536}), f"{EP}/0", **V14),
    reject("1.4-endpoint-name-pattern-P5", eps(HOST, {"name": "E", "hostPort": 0}), f"{EP}/0", **V14),
    # 1.4: container names checked by hand from 1.4.3 only (P1).
    reject("1.4.3-container-name-P1", edit(HOST, (f"{C0}/name", "Web")), f"{C0}/name", marathon_version="1.4.3"),
    accept("1.4.2-container-name-unchecked", edit(HOST, (f"{C0}/name", "Web")), marathon_version="1.4.2"),
    # 1.4: image.id 1-1024 (P7); host volume path non-empty (P8).
    reject("1.4-image-id-empty-P7", edit(HOST, (f"{C0}/image", {"kind": "DOCKER", "id": ""})), f"{C0}/image", **V14),
    accept("1.4-image-appc", edit(HOST, (f"{C0}/image", {"kind": "APPC", "id": "x"})), **V14),
    reject("1.4-host-volume-empty-P8", vol({"name": "v", "host": ""}, base=HOST), "/volumes/0", **V14),
    reject("1.4-volume-name-P8", vol({"name": "V"}, base=HOST), "/volumes/0", **V14),
    # 1.4: no facet enforcement; only hand-written checks (P13).
    accept("1.4-zero-cpus-P13", edit(HOST, (f"{C0}/resources", {"cpus": 0, "mem": 0})), **V14),
    reject("1.4-negative-cpus-R42", edit(HOST, (f"{C0}/resources/cpus", -1)), f"{C0}/resources/cpus", **V14),
    accept("1.4-executor-below-minimums-P13", edit(HOST, ("/executorResources", {"cpus": 0.01, "mem": 1, "disk": 0})), **V14),
    accept("1.4-kill-grace-negative-unchecked", edit(HOST, (f"{C0}/lifecycle", {"killGracePeriodSeconds": -1})), **V14),
    accept("1.4-protocol-empty-unchecked", eps(HOST, {"name": "e", "hostPort": 0, "protocol": []}), **V14),
    accept("1.4-unreachable-negative-unchecked", edit(HOST, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": -1})), **V14),
    accept("1.4-exec-command-shell-empty-unchecked", edit(HOST, (f"{C0}/exec", {"command": {"shell": ""}})), **V14),
    accept("1.4-id-pattern-segment-ok", edit(HOST, ("/id", "/a/b")), **V14),
    reject("1.4-id-upper-R1", edit(HOST, ("/id", "/A")), "/id", **V14),
    reject("1.4-instances-negative-R31", edit(HOST, ("/scaling", {"kind": "fixed", "instances": -1})), "/scaling/instances", **V14),
    reject("1.4-backoff-negative-R24", edit(HOST, ("/scheduling/backoff", {"backoff": -1})), "/scheduling/backoff/backoff", **V14),
    reject("1.4-hc-path-empty-R60", hc({"http": {"endpoint": "web", "path": ""}}), f"{HC}/http", **V14),
    reject("1.4-artifact-uri-empty-R66", edit(HOST, (f"{C0}/artifacts", [{"uri": ""}])), f"{C0}/artifacts/0", **V14),
    reject("1.4-instances-fraction", edit(HOST, ("/scaling", {"kind": "fixed", "instances": 1.5})), "/scaling/instances", **V14),
    accept("1.4-tty-unknown-field", edit(HOST, (f"{C0}/tty", "yes")), **V14),
    reject("1.4-secrets-without-feature-R16", edit(HOST, ("/secrets", {"s": {"source": "x"}})), "/secrets", **V14),
    reject("1.4-env-secret-without-feature-R7", edit(HOST, ("/environment", {"A": {"secret": "s"}})), "/environment", **V14),
    # Fields that do not exist yet are unknown keys, ignored.
    accept("1.4-pull-config-unknown", edit(HOST, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "s"}})), **V14),
    accept("1.4-secret-volume-is-ephemeral", vol({"name": "v", "secret": "s"}, base=HOST), **V14),
    accept("1.4-network-names-unknown", eps(edit(BASE, (NET, [{"name": "a"}])), {"name": "e", "containerPort": 80, "networkNames": ["zzz"]}), **V14),
    accept("1.5-persistent-is-ephemeral", RESIDENT, **V15),
    accept("1.5-persistent-upgrade-over", edit(RESIDENT, ("/scheduling/upgrade", {"maximumOverCapacity": 1})), **V15),
    accept("1.5-role-unknown", edit(BASE, ("/role", "dev")), **V15),
    accept("1.7-seccomp-unknown", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {}})), marathon_version="1.7"),
    reject("1.8-seccomp-R68", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {}})), f"{C0}/linuxInfo", marathon_version="1.8"),
    accept("1.8-ipc-unknown", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}})), marathon_version="1.8"),
    accept("1.8-pod-linux-info-unknown", edit(BASE, ("/linuxInfo", {"seccomp": {"unconfined": True}})), marathon_version="1.8"),
    accept("1.7-check-unknown", edit(BASE, (f"{C0}/check", {"tcp": {"endpoint": "Bad"}})), marathon_version="1.7"),
    accept("1.9-resource-limits-unknown", edit(BASE, (f"{C0}/resourceLimits", {"cpus": "lots"})), marathon_version="1.9"),
    accept("1.9-legacy-cgroups-unknown", edit(BASE, ("/legacySharedCgroups", "yes")), marathon_version="1.9"),
    accept("1.4-linux-info-unknown", edit(HOST, (f"{C0}/linuxInfo", {"seccomp": {}})), **V14),
    # APPC until 1.8; pullConfig is Docker-only (R70, 1.5–1.8).
    accept("1.8-appc", edit(BASE, (f"{C0}/image", {"kind": "APPC", "id": "x"})), marathon_version="1.8"),
    reject("1.9-appc", edit(BASE, (f"{C0}/image", {"kind": "APPC", "id": "x"})), f"{C0}/image/kind", marathon_version="1.9"),
    reject("1.8-appc-pull-config-R70", edit(BASE, ("/secrets", {"s": {"source": "x"}}), (f"{C0}/image", {"kind": "appc", "id": "x", "pullConfig": {"secret": "s"}})), f"{C0}/image/pullConfig", marathon_version="1.8", **SECRETS),
    # IS from 1.6.
    reject("1.5-is-operator", con("IS", "ssd"), CONSTRAINTS, **V15),
    accept("1.6-is-operator", con("IS", "ssd"), marathon_version="1.6"),
    # CLUSTER needed a value in 1.4.0–1.4.7 (P11).
    reject("1.4.7-cluster-without-value", con("CLUSTER", base=HOST), CONSTRAINTS, marathon_version="1.4.7"),
    accept("1.4.8-cluster-without-value", con("CLUSTER", base=HOST), marathon_version="1.4.8"),
    reject("1.4-unique-with-value-P11", con("UNIQUE", "x", base=HOST), CONSTRAINTS, **V14),
    reject("1.4-like-without-value-P11", con("LIKE", base=HOST), CONSTRAINTS, **V14),
    # unreachableStrategy strings from 1.4.2.
    accept("1.4.2-unreachable-disabled", edit(HOST, ("/scheduling/unreachableStrategy", "disabled")), marathon_version="1.4.2"),
    reject("1.4.1-unreachable-string", edit(HOST, ("/scheduling/unreachableStrategy", "disabled")), "/scheduling/unreachableStrategy", marathon_version="1.4.1"),
    # 1.5 facets apply: executor minimums, resource minimums, endpoint name length.
    reject("1.5-executor-cpus-below", edit(BASE, ("/executorResources", {"cpus": 0.01})), "/executorResources/cpus", **V15),
    reject("1.5-zero-cpus", edit(BASE, (f"{C0}/resources/cpus", 0)), f"{C0}/resources/cpus", **V15),
    accept("1.5-bridge", edit(BASE, (NET, [{"mode": "container/bridge"}])), **V15),
    accept("1.5-env-lower-case", edit(BASE, ("/environment", {"lower": "x"})), **V15),
    accept("1.5-network-name-underscore", edit(BASE, (NET, [{"name": "a_b"}])), **V15),
    accept("1.5-networks-empty", BASE, **V15),
    reject("1.5-unnamed-container-R23", edit(BASE, (NET, [{}])), NET, **V15),
    # Roles before 1.9: no R71/R74; resident R37 from 1.6.
    accept("1.6-accepted-other-role", roles("slave_public"), marathon_version="1.6"),
    accept("1.5-resident-accepted-other", roles("slave_public", base=RESIDENT), **V15),
    # seccomp 1.8+: R67 reported at /linuxInfo in 1.8.
    reject("1.8-seccomp-both-R67", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"profileName": "p", "unconfined": True}})), f"{C0}/linuxInfo", marathon_version="1.8"),
    # check is parsed from 1.8.
    reject("1.8-check-bad-endpoint", edit(BASE, (f"{C0}/check", {"tcp": {"endpoint": "Bad"}})), f"{C0}/check", marathon_version="1.8"),
    # Secret volumes and pullConfig from 1.5.
    reject("1.5-pull-config-without-feature-R51", edit(BASE, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "pullConfig": {"secret": "s"}})), f"{C0}/image/pullConfig", **V15),
    reject("1.5-secret-volume-without-feature-R10", vol({"name": "v", "secret": "s"}), ANYWHERE, **V15),
]
# fmt: on

# --- more union, null and corner cases ----------------------------------------------------------

# fmt: off
CORNERS = [
    # MesosCommand: a failed shell alternative falls through to argv (unknown `shell` ignored there).
    accept("command-empty-shell-with-argv", edit(BASE, (f"{C0}/exec", {"command": {"shell": "", "argv": ["run"]}}))),
    accept("hc-exec-empty-shell-with-argv", hc({"exec": {"command": {"shell": "", "argv": ["true"]}}})),
    # Volume union order 1.10: persistent, secret, host, ephemeral.
    accept("volume-secret-and-host-is-secret", edit(vol({"name": "v", "secret": "s", "host": "/x"}), ("/secrets", {"s": {"source": "x"}})), **SECRETS),
    reject("volume-secret-and-host-without-feature", vol({"name": "v", "secret": "s", "host": "/x"}), ANYWHERE),
    accept("1.4-volume-secret-and-host-is-host", vol({"name": "v", "secret": "s", "host": "/x"}, base=HOST), **V14),
    reject("persistent-volume-name-not-a-name", edit(RESIDENT, ("/volumes/0/name", "Data"), (f"{C0}/volumeMounts/0/name", "Data")), f"{C0}/volumeMounts/0/name", **OPS),
    reject("volume-empty-object", edit(BASE, ("/volumes", [{}])), "/volumes/0/name"),
    # Map values are not optional fields: null is a wrong type there.
    reject("env-value-null", edit(BASE, ("/environment", {"A": None})), "/environment"),
    reject("label-value-null", edit(BASE, ("/labels", {"a": None})), "/labels"),
    reject("containers-item-null", edit(BASE, ("/containers", [None])), "/containers/0"),
    reject("networks-item-null", edit(BASE, (NET, [None])), "/networks/0"),
    reject("accepted-roles-item-null", edit(BASE, (ROLES, [None])), ROLES),
    accept("accepted-roles-null", edit(BASE, (ROLES, None))),
    accept("protocol-null", eps(HOST, {"name": "e", "protocol": None})),
    accept("network-names-null", eps(CNET, {"name": "e", "containerPort": 80, "networkNames": None})),
    accept("unique-value-null", con("UNIQUE", None)),
    reject("max-per-value-null", con("MAX_PER", None), CONSTRAINTS),
    reject("secret-source-null", edit(BASE, ("/secrets", {"s": {"source": None}})), "/secrets/s", **SECRETS),
    accept("env-secret-extra-keys", edit(BASE, ("/secrets", {"s": {"source": "x"}}), ("/environment", {"A": {"secret": "s", "x": 1}})), **SECRETS),
    accept("unreachable-extra-keys", edit(BASE, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 1, "other": "x"}))),
    reject("instances-bool", edit(BASE, ("/scaling", {"kind": "fixed", "instances": True})), "/scaling/instances"),
    reject("kill-grace-string", edit(BASE, (f"{C0}/lifecycle", {"killGracePeriodSeconds": "5"})), f"{C0}/lifecycle/killGracePeriodSeconds"),
    accept("id-trailing-slash", edit(BASE, ("/id", "/a/"))),
    accept("id-repeated-slashes", edit(BASE, ("/id", "/a//b"))),
    accept("id-digit-first", edit(BASE, ("/id", "/1a/2"))),
    reject("id-label-hyphen-after-dot", edit(BASE, ("/id", "/a.-b")), "/id"),
    # "Parses as a 32-bit integer" is Java's Integer.parseInt, which takes a leading sign.
    accept("group-by-plus-sign", con("GROUP_BY", "+1")),
    reject("max-per-space", con("MAX_PER", " 1"), CONSTRAINTS),
    reject("like-dangling-star", con("LIKE", "*"), CONSTRAINTS),
    # Java regex syntax Python lacks must not be taken for an invalid pattern.
    accept("like-java-only-syntax", con("LIKE", "\\p{Alpha}+")),
    accept("like-named-group-java", con("LIKE", "(?<rack>r[0-9])")),
    # R19: labels that are present but empty are no labels.
    accept("host-network-empty-labels", edit(BASE, (NET, [{"mode": "host", "labels": {}}]))),
    accept("container-network-default-name-labels", edit(BASE, (NET, [{"labels": {"a": "b"}}])), default_network_name="dcos"),
    reject("bridge-container-ports-duplicate-R33", edit(BRIDGE, ("/containers", [ctr("a", endpoints=[{"name": "x", "containerPort": 80}]), ctr("b", endpoints=[{"name": "y", "containerPort": 80}])])), ANYWHERE),
    reject("1.4-host-ports-duplicate-P12", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "x", "hostPort": 80}]), ctr("b", endpoints=[{"name": "y", "hostPort": 80}])])), ANYWHERE, **V14),
    # R50 asks whether hostPort was given (validation runs before hostPort defaults are filled).
    reject("host-port-zero-two-networks-R50", eps(TWO_NETS, {"name": "e", "containerPort": 80, "hostPort": 0}), f"{EP}/0"),
    reject("hc-exec-and-http-R56", hc({"exec": {"command": {"shell": "x"}}, "http": {"endpoint": "web"}}), HC),
    accept("hc-endpoint-without-host-port", hc({"http": {"endpoint": "web"}}, base=eps(HOST, {"name": "web"}))),
    reject("resident-group-no-role-R72", edit(RESIDENT, ("/id", "/dev/p")), "/role"),
    accept("resident-enforced-group-default-role", edit(RESIDENT, ("/id", "/dev/p")), new_group_enforce_role="top"),
    reject("accepted-two-other-roles-R74", edit(roles("dev", "ops", base=edit(BASE, ("/id", "/dev/p"))), ("/role", "dev")), ROLES),
    # R37 runs before accepted roles are sanitised.
    reject("resident-accepted-role-sanitised-1.9-R37", roles("ops", base=RESIDENT), ROLES, marathon_version="1.9", **OPS),
    accept("1.6-resident-star-role-accepted", RESIDENT, marathon_version="1.6"),
    accept("resources-huge", edit(BASE, (f"{C0}/resources", {"cpus": 1e6, "mem": 1e9, "disk": 1e12}))),
    accept("executor-resources-empty", edit(BASE, ("/executorResources", {}))),
    accept("pod-linux-info-empty", edit(BASE, ("/linuxInfo", {}))),
    # legacySharedCgroups forbids a resourceLimits object, even an empty one (it is "set").
    reject("limits-empty-with-legacy-cgroups-R45", edit(BASE, ("/legacySharedCgroups", True), (f"{C0}/resourceLimits", {})), f"{C0}/resourceLimits"),
    accept("limits-with-legacy-cgroups-false", edit(BASE, ("/legacySharedCgroups", False), (f"{C0}/resourceLimits", {"cpus": 1}))),
    accept("limits-null", edit(BASE, (f"{C0}/resourceLimits", {"cpus": None, "mem": None}))),
    accept("unnamed-network-null-name-default", edit(BASE, (NET, [{"mode": "container", "name": None}])), default_network_name="dcos"),
    reject("unnamed-network-null-name-R23", edit(BASE, (NET, [{"mode": "container", "name": None}])), NET),
    accept("host-network-null-labels", edit(BASE, (NET, [{"mode": "host", "labels": None, "name": None}]))),
    # R21 looks at the submitted networks, before the default name is filled in.
    accept("named-and-unnamed-same-as-default", edit(BASE, (NET, [{"name": "dcos"}, {}])), default_network_name="dcos"),
    reject("host-port-two-networks-one-unnamed-R50", eps(edit(BASE, (NET, [{}, {"name": "b"}])), {"name": "e", "containerPort": 80, "hostPort": 80}), f"{EP}/0", default_network_name="dcos"),
    reject("host-ports-duplicate-same-container-R34", eps(HOST, {"name": "a", "hostPort": 80}, {"name": "b", "hostPort": 80}), ANYWHERE),
    reject("protocol-item-null", eps(HOST, {"name": "e", "protocol": [None]}), f"{EP}/0/protocol"),
    reject("argv-item-number", edit(BASE, (f"{C0}/exec", {"command": {"argv": ["x", 1]}})), f"{C0}/exec/command"),
    accept("argv-empty-item", edit(BASE, (f"{C0}/exec", {"command": {"argv": [""]}}))),
    accept("hc-exec-argv-empty-item", hc({"exec": {"command": {"argv": [""]}}})),
    accept("instances-exponent", edit(BASE, ("/scaling", {"kind": "fixed", "instances": 1e2}))),
    accept("user-space", edit(BASE, ("/user", " "))),
    # check (1.8+) is only parsed: no endpoint, timeout or Mesos-version rules apply to it.
    accept("check-timeout-above-interval", edit(BASE, (f"{C0}/check", {"tcp": {"endpoint": "web"}, "timeoutSeconds": 90, "intervalSeconds": 10}))),
    accept("check-exec-old-mesos", edit(BASE, (f"{C0}/check", {"exec": {"command": {"shell": "true"}}})), mesos_master_version="1.0.0"),
    accept("1.4-image-labels-unknown", edit(HOST, (f"{C0}/image", {"kind": "DOCKER", "id": "x", "labels": {"a": 1}})), **V14),
    reject("1.4-host-endpoint-null-host-port-P6", eps(HOST, {"name": "e", "hostPort": None}), f"{EP}/0", **V14),
    reject("1.4-two-host-networks-P4", edit(BASE, (NET, [{"mode": "host"}, {"mode": "host"}])), NET, **V14),
    reject("1.4-group-by-not-integer-P11", con("GROUP_BY", "x", base=HOST), CONSTRAINTS, **V14),
    reject("1.4-max-per-without-value-P11", con("MAX_PER", base=HOST), CONSTRAINTS, **V14),
    accept("1.4-enum-case", edit(BASE, (NET, [{"mode": "HOST"}]), ("/scheduling/killSelection", "oldest_first")), **V14),
    reject("1.4.3-container-name-app-P1", edit(HOST, (f"{C0}/name", "_app")), f"{C0}/name", marathon_version="1.4.3"),
    reject("1.4-gpus-fraction", edit(HOST, (f"{C0}/resources/gpus", 1.5)), f"{C0}/resources/gpus", **V14),
    accept("1.6-is-lower-case", con("is", "ssd"), marathon_version="1.6"),
    accept("1.6-resident-upgrade-omitted", RESIDENT, marathon_version="1.6"),
    reject("1.6-resident-upgrade-over-R35", edit(RESIDENT, ("/scheduling/upgrade", {"maximumOverCapacity": 0.1})), ANYWHERE, marathon_version="1.6"),
    reject("1.7-resident-unreachable-R36", edit(RESIDENT, ("/scheduling/unreachableStrategy", {"inactiveAfterSeconds": 60})), ANYWHERE, marathon_version="1.7"),
    reject("resident-volume-constraint-two-items-R88", edit(RESIDENT, ("/volumes/0/persistent/constraints", [["path", "LIKE"]])), "/volumes/0", **OPS),
    accept("resident-max-size-below-size-unchecked", edit(RESIDENT, ("/volumes/0/persistent", {"size": 100, "type": "mount", "maxSize": 10})), **OPS),
    accept("root-pod-mesos-role-accepted", roles("ops"), mesos_role="ops"),
    accept("accepted-star-and-other-sanitised-1.9", roles("*", "slave_public"), marathon_version="1.9"),
    accept("mount-same-volume-twice", edit(vol({"name": "v"}), (f"{C0}/volumeMounts/-", {"name": "v", "mountPath": "other"}))),
    accept("ipc-share-parent-without-pod-linux-info", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "SHARE_PARENT"}}))),
    reject("limits-bool", edit(BASE, (f"{C0}/resourceLimits", {"cpus": True})), f"{C0}/resourceLimits/cpus"),
    reject("limits-object", edit(BASE, (f"{C0}/resourceLimits", {"mem": {}})), f"{C0}/resourceLimits/mem"),
    accept("persistent-size-integral-float", edit(RESIDENT, ("/volumes/0/persistent/size", 10.0)), **OPS),
    # A persistent part that does not parse falls back to an ephemeral volume.
    accept("persistent-size-string-is-ephemeral", edit(RESIDENT, ("/volumes/0/persistent/size", "10"))),
    accept("shm-size-integral-float", edit(BASE, (f"{C0}/linuxInfo", {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64.0}}))),
    reject("override-entrypoint-string", edit(BASE, (f"{C0}/exec", {"command": {"argv": ["x"]}, "overrideEntrypoint": "true"})), f"{C0}/exec/overrideEntrypoint"),
    reject("seccomp-unconfined-string", edit(BASE, (f"{C0}/linuxInfo", {"seccomp": {"unconfined": "true"}})), f"{C0}/linuxInfo/seccomp"),
    reject("hc-interval-string", hc({"tcp": {"endpoint": "web"}, "intervalSeconds": "30"}), f"{HC}/intervalSeconds"),
    reject("host-port-string", eps(HOST, {"name": "e", "hostPort": "80"}), f"{EP}/0/hostPort"),
    accept("1.8-role-empty-unknown", edit(BASE, ("/role", "")), marathon_version="1.8"),
    accept("1.5-endpoint-network-names-declared", eps(TWO_NETS, {"name": "e", "containerPort": 80, "networkNames": ["a"]}), **V15),
    # R43 compares the string with "unlimited" as written (the union reads any string first).
    reject("limits-unlimited-upper-case-R43", edit(BASE, (f"{C0}/resourceLimits", {"cpus": "UNLIMITED"})), f"{C0}/resourceLimits/cpus"),
    accept("1.4-host-ports-zero-repeated", edit(HOST, ("/containers", [ctr("a", endpoints=[{"name": "x", "hostPort": 0}]), ctr("b", endpoints=[{"name": "y", "hostPort": 0}])])), **V14),
    reject("1.4-container-port-0-P5", eps(edit(BASE, (NET, [{"name": "a"}])), {"name": "e", "containerPort": 0}), f"{EP}/0", **V14),
    accept("role-nested-pod-top-level-group", edit(BASE, ("/id", "/dev/sub/p"), ("/role", "dev"))),
    reject("role-nested-pod-inner-group-R71", edit(BASE, ("/id", "/dev/sub/p"), ("/role", "sub")), "/role"),
    accept("resident-enforce-role-groups-default-role", edit(RESIDENT, ("/id", "/dev/p")), enforce_role_groups=["dev"]),
    accept("role-enforced-root-pod-default", BASE, new_group_enforce_role="top"),
    accept("accepted-role-unicode-and-star-inside", roles("*", "r*le-é"), marathon_version="1.8"),
]
# fmt: on

ALL_CASES = (
    PARSE_TIME
    + VALUE_TYPES
    + POD_FIELDS
    + NETWORKS
    + VOLUMES
    + CONTAINERS
    + ENDPOINTS
    + HEALTH_CHECKS
    + PLACEMENT
    + ROLE_CASES
    + RESIDENT_CASES
    + VERSIONS
    + CORNERS
)


@functools.lru_cache(maxsize=1)
def _linter() -> Linter:
    return Linter(make_plugin_manager(third_party=False)[1])


def lint(pod: dict[str, Any], profile: dict[str, Any]) -> list[Diagnostic]:
    settings = Settings(profile=profile_from_mapping(profile))
    text = json.dumps(pod, indent=2).encode("utf-8")
    return _linter().lint_bytes(text, "pod.json", settings).diagnostics


def _at_or_below(pointer: str, prefix: str) -> bool:
    return prefix in ("", pointer) or pointer.startswith(prefix + "/")


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in ALL_CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_marathon_verdict(case: Case) -> None:
    diagnostics = lint(case.pod, dict(case.profile))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    shown = "\n".join(
        f"  {d.severity.value} {d.code} {d.name} {d.pointer}: {d.message}" for d in diagnostics
    )
    if case.expect == ACCEPT:
        assert not errors, f"Marathon accepts this pod, podlint reports errors:\n{shown}"
        return
    assert errors, f"Marathon rejects this pod, podlint reports no error:\n{shown}"
    assert case.pointer is not None
    assert any(_at_or_below(d.pointer, case.pointer) for d in errors), (
        f"Marathon reports at {case.pointer!r}; podlint's errors are elsewhere:\n{shown}"
    )


# --- the reference corpus: every error is a rejection SOURCES.md and the specification explain ----

# Files Marathon (1.10, no configuration) rejects, and why.
CORPUS_REJECTED = {
    "real/001-mesosphere-marathon-api-example-pod.json": "timeoutSeconds 20 >= intervalSeconds 2 (R55)",
    "real/003-mesosphere-marathon-container-net-pod.json": "unnamed container network (R23)",
    "real/005-mesosphere-marathon-persistent-volume-pod.json": "resident pod, role * (R72)",
    "real/007-mesosphere-marathon-private-docker-pod.json": "secrets feature off (R16, R51)",
    "real/009-mesosphere-marathon-test-pod.json": "container names healthApp1/2 (Name)",
    "real/010-mesosphere-marathon-api-example-pod-early.json": "pre-1.4 draft, invalid JSON",
    "real/015-mesosphere-marathon-fixture-pod-container-net.json": "unnamed container network (R23)",
    "real/018-mesosphere-marathon-system-test-json.json": "container names healthApp1/2 (Name)",
    "real/019-mesosphere-marathon-resident-docker-pod.json": "R23, resident role * (R72)",
    "real/029-dcos-dcos-cli-good-2016.json": "relative id (R4)",
    "real/030-dcos-dcos-cli-double-2016.json": "relative id (R4)",
    "real/036-dcos-dcos-ui-pod-with-multiple-containers.json": "container-1 twice (R15)",
    "real/040-mesosphere-backup-dcos-metrics-metrics.json": "resident pod, role * (R72)",
    "real/045-lightbend-fdp-sample-applications-killrweatherloader-docker-broken.json": "invalid JSON",
    "real/050-harryge00-istio-on-marathon-mesos-ingressgateway.json": "slave_public accepted (R74)",
    "real/061-jianhuabi-istio-mesos-handson-istio-ingress-gateway.json": "slave_public (R74)",
    "real/seed-01-executor-resources.json": "fragment, invalid JSON",
    "real/seed-02-secrets.json": "fragment",
    "real/seed-03-volumes-ephemeral.json": "fragment",
    "real/seed-04-volume-mounts.json": "fragment",
    "real/seed-05-volumes-host.json": "fragment",
    "real/seed-06-image-docker.json": "fragment",
    "real/seed-07-private-docker-pull-config.json": "secrets feature off (R16, R51)",
    "real/seed-14-endpoint.json": "unnamed container network (R23)",
    "real/seed-15-healthcheck.json": "unnamed container network (R23)",
    "docs/008-dcos-2.2-private-docker-registry-simple-pod.json": "secrets feature off (R16, R51)",
    "docs/009-dcos-2.2-use-secrets-developer-pod-secret.json": "secrets feature off (R7, R16)",
    "docs/010-dcos-2.2-use-secrets-developer-pod-with-secrets.json": "relative id, no resources",
    "docs/011-dcos-2.2-persistent-volume-persistent-volume-pod.json": "resident, role * (R72)",
    "docs/014-marathon-multirole-dev-bigbusiness-post.json": "resident pod, role * (R72)",
    "docs/017-marathon-native-docker-private-registry-pod.json": "secrets feature off (R16, R51)",
    "docs/018-marathon-resource-limits-dev-bigbusiness-limits.json": "elided with `...`",
    "docs/019-marathon-resource-limits-dev-bigbusiness-legacy-cgroups.json": "invalid JSON",
    "docs/020-marathon-secrets-pod-with-secrets-env.json": "no resources, secrets feature off",
    "docs/021-marathon-secrets-pod-with-secrets-volume.json": "no resources, secrets off (R10)",
    "docs/032-dcos-1.12-use-secrets-developer-pod-with-secrets.json": "relative id, no resources",
    "docs/033-marathon-multirole-dev-sleeper-post.json": "resident pod, role * (R72)",
    "docs/036-marathon-persistent-volumes-persistent-volume-pod.json": "resident, role * (R72)",
    "docs/039-marathon-pods-pod-with-multiple-containers-nulls.json": "object label value",
    "docs/041-marathon-pods-complete-pod-host-network.json": "R47, R55, R65, R12",
    "docs/042-marathon-pods-pod-with-multiple-containers-nulls-version.json": "object label",
    "docs/048-dcos-1.9-examples-pod-with-multiple-containers-youngestfirst.json": "YoungestFirst",
    "docs/049-dcos-1.9-examples-with-ephemeral-vol-youngestfirst.json": "YoungestFirst",
    "docs/050-dcos-1.9-examples-pod-with-virtual-network-youngestfirst.json": "YoungestFirst",
    "docs/051-dcos-1.9-examples-pod-with-endpoint-youngestfirst.json": "YoungestFirst",
    "docs/053-dcos-1.9-examples-complete-pod-net-dcos.json": "R55, R65, R12",
    "docs/054-dcos-1.9-examples-complete-pod-net-my-virtual-network-name.json": "R55, R65, R12",
    "docs/056-dcos-1.9-examples-pod-with-endpoint-unnamed-network.json": "unnamed network (R23)",
    "docs/057-dcos-1.9-quickstart-simplepod-host-network-name.json": "named host network (R19)",
    "docs/060-dcos-1.9-examples-complete-pod-string-protocol.json": "string protocol, port 0, …",
    "docs/061-dcos-1.9-quick-start-simplepod-broken-networks.json": "invalid JSON",
    "seed/01-executorResources.json": "fragment, invalid JSON",
    "seed/02-secrets.json": "fragment",
    "seed/03-volumes-ephemeral.json": "fragment",
    "seed/04-volumeMounts.json": "fragment",
    "seed/05-volumes-host.json": "fragment",
    "seed/06-image.json": "fragment",
    "seed/07-simple-pod.json": "secrets feature off (R16, R51)",
    "seed/09-pod-with-multiple-containers.json": "object label value",
    "seed/14-complete-pod.json": "R47, R55, R65, R12, trailing comma",
}

# Rejected files that Marathon accepts with the settings they were written for.
DCOS = {"default_network_name": "dcos"}
CORPUS_ACCEPTED_WITH_PROFILE: dict[str, dict[str, Any]] = {
    "real/003-mesosphere-marathon-container-net-pod.json": DCOS,
    "real/015-mesosphere-marathon-fixture-pod-container-net.json": DCOS,
    "real/seed-14-endpoint.json": DCOS,
    "real/seed-15-healthcheck.json": DCOS,
    "docs/056-dcos-1.9-examples-pod-with-endpoint-unnamed-network.json": DCOS,
    "real/007-mesosphere-marathon-private-docker-pod.json": SECRETS,
    "real/seed-07-private-docker-pull-config.json": SECRETS,
    "docs/008-dcos-2.2-private-docker-registry-simple-pod.json": SECRETS,
    "docs/009-dcos-2.2-use-secrets-developer-pod-secret.json": SECRETS,
    "docs/017-marathon-native-docker-private-registry-pod.json": SECRETS,
    "seed/07-simple-pod.json": SECRETS,
    "real/005-mesosphere-marathon-persistent-volume-pod.json": OPS,
    "real/040-mesosphere-backup-dcos-metrics-metrics.json": OPS,
    "docs/011-dcos-2.2-persistent-volume-persistent-volume-pod.json": OPS,
    "docs/014-marathon-multirole-dev-bigbusiness-post.json": OPS,
    "docs/036-marathon-persistent-volumes-persistent-volume-pod.json": OPS,
    "real/019-mesosphere-marathon-resident-docker-pod.json": {**OPS, **DCOS},
    # Sanitising (on by default in 1.9) drops slave_public instead of failing R74.
    "real/050-harryge00-istio-on-marathon-mesos-ingressgateway.json": {"marathon_version": "1.9"},
    "real/061-jianhuabi-istio-mesos-handson-istio-ingress-gateway.json": {
        "marathon_version": "1.9"
    },
}


def _corpus_errors(name: str, profile: dict[str, Any]) -> list[str]:
    path = shared_path("corpus", *name.split("/"))
    settings = Settings(profile=profile_from_mapping(profile))
    result = _linter().lint_bytes(path.read_bytes(), name, settings, explicit=True)
    return [f"{d.name} {d.pointer}" for d in result.diagnostics if d.severity is Severity.ERROR]


def test_corpus_errors_are_exactly_the_rejections() -> None:
    root = shared_path("corpus")
    names = sorted(
        f"{d}/{p.name}"
        for d in ("real", "docs", "seed")
        for p in (root / d).iterdir()
        if p.suffix in (".json", ".yaml", ".yml")
    )
    rejected = {name for name in names if _corpus_errors(name, {})}
    assert rejected == set(CORPUS_REJECTED)


@pytest.mark.parametrize("name", sorted(CORPUS_ACCEPTED_WITH_PROFILE))
def test_corpus_accepted_with_its_cluster_settings(name: str) -> None:
    assert _corpus_errors(name, CORPUS_ACCEPTED_WITH_PROFILE[name]) == []
