"""A file that could not be read at all still gets a finding, never a traceback."""

from __future__ import annotations

from podlint.config.settings import Settings
from podlint.diagnostics import Diagnostic, Severity, Span
from podlint.engine import Linter
from podlint.results import FileResult


def unreadable_result(linter: Linter, path: str, reason: str, settings: Settings) -> FileResult:
    rule = linter.registry.rules.get("unreadable-file")
    code = rule.code if rule else "PL009"
    diag = Diagnostic(
        file=path,
        code=code,
        name="unreadable-file",
        severity=Severity.ERROR,
        message=f"cannot read this file: {reason}",
        pointer="",
        span=Span(1, 1, 1, 1),
        help="Check the file's permissions, or exclude it from linting.",
        url=rule.url() if rule else None,
    )
    return FileResult(path, [diag], None)
