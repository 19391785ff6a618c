"""PL210: pod secrets need Marathon's ``secrets`` feature (R7, R10, R16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict
from podlint_rules._common import env_secret_refs
from podlint_rules._pod_helpers import volumes_of_kind

_HELP = (
    "Start Marathon with `--enable_features secrets` (and list `secrets` in the profile's "
    "`features`), or remove the secret."
)


class PodSecretsFeatureDisabled(Rule):
    """The pod uses secrets while the ``secrets`` feature is not enabled.

    What it does
    ------------
    Unless the profile lists the ``secrets`` feature, reports a non-empty pod ``secrets`` map,
    every pod-level environment variable whose value is a ``{"secret": …}`` reference, and,
    from Marathon 1.5 on, every secret volume. Container-level uses (environment,
    ``image.pullConfig``) are checked by the container rules.

    Why is this bad
    ---------------
    Marathon only accepts secrets when it runs with ``--enable_features secrets`` (DC/OS Enterprise
    sets this); otherwise it rejects the pod with ``Feature secrets is not enabled`` / ``use of
    secret-references in the environment requires the secrets feature to be enabled``.

    Example
    -------
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

    Use instead
    -----------
    Enable the feature in the profile (``features: [secrets]``) when the cluster has it, or pass the
    value another way:

    ```json
    {
      "id": "/web",
      "environment": {"DB_HOST": "db.marathon.l4lb.thisdcos.directory"},
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
    - Marathon 1.4–1.10 answers `use of secret-references in the environment requires the secrets feature to be enabled` at `/environment` ([EnvVarValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/EnvVarValidation.scala#L39-L47)).
    - Marathon 1.5–1.10 answers `Feature secrets is not enabled. Enable with --enable_features secrets)` at `/podSecretVolumes(pod)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L241)).
    - Marathon 1.4–1.10 answers `Feature secrets is not enabled. Enable with --enable_features secrets)` at `/secrets` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L252)).
    - The fields in Marathon's API types: [`environmentVariable.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/environmentVariable.raml), [`secrets.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/secrets.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL210"
    name = "pod-secrets-feature-disabled"
    severity = Severity.ERROR
    summary = "Pod secrets need the secrets feature"
    marathon_rules = ("R7", "R10", "R16")
    settings = ("features", "marathon_version")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.profile.has_feature("secrets"):
            return
        if as_dict(pod.get("secrets")):
            yield Finding(
                "/secrets",
                "the pod declares secrets, but the secrets feature is not enabled on this "
                "Marathon (Feature secrets is not enabled)",
                help=_HELP,
            )
        for variable, _secret in env_secret_refs(pod.get("environment")):
            yield Finding(
                join_pointer("/environment", variable),
                f"environment variable {variable} references a secret, but the secrets feature is "
                "not enabled on this Marathon (use of secret-references in the environment "
                "requires the secrets feature to be enabled)",
                help=_HELP,
            )
        if ctx.version.at_least(5):
            for index, volume in volumes_of_kind(pod, ctx.version, "secret"):
                yield Finding(
                    f"/volumes/{index}/secret",
                    f'volume "{volume.get("name")}" is a secret volume, but the secrets feature is '
                    "not enabled on this Marathon (Feature secrets is not enabled)",
                    help=_HELP,
                )
