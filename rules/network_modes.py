"""PL220: the pod's networks must be one host, one bridge, or only container networks (R22, P4)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet
from podlint.rule import Context, Rule, as_list
from podlint_rules._pod_helpers import networks


class NetworkModeMix(Rule):
    """The pod's ``networks`` mix modes or repeat a host or bridge network.

    What it does
    ------------
    All containers of a pod share one network namespace, so the ``networks`` list must be exactly
    one of: a single ``host`` network, a single ``container/bridge`` network, or one or more
    ``container`` networks (Marathon 1.5+; an empty or omitted list is accepted).

    Marathon 1.4 is stricter: the list must be a single ``host`` network or one or more
    ``container`` networks, and an **empty or omitted** ``networks`` is rejected.

    Why is this bad
    ---------------
    Marathon rejects the pod: ``May specify a single host network, single bridge network, or else
    1-to-n container networks`` (1.4: ``Must specify either a single host network, or else 1-to-n
    container networks``).

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}, {"mode": "container", "name": "dcos"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "container", "name": "dcos"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.5–1.10 answers `May specify a single host network, single bridge network, or else 1-to-n container networks` at `/networks` ([NetworkValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/NetworkValidation.scala#L31-L39)).
    - Marathon 1.4 answers `Must specify either a single host network, or else 1-to-n container networks` at `/networks` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L48-L66)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL220"
    name = "network-mode-mix"
    severity = Severity.ERROR
    summary = "Networks must be one host, one bridge, or only container networks"
    marathon_rules = ("R22", "P4")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        raw = pod.get("networks")
        if raw is not None and not isinstance(raw, list):
            return
        entries = list(networks(pod))
        if len(entries) != len(as_list(raw)) or any(mode is None for _, _, mode in entries):
            return  # an entry the schema layer rejects: its mode cannot be judged
        modes = Counter(mode for _, _, mode in entries)
        summary = ", ".join(f"{n} {m}" for m, n in sorted(modes.items())) or "none"
        if not ctx.version.at_least(5):
            if "container/bridge" in modes:
                return  # not a 1.4 mode: rejected while the JSON is read (the schema layer's)
            if modes == Counter(host=1) or (modes and set(modes) == {"container"}):
                return
            # Marathon reports at /networks; an omitted list is underlined at the containers
            # that need a network, not at the document's opening brace.
            yield Finding(
                "/networks",
                where=None if "networks" in pod else "/containers",
                target="value" if "networks" in pod else "key",
                message=f"Marathon 1.4 needs either a single host network or 1-to-n container networks "
                f"(this pod has: {summary}); an empty or omitted networks list is rejected too",
                help="Add {0} for host networking, or list the container networks to join.",
                snippets=(Snippet([{"mode": "host"}], "networks", at=""),),
            )
            return
        if len(modes) <= 1 and (
            modes.get("host", 0) <= 1 and modes.get("container/bridge", 0) <= 1
        ):
            return
        yield Finding(
            "/networks",
            "a pod's containers share one network namespace, so networks may be a single host "
            "network, a single container/bridge network, or else 1-to-n container networks "
            f"(this pod has: {summary})",
            help="Keep only the networks of one mode (one host, one bridge, or container networks).",
        )
