"""PL112 read-only-field: a field Marathon fills in itself (``version``); a submitted value is dropped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity
from podlint.rule import Context, Rule
from podlint.schema import check, key_events


class ReadOnlyField(Rule):
    """Finds read-only fields in a submitted pod.

    What it does
    ------------
    Reports the pod's ``version``, which Marathon replaces with the server time on every create or
    update, and offers to remove it (safe: Marathon never used the value). A ``version`` that is not
    an ISO-8601 date-time is an error of its own (``schema-pattern``): Marathon still parses it.

    Why is this bad
    ---------------
    It suggests the file pins a version, which it does not. It usually means the file was copied
    from a ``GET /v2/pods`` response, which also carries server defaults.

    Example
    -------
    ```json
    {
      "id": "/web",
      "version": "2017-01-03T18:21:19.310Z",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - Marathon replaces `version` with the server's clock: [PodsResource.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/PodsResource.scala).
    """

    code = "PL112"
    name = "read-only-field"
    severity = Severity.INFO
    summary = "A read-only field that Marathon overwrites"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        # A value Marathon cannot even read is the schema rules' finding (an error whose help says to
        # remove the key); saying "read-only" about it as well would be the same problem twice.
        rejected = {problem.pointer for problem in check(pod, ctx)}
        for event in key_events(pod, ctx):
            if (
                event.kind == "read-only"
                and event.value is not None
                and event.pointer not in rejected
            ):
                yield Finding(
                    event.pointer,
                    f"`{event.key}` is read-only: Marathon replaces it with the time of the request",
                    help=f"Remove `{event.key}`.",
                    target="key",
                    fix=Fix(f"Remove `{event.key}`", "safe", (FixOp("remove", event.pointer),)),
                )
