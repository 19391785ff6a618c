"""Unit tests of the pod-level rules: ids, user, scheduling ranges, endpoints, residency, secrets,
linuxInfo and strict mode."""

from __future__ import annotations

from podlint.config.profile import profile_from_mapping
from podlint.diagnostics import FixOp
from podlint.rule import Context
from podlint_rules.pod_endpoints_unique import PodEndpointsNotUnique
from podlint_rules.pod_id import PodIdInvalid
from podlint_rules.pod_id_dns_length import DnsLengthOptions, PodIdDnsLength
from podlint_rules.pod_linux_info import PodLinuxInfoInvalid
from podlint_rules.pod_resident_unreachable import ResidentPodUnreachable
from podlint_rules.pod_resident_upgrade import ResidentPodUpgrade
from podlint_rules.pod_scheduling_ranges import PodSchedulingOutOfRange
from podlint_rules.pod_secret_declarations import PodSecretDeclarationEmpty
from podlint_rules.pod_secret_references import PodSecretUndefined
from podlint_rules.pod_secrets_feature import PodSecretsFeatureDisabled
from podlint_rules.pod_user import PodUserEmpty
from podlint_rules.strict_mode import StrictSecurityMode
from tests.rules.pod_rule_support import pod, pointers, resident_pod, run

V14 = {"marathon_version": "1.4"}
SECRETS = {"features": ["secrets"]}


def test_strict_mode_reports_at_the_root() -> None:
    findings = run(StrictSecurityMode, pod(), {"security_mode": "strict"})
    assert [f.pointer for f in findings] == [""]
    assert "strict security mode" in findings[0].message
    assert run(StrictSecurityMode, pod(), {"security_mode": "permissive"}) == []
    assert run(StrictSecurityMode, pod()) == []


def test_relative_id_has_a_safe_fix() -> None:
    (finding,) = run(PodIdInvalid, pod(id="shop/web"))
    assert finding.pointer == "/id"
    assert "relative" in finding.message
    assert finding.fix is not None
    assert finding.fix.applicability == "safe"
    assert finding.fix.ops == (FixOp("replace", "/id", "/shop/web"),)


def test_id_messages_name_the_problem() -> None:
    (reserved,) = run(PodIdInvalid, pod(id="/shop/restart"))
    assert '"restart"' in reserved.message
    (root,) = run(PodIdInvalid, pod(id="/"))
    assert "no path element" in root.message
    (dots,) = run(PodIdInvalid, pod(id="/a/./b"), V14)
    assert '"."' in dots.message


def test_id_pattern_is_the_schemas_from_1_5() -> None:
    assert run(PodIdInvalid, pod(id="/Shop")) == []
    assert run(PodIdInvalid, pod(id="/a_b")) == []
    (legacy,) = run(PodIdInvalid, pod(id="/a_b"), V14)
    assert 'segment "a_b"' in legacy.message
    # ".." passes the 1.5+ pattern, so R3 is this rule's in every version.
    assert pointers(PodIdInvalid, pod(id="/a/../b")) == ["/id"]


def test_dns_length_boundary_and_option() -> None:
    assert run(PodIdDnsLength, pod(id="/g/" + "a" * 52)) == []  # "aaa…-g" = 54
    (finding,) = run(PodIdDnsLength, pod(id="/g/" + "a" * 53))
    assert "55 characters" in finding.message
    ctx = Context(profile=profile_from_mapping({}), options=DnsLengthOptions(max_length=10))
    assert list(PodIdDnsLength().check(pod(id="/shop/backend"), ctx))


def test_empty_user() -> None:
    assert pointers(PodUserEmpty, pod(user="")) == ["/user"]
    assert run(PodUserEmpty, pod(user=None)) == []


def test_scheduling_ranges_only_in_1_4() -> None:
    data = pod(
        scheduling={"backoff": {"backoff": -1}, "upgrade": {"minimumHealthCapacity": 2}},
        scaling={"kind": "fixed", "instances": -3},
    )
    assert pointers(PodSchedulingOutOfRange, data, V14) == [
        "/scheduling/backoff/backoff",
        "/scheduling/upgrade/minimumHealthCapacity",
        "/scaling/instances",
    ]
    messages = [f.message for f in run(PodSchedulingOutOfRange, data, V14)]
    assert "backoff is -1.0 but must be 0.0 or more" in messages[0]
    assert "between 0.0 and 1.0" in messages[1]
    assert run(PodSchedulingOutOfRange, data) == []


def _endpoints(*per_container: list[dict[str, object]]) -> dict[str, object]:
    return pod(
        containers=[
            {"name": f"c{i}", "resources": {}, "endpoints": eps}
            for i, eps in enumerate(per_container)
        ]
    )


def test_endpoint_duplicates_are_reported_at_the_second() -> None:
    data = _endpoints([{"name": "http", "hostPort": 80}], [{"name": "http", "hostPort": 80}])
    findings = run(PodEndpointsNotUnique, data)
    assert [f.pointer for f in findings] == [
        "/containers/1/endpoints/0/name",
        "/containers/1/endpoints/0/hostPort",
    ]
    assert 'container "c0"' in findings[0].message
    assert "ENDPOINT_HTTP" in findings[0].message


def test_zero_ports_are_dynamic_except_1_4_container_ports() -> None:
    data = _endpoints(
        [{"name": "a", "containerPort": 0, "hostPort": 0}],
        [{"name": "b", "containerPort": 0, "hostPort": 0}],
    )
    assert run(PodEndpointsNotUnique, data) == []
    assert pointers(PodEndpointsNotUnique, data, V14) == ["/containers/1/endpoints/0/containerPort"]


def test_resident_upgrade() -> None:
    assert run(ResidentPodUpgrade, resident_pod()) == []
    over = resident_pod(scheduling={"upgrade": {"maximumOverCapacity": 0.25}})
    (finding,) = run(ResidentPodUpgrade, over)
    assert "0.25" in finding.message
    assert finding.fix is not None
    partial = resident_pod(scheduling={"upgrade": {"minimumHealthCapacity": 0.5}})
    assert pointers(ResidentPodUpgrade, partial) == ["/scheduling/upgrade"]
    # Before 1.6 a "persistent" volume is not one: the pod is not resident.
    assert run(ResidentPodUpgrade, over, {"marathon_version": "1.5"}) == []
    # A malformed persistent part falls back to another volume type (union order).
    broken = resident_pod(
        volumes=[{"name": "pgdata", "persistent": {"size": -1}}],
        scheduling={"upgrade": {"maximumOverCapacity": 1}},
    )
    assert run(ResidentPodUpgrade, broken) == []


def test_resident_unreachable() -> None:
    obj = resident_pod(scheduling={"unreachableStrategy": {"expungeAfterSeconds": 5}})
    assert pointers(ResidentPodUnreachable, obj) == ["/scheduling/unreachableStrategy"]
    for value in ("disabled", "enabled", None):
        data = resident_pod(scheduling={"unreachableStrategy": value})
        assert run(ResidentPodUnreachable, data) == []


def test_pod_linux_info() -> None:
    data = pod(linuxInfo={"seccomp": {}, "ipcInfo": {"mode": "Share_Parent", "shmSize": 16}})
    assert pointers(PodLinuxInfoInvalid, data) == [
        "/linuxInfo/seccomp",
        "/linuxInfo/ipcInfo/shmSize",
    ]
    assert run(PodLinuxInfoInvalid, data, {"marathon_version": "1.8"}) == []
    assert run(PodLinuxInfoInvalid, pod(linuxInfo={"seccomp": None})) == []


def test_secrets_need_the_feature() -> None:
    data = pod(
        secrets={"db": {"source": "d"}},
        environment={"DB": {"secret": "db"}, "PLAIN": "x"},
        volumes=[{"name": "v", "secret": "db"}],
    )
    assert pointers(PodSecretsFeatureDisabled, data) == [
        "/secrets",
        "/environment/DB",
        "/volumes/0/secret",
    ]
    assert run(PodSecretsFeatureDisabled, data, SECRETS) == []
    assert pointers(PodSecretsFeatureDisabled, data, V14) == ["/secrets", "/environment/DB"]


def test_undefined_secrets_suggest_a_declared_one() -> None:
    data = pod(
        secrets={"db-password": {"source": "d"}},
        environment={"DB": {"secret": "db-pasword"}},
        volumes=[{"name": "v", "secret": "tls"}],
    )
    findings = run(PodSecretUndefined, data, SECRETS)
    assert [f.pointer for f in findings] == ["/environment/DB/secret", "/volumes/0/secret"]
    assert 'did you mean "db-password"' in findings[0].message
    assert 'declared secrets: "db-password"' in findings[1].message


def test_env_var_names_with_slashes_are_escaped_in_pointers() -> None:
    data = pod(environment={"A/B": {"secret": "x"}})
    assert pointers(PodSecretUndefined, data, SECRETS) == ["/environment/A~1B/secret"]


def test_secret_declarations() -> None:
    findings = run(PodSecretDeclarationEmpty, pod(secrets={"": {"source": "x"}}))
    assert [(f.pointer, f.target) for f in findings] == [("/secrets/", "key")]
    empty_source = pod(secrets={"db": {"source": ""}})
    assert pointers(PodSecretDeclarationEmpty, empty_source, V14) == ["/secrets/db/source"]
    assert run(PodSecretDeclarationEmpty, empty_source) == []  # error.minLength: the schema's
