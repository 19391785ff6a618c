"""A third-party output format: one line with the number of findings."""

from __future__ import annotations

from podlint import hookimpl
from podlint.formatters.base import Formatter, Report


class CountFormatter(Formatter):
    name = "finding-count"
    description = "the number of findings"

    def format(self, report: Report) -> str:
        return f"{sum(len(r.diagnostics) for r in report.results)}\n"


@hookimpl
def podlint_formatters() -> dict[str, type[Formatter]]:
    return {CountFormatter.name: CountFormatter}
