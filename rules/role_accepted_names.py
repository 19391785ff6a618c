"""PL240: ``acceptedResourceRoles`` entries must be valid Mesos role names (R29, R38)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_list
from podlint_rules._pod_helpers import accepted_roles, role_name_problem


class AcceptedRoleNameInvalid(Rule):
    """An ``acceptedResourceRoles`` entry is not a valid Mesos role name.

    What it does
    ------------
    Checks every entry of ``scheduling.placement.acceptedResourceRoles`` against Mesos' role-name
    rules: not ``""``, ``.`` or ``..``; not starting with ``-``; no tab, line feed, vertical tab, form
    feed, carriage return, space, ``/`` or DEL.

    Why is this bad
    ---------------
    Marathon rejects the pod (``A role name must not be "".``, ``A role name must not start with a
    '-'.``, ``A role name must not include a space (\\x20) character.``). Marathon runs the same check
    twice (from 1.6); this rule reports each bad entry once.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["* "]}}
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"acceptedResourceRoles": ["*"]}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `A role name must not be <x>. / A role name must not start with a '-'. / A role name must not include a <character> character.` at `/scheduling/placement/acceptedResourceRoles` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L129-L135)).
    - Marathon 1.6–1.10 answers `A role name must not be <x>. (and the other role-name messages)` at `/acceptedResourceRoles` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L226-L231)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL240"
    name = "accepted-role-name-invalid"
    severity = Severity.ERROR
    summary = "acceptedResourceRoles entries must be valid role names"
    marathon_rules = ("R29", "R38")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pointer, value = accepted_roles(pod)
        for i, role in enumerate(as_list(value)):
            if not isinstance(role, str):
                continue
            problem = role_name_problem(role)
            if problem is not None:
                yield Finding(
                    f"{pointer}/{i}",
                    f"accepted role {json.dumps(role)} is not a valid Mesos role name: {problem}",
                    help="Use `*` (unreserved resources) or the exact name of a Mesos role.",
                )
