"""The formatter interface: a formatter turns a run into text; it is the only code that prints.

A format that prints each finding on its own can also print while the run goes on (``streams``):
the finding's text (:meth:`Formatter.diagnostic_text`) as soon as no file still to come can sort
before it, then the tail (:meth:`Formatter.tail`) once the run is over. Its ``format`` is built from
the same two methods, so the streamed text is the text of ``format``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from podlint.diagnostics import Diagnostic
from podlint.results import FileResult, Report, RunSummary

__all__ = ["FileResult", "Formatter", "Report", "RunSummary", "count_by_severity"]


class Formatter:
    """Subclass and register through the ``podlint_formatters`` hook."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(self, *, color: bool = False, show_source: bool = True) -> None:
        self.color = color
        self.show_source = show_source

    # True when the format can print finding by finding (see the module docstring).
    streams: ClassVar[bool] = False

    def format(self, report: Report) -> str:
        raise NotImplementedError

    @property
    def needs_source(self) -> bool:
        """Whether :meth:`diagnostic_text` shows the file's text (snippets)."""
        return False

    def diagnostic_text(self, diagnostic: Diagnostic, source: str | None) -> str:
        """The text of one finding, newline-terminated (streaming formats only)."""
        raise NotImplementedError

    def tail(self, report: Report) -> str:
        """What follows the findings: statistics, the summary (streaming formats only)."""
        raise NotImplementedError

    def format_streamed(self, report: Report) -> str:
        """``format`` of a streaming format: every finding in order, then the tail."""
        out: list[str] = []
        current: str | None = None
        source: str | None = None
        files = {f.path: f for f in report.files} if self.needs_source else {}
        for d in report.diagnostics:
            if self.needs_source and d.file != current:
                # One file's text at a time: the findings are sorted by file.
                current = d.file
                result = files.get(d.file)
                source = None
                if result is not None:
                    source = result.text if result.text is not None else result.source_text()
            out.append(self.diagnostic_text(d, source))
        out.append(self.tail(report))
        return "".join(out)


def count_by_severity(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity.value] += 1
    return counts
