"""Rule PL009 ``unreadable-file``: the file cannot be read."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class UnreadableFile(PipelineRule):
    """The file cannot be read.

    What it does
    ------------
    Reports a named file that cannot be opened or read: missing permissions, a folder where a file was
    expected, an I/O error. The other files of the run are still linted.

    Why is this bad
    ---------------
    A file that cannot be read cannot be checked, so the run would pass without having looked at it.

    Example
    -------
    (No self-contained example: a file without read permission.)

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
    The operating system's error, quoted in the message.
    """

    code = "PL009"
    name = "unreadable-file"
    severity = Severity.ERROR
    summary = "The file cannot be read"
