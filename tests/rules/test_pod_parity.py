"""Parity of the pod-level rules with Marathon's verdicts, straight from the specification.

Each case is (spec id, pod, profile, verdict): ``None`` when Marathon accepts the pod, else the pointer
where the rejection is reported. The pod-level rules must produce an ``error`` exactly for the rejected
cases, at that pointer. Also checks every rule's documented examples and fixtures by calling the rules
directly.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from typing import Any

import pytest

import podlint_rules
from podlint.diagnostics import Severity
from podlint.rule import DOC_HEADINGS, Rule
from tests.rules.pod_rule_support import FIXTURES, load_fixture, pod, resident_pod, run

OWN_MODULES = re.compile(r"(pod_|network_|resource_|role_|constraint_|strict_mode)")


def _own_rules() -> list[type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(podlint_rules.__path__):
        if not OWN_MODULES.match(info.name):
            continue
        module = importlib.import_module(f"podlint_rules.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Rule) and obj.__module__ == module.__name__:
                found[obj.name] = obj
    return [found[name] for name in sorted(found)]


RULES = _own_rules()
ERROR_RULES = [r for r in RULES if r.severity is Severity.ERROR]

V14 = {"marathon_version": "1.4"}
V15 = {"marathon_version": "1.5"}
V18 = {"marathon_version": "1.8"}
V19 = {"marathon_version": "1.9"}
SECRETS = {"features": ["secrets"]}
NO_NETWORKS: Any = None  # pod(networks=None) removes the key


def _roles(*roles: str, **fields: Any) -> dict[str, Any]:
    return pod(scheduling={"placement": {"acceptedResourceRoles": list(roles)}}, **fields)


def _constraint(**constraint: Any) -> dict[str, Any]:
    return pod(scheduling={"placement": {"constraints": [constraint]}})


C0 = "/scheduling/placement/constraints/0"
ARR = "/scheduling/placement/acceptedResourceRoles"

# (spec id, pod, profile, None = accepted | pointer of the rejection)
CASES: list[tuple[str, dict[str, Any], dict[str, Any] | None, str | None]] = [
    ("R1", pod(id="/Shop/web"), V14, "/id"),
    ("R1", pod(id="/shop.v2/web-1"), V14, None),
    ("R2", pod(id="/shop/versions"), None, "/id"),
    ("R2", pod(id="/versions/shop"), None, None),
    ("R3", pod(id="/shop/../web"), None, "/id"),
    ("R3", pod(id="/shop/web"), None, None),
    ("R4", pod(id="web"), None, "/id"),
    ("R4", pod(id="web"), V14, "/id"),
    ("R4", pod(id="/web"), None, None),
    ("R5", pod(id="/"), None, "/id"),
    ("R5", pod(id="//web//"), None, None),
    ("R6", pod(user=""), None, "/user"),
    ("R6", pod(user="nobody"), None, None),
    (
        "R7",
        pod(environment={"DB": {"secret": "db"}}, secrets={"db": {"source": "d"}}),
        None,
        "/environment/DB",
    ),
    (
        "R7",
        pod(environment={"DB": {"secret": "db"}}, secrets={"db": {"source": "d"}}),
        SECRETS,
        None,
    ),
    (
        "R8",
        pod(environment={"DB": {"secret": "nope"}}, secrets={"db": {"source": "d"}}),
        SECRETS,
        "/environment/DB/secret",
    ),
    ("R8", pod(environment={"DB": "plain"}), None, None),
    ("R10", pod(volumes=[{"name": "v", "secret": "db"}]), None, "/volumes/0/secret"),
    ("R10", pod(volumes=[{"name": "v", "secret": "db"}]), V14, None),  # 1.4: an ephemeral volume
    (
        "R11",
        pod(volumes=[{"name": "v", "secret": "tls"}], secrets={"db": {"source": "d"}}),
        SECRETS,
        "/volumes/0/secret",
    ),
    (
        "R11",
        pod(volumes=[{"name": "v", "secret": "db"}], secrets={"db": {"source": "d"}}),
        SECRETS,
        None,
    ),
    ("R16", pod(secrets={"db": {"source": "d"}}), None, "/secrets"),
    ("R16", pod(secrets={}), None, None),
    ("R17", pod(secrets={"": {"source": "d"}}), SECRETS, "/secrets/"),
    ("R17", pod(secrets={"db": {"source": "d"}}), SECRETS, None),
    ("R18", pod(secrets={"db": {"source": ""}}), {**V14, **SECRETS}, "/secrets/db/source"),
    ("R19", pod(networks=[{"mode": "host", "name": "dcos"}]), None, "/networks/0/name"),
    ("R19", pod(networks=[{"mode": "host", "labels": {"a": "b"}}]), None, "/networks/0/labels"),
    ("R19", pod(networks=[{"mode": "host", "labels": {}}]), None, None),
    ("R20", pod(networks=[{"mode": "container/bridge", "name": "b"}]), None, "/networks/0/name"),
    ("R20", pod(networks=[{"mode": "container/bridge"}]), None, None),
    ("R21", pod(networks=[{"name": "dcos"}, {"name": "dcos"}]), None, "/networks/1/name"),
    (
        "R21",
        pod(networks=[{"mode": "container"}, {"mode": "container"}]),
        {"default_network_name": "dcos"},
        "/networks/1",
    ),
    ("R21", pod(networks=[{"name": "dcos"}, {"name": "calico"}]), None, None),
    ("R22", pod(networks=[{"mode": "host"}, {"name": "dcos"}]), None, "/networks"),
    ("R22", pod(networks=[{"mode": "host"}, {"mode": "host"}]), None, "/networks"),
    ("R22", pod(networks=[]), None, None),
    ("R22", pod(networks=NO_NETWORKS), None, None),
    ("P4", pod(networks=NO_NETWORKS), V14, "/networks"),
    ("P4", pod(networks=[{"mode": "host"}]), V14, None),
    ("R23", pod(networks=[{"mode": "container"}]), None, "/networks/0"),
    ("R23", pod(networks=[{"mode": "container"}]), {"default_network_name": "dcos"}, None),
    ("P10", pod(networks=[{"mode": "container"}]), V14, "/networks/0"),
    ("R87", pod(networks=[{"mode": "container", "name": None}]), None, "/networks/0"),
    ("P3", pod(networks=[{"name": "my_net"}]), V14, "/networks/0/name"),
    ("P3", pod(networks=[{"name": "my_net"}]), V15, None),
    ("R24", pod(scheduling={"backoff": {"backoff": -1}}), V14, "/scheduling/backoff/backoff"),
    ("R24", pod(scheduling={"backoff": {"backoff": 0}}), V14, None),
    (
        "R25",
        pod(scheduling={"backoff": {"backoffFactor": -0.5}}),
        V14,
        "/scheduling/backoff/backoffFactor",
    ),
    (
        "R26",
        pod(scheduling={"backoff": {"maxLaunchDelay": -1}}),
        V14,
        "/scheduling/backoff/maxLaunchDelay",
    ),
    (
        "R27",
        pod(scheduling={"upgrade": {"minimumHealthCapacity": 1.1}}),
        V14,
        "/scheduling/upgrade/minimumHealthCapacity",
    ),
    ("R27", pod(scheduling={"upgrade": {"minimumHealthCapacity": 1}}), V14, None),
    (
        "R28",
        pod(scheduling={"upgrade": {"maximumOverCapacity": -0.1}}),
        V14,
        "/scheduling/upgrade/maximumOverCapacity",
    ),
    ("R29", _roles("slave public"), None, f"{ARR}/0"),
    ("R29", _roles("-x"), V14, f"{ARR}/0"),
    ("R29", _roles("*"), None, None),
    ("R30", _constraint(fieldName="hostname", operator="UNIQUE", value="a"), None, f"{C0}/value"),
    ("R30", _constraint(fieldName="hostname", operator="MAX_PER"), None, C0),
    ("R30", _constraint(fieldName="hostname", operator="max_per", value="x"), None, f"{C0}/value"),
    ("R30", _constraint(fieldName="z", operator="GROUP_BY", value="x"), None, f"{C0}/value"),
    ("R30", _constraint(fieldName="z", operator="LIKE", value="("), None, f"{C0}/value"),
    ("R30", _constraint(fieldName="z", operator="IS", value="a b"), None, f"{C0}/value"),
    ("R30", _constraint(fieldName="", operator="UNIQUE"), None, f"{C0}/fieldName"),
    ("R30", _constraint(fieldName="z", operator="GROUP_BY", value="-2"), None, None),
    ("R30", _constraint(fieldName="z", operator="MAX_PER", value="0"), None, None),
    ("R30", _constraint(fieldName="z", operator="LIKE", value=""), None, None),
    ("R30", _constraint(fieldName="z", operator="IS"), None, None),
    ("R30", _constraint(fieldName="z", operator="cluster"), None, None),
    ("P11", _constraint(fieldName="z", operator="CLUSTER"), {"marathon_version": "1.4.7"}, C0),
    ("P11", _constraint(fieldName="z", operator="CLUSTER"), {"marathon_version": "1.4.8"}, None),
    ("R31", pod(scaling={"kind": "fixed", "instances": -1}), V14, "/scaling/instances"),
    ("R31", pod(scaling={"kind": "fixed", "instances": 0}), V14, None),
    (
        "R32",
        pod(
            containers=[
                {"name": "a", "resources": {}, "endpoints": [{"name": "http", "hostPort": 0}]},
                {"name": "b", "resources": {}, "endpoints": [{"name": "http", "hostPort": 0}]},
            ]
        ),
        None,
        "/containers/1/endpoints/0/name",
    ),
    (
        "R33",
        pod(
            networks=[{"name": "dcos"}],
            containers=[
                {"name": "a", "resources": {}, "endpoints": [{"name": "x", "containerPort": 80}]},
                {"name": "b", "resources": {}, "endpoints": [{"name": "y", "containerPort": 80}]},
            ],
        ),
        None,
        "/containers/1/endpoints/0/containerPort",
    ),
    (
        "R34",
        pod(
            containers=[
                {"name": "a", "resources": {}, "endpoints": [{"name": "x", "hostPort": 8080}]},
                {"name": "b", "resources": {}, "endpoints": [{"name": "y", "hostPort": 8080}]},
            ]
        ),
        None,
        "/containers/1/endpoints/0/hostPort",
    ),
    (
        "R34",
        pod(
            containers=[
                {"name": "a", "resources": {}, "endpoints": [{"name": "x", "hostPort": 0}]},
                {"name": "b", "resources": {}, "endpoints": [{"name": "y", "hostPort": 0}]},
            ]
        ),
        None,
        None,
    ),
    (
        "R35",
        resident_pod(scheduling={"upgrade": {"maximumOverCapacity": 0.5}}),
        None,
        "/scheduling/upgrade/maximumOverCapacity",
    ),
    (
        "R35",
        resident_pod(scheduling={"upgrade": {"minimumHealthCapacity": 0.5}}),
        None,
        "/scheduling/upgrade",
    ),
    ("R35", resident_pod(), None, None),
    ("R35", resident_pod(scheduling={"upgrade": {"maximumOverCapacity": 1}}), V15, None),
    (
        "R36",
        resident_pod(scheduling={"unreachableStrategy": {"inactiveAfterSeconds": 5}}),
        None,
        "/scheduling/unreachableStrategy",
    ),
    ("R36", resident_pod(scheduling={"unreachableStrategy": "anything"}), None, None),
    ("R37", resident_pod(scheduling={"placement": {"acceptedResourceRoles": ["data"]}}), None, ARR),
    ("R37", resident_pod(scheduling={"placement": {"acceptedResourceRoles": ["*"]}}), None, None),
    ("R39", pod(linuxInfo={"seccomp": {"unconfined": True}}), None, "/linuxInfo/seccomp"),
    ("R39", pod(linuxInfo={"seccomp": {"unconfined": True}}), V18, None),
    (
        "R40",
        pod(linuxInfo={"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 1}}),
        None,
        "/linuxInfo/ipcInfo/shmSize",
    ),
    ("R40", pod(linuxInfo={"ipcInfo": {"mode": "PRIVATE", "shmSize": 1}}), None, None),
    (
        "R43",
        pod(containers=[{"name": "a", "resources": {}, "resourceLimits": {"mem": "lots"}}]),
        None,
        "/containers/0/resourceLimits/mem",
    ),
    (
        "R44",
        pod(containers=[{"name": "a", "resources": {"mem": 64}, "resourceLimits": {"mem": 32}}]),
        None,
        "/containers/0/resourceLimits/mem",
    ),
    (
        "R44",
        pod(containers=[{"name": "a", "resources": {"mem": 64}, "resourceLimits": {"mem": 64}}]),
        None,
        None,
    ),
    (
        "R45",
        pod(
            legacySharedCgroups=True,
            containers=[{"name": "a", "resources": {}, "resourceLimits": {"cpus": "unlimited"}}],
        ),
        None,
        "/containers/0/resourceLimits",
    ),
    ("R71", pod(role="web"), None, "/role"),
    ("R71", pod(role="*"), None, None),
    ("R71", pod(id="/shop/web", role="*"), {"enforce_role_groups": ["shop"]}, "/role"),
    ("R71", pod(id="/shop/web", role="shop"), None, None),
    ("R71", pod(role="web"), V18, None),
    ("R72", resident_pod(id="/db", role=None), None, "/role"),
    ("R72", resident_pod(role="*"), None, "/role"),
    ("R72", resident_pod(id="/db", role=None), {"mesos_role": "marathon"}, None),
    ("R72", resident_pod(id="/db", role=None), V18, None),
    ("R74", _roles("*", "slave_public"), None, f"{ARR}/1"),
    ("R74", _roles("*", "slave_public"), V19, None),  # 1.9 sanitises: stripped, not rejected
    (
        "R74",
        _roles("*", "slave_public"),
        {**V19, "sanitize_accepted_resource_roles": False},
        f"{ARR}/1",
    ),
    ("R74", _roles("*", "shop", id="/shop/web", role="shop"), None, None),
    (
        "R88",
        resident_pod(
            volumes=[{"name": "pgdata", "persistent": {"size": 1, "constraints": [["a", "b"]]}}]
        ),
        None,
        "/volumes/0/persistent/constraints/0",
    ),
    (
        "R88",
        resident_pod(
            volumes=[
                {
                    "name": "pgdata",
                    "persistent": {"size": 1, "constraints": [["path", "LIKE", "x"]]},
                }
            ]
        ),
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("spec_id", "data", "profile", "verdict"),
    CASES,
    ids=[f"{c[0]}-{'reject' if c[3] else 'accept'}-{i}" for i, c in enumerate(CASES)],
)
def test_parity(
    spec_id: str, data: dict[str, Any], profile: dict[str, Any] | None, verdict: str | None
) -> None:
    errors = [(r.name, f) for r in ERROR_RULES for f in run(r, data, profile)]
    if verdict is None:
        assert errors == [], f"{spec_id}: Marathon accepts this pod, but: {errors}"
    else:
        assert verdict in [f.pointer for _, f in errors], (
            f"{spec_id}: Marathon rejects at {verdict}; got {errors}"
        )


def test_every_own_rule_is_a_documented_rule() -> None:
    codes = [r.code for r in RULES]
    assert len(set(codes)) == len(codes)
    for rule in RULES:
        assert re.fullmatch(r"PL2\d\d", rule.code), rule.code
        doc = rule.doc()
        for heading in DOC_HEADINGS:
            assert f"{heading}\n{'-' * len(heading)}\n" in doc, f"{rule.name}: {heading!r}"
        assert rule.summary


def _fixtures() -> list[tuple[type[Rule], Any]]:
    cases = []
    for rule in RULES:
        for path in sorted((FIXTURES / rule.name).glob("*")):
            if path.name.startswith(("fail-", "pass-")) and path.suffix in (".json", ".yaml"):
                if ".profile." in path.name or path.name.endswith(".expected"):
                    continue
                cases.append((rule, path))
    return cases


@pytest.mark.parametrize(
    ("rule", "path"), _fixtures(), ids=lambda v: v.name if hasattr(v, "name") else str(v)
)
def test_fixture_triggers_as_named(rule: type[Rule], path: Any) -> None:
    data, profile = load_fixture(path)
    findings = run(rule, data, profile)
    if path.name.startswith("fail-"):
        assert findings, f"{path.name} must trigger {rule.name}"
    else:
        assert not findings, f"{path.name} must not trigger {rule.name}: {findings}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rules_survive_garbage(rule: type[Rule]) -> None:
    garbage: list[Any] = [
        {},
        {"id": 5, "containers": "x", "networks": {"a": 1}, "volumes": [1, None, "x"]},
        {
            "id": None,
            "containers": [None, 3, {"resources": "x", "endpoints": [1, {"name": 2}]}],
            "networks": [None, {"mode": 3, "name": 4}],
            "scheduling": {
                "placement": {
                    "constraints": [1, {"operator": 2, "value": 3}],
                    "acceptedResourceRoles": [1, None],
                },
                "upgrade": "x",
                "backoff": [],
                "unreachableStrategy": 4,
            },
            "secrets": [],
            "environment": {"A": {"secret": 1}},
            "scaling": {"instances": "x"},
            "linuxInfo": {"ipcInfo": "x"},
            "executorResources": {"cpus": "x"},
            "role": 5,
        },
    ]
    full = {
        "marathon_version": "1.4",
        "agent": {"cpus": 1, "mem": 1, "disk": 1, "gpus": 0},
        "quota": {"*": {"cpus": 1}},
        "networks": ["dcos"],
    }
    for data in garbage:
        for profile in (None, full, {"marathon_version": "1.9"}):
            run(rule, data, profile)


# Pods of the real-world corpus whose pod-level defects SOURCES.md describes, with the rule that must
# report them under a stock Marathon 1.10 (no profile).
CORPUS_DEFECTS = {
    "003-mesosphere-marathon-container-net-pod.json": "network-name-invalid",
    "005-mesosphere-marathon-persistent-volume-pod.json": "resident-pod-role-star",
    "029-dcos-dcos-cli-good-2016.json": "pod-id-invalid",
    "030-dcos-dcos-cli-double-2016.json": "pod-id-invalid",
}


def test_real_corpus() -> None:
    from tests.conftest import shared_path

    folder = shared_path("corpus", "real")
    reported: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # files that are not JSON are the loader's concern
        documents = data if isinstance(data, list) else [data]
        for document in documents:
            if not isinstance(document, dict):
                continue
            for rule in RULES:  # none may crash on real files
                if run(rule, document) and rule.severity is Severity.ERROR:
                    reported.setdefault(path.name, set()).add(rule.name)
    for name, rule_name in CORPUS_DEFECTS.items():
        assert rule_name in reported.get(name, set()), f"{name}: {reported.get(name)}"
    # The API example pod is accepted by a stock Marathon 1.10 (its network is named).
    assert "001-mesosphere-marathon-api-example-pod.json" not in reported
