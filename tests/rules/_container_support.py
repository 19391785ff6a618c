"""Helpers for the container-level rule tests: build small pods and run one rule on them directly."""

from __future__ import annotations

import copy
import re
from typing import Any

from podlint.config.profile import profile_from_mapping
from podlint.diagnostics import Finding
from podlint.rule import Context, Rule

FENCE = re.compile(r"```json\n(.*?)```", re.S)


def ctr(name: str = "app", **fields: Any) -> dict[str, Any]:
    """A container that Marathon accepts, with ``fields`` added or replaced."""
    container: dict[str, Any] = {
        "name": name,
        "resources": {"cpus": 0.1, "mem": 32},
        "exec": {"command": {"shell": "sleep 3600"}},
    }
    container.update(fields)
    return container


def pod(*containers: Any, **fields: Any) -> dict[str, Any]:
    """A host-network pod holding ``containers`` (one default container if none); anything goes in
    ``containers``, so tests can mix in values of the wrong type."""
    data: dict[str, Any] = {
        "id": "/test",
        "networks": [{"mode": "host"}],
        "containers": list(containers) or [ctr()],
    }
    data.update(fields)
    return data


def run(rule: type[Rule], data: Any, **profile: Any) -> list[Finding]:
    """The findings of ``rule`` on ``data`` with a profile built from ``profile``; data is not changed."""
    ctx = Context(profile=profile_from_mapping(profile), options=rule.options())
    before = copy.deepcopy(data)
    findings = list(rule().check(data, ctx))
    assert data == before, "rules must not change the pod"
    return findings


def pointers(rule: type[Rule], data: Any, **profile: Any) -> list[str]:
    return [f.pointer for f in run(rule, data, **profile)]
