"""``--format concise``: one line per finding, no source snippet, no help.

``path:line:col: severity code message (name)``, then the summary line (unless ``--quiet``). For
terminals and editors that jump to ``path:line:col``, and for logs that should stay short.
"""

from __future__ import annotations

from podlint.formatters.text import TextFormatter
from podlint.results import Report


class ConciseFormatter(TextFormatter):
    name = "concise"
    description = "one line per finding: path:line:col: severity code message (name)"

    def format(self, report: Report) -> str:
        out = [self._header(d) for d in report.diagnostics]
        if self.statistics:
            out.extend(self._statistics(report.diagnostics))
        if not self.quiet:
            out.append(self._summary(report))
        return "\n".join(out) + ("\n" if out else "")
