"""The command line's habits: format names and outputs, colour, --diff on its own stream, -V,
`podlint rules`, --exclude/--extend-exclude, and suppressions of rules enabled elsewhere under --fix."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from podlint import plugins
from podlint.cli import build_parser, main

DATA = Path(__file__).resolve().parent / "data" / "fix"
CLEAN = json.dumps(
    {
        "id": "/shop/web",
        "containers": [
            {
                "name": "web",
                "resources": {"cpus": 0.5, "mem": 128},
                "exec": {"command": {"shell": "sleep 1"}},
            }
        ],
    }
)


def _with_plugin(monkeypatch: pytest.MonkeyPatch, name: str, module: str) -> None:
    real = plugins._entry_points()
    extra = metadata.EntryPoint(name, module, "podlint")
    monkeypatch.setattr(plugins, "_entry_points", lambda: [*real, extra])


# ---- formats ------------------------------------------------------------------------------------


def test_two_formats_on_standard_output_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pod.json").write_text(CLEAN)
    assert main(["check", "--format", "json", "--format", "text", "pod.json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--format json and --format text would all print to standard output" in captured.err


def test_each_extra_format_with_its_own_output_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pod.json").write_text(CLEAN)
    code = main(
        [
            "check",
            "--no-cache",
            "--format",
            "json",
            "--format",
            "sarif",
            "--output",
            "r.sarif",
            "pod.json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"


def test_output_format_is_an_alias_of_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pod.json").write_text(CLEAN)
    assert main(["check", "--no-cache", "--output-format", "json", "pod.json"]) == 0
    assert json.loads(capsys.readouterr().out)["diagnostics"] == []


def test_check_help_lists_every_format_plugins_included(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_plugin(monkeypatch, "counts", "tests.plugin_samples.formats")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    assert exit_info.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    _, registry = plugins.make_plugin_manager()
    names = sorted(registry.formatters)
    assert "finding-count" in names
    assert "sarif" in names
    assert f"output format: {', '.join(names)}" in help_text
    assert "--format FORMAT, --output-format FORMAT" in help_text


def test_parsing_a_check_command_line_loads_no_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> object:
        raise AssertionError("plugins loaded while parsing")

    monkeypatch.setattr(plugins, "make_plugin_manager", refuse)
    args = build_parser().parse_args(["check", "--format", "json", "pods/"])
    assert args.formats == ["json"]


# ---- colour -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "env", "coloured"),
    [
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--no-color"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        (["--color", "auto"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ([], {}, False),  # standard output is not a terminal here
    ],
)
def test_color_choice(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    env: dict[str, str],
    coloured: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "pod.json").write_text('{"id": "web"}\n')
    main(["check", "--no-cache", *flags, "pod.json"])
    assert ("\x1b[" in capsys.readouterr().out) is coloured


# ---- --diff -------------------------------------------------------------------------------------


def test_diff_prints_the_diff_alone_on_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "web.yaml"
    shutil.copyfile(DATA / "web.yaml", pod)
    code = main(["check", "--no-cache", "--diff", str(pod)])
    captured = capsys.readouterr()
    assert code == 1
    # Every line of standard output belongs to the unified diff.
    for line in captured.out.splitlines():
        assert line[:1] in ("-", "+", " ", "@", "\\"), line
    assert captured.out.startswith(f"--- {pod}\n+++ {pod}\n@@ ")
    assert "Found " in captured.err
    assert "would be applied" in captured.err


# ---- -V, rules ------------------------------------------------------------------------------------


def test_dash_v_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from podlint import __version__

    assert main(["-V"]) == 0
    assert capsys.readouterr().out.startswith(f"podlint {__version__}\n")


def test_rules_lists_policies_and_plugins_rules(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_plugin(monkeypatch, "teams", "tests.plugin_samples.good")
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    policy = next(line for line in lines if " required-labels " in line)
    assert "[policy, off until configured]" in policy
    plugin = next(line for line in lines if " team-label " in line)
    assert plugin.startswith("XT001")
    assert plugin.endswith("[plugin teams]")
    assert main(["rules", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)["rules"]
    assert {"team-label", "required-labels"} <= {r["name"] for r in records}


def test_rules_all_is_gone_and_errors_point_to_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--all"]) == 2
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".podlint.yaml").write_text("rules:\n  no-such-rule: {}\n")
    (tmp_path / "pod.json").write_text(CLEAN)
    assert main(["check", "pod.json"]) == 2
    err = capsys.readouterr().err
    assert "(see `podlint rules`)" in err
    assert "--all" not in err


# ---- --exclude / --extend-exclude -----------------------------------------------------------------


def _tree(tmp_path: Path) -> None:
    for folder in ("pods", "legacy", "generated"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "web.json").write_text(CLEAN)
    (tmp_path / ".podlint.yaml").write_text("exclude: ['legacy']\n")


def _linted(capsys: pytest.CaptureFixture[str]) -> int:
    return int(json.loads(capsys.readouterr().out)["summary"]["files"])


def test_exclude_on_the_command_line_replaces_the_configured_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--format", "json", "."]) == 0
    assert _linted(capsys) == 2
    assert main(["check", "--no-cache", "--format", "json", "--exclude", "generated", "."]) == 0
    assert _linted(capsys) == 2  # legacy is linted again, generated is not
    assert main(["check", "--no-cache", "--format", "json", "--extend-exclude", "generated"]) == 0
    assert _linted(capsys) == 1
    assert (
        main(["check", "--no-cache", "--format", "json", "--extend-exclude", "generated,pods"]) == 2
    )  # nothing left to lint: a usage error, as for an empty folder
    capsys.readouterr()


def test_no_paths_lints_the_current_folder_with_the_configured_include(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _tree(tmp_path)
    (tmp_path / ".podlint.yaml").write_text("include: ['pods/*.json']\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--format", "json"]) == 0
    assert _linted(capsys) == 1
    # From a subfolder, or naming it, the globs are still read from the configuration's folder.
    assert main(["check", "--no-cache", "--format", "json", "pods"]) == 0
    assert _linted(capsys) == 1
    monkeypatch.chdir(tmp_path / "pods")
    assert main(["check", "--no-cache", "--format", "json"]) == 0
    assert _linted(capsys) == 1
    monkeypatch.chdir(tmp_path / "legacy")
    assert main(["check", "--no-cache", "--format", "json"]) == 2  # not included: nothing to lint
    assert "no pod definition found" in capsys.readouterr().err


# ---- --fix and suppressions of rules that are not enabled here -------------------------------------

SUPPRESSED = """\
id: /shop/web
containers:
  - name: web
    image: {kind: DOCKER, id: "nginx:latest"}  # podlint: disable=image-tag-pinned
    resources: {cpus: 0.5, mem: 128}
networks: [{mode: host}]
"""


def test_fix_keeps_a_suppression_of_a_rule_enabled_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pod = tmp_path / "web.yaml"
    pod.write_text(SUPPRESSED)
    main(["check", "--no-cache", "--fix", str(pod)])
    assert pod.read_text() == SUPPRESSED
    out = capsys.readouterr().out
    assert "image-tag-pinned (PL503), which is not enabled in this configuration" in out
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", str(pod)])
    assert "podlint: disable" not in pod.read_text()
