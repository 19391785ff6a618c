"""Rules see whatever the file holds: no rule may crash on a value of a type it did not expect.

The schema reports wrong types; rules must skip what they cannot read. For every field path of the
pod schema (every property, array item, map value and union branch, for the newest and the oldest
supported Marathon line), the test puts each shape of value there — wrong JSON types, empty
containers, huge and non-finite numbers — into a realistic valid pod, lints it with every
registered rule (policies included, with a full cluster profile so profile-dependent rules run), and
asserts that no ``rule-error`` appears and nothing raises.
"""

from __future__ import annotations

import copy
import itertools
import json
import math
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import Settings
from podlint.engine import Linter
from podlint.plugins import Registry, make_plugin_manager
from podlint.schema.store import schema_for

Path = tuple[str | int, ...]

# A pod Marathon accepts that uses most fields, so that rules reach their deeper checks.
BASE_POD: dict[str, Any] = {
    "id": "/shop/checkout",
    "labels": {"team": "payments", "tier": "backend"},
    "user": "nobody",
    "environment": {"MODE": "prod", "DB_PASSWORD": {"secret": "db"}},
    "secrets": {"db": {"source": "shop/db-password"}, "pull": {"source": "shop/registry"}},
    "volumes": [
        {"name": "scratch"},
        {"name": "logs", "host": "/var/log/shop"},
        {"name": "creds", "secret": "db"},
    ],
    "networks": [{"mode": "container", "name": "dcos", "labels": {"net": "a"}}],
    "scaling": {"kind": "fixed", "instances": 2, "maxInstances": 4},
    "scheduling": {
        "backoff": {"backoff": 1, "backoffFactor": 1.15, "maxLaunchDelay": 300},
        "upgrade": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.5},
        "placement": {
            "constraints": [
                {"fieldName": "hostname", "operator": "UNIQUE"},
                {"fieldName": "rack", "operator": "LIKE", "value": "r[0-9]"},
            ],
            "acceptedResourceRoles": ["*"],
        },
        "killSelection": "YOUNGEST_FIRST",
        "unreachableStrategy": {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600},
    },
    "executorResources": {"cpus": 0.1, "mem": 32, "disk": 10},
    "linuxInfo": {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}},
    "containers": [
        {
            "name": "web",
            "exec": {"command": {"argv": ["/bin/web", "--port", "8080"]}},
            "resources": {"cpus": 0.5, "mem": 256, "disk": 10, "gpus": 0},
            "resourceLimits": {"cpus": "unlimited", "mem": 512},
            "endpoints": [
                {
                    "name": "http",
                    "containerPort": 8080,
                    "hostPort": 0,
                    "protocol": ["tcp"],
                    "labels": {"VIP_0": "/web:80"},
                    "networkNames": ["dcos"],
                }
            ],
            "image": {
                "kind": "DOCKER",
                "id": "registry.example.com/shop/web:1.4.2",
                "forcePull": False,
                "pullConfig": {"secret": "pull"},
                "labels": {"a": "b"},
            },
            "environment": {"PORT": "8080"},
            "user": "nobody",
            "healthCheck": {
                "http": {"endpoint": "http", "path": "/health", "scheme": "HTTP"},
                "gracePeriodSeconds": 30,
                "intervalSeconds": 10,
                "maxConsecutiveFailures": 3,
                "timeoutSeconds": 5,
                "delaySeconds": 2,
            },
            "check": {"tcp": {"endpoint": "http"}, "intervalSeconds": 10, "timeoutSeconds": 5},
            "volumeMounts": [
                {"name": "scratch", "mountPath": "/var/scratch"},
                {"name": "logs", "mountPath": "/logs", "readOnly": True},
                {"name": "creds", "mountPath": "/run/creds"},
            ],
            "artifacts": [
                {
                    "uri": "https://example.com/web.tgz",
                    "extract": True,
                    "executable": False,
                    "cache": False,
                    "destPath": "web",
                }
            ],
            "labels": {"role": "frontend"},
            "lifecycle": {"killGracePeriodSeconds": 30},
            "tty": False,
            "linuxInfo": {"seccomp": {"profileName": "default"}},
        },
        {
            "name": "sidecar",
            "exec": {"command": {"shell": "exec /bin/sidecar"}, "overrideEntrypoint": False},
            "resources": {"cpus": 0.1, "mem": 64},
            "image": {"kind": "DOCKER", "id": "example/sidecar:2"},
            "healthCheck": {"exec": {"command": {"shell": "true"}}},
        },
    ],
}

# Every shape a field may take in a broken file.
SHAPES: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "zero": 0,
    "int": 7,
    "negative": -3,
    "float": 2.5,
    "nan": math.nan,
    "infinity": math.inf,
    "huge-int": 10**400,  # beyond a double: float(x) raises OverflowError
    "long-int": 10**4000,  # near Python's limit for printing an int
    "string": "x",
    "empty-string": "",
    "list": ["x", 1],
    "empty-list": [],
    "dict": {"k": "v"},
    "empty-dict": {},
    "nested-list": [[[None]]],
}

VERSION_LINES = ("1.10", "1.4")


def _alternatives(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(key, ()):
            if isinstance(branch, dict):
                yield from _alternatives(branch)


def schema_paths(schema: dict[str, Any]) -> list[Path]:
    """Every field path the schema describes (array items as index 0, map values under "k")."""
    found: dict[Path, None] = {}
    stack: list[tuple[dict[str, Any], Path]] = [(schema, ())]
    while stack:
        node, path = stack.pop()
        for alt in _alternatives(node):
            children: list[tuple[str | int, Any]] = list(alt.get("properties", {}).items())
            if isinstance(alt.get("items"), dict):
                children.append((0, alt["items"]))
            if isinstance(alt.get("additionalProperties"), dict):
                children.append(("k", alt["additionalProperties"]))
            for token, sub in children:
                child = (*path, token)
                if isinstance(sub, dict) and child not in found:
                    found[child] = None
                    stack.append((sub, child))
    return sorted(found, key=lambda p: [str(t) for t in p])


def _data_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _data_paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield (*path, i)
            yield from _data_paths(child, (*path, i))


def put(pod: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``pod`` with ``value`` at ``path``, creating (or replacing) the parents needed."""
    result = copy.deepcopy(pod)
    node: Any = result
    for token, following in itertools.pairwise(path):
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(token, int):
            while len(node) <= token:
                node.append(copy.deepcopy(fresh))
            if not isinstance(node[token], type(fresh)):
                node[token] = fresh
        elif not isinstance(node.get(token), type(fresh)):
            node[token] = fresh
        node = node[token]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value
    return result


@cache
def _registry() -> Registry:
    return make_plugin_manager(third_party=False)[1]


def _settings(registry: Registry, line: str) -> Settings:
    """Every rule on, policies included, under a profile that makes profile-dependent rules run."""
    profile = profile_from_mapping(
        {
            "marathon_version": line,
            "security_mode": "permissive",
            "features": ["secrets", "gpu_resources"],
            "default_network_name": "dcos",
            "networks": ["dcos", "other"],
            "mesos_role": "shop",
            "agent": {"cpus": 4, "mem": 8192, "disk": 100000, "gpus": 1},
        }
    )
    policies = [name for name, rule in registry.rules.items() if rule.policy]
    return Settings(profile=profile, select=["ALL", *policies])


def _all_paths(line: str) -> list[Path]:
    paths = dict.fromkeys(schema_paths(schema_for(line)))
    paths.update(dict.fromkeys(_data_paths(BASE_POD)))
    return list(paths)


def _crashes(linter: Linter, settings: Settings, pod: Any) -> list[str]:
    data = json.dumps(pod, allow_nan=True).encode()
    result = linter.lint_bytes(data, "pod.json", settings)
    return [d.message for d in result.diagnostics if d.name == "rule-error"]


def test_the_base_pod_is_clean_enough_to_reach_every_rule() -> None:
    registry = _registry()
    settings = _settings(registry, "1.10")
    settings.select = None  # the built-in defaults: no policy of any organisation
    result = Linter(registry).lint_bytes(json.dumps(BASE_POD).encode(), "pod.json", settings)
    errors = [f"{d.name}: {d.message}" for d in result.diagnostics if d.severity.value == "error"]
    assert not errors


def test_the_paths_cover_the_schema() -> None:
    paths = schema_paths(schema_for("1.10"))
    assert ("containers", 0, "healthCheck", "http", "endpoint") in paths
    assert ("environment", "k") in paths
    assert len(paths) > 100


@pytest.mark.parametrize("line", VERSION_LINES)
def test_no_rule_crashes_on_any_shape_of_any_field(line: str) -> None:
    registry = _registry()
    linter = Linter(registry)
    settings = _settings(registry, line)
    failures: list[str] = []
    for path in _all_paths(line):
        for shape, value in SHAPES.items():
            for message in _crashes(linter, settings, put(BASE_POD, path, value)):
                failures.append(f"{'/'.join(map(str, path))} = {shape}: {message}")
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} in all)"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_rule_crashes_when_the_whole_pod_or_a_list_member_is_one_shape(shape: str) -> None:
    registry = _registry()
    linter = Linter(registry)
    settings = _settings(registry, "1.10")
    value = SHAPES[shape]
    pods = [
        {"id": value, "containers": value},
        {"id": "/x", "containers": [value, value]},
        {**BASE_POD, "volumes": [value], "networks": [value]},
        dict.fromkeys(BASE_POD, value),
    ]
    for pod in pods:
        assert not _crashes(linter, settings, pod)
