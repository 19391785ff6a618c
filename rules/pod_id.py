"""PL201: the pod id must be an absolute, well-formed path that names a pod (R1–R5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_str
from podlint_rules._pod_helpers import ID_SCHEMA_RE, ID_SEGMENT_RE, id_segments

_RESERVED = ("restart", "tasks", "versions", ".", "..")


class PodIdInvalid(Rule):
    """The pod ``id`` is not an absolute path of valid segments.

    What it does
    ------------
    Checks the pod ``id`` the way Marathon's path validation does: it must start with ``/``,
    have at least one segment, every segment must be a DNS-like label, no segment may be
    ``.`` or ``..``, and the last segment must not be one of the reserved words ``restart``,
    ``tasks`` or ``versions``.

    From Marathon 1.5 on the id is also matched against a pattern while the JSON is read; an id that
    fails that pattern is the schema layer's finding, and this rule stays silent about it. In 1.4 the
    pattern is not enforced, so this rule reports malformed segments itself.

    Why is this bad
    ---------------
    Marathon rejects the definition (HTTP 422, ``Path needs to be absolute``, ``must not end with any
    of the following reserved keywords…`` and so on). Relative ids are a common leftover of early pod
    drafts.

    Example
    -------
    ```json
    {
      "id": "web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'` at `/id` ([PathId.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/PathId.scala#L212-L217)).
    - Marathon 1.4–1.10 answers `must not end with any of the following reserved keywords: restart, tasks, versions, ., ..` at `/id` ([PathId.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/PathId.scala#L219-L224)).
    - Marathon 1.4–1.10 answers `Identifier is not child of '<parent>'` at `/id` ([PathId.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/PathId.scala#L229-L258)).
    - Marathon 1.4–1.10 answers `Path needs to be absolute` at `/id` ([PathId.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/PathId.scala#L266)).
    - Marathon 1.4–1.10 answers `Path must contain at least one path element` at `/id` ([PathId.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/state/PathId.scala#L261)).
    - The fields in Marathon's API types: [`pod.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/pod.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    """

    code = "PL201"
    name = "pod-id-invalid"
    severity = Severity.ERROR
    summary = "The pod id must be an absolute path of valid segments"
    marathon_rules = ("R1", "R2", "R3", "R4", "R5")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        pod_id = as_str(pod.get("id"))
        if pod_id is None:
            return
        if ctx.version.at_least(5) and (pod_id == "" or not ID_SCHEMA_RE.fullmatch(pod_id)):
            # Rejected while the JSON is read (error.pattern / error.minLength): the schema layer's.
            return
        segments = id_segments(pod_id)
        if not pod_id.startswith("/"):
            fix = None
            if segments:
                fix = Fix(
                    f'make the id absolute: "/{pod_id}"',
                    "safe",
                    (FixOp("replace", "/id", "/" + pod_id),),
                )
            yield Finding(
                "/id",
                f'pod id "{pod_id}" is relative; Marathon requires an absolute path '
                "(Path needs to be absolute)",
                help="Start the id with a slash: {0}.",
                snippets=(Snippet("/" + pod_id, "id", at=""),),
                fix=fix,
            )
        if not segments:
            yield Finding(
                "/id",
                f'pod id "{pod_id}" has no path element; Marathon needs at least one segment '
                "to name the pod (Path must contain at least one path element)",
                help="Give the pod a name, e.g. {0}.",
                snippets=(Snippet("/my-pod", "id", at=""),),
            )
            return
        if not ctx.version.at_least(5):
            # 1.4 does not enforce the id pattern at parse time; the segment check is all there is.
            for segment in segments:
                if not ID_SEGMENT_RE.fullmatch(segment):
                    yield Finding(
                        "/id",
                        f'segment "{segment}" of pod id "{pod_id}" is not a valid name: segments '
                        "are lower-case letters, digits, '-' and '.', and may not start or end "
                        "with '-'",
                        help=f"Rename the segment, e.g. `{_suggest_segment(segment)}`.",
                    )
        if any(s in (".", "..") for s in segments):
            yield Finding(
                "/id",
                f'pod id "{pod_id}" contains a "." or ".." segment; Marathon rejects ids that '
                "do not resolve to the path they spell (Identifier is not child of its parent)",
                help="Write the id as the canonical absolute path, without `.` and `..` segments.",
            )
        if segments[-1] in _RESERVED[:3]:
            yield Finding(
                "/id",
                f'pod id "{pod_id}" ends with the reserved word "{segments[-1]}"; Marathon uses '
                "it in its REST paths (must not end with restart, tasks, versions, ., ..)",
                help=f"Rename the last segment, e.g. `{segments[-1]}-pod`.",
            )


def _suggest_segment(segment: str) -> str:
    lowered = "".join(c if c.isalnum() or c in "-." else "-" for c in segment.lower())
    return lowered.strip("-.") or "pod"
