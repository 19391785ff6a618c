"""Rule PL509 ``pod-id-pattern``: pod ids follow the organisation's naming scheme (policy)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule, as_str

# Default: the pod lives in a group (`/team/app`), lower-case words and dashes.
DEFAULT_PATTERN = r"/[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+"


@dataclass(frozen=True)
class PodIdPatternOptions:
    # A regular expression (Python syntax) the whole absolute pod id must match.
    pattern: str = DEFAULT_PATTERN

    def __post_init__(self) -> None:
        # Validated here, so a broken pattern is a configuration error (exit 2), not a crash later.
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(
                f"pattern {self.pattern!r} is not a valid regular expression: {exc}"
            ) from None


class PodIdPattern(Rule):
    """The pod id does not follow the organisation's naming scheme (policy).

    What it does
    ------------
    Reports a pod `id` that does not fully match the configured regular expression. The id is matched
    in its absolute form: a relative id such as `web` is matched as `/web`, which is what Marathon
    makes of it. The default pattern asks for a pod inside a group, in lower-case words and dashes
    (`/team/app`).

    Why is this bad
    ---------------
    Marathon accepts any valid path. Organisations derive ownership, quotas, ACLs and DNS names from
    the group part of the id; a pod at the top level or in the wrong group escapes all of them.

    Example
    -------
    ```json
    {
      "id": "/web",
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
      "containers": [{"name": "web", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    `pattern` (regular expression, default `/[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+`): what the
    whole id must match. It is checked when the configuration is read.

    ```yaml
    rules:
      pod-id-pattern:
        pattern: "/(shop|payments|search)/[a-z0-9-]+"
    ```

    References
    ----------
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL509"
    name = "pod-id-pattern"
    severity = Severity.ERROR
    summary = "The pod id does not follow the naming scheme"
    policy = True
    options = PodIdPatternOptions

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pod_id = as_str(pod.get("id"))
        if pod_id is None or not pod_id:
            return  # a missing or empty id is the schema layer's finding
        pattern: str = ctx.options.pattern
        absolute = pod_id if pod_id.startswith("/") else "/" + pod_id
        if re.fullmatch(pattern, absolute):
            return
        shown = f'"{pod_id}"' + (f" (that is {absolute})" if absolute != pod_id else "")
        yield Finding(
            "/id",
            f"the pod id {shown} does not match this organisation's naming pattern {pattern}",
            help="Rename the pod so that its whole id matches the pattern.",
        )
