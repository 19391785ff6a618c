"""PL120 yaml-1-1-ambiguity: a plain YAML scalar that YAML 1.1 tools read differently."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint import schema
from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet, split_pointer
from podlint.rule import Context, Rule
from podlint.schema.problems import display_path

_MISSING = object()


def _value_at(pod: Any, pointer: str) -> Any:
    node = pod
    # Pointers without escapes (nearly all) are split without unescaping each token.
    tokens = pointer[1:].split("/") if pointer[:1] == "/" and "~" not in pointer else None
    for token in tokens if tokens is not None else split_pointer(pointer):
        if isinstance(node, dict):
            node = node.get(token, _MISSING)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return _MISSING
        if node is _MISSING:
            return _MISSING
    return node


class YamlAmbiguity(Rule):
    """Finds unquoted YAML values whose meaning depends on the YAML version of the tool reading them.

    What it does
    ------------
    podlint reads YAML 1.2. Many tools that turn YAML into the JSON Marathon receives (PyYAML, yq
    v3, Go's yaml.v2, Ruby) read YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans,
    ``0755`` is octal (493), ``08080`` is a string, ``1:30`` is the number 90 and ``6490e74`` is a
    string. This rule reports each unquoted value that the two readings disagree on.

    Why is this bad
    ---------------
    The same file deploys differently depending on the pipeline: a port becomes another port, a
    label value becomes a boolean that Marathon rejects, or a number becomes a string.

    Example
    -------
    ```yaml
    id: /web
    networks:
      - mode: host
    containers:
      - name: web
        resources: {cpus: 0.5, mem: 128}
        image: {kind: DOCKER, id: "nginx:1.25"}
        endpoints:
          - name: http
            hostPort: 08080
    ```

    Use instead
    -----------
    ```yaml
    id: /web
    networks:
      - mode: host
    containers:
      - name: web
        resources: {cpus: 0.5, mem: 128}
        image: {kind: DOCKER, id: "nginx:1.25"}
        endpoints:
          - name: http
            hostPort: 8080
    ```

    Options
    -------
    None.

    References
    ----------
    - The JSON types Marathon reads for each field: [Reading the definition](https://github.com/podlint/podlint/blob/main/docs/marathon.md#reading-the-definition).
    - YAML 1.1 and YAML 1.2 core schema resolution of plain scalars.
    - The type of each field: Marathon's API types ([`types/`](https://github.com/mesosphere/marathon/tree/v1.10.26/docs/docs/rest-api/public/api/v2/types)).
    """

    code = "PL120"
    name = "yaml-1-1-ambiguity"
    severity = Severity.WARNING
    summary = "An unquoted YAML value that YAML 1.1 tools read differently"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if ctx.source_format != "yaml" or not ctx.plain_scalars:
            return
        # Imported here: JSON runs (and the one-file pre-commit case) never need it.
        from podlint.schema.yaml_typing import describe_reading, yaml11_difference

        # Where the schema already rejects the value it says how YAML read it and to quote it: one
        # finding per problem, not two.
        rejected = {p.pointer for p in schema.check(pod, ctx)}
        for pointer, text in ctx.plain_scalars.items():
            if pointer in rejected:
                continue
            value = _value_at(pod, pointer)
            if value is _MISSING or not isinstance(text, str):
                continue
            other = yaml11_difference(text, value)
            if other is None:
                continue
            old = other[0]
            fix = None
            # The quoted text is placed only when it is podlint's own reading (a string already);
            # otherwise it is one of two readings for the author to choose between.
            quoted = Snippet(text, at=pointer if isinstance(value, str) else None)
            snippets: tuple[Snippet, ...] = (quoted,)
            if isinstance(value, str):
                # Quoting keeps podlint's (YAML 1.2) reading and makes every tool agree.
                fix = Fix("Quote the value", "safe", (FixOp("replace", pointer, value),))
                help_text = "Quote it: {0}."
            elif isinstance(value, int | float) and not isinstance(value, bool):
                help_text = "Write {1} if you mean that number, or quote it ({0}) if it is text."
                snippets = (quoted, Snippet(value, at=pointer))
            else:
                help_text = (
                    "Quote it ({0}) if it is text, or write it so every YAML version agrees."
                )
            yield Finding(
                pointer,
                f"`{display_path(pointer)}` is written `{text}`: podlint (YAML 1.2) reads "
                f"{describe_reading(value)}, YAML 1.1 tools read {describe_reading(old)}",
                help=help_text,
                fix=fix,
                snippets=snippets,
            )
