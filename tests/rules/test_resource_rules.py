"""Unit tests of the resource rules: agent fit and quota (with executor overhead, exact Mesos
arithmetic), the executor-overhead note, and resource limits (R43–R45)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.rule import Context
from podlint_rules._pod_helpers import marathon_number, mesos_scalar, pod_resource_sums
from podlint_rules.resource_agent_fit import ResourceExceedsAgent
from podlint_rules.resource_executor_overhead import Options, ResourceExecutorOverhead
from podlint_rules.resource_limits import ResourceLimitInvalid
from podlint_rules.resource_quota import ResourceExceedsQuota
from tests.rules.pod_rule_support import pod, pointers, run


def _containers(*resources: dict[str, object], **fields: object) -> dict[str, object]:
    return pod(
        containers=[{"name": f"c{i}", "resources": r} for i, r in enumerate(resources)], **fields
    )


def test_agent_message_shows_the_arithmetic() -> None:
    data = _containers({"cpus": 0.5, "mem": 128}, {"cpus": 0.45, "mem": 32})
    (finding,) = run(ResourceExceedsAgent, data, {"agent": {"cpus": 1.0}})
    assert finding.pointer == "/containers"
    assert "0.5 + 0.45 cpus + 0.1 executor = 1.05 > agent 1.0" in finding.message


def test_agent_sums_are_exact_thousandths() -> None:
    data = _containers({"cpus": 0.1, "mem": 32}, {"cpus": 0.2, "mem": 32})
    assert run(ResourceExceedsAgent, data, {"agent": {"cpus": 0.4}}) == []
    assert run(ResourceExceedsAgent, data, {"agent": {"cpus": 0.399}})
    # Mesos keeps three decimals: 0.0004 rounds away.
    tiny = _containers({"cpus": 0.3004, "mem": 32})
    assert run(ResourceExceedsAgent, tiny, {"agent": {"cpus": 0.4}}) == []


def test_agent_uses_marathon_defaults() -> None:
    data = _containers({})
    findings = run(ResourceExceedsAgent, data, {"agent": {"cpus": 1.0, "mem": 150, "disk": 5}})
    messages = [f.message for f in findings]
    assert [f.pointer for f in findings] == ["/containers/0/resources"] * 3
    assert "1.0 (default) cpus + 0.1 executor = 1.1 > agent 1.0" in messages[0]
    assert "128.0 (default) MiB mem + 32.0 executor = 160.0 > agent 150.0" in messages[1]
    assert "0.0 (default) MiB disk + 10.0 executor = 10.0 > agent 5.0" in messages[2]


def test_agent_single_container_pointer_and_executor_override() -> None:
    data = _containers({"cpus": 1.0, "mem": 32}, executorResources={"cpus": 0.5})
    assert pointers(ResourceExceedsAgent, data, {"agent": {"cpus": 1.2}}) == [
        "/containers/0/resources/cpus"
    ]


def test_agent_gpus_and_unknown_capacity() -> None:
    data = _containers({"cpus": 0.1, "mem": 32, "gpus": 2})
    (finding,) = run(ResourceExceedsAgent, data, {"agent": {"gpus": 1}})
    assert "2 gpus > agent 1" in finding.message
    assert run(ResourceExceedsAgent, data, {"agent": {"cpus": 8}}) == []
    assert run(ResourceExceedsAgent, data) == []


def test_unreadable_amounts_are_skipped() -> None:
    data = _containers({"cpus": "lots", "mem": 32})
    findings = run(ResourceExceedsAgent, data, {"agent": {"cpus": 0.1, "mem": 1}})
    assert [f.message.split(":")[0] for f in findings] == [
        "one instance of this pod needs more mem than the largest agent has"
    ]
    assert "cpus" not in pod_resource_sums(data)


def test_quota_multiplies_instances() -> None:
    data = _containers({"cpus": 0.25, "mem": 128}, scaling={"kind": "fixed", "instances": 3})
    (finding,) = run(ResourceExceedsQuota, data, {"quota": {"*": {"cpus": 1.0}}})
    assert finding.pointer == "/scaling/instances"
    assert "3 instance(s) × (0.25 cpus + 0.1 executor = 0.35) = 1.05 cpus > quota 1.0" in (
        finding.message
    )
    data["scaling"] = {"kind": "fixed", "instances": 2}
    assert run(ResourceExceedsQuota, data, {"quota": {"*": {"cpus": 1.0}}}) == []


def test_quota_follows_the_pod_role() -> None:
    data = _containers({"cpus": 1, "mem": 128}, id="/shop/web", role="shop")
    quota = {"quota": {"shop": {"cpus": 1}, "*": {"cpus": 100}}}
    (finding,) = run(ResourceExceedsQuota, data, quota)
    assert 'role "shop"' in finding.message
    # Before 1.9 there is no pod role: Marathon's own role counts.
    assert run(ResourceExceedsQuota, data, {**quota, "marathon_version": "1.8"}) == []
    # A group that enforces its role gives pods without a role the group's role.
    no_role = _containers({"cpus": 1, "mem": 128}, id="/shop/web")
    assert run(ResourceExceedsQuota, no_role, {**quota, "enforce_role_groups": ["shop"]})


def test_quota_zero_instances() -> None:
    data = _containers({"cpus": 8}, scaling={"kind": "fixed", "instances": 0})
    assert run(ResourceExceedsQuota, data, {"quota": {"*": {"cpus": 1}}}) == []


def test_executor_overhead_silent_without_a_raised_executor() -> None:
    # Absent or at Marathon's minimums: nothing to take back, however tiny the pod.
    tiny = _containers({"cpus": 0.1, "mem": 32})
    assert run(ResourceExecutorOverhead, tiny) == []
    at_minimums = _containers(
        {"cpus": 0.1, "mem": 32}, executorResources={"cpus": 0.1, "mem": 32, "disk": 10}
    )
    assert run(ResourceExecutorOverhead, at_minimums, {"agent": {"cpus": 0.15}}) == []


def test_executor_overhead_large_share() -> None:
    explicit = _containers({"cpus": 1, "mem": 512}, executorResources={"cpus": 0.6})
    (finding,) = run(ResourceExecutorOverhead, explicit)
    assert finding.pointer == "/executorResources/cpus"
    assert "38% of what each instance reserves (1.6 cpus)" in finding.message
    # A quarter or less of the instance is not reported.
    modest = _containers({"cpus": 1, "mem": 512}, executorResources={"cpus": 0.3})
    assert run(ResourceExecutorOverhead, modest) == []
    # Containers ask for no disk by default: a raised executor disk is no share worth a note.
    disk = _containers({"cpus": 1, "mem": 512}, executorResources={"disk": 50})
    assert run(ResourceExecutorOverhead, disk) == []


def test_executor_overhead_share_option() -> None:
    modest = _containers({"cpus": 1, "mem": 512}, executorResources={"cpus": 0.3})
    ctx = Context(profile=profile_from_mapping({}), options=Options(max_share=0.2))
    assert [f.pointer for f in ResourceExecutorOverhead().check(modest, ctx)] == [
        "/executorResources/cpus"
    ]


def test_executor_overhead_share_option_is_a_fraction() -> None:
    with pytest.raises(ValueError, match="max_share"):
        Options(max_share=25)


def test_executor_overhead_decides_agent_fit() -> None:
    data = _containers({"cpus": 1, "mem": 900}, executorResources={"mem": 100})
    (finding,) = run(ResourceExecutorOverhead, data, {"agent": {"mem": 990}})
    assert "with the minimum it would fit" in finding.message
    # Too large even with the minimum executor: that is resource-exceeds-agent's finding alone.
    assert run(ResourceExecutorOverhead, data, {"agent": {"mem": 920}}) == []
    assert run(ResourceExceedsAgent, data, {"agent": {"mem": 920}})


def test_executor_overhead_decides_quota_fit() -> None:
    data = _containers(
        {"cpus": 4, "mem": 128},
        executorResources={"cpus": 0.2},
        scaling={"kind": "fixed", "instances": 4},
    )
    (finding,) = run(ResourceExecutorOverhead, data, {"quota": {"*": {"cpus": 16.5}}})
    assert "4 instance(s) need 16.8 cpus, more than the role's quota of 16.5" in finding.message
    assert run(ResourceExecutorOverhead, data, {"quota": {"*": {"cpus": 17}}}) == []


def test_limits_below_request() -> None:
    data = pod(
        containers=[
            {
                "name": "a",
                "resources": {"cpus": 1, "mem": 256},
                "resourceLimits": {"cpus": 0.5, "mem": 256},
            }
        ]
    )
    (finding,) = run(ResourceLimitInvalid, data)
    assert finding.pointer == "/containers/0/resourceLimits/cpus"
    assert "cpus limit 0.5 is below the requested 1.0" in finding.message


def test_limits_default_request_and_strings() -> None:
    data = pod(
        containers=[{"name": "a", "resources": {}, "resourceLimits": {"mem": 100, "cpus": "max"}}]
    )
    findings = run(ResourceLimitInvalid, data)
    assert [f.pointer for f in findings] == [
        "/containers/0/resourceLimits/cpus",
        "/containers/0/resourceLimits/mem",
    ]
    assert "'max' is not a valid cpus limit" in findings[0].message
    assert "requested 128.0" in findings[1].message
    upper = pod(
        containers=[{"name": "a", "resources": {}, "resourceLimits": {"cpus": "UNLIMITED"}}]
    )
    (fixable,) = run(ResourceLimitInvalid, upper)
    assert fixable.fix is not None


def test_limits_with_legacy_cgroups_and_versions() -> None:
    data = pod(
        legacySharedCgroups=True,
        containers=[{"name": "a", "resources": {}, "resourceLimits": {}}],
    )
    assert pointers(ResourceLimitInvalid, data) == ["/containers/0/resourceLimits"]
    assert run(ResourceLimitInvalid, data, {"marathon_version": "1.9"}) == []


def test_number_formatting() -> None:
    assert marathon_number(Decimal("1.000")) == "1.0"
    assert marathon_number(0.45) == "0.45"
    assert marathon_number(128) == "128.0"
    assert mesos_scalar(0.0005) == Decimal("0.001")
    assert mesos_scalar(True) is None
