"""Rule PL404 ``gpus-without-gpu-feature``: GPUs requested while the cluster does not offer them
(§10.7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_dict, as_number, containers

from ._common import container_label


class GpusWithoutGpuFeature(Rule):
    """A container asks for GPUs but the profile does not enable the `gpu_resources` feature.

    What it does
    ------------
    Reports `containers[].resources.gpus` above 0 unless the cluster profile's `features` include
    `gpu_resources` (Marathon's `--enable_features gpu_resources`).

    Why is this bad
    ---------------
    Marathon accepts the pod (it checks the feature for apps only), but without the feature it does
    not register for GPU resources with Mesos, so it never receives an offer with GPUs and the pod
    waits forever to launch. This is a warning rather than an error because the profile may simply
    not list the feature; add `gpu_resources` to the profile to silence it.

    Example
    -------
    ```json
    {
      "id": "/train",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "trainer",
          "resources": {"cpus": 4, "mem": 8192, "gpus": 1},
          "image": {"kind": "DOCKER", "id": "tensorflow/tensorflow:2.15.0-gpu"}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/train",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "trainer",
          "resources": {"cpus": 4, "mem": 8192},
          "image": {"kind": "DOCKER", "id": "tensorflow/tensorflow:2.15.0"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`resources.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/resources.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Cluster settings that change the verdict](https://github.com/podlint/podlint/blob/main/docs/marathon.md#cluster-settings-that-change-the-verdict).
    - Without `--enable_features gpu_resources` Marathon does not ask Mesos for GPUs, and pods are not checked for it: [Features.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/Features.scala).
    """

    code = "PL404"
    name = "gpus-without-gpu-feature"
    severity = Severity.WARNING
    summary = "GPUs requested but the gpu_resources feature is not enabled"
    settings = ("features",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.profile.has_feature("gpu_resources"):
            return
        for i, c in containers(pod):
            gpus = as_number(as_dict(c.get("resources")).get("gpus"))
            if gpus is not None and gpus > 0:
                yield Finding(
                    join_pointer("/containers", i, "resources", "gpus"),
                    f"container {container_label(i, c)} asks for {gpus:g} GPU(s), but the "
                    "gpu_resources feature is not enabled: Marathon accepts the pod but never "
                    "gets GPU offers, so it cannot launch",
                    help="Enable `--enable_features gpu_resources` on Marathon (and add "
                    "`gpu_resources` to the profile's `features`), or remove `gpus`.",
                )
