"""Turn ``jsonschema`` errors into what a person needs: one problem per real mistake, in plain words.

Unions (volumes, environment values, commands) are resolved to the alternative the user evidently
meant, and only that alternative's failure is reported, so an ``anyOf`` never cascades.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from podlint.diagnostics import Fix, FixOp, Snippet, join_pointer, split_pointer
from podlint.placeholders import find_placeholder
from podlint.schema.problems import (
    FAMILIES,
    SchemaProblem,
    describe_value,
    display_path,
    format_number,
)
from podlint.schema.required_hints import required_hint, shape_of

TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "a boolean (true or false)",
    "object": "an object",
    "array": "an array",
}

INT_BOUNDS = {-(2**31), 2**31 - 1, -(2**63), 2**63 - 1}

PATTERN_HELP = {
    "Name": (
        "is not a valid name",
        "Use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or "
        "digit, e.g. `web-1`.",
    ),
    "NetworkName": (
        "is not a valid network name",
        "Use 1-63 lower-case letters, digits, hyphens and underscores, starting and ending with a "
        "letter or digit, e.g. `dcos`.",
    ),
    "PathId": (
        "is not a valid pod id",
        "Use a path of lower-case DNS labels separated by `/`, e.g. `/prod/web`.",
    ),
    "DateTime": (
        "is not an ISO-8601 date-time with an offset",
        "Remove `version` (Marathon sets it itself) or write e.g. `2017-01-03T18:21:19.310Z`.",
    ),
}


class ErrorMapper:
    """Maps the errors of one document; YAML source text explains YAML typing surprises."""

    def __init__(self, line: str, yaml: bool, plain_scalars: Mapping[str, str]) -> None:
        self.line = line
        self.yaml = yaml
        self.plain_scalars = plain_scalars

    def map_all(self, errors: Iterable[Any]) -> list[SchemaProblem]:
        seen: set[tuple[str, str, str]] = set()
        out: list[SchemaProblem] = []
        for error in errors:
            for problem in self.map(error):
                key = (problem.family, problem.pointer, problem.message)
                if key not in seen:
                    seen.add(key)
                    out.append(problem)
        return sorted(_one_per_value(out), key=_order)

    # ---- one error ---------------------------------------------------------------------------

    def map(self, error: Any) -> Iterator[SchemaProblem]:
        pointer = join_pointer("", *error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        keyword = error.validator
        handler = getattr(self, f"_on_{keyword}", None)
        if handler is None:
            # Keywords the schemas do not use; keep the validator's own words rather than lose it.
            yield SchemaProblem("type", pointer, f"`{display_path(pointer)}`: {error.message}")
            return
        yield from handler(error, pointer, schema, error.instance)

    def _on_anyOf(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        union = schema.get("x-podlint-union")
        where = display_path(pointer)
        index: int | None = None
        if union == "volume":
            if not isinstance(inst, dict):
                yield self._type_problem(pointer, inst, "an object with a `name`")
                return
            index = _volume_variant(schema["anyOf"], inst)
        elif union == "env-value":
            if not isinstance(inst, dict):
                variable = split_pointer(pointer)[-1]
                yield self._type_problem(
                    pointer,
                    inst,
                    'a string or {"secret": "<name>"}',
                    subject=f"environment variable `{variable}`",
                    help="Environment values are strings: quote numbers and booleans.",
                )
                return
            index = 1
        elif union == "command":
            if inst is None and list(error.absolute_schema_path)[-3:-1] == [
                "properties",
                "command",
            ]:
                yield self._null_required(error, pointer)
                return
            if not isinstance(inst, dict):
                fix = None
                if isinstance(inst, str) and inst:
                    fix = Fix(
                        "Run the string with /bin/sh -c",
                        "unsafe",
                        (FixOp("replace", pointer, {"shell": inst}),),
                    )
                yield self._type_problem(
                    pointer,
                    inst,
                    'an object: {"shell": "<command line>"} or {"argv": ["<program>", ...]}',
                    fix=fix,
                )
                return
            if inst.get("argv") is not None:
                index = 1
            elif "shell" in inst:
                index = 0
            else:
                # Marathon tries shell, then argv, and reports the last alternative's missing key.
                yield SchemaProblem(
                    "required",
                    join_pointer(pointer, "argv"),
                    f"`{where}` needs `shell` (a command line) or `argv` (a list of arguments)",
                    help="Write {0} or {1}.",
                    snippets=(
                        Snippet("<command line>", "shell", at=pointer),
                        Snippet(["<program>", "<arg>"], "argv", at=pointer),
                    ),
                )
                return
        if index is None:
            index = len(schema.get("anyOf", ())) - 1
        chosen = [
            e
            for e in error.context or ()
            if e.relative_schema_path and e.relative_schema_path[0] == index
        ]
        if not chosen:
            chosen = list(error.context or ())
        reported = [problem for sub in chosen for problem in self.map(sub)]
        yield from reported
        last = len(schema.get("anyOf", ())) - 1
        name = join_pointer(pointer, "name")
        if (
            union == "volume"
            and index != last
            and not any(p.pointer == name or p.pointer.startswith(name + "/") for p in reported)
        ):
            # Every variant failed, the last (ephemeral: only a Name) too, and Marathon reports only
            # that one: the name. Say so as well as what is wrong with the evident variant.
            for sub in error.context or ():
                if sub.relative_schema_path and sub.relative_schema_path[0] == last:
                    yield from self.map(sub)

    def _on_type(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        where = display_path(pointer)
        if inst is None and schema.get("x-podlint-required"):
            yield self._null_required(error, pointer)
            return
        types = schema.get("type")
        expected = [t for t in ([types] if isinstance(types, str) else types or []) if t != "null"]
        if expected == ["integer"] and isinstance(inst, float):
            yield SchemaProblem(
                "type",
                pointer,
                f"`{where}` must be a whole number, got {format_number(inst)}",
                help=f"Marathon reads `{split_pointer(pointer)[-1]}` as an integer; drop the fraction.",
            )
            return
        words = " or ".join(TYPE_WORDS.get(t, t) for t in expected)
        tokens = split_pointer(pointer)
        parent = tokens[-2] if len(tokens) >= 2 else ""
        help_text = None
        fix = None
        subject = None
        snippets: tuple[Snippet, ...] = ()
        if parent == "labels" and "string" in expected:
            subject = f"label `{tokens[-1]}`"
            help_text = "Label values must be strings: quote numbers and booleans, flatten objects."
        elif parent == "constraints" and isinstance(inst, list) and "object" in expected:
            help_text = "Pod constraints are objects, e.g. {0}; the array form is for apps."
            snippets = (Snippet({"fieldName": "hostname", "operator": "UNIQUE"}, at=pointer),)
        elif (
            tokens and tokens[-1] == "protocol" and isinstance(inst, str) and expected == ["array"]
        ):
            help_text = "Write a list: {0}."
            snippets = (Snippet([inst], at=pointer),)
            fix = Fix("Wrap the protocol in a list", "safe", (FixOp("replace", pointer, [inst]),))
        yield self._type_problem(
            pointer, inst, words, subject=subject, help=help_text, fix=fix, snippets=snippets
        )

    def _null_required(self, error: Any, pointer: str) -> SchemaProblem:
        """A required key written as null: the advice for the missing key, from the object that
        requires it (the schema path ends ``properties/<key>/<keyword>``)."""
        key = split_pointer(pointer)[-1]
        hint = required_hint(shape_of(list(error.absolute_schema_path)[:-3]), key)
        return SchemaProblem(
            "required",
            pointer,
            f"`{display_path(pointer)}` is required but is null (Marathon reads null as absent)",
            help=hint.advice,
            snippets=hint.snippets(key, pointer.rsplit("/", 1)[0]),
        )

    def _type_problem(
        self,
        pointer: str,
        inst: Any,
        expected: str,
        *,
        subject: str | None = None,
        help: str | None = None,
        fix: Fix | None = None,
        snippets: tuple[Snippet, ...] = (),
    ) -> SchemaProblem:
        subject = subject or f"`{display_path(pointer)}`"
        message = f"{subject} must be {expected}, got {describe_value(inst)}"
        source = self.plain_scalars.get(pointer) if self.yaml else None
        if source is not None and not isinstance(inst, str) and "string" in expected:
            # YAML typing turned text into a number or boolean; say so and offer the quoted text.
            message += f" (YAML reads the unquoted `{source}` as {_yaml_kind(inst)})"
            help = "Quote it: {0}."
            snippets = (Snippet(source, at=pointer),)
            fix = Fix("Quote the value", "safe", (FixOp("replace", pointer, source),))
        return SchemaProblem("type", pointer, message, help=help, fix=fix, snippets=snippets)

    def _on_required(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        if not isinstance(inst, dict):
            return
        subject = "the pod" if pointer == "" else f"`{display_path(pointer)}`"
        shape = shape_of(error.absolute_schema_path)
        for key in error.validator_value:
            if key not in inst:
                hint = required_hint(shape, key)
                # At the missing key, as Marathon reports it (`error.path.missing` at
                # `/containers(0)/resources`); the locator places it on the object that should hold it.
                yield SchemaProblem(
                    "required",
                    join_pointer(pointer, key),
                    f"{subject} is missing the required key `{key}`",
                    help=hint.advice,
                    snippets=hint.snippets(key, pointer),
                )

    def _on_minimum(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        yield self._range(pointer, schema, inst, error.validator_value, low=True)

    def _on_maximum(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        yield self._range(pointer, schema, inst, error.validator_value, low=False)

    def _range(
        self, pointer: str, schema: dict[str, Any], inst: Any, bound: Any, *, low: bool
    ) -> SchemaProblem:
        where = display_path(pointer)
        kind = schema.get("x-podlint-kind")
        value = format_number(inst)
        shown = format_number(bound)
        if bound in INT_BOUNDS and kind in ("int32", "int64", "Port", "AnyPort"):
            bits = "32" if abs(bound) < 2**32 else "64"
            return SchemaProblem(
                "range",
                pointer,
                f"`{where}` {value} does not fit a {bits}-bit integer "
                f"({'smallest' if low else 'largest'} {shown})",
                help="Marathon cannot read this number; use a smaller value.",
            )
        if kind in ("Port", "AnyPort"):
            text = f"below the lowest port {shown}" if low else f"above the highest port {shown}"
            help_text = (
                "Use 0 for a dynamically allocated host port."
                if kind == "AnyPort" and not low
                else f"Ports run from {'0' if kind == 'AnyPort' else '1'} to 65535."
            )
            return SchemaProblem("range", pointer, f"`{where}` {value} is {text}", help=help_text)
        text = f"below the minimum {shown}" if low else f"above the maximum {shown}"
        return SchemaProblem(
            "range",
            pointer,
            f"`{where}` {value} is {text}",
            help=f"Marathon {self.line} rejects values {'below' if low else 'above'} {shown}.",
        )

    def _on_minLength(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        where = display_path(pointer)
        if inst == "":
            yield SchemaProblem(
                "length",
                pointer,
                f"`{where}` must not be empty",
                help="Give it a value or leave the key out.",
            )
        else:
            yield SchemaProblem(
                "length",
                pointer,
                f"`{where}` is {len(inst)} characters long; the minimum is {error.validator_value}",
            )

    def _on_maxLength(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        yield SchemaProblem(
            "length",
            pointer,
            f"`{display_path(pointer)}` is {len(inst)} characters long; Marathon allows at most "
            f"{error.validator_value}",
            help="Shorten it.",
        )

    def _on_pattern(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        where = display_path(pointer)
        canonical = schema.get("x-podlint-enum")
        kind = schema.get("x-podlint-kind")
        if canonical:
            yield self._enum_problem(pointer, inst, canonical)
            return
        if kind == "EnvName":
            # A propertyNames error: the instance is the key, the path is the object's.
            key_pointer = join_pointer(pointer, inst)
            yield SchemaProblem(
                "pattern",
                key_pointer,
                f"environment variable name `{inst}` is not valid",
                help="Start with a letter or underscore and use only letters, digits and "
                "underscores (at most 254 characters).",
                target="key",
            )
            return
        text, help_text = PATTERN_HELP.get(
            kind or "", ("does not match the required pattern", None)
        )
        placeholder = find_placeholder(inst) if isinstance(inst, str) else None
        if placeholder is not None:
            help_text = f"Replace the placeholder `{placeholder}` with the real value. " + (
                help_text or f"It must fully match `{error.validator_value}`."
            )
        yield SchemaProblem(
            "pattern",
            pointer,
            f'`{where}` "{inst}" {text}',
            help=help_text or f"It must fully match `{error.validator_value}`.",
        )

    def _enum_problem(self, pointer: str, inst: Any, canonical: list[str]) -> SchemaProblem:
        where = display_path(pointer)
        allowed = ", ".join(canonical)
        squashed = {v.lower().replace("_", "").replace("-", ""): v for v in canonical}
        key = str(inst).lower().replace("_", "").replace("-", "").replace(" ", "")
        guess = squashed.get(key)
        if guess is None:
            close = difflib.get_close_matches(key, list(squashed), n=1, cutoff=0.6)
            guess = squashed[close[0]] if close else None
        message = f'`{where}` "{inst}" is not one of {allowed}'
        fix = None
        help_text = f"Use one of {allowed}."
        snippets: tuple[Snippet, ...] = ()
        if guess is not None:
            message += f' (did you mean "{guess}"?)'
            help_text = "Write {0}."
            snippets = (Snippet(guess, at=pointer),)
            fix = Fix(f'Replace with "{guess}"', "unsafe", (FixOp("replace", pointer, guess),))
        return SchemaProblem("enum", pointer, message, help=help_text, fix=fix, snippets=snippets)

    def _on_enum(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        # Only scaling.kind uses a plain enum: it is compared case-sensitively with "fixed".
        if not isinstance(inst, str):
            return  # the type error already says it (one finding per mistake)
        fix = None
        if isinstance(inst, str) and inst.strip().lower() == "fixed":
            fix = Fix('Write "fixed"', "safe", (FixOp("replace", pointer, "fixed"),))
        yield SchemaProblem(
            "enum",
            pointer,
            f'`{display_path(pointer)}` must be exactly "fixed", got {describe_value(inst)}',
            help="Only fixed scaling exists, and Marathon compares `kind` case-sensitively: "
            "write {0}.",
            snippets=(Snippet("fixed", at=pointer),),
            fix=fix,
        )

    def _on_minItems(
        self, error: Any, pointer: str, schema: dict[str, Any], inst: Any
    ) -> Iterator[SchemaProblem]:
        where = display_path(pointer)
        name = split_pointer(pointer)[-1] if pointer else ""
        help_text, snippets = {
            "containers": ("A pod needs at least one container.", ()),
            "protocol": (
                "List at least one protocol, e.g. {0}, or leave `protocol` out.",
                (Snippet(["tcp"], at=pointer),),
            ),
            "argv": (
                "Give the program to run, e.g. {0}.",
                (Snippet(["/bin/sleep", "100"], at=pointer),),
            ),
        }.get(name, ("Add an item or leave the key out.", ()))
        yield SchemaProblem(
            "items",
            pointer,
            f"`{where}` must not be empty"
            if error.validator_value == 1
            else f"`{where}` needs at least {error.validator_value} items",
            help=help_text,
            snippets=snippets,
        )


# Which problem speaks for a value that breaks several facets ("" is both too short and not a Name).
_PRIORITY = {"required": 0, "type": 1, "enum": 2, "length": 3, "pattern": 4, "range": 5, "items": 6}


def _one_per_value(problems: list[SchemaProblem]) -> list[SchemaProblem]:
    best: dict[tuple[str, str], SchemaProblem] = {}
    kept: list[SchemaProblem] = []
    for problem in problems:
        if problem.family == "required":
            kept.append(problem)  # each missing key is its own problem
            continue
        slot = (problem.pointer, problem.target)
        current = best.get(slot)
        if current is None or _PRIORITY[problem.family] < _PRIORITY[current.family]:
            best[slot] = problem
    return kept + list(best.values())


def _volume_variant(variants: list[dict[str, Any]], inst: dict[str, Any]) -> int:
    """The volume variant a user meant: the one whose distinguishing key is present, else ephemeral."""
    for index, variant in enumerate(variants):
        marker = [k for k in variant.get("required", ()) if k != "name"]
        if marker and inst.get(marker[0]) is not None:
            return index
    return len(variants) - 1


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


def _order(problem: SchemaProblem) -> tuple[tuple[tuple[int, Any], ...], int, str]:
    tokens = tuple((0, int(t)) if t.isdigit() else (1, t) for t in split_pointer(problem.pointer))
    return tokens, FAMILIES.index(problem.family), problem.message
