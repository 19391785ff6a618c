"""The schema check: Marathon's leniency, one finding per problem, plain messages, exact pointers."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from podlint.config.profile import ClusterProfile, MarathonVersion
from podlint.rule import Context
from podlint.schema import SchemaProblem, check, fast_problems, reference_problems

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


def make(**top: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc.update(top)
    return doc


def with_container(**fields: Any) -> dict[str, Any]:
    doc = make()
    doc["containers"][0].update(fields)
    return doc


def problems(doc: Any, version: str = "1.10", **kw: Any) -> list[SchemaProblem]:
    slow = reference_problems(doc, version, **kw)
    assert fast_problems(doc, version, **kw) == slow
    return slow


def only(doc: Any, version: str = "1.10", **kw: Any) -> SchemaProblem:
    found = problems(doc, version, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("version", ["1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10"])
def test_a_plain_pod_is_valid_in_every_version(version: str) -> None:
    assert problems(make(), version) == []


def test_string_where_a_number_belongs() -> None:
    doc = make()
    doc["containers"][0]["resources"]["cpus"] = "0.5"
    p = only(doc)
    assert p.family == "type"
    assert p.pointer == "/containers/0/resources/cpus"
    assert p.message == '`containers[0].resources.cpus` must be a number, got the string "0.5"'


def test_port_above_range_names_the_value() -> None:
    doc = with_container(endpoints=[{"name": "http", "hostPort": 70000}])
    p = only(doc)
    assert (p.family, p.pointer) == ("range", "/containers/0/endpoints/0/hostPort")
    assert "70000 is above the highest port 65535" in p.message


def test_missing_required_key_points_at_the_key() -> None:
    # Marathon reports `error.path.missing` at the missing key; the locator places it on the object.
    doc = make()
    del doc["containers"][0]["resources"]
    p = only(doc)
    assert (p.family, p.pointer) == ("required", "/containers/0/resources")
    assert "`resources`" in p.message


def test_null_means_absent() -> None:
    # Optional null: fine. Required null: missing.
    assert problems(with_container(user=None, healthCheck=None, labels=None)) == []
    assert problems(make(scaling=None, networks=None)) == []
    doc = with_container(endpoints=[{"name": "http", "containerPort": None}])
    assert problems(doc) == []
    p = only(with_container(resources=None))
    assert (p.family, p.pointer) == ("required", "/containers/0/resources")


def test_integral_floats_are_integers() -> None:
    assert problems(make(scaling={"kind": "fixed", "instances": 2.0})) == []
    p = only(make(scaling={"kind": "fixed", "instances": 2.5}))
    assert p.family == "type"
    assert "whole number" in p.message


def test_int32_overflow() -> None:
    p = only(make(scaling={"kind": "fixed", "instances": 2**31}))
    assert p.family == "range"
    assert "32-bit" in p.message
    # int64 fields take it.
    assert problems(make(scheduling={"unreachableStrategy": {"inactiveAfterSeconds": 2**31}})) == []


def test_enums_in_any_case_but_scaling_kind_exactly() -> None:
    doc = with_container(image={"kind": "docker", "id": "x"})
    doc["scheduling"] = {"killSelection": "Youngest_First"}
    doc["networks"] = [{"mode": "HOST"}]
    assert problems(doc) == []
    p = only(make(scaling={"kind": "Fixed"}))
    assert p.family == "enum"
    assert p.fix is not None
    assert p.fix.applicability == "safe"
    assert p.fix.ops[0].value == "fixed"


def test_scaling_kind_of_the_wrong_type_is_one_problem() -> None:
    assert only(make(scaling={"kind": 5})).family == "type"
    assert only(make(scaling={"kind": None})).family == "required"
    assert only(make(scaling={"instances": 2})).family == "required"


def test_unknown_enum_literal_suggests_the_closest() -> None:
    p = only(make(scheduling={"killSelection": "YoungestFirst"}))
    assert p.family == "enum"
    assert p.pointer == "/scheduling/killSelection"
    assert 'did you mean "YOUNGEST_FIRST"' in p.message


def test_enum_values_follow_the_version() -> None:
    appc = with_container(image={"kind": "APPC", "id": "x"})
    assert problems(appc, "1.8") == []
    assert only(appc, "1.9").family == "enum"
    bridge = make(networks=[{"mode": "container/bridge"}])
    assert problems(bridge, "1.5") == []
    assert only(bridge, "1.4").family == "enum"
    is_op = make(scheduling={"placement": {"constraints": [{"fieldName": "a", "operator": "IS"}]}})
    assert problems(is_op, "1.6") == []
    assert only(is_op, "1.5").family == "enum"


def test_facets_start_in_1_5() -> None:
    doc = with_container(name="Web_Server")
    assert problems(doc, "1.4") == []
    p = only(doc, "1.5")
    assert p.family == "pattern"
    assert p.pointer == "/containers/0/name"
    assert "is not a valid name" in p.message


def test_one_finding_per_value() -> None:
    p = only(with_container(name=""))
    assert (p.family, p.message) == ("length", "`containers[0].name` must not be empty")
    assert only(with_container(name="A" * 64)).family == "length"


def test_patterns_match_the_whole_string() -> None:
    assert only(with_container(name="web\n")).family == "pattern"


def test_env_names_are_checked_at_the_key_from_1_5() -> None:
    doc = make(environment={"1BAD": "x", "good_lower": "y"})
    assert problems(doc, "1.4") == []
    p = only(doc, "1.5")
    assert (p.family, p.pointer, p.target) == ("pattern", "/environment/1BAD", "key")


def test_env_values_string_or_secret() -> None:
    assert problems(make(environment={"A": "x", "B": {"secret": "s"}})) == []
    p = only(make(environment={"A": 5}))
    assert (p.family, p.pointer) == ("type", "/environment/A")
    assert "environment variable `A`" in p.message
    p = only(make(environment={"A": {"secret": 5}}))
    assert (p.family, p.pointer) == ("type", "/environment/A/secret")
    p = only(make(environment={"A": {}}))
    assert (p.family, p.pointer) == ("required", "/environment/A/secret")


def test_volume_union_reports_the_evident_variant_once() -> None:
    mounts = {"volumeMounts": [{"name": "data", "mountPath": "/data"}]}
    # Malformed persistent with a valid name falls back to an ephemeral volume: Marathon accepts it.
    doc = with_container(**mounts)
    doc["volumes"] = [{"name": "data", "persistent": {"size": "big"}}]
    assert problems(doc) == []
    # With a name that is not a Name, every variant fails: the persistent one's problem, and the
    # name, which is what Marathon reports (the last variant, ephemeral, fails on it).
    doc["volumes"] = [{"name": "Data", "persistent": {"size": "big"}}]
    assert [(p.family, p.pointer) for p in problems(doc)] == [
        ("pattern", "/volumes/0/name"),
        ("type", "/volumes/0/persistent/size"),
    ]
    doc["volumes"] = [{"name": "Data", "host": "/var"}]
    p = only(doc)
    assert (p.family, p.pointer) == ("pattern", "/volumes/0/name")
    doc["volumes"] = [{"name": "", "secret": "s"}]
    p = only(doc)
    assert (p.family, p.pointer) == ("length", "/volumes/0/name")
    doc["volumes"] = ["data"]
    assert only(doc).family == "type"
    doc["volumes"] = [{"host": "/x"}]
    p = only(doc)
    assert (p.family, p.pointer) == ("required", "/volumes/0/name")


def test_command_union_shell_before_argv() -> None:
    def cmd(command: Any) -> dict[str, Any]:
        return with_container(exec={"command": command})

    assert problems(cmd({"shell": "sleep 1", "argv": 5})) == []
    assert problems(cmd({"shell": "", "argv": ["sleep", "1"]})) == []
    p = only(cmd({}))
    # Marathon tries shell, then argv, and reports the last alternative's missing key.
    assert (p.family, p.pointer) == ("required", "/containers/0/exec/command/argv")
    p = only(cmd({"shell": ""}))
    assert (p.family, p.pointer) == ("length", "/containers/0/exec/command/shell")
    p = only(cmd({"argv": []}))
    assert (p.family, p.pointer) == ("items", "/containers/0/exec/command/argv")
    p = only(cmd("sleep 1"))
    assert p.family == "type"
    assert p.fix is not None
    assert p.fix.applicability == "unsafe"


def test_unreachable_strategy_any_string() -> None:
    for value in ("disabled", "enabled", ""):
        assert problems(make(scheduling={"unreachableStrategy": value})) == []
    p = only(make(scheduling={"unreachableStrategy": {"inactiveAfterSeconds": -1}}))
    assert p.family == "range"
    assert (
        problems(make(scheduling={"unreachableStrategy": {"inactiveAfterSeconds": -1}}), "1.4")
        == []
    )


def test_resource_limits_accept_any_string_at_parse_time() -> None:
    doc = with_container(resourceLimits={"cpus": "unlimited", "mem": "lots"})
    assert problems(doc) == []  # "lots" is rejected by a semantic rule (R43), not by the parser
    assert only(with_container(resourceLimits={"cpus": True})).family == "type"


def test_label_values_must_be_strings() -> None:
    p = only(make(labels={"values": {}}))
    assert (p.family, p.pointer) == ("type", "/labels/values")
    assert p.message == "label `values` must be a string, got an object"


def test_item_facets_are_not_enforced() -> None:
    doc = with_container(
        endpoints=[
            {"name": "http", "hostPort": 0, "protocol": ["HTTP"], "networkNames": ["Bad_Name"]}
        ]
    )
    assert problems(doc) == []
    p = only(with_container(endpoints=[{"name": "http", "protocol": "tcp"}]))
    assert p.family == "type"
    assert p.fix is not None
    assert p.fix.ops[0].value == ["tcp"]


def test_empty_containers_and_other_items() -> None:
    p = only(make(containers=[]))
    assert (p.family, p.pointer) == ("items", "/containers")
    assert problems(make(containers=[]), "1.4") == []


def test_version_must_be_a_date() -> None:
    assert problems(make(version="2017-01-03T18:21:19.310Z")) == []
    assert problems(make(version="2017-01-03T18:21:19+01:00")) == []
    p = only(make(version="yesterday"))
    assert (p.family, p.pointer) == ("pattern", "/version")


def test_yaml_typing_is_explained() -> None:
    doc = make(labels={"commit": 6.49e77})
    p = only(doc, source_format="yaml", plain_scalars={"/labels/commit": "6490e74"})
    assert "YAML reads the unquoted `6490e74` as a number" in p.message
    assert p.fix is not None
    assert p.fix.applicability == "safe"
    assert p.fix.ops[0].value == "6490e74"
    doc = make(environment={"DEBUG": True})
    p = only(doc, source_format="yaml", plain_scalars={"/environment/DEBUG": "true"})
    assert "as a boolean" in p.message
    # JSON never gets the YAML note.
    p = only(doc, source_format="json", plain_scalars={"/environment/DEBUG": "true"})
    assert "YAML" not in p.message


def test_root_that_is_not_an_object() -> None:
    p = only([1, 2])
    assert (p.family, p.pointer) == ("type", "")


def test_data_the_fast_validator_cannot_take_falls_back() -> None:
    doc = make(labels={1: "x"})
    assert problems(doc) == []
    doc = make(scaling={"kind": "fixed", "instances": 10**30})
    assert only(doc).family == "range"


def test_one_problem_per_mistake_in_a_messy_pod() -> None:
    doc = with_container(
        name="Web",
        resources={"cpus": "1", "mem": -1},
        endpoints=[{"name": "x", "hostPort": 70000, "protocol": "tcp"}],
    )
    found = problems(doc)
    assert sorted((p.family, p.pointer) for p in found) == [
        ("pattern", "/containers/0/name"),
        ("range", "/containers/0/endpoints/0/hostPort"),
        ("range", "/containers/0/resources/mem"),
        ("type", "/containers/0/endpoints/0/protocol"),
        ("type", "/containers/0/resources/cpus"),
    ]


def test_check_is_memoised_per_document_and_follows_the_profile() -> None:
    doc = with_container(resourceLimits={"cpus": 2})
    ctx = Context(ClusterProfile(marathon_version=MarathonVersion.parse("1.9")))
    first = check(doc, ctx)
    assert first == ()
    assert ctx.memo["schema"] is first
    assert check(doc, ctx) is first
    bad = make(containers=[])
    ctx10 = Context(ClusterProfile())
    assert [p.family for p in check(bad, ctx10)] == ["items"]
