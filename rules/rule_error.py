"""Rule PL901 ``rule-error``: a rule crashed, returned something that is not a finding, or ran out of time."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class RuleError(PipelineRule):
    """A rule crashed, returned something that is not a finding, or ran out of time.

    What it does
    ------------
    Reports a rule that raised an exception on a document, returned something other than findings,
    was stopped at its time limit, or took longer than its time budget. The finding names the rule
    and its plugin; the other rules still ran. These findings are about the run, not the pod: they
    are never cached, so the next run tries the rule again. A rule that was merely slow finished,
    and its findings are complete, so that is reported at `info` whatever this rule's severity.

    Why is this bad
    ---------------
    When a rule crashed or was stopped, its verdict on this document is unknown, so the run cannot
    be trusted to be complete, and it fails (at the severity configured for this rule, `error` by
    default) rather than let an unchecked pod through.

    Example
    -------
    (No self-contained example: see the description above.)

    Use instead
    -----------
    (See the description above.)

    Options
    -------
    None.

    References
    ----------
    Report it to the rule's authors with the document that triggers it.
    """

    code = "PL901"
    name = "rule-error"
    severity = Severity.ERROR
    summary = "A rule crashed, returned something that is not a finding, or ran out of time"
