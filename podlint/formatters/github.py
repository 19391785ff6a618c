"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given::

    ::error file=pods/web.json,line=14,col=23,endLine=14,endColumn=27,title=podlint PL301 (health-check-endpoint)::container …

GitHub's annotation columns are inclusive, so ``endColumn`` is the last character of the finding (one
less than podlint's exclusive ``end_column``); GitHub only accepts columns on one line, so a finding
that spans lines carries ``line``/``endLine`` and its start column only. ``info`` findings become
``::notice``. Values are escaped as the runner requires: ``%``, CR and LF everywhere, ``:`` and ``,``
also in properties.
"""

from __future__ import annotations

from podlint.diagnostics import Diagnostic, Severity
from podlint.formatters.base import Formatter
from podlint.formatters.ci_common import is_pseudo_path, plural, report_path, severity_counts_text
from podlint.results import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=…``, ``title=…``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (workflow commands); the default under GitHub Actions"
    quiet = False

    streams = True

    def format(self, report: Report) -> str:
        return self.format_streamed(report)

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        return self.command(diagnostic) + "\n"

    def tail(self, report: Report) -> str:
        if not self.quiet:
            return self._summary(report) + "\n"
        # Even a quiet run with nothing to say ends its output with a line break.
        return "" if any(f.diagnostics for f in report.files) else "\n"

    @staticmethod
    def command(d: Diagnostic) -> str:
        props: list[tuple[str, str]] = []
        if not is_pseudo_path(d.file):
            span = d.span
            props.append(("file", report_path(d.file)))
            props.append(("line", str(span.line)))
            props.append(("col", str(span.column)))
            props.append(("endLine", str(span.end_line)))
            if span.end_line == span.line:
                props.append(("endColumn", str(max(span.column, span.end_column - 1))))
        props.append(("title", f"podlint {d.code} ({d.name})"))
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
        message = d.message if not d.help else f"{d.message}\nhelp: {d.help}"
        return f"::{COMMANDS[d.severity]} {rendered}::{escape_data(message)}"

    @staticmethod
    def _summary(report: Report) -> str:
        # A plain line for the job log; workflow commands themselves are not shown there.
        s = report.summary
        checked = plural(s.files, "file")
        counts = severity_counts_text(report.diagnostics)
        if not counts:
            return f"podlint: {checked} checked, no problems found."
        return f"podlint: {counts} in {checked}."
