"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Positions follow SARIF's own convention, which is podlint's: lines and columns are 1-based and
``endColumn`` is the column *after* the last character. Columns count Unicode code points, declared
by ``columnKind``. Artifact URIs are relative to ``%SRCROOT%`` (the working folder), which is what
``github/codeql-action/upload-sarif`` expects. ``partialFingerprints`` hold a hash of rule, file,
document and JSON Pointer, so a finding keeps its identity when unrelated lines move.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from podlint import __version__
from podlint.diagnostics import Diagnostic, ResolvedFix, Severity, Span
from podlint.formatters.base import Formatter
from podlint.formatters.ci_common import (
    doc_intro,
    doc_markdown,
    fingerprints,
    is_pseudo_path,
    report_path,
)
from podlint.formatters.json_format import dumps_indented
from podlint.results import Report
from podlint.rule import Rule
from podlint.serialize import previous_to_dict

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/podlint/podlint"
SRCROOT = "%SRCROOT%"
# The key under partialFingerprints; versioned so a future change of the recipe is a new key.
FINGERPRINT_KEY = "podlint/v1"
# GitHub code scanning truncates longer descriptions; keep them within its limit.
_MAX_DESCRIPTION = 1000

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0, for GitHub code scanning (upload-sarif) and other dashboards"

    def format(self, report: Report) -> str:
        diagnostics = report.diagnostics
        located = [d for d in diagnostics if not is_pseudo_path(d.file)]
        notifications = [d for d in diagnostics if is_pseudo_path(d.file)]

        rule_index: dict[str, int] = {}
        descriptors: list[dict[str, Any]] = []
        for d in located:
            if d.code not in rule_index:
                rule_index[d.code] = len(descriptors)
                descriptors.append(_rule_descriptor(d, _rule_class(report.rules.get(d.name))))

        results = [
            _result(d, rule_index[d.code], fp)
            for d, fp in zip(located, fingerprints(located), strict=True)
        ]
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if notifications:
            invocation["toolConfigurationNotifications"] = [
                {
                    "level": LEVELS[d.severity],
                    "message": {"text": f"{d.file}: {d.message}"},
                    "descriptor": {"id": d.code},
                }
                for d in notifications
            ]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "podlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": descriptors,
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        payload = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        return dumps_indented(payload) + "\n"


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_DESCRIPTION else text[: _MAX_DESCRIPTION - 1] + "…"


def _rule_class(candidate: object) -> type[Rule] | None:
    return candidate if isinstance(candidate, type) and issubclass(candidate, Rule) else None


def _rule_descriptor(d: Diagnostic, rule: type[Rule] | None) -> dict[str, Any]:
    """What code scanning shows about a rule: summary, description, help and a link."""
    summary = rule.summary if rule is not None else ""
    doc = rule.doc() if rule is not None else ""
    intro = doc_intro(doc) or summary or d.name
    descriptor: dict[str, Any] = {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": _truncate(summary or intro)},
        "fullDescription": {"text": _truncate(intro)},
        "defaultConfiguration": {"level": LEVELS[_default_severity(rule, d)]},
    }
    url = d.url or (rule.url() if rule is not None else None)
    if url:
        descriptor["helpUri"] = url
    if doc:
        markdown = doc_markdown(doc)
        if url:
            markdown += f"\n\n[Rule documentation]({url})"
        descriptor["help"] = {"text": doc, "markdown": markdown}
    tags = ["marathon", "pod"]
    if rule is not None and rule.policy:
        tags.append("policy")
    descriptor["properties"] = {"tags": tags}
    return descriptor


def _default_severity(rule: type[Rule] | None, d: Diagnostic) -> Severity:
    return rule.severity if rule is not None else d.severity


def artifact_location(path: str) -> dict[str, str]:
    """A URI relative to ``%SRCROOT%`` for files inside the working folder, else an absolute one."""
    rel = report_path(path)
    if rel.startswith("/"):
        return {"uri": "file://" + _uri_path(rel)}
    return {"uri": _uri_path(rel), "uriBaseId": SRCROOT}


def _uri_path(path: str) -> str:
    """Percent-encode the path's bytes: a file name that is not UTF-8 keeps its own bytes."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    return quote(raw)


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _message(d: Diagnostic) -> str:
    return f"{d.message}\nhelp: {d.help}" if d.help else d.message


def _result(d: Diagnostic, index: int, fingerprint: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_location(d.file),
            "region": region(d.span),
        }
    }
    if d.pointer:
        # The JSON Pointer names the member in the pod; it stays the same when lines move.
        location["logicalLocations"] = [{"fullyQualifiedName": d.pointer, "kind": "element"}]
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": _message(d)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"name": d.name, "pointer": d.pointer, "document": d.document},
    }
    if d.fix is not None:
        result["fixes"] = [_fix(d.file, d.fix)]
    if d.previous is not None:
        result["properties"]["previous"] = previous_to_dict(d.previous)
    return result


def _fix(path: str, fix: ResolvedFix) -> dict[str, Any]:
    return {
        "description": {"text": f"{fix.description} ({fix.applicability} fix)"},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(path),
                "replacements": [
                    {"deletedRegion": region(e.span), "insertedContent": {"text": e.replacement}}
                    for e in fix.edits
                ],
            }
        ],
    }
