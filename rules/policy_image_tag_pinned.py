"""Rule PL503 ``image-tag-pinned``: images must name a fixed version (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule
from podlint_rules._policy_helpers import container_name, docker_images, parse_image


@dataclass(frozen=True)
class ImageTagPinnedOptions:
    # Require an immutable digest (`@sha256:…`); a tag alone can be moved to another image.
    require_digest: bool = False


class ImageTagPinned(Rule):
    """A container image is not pinned: no tag, `latest`, or (optionally) no digest (policy).

    What it does
    ------------
    Reports Docker images whose `image.id` has no tag (Docker then pulls `latest`) or the tag `latest`.
    An image pinned by digest (`name@sha256:…`) always passes. With `require_digest: true`, every image
    must carry a digest, whatever its tag. APPC images (Marathon 1.4 … 1.8) are not checked.

    Why is this bad
    ---------------
    Marathon launches each instance from whatever the tag points to when the agent pulls it. With
    `latest` (or no tag) two instances of one pod version can run different code, a restart silently
    upgrades, and a rollback does not roll back. Mesos also caches images by name, so `latest` may not
    even be the latest unless `forcePull` is set.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "registry.example.com/shop/web:latest"}
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "registry.example.com/shop/web:2.3.1"}
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `require_digest` (boolean, default false): also require `@sha256:…` on every image.

    ```yaml
    rules:
      image-tag-pinned:
        require_digest: false
    ```

    References
    ----------
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    """

    code = "PL503"
    name = "image-tag-pinned"
    severity = Severity.ERROR
    summary = "A container image has no fixed tag or digest"
    policy = True
    options = ImageTagPinnedOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        require_digest: bool = ctx.options.require_digest
        for i, container, image_id in docker_images(pod):
            image = parse_image(image_id)
            if image is None or image.digest is not None:
                continue
            pointer = join_pointer("/containers", i, "image", "id")
            who = container_name(i, container)
            if image.tag is None:
                yield Finding(
                    pointer,
                    f'{who} uses image "{image_id}" without a tag, so every pull takes whatever '
                    "`latest` is at that moment",
                    help="Name a version, e.g. {0}, or pin a digest with `@sha256:…`.",
                    snippets=(Snippet(f"{image_id}:1.2.3", at=pointer),),
                )
            elif image.tag.lower() == "latest":
                yield Finding(
                    pointer,
                    f'{who} uses image "{image_id}"; the tag `latest` moves, so instances of one pod '
                    "version may run different code",
                    help="Name a fixed version tag, or pin a digest with `@sha256:…`.",
                )
            elif require_digest:
                yield Finding(
                    pointer,
                    f'{who} uses image "{image_id}" without a digest; this organisation requires '
                    "images pinned by digest, because a tag can be moved to another image",
                    help="Append the image digest: {0}.",
                    snippets=(Snippet(f"{image_id}@sha256:<digest>", at=pointer),),
                )
