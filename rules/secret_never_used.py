"""Rule PL411 ``secret-never-used``: a pod secret nothing refers to (§10.16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_dict, as_list, containers

from ._common import env_secret_refs


def referenced_secrets(pod: dict[str, Any]) -> set[str]:
    """Secret names used by env vars (pod and containers), secret volumes and image pullConfigs."""
    used = {s for _, s in env_secret_refs(pod.get("environment"))}
    for _, c in containers(pod):
        used.update(s for _, s in env_secret_refs(c.get("environment")))
        pull = as_dict(as_dict(c.get("image")).get("pullConfig")).get("secret")
        if isinstance(pull, str):
            used.add(pull)
    for volume in as_list(pod.get("volumes")):
        secret = as_dict(volume).get("secret")
        if isinstance(secret, str):
            used.add(secret)
    return used


class SecretNeverUsed(Rule):
    """A secret declared in the pod's `secrets` is never referenced.

    What it does
    ------------
    Reports every key of `secrets` that no environment variable (pod or container), secret volume or
    `image.pullConfig` refers to. An unsafe fix removes the declaration.

    Why is this bad
    ---------------
    Marathon accepts it, but the secret reaches no container: most often a reference was misspelt or
    removed, and the service will start without the credential it needs. Declared secrets also need
    the `secrets` feature and access rights to the store path, for nothing.

    Example
    -------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/db-client",
      "networks": [{"mode": "host"}],
      "secrets": {"db-password": {"source": "databases/password"}},
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

    Use instead
    -----------
    With `cluster: {features: [secrets]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/db-client",
      "networks": [{"mode": "host"}],
      "secrets": {"db-password": {"source": "databases/password"}},
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"DB_USER": "app", "DB_PASSWORD": {"secret": "db-password"}}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields, their types and limits: Marathon's API types ([`types/`](https://github.com/mesosphere/marathon/tree/v1.10.26/docs/docs/rest-api/public/api/v2/types)).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    """

    code = "PL411"
    name = "secret-never-used"
    severity = Severity.WARNING
    summary = "A declared secret is never referenced"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        secrets = pod.get("secrets")
        if not isinstance(secrets, dict) or not secrets:
            return
        used = referenced_secrets(pod)
        for name in secrets:
            # An empty name cannot be referred to: pod-secret-declaration-empty reports that cause.
            if name in used or name == "":
                continue
            pointer = join_pointer("/secrets", name)
            yield Finding(
                pointer,
                f"secret `{name}` is declared but nothing refers to it",
                help="Refer to it ({0} as an environment value, a secret volume or "
                "`image.pullConfig`), or remove the declaration.",
                snippets=(Snippet({"secret": name}),),
                target="key",
                fix=Fix(f"Remove secret `{name}`", "unsafe", (FixOp("remove", pointer),)),
            )
