"""Configuration read as data whatever its spelling, unknown keys at their line, unquoted versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from podlint.cli import main
from podlint.config.discovery import ConfigResolver
from podlint.config.keys import validate_layer
from podlint.config.settings import SettingsError
from podlint.config.source import ConfigSource, scan_toml_keys
from podlint.diagnostics import Severity
from tests.ruletest import registry


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def resolver(**kwargs: Any) -> ConfigResolver:
    return ConfigResolver(registry(), **kwargs)


# ---- TOML, however it is spelt ----------------------------------------------------------------------

SPELLINGS = {
    "table": '[tool.podlint]\nfail_on = "error"\n',
    "inline under [tool]": '[tool]\npodlint = {fail_on = "error"}\n',
    "dotted at the top": 'tool.podlint.fail_on = "error"\n',
    "dotted under [tool]": '[tool]\npodlint.fail_on = "error"\n',
    "quoted key": '[tool."podlint"]\nfail_on = "error"\n',
    "inline tool": 'tool = {podlint = {fail_on = "error"}}\n',
}


@pytest.mark.parametrize("text", SPELLINGS.values(), ids=list(SPELLINGS))
def test_pyproject_is_read_as_data_whatever_the_spelling(tmp_path: Path, text: str) -> None:
    write(tmp_path / "pyproject.toml", text + '\n[project]\nname = "x"\n')
    settings = resolver().settings_for(str(tmp_path / "pod.json"))
    assert settings.config_file == str(tmp_path / "pyproject.toml")
    assert settings.fail_on is Severity.ERROR


def test_pyproject_naming_podlint_only_as_a_dependency_is_not_configuration(
    tmp_path: Path,
) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\ndependencies = ["podlint"]\n')
    settings = resolver().settings_for(str(tmp_path / "pod.json"))
    assert settings.config_file is None


def test_show_settings_finds_the_inline_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\npodlint = {fail_on = "error"}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--show-settings", "pod.json"]) == 0
    out = capsys.readouterr().out
    assert "configuration: " + str(tmp_path / "pyproject.toml") in out
    assert "fail_on = error  # pyproject.toml:2" in out


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[tool]\nname = 1\npodlint = {fail_on = "error", slect = ["PL2"]}\n', 3),
        ('x = 1\ntool.podlint.fail_on = "error"\ntool.podlint.slect = ["PL2"]\n', 3),
        ('[tool.podlint]\nfail_on = "error"\n\n[tool.podlint.slect]\na = 1\n', 4),
        ('[tool]\n"podlint".fail_on = "error"\n"podlint"."slect" = []\n', 3),
    ],
)
def test_unknown_toml_key_is_at_its_line_whatever_the_spelling(
    tmp_path: Path, text: str, line: int
) -> None:
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(
        SettingsError,
        match=rf"pyproject\.toml:{line}: unknown configuration key 'slect'; did you mean 'select'",
    ):
        resolver().settings_for(str(tmp_path / "pod.json"))


def test_scanner_follows_strings_arrays_and_multiline_strings() -> None:
    text = (
        '[tool.other]\ndoc = """\n[tool.podlint]\nfake = 1\n"""\n'
        '[tool.podlint]\nselect = ["a,}", "b"]  # comment\n'
        "cluster = {agent = {cpus = 4, mem = 1e3}, marathon_version = 1.10}\n"
    )
    keys = {".".join(p): (line, raw) for p, line, raw in scan_toml_keys(text)}
    assert "tool.podlint.fake" not in keys
    assert keys["tool.podlint.select"] == (7, '["a,}", "b"]')
    assert keys["tool.podlint.cluster.agent.mem"] == (8, "1e3")
    assert keys["tool.podlint.cluster.marathon_version"] == (8, "1.10")


# ---- unknown keys, nested ones included ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fail_on: error\nselcet: [PL2]\n",
            r":2: unknown configuration key 'selcet'; did you mean",
        ),
        ("cluster:\n  marathon_versoin: '1.9'\n", r":2: unknown cluster key 'marathon_versoin'"),
        ("cluster:\n  agent:\n    cpus: 4\n    meme: 1024\n", r":4: unknown key 'meme' in "),
        (
            "cluster:\n  quota:\n    web:\n      dsk: 10\n",
            r":4: unknown key 'dsk' in cluster\.quota\.web; did you mean 'disk'",
        ),
        (
            "rules:\n  max-instances:\n    maxx: 3\n",
            r":3: rule max-instances has no option 'maxx'; did you mean 'max'",
        ),
        (
            "rules:\n  required-labels:\n    labels: [team]\n    lables: [x]\n",
            r":4: rule required-labels has no option 'lables'; did you mean 'labels'",
        ),
        (
            "per_file_ignores:\n  'a/*.json':\n    - image-tag-pined\n",
            r":3: per_file_ignores 'a/\*\.json': unknown rule 'image-tag-pined'; did you mean",
        ),
        ("rules:\n  health-chek-required: {}\n", r":2: unknown rule 'health-chek-required'"),
    ],
)
def test_unknown_yaml_keys_are_errors_at_their_line(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path / ".podlint.yaml", text)
    with pytest.raises(SettingsError, match=r"\.podlint\.yaml" + message):
        resolver().settings_for(str(tmp_path / "pod.json"))


def test_unknown_nested_toml_table_is_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.podlint.cluster.agent]\ncpus = 4\n\n[tool.podlint.cluster.quota.web]\ncpu = 1\n",
    )
    with pytest.raises(
        SettingsError, match=r"pyproject\.toml:5: unknown key 'cpu' in cluster\.quota\.web"
    ):
        resolver().settings_for(str(tmp_path / "pod.json"))


def test_unknown_key_exits_2_with_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".podlint.yaml", "cluster:\n  agent: {cpus: 4, memory: 1024}\n")
    write(tmp_path / "pod.json", '{"id": "/a"}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "pod.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("podlint: error: .podlint.yaml:2: unknown key 'memory' in cluster.agent")
    assert "Traceback" not in err


# ---- versions written unquoted ----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["marathon_version", "mesos_master_version"])
def test_unquoted_yaml_version_is_read_as_written(tmp_path: Path, key: str) -> None:
    write(tmp_path / ".podlint.yaml", f"cluster:\n  {key}: 1.10\n")
    profile = resolver().settings_for(str(tmp_path / "pod.json")).profile
    if key == "marathon_version":
        assert profile.marathon_version.line == "1.10"
    else:
        assert profile.mesos_master_version == "1.10"


def test_unquoted_toml_version_is_read_as_written(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.podlint.cluster]\nmarathon_version = 1.10\n")
    profile = resolver().settings_for(str(tmp_path / "pod.json")).profile
    assert profile.marathon_version.line == "1.10"


def test_unquoted_version_whose_text_is_lost_asks_for_quotes() -> None:
    # A source that holds data alone (no node tree, no text) cannot tell 1.10 from 1.1: ask.
    source = ConfigSource("team.yaml", {"cluster": {"marathon_version": 1.1}})
    with pytest.raises(
        SettingsError,
        match=r"team\.yaml: marathon_version is the number 1\.1 here .*quote it: "
        r'marathon_version: "1\.10"',
    ):
        validate_layer(source.data, source, source.path, registry().rules)


# ---- --exclude and --extend-exclude on the command line ----------------------------------------------


def test_extend_exclude_adds_to_the_configured_exclude(tmp_path: Path) -> None:
    write(tmp_path / ".podlint.yaml", "exclude: ['legacy/*']\nextend_exclude: ['gen/*']\n")
    settings = resolver(overrides={"extend_exclude": ["tmp/*"]}).settings_for(
        str(tmp_path / "pod.json")
    )
    assert settings.exclude == ["legacy/*", "gen/*", "tmp/*"]
    replaced = resolver(overrides={"exclude": ["only/*"]}).settings_for(str(tmp_path / "pod.json"))
    assert replaced.exclude == ["only/*", "gen/*"]


def test_toml_key_whose_line_cannot_be_found_names_the_table(tmp_path: Path) -> None:
    # An escape in a quoted key is beyond the line scanner (it compares keys as written); the
    # error still says which table to look in.
    write(tmp_path / "pyproject.toml", '"t\\u006fol".podlint = {fail_on = "error", slect = 3}\n')
    with pytest.raises(
        SettingsError, match=r"pyproject\.toml \(in \[tool\.podlint\]\): unknown configuration key"
    ):
        resolver().settings_for(str(tmp_path / "pod.json"))
