"""The schema layer: Marathon's pod schema per version line, checked fast, reported in plain words.

Public interface:

* :func:`check` — the schema problems of a pod (memoised per document in the rule context, so the
  validator runs once per pod however many schema rules are selected);
* :func:`key_events` — unknown keys, discarded fields, read-only fields and enum spellings, from one
  walk of the pod against the version's key table (memoised the same way);
* :func:`export_schema` — the JSON Schema of a version for editors;
* :func:`reference_problems` / :func:`fast_problems` — the two validation paths, for tests and tools.

Nothing heavy happens at import: schemas are read, and validators built, on first use per version.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from podlint.config.profile import MarathonVersion
from podlint.diagnostics import Finding
from podlint.schema.finite import merge, non_finite_problems
from podlint.schema.problems import FAMILIES, Family, SchemaProblem
from podlint.schema.store import fast_is_valid, reference_validator, schema_for, version_line

__all__ = [
    "FAMILIES",
    "Family",
    "SchemaProblem",
    "check",
    "export_schema",
    "family_findings",
    "fast_problems",
    "key_events",
    "reference_problems",
    "schema_for",
    "version_line",
]


def reference_problems(
    pod: Any,
    line: str,
    *,
    source_format: str = "json",
    plain_scalars: Mapping[str, str] | None = None,
) -> list[SchemaProblem]:
    """Validate with the pure-Python reference validator and map every error (the slow path)."""
    from podlint.schema.errors import ErrorMapper

    mapper = ErrorMapper(line, source_format == "yaml", plain_scalars or {})
    problems = mapper.map_all(reference_validator(line).iter_errors(pod))
    return merge(problems, non_finite_problems(pod, plain_scalars=plain_scalars))


def fast_problems(
    pod: Any,
    line: str,
    *,
    source_format: str = "json",
    plain_scalars: Mapping[str, str] | None = None,
) -> list[SchemaProblem]:
    """The compiled validator decides; only an invalid pod pays for the reference validator."""
    if fast_is_valid(pod, line) is True:
        # Validators take infinity for a number: the one check they cannot make.
        return non_finite_problems(pod, plain_scalars=plain_scalars)
    return reference_problems(pod, line, source_format=source_format, plain_scalars=plain_scalars)


def check(pod: Any, ctx: Any) -> tuple[SchemaProblem, ...]:
    """The schema problems of ``pod`` for the context's Marathon version, computed once per document."""

    def compute() -> tuple[SchemaProblem, ...]:
        return tuple(
            fast_problems(
                pod,
                version_line(ctx),
                source_format=getattr(ctx, "source_format", "json"),
                plain_scalars=getattr(ctx, "plain_scalars", None),
            )
        )

    result: tuple[SchemaProblem, ...] = ctx.cached("schema", compute)
    return result


def family_findings(pod: Any, ctx: Any, family: Family) -> Iterator[Finding]:
    """The findings of one schema family (one rule), from the shared per-document check."""
    for problem in check(pod, ctx):
        if problem.family == family:
            yield problem.finding()


def key_events(pod: Any, ctx: Any) -> tuple[Any, ...]:
    """Key events (:class:`podlint.schema.keys.KeyEvent`) of ``pod``, computed once per document."""
    from podlint.schema.keys import walk

    line = version_line(ctx)
    result: tuple[Any, ...] = ctx.cached("schema.keys", lambda: tuple(walk(pod, line)))
    return result


def export_schema(version: str, *, forbid_unknown_keys: bool = False) -> dict[str, Any]:
    """A JSON Schema (draft-07) of Marathon ``version``'s pod, for editors and other tools.

    ``version`` is a line or release (``"1.9"``, ``"1.9.3"``). podlint's private annotations are
    removed; ``markdownDescription``, ``patternErrorMessage`` and ``deprecationMessage`` are added for
    VS Code and yaml-language-server. With ``forbid_unknown_keys`` every object also gets
    ``additionalProperties: false``, which makes editors flag typos (Marathon itself ignores them).
    """
    line = MarathonVersion.parse(version).line
    exported = copy.deepcopy(schema_for(line))
    _editorify(exported, forbid_unknown_keys)
    return exported


_ENUM_MESSAGE = "Expected one of {values} (any letter case)."
_KIND_MESSAGES = {
    "Name": "1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
    "NetworkName": "1-63 lower-case letters, digits, hyphens and underscores.",
    "PathId": 'An absolute path of lower-case DNS labels, e.g. "/prod/web".',
    "DateTime": "An ISO-8601 date-time with offset (read-only: Marathon sets it).",
    "EnvName": "Letters, digits and underscores, not starting with a digit (at most 254).",
}


def _editorify(node: Any, forbid_unknown_keys: bool) -> None:
    if isinstance(node, list):
        for item in node:
            _editorify(item, forbid_unknown_keys)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("x-podlint-kind")
    enum = node.get("x-podlint-enum")
    ignored = node.get("x-podlint-ignored")
    if enum and "pattern" in node:
        node["patternErrorMessage"] = _ENUM_MESSAGE.format(values=", ".join(enum))
    elif kind in _KIND_MESSAGES and "pattern" in node:
        node["patternErrorMessage"] = _KIND_MESSAGES[kind]
    if ignored:
        node["deprecationMessage"] = f"Marathon ignores this field: it {ignored}."
    if node.get("x-podlint-read-only"):
        node["deprecationMessage"] = "Read-only: Marathon replaces any submitted value."
    if isinstance(node.get("description"), str) and "markdownDescription" not in node:
        node["markdownDescription"] = node["description"]
    for key in [k for k in node if isinstance(k, str) and k.startswith("x-podlint-")]:
        del node[key]
    if (
        forbid_unknown_keys
        and node.get("properties") is not None
        and "additionalProperties" not in node
    ):
        node["additionalProperties"] = False
    for key, value in node.items():
        if key in ("properties", "definitions"):
            for child in value.values():
                _editorify(child, forbid_unknown_keys)
        elif key in ("items", "additionalProperties", "propertyNames", "anyOf"):
            _editorify(value, forbid_unknown_keys)
