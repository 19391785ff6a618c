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
    ``container`` networks (R22, Marathon 1.5+; an empty or omitted list is accepted).

    Marathon 1.4 is stricter (P4): the list must be a single ``host`` network or one or more
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
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128}}],
      "networks": [{"mode": "host"}, {"mode": "container", "name": "dcos"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128}}],
      "networks": [{"mode": "container", "name": "dcos"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    R22 (spec §4.1), P4 (§4.6, Marathon 1.4); F10, F40; §5 (omitted networks are stored empty in
    1.5+).
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
            yield Finding(
                "/networks",
                f"Marathon 1.4 needs either a single host network or 1-to-n container networks "
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
