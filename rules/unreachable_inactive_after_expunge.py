"""Rule PL403 ``unreachable-inactive-after-expunge``: instances expunged before they are replaced
(§10.5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_dict

from ._container_helpers import as_int


class UnreachableInactiveAfterExpunge(Rule):
    """`inactiveAfterSeconds` is greater than `expungeAfterSeconds`.

    What it does
    ------------
    Compares the two times of an object `scheduling.unreachableStrategy`, filling a missing one with
    the version's default (0 from 1.4.9 and 1.5.1; 300 and 600 before).

    Why is this bad
    ---------------
    Marathon accepts it for pods (it rejects the same setting for apps): an unreachable instance is
    expunged before it is ever marked inactive and replaced, which is not what either number says.
    The documentation asks for `expungeAfterSeconds` ≥ `inactiveAfterSeconds`.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "scheduling": {
        "unreachableStrategy": {"inactiveAfterSeconds": 900, "expungeAfterSeconds": 300}
      },
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
        "unreachableStrategy": {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 900}
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
    - How Marathon validates a pod: [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL403"
    name = "unreachable-inactive-after-expunge"
    severity = Severity.WARNING
    summary = "inactiveAfterSeconds is greater than expungeAfterSeconds"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        strategy = as_dict(pod.get("scheduling")).get("unreachableStrategy")
        if not isinstance(strategy, dict):
            return
        v = ctx.version
        zero_defaults = v.at_least(5, 1) or (v.line == "1.4" and v.at_least(4, 9))
        defaults = (0, 0) if zero_defaults else (300, 600)
        inactive_raw, expunge_raw = (
            strategy.get("inactiveAfterSeconds"),
            strategy.get("expungeAfterSeconds"),
        )
        inactive = defaults[0] if inactive_raw is None else as_int(inactive_raw)
        expunge = defaults[1] if expunge_raw is None else as_int(expunge_raw)
        if inactive is None or expunge is None or inactive <= expunge:
            return
        given = "expungeAfterSeconds" if expunge_raw is not None else "inactiveAfterSeconds"
        shown_expunge = f"{expunge} s" + ("" if expunge_raw is not None else " (the default)")
        shown_inactive = f"{inactive} s" + ("" if inactive_raw is not None else " (the default)")
        yield Finding(
            f"/scheduling/unreachableStrategy/{given}",
            f"unreachable instances are expunged after {shown_expunge}, before they are "
            f"replaced after inactiveAfterSeconds {shown_inactive}",
            help="Make `expungeAfterSeconds` at least `inactiveAfterSeconds`.",
        )
