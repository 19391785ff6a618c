"""PL211: secret references must name a secret the pod declares (R8, R11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule
from podlint_rules._common import env_secret_refs
from podlint_rules._pod_helpers import declared_secrets, did_you_mean, quoted_list, volumes_of_kind


class PodSecretUndefined(Rule):
    """A pod environment variable or secret volume references an undeclared secret.

    What it does
    ------------
    Checks that every pod-level ``environment`` value ``{"secret": "<name>"}`` and, from
    Marathon 1.5 on, every secret volume's ``secret`` names a key of the pod's ``secrets``.
    Container-level references are checked by the container rules.

    Why is this bad
    ---------------
    Marathon resolves secret references against the pod's ``secrets`` map only and rejects the pod
    when one is missing (``references an undefined secret``, ``volume.secret must refer to an
    existing secret``).

    Example
    -------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "secrets": {"db-password": {"source": "web/db-password"}},
      "environment": {"DB_PASSWORD": {"secret": "db-pasword"}},
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "secrets": {"db-password": {"source": "web/db-password"}},
      "environment": {"DB_PASSWORD": {"secret": "db-password"}},
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
    - Marathon 1.4–1.10 answers `references an undefined secret` at `/environment/<VAR>/secret` ([SecretValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SecretValidation.scala#L18-L24)).
    - Marathon 1.5–1.10 answers `volume.secret must refer to an existing secret` at `/podSecretVolumes(pod)(<k>)/secret` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L145-L150)).
    - The fields in Marathon's API types: [`environmentVariable.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/environmentVariable.raml), [`secrets.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/secrets.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL211"
    name = "pod-secret-undefined"
    severity = Severity.ERROR
    summary = "Secret references must name a declared pod secret"
    marathon_rules = ("R8", "R11")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        declared = sorted(declared_secrets(pod))
        for variable, secret in env_secret_refs(pod.get("environment")):
            if isinstance(secret, str) and secret not in declared:
                yield Finding(
                    join_pointer("/environment", variable, "secret"),
                    f'environment variable {variable} references secret "{secret}", which the pod '
                    f"does not declare{did_you_mean(secret, declared)}; declared secrets: "
                    f"{quoted_list(declared)}",
                    help=f"Declare `{secret}` in the pod's `secrets`, or reference a declared one.",
                )
        if not ctx.version.at_least(5):
            return
        for index, volume in volumes_of_kind(pod, ctx.version, "secret"):
            secret = volume["secret"]
            if secret not in declared:
                yield Finding(
                    f"/volumes/{index}/secret",
                    f'secret volume "{volume.get("name")}" uses secret "{secret}", which the pod '
                    f"does not declare{did_you_mean(secret, declared)}; declared secrets: "
                    f"{quoted_list(declared)}",
                    help=f"Declare `{secret}` in the pod's `secrets`, or use a declared one.",
                )
