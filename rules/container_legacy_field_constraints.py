"""Rule PL321 ``legacy-field-constraints``: the field checks Marathon 1.4 makes by hand, which 1.5+
makes while reading the JSON (spec §4.6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, as_dict, as_list, as_number, containers

from ._common import NAME_MAX, NAME_RE, container_label
from ._container_helpers import as_int, network_modes, present

# Marathon 1.4's environment-variable name rule (P2): upper case only, shorter than 255 characters.
ENV_NAME_1_4 = re.compile(r"[A-Z_][A-Z0-9_]*")
PATH_MAX = 1024
NAME_HELP = "Use lower-case letters, digits and `-`, starting and ending with a letter or digit"


def _name_problem(value: str) -> str | None:
    if not value:
        return "is empty"
    if len(value) > NAME_MAX:
        return f"is {len(value)} characters long (at most {NAME_MAX})"
    if NAME_RE.fullmatch(value) is None:
        return "must match `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`"
    return None


def _length_problem(value: str, low: int = 1, high: int = PATH_MAX) -> str | None:
    if low <= len(value) <= high:
        return None
    return f"is {len(value)} characters long (expected between {low} and {high})"


class LegacyFieldConstraints(Rule):
    """A container-level field breaks a rule Marathon 1.4 checks by hand.

    What it does
    ------------
    Marathon 1.5+ checks names, lengths and ranges while it reads the JSON, and the schema reports
    those problems. Marathon 1.4 read the JSON without these checks and made them afterwards by hand,
    so for 1.4 (and only there) this rule reports:

    - container names that are not a Name (1.4.3+; the reserved `_app` is one of them);
    - endpoint names that are not a Name, `containerPort` outside 1-65535, `hostPort` outside 0-65535;
    - negative `resources` (zero is accepted by 1.4);
    - `image.id` longer than 1024 characters or empty;
    - environment variable names (pod or container level) that are not upper case (`^[A-Z_][A-Z0-9_]*$`, under 255 chars, so never empty);
    - negative health-check numbers, health-check endpoint references that are not a Name, an empty
      or over-long `http.path`, an empty exec command;
    - volume-mount names that are not a Name, empty or over-long `mountPath`;
    - empty or over-long artifact `uri`/`destPath`;
    - volume names that are not a Name and empty `host` paths;
    - a string `unreachableStrategy` before 1.4.2 (only the object form is read there).

    Why is this bad
    ---------------
    Marathon 1.4 rejects the pod. Pods written for a newer
    Marathon often use lower-case environment variable names, which 1.4 refuses.

    Example
    -------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/legacy",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"log_level": "debug"}
        }
      ]
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/legacy",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./app"}},
          "environment": {"LOG_LEVEL": "debug"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4 answers `must contain only alphanumeric chars or hyphens, and must begin with a letter` at `/containers(<i>)/name` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L28-L34)).
    - Marathon 1.4 answers `must contain only alphanumeric chars or underscore, and must not begin with a number` at `/environment/<VAR>` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L26)).
    - Marathon 1.4 answers `got <n>, expected between 1 and 63 (and the port ranges)` at `/containers(<i>)/endpoints(<j>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L136-L140)).
    - Marathon 1.4 answers `got <n>, expected between 1 and 1024` at `/containers(<i>)/image/id` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L167-L169)).
    - Marathon 1.4 answers `must not be empty (and the name messages)` at `/volumes(<i>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L201-L206)).
    - Marathon 1.4–1.10 answers `must not be empty` at `/environment/keys(<i>)` ([EnvVarValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/EnvVarValidation.scala#L24-L28)).
    - Marathon 1.8–1.10 answers `equals _app` at `/containers(<i>)/name` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L159)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more` at `/containers(<i>)/resources/cpus` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L31-L36)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0 or more` at `/containers(<i>)/healthCheck/<field>` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L74-L79)).
    - Marathon 1.4–1.10 answers `got <n>, expected between 1 and 63` at `/containers(<i>)/healthCheck/http/endpoint/length` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L40)).
    - Marathon 1.4–1.10 answers `must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'` at `/containers(<i>)/healthCheck/http/endpoint` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L41)).
    - Marathon 1.4–1.10 answers `got <n>, expected between 1 and 1024` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L45)).
    - Marathon 1.4–1.10 answers `got 0, expected more than 0` at `/containers(<i>)/healthCheck/exec` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L61-L66)).
    - Marathon 1.4–1.10 answers `got <n>, expected between 1 and 63` at `/containers(<i>)/volumeMounts(<j>)/name/length` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L137-L138)).
    - Marathon 1.4–1.10 answers `got <n>, expected between 1 and 1024` at `/containers(<i>)/volumeMounts(<j>)/mountPath/length` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L139)).
    - Marathon 1.4–1.10 answers `got <n>, expected between 1 and 1024` at `/containers(<i>)/artifacts(<j>)/uri/length` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L152-L155)).
    - The fields in Marathon's API types: [`unreachableStrategy.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/unreachableStrategy.raml).
    - How Marathon validates a pod: [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version), [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL321"
    name = "legacy-field-constraints"
    severity = Severity.ERROR
    summary = "Marathon 1.4's hand-written checks of container names, ports, lengths and env names"
    marathon_rules = (
        "P1", "P2", "P5", "P7", "P8", "R9", "R41", "R42", "R54", "R57", "R58", "R60", "R62",
        "R63", "R64", "R66",
    )  # fmt: skip
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.version.at_least(5):
            return
        # With host networking any containerPort is wrong (endpoint-host-mode-ports says so and
        # offers to remove it); a range finding on the same value would send the user elsewhere.
        host_network = "host" in network_modes(pod)
        for i, c in containers(pod):
            base = join_pointer("/containers", i)
            label = container_label(i, c)
            yield from self._container_name(c, base, ctx)
            yield from self._resources(c, base, label)
            yield from self._image(c, base, label)
            yield from self._environment(c, base, label)
            yield from self._endpoints(c, base, label, host_network)
            yield from self._health_check(c, base, label)
            yield from self._mounts_and_artifacts(c, base, label)
        yield from self._volumes(pod)
        yield from self._environment(pod, "", "")
        if not ctx.version.at_least(4, 2):
            yield from self._unreachable_strategy(pod)

    def _container_name(self, c: dict[str, Any], base: str, ctx: Context) -> Iterator[Finding]:
        name = c.get("name")
        # 1.4.0-1.4.2 did not check container names at all.
        if not isinstance(name, str) or not ctx.version.at_least(4, 3):
            return
        problem = _name_problem(name)
        if problem:
            yield Finding(
                join_pointer(base, "name"),
                f"container name `{name}` {problem}; Marathon 1.4 rejects it",
                help=f"Rename the container: {NAME_HELP}.",
            )

    def _resources(self, c: dict[str, Any], base: str, label: str) -> Iterator[Finding]:
        for key, value in as_dict(c.get("resources")).items():
            number = as_number(value)
            if key in ("cpus", "mem", "disk", "gpus") and number is not None and number < 0:
                yield Finding(
                    join_pointer(base, "resources", key),
                    f"container {label} asks for {key} {value}; resources cannot be negative",
                    help=f"Set `{key}` to 0 or more.",
                )

    def _image(self, c: dict[str, Any], base: str, label: str) -> Iterator[Finding]:
        image_id = as_dict(c.get("image")).get("id")
        if isinstance(image_id, str) and (problem := _length_problem(image_id)):
            yield Finding(
                join_pointer(base, "image", "id"),
                f"the image id of container {label} {problem}",
                help="Give the image reference, e.g. `nginx:1.25`.",
            )

    def _environment(self, c: dict[str, Any], base: str, label: str) -> Iterator[Finding]:
        for key in as_dict(c.get("environment")):
            if ENV_NAME_1_4.fullmatch(key) and len(key) < 255:
                continue
            upper = key.upper()
            hint = f" (e.g. `{upper}`)" if ENV_NAME_1_4.fullmatch(upper) else ""
            owner = f"of container {label}" if base else "of the pod"
            yield Finding(
                join_pointer(base, "environment", key),
                f"environment variable name `{key}` {owner} is not accepted by "
                "Marathon 1.4, which allows only upper-case letters, digits and `_`, not "
                "starting with a digit",
                help=f"Rename the variable{hint}; lower-case names need Marathon 1.5 or newer.",
                target="key",
            )

    def _endpoints(
        self, c: dict[str, Any], base: str, label: str, host_network: bool
    ) -> Iterator[Finding]:
        for j, ep in enumerate(as_list(c.get("endpoints"))):
            if not isinstance(ep, dict):
                continue
            ep_base = join_pointer(base, "endpoints", j)
            name = ep.get("name")
            if isinstance(name, str) and (problem := _name_problem(name)):
                yield Finding(
                    join_pointer(ep_base, "name"),
                    f"endpoint name `{name}` of container {label} {problem}; Marathon 1.4 "
                    "rejects it",
                    help=f"Rename the endpoint: {NAME_HELP}.",
                )
            for key, low in (("containerPort", 1), ("hostPort", 0)):
                if key == "containerPort" and host_network:
                    continue
                port = as_int(ep.get(key))
                if port is not None and not low <= port <= 65535:
                    yield Finding(
                        join_pointer(ep_base, key),
                        f"{key} {port} of endpoint `{name}` is not a port number "
                        f"(expected between {low} and 65535)",
                        help=f"Use a port between {low} and 65535"
                        + (" (0 asks for a dynamic host port)." if low == 0 else "."),
                    )

    def _health_check(self, c: dict[str, Any], base: str, label: str) -> Iterator[Finding]:
        hc = c.get("healthCheck")
        if not isinstance(hc, dict):
            return
        hc_base = join_pointer(base, "healthCheck")
        for key in (
            "gracePeriodSeconds",
            "intervalSeconds",
            "maxConsecutiveFailures",
            "timeoutSeconds",
            "delaySeconds",
        ):
            value = as_int(hc.get(key))
            if value is not None and value < 0:
                yield Finding(
                    join_pointer(hc_base, key),
                    f"health check {key} {value} of container {label} is negative",
                    help=f"Set `{key}` to 0 or more.",
                )
        for kind in ("http", "tcp"):
            probe = as_dict(hc.get(kind))
            ref = probe.get("endpoint")
            if isinstance(ref, str) and (problem := _name_problem(ref)):
                yield Finding(
                    join_pointer(hc_base, kind, "endpoint"),
                    f"health check endpoint `{ref}` of container {label} {problem}",
                    help="Name an endpoint of this container; endpoint names "
                    f"{NAME_HELP.removeprefix('Use ')}.",
                )
        path = as_dict(hc.get("http")).get("path")
        if isinstance(path, str) and (problem := _length_problem(path)):
            yield Finding(
                join_pointer(hc_base, "http", "path"),
                f"health check path of container {label} {problem}",
                help="Use the URL path to probe, e.g. {0}, or leave `path` out.",
                snippets=(Snippet("/health", at=join_pointer(hc_base, "http", "path")),),
            )
        command = as_dict(as_dict(hc.get("exec")).get("command"))
        shell, argv = command.get("shell"), command.get("argv")
        if shell == "" or argv == []:
            key = "shell" if shell == "" else "argv"
            yield Finding(
                join_pointer(hc_base, "exec", "command", key),
                f"the exec health check command of container {label} is empty",
                help="Give the command to run.",
            )

    def _mounts_and_artifacts(self, c: dict[str, Any], base: str, label: str) -> Iterator[Finding]:
        for j, mount in enumerate(as_list(c.get("volumeMounts"))):
            if not isinstance(mount, dict):
                continue
            name, path = mount.get("name"), mount.get("mountPath")
            if isinstance(name, str) and (problem := _name_problem(name)):
                yield Finding(
                    join_pointer(base, "volumeMounts", j, "name"),
                    f"volume mount name `{name}` of container {label} {problem}",
                    help=f"Mount a volume whose name is valid: {NAME_HELP}.",
                )
            if isinstance(path, str) and (problem := _length_problem(path)):
                yield Finding(
                    join_pointer(base, "volumeMounts", j, "mountPath"),
                    f"mountPath of container {label} {problem}",
                    help="Give the path inside the container (relative paths are in the sandbox).",
                )
        for j, artifact in enumerate(as_list(c.get("artifacts"))):
            if not isinstance(artifact, dict):
                continue
            for key in ("uri", "destPath"):
                value = artifact.get(key)
                if isinstance(value, str) and (problem := _length_problem(value)):
                    yield Finding(
                        join_pointer(base, "artifacts", j, key),
                        f"artifact {key} of container {label} {problem}",
                        help=f"Give a non-empty `{key}` of at most {PATH_MAX} characters.",
                    )

    def _unreachable_strategy(self, pod: dict[str, Any]) -> Iterator[Finding]:
        # 1.4.0 and 1.4.1 read unreachableStrategy as an object only; "disabled" came in 1.4.2.
        value = as_dict(pod.get("scheduling")).get("unreachableStrategy")
        if isinstance(value, str):
            yield Finding(
                "/scheduling/unreachableStrategy",
                f'unreachableStrategy "{value}" is a string, but Marathon before 1.4.2 reads only '
                "the object form",
                help="Write the object form, e.g. {0}, or upgrade to Marathon 1.4.2 or newer "
                "for the string `disabled`.",
                snippets=(
                    Snippet(
                        {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600},
                        at="/scheduling/unreachableStrategy",
                    ),
                ),
            )

    def _volumes(self, pod: dict[str, Any]) -> Iterator[Finding]:
        for i, volume in enumerate(as_list(pod.get("volumes"))):
            if not isinstance(volume, dict):
                continue
            name = volume.get("name")
            if isinstance(name, str) and (problem := _name_problem(name)):
                yield Finding(
                    join_pointer("/volumes", i, "name"),
                    f"volume name `{name}` {problem}; Marathon 1.4 rejects it",
                    help=f"Rename the volume (and its mounts): {NAME_HELP}.",
                )
            if volume.get("host") == "" and present(volume, "host"):
                yield Finding(
                    join_pointer("/volumes", i, "host"),
                    f"host path of volume `{name}` must not be empty",
                    help="Give the agent path to mount, or remove `host` for an ephemeral volume.",
                )
