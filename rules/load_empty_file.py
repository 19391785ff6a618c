"""Rule PL005 ``empty-file``: the file is empty."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class EmptyFile(PipelineRule):
    """The file is empty.

    What it does
    ------------
    Reports a file (or stdin) that holds nothing but white space or comments.

    Why is this bad
    ---------------
    An empty file posted to Marathon is rejected; in a repository it is usually a mistake in a generator or a merge.

    Example
    -------
    An empty `pod.json`, or one holding only white space.

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
    - Marathon 1.4–1.10 answers an empty body with `Invalid JSON` (HTTP 400): [The steps of a request](https://github.com/podlint/podlint/blob/main/docs/marathon.md#the-steps-of-a-request).
    """

    code = "PL005"
    name = "empty-file"
    severity = Severity.ERROR
    summary = "The file is empty"
