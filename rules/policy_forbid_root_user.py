"""Rule PL504 ``forbid-root-user``: containers must not run as root (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, containers
from podlint_rules._policy_helpers import container_name


@dataclass(frozen=True)
class ForbidRootUserOptions:
    # Also require an explicit user: without one, tasks run as the user the Mesos agent (or
    # Marathon) launches them as, which is root on many clusters.
    require_user: bool = False


def _is_root(user: Any) -> bool:
    """``root``, uid ``0``, and ``root:<group>`` / ``0:<gid>`` forms."""
    if isinstance(user, bool):
        return False
    if isinstance(user, int):
        return user == 0
    if not isinstance(user, str):
        return False
    name = user.strip().split(":", 1)[0].strip()
    return name == "root" or (name.isdigit() and int(name) == 0)


def _shown(user: Any) -> str:
    return '"root"' if user == "root" else f'"{user}" (that is root)'


class ForbidRootUser(Rule):
    """A pod or container runs as `root` (or uid 0) (policy).

    What it does
    ------------
    Reports `user: root` at the pod level (the default for every container) and on any container
    (which overrides the pod's), including uid `0` and `root:group` forms. A container that
    overrides a root pod user with another user is fine; the pod-level finding still stands while any
    container inherits it. With `require_user: true` it also reports containers that have no user at
    all, from either level.

    Why is this bad
    ---------------
    Marathon accepts any user. A process running as root inside the container is root on the agent
    when it escapes the container, and owns every file of a host volume it mounts.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "user": "root",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "user": "nobody",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `require_user` (boolean, default false): also report containers that name no user at either level.

    ```yaml
    rules:
      forbid-root-user:
        require_user: false
    ```

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    """

    code = "PL504"
    name = "forbid-root-user"
    severity = Severity.ERROR
    summary = "A pod or container runs as root"
    policy = True
    options = ForbidRootUserOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pod_user = pod.get("user")
        inheriting = [(i, c) for i, c in containers(pod) if c.get("user") is None]
        if _is_root(pod_user) and (inheriting or not pod.get("containers")):
            names = ", ".join(container_name(i, c) for i, c in inheriting) or "its containers"
            verb = "inherits" if len(inheriting) == 1 else "inherit"
            yield Finding(
                "/user",
                f"the pod runs as {_shown(pod_user)} and {names} {verb} it; this organisation "
                "forbids running as root",
                help="Set {0}, or another unprivileged account.",
                snippets=(Snippet("nobody", "user", at=""),),
            )
        for i, container in containers(pod):
            user = container.get("user")
            if _is_root(user):
                yield Finding(
                    join_pointer("/containers", i, "user"),
                    f"{container_name(i, container)} runs as {_shown(user)}; this organisation "
                    "forbids running as root",
                    help="Set {0}, or another unprivileged account.",
                    snippets=(Snippet("nobody", "user", at=join_pointer("/containers", i)),),
                )
            elif user is None and pod_user is None and ctx.options.require_user:
                yield Finding(
                    join_pointer("/containers", i, "user"),
                    f"{container_name(i, container)} names no user, so it runs as the user the "
                    "agent launches tasks as (often root); this organisation requires an explicit "
                    "user",
                    help="Set `user` on the pod or the container, e.g. {0}.",
                    snippets=(Snippet("nobody", "user", at=join_pointer("/containers", i)),),
                )
