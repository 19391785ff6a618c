"""Rule PL408 ``shell-with-override-entrypoint``: ``overrideEntrypoint: false`` with a ``shell``
command (§10.11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label


class ShellWithOverrideEntrypoint(Rule):
    """A container's `exec` sets `overrideEntrypoint: false` together with a `shell` command.

    What it does
    ------------
    Reports `exec.overrideEntrypoint: false` when `exec.command` is a `shell` command, with a safe
    fix that removes the flag (false is what Marathon uses when it is absent).

    Why is this bad
    ---------------
    The pod API documents this combination as an error, but Marathon does not check it and accepts
    the pod. `overrideEntrypoint` only means something for `argv` commands (whether `argv[0]` replaces
    the image entrypoint); with a shell command the setting is misleading at best, and the author
    usually expected the image entrypoint to run with the shell line as arguments.

    Example
    -------
    ```json
    {
      "id": "/tool",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "tool",
          "resources": {"cpus": 0.1, "mem": 32},
          "image": {"kind": "DOCKER", "id": "alpine:3.19"},
          "exec": {"command": {"shell": "echo hello"}, "overrideEntrypoint": false}
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
          "resources": {"cpus": 0.1, "mem": 32},
          "image": {"kind": "DOCKER", "id": "alpine:3.19"},
          "exec": {"command": {"shell": "echo hello"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`mesosCommand.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/mesosCommand.raml), [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - The API describes `overrideEntrypoint: false` with `shell` as an error, but no Marathon version checks it.
    """

    code = "PL408"
    name = "shell-with-override-entrypoint"
    severity = Severity.WARNING
    summary = "overrideEntrypoint false with a shell command is documented as invalid"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            exec_ = as_dict(c.get("exec"))
            if exec_.get("overrideEntrypoint") is not False:
                continue
            if not isinstance(as_dict(exec_.get("command")).get("shell"), str):
                continue
            pointer = join_pointer("/containers", i, "exec", "overrideEntrypoint")
            yield Finding(
                pointer,
                f"container {container_label(i, c)} sets `overrideEntrypoint: false` with a "
                "shell command; the pod API documents this as invalid (Marathon does not check "
                "it), and the flag only has an effect with `argv` commands",
                help="Remove `overrideEntrypoint`, or use an `argv` command if the image "
                "entrypoint should run.",
                target="member",
                fix=Fix(
                    description="Remove `overrideEntrypoint`",
                    applicability="safe",
                    ops=(FixOp("remove", pointer),),
                ),
            )
