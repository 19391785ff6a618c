"""The configuration examples in docs/configuration.md are valid configuration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podlint.config.discovery import ConfigResolver
from podlint.config.settings import active_rules
from tests.conftest import REPO
from tests.ruletest import registry

DOC = REPO / "docs" / "configuration.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_organisation_example_and_team_file_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    org = next(b for b in _blocks("yaml") if "podlint-org.yaml" in b.splitlines()[0])
    team = next(b for b in _blocks("yaml") if b.startswith("# .podlint.yaml in the payments"))
    (tmp_path / "platform-config").mkdir()
    (tmp_path / "platform-config" / "podlint-org.yaml").write_text(org)
    (tmp_path / "payments").mkdir()
    (tmp_path / "payments" / ".podlint.yaml").write_text(team)
    settings = ConfigResolver(registry()).settings_for(str(tmp_path / "payments" / "web.json"))
    active = {a.rule.name: a for a in active_rules(settings, registry().rules)}
    assert "health-check-required" not in active
    assert active["max-resources"].options.mem == 65536
    assert active["max-resources"].options.cpus == 8
    assert active["allowed-network-modes"].severity.value == "warning"
    assert {"required-labels", "allowed-registries", "pod-id-pattern"} <= set(active)


def test_pyproject_example_loads(tmp_path: Path) -> None:
    text = _blocks("toml")[0]
    (tmp_path / "pyproject.toml").write_text(text)
    settings = ConfigResolver(registry()).settings_for(str(tmp_path / "x.json"))
    assert settings.rules["required-labels"].options == {"labels": ["team"]}
    assert settings.profile.marathon_version.line == "1.9"
