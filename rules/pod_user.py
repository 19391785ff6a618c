"""PL203: a pod-level ``user`` must not be empty (R6)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule


class PodUserEmpty(Rule):
    """The pod's ``user`` is an empty string.

    What it does
    ------------
    Reports a pod-level ``user`` that is present but empty.

    Why is this bad
    ---------------
    Marathon rejects the definition with ``must not be empty`` at ``/user``. To run as the agent's
    default user, leave ``user`` out.

    Example
    -------
    ```json
    {
      "id": "/web",
      "user": "",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "user": "nobody",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `must not be empty` at `/user` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L239)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL203"
    name = "pod-user-empty"
    severity = Severity.ERROR
    summary = "The pod's user must not be empty"
    marathon_rules = ("R6",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if pod.get("user") == "":
            yield Finding(
                "/user",
                'the pod\'s "user" is empty; Marathon rejects an empty user (must not be empty)',
                help="Name an OS user, e.g. {0}, or remove `user` to run as the default user.",
                snippets=(Snippet("nobody", "user", at=""),),
                fix=Fix('remove the empty "user"', "unsafe", (FixOp("remove", "/user"),)),
            )
