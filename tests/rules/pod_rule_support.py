"""Helpers for the pod-level rule tests: run one rule's ``check`` directly, build small pods."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from podlint.config.profile import profile_from_mapping
from podlint.diagnostics import Finding
from podlint.rule import Context, Rule

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_BASE: dict[str, Any] = {
    "id": "/web",
    "containers": [{"name": "app", "resources": {"cpus": 0.5, "mem": 128}}],
    "networks": [{"mode": "host"}],
}
_RESIDENT: dict[str, Any] = {
    "id": "/data/db",
    "role": "data",
    "containers": [
        {
            "name": "postgres",
            "resources": {"cpus": 1, "mem": 1024},
            "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}],
        }
    ],
    "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
    "networks": [{"mode": "host"}],
}


def pod(**fields: Any) -> dict[str, Any]:
    """A small valid host-network pod, with ``fields`` replaced (``None`` removes a field)."""
    return _merge(_BASE, fields)


def resident_pod(**fields: Any) -> dict[str, Any]:
    """A valid resident pod (a persistent volume) under group ``/data`` with role ``data``."""
    return _merge(_RESIDENT, fields)


def _merge(base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def run(rule: type[Rule], data: Any, profile: dict[str, Any] | None = None) -> list[Finding]:
    """The findings of ``rule`` on ``data`` under a profile given as configuration keys."""
    ctx = Context(profile=profile_from_mapping(profile or {}), options=rule.options())
    return list(rule().check(data, ctx))


def pointers(rule: type[Rule], data: Any, profile: dict[str, Any] | None = None) -> list[str]:
    return [f.pointer for f in run(rule, data, profile)]


def load_fixture(path: Path) -> tuple[Any, dict[str, Any] | None]:
    """A fixture's data and its sibling profile (``<stem>.profile.json``), if any."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else json.loads(text)
    for name in (f"{path.name}.profile.json", f"{path.stem}.profile.json"):
        sidecar = path.with_name(name)
        if sidecar.exists():
            return data, json.loads(sidecar.read_text(encoding="utf-8"))
    return data, None
