"""Rule PL502 ``allowed-registries``: images only from the organisation's registries (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule
from podlint_rules._policy_helpers import (
    DOCKER_HUB,
    container_name,
    docker_images,
    parse_image,
    registry_allowed,
    to_tuple,
)


@dataclass(frozen=True)
class AllowedRegistriesOptions:
    # Registry hosts (`registry.example.com`, `*.example.com`, `docker.io`) or repository prefixes
    # (`docker.io/myorg`). Empty: no image is allowed.
    registries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "registries", to_tuple(self.registries))
        for entry in self.registries:
            if not isinstance(entry, str) or not entry.strip():
                raise ValueError(f"registries must be non-empty strings, got {entry!r}")


class AllowedRegistries(Rule):
    """A container image comes from a registry the organisation does not allow (policy).

    What it does
    ------------
    Reads each container's `image.id` as Docker does and reports images whose registry is not in the
    configured list. A name without a registry host (`nginx:1.25`, `library/nginx`, `myorg/app`) is a
    Docker Hub image and counts as `docker.io`; `index.docker.io` and `registry-1.docker.io` are Docker
    Hub too. An entry may be a host (`registry.example.com:5000`), a host pattern (`*.example.com`), or
    a repository prefix (`docker.io/myorg` allows only that organisation's Docker Hub images). APPC
    images (Marathon 1.4 … 1.8) are not checked.

    Why is this bad
    ---------------
    Marathon pulls whatever `image.id` names. Images from unvetted registries bypass the organisation's
    scanning and signing, and Docker Hub's pull limits can stop a deployment halfway.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "nginx:1.25"}
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
        "image": {"kind": "DOCKER", "id": "registry.example.com/shop/nginx:1.25"}
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `registries` (list of strings, default empty = no image allowed): allowed registry hosts, host
    patterns or repository prefixes.

    ```yaml
    rules:
      allowed-registries:
        registries: [registry.example.com, "*.mirror.example.com", docker.io/example]
    ```

    References
    ----------
    - The fields in Marathon's API types: [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    """

    code = "PL502"
    name = "allowed-registries"
    severity = Severity.ERROR
    summary = "A container image comes from a registry that is not allowed"
    policy = True
    options = AllowedRegistriesOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        allowed: tuple[str, ...] = ctx.options.registries
        shown = ", ".join(allowed) if allowed else "none"
        for i, container, image_id in docker_images(pod):
            image = parse_image(image_id)
            if image is None or registry_allowed(image, allowed):
                continue
            where = "Docker Hub (docker.io)" if image.registry == DOCKER_HUB else image.registry
            yield Finding(
                join_pointer("/containers", i, "image", "id"),
                f'{container_name(i, container)} uses image "{image_id}" from {where}, which is not '
                f"an allowed registry (allowed: {shown})",
                help="Push the image to an allowed registry and name it with that registry's host, "
                "e.g. {0}."
                if allowed and "*" not in allowed[0]
                else "Use an image from an allowed registry.",
                snippets=(
                    Snippet(
                        f"{allowed[0].rstrip('/')}/{image.repository.removeprefix('library/')}",
                        at=join_pointer("/containers", i, "image", "id"),
                    ),
                )
                if allowed and "*" not in allowed[0]
                else (),
            )
