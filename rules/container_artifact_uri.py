"""Rule PL410 ``artifact-uri-syntax``: an artifact URI that is not a valid URI (§10.14)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.rule import Context, Rule, as_list, containers

from ._common import container_label

# Characters RFC 2396/3986 never allow unescaped (what java.net.URI, used for app URIs, refuses).
_ILLEGAL = re.compile(r'[\s"<>\\^`{|}]')
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile(r"([^:/?#]+):")
_SCHEME_OK = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def uri_problem(uri: str) -> str | None:
    """Why ``uri`` is not a syntactically valid URI, or None."""
    if not uri:
        return None  # length rules are Marathon's own (R66)
    if m := _ILLEGAL.search(uri):
        char = m.group(0)
        shown = {" ": "a space", "\t": "a tab", "\n": "a line break"}.get(char, f"`{char}`")
        return f"contains {shown}, which must be percent-encoded in a URI"
    if _BAD_ESCAPE.search(uri):
        return "has a `%` that is not followed by two hexadecimal digits"
    if uri.count("#") > 1:
        return "has more than one `#`"
    scheme = _SCHEME.match(uri)
    if scheme and not _SCHEME_OK.fullmatch(scheme.group(1)):
        return f"has an invalid scheme `{scheme.group(1)}`"
    if uri.startswith(":"):
        return "has an empty scheme"
    return None


class ArtifactUriSyntax(Rule):
    """An artifact `uri` is not a syntactically valid URI.

    What it does
    ------------
    Checks `containers[].artifacts[].uri` for characters a URI cannot contain unescaped (spaces,
    quotes, `<>{}|\\^` and backticks), broken `%` escapes, repeated `#` and invalid schemes. Template
    placeholders such as `{{VERSION}}` left in a URI are caught this way too.

    Why is this bad
    ---------------
    Marathon checks artifact URIs of apps but not of pods, so it accepts the pod; the Mesos fetcher
    then fails to download the artifact and every launch of the pod fails.

    Example
    -------
    ```json
    {
      "id": "/site",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "site",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "artifacts": [{"uri": "https://downloads.example.com/site {{VERSION}}.tgz"}]
        }
      ]
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/site",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "site",
          "resources": {"cpus": 0.1, "mem": 64},
          "exec": {"command": {"shell": "./serve"}},
          "artifacts": [{"uri": "https://downloads.example.com/site-1.4.2.tgz"}]
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - The fields in Marathon's API types: [`artifact.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/artifact.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Accepted, but it will not work](https://github.com/podlint/podlint/blob/main/docs/marathon.md#accepted-but-it-will-not-work).
    - Marathon checks artifact URIs of apps, but for pods only their length.
    """

    code = "PL410"
    name = "artifact-uri-syntax"
    severity = Severity.WARNING
    summary = "An artifact URI is not a valid URI"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        for i, c in containers(pod):
            for j, artifact in enumerate(as_list(c.get("artifacts"))):
                if not isinstance(artifact, dict):
                    continue
                uri = artifact.get("uri")
                if not isinstance(uri, str) or (problem := uri_problem(uri)) is None:
                    continue
                yield Finding(
                    join_pointer("/containers", i, "artifacts", j, "uri"),
                    f"artifact URI of container {container_label(i, c)} {problem}; Marathon does "
                    "not check pod artifact URIs, and the fetcher will fail to download it",
                    help="Percent-encode the character (a space is `%20`) or fix the URI.",
                )
