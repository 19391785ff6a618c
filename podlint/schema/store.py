"""Where the shipped schemas are loaded and their validators built: lazily, once per version line.

Two validators per version:

* the fast one (jsonschema-rs, compiled) only answers "valid or not" — most pods are valid, and this
  costs microseconds;
* the reference one (the pure-Python ``jsonschema``, imported only when a pod is invalid: its import
  alone costs 60–80 ms) lists every error with its schema context, which the error mapping needs.
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any

from podlint.config.profile import DEFAULT_VERSION, SUPPORTED_VERSIONS


def version_line(ctx: Any) -> str:
    """The targeted version line (``"1.10"``) of a rule context; the default when unreadable."""
    line = getattr(getattr(getattr(ctx, "profile", None), "marathon_version", None), "line", None)
    return line if line in SUPPORTED_VERSIONS else DEFAULT_VERSION


@functools.cache
def schema_for(line: str) -> dict[str, Any]:
    """The generated schema of a version line (annotations included); do not mutate it."""
    if line not in SUPPORTED_VERSIONS:
        raise ValueError(
            f"Marathon {line} is not supported (supported: {', '.join(SUPPORTED_VERSIONS)})"
        )
    # os.path rather than importlib.resources: the latter pulls in pathlib and friends (~10 ms).
    import podlint_schemas

    path = os.path.join(os.path.dirname(podlint_schemas.__file__), f"pod-{line}.json")
    with open(path, encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def _fast_validator(line: str) -> Any:
    from podlint.schema.native import import_jsonschema_rs

    jsonschema_rs = import_jsonschema_rs()
    return jsonschema_rs.Draft7Validator(schema_for(line))


def fast_is_valid(pod: Any, line: str) -> bool | None:
    """True/False from the compiled validator; None when it cannot take the data (e.g. int keys)."""
    try:
        return bool(_fast_validator(line).is_valid(pod))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None
    except ImportError:  # no compiled validator on this platform: the reference path decides
        return None


def _whole_string_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` with whole-string semantics (Marathon's Java ``matches``, and jsonschema-rs).

    Python's ``$`` also matches before a final newline; every schema pattern is ``^…$``, so match the
    inside with ``fullmatch`` instead.
    """
    from jsonschema import ValidationError  # type: ignore[import-untyped,unused-ignore]

    if not isinstance(instance, str):
        return
    inner = pattern[1:-1] if pattern.startswith("^") and pattern.endswith("$") else pattern
    if _compiled(inner).fullmatch(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@functools.cache
def reference_validator(line: str) -> Any:
    import jsonschema  # type: ignore[import-untyped,unused-ignore]
    from jsonschema import validators  # type: ignore[import-untyped,unused-ignore]

    cls = validators.extend(jsonschema.Draft7Validator, {"pattern": _whole_string_pattern})
    return cls(schema_for(line))
