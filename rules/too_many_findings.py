"""Rule PL903 ``too-many-findings``: a file has more findings than podlint reports for one file."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class TooManyFindings(PipelineRule):
    """A file has more findings than podlint reports for one file; the rest are counted.

    What it does
    ------------
    Reports, after the first 1,000 findings of a file, how many more there are and of which
    severities. It takes the severity of the worst finding it stands for, so the exit code is the
    same as if every finding had been shown.

    Why is this bad
    ---------------
    Thousands of findings in one file are nearly always one cause repeated (a generated file, a
    merge gone wrong, thousands of duplicate keys). Reporting each of them would make the report,
    the terminal and the editor unusable, and cost time and memory in proportion.

    Example
    -------
    (No self-contained example: it takes more than 1,000 findings in one file.)

    Use instead
    -----------
    (Fix the findings shown first; the rest usually share their cause.)

    Options
    -------
    None.

    References
    ----------
    A podlint limit, not a Marathon rule.
    """

    code = "PL903"
    name = "too-many-findings"
    severity = Severity.ERROR
    summary = "A file has more findings than podlint reports for one file"
