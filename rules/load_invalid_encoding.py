"""Rule PL004 ``invalid-encoding``: the file is not UTF-8 text."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class InvalidEncoding(PipelineRule):
    """The file is not UTF-8 text.

    What it does
    ------------
    Reports files that are not UTF-8 text: UTF-16 or UTF-32, Latin-1 bytes, binary data, NUL bytes.

    Why is this bad
    ---------------
    Marathon reads pod definitions as UTF-8 JSON; anything else is rejected or garbled.

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
    RFC 8259, section 8.1 (JSON exchanged between systems must be UTF-8).
    """

    code = "PL004"
    name = "invalid-encoding"
    severity = Severity.ERROR
    summary = "The file is not UTF-8 text"
