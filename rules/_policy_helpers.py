"""Readers shared by the organisation policy rules (``policy_*``): image references and host paths."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable, Iterator
from typing import Any

from podlint.records import FrozenRecord
from podlint.rule import as_dict, as_str, containers

DOCKER_HUB = "docker.io"
# Names Docker Hub is also known by; an allow-list entry or image naming one of them means Docker Hub.
_HUB_ALIASES = frozenset(
    {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}
)
_DIGEST_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}")


class ImageRef(FrozenRecord):
    """A Docker image reference split the way Docker reads it (``nginx:1.25`` is Docker Hub's)."""

    _fields = ("registry", "repository", "tag", "digest")

    registry: str  # lower-case host[:port]; docker.io for Docker Hub
    repository: str  # path below the registry, e.g. library/nginx
    tag: str | None
    digest: str | None

    def __init__(self, registry: str, repository: str, tag: str | None, digest: str | None) -> None:
        _set = object.__setattr__
        _set(self, "registry", registry)
        _set(self, "repository", repository)
        _set(self, "tag", tag)
        _set(self, "digest", digest)

    @property
    def full_name(self) -> str:
        return f"{self.registry}/{self.repository}"


def normalise_registry(host: str) -> str:
    host = host.strip().lower()
    host = re.sub(r"^[a-z]+://", "", host).rstrip("/")
    return DOCKER_HUB if host in _HUB_ALIASES else host


def parse_image(reference: str) -> ImageRef | None:
    """Split ``reference``; None when it is not readable as a Docker reference (empty, spaces)."""
    ref = reference.strip()
    if not ref or any(c.isspace() for c in ref):
        return None
    digest = None
    if "@" in ref:
        ref, digest = ref.split("@", 1)
        if not _DIGEST_RE.fullmatch(digest):
            digest = None  # `@latest` and the like pin nothing
    tag = None
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:
        ref, tag = ref[:colon], ref[colon + 1 :] or None
    first, sep, rest = ref.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        registry, repository = normalise_registry(first), rest
    else:
        registry, repository = DOCKER_HUB, ref
    if registry == DOCKER_HUB and "/" not in repository:
        repository = f"library/{repository}"
    if not repository:
        return None
    return ImageRef(registry, repository.lower(), tag, digest)


def registry_allowed(image: ImageRef, allowed: Iterable[str]) -> bool:
    """Entries are hosts (``registry.example.com``, ``*.example.com``, ``docker.io``) or repository
    prefixes (``docker.io/myorg``: only that organisation's images on Docker Hub)."""
    for entry in allowed:
        text = re.sub(r"^[a-z]+://", "", entry.strip().lower()).rstrip("/")
        host, sep, path = text.partition("/")
        host = normalise_registry(host)
        if sep:
            prefix = f"{host}/{path}"
            if image.full_name == prefix or image.full_name.startswith(prefix + "/"):
                return True
        elif fnmatch.fnmatchcase(image.registry, host):
            return True
    return False


def docker_images(pod: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], str]]:
    """(container index, container, image id) for every container with a Docker image id."""
    for i, container in containers(pod):
        image = as_dict(container.get("image"))
        kind = as_str(image.get("kind"))
        if kind is not None and kind.upper() != "DOCKER":
            continue  # APPC images (1.4 … 1.8) are not Docker references
        image_id = as_str(image.get("id"))
        if image_id is not None:
            yield i, container, image_id


def container_name(index: int, container: dict[str, Any]) -> str:
    """Policy messages quote JSON-style: ``container "web"``, or ``container #2`` without a name."""
    name = as_str(container.get("name"))
    return f'container "{name}"' if name else f"container #{index + 1}"


def normalise_host_path(path: str) -> tuple[str, bool]:
    """(normalised path, absolute): ``..`` and ``.`` resolved, repeated slashes collapsed.

    Relative host paths are relative to the executor's sandbox (spec F43).
    """
    absolute = path.startswith("/")
    normalised = posixpath.normpath("/" + path.lstrip("/") if absolute else path or ".")
    if normalised.startswith("//"):  # POSIX keeps a leading double slash; agents do not care
        normalised = "/" + normalised.lstrip("/")
    return normalised, absolute


def under_prefix(path: str, prefix: str) -> bool:
    if prefix == "/":
        return True
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Options arrive as lists from configuration; frozen options keep tuples (hashable, immutable)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str):
        return (value,)
    raise ValueError(f"expected a list, got {value!r}")
