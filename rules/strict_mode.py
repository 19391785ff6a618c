"""PL200: pods cannot run in DC/OS Enterprise's ``strict`` security mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule


class StrictSecurityMode(Rule):
    """Pods are not supported on a cluster in ``strict`` security mode.

    What it does
    ------------
    Reports every pod, at the document root, when the cluster profile says the cluster runs DC/OS
    Enterprise in the ``strict`` security mode.

    Why is this bad
    ---------------
    DC/OS Enterprise does not support pods in ``strict`` mode: the pod executor cannot run with the
    task-level credentials and sandbox restrictions that mode enforces, so the pod can never be
    deployed there. An app definition (``/v2/apps``) is the way to run the workload on such a cluster.

    Example
    -------
    With `cluster: {security_mode: strict}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Deploy the pod to a cluster in ``permissive`` (as here) or ``disabled`` mode, or turn it into
    an app.

    With `cluster: {security_mode: permissive}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - DC/OS Enterprise security modes: pods are not supported in strict mode.
    - How Marathon validates a pod: [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL200"
    name = "strict-security-mode"
    severity = Severity.ERROR
    summary = "Pods cannot be deployed on a cluster in strict security mode"
    marathon_rules = ()
    settings = ("security_mode",)
    # The whole pod is what cannot be deployed.
    whole_document = True

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.profile.security_mode == "strict":
            yield Finding(
                "",
                "pods are not supported when DC/OS Enterprise runs in strict security mode; "
                "this pod cannot be deployed on the configured cluster",
                help="Deploy to a cluster in permissive or disabled mode, or define the workload "
                "as an app (`/v2/apps`) instead of a pod.",
            )
