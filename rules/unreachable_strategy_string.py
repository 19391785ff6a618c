"""Rule PL402 ``unreachable-strategy-string``: any string as ``unreachableStrategy`` means disabled
(§10.4)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict


class UnreachableStrategyString(Rule):
    """`scheduling.unreachableStrategy` is a string other than `"disabled"`.

    What it does
    ------------
    Reports a string `unreachableStrategy` that is not `disabled` (for example `"enabled"`), with an
    unsafe fix that writes `"disabled"`, which is what Marathon does with it. Applies from Marathon
    1.4.2, which accepts the string form; earlier versions reject strings while reading the JSON.

    Why is this bad
    ---------------
    Marathon accepts the pod but reads **any** string as `disabled`: instances on an agent that
    becomes unreachable are never replaced. Someone who writes `"enabled"` wants the opposite. To
    keep the strategy enabled, use the object form (or leave the key out for the defaults).

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "scheduling": {"unreachableStrategy": "enabled"},
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./serve"}}}
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "scheduling": {
        "unreachableStrategy": {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600}
      },
      "containers": [
        {"name": "app", "resources": {"cpus": 0.1, "mem": 32},
         "exec": {"command": {"shell": "./serve"}}}
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`unreachableStrategy.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/unreachableStrategy.raml).
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    - Marathon reads any string as `"disabled"`: [UnreachableStrategyConversion.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/raml/UnreachableStrategyConversion.scala).
    """

    code = "PL402"
    name = "unreachable-strategy-string"
    severity = Severity.WARNING
    summary = "Any string as unreachableStrategy means disabled"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not ctx.version.at_least(4, 2):
            return
        value = as_dict(pod.get("scheduling")).get("unreachableStrategy")
        if not isinstance(value, str) or value == "disabled":
            return
        pointer = "/scheduling/unreachableStrategy"
        yield Finding(
            pointer,
            f'unreachableStrategy "{value}" is read as "disabled": Marathon treats any string as '
            "disabled, so instances on unreachable agents are never replaced",
            help="Write {0} if that is meant; to replace lost instances use the object form, "
            "e.g. {1}, or leave the key out.",
            snippets=(
                Snippet("disabled", at=pointer),
                Snippet({"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600}, at=pointer),
            ),
            fix=Fix(
                description='Write "disabled" (what Marathon does)',
                applicability="unsafe",
                ops=(FixOp("replace", pointer, "disabled"),),
            ),
        )
