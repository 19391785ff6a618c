"""Rule PL510 ``allowed-network-modes``: only the organisation's network modes (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule
from podlint_rules._pod_helpers import networks
from podlint_rules._policy_helpers import to_tuple

MODES = ("container", "container/bridge", "host")


@dataclass(frozen=True)
class AllowedNetworkModesOptions:
    # Network modes pods may use: any of container, container/bridge, host.
    modes: tuple[str, ...] = ("container", "container/bridge")

    def __post_init__(self) -> None:
        modes = to_tuple(self.modes)
        for mode in modes:
            if not isinstance(mode, str) or mode.lower() not in MODES:
                raise ValueError(f"modes must be among {', '.join(MODES)}, got {mode!r}")
        object.__setattr__(self, "modes", tuple(m.lower() for m in modes))


class AllowedNetworkModes(Rule):
    """A pod network uses a mode the organisation does not allow (policy).

    What it does
    ------------
    Reports each `networks[]` entry whose mode is not in the configured list. A network without `mode`
    is a `container` network. The default allows `container` and `container/bridge`, that
    is, no host networking.

    Why is this bad
    ---------------
    Marathon accepts all three modes. In `host` mode the pod shares the agent's network stack: its
    ports collide with other tasks, it bypasses the overlay network's policies, and it can reach
    services bound to the agent's loopback.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/shop/web",
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "container", "name": "dcos"}]
    }
    ```

    Options
    -------
    `modes` (list, default `[container, container/bridge]`): the allowed modes.

    ```yaml
    rules:
      allowed-network-modes:
        modes: [container]
    ```

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL510"
    name = "allowed-network-modes"
    severity = Severity.ERROR
    summary = "A pod network uses a mode that is not allowed"
    policy = True
    options = AllowedNetworkModesOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        allowed: tuple[str, ...] = ctx.options.modes
        for i, network, mode in networks(pod):
            if mode is None or mode in allowed:
                continue  # an unreadable mode is the schema layer's finding
            written = "mode" in network and network.get("mode") is not None
            shown = f'"{network.get("mode")}"' if written else "container (the default)"
            yield Finding(
                join_pointer("/networks", i, "mode"),
                f"network #{i + 1} uses mode {shown}; this organisation allows only "
                f"{', '.join(allowed) or 'no network mode'}",
                help=f"Use a {' or '.join(allowed)} network." if allowed else "Remove the network.",
            )
