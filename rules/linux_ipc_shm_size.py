"""Rule PL320 ``linux-ipc-shm-size``: ``shmSize`` with a shared parent IPC namespace (R69)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label
from ._container_helpers import present


class LinuxIpcShmSize(Rule):
    """A container shares its parent's IPC namespace and also sets `shmSize`.

    What it does
    ------------
    For Marathon 1.9+ (which introduced `ipcInfo`), reports `containers[].linuxInfo.ipcInfo.shmSize`
    when `mode` is `SHARE_PARENT` (any case). Pod-level `linuxInfo` is checked by the pod-level rules.

    Why is this bad
    ---------------
    Marathon rejects the pod (`ipcInfo shmSize can NOT be set when mode is SHARE_PARENT`): a container
    that shares the executor's IPC namespace also shares its `/dev/shm`, whose size is set at the
    pod level.

    Example
    -------
    ```json
    {
      "id": "/db",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "db",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "./db"}},
          "linuxInfo": {"ipcInfo": {"mode": "SHARE_PARENT", "shmSize": 64}}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/db",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "db",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "./db"}},
          "linuxInfo": {"ipcInfo": {"mode": "PRIVATE", "shmSize": 64}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.9–1.10 answers `ipcInfo shmSize can NOT be set when mode is SHARE_PARENT` at `/containers(<i>)/linuxInfo/ipcInfo` ([LinuxInfo.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/LinuxInfo.scala#L54-L64)).
    - The fields in Marathon's API types: [`linux.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/linux.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL320"
    name = "linux-ipc-shm-size"
    severity = Severity.ERROR
    summary = "ipcInfo.shmSize cannot be set with mode SHARE_PARENT"
    marathon_rules = ("R69",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9):
            return
        for i, c in containers(pod):
            ipc = as_dict(as_dict(c.get("linuxInfo")).get("ipcInfo"))
            mode = ipc.get("mode")
            if not (isinstance(mode, str) and mode.upper() == "SHARE_PARENT"):
                continue
            if present(ipc, "shmSize"):
                pointer = join_pointer("/containers", i, "linuxInfo", "ipcInfo", "shmSize")
                yield Finding(
                    pointer,
                    f"container {container_label(i, c)} shares its parent's IPC namespace "
                    "(SHARE_PARENT) and also sets shmSize; a shared namespace has the parent's "
                    "/dev/shm",
                    help="Remove `shmSize` (size /dev/shm in the pod-level `linuxInfo`), or use "
                    "mode PRIVATE.",
                    target="member",
                    fix=Fix(
                        description="Remove `shmSize`",
                        applicability="unsafe",
                        ops=(FixOp("remove", pointer),),
                    ),
                )
