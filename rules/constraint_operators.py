"""PL250: placement constraints must satisfy their operator's value rule (R30, spec §7, P11)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.diagnostics import Finding, Fix, FixOp, Severity, Snippet
from podlint.rule import Context, Rule, as_dict, as_list
from podlint_rules._pod_helpers import enum_value

_INT32 = re.compile(r"[+-]?[0-9]+")
_IS_VALUE = re.compile(r"[a-zA-Z0-9_/.-]*")
# Python reports these for patterns Java's java.util.regex rejects as well; anything else Python
# refuses may be Java-only syntax (\p{…}, \Q…\E, possessive quantifiers), which we do not second-guess.
_STRUCTURAL_REGEX_ERRORS = (
    "missing )",
    "unbalanced parenthesis",
    "nothing to repeat",
    "unterminated character set",
    "bad character range",
    "bad escape (end of pattern)",
)


def parses_as_int32(text: str) -> bool:
    """Whether Java's ``Integer.parseInt`` accepts ``text`` (ASCII digits, optional sign)."""
    return bool(_INT32.fullmatch(text)) and -(2**31) <= int(text) <= 2**31 - 1


def regex_problem(pattern: str) -> str | None:
    """Why Java would refuse to compile ``pattern``, when we can be sure it would; else None."""
    try:
        re.compile(pattern)
    except re.error as error:
        message = str(error)
        if any(message.startswith(m) for m in _STRUCTURAL_REGEX_ERRORS):
            return message
    return None


class PlacementConstraintInvalid(Rule):
    """A placement constraint's ``fieldName`` or ``value`` does not fit its operator.

    What it does
    ------------
    Checks each ``scheduling.placement.constraints`` entry (operators are case-insensitive):

    - ``fieldName`` must not be empty;
    - ``UNIQUE`` takes no ``value``;
    - ``CLUSTER`` takes any value, but Marathon 1.4.0–1.4.7 require one;
    - ``GROUP_BY`` takes no value or a 32-bit integer; ``MAX_PER`` requires a 32-bit integer;
    - ``LIKE`` / ``UNLIKE`` require a value that compiles as a regular expression (``""`` passes);
    - ``IS`` (1.6+) takes only Mesos text or float values: ``[a-zA-Z0-9_/.-]*``.

    An unknown operator (``IN``, or ``IS`` before 1.6) is rejected while the JSON is read and is
    reported by the schema layer.

    Why is this bad
    ---------------
    Marathon rejects the pod, e.g. ``MAX_PER requires an integer value``, ``UNIQUE does not accept a
    value``, ``GROUP BY must define an integer value or else no value at all``.

    Example
    -------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"constraints": [
        {"fieldName": "hostname", "operator": "MAX_PER", "value": "two"}
      ]}}
    }
    ```

    Use instead
    -----------
    ```json
    {
      "id": "/web",
      "containers": [{"name": "nginx", "resources": {"cpus": 0.5, "mem": 128},
                      "image": {"kind": "DOCKER", "id": "nginx:1.25"}}],
      "networks": [{"mode": "host"}],
      "scheduling": {"placement": {"constraints": [
        {"fieldName": "hostname", "operator": "MAX_PER", "value": "2"}
      ]}}
    }
    ```

    Options
    -------
    None.

    References
    ----------
    - Marathon 1.4–1.10 answers `UNIQUE does not accept a value / MAX_PER requires an integer value / … (one per operator)` at `/scheduling/placement/constraints(<i>)` ([SchedulingValidation.scala](https://github.com/mesosphere/marathon/blob/v1.10.26/src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala#L82-L127)).
    - Marathon 1.4 answers `Missing field and operator / Value specified but not used / Value was specified but is not a number / …` at `/scheduling/placement/constraints(<i>)` ([PodsValidation.scala](https://github.com/mesosphere/marathon/blob/v1.4.13/src/main/scala/mesosphere/marathon/api/v2/validation/PodsValidation.scala#L226-L271)).
    - The fields in Marathon's API types: [`constraint.raml`](https://github.com/mesosphere/marathon/blob/v1.10.26/docs/docs/rest-api/public/api/v2/types/constraint.raml).
    - How Marathon validates a pod: [Checks after reading](https://github.com/podlint/podlint/blob/main/docs/marathon.md#checks-after-reading), [Version by version](https://github.com/podlint/podlint/blob/main/docs/marathon.md#version-by-version).
    """

    code = "PL250"
    name = "placement-constraint-invalid"
    severity = Severity.ERROR
    summary = "Placement constraint values must fit their operator"
    marathon_rules = ("R30", "P11")
    settings = ("marathon_version",)

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        placement = as_dict(as_dict(pod.get("scheduling")).get("placement"))
        for i, constraint in enumerate(as_list(placement.get("constraints"))):
            if isinstance(constraint, dict):
                yield from self._check_one(
                    constraint, f"/scheduling/placement/constraints/{i}", ctx
                )

    def _check_one(self, constraint: dict[str, Any], base: str, ctx: Context) -> Iterator[Finding]:
        if constraint.get("fieldName") == "":
            yield Finding(
                f"{base}/fieldName",
                "the constraint has an empty fieldName; Marathon needs the agent attribute (or "
                "hostname, @region, @zone) it constrains (missing field for constraint declaration)",
                help="Name the agent attribute the constraint is about, e.g. {0}.",
                snippets=(Snippet("hostname", at=f"{base}/fieldName"),),
            )
        operator = enum_value(constraint.get("operator"))
        value = constraint.get("value")
        if value is not None and not isinstance(value, str):
            return  # wrong type: the schema layer's finding
        value_pointer = f"{base}/value"
        if operator == "UNIQUE" and value is not None:
            yield Finding(
                value_pointer,
                f'UNIQUE does not accept a value (got "{value}"); it means one instance per '
                "distinct value of the field",
                help="Remove `value`, or use MAX_PER with the value as the limit.",
                fix=Fix('remove "value"', "unsafe", (FixOp("remove", value_pointer),)),
            )
        elif operator == "CLUSTER" and not value and not ctx.version.at_least(4, 8):
            yield Finding(
                value_pointer if value is not None else base,
                "CLUSTER needs a value in Marathon 1.4.0 to 1.4.7 (Missing value): the field value "
                "all instances must share",
                help="Add a `value`: the rack or host name all instances must share.",
            )
        elif operator == "GROUP_BY" and value is not None and not parses_as_int32(value):
            yield Finding(
                value_pointer,
                f'GROUP_BY must define an integer value or else no value at all, not "{value}" '
                "(the value is the expected number of distinct field values)",
                help="Write a whole number such as {0}, or remove `value`.",
                snippets=(Snippet("3", "value", at=base),),
            )
        elif operator == "MAX_PER" and (value is None or not parses_as_int32(value)):
            yield Finding(
                value_pointer if value is not None else base,
                "MAX_PER requires an integer value (the most instances per field value)"
                + (f', not "{value}"' if value is not None else ", and none is given"),
                help="Set `value` to a whole number, e.g. {0}.",
                snippets=(Snippet("2", "value", at=base),),
            )
        elif operator in ("LIKE", "UNLIKE"):
            if value is None:
                yield Finding(
                    base,
                    f"{operator} requires a regular expression value to match the field against, "
                    "and none is given",
                    help="Add a `value` with a regular expression, e.g. {0}.",
                    snippets=(Snippet("rack-[1-3]", "value", at=base),),
                )
            elif (problem := regex_problem(value)) is not None:
                yield Finding(
                    value_pointer,
                    f'"{value}" is not a valid regular expression ({problem}); {operator} '
                    "matches the field against it",
                    help="Fix the regular expression (Java syntax, matched against the whole value).",
                )
        elif (
            operator == "IS"
            and ctx.version.at_least(6)
            and value
            and not _IS_VALUE.fullmatch(value)
        ):
            yield Finding(
                value_pointer,
                f'IS only supports Mesos text and float values, not "{value}": letters, digits and '
                "_ / . - (ranges and sets are not allowed)",
                help="Compare with a single text or number value, or use LIKE for patterns.",
            )
