"""Walk the field table of the specification (§3) and prove each field is in the schema, with its
type, required-ness and constraints, in the versions that have it (and absent before)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from podlint.config.profile import SUPPORTED_VERSIONS
from podlint.schema import schema_for
from podlint_schemas.generator import NAME_PATTERN, NETWORK_NAME_PATTERN, PATH_ID_PATTERN
from tests.conftest import shared_path

# Where the schema knowingly differs from a row's constraint column, and why.
DEVIATIONS = {
    "F50": "facets of array items (2-3 strings per constraint) are not enforced at parse time (§1.1)",
}


@dataclass(frozen=True)
class Row:
    id: str
    path: str
    type: str
    req: str
    constraints: str
    since: str | None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _since(text: str) -> str | None:
    m = re.match(r"\s*(\d\.\d+)(\+|\s|;|$)", text)
    return m.group(1) if m else None


def parse_rows() -> list[Row]:
    text = shared_path("spec", "marathon-pod-facts.md").read_text(encoding="utf-8")
    section = text.split("## 3. Field reference", 1)[1].split("\n## 4.", 1)[0]
    rows: list[Row] = []
    header: list[str] = []
    section_since: str | None = None
    for line in section.splitlines():
        if line.startswith("### "):
            m = re.search(r"\((\d\.\d+)\+", line)
            section_since = m.group(1) if m else None
            header = []
            continue
        if not line.startswith("|"):
            continue
        cells = _cells(line)
        if cells and cells[0] == "#":
            header = [c.split("/")[0].strip().split(" ")[0] for c in cells]
            continue
        if not header or not re.fullmatch(r"F\d+", cells[0]):
            continue
        col = dict(zip(header, cells, strict=False))
        since = _since(col.get("versions", "")) or section_since
        path = col["path"].strip("`").replace("…", "containers[].")
        rows.append(Row(cells[0], path, col["type"], col["req"], col["constraints"], since))
    return rows


def _lookup(schema: dict[str, Any], path: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(parent object schema, field schema) pairs for a path, across union variants."""
    current: list[dict[str, Any]] = [schema]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for part in path.split("."):
        name = part.removesuffix("[]")
        pairs = []
        for node in current:
            for variant in node.get("anyOf", [node]):
                if name == "<name>":
                    extra = variant.get("additionalProperties")
                    if isinstance(extra, dict):
                        pairs.append((variant, extra))
                elif name in variant.get("properties", {}):
                    pairs.append((variant, variant["properties"][name]))
        current = [s for _, s in pairs]
        if part.endswith("[]"):
            current = [s["items"] for s in current if "items" in s]
    return pairs


def _types(s: dict[str, Any]) -> set[str]:
    if "anyOf" in s:
        return {t for v in s["anyOf"] for t in _types(v)}
    t = s.get("type", [])
    return {t} if isinstance(t, str) else set(t)


def _expected_types(type_text: str) -> set[str]:
    t = type_text.strip()
    if t.startswith('`"disabled"` or object'):
        return {"string", "object"}
    if t.startswith("number or"):
        return {"number", "string"}
    if t.startswith("string[]") or t.startswith("array"):
        return {"array"}
    first = re.split(r"[\s,(]", t, maxsplit=1)[0]
    return {
        "string": {"string"},
        "number": {"number"},
        "integer": {"integer"},
        "boolean": {"boolean"},
        "object": {"object"},
        "enum": {"string"},
        "KVLabels": {"object"},
        "EnvVars": {"object"},
        "MesosCommand": {"object"},
    }[first]


ROWS = None


def rows() -> list[Row]:
    global ROWS
    if ROWS is None:
        ROWS = parse_rows()
    return ROWS


def test_the_table_has_every_field() -> None:
    ids = [r.id for r in rows()]
    assert ids == [f"F{i}" for i in range(1, 125)]


def _row_ids() -> list[str]:
    return [f"F{i}" for i in range(1, 125)]


@pytest.mark.parametrize("field_id", _row_ids())
def test_field_is_in_the_schema_with_its_constraints(field_id: str) -> None:
    row = next(r for r in rows() if r.id == field_id)
    schema = schema_for("1.10")
    pairs = _lookup(schema, row.path)
    assert pairs, f"{row.id} {row.path} is not in the 1.10 schema"

    # Type.
    expected = _expected_types(row.type)
    for _, s in pairs:
        assert expected <= _types(s), f"{row.id}: {expected} not in {_types(s)}"

    # Required-ness.
    req = row.req.replace("*", "").strip()
    required = [
        row.path.split(".")[-1].removesuffix("[]") in p.get("required", []) for p, _ in pairs
    ]
    if req.startswith("yes in"):
        assert any(required), f"{row.id} should be required in a variant"
    elif req.startswith("yes"):
        assert all(required), f"{row.id} should be required"
    elif req.startswith("no"):
        assert not any(required), f"{row.id} should be optional"
        for _, s in pairs:
            assert "null" in _types(s) or not _types(s), f"{row.id}: optional fields accept null"

    if row.id in DEVIATIONS:
        return
    s = pairs[0][1]
    cons = row.constraints

    # Named value types.
    if "(Name)" in row.type:
        assert s["pattern"] == NAME_PATTERN
        assert s["minLength"] == 1
        assert s["maxLength"] == 63
    if "(NetworkName)" in row.type:
        assert s["pattern"] == NETWORK_NAME_PATTERN
        assert s["maxLength"] == 63
    if "(PathId)" in row.type:
        assert s["pattern"] == PATH_ID_PATTERN
        assert s["minLength"] == 1
    if "(Path)" in row.type or "(Uri)" in row.type:
        assert (s["minLength"], s["maxLength"]) == (1, 1024)
    if "(Port)" in row.type:
        assert (s["minimum"], s["maximum"]) == (1, 65535)
    if "(AnyPort)" in row.type:
        assert (s["minimum"], s["maximum"]) == (0, 65535)
    numeric = expected <= {"number", "integer"}
    if (
        row.type.startswith("integer (int32")
        and "minimum" not in cons
        and "≥" not in cons
        and "…" not in cons
    ):
        assert (s["minimum"], s["maximum"]) == (-(2**31), 2**31 - 1)
    if row.type.startswith("integer (int64") and "minimum" not in cons and "≥" not in cons:
        assert s["maximum"] == 2**63 - 1

    # Numeric and length facets written in the constraints column.
    m = re.search(r"(?:minimum|≥)\s*([0-9.]+)", cons)
    if m and numeric:
        assert s["minimum"] == float(m.group(1)), f"{row.id}: minimum"
    m = re.match(r"([0-9.]+) … ([0-9.]+)", cons)
    if m and numeric:
        assert (s["minimum"], s["maximum"]) == (float(m.group(1)), float(m.group(2)))
    m = re.match(r"([0-9]+)–([0-9]+)", cons)
    if m and expected == {"string"}:
        assert (s["minLength"], s["maxLength"]) == (int(m.group(1)), int(m.group(2)))
    m = re.search(r"minLength ([0-9]+)", cons)
    if m:
        assert s["minLength"] == int(m.group(1))
    m = re.search(r"minItems ([0-9]+)", cons)
    if m:
        assert s["minItems"] == int(m.group(1))

    # Enums: values in any letter case, except scaling.kind (exactly "fixed").
    if "exactly `fixed`" in cons:
        assert s["enum"] == ["fixed"]
    elif row.type.startswith("enum"):
        first = cons.split(";")[0]
        values = [v.strip() for token in re.findall(r"`([^`]+)`", first) for v in token.split(",")]
        assert sorted(s["x-podlint-enum"]) == sorted(set(values)), row.id
        assert s["x-podlint-enum"] == s["examples"]
    if row.type.startswith("EnvVars"):
        assert s["propertyNames"]["pattern"] == "^[a-zA-Z_][a-zA-Z0-9_]{0,253}?$"
    if row.type.startswith("KVLabels"):
        assert s["additionalProperties"] == {"type": "string"}


@pytest.mark.parametrize("field_id", _row_ids())
def test_field_exists_from_its_version_on(field_id: str) -> None:
    row = next(r for r in rows() if r.id == field_id)
    since = row.since or "1.4"
    for line in SUPPORTED_VERSIONS:
        present = bool(_lookup(schema_for(line), row.path))
        newer = SUPPORTED_VERSIONS.index(line) >= SUPPORTED_VERSIONS.index(since)
        assert present == newer, f"{row.id} {row.path}: present={present} in {line}, since {since}"


def test_version_1_4_has_no_facets() -> None:
    text = str(schema_for("1.4"))
    for facet in ("'minLength'", "'maxLength'", "'minItems'", "propertyNames"):
        assert facet not in text
    # Only enum patterns and the version date (a type rule, not a facet) remain.
    container = schema_for("1.4")["properties"]["containers"]["items"]
    assert "pattern" not in container["properties"]["name"]
