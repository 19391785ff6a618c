"""Unknown keys, discarded and read-only fields, enum spellings: one walk against the key table."""

from __future__ import annotations

import copy
from typing import Any

from podlint.config.profile import ClusterProfile, MarathonVersion
from podlint.rule import Context
from podlint_rules.enum_case import EnumCase
from podlint_rules.ignored_field import IgnoredField
from podlint_rules.schema_read_only import ReadOnlyField
from podlint_rules.unknown_key import UnknownKey

BASE: dict[str, Any] = {
    "id": "/web",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 128},
            "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        }
    ],
}


def ctx(version: str = "1.10") -> Context:
    return Context(ClusterProfile(marathon_version=MarathonVersion.parse(version)))


def pod(**top: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc.update(top)
    return doc


def container(**fields: Any) -> dict[str, Any]:
    doc = pod()
    doc["containers"][0].update(fields)
    return doc


def unknown(doc: dict[str, Any], version: str = "1.10") -> list[Any]:
    return list(UnknownKey().check(doc, ctx(version)))


def test_a_plain_pod_has_no_unknown_key() -> None:
    assert unknown(pod()) == []


def test_misspelt_key_gets_a_did_you_mean_and_a_rename() -> None:
    doc = container(image={"kind": "DOCKER", "id": "x", "forcePul": True})
    (f,) = unknown(doc)
    assert f.pointer == "/containers/0/image/forcePul"
    assert f.target == "key"
    assert "did you mean `forcePull`" in f.message
    assert f.fix is not None
    assert f.fix.applicability == "unsafe"
    assert (f.fix.ops[0].kind, f.fix.ops[0].value) == ("rename", "forcePull")


def test_force_from_the_marathon_test_suite() -> None:
    (f,) = unknown(container(image={"kind": "DOCKER", "id": "x", "force": True}))
    assert "`forcePull`" in f.message


def test_app_fields_get_specific_advice() -> None:
    doc = pod(fetch=[{"uri": "x"}], env={"A": "b"}, cpus=1, constraints=[], upgradeStrategy={})
    doc["containers"][0]["image"]["forcePullImage"] = True
    doc["containers"][0]["cmd"] = "run"
    doc["scheduling"] = {"backoff": {"maxLaunchDelaySeconds": 10}}
    found = {f.pointer: f for f in unknown(doc)}
    assert "`containers[].artifacts`" in found["/fetch"].message
    assert found["/fetch"].fix is None
    assert found["/env"].fix is not None
    assert found["/env"].fix.ops[0].value == "environment"
    assert "`containers[].resources.cpus`" in found["/cpus"].message
    assert "`scheduling.placement.constraints`" in found["/constraints"].message
    assert "`scheduling.upgrade`" in found["/upgradeStrategy"].message
    image = found["/containers/0/image/forcePullImage"]
    assert image.fix is not None
    assert image.fix.ops[0].value == "forcePull"
    assert "`exec.command.shell`" in found["/containers/0/cmd"].message
    backoff = found["/scheduling/backoff/maxLaunchDelaySeconds"]
    assert backoff.fix is not None
    assert backoff.fix.ops[0].value == "maxLaunchDelay"


def test_no_rename_onto_an_existing_key() -> None:
    (f,) = unknown(pod(env={"A": "b"}, environment={"B": "c"}))
    assert f.fix is None
    assert "already set" in (f.help or "")


def test_key_of_another_version() -> None:
    doc = container(resourceLimits={"cpus": 2})
    assert unknown(doc, "1.10") == []
    (f,) = unknown(doc, "1.9")
    assert f.pointer == "/containers/0/resourceLimits"
    assert "needs Marathon 1.10" in f.message
    assert "1.9" in f.message
    (f,) = unknown(pod(role="dev"), "1.8")
    assert "needs Marathon 1.9" in f.message


def test_keys_are_case_sensitive() -> None:
    (f,) = unknown(container(Image={"kind": "DOCKER", "id": "x"}))
    assert "case-sensitive" in f.message
    assert "`image`" in f.message


def test_unknown_subtrees_are_not_walked() -> None:
    (f,) = unknown(pod(extra={"a": {"b": 1}}))
    assert f.pointer == "/extra"


def test_unknown_keys_in_unions_and_maps() -> None:
    doc = container(volumeMounts=[{"name": "v", "mountPath": "/v"}])
    doc["volumes"] = [{"name": "v", "host": "/x", "hostPath": "/y"}]
    doc["environment"] = {"A": {"secret": "s", "key": "k"}}
    doc["labels"] = {"anything": "goes"}
    found = sorted(f.pointer for f in unknown(doc))
    assert found == ["/environment/A/key", "/volumes/0/hostPath"]


def test_check_is_ignored_from_1_8_and_unknown_before() -> None:
    doc = container(check={"tcp": {"endpoint": "http"}})
    assert unknown(doc, "1.8") == []
    (f,) = IgnoredField().check(doc, ctx("1.8"))
    assert f.pointer == "/containers/0/check"
    assert f.target == "key"
    assert "discarded" in f.message
    assert f.fix is not None
    assert f.fix.ops[0].kind == "remove"
    (u,) = unknown(doc, "1.7")
    assert "needs Marathon 1.8" in u.message
    assert list(IgnoredField().check(doc, ctx("1.7"))) == []


def test_max_instances_is_ignored_not_unknown() -> None:
    doc = pod(scaling={"kind": "fixed", "instances": 1, "maxInstances": 3})
    assert unknown(doc) == []
    (f,) = IgnoredField().check(doc, ctx())
    assert f.pointer == "/scaling/maxInstances"
    null = pod(scaling={"kind": "fixed", "maxInstances": None})
    assert list(IgnoredField().check(null, ctx())) == []


def test_version_is_read_only() -> None:
    (f,) = ReadOnlyField().check(pod(version="2017-01-03T18:21:19.310Z"), ctx())
    assert f.pointer == "/version"
    assert f.fix is not None
    assert f.fix.applicability == "safe"
    assert list(ReadOnlyField().check(pod(version=None), ctx())) == []


def test_enum_case_offers_the_canonical_spelling() -> None:
    doc = container(image={"kind": "docker", "id": "x"})
    doc["scheduling"] = {"killSelection": "Youngest_First"}
    doc["networks"] = [{"mode": "HOST"}]
    found = {f.pointer: f for f in EnumCase().check(doc, ctx())}
    assert set(found) == {
        "/containers/0/image/kind",
        "/scheduling/killSelection",
        "/networks/0/mode",
    }
    fix = found["/scheduling/killSelection"].fix
    assert fix is not None
    assert fix.applicability == "safe"
    assert fix.ops[0].value == "YOUNGEST_FIRST"
    # Unknown literals are schema errors, not spelling issues; scaling.kind is not an enum-case matter.
    assert list(EnumCase().check(pod(scheduling={"killSelection": "YoungestFirst"}), ctx())) == []
    assert list(EnumCase().check(pod(scaling={"kind": "Fixed"}), ctx())) == []


def test_walk_is_shared_through_the_context() -> None:
    c = ctx()
    doc = pod(fetch=[])
    list(UnknownKey().check(doc, c))
    assert "schema.keys" in c.memo


def test_rules_survive_odd_data() -> None:
    odd: list[dict[Any, Any]] = [
        {"containers": "x"},
        {"containers": [None, 1, []]},
        {1: 2},
        {"scaling": []},
    ]
    for doc in odd:
        for rule in (UnknownKey(), IgnoredField(), ReadOnlyField(), EnumCase()):
            list(rule.check(doc, ctx()))
