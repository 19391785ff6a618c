"""Rule PL501 ``required-labels``: the organisation requires these pod labels (policy)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet
from podlint.rule import Context, Rule
from podlint_rules._policy_helpers import to_tuple


@dataclass(frozen=True)
class RequiredLabelsOptions:
    # Label keys every pod must carry.
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", to_tuple(self.labels))
        for label in self.labels:
            if not isinstance(label, str) or not label:
                raise ValueError(f"labels must be non-empty strings, got {label!r}")


class RequiredLabels(Rule):
    """The pod lacks a label the organisation requires (policy, off until configured).

    What it does
    ------------
    Reports a pod whose `labels` lack one of the configured keys, naming every missing one. The finding
    sits on `labels`, or on the whole pod when it has no labels at all. A label with an empty value
    counts as present.

    Why is this bad
    ---------------
    Marathon accepts any labels, but organisations route alerts, charge costs and find owners through
    labels such as `team` or `cost-center`. A pod without them is an orphan nobody is paged for.

    Example
    -------
    ```json
    {
      "id": "/shop/web",
      "labels": {"team": "shop"},
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
      "labels": {"team": "shop", "cost-center": "cc-1234"},
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `labels` (list of strings, default empty): the label keys every pod must have.

    ```yaml
    rules:
      required-labels:
        labels: [team, cost-center]
    ```

    References
    ----------
    - The fields in Marathon's API types: [`label.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/label.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading).
    """

    code = "PL501"
    name = "required-labels"
    severity = Severity.ERROR
    summary = "The pod lacks a label the organisation requires"
    policy = True
    # A pod without any labels lacks them as a whole.
    whole_document = True
    options = RequiredLabelsOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        required: tuple[str, ...] = ctx.options.labels
        if not required:
            return
        labels = pod.get("labels")
        wanted = ", ".join(f'"{label}"' for label in required)
        wanted_code = ", ".join(f"`{label}`" for label in required)
        if labels is None:
            yield Finding(
                "",
                f"the pod has no labels; this organisation requires {wanted} on every pod",
                help=f"Add `labels` with {wanted_code}, e.g. {{0}}.",
                snippets=(Snippet({required[0]: "…"}, "labels", at=""),),
            )
            return
        if not isinstance(labels, dict):
            return  # the schema layer reports a wrong type
        missing = [label for label in required if label not in labels]
        if not missing:
            return
        names = ", ".join(f'"{label}"' for label in missing)
        missing_code = ", ".join(f"`{label}`" for label in missing)
        plural = "s" if len(missing) > 1 else ""
        yield Finding(
            "/labels",
            f"the pod's labels lack the required label{plural} {names} "
            f"(this organisation requires {wanted})",
            help=f"Add {missing_code} to the pod's `labels`.",
            target="key",
        )
