"""Every CI format's exact output for a fixed pair of pods, plus what its consumer needs of it.

The pods under ``tests/data/formats/`` are linted through ``podlint.cli.main`` with a fixed selection of
rules, so a new rule elsewhere does not change these snapshots. When an intended change alters an
output, regenerate the snapshots with ``PODLINT_UPDATE_SNAPSHOTS=1 python -m pytest
tests/test_formats_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from podlint import __version__
from podlint.cli import main
from tests.conftest import REPO, shared_path

DATA = Path("tests") / "data" / "formats"
PODS = [str(DATA / "web.json"), str(DATA / "worker.yaml")]
SNAPSHOTS = REPO / "tests" / "snapshots"
# The loading rules (PL0…) plus one rule of each severity, some with fixes.
SELECT = "PL0,enum-case,unknown-key,health-check-endpoint,health-check-timeout"
FORMATS = {
    "concise": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "gitlab": "json",
    "junit": "xml",
}


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in reports are relative to the working folder, as in CI.
    monkeypatch.chdir(REPO)
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--isolated", "--no-cache", "--select", SELECT, *args])
    return code, capsys.readouterr().out


def normalise(fmt: str, text: str) -> str:
    # The version changes with every release; the snapshot should not.
    text = text.replace(f'"{__version__}"', '"<version>"')
    if fmt != "sarif":
        return text
    # Rule descriptors quote the rules' docstrings, which their authors edit; what the descriptors
    # must hold is checked in test_sarif_describes_every_rule_that_fired instead.
    data = json.loads(text)
    for rule in data["runs"][0]["tool"]["driver"]["rules"]:
        for key in ("shortDescription", "fullDescription"):
            rule[key]["text"] = f"<{key} of {rule['name']}>"
        rule["help"] = {"text": "<rule docstring>", "markdown": "<rule docstring as Markdown>"}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("PODLINT_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run with PODLINT_UPDATE_SNAPSHOTS=1 to create it"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_snapshot(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out = run(capsys, "--format", fmt, *PODS)
    assert code == 1
    check_snapshot(f"formats.{fmt}.{FORMATS[fmt]}", normalise(fmt, out))


def _sarif(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    _, out = run(capsys, "--format", "sarif", *PODS)
    data: dict[str, Any] = json.loads(out)
    return data


def _region_text(path: str, region: dict[str, int]) -> str:
    """The file text a single-line SARIF region covers (1-based columns, end exclusive)."""
    assert region["startLine"] == region["endLine"]
    line = (REPO / path).read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    return line[region["startColumn"] - 1 : region["endColumn"] - 1]


def test_sarif_validates_against_the_official_schema(capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads(shared_path("external", "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(_sarif(capsys))


def test_sarif_regions_point_at_the_finding(capsys: pytest.CaptureFixture[str]) -> None:
    run_ = _sarif(capsys)["runs"][0]
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    endpoint = by_rule["PL301"]["locations"][0]["physicalLocation"]
    assert endpoint["artifactLocation"] == {
        "uri": "tests/data/formats/web.json",
        "uriBaseId": "%SRCROOT%",
    }
    assert endpoint["region"] == {
        "startLine": 12,
        "startColumn": 31,
        "endLine": 12,
        "endColumn": 36,
    }
    assert _region_text(PODS[0], endpoint["region"]) == '"htp"'
    timeout = by_rule["PL317"]["locations"][0]["physicalLocation"]
    assert timeout["artifactLocation"]["uri"] == "tests/data/formats/worker.yaml"
    assert _region_text(PODS[1], timeout["region"]) == "10"
    assert timeout["region"]["startLine"] == 19


def test_sarif_describes_every_rule_that_fired(capsys: pytest.CaptureFixture[str]) -> None:
    run_ = _sarif(capsys)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    fired = {r["ruleId"] for r in run_["results"]}
    assert {r["id"] for r in rules} == fired
    for result in run_["results"]:
        descriptor = rules[result["ruleIndex"]]
        assert descriptor["id"] == result["ruleId"]
        assert descriptor["helpUri"].endswith("#" + descriptor["name"])
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"]


def test_sarif_fingerprints_survive_moved_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = (REPO / PODS[0]).read_text(encoding="utf-8")
    folder = tmp_path / "tests" / "data" / "formats"
    folder.mkdir(parents=True)
    # Unrelated lines added above every finding: positions change, identities must not.
    (folder / "web.json").write_text(
        original.replace('"id": "/shop/web",', '"id": "/shop/web",\n  "labels": {\n  },'),
        encoding="utf-8",
    )
    before = {
        r["ruleId"]: (r["partialFingerprints"], r["locations"][0]["physicalLocation"]["region"])
        for r in _sarif_of(capsys, PODS[0])
    }
    monkeypatch.chdir(tmp_path)
    after = {
        r["ruleId"]: (r["partialFingerprints"], r["locations"][0]["physicalLocation"]["region"])
        for r in _sarif_of(capsys, PODS[0])
    }
    assert before.keys() == after.keys()
    for rule, (fingerprint, region) in before.items():
        assert after[rule][0] == fingerprint
        assert after[rule][1]["startLine"] == region["startLine"] + 2


def _sarif_of(capsys: pytest.CaptureFixture[str], path: str) -> list[dict[str, Any]]:
    _, out = run(capsys, "--format", "sarif", path)
    results: list[dict[str, Any]] = json.loads(out)["runs"][0]["results"]
    return results


def test_gitlab_report_shape(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "--format", "gitlab", *PODS)
    issues = json.loads(out)
    assert {i["location"]["path"] for i in issues} == set(PODS)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_junit_parses(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "--format", "junit", *PODS)
    root = ET.fromstring(out)
    cases = list(root.iter("testcase"))
    assert [c.attrib["name"] for c in cases] == PODS
    assert all(c.find("failure") is not None for c in cases)


def test_several_formats_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sarif, junit = tmp_path / "podlint.sarif", tmp_path / "junit.xml"
    code, out = run(
        capsys,
        "--format", "concise",
        "--format", "sarif", "--output", str(sarif),
        "--format", "junit", "--output", str(junit),
        *PODS,
    )  # fmt: skip
    assert code == 1
    # Each --output belongs to the --format just before it; `concise` has none: the terminal.
    assert out.startswith(f"{PODS[0]}:9:26: info PL113 ")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.fromstring(junit.read_text(encoding="utf-8")).tag == "testsuites"


def test_text_on_the_terminal_and_sarif_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sarif = tmp_path / "podlint.sarif"
    code, out = run(capsys, "--format", "text", "--format", "sarif", "--output", str(sarif), *PODS)
    assert code == 1
    assert "Found 4 problems" in out
    assert len(json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]) == 4


def test_output_before_its_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gitlab = tmp_path / "gl-code-quality.json"
    code, out = run(capsys, "--output", str(gitlab), "--format", "gitlab", *PODS)
    assert code == 1
    assert out == ""
    assert len(json.loads(gitlab.read_text(encoding="utf-8"))) == 4


def test_unpaired_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(
        ["check", "--format", "sarif", "--output", str(tmp_path / "a"),
         "--output", str(tmp_path / "b"), *PODS]
    )  # fmt: skip
    assert code == 2
    assert "has no --format to pair with" in capsys.readouterr().err


def test_output_file_and_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    code, out = run(capsys, "--format", "json", "--output", str(report), "--format", "text", *PODS)
    assert code == 1
    assert "Found 4 problems" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["diagnostics"]) == 4


def test_github_is_the_default_under_github_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out = run(capsys, *PODS)
    assert out.startswith("::notice file=tests/data/formats/web.json,line=9,col=26,")
    _, out = run(capsys, "--format", "concise", *PODS)
    assert not out.startswith("::")
