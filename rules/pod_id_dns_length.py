"""PL202: pod ids longer than Mesos-DNS can turn into SRV records (spec §10.17)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_str
from podlint_rules._pod_helpers import id_segments


@dataclass(frozen=True)
class DnsLengthOptions:
    # Mesos-DNS appends 9 characters to the name and a DNS label holds 63 (DOC/pods).
    max_length: int = 54


class PodIdDnsLength(Rule):
    """The pod id is too long for Mesos-DNS service records.

    What it does
    ------------
    Warns when the pod's name as Mesos-DNS sees it (the id's segments joined by ``-``, e.g.
    ``/shop/backend/api`` becomes ``api-backend-shop``) is longer than 54 characters.

    Why is this bad
    ---------------
    Marathon accepts any length, but Mesos-DNS appends 9 characters to build SRV records and a DNS
    label holds at most 63; longer names get no SRV record, so service discovery for the pod silently
    fails (the pods documentation's "Service name length limitations").

    Example
    -------
    ```json
    {
      "id": "/analytics/ingestion-pipeline-with-a-very-long-descriptive-name",
      "containers": [{"name": "worker", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "registry.example.com/shop/worker:1.4.2"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/analytics/ingestion",
      "containers": [{"name": "worker", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "registry.example.com/shop/worker:1.4.2"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    ``max_length`` (int, default 54): the longest name that still fits an SRV record.

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    - Marathon's pods documentation, "Service name length limitations": [pods.md](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/pods.md).
    """

    code = "PL202"
    name = "pod-id-dns-length"
    severity = Severity.WARNING
    summary = "Pod names longer than 54 characters get no Mesos-DNS SRV record"
    marathon_rules = ()
    options = DnsLengthOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pod_id = as_str(pod.get("id"))
        if pod_id is None:
            return
        dns_name = "-".join(reversed(id_segments(pod_id)))
        limit = ctx.options.max_length
        if len(dns_name) > limit:
            yield Finding(
                "/id",
                f'the Mesos-DNS name of this pod, "{dns_name}", is {len(dns_name)} characters '
                f"long; Mesos-DNS appends 9 more and a DNS label holds 63, so above {limit} the pod "
                "gets no SRV record",
                help=f"Shorten the id's segments to {limit} characters in total (with the dashes "
                "between them).",
            )
