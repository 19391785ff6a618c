"""Rule PL407 ``container-nothing-to-run``: a container with neither ``exec`` nor ``image``
(§10.10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, containers

from ._common import container_label
from ._container_helpers import present


class ContainerNothingToRun(Rule):
    """A container has neither a command (`exec`) nor an `image`.

    What it does
    ------------
    Reports a container without `exec` and without `image` (an explicit `null` counts as absent).

    Why is this bad
    ---------------
    Marathon accepts it, but the container has nothing to run: without an image there is no
    entrypoint to fall back on, and without `exec` there is no command. Common causes are app-style
    keys (`cmd`, `container.docker.image`) that pods ignore.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32}, "cmd": "./serve"}
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./serve"}}}
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
    - A container without `exec` runs its image's entrypoint; without an image there is none: [TaskGroupBuilder.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/mesos/TaskGroupBuilder.scala).
    """

    code = "PL407"
    name = "container-nothing-to-run"
    severity = Severity.WARNING
    summary = "A container has neither exec nor image"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            if present(c, "exec") or present(c, "image"):
                continue
            hint = ""
            if "cmd" in c or "container" in c:
                hint = " (`cmd` and `container` are app fields that pods ignore)"
            yield Finding(
                join_pointer("/containers", i, "name") if "name" in c else f"/containers/{i}",
                f"container {container_label(i, c)} has neither `exec` nor `image`, so it has "
                "nothing to run",
                help=f"Add {{0}}, or an `image` whose entrypoint runs the service{hint}.",
                snippets=(
                    Snippet({"command": {"shell": "<command>"}}, "exec", at=f"/containers/{i}"),
                ),
            )
