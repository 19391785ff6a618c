"""The container-level rules on the real-world corpus: they never crash, and they find the defects
the corpus notes describe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from podlint_rules.health_check_timeout import HealthCheckTimeout
from podlint_rules.unknown_volume_mount import UnknownVolumeMount
from tests.conftest import shared_path
from tests.rules._container_support import run
from tests.rules.test_container_parity import CONTAINER_RULES


def _pods(folder: str) -> list[tuple[str, Any]]:
    pods = []
    for path in sorted(shared_path("corpus", folder).glob("*.json")):
        try:
            pods.append((path.name, json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, UnicodeDecodeError):
            continue  # files that are not JSON are the loader's business
    return pods


@pytest.mark.parametrize("folder", ["real", "docs", "seed"])
@pytest.mark.parametrize("version", ["1.4", "1.10"])
def test_rules_never_crash_on_the_corpus(folder: str, version: str) -> None:
    for name, data in _pods(folder):
        for rule in CONTAINER_RULES:
            findings = run(rule, data, marathon_version=version)
            assert all(f.pointer.startswith("/") or f.pointer == "" for f in findings), name


def test_docs_complete_pod_mounts_env_but_declares_etc() -> None:
    path: Path = shared_path("corpus", "docs", "041-marathon-pods-complete-pod-host-network.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    [finding] = run(UnknownVolumeMount, data)
    assert "did you mean `etc`?" in finding.message
    [timeout] = run(HealthCheckTimeout, data)
    assert "intervalSeconds 2" in timeout.message
