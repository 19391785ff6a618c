"""Rule PL315 ``env-secret-reference``: a container environment variable refers to a secret that is
unavailable (R53, with the checks of R7/R8)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, containers

from ._common import closest, container_label, env_secret_refs, quote_list, secret_names
from ._container_helpers import rename_value_fix


class EnvSecretReference(Rule):
    """A container environment variable uses a secret that is not declared, or secrets are off.

    What it does
    ------------
    For every `containers[].environment` value of the form `{"secret": "<name>"}`:
    reports it when the cluster profile does not enable the `secrets` feature, and reports a
    `<name>` that is not a key of the **pod's** `secrets` (with did-you-mean and an unsafe rename
    fix). Pod-level `environment` is checked by the pod-level rules.

    Why is this bad
    ---------------
    Marathon rejects the pod: `use of secret-references in the environment requires the secrets
    feature to be enabled`, and `references an undefined secret`. The value names a pod secret, which
    in turn names the secret store path. Declare the secret and enable the feature, or use a plain
    value, as below.

    Example
    -------
    ```json
    {
      "id": "/db-client",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"DB_PASSWORD": {"secret": "db-password"}}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/db-client",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"DB_USER": "app"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `references an undefined secret` at `/containers(<i>)/environment/<VAR>/secret` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L164)).
    - Marathon 1.4–1.10 answers `use of secret-references in the environment requires the secrets feature to be enabled` at `/environment` ([EnvVarValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/EnvVarValidation.scala#L39-L47)).
    - Marathon 1.4–1.10 answers `references an undefined secret` at `/environment/<VAR>/secret` ([SecretValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SecretValidation.scala#L18-L24)).
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml), [`environmentVariable.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/environmentVariable.raml), [`secrets.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/secrets.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL315"
    name = "env-secret-reference"
    severity = Severity.ERROR
    summary = "A container env var refers to an undeclared secret, or secrets are not enabled"
    marathon_rules = ("R53", "R7", "R8")
    settings = ("features",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        declared = secret_names(pod)
        enabled = ctx.profile.has_feature("secrets")
        for i, c in containers(pod):
            label = container_label(i, c)
            for var, secret in env_secret_refs(c.get("environment")):
                pointer = join_pointer("/containers", i, "environment", var, "secret")
                if not enabled:
                    yield Finding(
                        pointer,
                        f"environment variable `{var}` of container {label} is read from secret "
                        f"`{secret}`, but the secrets feature is not enabled on this Marathon",
                        help="Enable the feature (`--enable_features secrets`; add `secrets` to "
                        "the profile's `features`) or set a plain string value.",
                    )
                if secret in declared:
                    continue
                suggestion = closest(secret, declared)
                where = (
                    f"the pod declares {quote_list(declared)}"
                    if declared
                    else "the pod declares no `secrets`"
                )
                yield Finding(
                    pointer,
                    f"environment variable `{var}` of container {label} refers to secret "
                    f"`{secret}`, which is not a secret of the pod ({where})"
                    + (f"; did you mean `{suggestion}`?" if suggestion else ""),
                    help="The value names a key of the pod's `secrets`: declare it in the pod, "
                    "e.g. {0}, or use a declared name.",
                    snippets=(Snippet({secret: {"source": "<store path>"}}, "secrets", at=""),),
                    fix=rename_value_fix(pointer, secret, suggestion) if suggestion else None,
                )
