"""PL610: an update changes a pod's id, which deploys a second pod."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule
from podlint_rules._pod_helpers import is_resident


class UpdatePodIdChanged(UpdateRule):
    """A file's only pod now has another ``id``.

    What it does
    ------------
    Pods are matched with their previous versions by ``id``. When the previous version of a file
    held exactly one pod and the file now holds exactly one pod whose id is new, while the old id
    is gone from every compared file, the two are paired and the rule reports the changed id. A
    pod moved to another file keeps its id and is matched there instead.

    Why is this bad
    ---------------
    Marathon knows a pod only by its id: deploying the file creates a *new* pod, and the pod with
    the old id keeps running (and keeps its resources) until it is removed. Persistent volumes
    belong to the old pod; the new one starts with empty volumes. Marathon accepts this, so it is
    a warning: make sure it is meant.

    Example
    -------
    The running version, then the edited one:

    ```json
    {
      "id": "/shop/web",
      "containers": [{"name": "web", "image": {"kind": "DOCKER", "id": "nginx:1.25"}, "resources": {"cpus": 0.5, "mem": 256}}]
    }
    ```

    ```json
    {
      "id": "/shop/frontend",
      "containers": [{"name": "web", "image": {"kind": "DOCKER", "id": "nginx:1.25"}, "resources": {"cpus": 0.5, "mem": 256}}]
    }
    ```

    Use instead
    -----------
    Keep the id (rename by deploying the new pod, then removing the old one with
    ``dcos marathon pod remove /shop/web``, and suppress this finding):

    ```json
    {
      "id": "/shop/web",
      "containers": [{"name": "web", "image": {"kind": "DOCKER", "id": "nginx:1.25"}, "resources": {"cpus": 0.5, "mem": 512}}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    Marathon's ``PodsResource`` (``PUT /v2/pods/{id}`` creates the pod when the id is new) and
    ``PodManagerImpl``; persistent volumes belong to the pod's reservations.
    """

    code = "PL610"
    name = "update-pod-id-changed"
    severity = Severity.WARNING
    summary = "A changed pod id deploys a new pod; the old one keeps running"

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        if not ctx.id_changed:
            return
        # Imported here: a run without previous versions never needs the model of them.
        from podlint.previous.model import canonical_id

        old = canonical_id(previous.get("id")) or "?"
        new = canonical_id(current.get("id")) or "?"
        volumes = (
            f"; its persistent volumes stay with {old}, and {new} starts with new, empty ones"
            if is_resident(previous, ctx.version)
            else ""
        )
        yield Finding(
            "/id",
            f"id {old} → {new}: Marathon creates a new pod {new}, and {old} keeps running until "
            f"it is removed{volumes}",
            help=f"keep the id {old}, or remove {old} after deploying {new} "
            f"(dcos marathon pod remove {old})",
            previous=previous.get("id"),
        )
