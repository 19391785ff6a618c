"""Placeholders left in a definition: reported once, by the rule that can say the most."""

from __future__ import annotations

import json
from typing import Any

import pytest

from podlint.config.profile import profile_from_mapping
from podlint.config.settings import Settings
from podlint.diagnostics import Diagnostic
from podlint.engine import Linter
from tests.ruletest import registry


def _lint(pod: Any, version: str = "1.10", filename: str = "pod.json") -> list[Diagnostic]:
    settings = Settings(profile=profile_from_mapping({"marathon_version": version}))
    text = json.dumps(pod, indent=2)
    return Linter(registry()).lint_bytes(text.encode(), filename, settings).diagnostics


def _pod(**extra: Any) -> dict[str, Any]:
    pod: dict[str, Any] = {
        "id": "/web",
        "networks": [{"mode": "host"}],
        "containers": [
            {
                "name": "web",
                "resources": {"cpus": 0.5, "mem": 256},
                "image": {"kind": "DOCKER", "id": "nginx:1.25"},
            }
        ],
    }
    pod.update(extra)
    return pod


def test_a_placeholder_marathon_rejects_is_named_in_the_error_help() -> None:
    diagnostics = _lint(_pod(id="/prod/<app-name>"))
    (diag,) = [d for d in diagnostics if d.pointer == "/id"]
    assert diag.code == "PL104"
    assert diag.help is not None
    assert diag.help.startswith("Replace the placeholder `<app-name>` with the real value.")


def test_a_placeholder_marathon_accepts_is_a_warning() -> None:
    pod = _pod()
    pod["containers"][0]["image"]["id"] = "<your/private/image>"
    (diag,) = [d for d in _lint(pod) if d.pointer == "/containers/0/image/id"]
    assert (diag.code, diag.severity.value) == ("PL413", "warning")
    assert "`<your/private/image>`" in diag.message


@pytest.mark.parametrize(
    "shell",
    ["cat <input.txt | sort >out.txt", "echo ${HOME}", "test {{x}}"],
)
def test_commands_are_not_searched(shell: str) -> None:
    pod = _pod()
    pod["containers"][0]["exec"] = {"command": {"shell": shell}}
    assert [d for d in _lint(pod) if d.code == "PL413"] == []


def test_environment_values_are_searched_for_angle_brackets_only() -> None:
    pod = _pod()
    pod["containers"][0]["environment"] = {"OPTS": "-Xmx${HEAP}m", "KEY": "<api key>"}
    found = [d.pointer for d in _lint(pod) if d.code == "PL413"]
    assert found == ["/containers/0/environment/KEY"]


def _not_a_pod(data: Any, filename: str = "file.json") -> str:
    result = Linter(registry()).lint_bytes(json.dumps(data).encode(), filename, Settings())
    (diag,) = [d for d in result.diagnostics if d.name == "not-a-pod"]
    return diag.message


def test_a_group_holding_pods_says_marathon_ignores_them() -> None:
    group = {"id": "/shop", "apps": [], "pods": [_pod(id="/shop/web")]}
    message = _not_a_pod(group)
    assert "Marathon group definition (/v2/groups) with 1 pod(s)" in message
    assert "ignores `pods`" in message


def test_a_kubernetes_manifest_is_named_as_such() -> None:
    manifest = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {}}
    assert _not_a_pod(manifest).startswith(
        "this is a Kubernetes manifest (`kind: Pod`): podlint checks Marathon pods"
    )
