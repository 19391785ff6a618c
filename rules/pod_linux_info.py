"""PL208: pod-level ``linuxInfo`` may hold only a valid ``ipcInfo`` (R39, R40)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict
from podlint_rules._pod_helpers import enum_value


class PodLinuxInfoInvalid(Rule):
    """Pod-level ``linuxInfo`` sets ``seccomp``, or ``shmSize`` with a shared IPC namespace.

    What it does
    ------------
    From Marathon 1.9 on, the pod-level ``linuxInfo`` configures the executor. It reports a
    ``seccomp`` block there and an ``ipcInfo`` whose ``mode`` is ``SHARE_PARENT`` together with
    a ``shmSize``. Before 1.9 pod-level ``linuxInfo`` is not a pod field at all (an unknown key,
    reported by the schema layer).

    Why is this bad
    ---------------
    Marathon rejects the pod: ``Seccomp configuration on executor level is not supported`` and
    ``ipcInfo shmSize can NOT be set when mode is SHARE_PARENT`` (a shared namespace uses the
    agent's /dev/shm, whose size the pod cannot choose).

    Example
    -------
    ```json
    {
      "id": "/web",
      "linuxInfo": {"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}},
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
      "linuxInfo": {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}},
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
    - Marathon 1.9–1.10 answers `Seccomp configuration on executor level is not supported` at `/linuxInfo/seccomp` ([LinuxInfo.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/LinuxInfo.scala#L94-L101)).
    - Marathon 1.9–1.10 answers `ipcInfo shmSize can NOT be set when mode is SHARE_PARENT` at `/linuxInfo/ipcInfo` ([LinuxInfo.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/LinuxInfo.scala#L54-L64)).
    - The fields in Marathon's API types: [`linux.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/linux.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL208"
    name = "pod-linux-info-invalid"
    severity = Severity.ERROR
    summary = "Pod-level linuxInfo allows no seccomp, and no shmSize with SHARE_PARENT"
    marathon_rules = ("R39", "R40")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9):
            return
        linux = as_dict(pod.get("linuxInfo"))
        if linux.get("seccomp") is not None:
            yield Finding(
                "/linuxInfo/seccomp",
                "seccomp cannot be configured for the whole pod (the executor); Marathon rejects "
                "it (Seccomp configuration on executor level is not supported)",
                help="Move `seccomp` into each container's `linuxInfo`.",
                fix=Fix(
                    "remove pod-level seccomp", "unsafe", (FixOp("remove", "/linuxInfo/seccomp"),)
                ),
            )
        ipc = as_dict(linux.get("ipcInfo"))
        if enum_value(ipc.get("mode")) == "SHARE_PARENT" and ipc.get("shmSize") is not None:
            yield Finding(
                "/linuxInfo/ipcInfo/shmSize",
                "shmSize cannot be set when ipcInfo.mode is SHARE_PARENT: the pod then shares the "
                "agent's IPC namespace and /dev/shm, whose size it cannot choose",
                help="Remove `shmSize`, or use {0} to give the pod its own `/dev/shm`.",
                snippets=(Snippet("PRIVATE", "mode", at="/linuxInfo/ipcInfo"),),
                fix=Fix(
                    "remove shmSize", "unsafe", (FixOp("remove", "/linuxInfo/ipcInfo/shmSize"),)
                ),
            )
