"""``--format concise``: one line per finding, no source snippet, no help.

``path:line:col: severity code message (name)``, then the summary line (unless ``--quiet``). For
terminals and editors that jump to ``path:line:col``, and for logs that should stay short.
"""

from __future__ import annotations

from podlint.diagnostics import Diagnostic
from podlint.formatters.text import TextFormatter


class ConciseFormatter(TextFormatter):
    name = "concise"
    description = "one line per finding: path:line:col: severity code message (name)"

    @property
    def needs_source(self) -> bool:
        return False

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        return self._header(diagnostic) + "\n"
