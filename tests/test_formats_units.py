"""The CI formats on hand-built reports: escaping, positions, fingerprints, severity mappings.

These do not run the linter, so they pin each formatter's contract independently of the rules.
"""

from __future__ import annotations

import dataclasses
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from podlint.diagnostics import Diagnostic, ResolvedFix, Severity, Span, TextEdit
from podlint.formatters import BUILTIN_FORMATS
from podlint.formatters.ci_common import doc_intro, doc_markdown, fingerprints, report_path
from podlint.formatters.concise import ConciseFormatter
from podlint.formatters.github import GithubFormatter, escape_data, escape_property
from podlint.formatters.gitlab import GitlabFormatter
from podlint.formatters.junit import JunitFormatter
from podlint.formatters.sarif import FINGERPRINT_KEY, SarifFormatter
from podlint.plugins import make_plugin_manager
from podlint.results import FileResult, Report, RunSummary
from podlint.rule import Rule
from tests.conftest import shared_path


class FakeEndpointRule(Rule):
    """A health check names an endpoint its own container does not declare.

    What it does
    ------------
    Checks health check endpoints.

    Why is this bad
    ---------------
    Marathon rejects the pod.
    """

    code = "PL301"
    name = "health-check-endpoint"
    severity = Severity.ERROR
    summary = "A health check names an endpoint its own container does not declare"
    marathon_rules = ("R59",)


SPAN = Span(14, 23, 14, 28)


def _diag(
    file: str = "pods/web.json",
    code: str = "PL301",
    name: str = "health-check-endpoint",
    severity: Severity = Severity.ERROR,
    message: str = "container `app` has no endpoint `htp`; did you mean `http`?",
    pointer: str = "/containers/0/healthCheck/http/endpoint",
    span: Span = SPAN,
    **kwargs: Any,
) -> Diagnostic:
    return Diagnostic(file, code, name, severity, message, pointer, span, **kwargs)


def _report(diagnostics: list[Diagnostic], skipped: list[str] = ()) -> Report:  # type: ignore[assignment]
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.file, []).append(d)
    files = [FileResult(path, diags, None, pods=1) for path, diags in by_file.items()]
    files += [FileResult(path, [], None, skipped="a Marathon app definition") for path in skipped]
    summary = RunSummary(files=len(by_file), pods=len(by_file), skipped=len(skipped))
    for d in diagnostics:
        field = {"error": "errors", "warning": "warnings", "info": "infos"}[d.severity.value]
        setattr(summary, field, getattr(summary, field) + 1)
    return Report(files, summary, {FakeEndpointRule.name: FakeEndpointRule})


FIX = ResolvedFix(
    "rename the reference to `http`",
    "unsafe",
    (TextEdit(301, 306, '"http"', Span(14, 23, 14, 28)),),
)


def test_every_ci_format_is_registered() -> None:
    _, registry = make_plugin_manager(third_party=False)
    for name in ("sarif", "github", "junit", "gitlab", "concise"):
        assert name in BUILTIN_FORMATS
        assert registry.formatters[name](color=False, show_source=True).name == name


# ---- shared helpers ----------------------------------------------------------------------------


def test_report_path_is_relative_to_the_working_folder(tmp_path: Path) -> None:
    inside = os.path.join(str(tmp_path), "pods", "web.json")
    assert report_path(inside, cwd=str(tmp_path)) == "pods/web.json"
    assert report_path("./pods/web.json") == "pods/web.json"
    assert report_path("/elsewhere/web.json", cwd=str(tmp_path)) == "/elsewhere/web.json"
    assert report_path("<plugins>") == "<plugins>"


def test_fingerprints_ignore_positions_but_not_identity() -> None:
    a = _diag()
    moved = dataclasses.replace(a, span=Span(40, 3, 40, 8))
    assert fingerprints([a]) == fingerprints([moved])
    others = [
        dataclasses.replace(a, pointer="/containers/1/healthCheck/http/endpoint"),
        dataclasses.replace(a, file="pods/other.json"),
        dataclasses.replace(a, code="PL302"),
        dataclasses.replace(a, document=1),
    ]
    assert len({fingerprints([d])[0] for d in [a, *others]}) == 5


def test_fingerprints_are_unique_within_a_report() -> None:
    twice = [_diag(message="one"), _diag(message="two")]
    first, second = fingerprints(twice)
    assert first != second


def test_doc_intro_and_markdown() -> None:
    doc = FakeEndpointRule.doc()
    assert doc_intro(doc) == FakeEndpointRule.summary + "."
    assert doc_intro("What it does\n------------\nChecks things\nacross lines.\n") == (
        "Checks things across lines."
    )
    markdown = doc_markdown(doc)
    assert "### What it does" in markdown
    assert "------------" not in markdown


# ---- github ------------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_command_shape() -> None:
    d = _diag(help="Health checks probe endpoints of their own container.")
    line = GithubFormatter.command(d)
    assert line == (
        "::error file=pods/web.json,line=14,col=23,endLine=14,endColumn=27,"
        "title=podlint PL301 (health-check-endpoint)::"
        "container `app` has no endpoint `htp`; did you mean `http`?"
        "%0Ahelp: Health checks probe endpoints of their own container."
    )


def test_github_severity_and_multiline_spans() -> None:
    info = _diag(severity=Severity.INFO, span=Span(3, 5, 9, 2))
    line = GithubFormatter.command(info)
    assert line.startswith("::notice file=pods/web.json,line=3,col=5,endLine=9,title=")
    assert "endColumn" not in line
    warning = GithubFormatter.command(_diag(severity=Severity.WARNING))
    assert warning.startswith("::warning ")


def test_github_escapes_properties_in_paths_and_pseudo_files() -> None:
    line = GithubFormatter.command(_diag(file="pods/a,b:c.json"))
    assert "file=pods/a%2Cb%3Ac.json," in line
    plugin = GithubFormatter.command(
        _diag(file="<plugin broken>", code="PL900", name="plugin-error")
    )
    assert plugin.startswith("::error title=podlint PL900 (plugin-error)::")


def test_github_summary_line() -> None:
    out = GithubFormatter().format(_report([_diag(), _diag(severity=Severity.WARNING)]))
    assert out.splitlines()[-1] == "podlint: 1 error, 1 warning in 1 file."
    quiet = GithubFormatter()
    quiet.quiet = True
    assert len(quiet.format(_report([_diag()])).splitlines()) == 1


# ---- sarif -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        shared_path("external", "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return schema


def _sarif(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SarifFormatter().format(report))
    return data


def test_sarif_validates_and_carries_regions(sarif_schema: dict[str, Any]) -> None:
    report = _report(
        [
            _diag(fix=FIX, help="did you mean `http`?"),
            _diag(
                file="pods/db.yaml",
                code="PL401",
                name="volume-silently-ephemeral",
                severity=Severity.INFO,
                pointer="/volumes/0",
                span=Span(5, 5, 7, 1),
            ),
        ]
    )
    sarif = _sarif(report)
    jsonschema.Draft4Validator(sarif_schema).validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    second, first = run["results"]  # ordered by file: pods/db.yaml, then pods/web.json
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pods/web.json", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 14,
        "startColumn": 23,
        "endLine": 14,
        "endColumn": 28,
    }
    assert first["level"] == "error"
    assert second["level"] == "note"
    assert first["ruleId"] == "PL301"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "PL301"
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": {"startLine": 14, "startColumn": 23, "endLine": 14, "endColumn": 28},
        "insertedContent": {"text": '"http"'},
    }
    assert first["message"]["text"].endswith("\nhelp: did you mean `http`?")


def test_sarif_rule_descriptors(sarif_schema: dict[str, Any]) -> None:
    sarif = _sarif(_report([_diag(url="https://example.org/rules#health-check-endpoint")]))
    (descriptor,) = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["id"] == "PL301"
    assert descriptor["name"] == "health-check-endpoint"
    assert descriptor["fullDescription"]["text"] == FakeEndpointRule.summary + "."
    assert descriptor["shortDescription"]["text"] == FakeEndpointRule.summary
    assert descriptor["helpUri"] == "https://example.org/rules#health-check-endpoint"
    assert "### Why is this bad" in descriptor["help"]["markdown"]
    assert descriptor["help"]["text"] == FakeEndpointRule.doc()
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert descriptor["properties"]["tags"] == ["marathon", "pod"]


def test_sarif_fingerprints_are_stable_when_lines_move() -> None:
    before = _sarif(_report([_diag()]))["runs"][0]["results"][0]
    after = _sarif(_report([_diag(span=Span(20, 23, 20, 28))]))["runs"][0]["results"][0]
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert set(before["partialFingerprints"]) == {FINGERPRINT_KEY}


def test_sarif_reports_run_problems_as_notifications(sarif_schema: dict[str, Any]) -> None:
    plugin = _diag(
        file="<plugin broken>", code="PL900", name="plugin-error", message="failed to load"
    )
    sarif = _sarif(_report([plugin]))
    jsonschema.Draft4Validator(sarif_schema).validate(sarif)
    run = sarif["runs"][0]
    assert run["results"] == []
    (note,) = run["invocations"][0]["toolConfigurationNotifications"]
    assert note["descriptor"] == {"id": "PL900"}
    assert "failed to load" in note["message"]["text"]


def test_sarif_uri_is_percent_encoded() -> None:
    sarif = _sarif(_report([_diag(file="pods/my pod.json")]))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "pods/my%20pod.json"


# ---- gitlab ------------------------------------------------------------------------------------


def test_gitlab_code_quality_issues() -> None:
    diagnostics = [
        _diag(),
        _diag(severity=Severity.WARNING, pointer="/a"),
        _diag(severity=Severity.INFO, pointer="/b"),
    ]
    issues = json.loads(GitlabFormatter().format(_report(diagnostics)))
    assert [i["severity"] for i in issues] == ["critical", "major", "info"]
    assert len({i["fingerprint"] for i in issues}) == 3
    first = issues[0]
    assert first["check_name"] == "health-check-endpoint"
    assert first["description"].startswith("PL301 container `app`")
    assert first["location"] == {"path": "pods/web.json", "lines": {"begin": 14, "end": 14}}
    moved = json.loads(GitlabFormatter().format(_report([_diag(span=Span(2, 1, 2, 4))])))
    assert moved[0]["fingerprint"] == first["fingerprint"]


def test_gitlab_empty_report_is_an_empty_array() -> None:
    assert json.loads(GitlabFormatter().format(_report([]))) == []


# ---- junit -------------------------------------------------------------------------------------


def test_junit_one_case_per_file() -> None:
    report = _report(
        [
            _diag(help="fix it"),
            _diag(file="pods/style.json", severity=Severity.INFO, message="bad \x1b[31m colour"),
        ],
        skipped=["package.json"],
    )
    root = ET.fromstring(JunitFormatter().format(report))
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "3"
    assert root.attrib["failures"] == "1"
    assert root.attrib["skipped"] == "1"
    cases = {c.attrib["name"]: c for c in root.iter("testcase")}
    assert set(cases) == {"pods/web.json", "pods/style.json", "package.json"}
    failure = cases["pods/web.json"].find("failure")
    assert failure is not None
    assert failure.attrib["message"] == "1 problem (1 error)"
    assert failure.text == (
        "pods/web.json:14:23: error PL301 container `app` has no endpoint `htp`; did you mean "
        "`http`? (health-check-endpoint)\n    help: fix it"
    )
    style = cases["pods/style.json"]
    assert style.find("failure") is None
    out = style.find("system-out")
    assert out is not None
    assert out.text is not None
    assert "\x1b" not in out.text
    assert cases["package.json"].find("skipped") is not None


def test_junit_clean_run() -> None:
    report = Report([FileResult("pods/ok.json", [], None, pods=1)], RunSummary(files=1, pods=1))
    root = ET.fromstring(JunitFormatter().format(report))
    (case,) = root.iter("testcase")
    assert list(case) == []
    assert root.attrib["failures"] == "0"


# ---- concise -----------------------------------------------------------------------------------


def test_concise_one_line_per_finding() -> None:
    formatter = ConciseFormatter(color=False, show_source=True)
    formatter.quiet = True
    out = formatter.format(_report([_diag(help="ignored here")]))
    assert out == (
        "pods/web.json:14:23: error PL301 container `app` has no endpoint `htp`; did you mean "
        "`http`? (health-check-endpoint)\n"
    )
