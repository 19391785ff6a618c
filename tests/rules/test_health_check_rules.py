"""Health-check rules: endpoint references (R59), probe kind (R56), timeout (R55), exec (R61/P9)."""

from __future__ import annotations

import pytest

from podlint_rules.health_check_endpoint import HealthCheckEndpoint
from podlint_rules.health_check_exec_unsupported import HealthCheckExecUnsupported
from podlint_rules.health_check_kind import HealthCheckKind
from podlint_rules.health_check_timeout import HealthCheckTimeout
from tests.rules._container_support import ctr, pod, pointers, run

HC_PTR = "/containers/0/healthCheck/http/endpoint"


def _web(hc: dict, endpoints: list | None = None, name: str = "app") -> dict:
    return ctr(name, endpoints=endpoints if endpoints is not None else [], healthCheck=hc)


class TestHealthCheckEndpoint:
    def test_own_endpoint_passes(self) -> None:
        data = pod(_web({"http": {"endpoint": "web"}}, [{"name": "web", "hostPort": 0}]))
        assert run(HealthCheckEndpoint, data) == []

    def test_endpoint_of_another_container_names_it(self) -> None:
        data = pod(
            _web({"http": {"endpoint": "web"}}),
            ctr("sidecar", endpoints=[{"name": "web", "hostPort": 0}]),
        )
        [finding] = run(HealthCheckEndpoint, data)
        assert finding.pointer == HC_PTR
        assert finding.message.startswith("`web` is an endpoint of container `sidecar`; a health")
        assert "own container" in finding.message
        assert finding.fix is None

    def test_other_container_plus_close_own_name(self) -> None:
        data = pod(
            _web({"http": {"endpoint": "web"}}, [{"name": "webs", "hostPort": 0}]),
            ctr("sidecar", endpoints=[{"name": "web", "hostPort": 0}]),
        )
        [finding] = run(HealthCheckEndpoint, data)
        assert "container `sidecar`" in finding.message
        assert finding.fix is not None
        assert finding.fix.ops[0].value == "webs"

    def test_close_name_suggested_with_unsafe_fix(self) -> None:
        data = pod(_web({"tcp": {"endpoint": "wbe"}}, [{"name": "web", "hostPort": 0}]))
        [finding] = run(HealthCheckEndpoint, data)
        assert finding.pointer == "/containers/0/healthCheck/tcp/endpoint"
        assert "did you mean `web`?" in finding.message
        assert finding.fix is not None
        assert finding.fix.applicability == "unsafe"
        op = finding.fix.ops[0]
        assert (op.kind, op.pointer, op.value) == ("replace", finding.pointer, "web")

    def test_container_without_endpoints(self) -> None:
        data = pod(ctr(healthCheck={"http": {"endpoint": "web"}}))
        [finding] = run(HealthCheckEndpoint, data)
        assert "declares no endpoints" in finding.message

    def test_unrelated_name_lists_own_endpoints(self) -> None:
        data = pod(_web({"http": {"endpoint": "metrics"}}, [{"name": "web", "hostPort": 0}]))
        [finding] = run(HealthCheckEndpoint, data)
        assert "it declares `web`" in finding.message
        assert finding.fix is None

    @pytest.mark.parametrize("ref", ["Web_1", "", 7, None])
    def test_malformed_or_missing_names_are_left_to_schema(self, ref: object) -> None:
        assert run(HealthCheckEndpoint, pod(ctr(healthCheck={"http": {"endpoint": ref}}))) == []

    def test_exec_health_check_and_garbage_ignored(self) -> None:
        data = pod(ctr(healthCheck={"exec": {"command": {"shell": "true"}}}), "x", ctr("b"))
        data["containers"].append({"name": "c", "healthCheck": "nope"})
        assert run(HealthCheckEndpoint, data) == []


class TestHealthCheckKind:
    @pytest.mark.parametrize(
        ("hc", "expected"),
        [
            ({"http": {"endpoint": "web"}}, []),
            ({"http": {"endpoint": "web"}, "tcp": None}, []),
            ({}, ["/containers/0/healthCheck"]),
            ({"protocol": "HTTP", "path": "/"}, ["/containers/0/healthCheck"]),
            ({"http": {"endpoint": "web"}, "exec": {}}, ["/containers/0/healthCheck/exec"]),
        ],
    )
    def test_exactly_one_kind(self, hc: dict, expected: list[str]) -> None:
        assert pointers(HealthCheckKind, pod(ctr(healthCheck=hc))) == expected


class TestHealthCheckTimeout:
    @pytest.mark.parametrize(
        ("hc", "pointer", "text"),
        [
            ({"intervalSeconds": 2}, "timeoutSeconds", "timeoutSeconds 20 (the default)"),
            ({"intervalSeconds": 20}, "timeoutSeconds", "not less than intervalSeconds 20"),
            ({"timeoutSeconds": 60}, "timeoutSeconds", "intervalSeconds 60 (the default)"),
            ({"timeoutSeconds": 5, "intervalSeconds": 5}, "timeoutSeconds", "timeoutSeconds 5,"),
        ],
    )
    def test_rejected(self, hc: dict, pointer: str, text: str) -> None:
        hc = {"tcp": {"endpoint": "web"}, **hc}
        [finding] = run(HealthCheckTimeout, pod(ctr(healthCheck=hc)))
        assert finding.pointer == f"/containers/0/healthCheck/{pointer}"
        assert text in finding.message

    @pytest.mark.parametrize(
        "hc",
        [
            {},
            {"intervalSeconds": 21},
            {"timeoutSeconds": 59},
            {"timeoutSeconds": 1, "intervalSeconds": 2},
            {"timeoutSeconds": "5", "intervalSeconds": 2},
            {"intervalSeconds": 2.5},
        ],
    )
    def test_accepted_or_unreadable(self, hc: dict) -> None:
        assert run(HealthCheckTimeout, pod(ctr(healthCheck=hc))) == []

    def test_negative_values_left_to_schema_on_1_5_but_compared_on_1_4(self) -> None:
        data = pod(ctr(healthCheck={"intervalSeconds": -1}))
        assert run(HealthCheckTimeout, data) == []
        assert len(run(HealthCheckTimeout, data, marathon_version="1.4")) == 1


class TestHealthCheckExec:
    EXEC = {"exec": {"command": {"shell": "true"}}}

    def test_always_rejected_on_1_4(self) -> None:
        [finding] = run(
            HealthCheckExecUnsupported, pod(ctr(healthCheck=self.EXEC)), marathon_version="1.4"
        )
        assert finding.pointer == "/containers/0/healthCheck/exec"
        assert "Marathon 1.4" in finding.message

    def test_unknown_master_version_is_accepted_on_1_5_plus(self) -> None:
        assert run(HealthCheckExecUnsupported, pod(ctr(healthCheck=self.EXEC))) == []

    @pytest.mark.parametrize(
        ("master", "rejected"),
        [("1.2.9", True), ("1.3.0", False), ("0.28", True), ("1.11.0", False)],
    )
    def test_master_version(self, master: str, rejected: bool) -> None:
        found = run(
            HealthCheckExecUnsupported,
            pod(ctr(healthCheck=self.EXEC)),
            marathon_version="1.6",
            mesos_master_version=master,
        )
        assert bool(found) is rejected
        if rejected:
            assert f"({master})" in found[0].message

    def test_null_exec_is_absent(self) -> None:
        data = pod(ctr(healthCheck={"exec": None, "tcp": {"endpoint": "web"}}))
        assert run(HealthCheckExecUnsupported, data, marathon_version="1.4") == []
