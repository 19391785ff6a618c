"""Unit tests of the network rules: modes (R22, P4), names (R19–R21, R23, R87, P3, P10) and the
cluster's network list."""

from __future__ import annotations

from podlint_rules.network_cluster import NetworkNotOnCluster
from podlint_rules.network_modes import NetworkModeMix
from podlint_rules.network_names import NetworkNameInvalid
from tests.rules.pod_rule_support import pod, pointers, run

V14 = {"marathon_version": "1.4"}


def test_modes_mixed() -> None:
    (finding,) = run(NetworkModeMix, pod(networks=[{"mode": "host"}, {"name": "dcos"}]))
    assert finding.pointer == "/networks"
    assert "1 container, 1 host" in finding.message


def test_modes_accepted() -> None:
    for networks in (
        [],
        [{"mode": "HOST"}],
        [{"mode": "container/bridge"}],
        [{"name": "a"}, {"mode": "container", "name": "b"}, {"mode": None, "name": "c"}],
    ):
        assert run(NetworkModeMix, pod(networks=networks)) == [], networks
    assert run(NetworkModeMix, pod(networks=None)) == []


def test_modes_in_1_4() -> None:
    assert pointers(NetworkModeMix, pod(networks=None), V14) == ["/networks"]
    assert pointers(NetworkModeMix, pod(networks=[]), V14) == ["/networks"]
    assert run(NetworkModeMix, pod(networks=[{"name": "a"}, {"name": "b"}]), V14) == []
    # container/bridge does not exist in 1.4: an unknown enum literal, the schema layer's finding
    assert run(NetworkModeMix, pod(networks=[{"mode": "container/bridge"}]), V14) == []


def test_unreadable_modes_are_left_to_the_schema() -> None:
    assert run(NetworkModeMix, pod(networks=[{"mode": "overlay"}, {"mode": "host"}])) == []
    assert run(NetworkModeMix, pod(networks=[1, {"mode": "host"}])) == []


def test_unnamed_container_network() -> None:
    (finding,) = run(NetworkNameInvalid, pod(networks=[{"mode": "container"}]))
    assert finding.pointer == "/networks/0"
    assert "Network name must be specified" in finding.message
    assert "default_network_name" in (finding.help or "")
    (legacy,) = run(NetworkNameInvalid, pod(networks=[{}]), V14)
    assert "container network must specify a name" in legacy.message
    assert run(NetworkNameInvalid, pod(networks=[{}]), {"default_network_name": "dcos"}) == []


def test_names_where_none_are_allowed() -> None:
    data = pod(networks=[{"mode": "host", "name": "x", "labels": {"k": "v"}}])
    assert pointers(NetworkNameInvalid, data) == ["/networks/0/name", "/networks/0/labels"]
    bridge = pod(networks=[{"mode": "container/bridge", "name": "x"}])
    assert pointers(NetworkNameInvalid, bridge) == ["/networks/0/name"]


def test_duplicates() -> None:
    data = pod(networks=[{"name": "a"}, {"name": "b"}, {"name": "a"}])
    (finding,) = run(NetworkNameInvalid, data)
    assert finding.pointer == "/networks/2/name"
    assert "first at /networks/0" in finding.message
    two_unnamed = pod(networks=[{}, {}])
    assert pointers(NetworkNameInvalid, two_unnamed, {"default_network_name": "d"}) == [
        "/networks/1"
    ]


def test_1_4_name_pattern() -> None:
    for name in ("my_net", "-a", "A", "a" * 64):
        assert pointers(NetworkNameInvalid, pod(networks=[{"name": name}]), V14) == [
            "/networks/0/name"
        ], name
    assert run(NetworkNameInvalid, pod(networks=[{"name": "a" * 63}]), V14) == []
    assert run(NetworkNameInvalid, pod(networks=[{"name": "my_net"}])) == []


def test_cluster_networks() -> None:
    profile = {"networks": ["dcos", "calico"]}
    (finding,) = run(NetworkNotOnCluster, pod(networks=[{"name": "calcio"}]), profile)
    assert finding.pointer == "/networks/0/name"
    assert 'did you mean "calico"' in finding.message
    assert '"dcos", "calico"' in finding.message
    assert run(NetworkNotOnCluster, pod(networks=[{"name": "dcos"}]), profile) == []
    assert run(NetworkNotOnCluster, pod(networks=[{"name": "x"}])) == []  # no list: unchecked


def test_cluster_networks_and_the_default_name() -> None:
    profile = {"networks": ["dcos"], "default_network_name": "overlay"}
    assert pointers(NetworkNotOnCluster, pod(networks=[{}]), profile) == ["/networks/0"]
    profile = {"networks": ["dcos"], "default_network_name": "dcos"}
    assert run(NetworkNotOnCluster, pod(networks=[{}]), profile) == []
    # host networks need no virtual network
    assert run(NetworkNotOnCluster, pod(), {"networks": []}) == []
