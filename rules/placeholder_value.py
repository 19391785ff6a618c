"""Rule PL413 ``placeholder-value``: a value that is still a documentation or template placeholder."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Severity, join_pointer
from podlint.placeholders import find_placeholder
from podlint.rule import Context, Rule
from podlint.schema import check as schema_problems
from podlint.schema.problems import display_path

from .container_artifact_uri import uri_problem

# An image tag that is a template variable's name: `app:FDP_VERSION`, `app:BUILD_NUMBER`.
TAG_VARIABLE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")

# One string of the whole pod, at C speed, tells whether any of it can hold a placeholder (most
# pods have none): angle brackets and template braces stay as they are in JSON text, where a `{{`
# or a `${` is never structure, and a tag variable follows a `:` that is not the `: ` separator.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False, allow_nan=True).encode
_POSSIBLE_TAG = re.compile(r":[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+[\"@]")

# Where text is a program's input rather than a name: commands (a shell expands `${X}` and redirects
# with `<`) are not searched; environment values (entrypoints expand them) and labels (read by other
# tools, some of which use templates themselves) are searched for angle-bracket placeholders only.
_COMMAND = re.compile(r"/command/(shell|argv)(/|$)")
_NAME_OR_ID = re.compile(r"^/id$|/name$")
_ARTIFACT_URI = re.compile(r"/artifacts/\d+/uri$")
_FREE_TEXT = re.compile(r"(^|/containers/\d+)/(environment|labels)/[^/]+$")

# What a placeholder breaks, by where it sits.
_WHAT_BREAKS = (
    (
        re.compile(r"/image/id$"),
        "no registry has an image of that name, so the container cannot start",
    ),
    (
        re.compile(r"^/secrets/[^/]+/source$"),
        "the secret store has no such secret, so the pod cannot start",
    ),
    (re.compile(r"/secret$"), "no pod secret has that name"),
    (re.compile(r"/networks/\d+/name$|/networkNames/\d+$"), "no virtual network has that name"),
    (
        re.compile(r"/artifacts/\d+/uri$"),
        "the artifact cannot be fetched, so the container cannot start",
    ),
)


class PlaceholderValue(Rule):
    """Finds values that are still placeholders from a documentation example or a template.

    What it does
    ------------
    Reports string values (and secret names) that contain a placeholder: words in angle brackets
    (`<your/private/image>`, `<secret-name>`), a template variable (`${IMAGE_TAG}`,
    `{{ version }}`), or an image tag that is a variable's name (`app:BUILD_NUMBER`). Commands are
    not searched (a shell expands `${X}` and redirects with `<`); in environment values and labels
    only angle brackets count. Names and ids are left out: Marathon rejects a placeholder there,
    and that error's help names the placeholder.

    Why is this bad
    ---------------
    Marathon does not know placeholders: it accepts `"<your/private/image>"` as an image name,
    `"<path>"` as a secret's source, `${TAG}` as an image tag, and the pod then fails at run time
    (the image cannot be pulled, the secret does not exist) instead of at deployment. A copied
    documentation example or an unrendered template is almost always the cause.

    Example
    -------
    ```json
    {
      "id": "/web",
      "networks": [{"mode": "host"}],
      "containers": [
        {
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 256},
          "image": {"kind": "DOCKER", "id": "<your/private/image>"}
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
          "name": "web",
          "resources": {"cpus": 0.5, "mem": 256},
          "image": {"kind": "DOCKER", "id": "registry.example.com/shop/web:2.4.1"}
        }
      ]
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4-1.10 read `containers[].image.id`, `secrets.*.source`, network names and
      artifact URIs as plain strings (the pod types in Marathon's
      `docs/docs/rest-api/public/api/v2/types/` RAML files) and check only their length or name
      pattern, so a placeholder passes `POST /v2/pods` and fails when Mesos launches the pod.
    - The DC/OS private registry page shows `"id": "<your/private/image>"` in its pod example.
    """

    code = "PL413"
    name = "placeholder-value"
    severity = Severity.WARNING
    summary = "A value is still a placeholder from an example or a template"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if not _may_hold_placeholder(pod):
            return
        rejected = {problem.pointer for problem in schema_problems(pod, ctx)}
        for pointer, text, is_key in _strings(pod):
            if pointer in rejected or _COMMAND.search(pointer):
                continue
            if _ARTIFACT_URI.search(pointer) and uri_problem(text) is not None:
                continue  # artifact-uri-syntax reports it (braces and angle brackets are not URI text)
            if _NAME_OR_ID.search(pointer):
                continue  # Marathon rejects these characters in names and ids: that error says it
            placeholder = find_placeholder(text, templates=not _FREE_TEXT.search(pointer))
            if placeholder is None and (tag := _tag_variable(pointer, text)) is not None:
                placeholder = tag.group()
            if placeholder is None:
                continue
            where = display_path(pointer)
            what = "secret name" if is_key else f"`{where}`"
            consequence = _consequence(pointer)
            yield Finding(
                pointer,
                f'{what} "{text}" still holds the placeholder `{placeholder}`: Marathon takes it '
                f"literally{consequence}",
                help=f"Replace `{placeholder}` with the real value, or render the template before "
                "deploying.",
                target="key" if is_key else "value",
            )


def _may_hold_placeholder(pod: Any) -> bool:
    """False when no string of ``pod`` can hold a placeholder or a tag variable."""
    try:
        text = _ENCODE(pod)
    except Exception:  # not plain JSON data after all: every string is looked at
        return True
    return "<" in text or "${" in text or "{{" in text or _POSSIBLE_TAG.search(text) is not None


def _strings(pod: Any) -> list[tuple[str, str, bool]]:
    """(pointer, text, is a key) of the strings that may hold a placeholder, in document order.

    A placeholder needs a ``<`` or a ``{``, and a tag variable sits in an image ``id``: other
    strings are passed over without building their pointers (this walks every value of every pod).
    The names of pod secrets are included like values.
    """
    found: list[tuple[str, str, bool]] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            secrets = pointer == "/secrets"
            for key, value in node.items():
                if isinstance(value, str):
                    if not (secrets or "<" in value or "{" in value or key == "id"):
                        continue
                elif not (secrets or isinstance(value, dict | list)):
                    continue
                child = join_pointer(pointer, key)
                if secrets and isinstance(key, str):
                    found.append((child, key, True))
                if isinstance(value, str):
                    found.append((child, value, False))
                elif isinstance(value, dict | list):
                    walk(value, child)
        else:
            for index, value in enumerate(node):
                if isinstance(value, str):
                    if "<" in value or "{" in value:
                        found.append((f"{pointer}/{index}", value, False))
                elif isinstance(value, dict | list):
                    walk(value, f"{pointer}/{index}")

    if isinstance(pod, str):
        return [("", pod, False)]
    if isinstance(pod, dict | list):
        walk(pod, "")
    return found


def _tag_variable(pointer: str, text: str) -> re.Match[str] | None:
    if not pointer.endswith("/image/id"):
        return None
    tag = text.rsplit("/", 1)[-1].partition("@")[0].partition(":")[2]
    return TAG_VARIABLE.fullmatch(tag) if tag else None


def _consequence(pointer: str) -> str:
    for where, what in _WHAT_BREAKS:
        if where.search(pointer):
            return f" ({what})"
    return ""
