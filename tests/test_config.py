"""Configuration discovery, inheritance, precedence between files and flags, and every key."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from podlint.cli import main
from podlint.config.discovery import ConfigResolver
from podlint.config.settings import SettingsError, active_rules
from podlint.diagnostics import Severity
from podlint.discover import discover
from podlint.engine import Linter
from tests.ruletest import registry

POD = {
    "id": "/shop/web",
    "user": "",
    "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128}}],
    "networks": [{"mode": "host"}],
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def resolver(**kwargs: Any) -> ConfigResolver:
    return ConfigResolver(registry(), **kwargs)


def active_names(r: ConfigResolver, path: Path) -> set[str]:
    return {a.rule.name for a in active_rules(r.settings_for(str(path)), registry().rules)}


def lint(r: ConfigResolver, path: Path, pod: dict[str, Any] | None = None) -> list[str]:
    data = json.dumps(pod or POD, indent=2).encode()
    result = Linter(registry()).lint_bytes(data, str(path), r.settings_for(str(path)))
    return [f"{d.name}:{d.severity.value}" for d in result.diagnostics]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# ---- discovery ------------------------------------------------------------------------------------


def test_no_configuration_gives_defaults(tmp_path: Path) -> None:
    settings = resolver().settings_for(str(tmp_path / "pod.json"))
    assert settings.config_file is None
    assert settings.fail_on is Severity.WARNING
    assert settings.select is None


def test_podlint_yaml_in_the_files_folder(tmp_path: Path) -> None:
    config = write(tmp_path / "pods" / ".podlint.yaml", "fail_on: error\n")
    settings = resolver().settings_for(str(tmp_path / "pods" / "web.json"))
    assert settings.config_file == str(config)
    assert settings.fail_on is Severity.ERROR


def test_found_in_a_parent_folder(tmp_path: Path) -> None:
    config = write(tmp_path / ".podlint.yml", "fail_on: info\n")
    settings = resolver().settings_for(str(tmp_path / "a" / "b" / "c" / "web.json"))
    assert settings.config_file == str(config)
    assert settings.fail_on is Severity.INFO


def test_pyproject_tool_podlint(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.podlint]\nfail_on = "error"\n'
    )
    settings = resolver().settings_for(str(tmp_path / "web.json"))
    assert settings.config_file == str(tmp_path / "pyproject.toml")
    assert settings.fail_on is Severity.ERROR


def test_pyproject_without_podlint_section_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: info\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    settings = resolver().settings_for(str(tmp_path / "sub" / "web.json"))
    assert settings.config_file == str(tmp_path / ".podlint.yaml")


def test_pyproject_nested_rule_tables(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.podlint.rules.required-labels]\nlabels = ["team"]\nseverity = "warning"\n',
    )
    settings = resolver().settings_for(str(tmp_path / "web.json"))
    assert settings.rules["required-labels"].options == {"labels": ["team"]}
    assert settings.rules["required-labels"].severity is Severity.WARNING


def test_podlint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.podlint]\nfail_on = "error"\n')
    write(tmp_path / ".podlint.yaml", "fail_on: info\n")
    assert resolver().settings_for(str(tmp_path / "x.json")).fail_on is Severity.INFO


def test_nearest_wins_and_is_not_merged_with_parents(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\nmax_file_size: 1000\n")
    write(tmp_path / "team" / ".podlint.yaml", "fail_on: info\n")
    settings = resolver().settings_for(str(tmp_path / "team" / "web.json"))
    assert settings.fail_on is Severity.INFO
    assert settings.max_file_size != 1000  # the parent's file does not apply


def test_settings_are_cached_per_folder_and_shared_per_file(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\n")
    r = resolver()
    a = r.settings_for(str(tmp_path / "a" / "x.json"))
    assert r.settings_for(str(tmp_path / "a" / "y.json")) is a
    assert r.settings_for(str(tmp_path / "b" / "z.json")) is a  # same configuration file


def test_config_flag_replaces_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\n")
    chosen = write(tmp_path / "ci" / "strict.yaml", "fail_on: info\n")
    r = resolver(config_file=str(chosen))
    assert r.settings_for(str(tmp_path / "web.json")).fail_on is Severity.INFO
    assert r.config_for(str(tmp_path / "web.json")) == str(chosen)


def test_config_flag_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such file"):
        resolver(config_file=str(tmp_path / "nope.yaml"))


def test_isolated_ignores_configuration_files(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\nslect: [x]\n")
    settings = resolver(isolated=True).settings_for(str(tmp_path / "web.json"))
    assert settings.fail_on is Severity.WARNING
    assert settings.config_file is None


def test_isolated_and_config_exclude_each_other(tmp_path: Path) -> None:
    config = write(tmp_path / "c.yaml", "{}\n")
    with pytest.raises(SettingsError, match="exclude each other"):
        resolver(config_file=str(config), isolated=True)


def test_empty_configuration_file_is_fine(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "# nothing yet\n")
    assert resolver().settings_for(str(tmp_path / "x.json")).fail_on is Severity.WARNING


# ---- extend ---------------------------------------------------------------------------------------


def test_extend_inherits_and_overrides_key_by_key(tmp_path: Path) -> None:
    write(
        tmp_path / "org" / "podlint.yaml",
        "fail_on: info\nmax_file_size: 2048\nrules:\n"
        "  required-labels:\n    labels: [team]\n    severity: warning\n",
    )
    write(
        tmp_path / "repo" / ".podlint.yaml",
        "extend: ../org/podlint.yaml\nfail_on: error\nrules:\n  required-labels:\n"
        "    severity: error\n",
    )
    settings = resolver().settings_for(str(tmp_path / "repo" / "web.json"))
    assert settings.fail_on is Severity.ERROR  # overridden
    assert settings.max_file_size == 2048  # inherited
    rule = settings.rules["required-labels"]
    assert rule.options == {"labels": ["team"]}  # inherited option
    assert rule.severity is Severity.ERROR  # overridden severity
    assert settings.origins["max_file_size"].startswith(os.path.join("org", "podlint.yaml"))


def test_extend_chain_and_cluster_merge(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", "cluster:\n  marathon_version: '1.8'\n  features: [secrets]\n")
    write(tmp_path / "mid.yaml", "extend: base.yaml\ncluster:\n  marathon_version: '1.9'\n")
    write(tmp_path / "repo" / ".podlint.yaml", "extend: ../mid.yaml\n")
    profile = resolver().settings_for(str(tmp_path / "repo" / "x.json")).profile
    assert profile.marathon_version.line == "1.9"
    assert profile.has_feature("secrets")


def test_extend_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "extend: b.yaml\n")
    write(tmp_path / "b.yaml", "extend: a.yaml\n")
    with pytest.raises(SettingsError, match="extends itself"):
        resolver(config_file=str(tmp_path / "a.yaml"))


def test_extend_missing_file_names_the_line(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\nextend: org.yaml\n")
    with pytest.raises(SettingsError, match=r"\.podlint\.yaml:2: extend: no such file"):
        resolver().settings_for(str(tmp_path / "x.json"))


def test_extend_selection_accumulates_and_select_starts_over(tmp_path: Path) -> None:
    write(tmp_path / "org.yaml", "ignore: [pod-user-empty]\nextend_select: [required-labels]\n")
    write(
        tmp_path / "a" / ".podlint.yaml", "extend: ../org.yaml\nextend_select: [image-tag-pinned]\n"
    )
    write(tmp_path / "b" / ".podlint.yaml", "extend: ../org.yaml\nselect: [PL2]\n")
    r = resolver()
    a = active_names(r, tmp_path / "a" / "x.json")
    assert {"required-labels", "image-tag-pinned"} <= a
    assert "pod-user-empty" not in a
    b = active_names(r, tmp_path / "b" / "x.json")
    assert "pod-user-empty" in b  # a later select starts over: the org's ignore no longer applies
    assert "required-labels" not in b


# ---- command line over files -----------------------------------------------------------------------


def test_flags_win_over_files(tmp_path: Path) -> None:
    write(
        tmp_path / ".podlint.yaml",
        "fail_on: error\ninline_suppressions: true\ncluster:\n  marathon_version: '1.8'\n",
    )
    r = resolver(
        overrides={
            "fail_on": "info",
            "inline_suppressions": False,
            "cluster": {"marathon_version": "1.10"},
        }
    )
    settings = r.settings_for(str(tmp_path / "x.json"))
    assert settings.fail_on is Severity.INFO
    assert settings.inline_suppressions is False
    assert settings.profile.marathon_version.line == "1.10"
    assert settings.origins["fail_on"] == "command line (--fail-on)"


def test_select_flag_starts_over_and_ignore_flag_adds(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "ignore: [pod-user-empty]\n")
    selected = resolver(overrides={"select": ["pod-user-empty"]})
    assert active_names(selected, tmp_path / "x.json") == {"pod-user-empty"}
    ignoring = resolver(overrides={"ignore": ["PL201"]})
    names = active_names(ignoring, tmp_path / "x.json")
    assert "pod-user-empty" not in names
    assert "pod-id-invalid" not in names


def test_extend_select_flag_re_enables_what_the_file_ignored(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "ignore: [pod-user-empty]\n")
    r = resolver(overrides={"extend_select": ["pod-user-empty"]})
    assert "pod-user-empty" in active_names(r, tmp_path / "x.json")


def test_unknown_rule_in_select_flag_is_an_error() -> None:
    with pytest.raises(
        SettingsError, match=r"--select: unknown rule 'pod-user-emty'; did you mean"
    ):
        resolver(overrides={"select": ["pod-user-emty"]})


# ---- every key ------------------------------------------------------------------------------------


def test_select_ignore_and_prefixes(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "select: [PL2]\nignore: [PL201]\n")
    names = active_names(resolver(), tmp_path / "x.json")
    assert "pod-user-empty" in names
    assert "pod-id-invalid" not in names
    assert "syntax-error" not in names


def test_most_specific_selector_wins(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "ignore: [PL2]\nextend_select: [PL203]\n")
    names = active_names(resolver(), tmp_path / "x.json")
    assert "pod-user-empty" in names
    assert "pod-id-invalid" not in names


def test_extend_ignore(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "extend_ignore: [pod-user-empty]\n")
    assert "pod-user-empty" not in active_names(resolver(), tmp_path / "x.json")


def test_selectors_may_be_a_comma_separated_string(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "select: PL203, syntax-error\n")
    assert active_names(resolver(), tmp_path / "x.json") == {"pod-user-empty", "syntax-error"}


def test_policies_are_off_until_configured(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "extend_select: [PL5]\n")
    assert "required-labels" not in active_names(resolver(), tmp_path / "x.json")
    write(tmp_path / "b" / ".podlint.yaml", "rules:\n  required-labels:\n")
    assert "required-labels" in active_names(resolver(), tmp_path / "b" / "x.json")
    write(tmp_path / "c" / ".podlint.yaml", "extend_select: [host-volumes]\n")
    assert "host-volumes" in active_names(resolver(), tmp_path / "c" / "x.json")


def test_off_by_default_rules_come_on_when_selected_or_configured(tmp_path: Path) -> None:
    assert "endpoint-protocol-value" not in active_names(resolver(), tmp_path / "x.json")
    write(tmp_path / "a" / ".podlint.yaml", "extend_select: [PL4]\n")
    assert "endpoint-protocol-value" in active_names(resolver(), tmp_path / "a" / "x.json")
    write(
        tmp_path / "b" / ".podlint.yaml", "rules:\n  endpoint-protocol-value: {severity: warning}\n"
    )
    assert "endpoint-protocol-value" in active_names(resolver(), tmp_path / "b" / "x.json")
    write(tmp_path / "c" / ".podlint.yaml", "extend_select: [PL409]\nignore: [PL409]\n")
    assert "endpoint-protocol-value" not in active_names(resolver(), tmp_path / "c" / "x.json")


def test_rules_severity_and_off(tmp_path: Path) -> None:
    write(
        tmp_path / ".podlint.yaml",
        "rules:\n  pod-user-empty:\n    severity: info\n  pod-id-invalid: off\n"
        "  max-instances:\n    severity: warning\n    max: 3\n",
    )
    r = resolver()
    by_name = {a.rule.name: a for a in active_rules(r.settings_for("x.json"), registry().rules)}
    assert by_name["pod-user-empty"].severity is Severity.INFO
    assert "pod-id-invalid" not in by_name  # unquoted `off` (YAML false) means off
    assert by_name["max-instances"].severity is Severity.WARNING
    assert by_name["max-instances"].options.max == 3
    assert lint(r, tmp_path / "x.json").count("pod-user-empty:info") == 1


def test_rules_by_code_are_stored_by_name(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "rules:\n  PL203: warning\n")
    assert resolver().settings_for("x.json").rules["pod-user-empty"].severity is Severity.WARNING


def test_fail_on_decides_the_exit_code(tmp_path: Path) -> None:
    pod = dict(POD, user="nobody", labels={"team": "shop"})
    write(tmp_path / "web.json", json.dumps(pod))
    write(
        tmp_path / ".podlint.yaml",
        "rules:\n  required-labels:\n    labels: [team, owner]\n    severity: warning\n",
    )
    assert main(["check", "--no-cache", "-q", "web.json"]) == 1
    write(
        tmp_path / ".podlint.yaml",
        "fail_on: error\nrules:\n  required-labels:\n    labels: [team, owner]\n    severity: warning\n",
    )
    assert main(["check", "--no-cache", "-q", "web.json"]) == 0


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "per_file_ignores:\n  'legacy/*.json': [pod-user-empty]\n")
    r = resolver()
    assert "pod-user-empty:error" not in lint(r, tmp_path / "legacy" / "old.json")
    assert "pod-user-empty:error" in lint(r, tmp_path / "new" / "web.json")


def test_include_exclude_and_gitignore(tmp_path: Path) -> None:
    for name in ("pods/a.json", "pods/b.pod", "pods/skip/c.json", "pods/ignored.json"):
        write(tmp_path / name, "{}")
    (tmp_path / ".git").mkdir()  # .gitignore files apply up to the repository's top
    write(tmp_path / ".gitignore", "ignored.json\n")
    write(tmp_path / ".podlint.yaml", "include: ['*.json', '*.pod']\nexclude: [skip]\n")
    r = resolver()
    found = sorted(os.path.basename(t.path) for t in discover(["pods"], r.settings_for))
    assert found == ["a.json", "b.pod"]
    write(tmp_path / ".podlint.yaml", "respect_gitignore: false\n")
    r = resolver()
    found = sorted(os.path.basename(t.path) for t in discover(["pods"], r.settings_for))
    assert found == ["a.json", "c.json", "ignored.json"]


def test_inline_suppressions_key(tmp_path: Path) -> None:
    pod = dict(POD, labels={"podlint.disable": "pod-user-empty"})
    write(tmp_path / ".podlint.yaml", "inline_suppressions: false\n")
    assert "pod-user-empty:error" in lint(resolver(), tmp_path / "x.json", pod)
    write(tmp_path / ".podlint.yaml", "inline_suppressions: true\n")
    assert "pod-user-empty:error" not in lint(resolver(), tmp_path / "x.json", pod)


def test_max_file_size(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "max_file_size: 10\n")
    r = resolver()
    assert r.settings_for("x.json").max_file_size == 10
    assert "file-too-large:error" in lint(r, tmp_path / "x.json")


def test_cluster(tmp_path: Path) -> None:
    write(
        tmp_path / ".podlint.yaml",
        "cluster:\n  preset: dcos-enterprise\n  marathon_version: '1.9'\n  networks: [dcos]\n"
        "  agent: {cpus: 4, mem: 16384}\n",
    )
    profile = resolver().settings_for("x.json").profile
    assert profile.marathon_version.line == "1.9"
    assert profile.has_feature("secrets")  # from the preset
    assert profile.networks == ("dcos",)
    assert profile.agent is not None
    assert profile.agent.cpus == 4


def test_policy_options_reach_the_rule(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "rules:\n  pod-id-pattern:\n    pattern: '/shop/.*'\n")
    r = resolver()
    assert "pod-id-pattern:error" not in lint(r, tmp_path / "x.json")
    assert "pod-id-pattern:error" in lint(r, tmp_path / "x.json", dict(POD, id="/other/web"))


# ---- errors: file, line, did-you-mean -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "fail_on: error\nslect: [PL2]\n",
            r"\.podlint\.yaml:2: unknown configuration key 'slect'; did you mean 'select'\?",
        ),
        ("extend-select: [PL2]\n", r":1: .*snake_case: 'extend_select'"),
        ("fail_on: fatal\n", r":1: fail_on must be error, warning or info, got 'fatal'"),
        ("include: '*.json'\n", r":1: include must be a list of strings, got a string"),
        ("include: ['*.json', 3]\n", r":1: include items must be strings, got 3"),
        ("respect_gitignore: maybe\n", r":1: respect_gitignore must be true or false"),
        ("inline_suppressions: 1\n", r"inline_suppressions must be true or false"),
        ("max_file_size: -1\n", r"max_file_size must be a positive number of bytes"),
        ("max_file_size: 10MB\n", r"max_file_size must be a positive number of bytes"),
        ("per_file_ignores: [x]\n", r"per_file_ignores must map file globs"),
        (
            "per_file_ignores:\n  '*.json': [no-such-rule]\n",
            r":2: per_file_ignores '\*\.json': unknown rule 'no-such-rule'",
        ),
        (
            "select:\n  - PL2\n  - pod-user-emty\n",
            r":3: select: unknown rule 'pod-user-emty'; did you mean 'pod-user-empty'\?",
        ),
        ("ignore: [PL99]\n", r"unknown rule 'PL99'"),
        ("cluster: 1.9\n", r":1: cluster must be a mapping"),
        (
            "cluster:\n  marathon_versoin: '1.9'\n",
            r":2: unknown cluster key 'marathon_versoin'; did you mean 'marathon_version'\?",
        ),
        ("cluster:\n  marathon_version: '2.0'\n", r":2: cluster.marathon_version: .*not supported"),
        ("rules: [x]\n", r"rules must map rule names"),
        (
            "rules:\n  requierd-labels: {}\n",
            r":2: unknown rule 'requierd-labels'; did you mean 'required-labels'\?",
        ),
        (
            "rules:\n  pod-user-empty:\n    severity: fatal\n",
            r":3: severity must be one of off, info, warning, error",
        ),
        (
            "rules:\n  required-labels:\n    lables: [a]\n",
            r":3: rule required-labels has no option 'lables'; did you mean 'labels'\?",
        ),
        (
            "rules:\n  required-labels:\n    labels: team\n",
            r":3: rules.required-labels.labels must be a list",
        ),
        ("rules:\n  max-instances:\n    max: lots\n", r":3: rules.max-instances.max must be int"),
        ("rules:\n  pod-id-pattern:\n    pattern: '(['\n", r":3: .*not a valid regular expression"),
        ("rules:\n  host-volumes:\n    allowed_paths: [data]\n", r"allowed_paths must be absolute"),
        ("rules:\n  allowed-network-modes:\n    modes: [overlay]\n", r"modes must be among"),
        ("select: [PL2]\nselect: [PL3]\n", r":2: key 'select' appears twice \(first on line 1\)"),
        ("select: [PL2\n", r"\.podlint\.yaml:2: configuration is not valid YAML"),
        ("- select\n", r":1: configuration must be a mapping"),
        ("extend: 3\n", r"extend must be a file path"),
    ],
)
def test_configuration_errors_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path / ".podlint.yaml", text)
    with pytest.raises(SettingsError, match=expected):
        resolver().settings_for(str(tmp_path / "x.json"))


def test_toml_errors_name_the_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.podlint]\nfail_on = "error"\nslect = ["PL2"]\n',
    )
    with pytest.raises(
        SettingsError, match=r"pyproject\.toml:6: unknown configuration key 'slect'"
    ):
        resolver().settings_for(str(tmp_path / "x.json"))


def test_toml_rule_option_error_names_the_table_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.podlint]\nfail_on = "error"\n\n[tool.podlint.rules.max-instances]\nmax = "x"\n',
    )
    with pytest.raises(
        SettingsError, match=r"pyproject\.toml:5: rules\.max-instances\.max must be int"
    ):
        resolver().settings_for(str(tmp_path / "x.json"))


def test_invalid_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.podlint]\nfail_on = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        resolver().settings_for(str(tmp_path / "x.json"))


# ---- --show-settings and the CLI -------------------------------------------------------------------


def test_describe_names_the_origin_of_each_value(tmp_path: Path) -> None:
    write(tmp_path / "org.yaml", "max_file_size: 4096\n")
    write(
        tmp_path / ".podlint.yaml",
        "extend: org.yaml\nfail_on: error\nrules:\n  required-labels:\n    labels: [team]\n",
    )
    text = resolver(overrides={"cluster": {"marathon_version": "1.9"}}).describe("web.json")
    assert "configuration: " + str(tmp_path / ".podlint.yaml") in text
    assert "extends: " + str(tmp_path / "org.yaml") in text
    assert "fail_on = error  # .podlint.yaml:2" in text
    assert "max_file_size = 4096  # org.yaml:1" in text
    assert "marathon_version = 1.9." in text
    assert "# command line (--marathon-version)" in text
    assert "required-labels: severity=default labels=['team']  # .podlint.yaml:4" in text
    assert "PL501 required-labels [error] (policy)" in text


def test_cli_show_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: info\n")
    write(tmp_path / "web.json", json.dumps(POD))
    assert main(["check", "--show-settings", "web.json"]) == 0
    out = capsys.readouterr().out
    assert "fail_on = info  # .podlint.yaml:1" in out


def test_cli_show_settings_isolated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: info\n")
    assert main(["check", "--isolated", "--show-settings", "web.json"]) == 0
    out = capsys.readouterr().out
    assert "configuration: none (--isolated)" in out
    assert "fail_on = warning  # default" in out


def test_cli_configuration_error_exits_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".podlint.yaml", "fail_on: error\nrules:\n  pod-user-emty: off\n")
    write(tmp_path / "web.json", json.dumps(POD))
    assert main(["check", "--no-cache", "web.json"]) == 2
    err = capsys.readouterr().err
    assert ".podlint.yaml:3: unknown rule 'pod-user-emty'; did you mean 'pod-user-empty'?" in err


def test_cli_config_flag_and_select_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "strict.yaml", "rules:\n  required-labels:\n    labels: [team]\n")
    write(tmp_path / "web.json", json.dumps(dict(POD, user="nobody")))
    assert main(["check", "--no-cache", "--config", "strict.yaml", "web.json"]) == 1
    assert "required-labels" in capsys.readouterr().out
    assert main(["check", "--no-cache", "--select", "pod-no-such", "web.json"]) == 2
    assert "unknown rule 'pod-no-such'" in capsys.readouterr().err


def test_a_folder_path_uses_the_folders_own_configuration(tmp_path: Path) -> None:
    write(tmp_path / "pods" / ".podlint.yaml", "fail_on: info\n")
    r = resolver()
    assert r.settings_for(str(tmp_path / "pods")).fail_on is Severity.INFO
    assert "fail_on = info" in r.describe("pods")
    assert r.settings_for("-").fail_on is Severity.WARNING  # standard input: the current folder
