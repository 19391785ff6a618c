"""Unit tests of the constraint rules: placement operators (R30, spec §7, P11) and persistent volume
constraints (R88)."""

from __future__ import annotations

from typing import Any

import pytest

from podlint_rules.constraint_operators import (
    PlacementConstraintInvalid,
    parses_as_int32,
    regex_problem,
)
from podlint_rules.constraint_persistent_volume import PersistentVolumeConstraintInvalid
from tests.rules.pod_rule_support import pod, pointers, resident_pod, run

C0 = "/scheduling/placement/constraints/0"


def _c(profile: dict[str, Any] | None = None, **constraint: Any) -> list[str]:
    data = pod(scheduling={"placement": {"constraints": [constraint]}})
    return pointers(PlacementConstraintInvalid, data, profile)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("3", True),
        ("-1", True),
        ("+7", True),
        ("2147483647", True),
        ("2147483648", False),
        ("-2147483648", True),
        ("3.0", False),
        ("", False),
        (" 3", False),
        ("٣", False),
    ],
)
def test_int32_like_java(text: str, ok: bool) -> None:
    assert parses_as_int32(text) is ok


def test_regex_problems_are_only_the_certain_ones() -> None:
    assert regex_problem("rack-[1-3") is not None
    assert regex_problem("(a") is not None
    assert regex_problem("*a") is not None
    assert regex_problem("") is None
    assert regex_problem(r"\p{Alpha}+") is None  # Java syntax Python does not know
    assert regex_problem(r"a++") is None


def test_operator_value_rules() -> None:
    assert _c(fieldName="h", operator="UNIQUE", value="x") == [f"{C0}/value"]
    assert _c(fieldName="h", operator="UNIQUE") == []
    assert _c(fieldName="h", operator="unique", value=None) == []
    assert _c(fieldName="h", operator="GROUP_BY", value="x") == [f"{C0}/value"]
    assert _c(fieldName="h", operator="GROUP_BY", value="") == [f"{C0}/value"]
    assert _c(fieldName="h", operator="GROUP_BY", value="-4") == []
    assert _c(fieldName="h", operator="MAX_PER") == [C0]
    assert _c(fieldName="h", operator="Max_Per", value="1") == []
    assert _c(fieldName="h", operator="LIKE") == [C0]
    assert _c(fieldName="h", operator="UNLIKE", value="[") == [f"{C0}/value"]
    assert _c(fieldName="h", operator="LIKE", value="") == []
    assert _c(fieldName="", operator="CLUSTER", value="x") == [f"{C0}/fieldName"]


def test_is_operator() -> None:
    assert _c(fieldName="h", operator="IS", value="{a,b}") == [f"{C0}/value"]
    assert _c(fieldName="h", operator="IS", value="x86_64/v1.2-a") == []
    assert _c(fieldName="h", operator="IS") == []
    # Before 1.6 IS is not an operator at all: the schema layer's (unknown enum literal).
    assert _c({"marathon_version": "1.5"}, fieldName="h", operator="IS", value="{a}") == []


def test_cluster_needs_a_value_in_early_1_4() -> None:
    assert _c({"marathon_version": "1.4.0"}, fieldName="h", operator="CLUSTER") == [C0]
    assert _c({"marathon_version": "1.4.7"}, fieldName="h", operator="CLUSTER", value="") == [
        f"{C0}/value"
    ]
    assert _c({"marathon_version": "1.4.8"}, fieldName="h", operator="CLUSTER") == []
    assert _c({"marathon_version": "1.4"}, fieldName="h", operator="CLUSTER") == []


def test_unknown_operators_and_wrong_types_are_left_to_the_schema() -> None:
    assert _c(fieldName="h", operator="IN", value="a") == []
    assert _c(fieldName="h", operator="MAX_PER", value=3) == []


def test_messages_name_the_value() -> None:
    data = pod(
        scheduling={
            "placement": {
                "constraints": [{"fieldName": "h", "operator": "MAX_PER", "value": "two"}]
            }
        }
    )
    (finding,) = run(PlacementConstraintInvalid, data)
    assert "MAX_PER requires an integer value" in finding.message
    assert '"two"' in finding.message


def _pv(constraints: Any) -> dict[str, Any]:
    return resident_pod(
        volumes=[{"name": "pgdata", "persistent": {"size": 10, "constraints": constraints}}]
    )


def test_persistent_volume_constraints() -> None:
    findings = run(
        PersistentVolumeConstraintInvalid, _pv([["path", "LIKE", "/a"], ["path", "UNIQUE"]])
    )
    assert [f.pointer for f in findings] == ["/volumes/0/persistent/constraints/1"]
    assert "illegal volume constraint path,UNIQUE" in findings[0].message
    assert run(PersistentVolumeConstraintInvalid, _pv([["path", "LIKE", ".*"]])) == []
    # not a persistent volume before 1.6, or when the persistent part does not parse
    bad = _pv([["hostname", "UNIQUE"]])
    assert run(PersistentVolumeConstraintInvalid, bad, {"marathon_version": "1.5"}) == []
    assert run(PersistentVolumeConstraintInvalid, _pv([["a"]])) == []
