"""What to tell a user about a missing required key, by the schema node it is missing from.

Several objects require a key of the same name (`kind` in `image` and in `scaling`, `name` in a
container, a volume, an endpoint, a volume mount); the advice depends on the object, so it is keyed by
the object's place in the schema (its *shape*: ``containers[].image``, ``scaling``), never by the key
alone. Each hint names the object and suggests a value that is valid there; the value is data (a
:class:`~podlint.diagnostics.Snippet`), written in the file's own syntax when the help is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Snippet


@dataclass(frozen=True)
class RequiredHint:
    # The help text; ``{0}`` is where the suggested ``key: value`` goes (when there is an example).
    advice: str
    example: Any = None

    def snippets(self, key: str, at: str) -> tuple[Snippet, ...]:
        return () if self.example is None else (Snippet(self.example, key, at=at),)


_SHELL_PROBE = {"shell": "curl -f http://localhost:8080/health"}

# (shape of the object, missing key) -> hint. The shape is the schema path of the object: `[]` for
# array items, `.*` for the values of a map whose keys the user chooses (environment, secrets).
REQUIRED_HINTS: dict[tuple[str, str], RequiredHint] = {
    ("", "id"): RequiredHint("Give the pod an absolute id: {0}.", "/prod/web"),
    ("", "containers"): RequiredHint(
        "Give the pod its `containers`: a list with at least one container (`name`, `resources`, "
        "and an `image` or an `exec` command)."
    ),
    ("containers[]", "name"): RequiredHint(
        "Name the container, e.g. {0} (1-63 lower-case letters, digits and hyphens).", "web"
    ),
    ("containers[]", "resources"): RequiredHint(
        "Give the container its `resources`, e.g. {0}.", {"cpus": 0.1, "mem": 64}
    ),
    ("containers[].image", "kind"): RequiredHint(
        "Say which kind of image the container's `image` is: {0} (or APPC).", "DOCKER"
    ),
    ("containers[].image", "id"): RequiredHint(
        "Name the image to run in the container's `image`, e.g. {0}.", "nginx:1.25"
    ),
    ("containers[].image.pullConfig", "secret"): RequiredHint(
        "Name the pod secret that holds the registry credentials in `pullConfig`, e.g. {0}.",
        "registry-credentials",
    ),
    ("containers[].exec", "command"): RequiredHint(
        "Give the container's `exec` the command to run, e.g. {0}.", {"shell": "./start.sh"}
    ),
    ("containers[].endpoints[]", "name"): RequiredHint("Name the endpoint, e.g. {0}.", "http"),
    ("containers[].volumeMounts[]", "name"): RequiredHint(
        "Name the pod volume this volume mount mounts, e.g. {0}.", "data"
    ),
    ("containers[].volumeMounts[]", "mountPath"): RequiredHint(
        "Say where the volume mount puts the volume inside the container, e.g. {0}.", "/data"
    ),
    ("containers[].artifacts[]", "uri"): RequiredHint(
        "Give the artifact the URI to fetch, e.g. {0}.", "https://example.com/app.tgz"
    ),
    ("containers[].environment.*", "secret"): RequiredHint(
        "An environment value that is an object refers to a pod secret: {0}.", "db-password"
    ),
    ("environment.*", "secret"): RequiredHint(
        "An environment value that is an object refers to a pod secret: {0}.", "db-password"
    ),
    ("containers[].healthCheck.http", "endpoint"): RequiredHint(
        "Name one of the container's endpoints in the health check's `http`, e.g. {0}.", "http"
    ),
    ("containers[].healthCheck.tcp", "endpoint"): RequiredHint(
        "Name one of the container's endpoints in the health check's `tcp`, e.g. {0}.", "http"
    ),
    ("containers[].healthCheck.exec", "command"): RequiredHint(
        "Give the health check's `exec` the command to probe with, e.g. {0}.", _SHELL_PROBE
    ),
    ("containers[].check.http", "endpoint"): RequiredHint(
        "Name one of the container's endpoints in the check's `http`, e.g. {0}.", "http"
    ),
    ("containers[].check.tcp", "endpoint"): RequiredHint(
        "Name one of the container's endpoints in the check's `tcp`, e.g. {0}.", "http"
    ),
    ("containers[].check.exec", "command"): RequiredHint(
        "Give the check's `exec` the command to run, e.g. {0}.", _SHELL_PROBE
    ),
    ("containers[].linuxInfo.ipcInfo", "mode"): RequiredHint(
        "Give the container's `ipcInfo` a mode: {0} for its own IPC namespace, or SHARE_PARENT.",
        "PRIVATE",
    ),
    ("linuxInfo.ipcInfo", "mode"): RequiredHint(
        "Give the pod's `ipcInfo` a mode: {0} for an IPC namespace of its own, or SHARE_PARENT.",
        "PRIVATE",
    ),
    ("scaling", "kind"): RequiredHint("Add {0} to `scaling`: fixed is its only kind.", "fixed"),
    ("scheduling.placement.constraints[]", "fieldName"): RequiredHint(
        "Name the agent attribute the placement constraint is about, e.g. {0}.", "hostname"
    ),
    ("scheduling.placement.constraints[]", "operator"): RequiredHint(
        "Give the placement constraint an operator, e.g. {0}.", "UNIQUE"
    ),
    ("secrets.*", "source"): RequiredHint(
        "Say where the secret comes from in the secret store, e.g. {0}.", "prod/db-password"
    ),
    ("volumes[]", "name"): RequiredHint(
        "Name the volume, e.g. {0}: containers mount it by this name.", "data"
    ),
    ("volumes[]", "persistent"): RequiredHint(
        "Give the persistent volume its `persistent` settings, e.g. {0}.", {"size": 1024}
    ),
    ("volumes[]", "secret"): RequiredHint(
        "Name the pod secret the secret volume holds, e.g. {0}.", "tls-cert"
    ),
    ("volumes[]", "host"): RequiredHint(
        "Give the host volume the path on the agent, e.g. {0}.", "/var/lib/data"
    ),
    ("volumes[].persistent", "size"): RequiredHint(
        "Give the persistent volume its size in MiB, e.g. {0}.", 1024
    ),
}


def shape_of(schema_path: Sequence[Any]) -> str:
    """The shape of the object a schema path leads to: ``containers[].image`` for
    ``properties/containers/items/properties/image`` (union alternatives are skipped)."""
    parts: list[str] = []
    tokens = list(schema_path)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "properties" and i + 1 < len(tokens):
            parts.append("." + str(tokens[i + 1]))
            i += 2
        elif token == "items":
            parts.append("[]")
            i += 1
        elif token == "additionalProperties":
            parts.append(".*")
            i += 1
        elif token in ("anyOf", "oneOf", "allOf"):
            i += 2
        else:  # the keyword that failed (`required`), or one the walk does not descend through
            i += 1
    return "".join(parts).lstrip(".")


def required_hint(shape: str, key: str) -> RequiredHint:
    return REQUIRED_HINTS.get((shape, key)) or RequiredHint(f"Add `{key}`.")
