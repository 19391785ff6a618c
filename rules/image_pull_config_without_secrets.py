"""Rule PL312 ``image-pull-config-without-secrets``: ``image.pullConfig`` while the ``secrets`` feature
is off (R51)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label
from ._container_helpers import present


class ImagePullConfigWithoutSecrets(Rule):
    """A container pulls its image with credentials but Marathon's `secrets` feature is off.

    What it does
    ------------
    Reports `containers[].image.pullConfig` (Marathon 1.5+) unless the cluster profile enables the
    `secrets` feature (`features: [secrets]`, Marathon's `--enable_features secrets`).

    Why is this bad
    ---------------
    Marathon rejects the pod (`must be empty` / `Feature secrets is not enabled`): the registry
    credentials are read from a secret, and secrets are only available with the feature enabled (DC/OS
    Enterprise enables it). Either enable the feature (and list it in the profile's `features`) or
    pull from a registry that needs no credentials, as below.

    Example
    -------
    ```json
    {
      "id": "/private",
      "networks": [{"mode": "host"}],
      "secrets": {"registry": {"source": "registry-config"}},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "registry.example.com/app:1.0",
                    "pullConfig": {"secret": "registry"}}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/private",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "registry.example.com/app:1.0"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `Feature secrets is not enabled. Enable with --enable_features secrets)` at `/containers(<i>)/image/pullConfig` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L123)).
    - The fields in Marathon's API types: [`docker.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/docker.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL312"
    name = "image-pull-config-without-secrets"
    severity = Severity.ERROR
    summary = "image.pullConfig needs Marathon's secrets feature"
    marathon_rules = ("R51",)
    settings = ("marathon_version", "features")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        # pullConfig is a 1.5 field: 1.4 ignores the unknown key.
        if not ctx.version.at_least(5) or ctx.profile.has_feature("secrets"):
            return
        for i, c in containers(pod):
            if present(as_dict(c.get("image")), "pullConfig"):
                yield Finding(
                    join_pointer("/containers", i, "image", "pullConfig"),
                    f"container {container_label(i, c)} pulls its image with a pullConfig secret, "
                    "but the secrets feature is not enabled on this Marathon",
                    help="Enable the feature (`--enable_features secrets`; add `secrets` to the "
                    "profile's `features`) or pull from a registry that needs no credentials.",
                )
