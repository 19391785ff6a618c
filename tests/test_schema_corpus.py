"""The known schema defects of the corpus (SOURCES.md) are reported as described, and nothing else
in the corpus gets a schema error."""

from __future__ import annotations

import json
from typing import Any

from podlint.config.profile import ClusterProfile, MarathonVersion
from podlint.rule import Context
from podlint.schema import fast_problems
from podlint_rules.enum_case import EnumCase
from podlint_rules.ignored_field import IgnoredField
from podlint_rules.unknown_key import UnknownKey
from tests.conftest import shared_path

# File -> (family, pointer) of every schema error under Marathon 1.10, each a documented defect.
EXPECTED_ERRORS = {
    "docs/010-dcos-2.2-use-secrets-developer-pod-with-secrets.json": {
        ("required", "/containers/0/resources")
    },
    "docs/020-marathon-secrets-pod-with-secrets-env.json": {
        ("required", "/containers/0/resources")
    },
    "docs/021-marathon-secrets-pod-with-secrets-volume.json": {
        ("required", "/containers/0/resources")
    },
    "docs/032-dcos-1.12-use-secrets-developer-pod-with-secrets.json": {
        ("required", "/containers/0/resources")
    },
    "docs/039-marathon-pods-pod-with-multiple-containers-nulls.json": {("type", "/labels/values")},
    "docs/042-marathon-pods-pod-with-multiple-containers-nulls-version.json": {
        ("type", "/labels/values")
    },
    "docs/048-dcos-1.9-examples-pod-with-multiple-containers-youngestfirst.json": {
        ("enum", "/scheduling/killSelection")
    },
    "docs/049-dcos-1.9-examples-with-ephemeral-vol-youngestfirst.json": {
        ("enum", "/scheduling/killSelection")
    },
    "docs/050-dcos-1.9-examples-pod-with-virtual-network-youngestfirst.json": {
        ("enum", "/scheduling/killSelection")
    },
    "docs/051-dcos-1.9-examples-pod-with-endpoint-youngestfirst.json": {
        ("enum", "/scheduling/killSelection")
    },
    "docs/060-dcos-1.9-examples-complete-pod-string-protocol.json": {
        ("type", "/containers/0/endpoints/0/protocol"),
        ("range", "/containers/0/endpoints/0/containerPort"),
        ("pattern", "/containers/0/healthCheck/http/endpoint"),
    },
    # The seed's multi-container example has a label whose value is an object.
    "seed/09-pod-with-multiple-containers.json": {("type", "/labels/values")},
    # Container names healthApp1/healthApp2 are not Names (spec §11).
    "real/009-mesosphere-marathon-test-pod.json": {
        ("pattern", "/containers/0/name"),
        ("pattern", "/containers/1/name"),
    },
    "real/018-mesosphere-marathon-system-test-json.json": {
        ("pattern", "/containers/0/name"),
        ("pattern", "/containers/1/name"),
    },
}


def _pods() -> dict[str, Any]:
    pods = {}
    for folder in ("real", "docs", "seed"):
        for path in sorted(shared_path("corpus", folder).glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            # Fragments (no containers) are not pods; the pipeline does not schema-check them.
            if isinstance(data, dict) and "containers" in data:
                pods[f"{folder}/{path.name}"] = data
    return pods


def ctx() -> Context:
    return Context(ClusterProfile(marathon_version=MarathonVersion.parse("1.10")))


def test_schema_errors_in_the_corpus_are_exactly_the_documented_ones() -> None:
    found = {}
    for name, pod in _pods().items():
        problems = fast_problems(pod, "1.10")
        if problems:
            found[name] = {(p.family, p.pointer) for p in problems}
    assert found == EXPECTED_ERRORS


def test_documented_unknown_keys() -> None:
    pods = _pods()

    def messages(name: str) -> dict[str, str]:
        return {f.pointer: f.message for f in UnknownKey().check(pods[name], ctx())}

    force = messages("real/007-mesosphere-marathon-private-docker-pod.json")
    assert "`forcePull`" in force["/containers/0/image/force"]
    assert (
        "`environment`"
        in messages("real/032-dcos-dcos-ui-pod-with-environment-variables.json")["/env"]
    )
    assert "`containers[].artifacts`" in messages("real/039-dcos-demos-mqttpod.json")["/fetch"]
    fpi = messages("real/051-harryge00-istio-on-marathon-mesos-bookinfo-details.json")
    assert "`forcePull`" in fpi["/containers/1/image/forcePullImage"]
    delay = messages("docs/001-dcos-2.2-examples-test-pod.json")
    assert "`maxLaunchDelay`" in delay["/scheduling/backoff/maxLaunchDelaySeconds"]


def test_documented_spellings_and_ignored_fields() -> None:
    pods = _pods()
    seed = pods["real/seed-11-multiple-containers.json"]
    (case,) = EnumCase().check(seed, ctx())
    assert case.pointer == "/scheduling/killSelection"
    ignored = {
        f.pointer
        for f in IgnoredField().check(
            pods["real/001-mesosphere-marathon-api-example-pod.json"], ctx()
        )
    }
    assert "/scaling/maxInstances" in ignored


def test_null_container_port_is_absent() -> None:
    pod = _pods()["real/006-mesosphere-marathon-ports-pod.json"]
    assert fast_problems(pod, "1.10") == []
