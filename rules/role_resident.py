"""PL244–PL246: roles of resident pods (R37, R72, spec §10.20)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet
from podlint.rule import Context, Rule, as_list, as_str
from podlint_rules._pod_helpers import accepted_roles, effective_role, is_resident, volumes_of_kind


class ResidentAcceptedRoles(Rule):
    """A pod with persistent volumes accepts roles other than exactly ``["*"]``.

    What it does
    ------------
    For a resident pod (a ``persistent`` volume, Marathon 1.6+), checks that
    ``scheduling.placement.acceptedResourceRoles`` is empty or exactly ``["*"]`` (duplicates
    collapse: Marathon reads the list as a set).

    Why is this bad
    ---------------
    Marathon reserves a resident pod's resources itself and needs to receive them back as offers;
    it rejects the pod: ``A resident pod must have `acceptedResourceRoles = ["*"]`.``

    Example
    -------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["data"]}}
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["*"]}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.6–1.10 answers `A resident pod must have ` at `/acceptedResourceRoles` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L226-L231)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL244"
    name = "resident-accepted-roles"
    severity = Severity.ERROR
    summary = 'Pods with persistent volumes may only accept ["*"]'
    marathon_rules = ("R37",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not is_resident(pod, ctx.version):
            return
        pointer, value = accepted_roles(pod)
        entries = as_list(value)
        if not entries or any(not isinstance(e, str) for e in entries):
            return
        if set(entries) != {"*"}:
            yield Finding(
                pointer,
                "this pod has persistent volumes, so acceptedResourceRoles must be empty or "
                f'exactly ["*"], not {json.dumps(entries)}; Marathon reserves its resources '
                "itself and needs them offered back",
                help="Write {0} (or leave `acceptedResourceRoles` out).",
                snippets=(Snippet(["*"], at=pointer),),
            )


class ResidentPodRoleStar(Rule):
    """A pod with persistent volumes runs under the ``*`` role (Marathon 1.9+).

    What it does
    ------------
    From Marathon 1.9 on, reports a resident pod (a ``persistent`` volume) whose role — its
    ``role``, or the default (the enforcing top-level group, else the profile's ``mesos_role``,
    default ``*``) — is ``*``. With a stock Marathon every resident pod directly under ``/`` fails
    this.

    Why is this bad
    ---------------
    Mesos cannot reserve resources for the ``*`` role, so Marathon rejects the pod: ``Resident pods
    cannot have the role *``.

    Example
    -------
    ```json
    {
      "id": "/db",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.9–1.10 answers `Resident pods cannot have the role *` at `/role` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L274-L278)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL245"
    name = "resident-pod-role-star"
    severity = Severity.ERROR
    summary = "Pods with persistent volumes cannot have the role *"
    marathon_rules = ("R72",)
    settings = ("marathon_version", "mesos_role", "new_group_enforce_role", "enforce_role_groups")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(9) or not is_resident(pod, ctx.version):
            return
        if effective_role(pod, ctx.profile) != "*":
            return
        explicit = as_str(pod.get("role"))
        # Marathon reports at /role, also when the role is the default; a defaulted role is
        # underlined at the persistent volume that makes the pod resident.
        first_persistent = next(iter(volumes_of_kind(pod, ctx.version, "persistent")))[0]
        yield Finding(
            "/role",
            where=None if "role" in pod else f"/volumes/{first_persistent}/persistent",
            target="value" if "role" in pod else "key",
            message="this pod has persistent volumes, but its role is "
            + ('"*"' if explicit else 'the default "*" (Marathon\'s --mesos_role)')
            + "; Mesos cannot reserve resources for *, so Marathon rejects resident pods with "
            "the role *",
            help="Put the pod in a top-level group and set `role` to the group's name, or run "
            "Marathon with another `--mesos_role` (profile `mesos_role`).",
        )


class ResidentPodUnreservableRole(Rule):
    """A pod with persistent volumes on a Marathon 1.6–1.8 that uses the ``*`` role.

    What it does
    ------------
    Marathon 1.6–1.8 reserves resident pods' resources under its own ``--mesos_role`` (profile
    ``mesos_role``). When that role is ``*`` (the default) the rule warns at each persistent volume.
    From 1.9 on Marathon rejects such pods, which ``resident-pod-role-star`` reports.

    Why is this bad
    ---------------
    Mesos cannot reserve resources or create persistent volumes for the ``*`` role, so Marathon
    accepts the pod but its instances never launch.

    Example
    -------
    With `cluster: {marathon_version: "1.8"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/db",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata", "persistent": {"size": 1024}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    Run Marathon with ``--mesos_role`` set (profile ``mesos_role: marathon``), or use an ephemeral
    volume if the data need not survive:

    With `cluster: {marathon_version: "1.8"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/db",
      "containers": [
        {"name": "postgres", "resources": {"cpus": 1, "mem": 1024},
         "image": {"kind": "DOCKER", "id": "postgres:16.2"},
         "volumeMounts": [{"name": "pgdata", "mountPath": "pgdata"}]}
      ],
      "volumes": [{"name": "pgdata"}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    - Marathon 1.6–1.8 reserve resident pods' resources under `--mesos_role`; from 1.9 Marathon answers `Resident pods cannot have the role *` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L274-L278)).
    """

    code = "PL246"
    name = "resident-pod-unreservable-role"
    severity = Severity.WARNING
    summary = "Resident pods cannot launch while Marathon's role is * (1.6-1.8)"
    marathon_rules = ()
    settings = ("marathon_version", "mesos_role")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.version.at_least(9) or ctx.profile.mesos_role != "*":
            return
        for index, _volume in volumes_of_kind(pod, ctx.version, "persistent"):
            yield Finding(
                f"/volumes/{index}/persistent",
                "Marathon reserves this persistent volume under its --mesos_role, which is *; "
                "Mesos cannot reserve resources for *, so the pod would never launch",
                help="Run Marathon with `--mesos_role` set to a real role (and set `mesos_role` in "
                "the profile).",
            )
