"""PL212: declared secrets need a name and a source (R17, R18)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict


class PodSecretDeclarationEmpty(Rule):
    """A pod secret has an empty name, or (Marathon 1.4) an empty ``source``.

    What it does
    ------------
    Reports a key ``""`` in the pod's ``secrets`` and, for Marathon 1.4, a secret whose
    ``source`` is empty. From 1.5 on an empty ``source`` is rejected while the JSON is read
    (``error.minLength``), which the schema layer reports.

    Why is this bad
    ---------------
    Marathon rejects the pod with ``must not be empty``: a secret without a name cannot be
    referenced, and one without a source names nothing in the secret store.

    Example
    -------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "secrets": {"": {"source": "web/db-password"}},
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
    - Marathon 1.4–1.10 answers `must not be empty` at `/secrets/keys(<i>)` ([SecretValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SecretValidation.scala#L30-L31)).
    - Marathon 1.4–1.10 answers `must not be empty` at `/secrets/<name>/source` ([SecretValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SecretValidation.scala#L26-L28)).
    - The fields in Marathon's API types: [`secrets.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/secrets.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL212"
    name = "pod-secret-declaration-empty"
    severity = Severity.ERROR
    summary = "Pod secrets need a non-empty name and source"
    marathon_rules = ("R17", "R18")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for name, secret in as_dict(pod.get("secrets")).items():
            if name == "":
                yield Finding(
                    "/secrets/",
                    "a pod secret has an empty name; Marathon rejects it (must not be empty) "
                    "because nothing could reference it",
                    help="Give the secret a name, e.g. the last part of its source.",
                    target="key",
                )
            source = as_dict(secret).get("source")
            if not ctx.version.at_least(5) and source == "":
                yield Finding(
                    join_pointer("/secrets", name, "source"),
                    f'secret "{name}" has an empty source; Marathon rejects it (must not be empty)',
                    help="Set `source` to the secret's path in the secret store.",
                )
