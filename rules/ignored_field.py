"""PL111 ignored-field: a field Marathon accepts but discards (``check``, ``scaling.maxInstances``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity
from podlint.rule import Context, Rule
from podlint.schema import key_events, version_line
from podlint.schema.problems import display_path


class IgnoredField(Rule):
    """Finds fields that Marathon accepts and then throws away.

    What it does
    ------------
    Reports ``containers[].check`` (Marathon 1.8-1.10 validate it, then drop it: the check never
    runs) and ``scaling.maxInstances`` (shown in documentation examples, never read by Marathon),
    and offers to remove them (an unsafe fix: it deletes what the author wrote).

    Why is this bad
    ---------------
    The author expects a behaviour that never happens: a check that is never run, an upper bound
    on instances that is never applied.

    Example
    -------
    ```json
    {
      "id": "/web",
      "scaling": {"kind": "fixed", "instances": 2, "maxInstances": 4},
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
      "scaling": {"kind": "fixed", "instances": 2},
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
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - Marathon 1.8–1.10 read `check` and then drop it: the container conversion has no `check` field, [ContainerConversion.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/raml/ContainerConversion.scala#L37-L55).
    """

    code = "PL111"
    name = "ignored-field"
    severity = Severity.WARNING
    summary = "A field Marathon accepts but discards"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        line = version_line(ctx)
        for event in key_events(pod, ctx):
            if event.kind != "ignored" or event.value is None:
                # null means absent: a server response's "maxInstances": null says nothing.
                continue
            where = display_path(event.pointer)
            yield Finding(
                event.pointer,
                f"`{where}` {event.reason} (Marathon {line})",
                help=f"Remove `{event.key}`; it has no effect.",
                target="key",
                fix=Fix(f"Remove `{event.key}`", "unsafe", (FixOp("remove", event.pointer),)),
            )
