"""Rule PL319 ``linux-seccomp``: a container seccomp setting Marathon rejects (R67, R68)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label
from ._container_helpers import present


class LinuxSeccomp(Rule):
    """A container's `linuxInfo.seccomp` sets both or neither of `profileName` and `unconfined: true`.

    What it does
    ------------
    For Marathon 1.8+ (which introduced container `linuxInfo`), checks
    `containers[].linuxInfo.seccomp`: with a `profileName`, `unconfined` must not be `true`; without
    one, `unconfined` must be `true` (it defaults to `false`).

    Why is this bad
    ---------------
    Marathon rejects the pod (`Seccomp unconfined can NOT be true when Profile is defined` /
    `Seccomp unconfined must be true when Profile is NOT defined`). A container either runs under a
    seccomp profile or explicitly without one; an empty `seccomp` object says neither.

    Example
    -------
    ```json
    {
      "id": "/tool",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "tool",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "alpine:3.19"},
          "exec": {"command": {"shell": "strace -c ls"}},
          "linuxInfo": {"seccomp": {}}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/tool",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "tool",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "alpine:3.19"},
          "exec": {"command": {"shell": "strace -c ls"}},
          "linuxInfo": {"seccomp": {"unconfined": true}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.8–1.10 answers `Seccomp unconfined can NOT be true when Profile is defined` at `/containers(<i>)/linuxInfo/seccomp` ([LinuxInfo.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/LinuxInfo.scala#L80-L92)).
    - Marathon 1.8–1.10 answers `Seccomp unconfined must be true when Profile is NOT defined` at `/containers(<i>)/linuxInfo/seccomp` ([LinuxInfo.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/LinuxInfo.scala#L80-L92)).
    - The fields in Marathon's API types: [`linux.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/linux.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL319"
    name = "linux-seccomp"
    severity = Severity.ERROR
    summary = "Container seccomp needs exactly one of profileName and unconfined: true"
    marathon_rules = ("R67", "R68")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(8):
            return
        for i, c in containers(pod):
            seccomp = as_dict(c.get("linuxInfo")).get("seccomp")
            if not isinstance(seccomp, dict):
                continue
            label = container_label(i, c)
            pointer = join_pointer("/containers", i, "linuxInfo", "seccomp")
            unconfined = seccomp.get("unconfined") is True
            if present(seccomp, "profileName") and unconfined:
                yield Finding(
                    join_pointer(pointer, "unconfined"),
                    f"container {label} names seccomp profile "
                    f"`{seccomp['profileName']}` and also sets `unconfined` to true",
                    help="Remove `unconfined` to run under the profile, or remove `profileName` "
                    "to run without seccomp.",
                )
            elif not present(seccomp, "profileName") and not unconfined:
                yield Finding(
                    pointer,
                    f"the seccomp settings of container {label} name no profile, so Marathon "
                    "requires `unconfined` to be true",
                    help="Set {0}, or {1} to run without seccomp.",
                    snippets=(
                        Snippet("<profile on the agent>", "profileName", at=pointer),
                        Snippet(True, "unconfined", at=pointer),
                    ),
                    target="key",
                )
