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


def test_every_toml_spelling_example_loads(tmp_path: Path) -> None:
    blocks = _blocks("toml")
    assert len(blocks) >= 2
    for i, text in enumerate(blocks):
        folder = tmp_path / str(i)
        folder.mkdir()
        (folder / "pyproject.toml").write_text(text)
        settings = ConfigResolver(registry()).settings_for(str(folder / "x.json"))
        assert settings.config_file == str(folder / "pyproject.toml")
        assert settings.fail_on.value == "error"
        assert settings.profile.marathon_version.line == "1.9"


# Configurations that put each mistake of the "Errors" example on the line it shows.
_ERROR_CONFIGS = {
    7: "# \n" * 6 + "slect: [PL2]\n",
    12: "# \n" * 9 + "rules:\n  required-labels:\n    lables: [team]\n",
    15: "# \n" * 13 + "rules:\n  pod-id-pattern: {pattern: '(['}\n",
}


def test_error_examples_are_what_podlint_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from podlint.cli import main

    console = next(
        b for b in re.findall(r"```console\n(.*?)```", DOC.read_text(), re.S) if "slect" in b
    )
    shown = [line for line in console.splitlines() if line.startswith("podlint: error:")]
    assert len(shown) == len(_ERROR_CONFIGS)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pods").mkdir()
    (tmp_path / "pods" / "web.json").write_text('{"id": "/web"}')
    for line in shown:
        number = int(re.search(r"\.podlint\.yaml:(\d+):", line).group(1))  # type: ignore[union-attr]
        (tmp_path / ".podlint.yaml").write_text(_ERROR_CONFIGS[number])
        assert main(["check", "pods/"]) == 2
        printed = capsys.readouterr().err.strip()
        pattern = ".*".join(re.escape(part) for part in line.split("…"))
        assert re.fullmatch(pattern, printed), (line, printed)
