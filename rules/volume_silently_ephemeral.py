"""Rule PL401 ``volume-silently-ephemeral``: a persistent/secret/host volume that Marathon reads as
an ephemeral volume (§10.3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.config.profile import MarathonVersion
from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.records import FrozenRecord
from podlint.rule import Context, Rule, as_list

from ._container_helpers import as_int, is_name, present

PERSISTENT_TYPES = ("root", "path", "mount")


def _persistent_ok(spec: Any) -> bool:
    """Whether a ``persistent`` object parses (F46-F50); a failure sends the union to its next type."""
    if not isinstance(spec, dict):
        return False
    size = as_int(spec.get("size"))
    if size is None or size < 0:
        return False
    kind = spec.get("type")
    if kind is not None and not (isinstance(kind, str) and kind.lower() in PERSISTENT_TYPES):
        return False
    max_size = spec.get("maxSize")
    if max_size is not None and ((m := as_int(max_size)) is None or m < 0):
        return False
    if spec.get("profileName") is not None and not isinstance(spec.get("profileName"), str):
        return False
    constraints = spec.get("constraints")
    if constraints is None:
        return True
    return isinstance(constraints, list) and all(
        isinstance(c, list) and 2 <= len(c) <= 3 and all(isinstance(x, str) for x in c)
        for c in constraints
    )


def read_as(volume: dict[str, Any], version: MarathonVersion) -> str | None:
    """The volume type Marathon reads this object as (union order, §3.6); None: it does not parse."""
    name = volume.get("name")
    if (
        version.at_least(6)
        and isinstance(name, str)
        and name
        and _persistent_ok(volume.get("persistent"))
    ):
        return "persistent"
    secret = volume.get("secret")
    if version.at_least(5) and isinstance(name, str) and isinstance(secret, str) and secret:
        return "secret"
    if isinstance(volume.get("host"), str) and (is_name(name) or not version.at_least(5)):
        return "host"
    if not version.at_least(5) and present(volume, "host"):
        return None  # 1.4 has a single volume type: a malformed `host` fails to parse
    if is_name(name) or (not version.at_least(5) and isinstance(name, str)):
        return "ephemeral"
    return None


# key -> (what the user asked for, first version that has it)
INTENDED: dict[str, tuple[str, int]] = {
    "persistent": ("persistent", 6),
    "secret": ("secret", 5),
    "host": ("host", 4),
    "external": ("external", 99),
}


class VolumeSilentlyEphemeral(Rule):
    """A volume meant as persistent, secret, host or external is read as a plain ephemeral volume.

    What it does
    ------------
    Works out which volume type Marathon reads each `volumes[]` entry as. Volume types are tried in
    order (persistent, secret, host, ephemeral) and the first that parses wins, so a volume whose
    `persistent`, `secret` or `host` part is malformed, needs a newer Marathon, or uses a key pods
    do not have (`external`), quietly becomes an ephemeral (empty, per-instance) volume. The rule
    reports such volumes.

    Why is this bad
    ---------------
    Marathon accepts the pod, but the data is not where the user thinks: a "persistent" database
    volume is wiped with every instance, a "secret" volume is an empty folder.

    Example
    -------
    ```json
    {
      "id": "/db",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "data", "persistent": {"size": "10GiB"}}],
      "containers": [
        {
          "name": "db",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "./db --data data"}},
          "volumeMounts": [{"name": "data", "mountPath": "data"}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/data/db",
      "role": "data",
      "networks": [{"mode": "host"}],
      "volumes": [{"name": "data", "persistent": {"size": 10240}}],
      "containers": [
        {
          "name": "db",
          "resources": {"cpus": 0.5, "mem": 256},
          "exec": {"command": {"shell": "./db --data data"}},
          "volumeMounts": [{"name": "data", "mountPath": "data"}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL401"
    name = "volume-silently-ephemeral"
    severity = Severity.WARNING
    summary = "A persistent, secret, host or external volume is read as an ephemeral volume"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        version = ctx.version
        for misread in misread_volumes(pod, version):
            intended, actual = misread.intended, misread.actual
            kind, since = INTENDED[intended]
            outdated = intended != "external" and not version.at_least(since)
            if intended == "external":
                why = "pods have no external volumes"
            elif outdated:
                why = f"{kind} volumes need Marathon 1.{since} (linting for {version.line})"
            else:
                why = f"its `{intended}` part is not valid"
            yield Finding(
                misread.pointer,
                f"volume `{misread.name}` looks like {_a(kind)} {kind} volume, but Marathon "
                f"reads it as {_a(actual)} {actual} volume: {why}",
                help=_version_help(kind, since) if outdated else _help(intended),
                snippets=()
                if outdated
                else tuple(
                    Snippet(s.value, s.key, at=join_pointer("/volumes", misread.index))
                    for s in _EXAMPLES.get(intended, ())
                ),
                target="key",
            )


class MisreadVolume(FrozenRecord):
    _fields = ("index", "name", "intended", "actual")

    index: int
    name: Any
    intended: str
    actual: str

    def __init__(self, index: int, name: Any, intended: str, actual: str) -> None:
        _set = object.__setattr__
        _set(self, "index", index)
        _set(self, "name", name)
        _set(self, "intended", intended)
        _set(self, "actual", actual)

    @property
    def pointer(self) -> str:
        return join_pointer("/volumes", self.index, self.intended)


def misread_volumes(pod: dict[str, Any], version: MarathonVersion) -> Iterator[MisreadVolume]:
    """Volumes whose marker key (``persistent``, ``secret``, ``host``, ``external``) Marathon does not
    honour. Other rules ask this to stay quiet about the same key (one problem, one finding)."""
    for i, volume in enumerate(as_list(pod.get("volumes"))):
        if not isinstance(volume, dict):
            continue
        intended = next((k for k in INTENDED if present(volume, k)), None)
        if intended is None:
            continue
        actual = read_as(volume, version)
        if actual is None or actual == intended:
            continue
        yield MisreadVolume(i, volume.get("name"), intended, actual)


def _version_help(kind: str, since: int) -> str:
    return (
        f"Target Marathon 1.{since} or later (`marathon_version`) if the cluster runs it; on this "
        f"version the volume is scratch space that is lost with the instance."
    )


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


_EXAMPLES: dict[str, tuple[Snippet, ...]] = {
    "persistent": (Snippet({"size": 1024}, "persistent"),),
    "secret": (Snippet("<pod secret>", "secret"),),
    "host": (Snippet("/var/lib/data", "host"),),
}


def _help(intended: str) -> str:
    if intended == "persistent":
        return (
            "A persistent volume needs a size in MiB, e.g. {0}, and optionally `type` (root, path, "
            "mount), `maxSize`, `profileName`, `constraints`."
        )
    if intended == "secret":
        return "A secret volume names a pod secret, e.g. {0} (Marathon 1.5+)."
    if intended == "host":
        return "A host volume needs the path on the agent as a string, e.g. {0}."
    return "Use a host or persistent volume; external (CSI) volumes are not available for pods."
