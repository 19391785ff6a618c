"""PL110 unknown-key: a key Marathon does not read at that place (and silently ignores)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity
from podlint.rule import Context, Rule
from podlint.schema import key_events, version_line

from .volume_silently_ephemeral import misread_volumes


class UnknownKey(Rule):
    """Finds keys that Marathon does not read, which it drops without a word.

    What it does
    ------------
    Reports every key that is not a field of the object it sits in, for the targeted Marathon
    version, at the key itself. It says what was probably meant: the known key it is closest to
    (``forcePul`` -> ``forcePull``), the pod field that replaces a Marathon *app* field (``fetch``,
    ``env``, ``cmd``, ``cpus``, ``healthChecks``, ``constraints``, ``maxLaunchDelaySeconds`` ...), or
    the Marathon version that reads it (``resourceLimits`` needs 1.10). Where a rename keeps the
    meaning it offers it as an unsafe fix.

    Why is this bad
    ---------------
    Marathon ignores unknown keys, so a misspelt or misplaced setting silently has no effect: the
    image is not force-pulled, the artifacts are not fetched, the back-off stays at its default.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 128},
          "image": {"kind": "DOCKER", "id": "nginx:1.25", "forcePullImage": true}
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
          "image": {"kind": "DOCKER", "id": "nginx:1.25", "forcePull": true}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - How Marathon validates a pod: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - The fields of each object, version by version: Marathon's API types ([`types/`](https://github.com/mesosphere/marathon/tree/v1.10.26/docs/docs/rest-api/public/api/v2/types)).
    """

    code = "PL110"
    name = "unknown-key"
    severity = Severity.WARNING
    summary = "A key Marathon does not read (it is silently ignored)"
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        line = version_line(ctx)
        # A volume marker this version does not read is volume-silently-ephemeral's finding: it says
        # what the volume becomes instead, which is the actionable part.
        misread = {m.pointer for m in misread_volumes(pod, ctx.version)}
        for event in key_events(pod, ctx):
            if event.kind == "unknown" and event.pointer not in misread:
                from podlint.schema.hints import unknown_key_finding  # only when a key is unknown

                message, help_text, fix = unknown_key_finding(event, line)
                yield Finding(event.pointer, message, help=help_text, target="key", fix=fix)
