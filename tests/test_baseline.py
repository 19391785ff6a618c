"""Baselines: the file format, matching by file/rule/pointer with counts, and the CLI round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podlint.baseline import FORMAT_KEY, filter_baseline, read_baseline, write_baseline
from podlint.cli import main
from podlint.diagnostics import Diagnostic, Severity, Span
from podlint.results import FileResult


def diag(
    file: str,
    name: str = "pod-user-empty",
    code: str = "PL203",
    pointer: str = "/user",
    line: int = 3,
    document: int = 0,
) -> Diagnostic:
    return Diagnostic(
        file,
        code,
        name,
        Severity.ERROR,
        f"{name} here",
        pointer,
        Span(line, 1, line, 5),
        document=document,
    )


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_written_file_is_sorted_stable_and_documented(tmp_path: Path) -> None:
    results = [
        FileResult(
            "pods/b.json", [diag("pods/b.json"), diag("pods/b.json", "x-rule", "PL999", "/x")]
        ),
        FileResult(
            "./pods/a.json", [diag("./pods/a.json"), diag("./pods/a.json", line=9, document=1)]
        ),
    ]
    write_baseline("baseline.json", results)
    first = (tmp_path / "baseline.json").read_text()
    write_baseline("baseline.json", list(reversed(results)))
    assert (tmp_path / "baseline.json").read_text() == first  # order of results does not matter
    data = json.loads(first)
    assert data[FORMAT_KEY] == 1
    assert data["findings"] == [
        {
            "file": "pods/a.json",
            "rule": "pod-user-empty",
            "code": "PL203",
            "pointer": "/user",
            "count": 2,
            "message": "pod-user-empty here",
        },
        {
            "file": "pods/b.json",
            "rule": "pod-user-empty",
            "code": "PL203",
            "pointer": "/user",
            "count": 1,
            "message": "pod-user-empty here",
        },
        {
            "file": "pods/b.json",
            "rule": "x-rule",
            "code": "PL999",
            "pointer": "/x",
            "count": 1,
            "message": "x-rule here",
        },
    ]
    assert first.endswith("\n")
    assert read_baseline("baseline.json") == data["findings"]


def test_known_findings_are_dropped_even_when_lines_move() -> None:
    write_baseline("b.json", [FileResult("web.json", [diag("web.json", line=3)])])
    moved = [FileResult("web.json", [diag("web.json", line=40)])]
    kept, dropped = filter_baseline("b.json", moved)
    assert kept[0].diagnostics == []
    assert dropped == 1


def test_new_findings_are_kept() -> None:
    write_baseline("b.json", [FileResult("web.json", [diag("web.json")])])
    new = diag("web.json", "pod-id-invalid", "PL201", "/id")
    other_file = diag("api.json")
    kept, dropped = filter_baseline(
        "b.json",
        [FileResult("web.json", [diag("web.json"), new]), FileResult("api.json", [other_file])],
    )
    assert kept[0].diagnostics == [new]
    assert kept[1].diagnostics == [other_file]
    assert dropped == 1


def test_counts_handle_identical_findings_at_one_pointer() -> None:
    write_baseline("b.json", [FileResult("multi.yaml", [diag("multi.yaml", document=0)])])
    two = [diag("multi.yaml", document=0), diag("multi.yaml", line=20, document=1)]
    kept, dropped = filter_baseline("b.json", [FileResult("multi.yaml", two)])
    assert len(kept[0].diagnostics) == 1
    assert dropped == 1


def test_paths_are_relative_to_the_baseline_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo" / "pods").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    write_baseline("podlint-baseline.json", [FileResult("pods/web.json", [diag("pods/web.json")])])
    assert read_baseline("podlint-baseline.json")[0]["file"] == "pods/web.json"
    monkeypatch.chdir(tmp_path / "repo" / "pods")  # run from elsewhere: still matches
    kept, dropped = filter_baseline(
        "../podlint-baseline.json", [FileResult("web.json", [diag("web.json")])]
    )
    assert dropped == 1
    assert kept[0].diagnostics == []


def test_a_renamed_rule_still_matches_by_code() -> None:
    write_baseline("b.json", [FileResult("web.json", [diag("web.json", name="old-name")])])
    _, dropped = filter_baseline(
        "b.json", [FileResult("web.json", [diag("web.json", name="new-name")])]
    )
    assert dropped == 1


def test_missing_baseline_is_an_os_error() -> None:
    with pytest.raises(FileNotFoundError):
        filter_baseline("missing.json", [])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "invalid JSON"),
        ("[]", "not a podlint baseline"),
        ('{"podlint_baseline": 2, "findings": []}', "format 2 is not supported"),
        ('{"podlint_baseline": 1, "findings": {}}', "must be a list"),
        (
            '{"podlint_baseline": 1, "findings": [{"file": "a", "rule": "r"}]}',
            "no string 'pointer'",
        ),
        ('{"podlint_baseline": 1, "findings": [{"file": "a", "pointer": ""}]}', "names no rule"),
        (
            '{"podlint_baseline": 1, "findings": [{"file": "a", "rule": "r", "pointer": "", "count": 0}]}',
            "count must be a positive integer",
        ),
    ],
)
def test_malformed_baselines_are_value_errors(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / "b.json").write_text(content)
    with pytest.raises(ValueError, match=words):
        filter_baseline("b.json", [])


# ---- through the command line ----------------------------------------------------------------------

POD = {
    "id": "/shop/web",
    "user": "",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 128},
            "exec": {"command": {"shell": "sleep 1000"}},
        }
    ],
    "networks": [{"mode": "host"}],
}
ONLY = ["--no-cache", "--isolated", "--select", "pod-user-empty,pod-id-invalid,PL0"]


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pods = tmp_path / "pods"
    pods.mkdir()
    (pods / "web.json").write_text(json.dumps(POD, indent=2))
    (pods / "api.json").write_text(json.dumps(dict(POD, id="/shop/api"), indent=2))

    main(["check", *ONLY, "--write-baseline", "podlint-baseline.json", "pods"])
    capsys.readouterr()
    recorded = read_baseline("podlint-baseline.json")
    assert [(f["file"], f["rule"]) for f in recorded] == [
        ("pods/api.json", "pod-user-empty"),
        ("pods/web.json", "pod-user-empty"),
    ]

    assert main(["check", *ONLY, "--baseline", "podlint-baseline.json", "pods"]) == 0
    out = capsys.readouterr().out
    assert "pod-user-empty" not in out
    assert "baseline" in out  # the summary mentions what the baseline hid

    # An edit elsewhere (lines move) does not bring the recorded finding back; a new finding shows.
    moved = dict({"labels": {"team": "shop"}}, **POD)
    (pods / "web.json").write_text(json.dumps(moved, indent=4))
    (pods / "new.json").write_text(json.dumps(dict(POD, id="/shop/new")))
    assert (
        main(["check", *ONLY, "--format", "json", "--baseline", "podlint-baseline.json", "pods"])
        == 1
    )
    report = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["name"]) for d in report["diagnostics"]] == [
        ("pods/new.json", "pod-user-empty")
    ]
    assert report["summary"]["baselined"] == 2


def test_cli_bad_baseline_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "web.json").write_text(json.dumps(POD))
    (tmp_path / "b.json").write_text("{}")
    assert main(["check", *ONLY, "--baseline", "b.json", "web.json"]) == 2
    assert "not a podlint baseline" in capsys.readouterr().err
    assert main(["check", *ONLY, "--baseline", "missing.json", "web.json"]) == 2
