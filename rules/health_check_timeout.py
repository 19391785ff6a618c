"""Rule PL317 ``health-check-timeout``: a health check's timeout must be shorter than its interval,
defaults included (R55, §10.6)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, Snippet, join_pointer
from podlint.rule import Context, Rule, containers

from ._common import container_label
from ._container_helpers import HEALTH_CHECK_DEFAULTS, as_int, health_check


class HealthCheckTimeout(Rule):
    """A health check's `timeoutSeconds` is not less than its `intervalSeconds`, defaults included.

    What it does
    ------------
    Compares `timeoutSeconds` with `intervalSeconds` after filling Marathon's defaults (timeout 20,
    interval 60) and reports the pair when the timeout is not strictly shorter. The message says
    which value is a default: the common surprise is a short interval such as `"intervalSeconds": 10`
    with the default timeout of 20. The finding is at `timeoutSeconds`, where Marathon reports it,
    even when that key is left out (the position is then the health check).

    Negative values are reported by the schema (1.5+, where Marathon rejects them while reading the
    JSON) and by `legacy-field-constraints` (1.4); this rule does not compare them on 1.5+.

    Why is this bad
    ---------------
    Marathon rejects the pod (`got <timeout>, expected less than <interval>`): a probe may not still
    be running when the next one is due.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "hostPort": 0}],
          "healthCheck": {"http": {"endpoint": "http", "path": "/"}, "intervalSeconds": 10}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "app",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "endpoints": [{"name": "http", "hostPort": 0}],
          "healthCheck": {"http": {"endpoint": "http", "path": "/"}, "intervalSeconds": 10,
                          "timeoutSeconds": 5}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `got <timeout>, expected less than <interval>` at `/containers(<i>)/healthCheck/timeoutSeconds` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L76)).
    - The fields in Marathon's API types: [`healthCheck.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/healthCheck.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work), [Defaults Marathon fills in](https://github.com/podlint/podlint/blob/main/docs/marathon.md#defaults-marathon-fills-in).
    """

    code = "PL317"
    name = "health-check-timeout"
    severity = Severity.ERROR
    summary = "A health check's timeout must be shorter than its interval (defaults 20 and 60)"
    marathon_rules = ("R55",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            hc = health_check(c)
            if hc is None:
                continue
            timeout, timeout_given = _read(hc, "timeoutSeconds")
            interval, interval_given = _read(hc, "intervalSeconds")
            if timeout is None or interval is None or timeout < interval:
                continue
            if ctx.version.at_least(5) and (timeout < 0 or interval < 0):
                continue  # rejected while parsing on 1.5+; the schema reports it
            base = join_pointer("/containers", i, "healthCheck")
            # Marathon reports at `timeoutSeconds` even when it is the default; so does the pointer
            # (the position then falls on the health check that lacks it).
            pointer = join_pointer(base, "timeoutSeconds")
            t_text = f"timeoutSeconds {timeout}" + ("" if timeout_given else " (the default)")
            i_text = f"intervalSeconds {interval}" + ("" if interval_given else " (the default)")
            snippets: tuple[Snippet, ...] = ()
            if timeout_given:
                help_ = (
                    f"Set `timeoutSeconds` below {interval}, or `intervalSeconds` above {timeout}."
                )
            elif interval > 1:
                help_ = (
                    f"Set `intervalSeconds` above {timeout}, or add a `timeoutSeconds` below "
                    f"{interval}, e.g. {{0}}."
                )
                snippets = (Snippet(max(interval // 2, 1), "timeoutSeconds", at=base),)
            else:
                help_ = f"Set `intervalSeconds` above {timeout}."
            yield Finding(
                pointer,
                f"the health check of container {container_label(i, c)} has {t_text}, which is "
                f"not less than {i_text}; Marathon requires the timeout to be shorter than the "
                "interval",
                help=help_,
                snippets=snippets,
            )


def _read(hc: dict[str, Any], key: str) -> tuple[int | None, bool]:
    """The value Marathon uses for ``key`` and whether the pod sets it (None: unreadable)."""
    raw = hc.get(key)
    if raw is None:
        return HEALTH_CHECK_DEFAULTS[key], False
    return as_int(raw), True
