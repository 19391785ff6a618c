"""Rule PL008 ``too-complex``: the document is nested too deeply or expands too far."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class TooComplex(PipelineRule):
    """The document is nested too deeply or expands too far.

    What it does
    ------------
    Reports documents that exceed podlint's resource limits: nesting deeper than a few hundred levels,
    or YAML aliases that expand into more nodes than any pod could hold (a "billion laughs" document).

    Why is this bad
    ---------------
    No pod definition is shaped like that; such a file is hostile or broken, and tools that expand it
    hang or run out of memory.

    Example
    -------
    (No self-contained example: see the description above.)

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 64},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    YAML 1.2, section 3.2.2.2 (aliases).
    """

    code = "PL008"
    name = "too-complex"
    severity = Severity.ERROR
    summary = "The document is nested too deeply or expands too far"
