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
    With `cluster: {networks: [dcos, calico]}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
         "image": {"kind": "DOCKER", "id": "nginx:1.25"},
         "endpoints": [{"name": "http", "containerPort": 80}]}
      ],
      "networks": [{"mode": "container", "name": "dcoss"}]
    }
    ```

    Use instead
    -----------
    With `cluster: {networks: [dcos, calico]}` in `.podlint.yaml`:

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
    - The fields in Marathon's API types: [`network.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/network.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    """

    code = "PL222"
    name = "network-not-on-cluster"
    severity = Severity.ERROR
    summary = "Container networks must exist on the cluster"
    marathon_rules = ()
    settings = ("networks", "default_network_name")

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
