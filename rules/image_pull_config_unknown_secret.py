"""Rule PL313 ``image-pull-config-unknown-secret``: ``image.pullConfig.secret`` names no pod secret
(R52)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_dict, containers

from ._common import closest, container_label, quote_list, secret_names
from ._container_helpers import rename_value_fix


class ImagePullConfigUnknownSecret(Rule):
    """A container's `image.pullConfig.secret` is not a secret declared by the pod.

    What it does
    ------------
    Checks `containers[].image.pullConfig.secret` (Marathon 1.5+) against the keys of the pod's
    `secrets`, with a did-you-mean suggestion and an unsafe fix renaming the reference.

    Why is this bad
    ---------------
    Marathon rejects the pod (`pullConfig.secret must refer to an existing secret`). `pullConfig`
    names a pod-level secret (`"secrets": {"<name>": {"source": ...}}`), not the secret store path.

    Example
    -------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

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
                    "pullConfig": {"secret": "registry-config"}}
        }
      ]
    }
    ```

    Use instead
    -----------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

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

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `pullConfig.secret must refer to an existing secret` at `/containers(<i>)/image/pullConfig` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L124-L126)).
    - The fields in Marathon's API types: [`docker.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/docker.raml), [`secrets.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/secrets.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL313"
    name = "image-pull-config-unknown-secret"
    severity = Severity.ERROR
    summary = "image.pullConfig.secret names a secret the pod does not declare"
    marathon_rules = ("R52",)
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(5):
            return
        declared = secret_names(pod)
        for i, c in containers(pod):
            pull = as_dict(as_dict(c.get("image")).get("pullConfig"))
            secret = pull.get("secret")
            if not isinstance(secret, str) or secret in declared:
                continue
            pointer = join_pointer("/containers", i, "image", "pullConfig", "secret")
            suggestion = closest(secret, declared)
            where = (
                f"the pod declares {quote_list(declared)}"
                if declared
                else "the pod declares no `secrets`"
            )
            yield Finding(
                pointer,
                f"container {container_label(i, c)} pulls its image with secret `{secret}`, "
                f"which is not a secret of the pod ({where})"
                + (f"; did you mean `{suggestion}`?" if suggestion else ""),
                help="The `pullConfig` secret names a key of the pod's `secrets`: declare it in the "
                "pod, e.g. {0}, or use a declared name.",
                snippets=(Snippet({secret: {"source": "<store path>"}}, "secrets", at=""),),
                fix=rename_value_fix(pointer, secret, suggestion) if suggestion else None,
            )
