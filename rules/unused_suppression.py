"""Rule PL902 ``unused-suppression``: a podlint suppression that suppresses nothing."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class UnusedSuppression(PipelineRule):
    """A `# podlint: disable=…` comment or a `podlint.disable` label that suppresses nothing.

    What it does
    ------------
    Reports every rule named in a suppression that had nothing to suppress: the rule reported nothing
    on that line (or in that file, or in that pod), or the name is not a rule at all (the message
    says "unknown", with the closest rule name). Also reports directives podlint cannot read, such
    as `# podlint: disable` without rules or `# podlint: disabel=…`. A rule that is merely not
    enabled in the configuration at hand is reported apart, as "non-enabled": another configuration
    (the organisation's CI, say) may enable it, and there the suppression does its job. The findings
    come from the suppression stage of the pipeline, after every other rule has run.

    Suppressions are written as:

    - YAML, end of line: `user: root  # podlint: disable=forbid-root-user` (that line);
    - YAML, alone on a line: the same comment on the line above the finding;
    - YAML, whole file: `# podlint: disable-file=image-tag-pinned,PL503`;
    - JSON (no comments) or YAML, one pod: the label `"podlint.disable": "rule,rule"`.

    Why is this bad
    ---------------
    A stale suppression hides the next real finding of that rule at that place, and a misspelt one
    silently suppresses nothing while looking as if it did. Like ruff's RUF100, podlint keeps
    suppressions honest. `podlint check --fix` removes unused suppressions (the whole comment or label
    when nothing in it is used); it leaves a non-enabled rule's suppression alone, which only
    `--fix --unsafe-fixes` removes, as it does unknown names. To forbid suppressions altogether, run with
    `--no-inline-suppressions` or set `inline_suppressions: false`; then they are all ignored (and not
    reported).

    Example
    -------
    ```json
    {
      "id": "/web",
      "labels": {"podlint.disable": "pod-user-empty"},
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None. Silence it for a file with `# podlint: disable-file=unused-suppression`.

    References
    ----------
    - The `podlint.disable` label is an ordinary pod label, which Marathon stores and otherwise ignores.
    - [Inline suppressions](https://github.com/podlint/podlint/blob/main/docs/configuration.md#inline-suppressions).
    """

    code = "PL902"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "A podlint suppression suppresses nothing"
