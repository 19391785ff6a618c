"""A third-party update rule: an image may not move back to an older tag it already ran.

It registers through the same ``podlint_rules`` hook as any rule; podlint runs it only when a pod has
a previous version (``--since``, ``--previous``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint import hookimpl
from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, UpdateRule


def _images(pod: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for container in pod.get("containers") or []:
        image = container.get("image") if isinstance(container, dict) else None
        if isinstance(image, dict) and isinstance(image.get("id"), str):
            out[str(container.get("name"))] = image["id"]
    return out


class ImageDowngrade(UpdateRule):
    """A container's image tag goes down (``web:1.4`` → ``web:1.3``)."""

    code = "XU001"
    name = "image-downgrade"
    severity = Severity.WARNING
    summary = "an update moves an image to a lower tag"

    def check_update(
        self, previous: dict[str, Any], current: dict[str, Any], ctx: Context
    ) -> Iterator[Finding]:
        before = _images(previous)
        for index, container in enumerate(current.get("containers") or []):
            name = str(container.get("name"))
            now = _images(current).get(name)
            old = before.get(name)
            if now and old and now.rpartition(":")[2] < old.rpartition(":")[2]:
                yield Finding(
                    f"/containers/{index}/image/id",
                    f"image {old} → {now}: a lower tag",
                    previous=old,
                )


@hookimpl
def podlint_rules() -> list[type[UpdateRule]]:
    return [ImageDowngrade]
