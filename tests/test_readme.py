"""The README's examples do what the README says: its commands parse, its outputs are podlint's."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from podlint.cli import _pair_outputs, build_parser
from podlint.commands.check import _one_report_on_stdout
from podlint.config.discovery import ConfigResolver
from tests.conftest import REPO
from tests.ruletest import registry

README = REPO / "README.md"


def _text() -> str:
    return README.read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", _text(), re.S)


def _commands() -> list[str]:
    """Every podlint command line the README shows: in backticks, in shell and CI blocks."""
    inline = re.findall(r"`(podlint [^`]*)`", _text())
    in_blocks = [
        m.group(1)
        for block in _blocks("sh") + _blocks("yaml") + _blocks("lua")
        for m in re.finditer(
            r"(podlint (?:check|rules|explain|schema|lsp|clean)[^\n&|>\"]*)", block
        )
    ]
    return sorted({c.strip() for c in inline + in_blocks})


def test_readme_shows_commands() -> None:
    assert len(_commands()) > 20


@pytest.mark.parametrize("command", _commands())
def test_every_command_in_the_readme_is_a_valid_command_line(command: str) -> None:
    argv = shlex.split(command)[1:]
    if "--help" in argv:
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args(argv)
        assert exit_info.value.code == 0
        return
    args = build_parser().parse_args(argv)
    if args.command == "check":
        _pair_outputs(args)
        formats = args.formats or ["text"]
        _one_report_on_stdout(formats, args.outputs or [])


def _run(*argv: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "podlint", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")},
            "NO_COLOR": "1",
            "PODLINT_NO_PLUGINS": "1",
        },
    )
    return result.stdout


def test_check_example_output_is_podlints() -> None:
    block = next(b for b in _blocks("text") if b.startswith("examples/"))
    out = _run("check", "--no-cache", "examples/")
    shown = [line for line in block.splitlines() if line and line != "…"]
    for line in shown:
        assert line in out.splitlines(), line
    summary = block.split("…\n", 1)[1].strip()
    assert out.rstrip().endswith(summary)
    assert f"the full output has {summary.split()[1]} findings" in _text()


def test_json_example_is_the_start_of_podlints_output() -> None:
    block = next(b for b in _blocks("json") if '"diagnostics"' in b)
    shown = block.split("…", 1)[0].splitlines()
    out = _run("check", "--no-cache", "--format", "json", "examples/metrics.yaml")
    assert out.splitlines()[: len(shown)] == shown
    assert json.loads(out)["version"] == 1


def test_rules_excerpt_is_podlints_listing() -> None:
    block = next(b for b in _blocks("text") if b.startswith("PL001"))
    out = _run("rules").splitlines()
    shown = [line for line in block.splitlines() if line != "…"]
    assert out[: len(shown)] == shown


def test_configuration_example_is_valid(tmp_path: Path) -> None:
    block = next(b for b in _blocks("yaml") if b.startswith("# .podlint.yaml"))
    target = re.search(r"extend: (\S+)", block).group(1)  # type: ignore[union-attr]
    team = tmp_path / "team"
    team.mkdir()
    (team / ".podlint.yaml").write_text(block)
    (team / target).parent.mkdir(parents=True, exist_ok=True)
    (team / target).write_text("fail_on: error\n")
    settings = ConfigResolver(registry()).settings_for(str(team / "pod.json"))
    assert settings.fail_on.value == "warning"  # the team file overrides what it extends
    assert settings.rules["max-instances"].options == {"max": 20}
