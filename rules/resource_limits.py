"""PL233: container resource limits must be ``unlimited`` or at least the request (R43–R45)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict, as_number, containers
from podlint_rules._pod_helpers import CONTAINER_DEFAULTS, marathon_number


class ResourceLimitInvalid(Rule):
    """A container's ``resourceLimits`` is not ``unlimited``, is below the request, or is not allowed.

    What it does
    ------------
    Marathon 1.10 lets a container burst above its ``resources`` up to ``resourceLimits.cpus`` and
    ``resourceLimits.mem``. The rule reports a string limit other than ``"unlimited"``, a
    numeric limit below the request (``resources``, with the defaults cpus 1.0 and mem 128 when
    absent), and any ``resourceLimits`` when the pod sets ``legacySharedCgroups: true``.
    Before 1.10 ``resourceLimits`` is not a field (the schema layer reports the unknown key).

    Why is this bad
    ---------------
    Marathon rejects the pod: ``'<v>' is an invalid resource limit. It must be 'unlimited' or a
    number``, ``resource limit must be greater than or equal to requested resource (<request>)``,
    ``resourceLimits cannot be defined if legacySharedCgroups is enabled`` (all containers then
    share one cgroup, which has no per-container limits).

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 1, "mem": 256},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"},
         "resourceLimits": {"cpus": 0.5, "mem": "unlimited"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {"name": "app", "resources": {"cpus": 1, "mem": 256},
         "image": {"kind": "DOCKER", "id": "registry.example.com/shop/app:1.4.2"},
         "resourceLimits": {"cpus": 2, "mem": "unlimited"}}
      ],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.10 answers `'<v>' is an invalid resource limit. It must be 'unlimited' or a number` at `/containers(<i>)/resourceLimits/cpus` ([AppValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/AppValidation.scala#L342-L358)).
    - Marathon 1.10 answers `resource limit must be greater than or equal to requested resource (<request>)` at `/containers(<i>)/resourceLimits/cpus` ([AppValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/AppValidation.scala#L342-L365)).
    - Marathon 1.10 answers `resourceLimits cannot be defined if legacySharedCgroups is enabled` at `/containers(<i>)/resourceLimits` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L169-L173)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml), [`podContainer.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/podContainer.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL233"
    name = "resource-limit-invalid"
    severity = Severity.ERROR
    summary = "Resource limits must be 'unlimited' or at least the request"
    marathon_rules = ("R43", "R44", "R45")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(10):
            return
        legacy_cgroups = pod.get("legacySharedCgroups") is True
        for ci, container in containers(pod):
            raw_limits = container.get("resourceLimits")
            if raw_limits is None:
                continue
            base = f"/containers/{ci}/resourceLimits"
            if legacy_cgroups:
                yield Finding(
                    base,
                    "resourceLimits cannot be used when the pod sets legacySharedCgroups: all "
                    "containers then share one cgroup, which has no per-container limits",
                    help="Remove `resourceLimits`, or remove {0} from the pod.",
                    snippets=(Snippet(True, "legacySharedCgroups"),),
                    fix=Fix("remove resourceLimits", "unsafe", (FixOp("remove", base),)),
                )
            limits = as_dict(raw_limits)
            resources = as_dict(container.get("resources"))
            for name in ("cpus", "mem"):
                limit = limits.get(name)
                pointer = f"{base}/{name}"
                if isinstance(limit, str):
                    if limit != "unlimited":
                        yield Finding(
                            pointer,
                            f"'{limit}' is not a valid {name} limit; it must be \"unlimited\" "
                            "or a number",
                            help="Write {0} (exactly, lower case) or a number.",
                            snippets=(Snippet("unlimited", at=pointer),),
                            fix=Fix(
                                'use "unlimited"',
                                "unsafe",
                                (FixOp("replace", pointer, "unlimited"),),
                            )
                            if limit.strip().lower() == "unlimited"
                            else None,
                        )
                    continue
                limit_value = as_number(limit)
                request_raw = resources.get(name)
                request_value = as_number(request_raw)
                if limit_value is None or (request_raw is not None and request_value is None):
                    continue
                if not (_finite(limit_value) and (request_value is None or _finite(request_value))):
                    continue  # NaN and infinities: the loader and the schema report them
                request = (
                    CONTAINER_DEFAULTS[name]
                    if request_value is None
                    else Decimal(str(request_value))
                )
                if Decimal(str(limit_value)) < request:
                    yield Finding(
                        pointer,
                        f"{name} limit {marathon_number(limit_value)} is below the requested "
                        f"{marathon_number(request)}; a limit must be greater than or equal to "
                        "the request",
                        help=f"Raise the limit to at least {marathon_number(request)}, or write {{0}}.",
                        snippets=(Snippet("unlimited", at=pointer),),
                    )


def _finite(value: float) -> bool:
    # An int is always finite (math.isfinite would raise OverflowError on a huge one).
    return isinstance(value, int) or math.isfinite(value)
