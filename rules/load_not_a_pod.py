"""Rule PL003 ``not-a-pod``: a file named for linting holds no pod definition."""

from __future__ import annotations

from podlint.diagnostics import Severity
from podlint.rule import PipelineRule


class NotAPod(PipelineRule):
    """A file named for linting holds no pod definition.

    What it does
    ------------
    Reports a file that was named explicitly but is not a pod definition: a fragment such as
    `{"secrets": ...}`, a Marathon *app* definition (`cmd`, `container`, `instances`), a group, a list.
    Files found by walking a folder that are plainly not pods are skipped and counted in the summary.

    Why is this bad
    ---------------
    Posting it to `/v2/pods` fails, and a CI step that lints the wrong file passes silently. A pod
    needs at least an `id` and `containers`.

    Example
    -------
    ```json
    {
      "id": "/web",
      "cmd": "python3 -m http.server",
      "cpus": 0.5,
      "mem": 64
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 64},
        "exec": {"command": {"shell": "python3 -m http.server"}}}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon's `Pod` type requires `id` and `containers`: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - podlint checks Marathon pod definitions (`/v2/pods`); apps (`/v2/apps`) and groups are other documents.
    """

    code = "PL003"
    name = "not-a-pod"
    severity = Severity.ERROR
    summary = "A file named for linting holds no pod definition"
