"""Endpoint rules: networkNames (R46), host-mode ports (R47, P6), container-mode containerPort (R48),
duplicate protocols (R49), ambiguous networks (R50), and the accepted-but-broken endpoint cases
(§10.8, §10.9, §10.12)."""

from __future__ import annotations

from typing import Any

import pytest

from podlint_rules.endpoint_bridge_without_container_port import (
    BridgeEndpointWithoutContainerPort,
)
from podlint_rules.endpoint_container_port_missing import EndpointContainerPortMissing
from podlint_rules.endpoint_duplicate_protocol import EndpointDuplicateProtocol
from podlint_rules.endpoint_host_mode_ports import EndpointHostModePorts
from podlint_rules.endpoint_network_names_ambiguous import EndpointNetworkNamesAmbiguous
from podlint_rules.endpoint_protocol_value import EndpointProtocolValue
from podlint_rules.endpoint_unknown_network import EndpointUnknownNetwork
from podlint_rules.endpoint_without_network import EndpointsWithoutNetworks
from tests.rules._container_support import ctr, pod, pointers, run

EP = "/containers/0/endpoints/0"


def with_endpoints(*endpoints: dict[str, Any], networks: Any = None, **fields: Any) -> dict:
    data = pod(ctr(endpoints=list(endpoints)), **fields)
    if networks is None:
        del data["networks"]
    else:
        data["networks"] = networks
    return data


class TestEndpointUnknownNetwork:
    NETS = [{"name": "dcos"}, {"name": "calico", "mode": "CONTAINER"}]

    def test_did_you_mean(self) -> None:
        data = with_endpoints(
            {"name": "h", "containerPort": 80, "networkNames": ["dcos", "calcio"]},
            networks=self.NETS,
        )
        [finding] = run(EndpointUnknownNetwork, data)
        assert finding.pointer == f"{EP}/networkNames/1"
        assert "did you mean `calico`?" in finding.message
        assert finding.fix is not None
        assert finding.fix.ops[0].value == "calico"

    def test_unnamed_network_cannot_be_referenced(self) -> None:
        data = with_endpoints(
            {"name": "h", "containerPort": 80, "networkNames": ["dcos"]}, networks=[{}]
        )
        [finding] = run(EndpointUnknownNetwork, data, default_network_name="dcos")
        assert "name no network" in finding.message

    def test_1_4_ignores_network_names(self) -> None:
        data = with_endpoints({"name": "h", "networkNames": ["x"]}, networks=self.NETS)
        assert run(EndpointUnknownNetwork, data, marathon_version="1.4") == []

    def test_declared_names_pass(self) -> None:
        data = with_endpoints({"name": "h", "networkNames": ["calico", 3]}, networks=self.NETS)
        assert run(EndpointUnknownNetwork, data) == []


class TestEndpointHostModePorts:
    def test_container_port_on_host_network(self) -> None:
        data = with_endpoints({"name": "web-1", "containerPort": 80}, networks=[{"mode": "HOST"}])
        [finding] = run(EndpointHostModePorts, data)
        assert finding.pointer == f"{EP}/containerPort"
        assert "$ENDPOINT_WEB_1" in (finding.help or "")

    def test_null_container_port_is_absent(self) -> None:
        data = with_endpoints({"name": "w", "containerPort": None}, networks=[{"mode": "host"}])
        assert run(EndpointHostModePorts, data) == []

    def test_1_4_requires_host_port(self) -> None:
        data = with_endpoints({"name": "w"}, networks=[{"mode": "host"}])
        assert run(EndpointHostModePorts, data) == []
        assert pointers(EndpointHostModePorts, data, marathon_version="1.4") == [f"{EP}/hostPort"]

    def test_not_host_mode(self) -> None:
        data = with_endpoints({"name": "w", "containerPort": 80}, networks=[{"name": "dcos"}])
        assert run(EndpointHostModePorts, data) == []


class TestEndpointContainerPortMissing:
    @pytest.mark.parametrize("networks", [[{"name": "dcos"}], [{"mode": "container"}], [{}]])
    def test_container_mode_requires_container_port(self, networks: list) -> None:
        data = with_endpoints({"name": "w", "hostPort": 0}, networks=networks)
        assert pointers(EndpointContainerPortMissing, data) == [f"{EP}/containerPort"]

    @pytest.mark.parametrize(
        "networks", [[{"mode": "host"}], [{"mode": "container/bridge"}], None, [{"mode": 5}]]
    )
    def test_other_modes(self, networks: Any) -> None:
        data = with_endpoints({"name": "w", "hostPort": 0}, networks=networks)
        assert run(EndpointContainerPortMissing, data) == []


class TestEndpointDuplicateProtocol:
    def test_duplicates_get_safe_removal(self) -> None:
        data = with_endpoints({"name": "w", "protocol": ["tcp", "udp", "tcp", "tcp"]})
        findings = run(EndpointDuplicateProtocol, data)
        assert [f.pointer for f in findings] == [f"{EP}/protocol/2", f"{EP}/protocol/3"]
        assert all(f.fix and f.fix.applicability == "safe" for f in findings)

    @pytest.mark.parametrize("protocol", [["tcp", "TCP"], "tcp", ["udp"], [1, 1]])
    def test_no_duplicates(self, protocol: Any) -> None:
        assert (
            run(EndpointDuplicateProtocol, with_endpoints({"name": "w", "protocol": protocol}))
            == []
        )


class TestEndpointNetworkNamesAmbiguous:
    NETS = [{"name": "a"}, {"name": "b"}]

    @pytest.mark.parametrize(
        ("endpoint", "pointer"),
        [
            ({"name": "w", "containerPort": 80, "hostPort": 0}, f"{EP}/hostPort"),
            (
                {"name": "w", "containerPort": 80, "hostPort": 0, "networkNames": ["a", "b"]},
                f"{EP}/networkNames",
            ),
        ],
    )
    def test_rejected(self, endpoint: dict, pointer: str) -> None:
        assert pointers(
            EndpointNetworkNamesAmbiguous, with_endpoints(endpoint, networks=self.NETS)
        ) == [pointer]

    @pytest.mark.parametrize(
        ("endpoint", "networks", "version"),
        [
            (
                {"name": "w", "containerPort": 80, "hostPort": 0, "networkNames": ["a"]},
                NETS,
                "1.10",
            ),
            ({"name": "w", "containerPort": 80}, NETS, "1.10"),
            ({"name": "w", "containerPort": 80, "hostPort": 0}, [{"name": "a"}], "1.10"),
            ({"name": "w", "containerPort": 80, "hostPort": 0}, NETS, "1.4"),
        ],
    )
    def test_accepted(self, endpoint: dict, networks: list, version: str) -> None:
        data = with_endpoints(endpoint, networks=networks)
        assert run(EndpointNetworkNamesAmbiguous, data, marathon_version=version) == []


class TestEndpointsWithoutNetworks:
    def test_missing_networks(self) -> None:
        data = with_endpoints({"name": "w", "hostPort": 0})
        assert pointers(EndpointsWithoutNetworks, data) == ["/containers/0/endpoints"]

    def test_empty_networks_get_a_fix(self) -> None:
        [finding] = run(EndpointsWithoutNetworks, with_endpoints({"name": "w"}, networks=[]))
        assert finding.pointer == "/networks"
        assert finding.fix is not None
        assert finding.fix.ops[0].value == [{"mode": "host"}]

    def test_fine(self) -> None:
        assert (
            run(
                EndpointsWithoutNetworks, with_endpoints({"name": "w"}, networks=[{"mode": "host"}])
            )
            == []
        )
        assert run(EndpointsWithoutNetworks, pod(networks=[])) == []
        assert (
            run(EndpointsWithoutNetworks, with_endpoints({"name": "w"}), marathon_version="1.4")
            == []
        )


class TestBridgeEndpointWithoutContainerPort:
    def test_bridge(self) -> None:
        nets = [{"mode": "container/bridge"}]
        data = with_endpoints({"name": "w", "hostPort": 0}, networks=nets)
        assert pointers(BridgeEndpointWithoutContainerPort, data) == [f"{EP}/containerPort"]
        ok = with_endpoints({"name": "w", "containerPort": 80}, networks=nets)
        assert run(BridgeEndpointWithoutContainerPort, ok) == []


class TestEndpointProtocolValue:
    def test_values_and_fixes(self) -> None:
        data = with_endpoints({"name": "w", "protocol": ["tcp", "HTTP", "UDP", "sctp", "TCP"]})
        findings = run(EndpointProtocolValue, data)
        assert [f.pointer for f in findings] == [
            f"{EP}/protocol/1",
            f"{EP}/protocol/2",
            f"{EP}/protocol/3",
            f"{EP}/protocol/4",
        ]
        http, udp, sctp, tcp = (f.fix for f in findings)
        # `HTTP` -> `tcp` would duplicate the listed `tcp`: remove instead.
        assert http is not None
        assert http.applicability == "unsafe"
        assert http.ops[0].kind == "remove"
        assert udp is not None
        assert udp.applicability == "safe"
        assert udp.ops[0].value == "udp"
        assert sctp is None
        assert tcp is not None
        assert tcp.ops[0].kind == "remove"

    def test_canonical_values_pass(self) -> None:
        assert (
            run(EndpointProtocolValue, with_endpoints({"name": "w", "protocol": ["tcp", "udp"]}))
            == []
        )
