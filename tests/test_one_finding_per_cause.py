"""One problem, one finding: where two rules see the same cause, one reports it and the other is quiet.

The pairs below were found by linting every rule fixture and the public corpora for each Marathon
line and listing findings of different rules on the same span. The sweep at the end keeps it so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from tests.ruletest import FIXTURES, registry, sidecar

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _lint(pod: dict[str, Any], version: str, **profile: Any) -> list[Diagnostic]:
    settings = Settings(profile=profile_from_mapping({"marathon_version": version, **profile}))
    text = json.dumps(pod, indent=2)
    return Linter(registry()).lint_bytes(text.encode(), "pod.json", settings).diagnostics


def _codes_at(diagnostics: list[Diagnostic], pointer: str) -> list[str]:
    return sorted(d.code for d in diagnostics if d.pointer == pointer)


def _pod(**extra: Any) -> dict[str, Any]:
    pod: dict[str, Any] = {
        "id": "/app",
        "containers": [
            {
                "name": "app",
                "resources": {"cpus": 0.1, "mem": 64},
                "image": {"kind": "DOCKER", "id": "nginx:1.25"},
                "volumeMounts": [{"name": "data", "mountPath": "/data"}],
            }
        ],
    }
    pod.update(extra)
    return pod


@pytest.mark.parametrize(
    ("version", "volume", "marker"),
    [
        ("1.5", {"name": "data", "persistent": {"size": 10}}, "persistent"),
        ("1.4", {"name": "data", "secret": "db"}, "secret"),
        ("1.10", {"name": "data", "external": {"name": "vol", "provider": "dvdi"}}, "external"),
    ],
)
def test_a_volume_marker_marathon_ignores_is_reported_once(
    version: str, volume: dict[str, Any], marker: str
) -> None:
    diagnostics = _lint(_pod(volumes=[volume]), version, features=["secrets"])
    # volume-silently-ephemeral says what the volume becomes; unknown-key would repeat the cause.
    assert _codes_at(diagnostics, f"/volumes/0/{marker}") == ["PL401"]


def test_unknown_key_still_reports_a_marker_marathon_reads_elsewhere() -> None:
    pod = _pod(volumes=[{"name": "data", "persistant": {"size": 10}}])
    assert _codes_at(_lint(pod, "1.10"), "/volumes/0/persistant") == ["PL110"]


def test_a_secret_with_an_empty_name_is_reported_once() -> None:
    pod = _pod(secrets={"": {"source": "db"}}, volumes=[{"name": "data"}])
    assert _codes_at(_lint(pod, "1.10", features=["secrets"]), "/secrets/") == ["PL212"]


def test_container_port_zero_on_a_host_network_in_1_4_is_reported_once() -> None:
    pod = _pod(networks=[{"mode": "host"}], volumes=[{"name": "data"}])
    pod["containers"][0]["endpoints"] = [{"name": "http", "containerPort": 0, "hostPort": 0}]
    diagnostics = _lint(pod, "1.4")
    # Removing containerPort (PL308's help and fix) resolves it; a range finding would not.
    assert _codes_at(diagnostics, "/containers/0/endpoints/0/containerPort") == ["PL308"]


def test_a_version_marathon_cannot_read_is_reported_once() -> None:
    pod = _pod(version="yesterday", volumes=[{"name": "data"}])
    assert _codes_at(_lint(pod, "1.10"), "/version") == ["PL104"]
    valid = _pod(version="2017-01-03T18:21:19.310Z", volumes=[{"name": "data"}])
    assert _codes_at(_lint(valid, "1.10"), "/version") == ["PL112"]


# Pairs that share a span but not a cause: fixing one leaves the other standing.
DISTINCT_CAUSES = {
    # the secrets feature is off / the volume names a secret the pod does not declare
    ("PL210", "PL211"),
    # the secrets feature is off / pullConfig on an image kind that cannot use it
    ("PL312", "PL314"),
    # the largest agent has fewer GPUs than asked / Marathon does not offer GPUs at all
    ("PL230", "PL404"),
}


def _files() -> list[Path]:
    roots = [FIXTURES] + ([CORPUS] if CORPUS.is_dir() else [])
    return sorted(
        p
        for root in roots
        for p in root.rglob("*")
        if p.suffix in (".json", ".yaml", ".yml")
        and ".expected" not in p.name
        and not p.name.endswith((".profile.json", ".options.json"))
    )


@pytest.mark.parametrize("version", ["1.4", "1.5", "1.6", "1.10"])
def test_no_two_rules_report_the_same_span_for_one_cause(version: str) -> None:
    linter = Linter(registry())
    shared: list[str] = []
    for path in _files():
        profile = {**(sidecar(path, "profile") or {}), "marathon_version": version}
        settings = Settings(profile=profile_from_mapping(profile))
        result = linter.lint_bytes(path.read_bytes(), str(path), settings)
        by_span: dict[tuple[int, Any], set[str]] = defaultdict(set)
        for d in result.diagnostics:
            if d.pointer:  # findings about the whole document are not about one node
                by_span[(d.document, d.span)].add(d.code)
        for (_, span), codes in by_span.items():
            pairs = {(a, b) for a in codes for b in codes if a < b}
            for pair in sorted(pairs - DISTINCT_CAUSES):
                shared.append(f"{path.name}:{span.line}:{span.column} {pair}")
    assert not shared, "findings of two rules on one span:\n" + "\n".join(shared)
