"""``--format gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

Save it as the job's ``artifacts: reports: codequality`` and GitLab shows the findings in merge
requests. Severities map by what they mean for a deploy:

========  ============  ==============================================
podlint   Code Quality  why
========  ============  ==============================================
error     ``critical``  Marathon rejects the pod, or it cannot run
warning   ``major``     accepted, but almost certainly a mistake
info      ``info``      style and best practice
========  ============  ==============================================

``blocker`` is left for policies a team wants to stop merges on (not distinguishable here).
``fingerprint`` hashes rule, file, document and JSON Pointer (not line numbers), so GitLab matches a
finding across branches when unrelated lines move. Paths are relative to the working folder, which
in a GitLab job is the repository's root.
"""

from __future__ import annotations

from typing import Any

from podlint.diagnostics import Diagnostic, Severity
from podlint.formatters.base import Formatter
from podlint.formatters.ci_common import fingerprints, report_path
from podlint.formatters.json_format import dumps_indented
from podlint.results import Report

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


class GitlabFormatter(Formatter):
    name = "gitlab"
    description = "GitLab Code Quality report (artifacts:reports:codequality)"

    def format(self, report: Report) -> str:
        # Problems of the run itself (a broken plugin) keep their pseudo path, e.g. "<plugins>":
        # better shown against no file than not shown.
        diagnostics = report.diagnostics
        issues = [
            _issue(d, fp) for d, fp in zip(diagnostics, fingerprints(diagnostics), strict=True)
        ]
        return dumps_indented(issues) + "\n"


def _issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    description = f"{d.code} {d.message}"
    if d.help:
        description += f" (help: {d.help})"
    return {
        "type": "issue",
        "check_name": d.name,
        "description": description,
        "categories": ["Bug Risk"] if d.severity is not Severity.INFO else ["Style"],
        "severity": SEVERITIES[d.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": report_path(d.file),
            "lines": {"begin": d.span.line, "end": d.span.end_line},
        },
    }
