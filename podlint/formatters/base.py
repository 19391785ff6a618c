"""The formatter interface: a formatter turns a finished run into text; it is the only code that prints."""

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

    def format(self, report: Report) -> str:
        raise NotImplementedError


def count_by_severity(diagnostics: Sequence[Diagnostic]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity.value] += 1
    return counts
