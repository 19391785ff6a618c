"""Rule PL412 ``env-shadowed``: a container environment variable that overrides the pod's
(§10.16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label


class EnvShadowed(Rule):
    """A container sets an environment variable the pod's `environment` also sets.

    What it does
    ------------
    Reports each variable of `containers[].environment` that also appears in the pod-level
    `environment`. When both values are equal, a safe fix removes the redundant container entry.

    Why is this bad
    ---------------
    Marathon accepts it and the container's value wins. That can be intended (a per-container
    override), but it often is a leftover: someone changes the pod-level value and one container
    silently keeps the old one. Equal values are plain redundancy.

    Example
    -------
    ```json
    {
      "id": "/shop",
      "networks": [{"mode": "host"}],
      "environment": {"LOG_LEVEL": "info"},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"LOG_LEVEL": "debug"}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop",
      "networks": [{"mode": "host"}],
      "environment": {"LOG_LEVEL": "debug"},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`environmentVariable.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/environmentVariable.raml), [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    """

    code = "PL412"
    name = "env-shadowed"
    severity = Severity.INFO
    summary = "A container env var overrides the pod's"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pod_env = as_dict(pod.get("environment"))
        if not pod_env:
            return
        for i, c in containers(pod):
            for key, value in as_dict(c.get("environment")).items():
                if key not in pod_env:
                    continue
                pointer = join_pointer("/containers", i, "environment", key)
                label = container_label(i, c)
                if value == pod_env[key]:
                    yield Finding(
                        pointer,
                        f"container {label} repeats environment variable `{key}` with the "
                        "pod's value",
                        help="Remove it from the container; it inherits the pod's value.",
                        target="key",
                        fix=Fix(
                            f"Remove the repeated `{key}`", "safe", (FixOp("remove", pointer),)
                        ),
                    )
                else:
                    yield Finding(
                        pointer,
                        f"container {label} overrides the pod's environment variable `{key}`; "
                        "the container's value wins",
                        help="If the override is intended, keep it; otherwise remove it so the "
                        "pod's value applies.",
                        target="key",
                    )
