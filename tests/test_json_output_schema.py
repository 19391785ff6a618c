"""``--format json`` against its published JSON Schema (``podlint/json_output.schema.json``)."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest

from podlint.cli import main
from podlint.diagnostics import Diagnostic, Previous, ResolvedFix, Severity, Span, TextEdit
from podlint.results import RunSummary
from podlint.serialize import JSON_FORMAT_VERSION, diagnostic_to_dict
from tests.conftest import REPO

PODS = ["tests/data/formats/web.json", "tests/data/formats/worker.yaml"]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    text = resources.files("podlint").joinpath("json_output.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    main(["check", "--isolated", "--no-cache", "--format", "json", *args])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_schema_describes_the_current_version(schema: dict[str, Any]) -> None:
    assert schema["properties"]["version"]["const"] == JSON_FORMAT_VERSION


def test_every_field_is_documented(schema: dict[str, Any]) -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if sub is not True:  # `true` re-admits a field described in an allOf part
                    assert "description" in sub or "$ref" in sub, f"{where}.{name} undocumented"
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(schema, "schema")
    position = schema["$defs"]["position"]["description"]
    assert "1-based" in position
    assert "exclusive" in position


def test_schema_lists_every_field_podlint_writes(schema: dict[str, Any]) -> None:
    d = Diagnostic(
        "pod.json", "PL301", "health-check-endpoint", Severity.ERROR, "m", "/id", Span(1, 2, 1, 3),
        help="h", url="https://example.org/x",
        fix=ResolvedFix("f", "safe", (TextEdit(1, 2, "x", Span(1, 2, 1, 3)),)),
        previous=Previous(1.5, "HEAD:pod.json", "/web"),
    )  # fmt: skip
    written = diagnostic_to_dict(d)
    diag_props = set(schema["$defs"]["diagnostic"]["properties"])
    assert set(written) == diag_props
    assert set(written["previous"]) == set(schema["$defs"]["previous"]["properties"])
    assert set(written["fix"]) == set(schema["$defs"]["fix"]["properties"])
    assert set(written["fix"]["edits"][0]) == set(schema["$defs"]["edit"]["properties"])
    assert set(RunSummary().as_dict()) == set(schema["$defs"]["summary"]["properties"])


def test_real_output_validates(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    validator: jsonschema.Draft202012Validator,
) -> None:
    monkeypatch.chdir(REPO)
    data = _run_json(capsys, *PODS)
    validator.validate(data)
    assert data["diagnostics"], "the sample pods should produce findings"
    assert any("fix" in d for d in data["diagnostics"]), "and at least one fix"


def test_clean_run_validates(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    validator: jsonschema.Draft202012Validator,
) -> None:
    pod = tmp_path / "ok.json"
    pod.write_text(
        json.dumps(
            {
                "id": "/ok",
                "containers": [
                    {
                        "name": "app",
                        "resources": {"cpus": 0.5, "mem": 128},
                        "exec": {"command": {"shell": "sleep 1000"}},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    data = _run_json(capsys, str(pod))
    validator.validate(data)
    assert data["diagnostics"] == []
    assert data["summary"]["files"] == 1


def _valid_diagnostic() -> dict[str, Any]:
    return {
        "file": "pod.json",
        "code": "PL301",
        "name": "health-check-endpoint",
        "severity": "error",
        "message": "m",
        "pointer": "/containers/0",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 2,
        "document": 0,
    }


@pytest.mark.parametrize(
    "change",
    [
        {"line": 0},
        {"column": 0},
        {"severity": "fatal"},
        {"pointer": "containers/0"},
        {"pointer": "/bad~2escape"},
        {"name": "Not Kebab"},
        {"unexpected": 1},
        {"fix": {"description": "d", "applicability": "maybe", "edits": []}},
    ],
)
def test_schema_rejects_broken_diagnostics(
    change: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    diag = {**_valid_diagnostic(), **change}
    payload = {"version": 1, "diagnostics": [diag], "summary": RunSummary().as_dict()}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(payload)


def test_schema_accepts_a_minimal_diagnostic(validator: jsonschema.Draft202012Validator) -> None:
    summary = dataclasses.asdict(RunSummary(files=1, errors=1))
    validator.validate({"version": 1, "diagnostics": [_valid_diagnostic()], "summary": summary})


def test_schema_file_ships_in_the_package() -> None:
    assert (REPO / "podlint" / "json_output.schema.json").is_file()
    assert resources.files("podlint").joinpath("json_output.schema.json").is_file()
