"""PL241: the pod's ``role`` must be one Marathon allows for its group (R71)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_str
from podlint_rules._pod_helpers import allowed_roles, did_you_mean, quoted_list, top_level_group


class PodRoleNotAllowed(Rule):
    """The pod's ``role`` is not one Marathon allows for a pod at its place in the group tree.

    What it does
    ------------
    From Marathon 1.9 on a pod may set ``role``. Allowed values: for a pod directly under ``/``,
    only Marathon's ``--mesos_role`` (profile ``mesos_role``, default ``*``); for a pod under a
    top-level group ``/g``, ``g`` alone when the group enforces its role, otherwise
    ``--mesos_role`` or ``g``. A group enforces its role when the profile lists it in
    ``enforce_role_groups``; any other group is assumed to be created by this deployment, so it
    enforces its role when ``new_group_enforce_role`` is ``top``.

    A role the pod already runs under (a role change of an existing pod) cannot be seen statically;
    that case is out of scope.

    Why is this bad
    ---------------
    Marathon rejects the pod: ``got <role>, expected one of: [<r1>, <r2>]`` at ``/role``.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "role": "payments",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "role": "shop",
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
    - Marathon 1.9–1.10 answers `got <role>, expected one of: [<r1>, <r2>]` at `/role` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L272)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL241"
    name = "pod-role-not-allowed"
    severity = Severity.ERROR
    summary = "The pod role must be Marathon's role or its top-level group's"
    marathon_rules = ("R71",)
    settings = ("marathon_version", "mesos_role", "new_group_enforce_role", "enforce_role_groups")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9):
            return
        role = as_str(pod.get("role"))
        if not role:
            return
        allowed = allowed_roles(pod, ctx.profile)
        if role in allowed:
            return
        group = top_level_group(pod)
        where = (
            "a pod directly under /"
            if group is None
            else f'a pod in group "/{group}"'
            + (" (which enforces its role)" if allowed == [group] else "")
        )
        choices = ", ".join(f"`{r}`" for r in allowed)
        yield Finding(
            "/role",
            f'role "{role}" is not allowed for {where}{did_you_mean(role, allowed)}; Marathon '
            f"accepts only {quoted_list(allowed)}",
            help=f"Set `role` to one of {choices}, or leave it out to get the default.",
        )
