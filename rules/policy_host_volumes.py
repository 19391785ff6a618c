"""Rule PL506 ``host-volumes``: host paths only under allowed prefixes (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_list, as_str
from podlint_rules._policy_helpers import normalise_host_path, to_tuple, under_prefix


@dataclass(frozen=True)
class HostVolumesOptions:
    # Absolute agent paths under which host volumes may live. Empty: no host volume is allowed.
    allowed_paths: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        paths = to_tuple(self.allowed_paths)
        normalised = []
        for path in paths:
            if not isinstance(path, str) or not path.startswith("/"):
                raise ValueError(f"allowed_paths must be absolute paths, got {path!r}")
            normalised.append(normalise_host_path(path)[0])
        object.__setattr__(self, "allowed_paths", tuple(normalised))


class HostVolumes(Rule):
    """A host volume mounts an agent path outside the allowed prefixes (policy).

    What it does
    ------------
    Reports `volumes[].host` paths that are not under one of the configured prefixes. Paths are
    normalised before they are compared, so `/data/../etc` is `/etc` and `//data//x/` is `/data/x`;
    `/database` is not under `/data`. A relative path is relative to the executor's sandbox and is
    allowed unless `..` takes it out of the sandbox. Secret and persistent volumes are not host volumes.
    With no prefixes configured, every absolute host path is reported. Symbolic links on the agent
    cannot be seen statically.

    Why is this bad
    ---------------
    Marathon mounts any agent path it is given. A pod that mounts `/`, `/etc` or
    `/var/run/docker.sock` can read secrets of other tenants or take over the agent.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "volumes": [{"name": "docker", "host": "/srv/data/../../var/run/docker.sock"}],
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        "volumeMounts": [{"name": "docker", "mountPath": "/var/run/docker.sock"}]
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "volumes": [{"name": "data", "host": "/srv/data/shop"}],
      "containers": [{
        "name": "web",
        "resources": {"cpus": 0.5, "mem": 128},
        "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        "volumeMounts": [{"name": "data", "mountPath": "/data"}]
      }],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `allowed_paths` (list of absolute paths, default empty = no host volumes): the prefixes host
    volumes must live under.

    ```yaml
    rules:
      host-volumes:
        allowed_paths: [/srv/data, /mnt/shared]
    ```

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`volumes.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/volumes.raml).
    """

    code = "PL506"
    name = "host-volumes"
    severity = Severity.ERROR
    summary = "A host volume mounts an agent path that is not allowed"
    policy = True
    options = HostVolumesOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        allowed: tuple[str, ...] = ctx.options.allowed_paths
        for i, volume in enumerate(as_list(pod.get("volumes"))):
            if not isinstance(volume, dict):
                continue
            if isinstance(volume.get("persistent"), dict) or as_str(volume.get("secret")):
                continue  # the union tries persistent and secret volumes first (spec §3.6)
            host = as_str(volume.get("host"))
            if host is None:
                continue
            path, absolute = normalise_host_path(host)
            name = as_str(volume.get("name")) or f"#{i + 1}"
            shown = f'"{host}"' + (f" (that is {path})" if path != host else "")
            pointer = join_pointer("/volumes", i, "host")
            if not absolute:
                if path == ".." or path.startswith("../"):
                    yield Finding(
                        pointer,
                        f'host volume "{name}" mounts {shown}, which leaves the executor sandbox '
                        "through `..`",
                        help="Use a path inside the sandbox, or an allowed absolute path.",
                    )
                continue
            if any(under_prefix(path, prefix) for prefix in allowed):
                continue
            if allowed:
                message = (
                    f'host volume "{name}" mounts {shown} from the agent, outside the allowed '
                    f"paths ({', '.join(allowed)})"
                )
                help_text = (
                    f"Keep host data under {' or '.join(allowed)}, or use a persistent volume."
                )
            else:
                message = (
                    f'host volume "{name}" mounts {shown} from the agent; this organisation allows '
                    "no host volumes"
                )
                help_text = "Use an ephemeral or persistent volume instead."
            yield Finding(pointer, message, help=help_text)
