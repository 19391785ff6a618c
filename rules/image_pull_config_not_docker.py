"""Rule PL314 ``image-pull-config-not-docker``: ``pullConfig`` on an APPC image (R70)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import container_label
from ._container_helpers import present


class ImagePullConfigNotDocker(Rule):
    """A container sets `image.pullConfig` on an `APPC` image.

    What it does
    ------------
    Reports `pullConfig` on an image whose `kind` is `APPC` (any case), for Marathon 1.5 to 1.8.
    1.4 has no `pullConfig`; 1.9 dropped `APPC`, which the schema then reports as an unknown kind.

    Why is this bad
    ---------------
    Marathon rejects the pod (`pullConfig is supported only with Docker images`): the credentials are
    a Docker `config.json`, which only the Docker image provider reads.

    Example
    -------
    With `cluster: {marathon_version: "1.8", features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/appc",
      "networks": [{"mode": "host"}],
      "secrets": {"registry": {"source": "registry-config"}},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "APPC", "id": "example.com/app:1.0",
                    "pullConfig": {"secret": "registry"}}
        }
      ]
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.8", features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/appc",
      "networks": [{"mode": "host"}],
      "secrets": {"registry": {"source": "registry-config"}},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "image": {"kind": "DOCKER", "id": "example.com/app:1.0",
                    "pullConfig": {"secret": "registry"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.8 answers `pullConfig is supported only with Docker images` at `/containers(<i>)/image/pullConfig` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.8.244/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L123-L129)).
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml), [`docker.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/docker.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL314"
    name = "image-pull-config-not-docker"
    severity = Severity.ERROR
    summary = "image.pullConfig works only with Docker images"
    marathon_rules = ("R70",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5) or ctx.version.at_least(9):
            return
        for i, c in containers(pod):
            image = as_dict(c.get("image"))
            kind = image.get("kind")
            if isinstance(kind, str) and kind.lower() == "appc" and present(image, "pullConfig"):
                yield Finding(
                    join_pointer("/containers", i, "image", "pullConfig"),
                    f"container {container_label(i, c)} sets pullConfig on an APPC image; "
                    "Marathon supports registry credentials only for Docker images",
                    help="Use a DOCKER image, or remove `pullConfig`.",
                )
