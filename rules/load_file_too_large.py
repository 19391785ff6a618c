"""Rule PL006 ``file-too-large``: the file is larger than podlint reads."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class FileTooLarge(PipelineRule):
    """The file is larger than podlint reads.

    What it does
    ------------
    Reports a file larger than the configured maximum (`max_file_size`, 5 MiB by default), without
    parsing it. Pod definitions are a few kilobytes; a file this large is generated data or a mistake.

    Why is this bad
    ---------------
    Reading it would cost time and memory on every commit; Marathon's own request size limit rejects very large bodies too.

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
    Marathon `--http_max_concurrent_requests`/request limits; podlint option `max_file_size`.
    """

    code = "PL006"
    name = "file-too-large"
    severity = Severity.ERROR
    summary = "The file is larger than podlint reads"
