"""PL221: network names — required for container networks, forbidden elsewhere, unique (R19–R21, R23)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict
from podlint_rules._common import NAME_RE
from podlint_rules._pod_helpers import networks


class NetworkNameInvalid(Rule):
    """A network's name is missing, repeated, not allowed for its mode, or (1.4) malformed.

    What it does
    ------------
    - A ``container`` network without ``name`` is an error unless the profile sets
      ``default_network_name`` (Marathon's ``--default_network_name``), which Marathon then fills
      in (a name still missing after defaulting ends in an HTTP 500).
    - A ``host`` network may have neither ``name`` nor ``labels``; a ``container/bridge``
      network may not have a ``name`` (1.5+).
    - At most one unnamed container network, and no name twice.
    - Marathon 1.4 checks names against the container-name pattern (no underscores, 1–63
      characters). From 1.5 on the name pattern is a parse-time facet, reported by the schema layer.

    Whether a named network exists on the cluster is ``network-not-on-cluster``'s concern.

    Why is this bad
    ---------------
    Marathon rejects the pod: ``Network name must be specified when container network is
    selected.``, ``Host networks may not have names or labels``, ``Bridge networks may not have
    names``, ``Duplicate networks are not allowed``.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"},
         "endpoints": [{"name": "http", "containerPort": 80}]}
      ],
      "networks": [{"mode": "container"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"},
         "endpoints": [{"name": "http", "containerPort": 80}]}
      ],
      "networks": [{"mode": "container", "name": "dcos"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `Host networks may not have names or labels` at `/networks` ([NetworkValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/NetworkValidation.scala#L15-L20)).
    - Marathon 1.5–1.10 answers `Bridge networks may not have names` at `/networks` ([NetworkValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/NetworkValidation.scala#L21-L25)).
    - Marathon 1.4–1.10 answers `Duplicate networks are not allowed` at `/networks` ([NetworkValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/NetworkValidation.scala#L26-L30)).
    - Marathon 1.5–1.10 answers `Network name must be specified when container network is selected.` at `/networks` ([NetworkValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/NetworkValidation.scala#L64-L67)).
    - Marathon 1.4–1.10 answers `container network name is not defined (HTTP 500)` ([NetworkNormalization.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/NetworkNormalization.scala#L33-L37)).
    - Marathon 1.4 answers `must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'` at `/networks(<i>)/name` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L44-L46)).
    - Marathon 1.4 answers `container network must specify a name` at `/networks` ([NetworkConversion.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/raml/NetworkConversion.scala#L13-L16)).
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL221"
    name = "network-name-invalid"
    severity = Severity.ERROR
    summary = "Container networks need a name; host and bridge networks may not have one"
    marathon_rules = ("R19", "R20", "R21", "R23", "R87", "P3", "P10")
    settings = ("default_network_name", "marathon_version")

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        legacy = not ctx.version.at_least(5)
        default_name = ctx.profile.default_network_name
        unnamed_seen = False
        names_seen: dict[str, int] = {}
        for i, net, mode in networks(pod):
            base = f"/networks/{i}"
            raw_name = net.get("name")
            name = raw_name if isinstance(raw_name, str) else None
            if mode == "host":
                if raw_name is not None:
                    yield Finding(
                        f"{base}/name",
                        f'host network has the name "{raw_name}"; host networking joins the '
                        "agent's own network, so Marathon rejects names and labels on it",
                        help="Remove `name`, or use {0} to join a virtual network.",
                        snippets=(Snippet("container", "mode", at=base),),
                        fix=Fix('remove "name"', "unsafe", (FixOp("remove", f"{base}/name"),)),
                    )
                if as_dict(net.get("labels")):
                    yield Finding(
                        f"{base}/labels",
                        "host network has labels; host networking joins the agent's own network, "
                        "so Marathon rejects names and labels on it",
                        help="Remove `labels`, or use a container network.",
                        fix=Fix('remove "labels"', "unsafe", (FixOp("remove", f"{base}/labels"),)),
                    )
            elif mode == "container/bridge":
                if raw_name is not None and not legacy:
                    yield Finding(
                        f"{base}/name",
                        f'bridge network has the name "{raw_name}"; the bridge is the agent\'s '
                        "single default bridge, so Marathon rejects a name on it",
                        help="Remove `name`, or use {0} to join a named network.",
                        snippets=(Snippet("container", "mode", at=base),),
                        fix=Fix('remove "name"', "unsafe", (FixOp("remove", f"{base}/name"),)),
                    )
            elif mode == "container" and raw_name is None:
                if unnamed_seen:
                    yield Finding(
                        base,
                        "a second container network without a name: both would get the default "
                        "network, and Marathon rejects duplicate networks",
                        help="Name each container network.",
                    )
                unnamed_seen = True
                if not default_name:
                    yield Finding(
                        base,
                        "this container network has no name and no default network name is "
                        "configured, so Marathon cannot tell which virtual network to join "
                        + (
                            "(container network must specify a name)"
                            if legacy
                            else "(Network name must be specified when container network is "
                            "selected)"
                        ),
                        help="Add a network name, e.g. {0}, or set `default_network_name` in the "
                        "profile if Marathon runs with `--default_network_name`.",
                        snippets=(Snippet("dcos", "name", at=base),),
                    )
            if name is None:
                continue
            if name in names_seen:
                yield Finding(
                    f"{base}/name",
                    f'network "{name}" is listed twice (first at /networks/{names_seen[name]}); '
                    "Marathon rejects duplicate networks",
                    help="Remove the repeated network.",
                    fix=Fix("remove the repeated network", "unsafe", (FixOp("remove", base),)),
                )
            else:
                names_seen[name] = i
            if legacy and mode == "container" and not (len(name) <= 63 and NAME_RE.fullmatch(name)):
                yield Finding(
                    f"{base}/name",
                    f'network name "{name}" is not valid in Marathon 1.4: names are 1-63 '
                    "lower-case letters, digits and '-', starting and ending with a letter or "
                    "digit (underscores are allowed only from 1.5)",
                    help="Rename the network, or target Marathon 1.5 or newer.",
                )
