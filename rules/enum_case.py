"""PL113 enum-case: an enum value in a letter case other than Marathon's canonical spelling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule
from podlint.schema import key_events
from podlint.schema.problems import display_path


class EnumCase(Rule):
    """Suggests the canonical spelling of enum values written in another letter case.

    What it does
    ------------
    Reports an enum value that Marathon accepts only because it compares enums case-insensitively
    (``"docker"``, ``"Youngest_First"``, ``"http"``) and offers the canonical spelling as a safe fix.

    Why is this bad
    ---------------
    Nothing breaks in Marathon, but other tools (UIs, scripts, the ``scaling.kind`` field, which is
    case-sensitive) compare exactly, and mixed spellings make definitions harder to search and diff.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "docker", "id": "nginx:1.25"}
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields, their types and limits: Marathon's API types ([`types/`](https://github.com/mesosphere/marathon/tree/v1.10.26/docs/docs/rest-api/public/api/v2/types)).
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    """

    code = "PL113"
    name = "enum-case"
    severity = Severity.INFO
    summary = "An enum value is not in its canonical spelling"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for event in key_events(pod, ctx):
            if event.kind != "enum-case":
                continue
            canonical = event.choices[0]
            yield Finding(
                event.pointer,
                f'`{display_path(event.pointer)}` is written "{event.value}"; the canonical spelling '
                f'is "{canonical}"',
                help="Marathon accepts any letter case here, but write {0}.",
                snippets=(Snippet(canonical, at=event.pointer),),
                fix=Fix(
                    f'Write "{canonical}"', "safe", (FixOp("replace", event.pointer, canonical),)
                ),
            )
