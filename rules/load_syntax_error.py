"""Rule PL001 ``syntax-error``: the file is not valid JSON (or YAML)."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class InvalidSyntax(PipelineRule):
    """The file is not valid JSON (or YAML).

    What it does
    ------------
    Reports text that is not valid JSON (for `.json` files) or YAML (for `.yaml`/`.yml` files), at the
    exact character that breaks it: a trailing comma, a comment, single quotes, an unquoted value such as
    `10mb`, `NaN`, a missing comma or colon, an unterminated string, bad indentation.

    Why is this bad
    ---------------
    Marathon's API reads JSON only and answers `400 Invalid JSON` for all of these, with no position.
    JSON files are parsed strictly for that reason. Where the text is still readable (a trailing comma, a
    comment), podlint recovers and keeps checking the rest of the pod, so one typo does not hide the
    other problems.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "web", "resources": {"cpus": 0.5, "mem": 64},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"},},
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "web", "resources": {"cpus": 0.5, "mem": 64},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - RFC 8259 (JSON); YAML 1.2.
    - Marathon 1.4–1.10 answers a body it cannot read with `Invalid JSON` (HTTP 400): [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#the-steps-of-a-request).
    """

    code = "PL001"
    name = "syntax-error"
    severity = Severity.ERROR
    summary = "The file is not valid JSON (or YAML)"
