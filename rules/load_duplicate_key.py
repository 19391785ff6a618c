"""Rule PL002 ``duplicate-key``: a key appears twice in one mapping."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class DuplicateKey(PipelineRule):
    """A key appears twice in one mapping.

    What it does
    ------------
    Reports the second occurrence of a key in the same JSON object or YAML mapping.

    Why is this bad
    ---------------
    JSON parsers disagree about duplicate keys: Marathon's reader keeps the last value, many tools keep
    the first, some reject the document. What you review is then not what runs. YAML forbids them.

    Example
    -------
    ```json
    {
      "id": "/web",
      "id": "/api",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 64},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/api",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 64},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    RFC 8259, section 4 (names SHOULD be unique); YAML 1.2, section 3.2.1.1 (keys are unique).
    """

    code = "PL002"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A key appears twice in one mapping"
