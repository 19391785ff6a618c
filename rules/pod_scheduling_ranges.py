"""PL204: scheduling numbers and ``scaling.instances`` out of range, as 1.4 checks them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_dict, as_number
from podlint_rules._pod_helpers import marathon_number

# (section, field, minimum, maximum, spec id, what it means)
_BOUNDS: tuple[tuple[str, str, float, float | None, str, str], ...] = (
    ("backoff", "backoff", 0.0, None, "R24", "the initial relaunch delay in seconds"),
    ("backoff", "backoffFactor", 0.0, None, "R25", "the back-off multiplier"),
    ("backoff", "maxLaunchDelay", 0.0, None, "R26", "the longest relaunch delay in seconds"),
    ("upgrade", "minimumHealthCapacity", 0.0, 1.0, "R27", "a fraction of the instances"),
    ("upgrade", "maximumOverCapacity", 0.0, 1.0, "R28", "a fraction of the instances"),
)


class PodSchedulingOutOfRange(Rule):
    """A back-off, upgrade or scaling number is outside its allowed range (Marathon 1.4).

    What it does
    ------------
    Checks ``scheduling.backoff.backoff``, ``backoffFactor`` and ``maxLaunchDelay`` (≥ 0),
    ``scheduling.upgrade.minimumHealthCapacity`` and ``maximumOverCapacity`` (0 … 1) and
    ``scaling.instances`` (≥ 0).

    From Marathon 1.5 on, the same bounds are RAML facets enforced while the JSON is read, so the
    schema layer reports them and this rule stays silent; only Marathon 1.4, whose reader enforces no
    facets, relies on these hand-written checks.

    Why is this bad
    ---------------
    Marathon rejects the definition (``got -1.0, expected 0.0 or more``).

    Example
    -------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"upgrade": {"minimumHealthCapacity": 1.5}}
    }
    ```

    Use instead
    -----------
    With `cluster: {marathon_version: "1.4"}` in `.podlint.yaml`:

    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"upgrade": {"minimumHealthCapacity": 1.0}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more` at `/scheduling/backoff/backoff` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L30-L34)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more` at `/scheduling/backoff/backoffFactor` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L30-L34)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more` at `/scheduling/backoff/maxLaunchDelay` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L30-L34)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more (or 1.0 or less)` at `/scheduling/upgrade/minimumHealthCapacity` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L36-L41)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0.0 or more (or 1.0 or less)` at `/scheduling/upgrade/maximumOverCapacity` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L36-L41)).
    - Marathon 1.4–1.10 answers `got <v>, expected 0 or more` at `/scaling/instances` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L181-L191)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL204"
    name = "pod-scheduling-out-of-range"
    severity = Severity.ERROR
    summary = "Back-off, upgrade and instance numbers must be within range (1.4)"
    marathon_rules = ("R24", "R25", "R26", "R27", "R28", "R31")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.version.at_least(5):
            return  # parse-time facets: the schema layer's findings
        scheduling = as_dict(pod.get("scheduling"))
        for section, field, low, high, _rid, meaning in _BOUNDS:
            value = as_number(as_dict(scheduling.get(section)).get(field))
            if value is None:
                continue
            pointer = f"/scheduling/{section}/{field}"
            if value < low:
                yield Finding(
                    pointer,
                    f"{field} is {marathon_number(value)} but must be {marathon_number(low)} or "
                    f"more ({meaning}); Marathon rejects the pod",
                    help=f"Set `{field}` to at least {marathon_number(low)}.",
                )
            elif high is not None and value > high:
                yield Finding(
                    pointer,
                    f"{field} is {marathon_number(value)} but must be between "
                    f"{marathon_number(low)} and {marathon_number(high)} ({meaning}); Marathon "
                    "rejects the pod",
                    help=f"Use a fraction such as 0.5 (at most {marathon_number(high)}).",
                )
        instances = as_number(as_dict(pod.get("scaling")).get("instances"))
        if instances is not None and instances < 0:
            yield Finding(
                "/scaling/instances",
                f"scaling.instances is {instances:g}; the number of instances must be 0 or more",
                help="Use 0 to stop the pod, or a positive number of instances.",
            )
