"""PL222: container networks must exist on the cluster the profile describes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint_rules._pod_helpers import did_you_mean, networks, quoted_list


class NetworkNotOnCluster(Rule):
    """A container network names a virtual network the cluster does not have.

    What it does
    ------------
    When the profile lists the cluster's virtual networks (``networks``), checks that every
    ``container`` network's ``name`` — or, for an unnamed one, the profile's
    ``default_network_name`` that Marathon fills in — is one of them, with a did-you-mean. Without a
    ``networks`` list the rule does nothing.

    Why is this bad
    ---------------
    Marathon accepts any name, but the agent cannot attach the pod to a network that does not
    exist: every launch fails and the deployment never finishes.

    Example
    -------
    With ``networks: [dcos, calico]`` in the profile:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "endpoints": [{"name": "http", "containerPort": 80}]}
      ],
      "networks": [{"mode": "container", "name": "dcoss"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
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
    F39 (``networks[].name``); §6.5; §8 (``--default_network_name``); R23 for unnamed networks.
    """

    code = "PL222"
    name = "network-not-on-cluster"
    severity = Severity.ERROR
    summary = "Container networks must exist on the cluster"
    marathon_rules = ()
    settings = ("networks", "default_network_name")
    example_profile = {"networks": ["dcos", "calico"]}

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        known = ctx.profile.networks
        if known is None:
            return
        listing = quoted_list(known)
        default_name = ctx.profile.default_network_name
        for i, net, mode in networks(pod):
            if mode != "container":
                continue
            name = net.get("name")
            if isinstance(name, str):
                if name not in known:
                    yield Finding(
                        f"/networks/{i}/name",
                        f'network "{name}" does not exist on the cluster{did_you_mean(name, known)}; '
                        f"the pod could not be attached to it and would never start (networks on "
                        f"the cluster: {listing})",
                        help="Use one of the cluster's networks, or add this one to the profile's "
                        "`networks` if it exists.",
                    )
            elif name is None and default_name and default_name not in known:
                yield Finding(
                    f"/networks/{i}",
                    f'this unnamed container network gets Marathon\'s default network "{default_name}", '
                    f"which does not exist on the cluster (networks on the cluster: {listing})",
                    help="Name the network explicitly, or correct `default_network_name` in the profile.",
                )
