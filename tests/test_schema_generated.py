"""The shipped schema files are current, valid against their metaschema, and exportable."""

from __future__ import annotations

import json

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import jsonschema_rs
import pytest

from podlint.schema import export_schema, schema_for
from podlint_schemas import generator


@pytest.mark.parametrize("version", generator.VERSIONS)
def test_generated_file_is_current(version: str) -> None:
    path = generator.schema_path(version)
    assert path.exists(), f"{path.name} is missing: run python -m podlint_schemas.generator"
    assert path.read_text(encoding="utf-8") == generator.render(version), (
        f"{path.name} is stale: run python -m podlint_schemas.generator"
    )


@pytest.mark.parametrize("version", generator.VERSIONS)
def test_schema_is_valid_draft7(version: str) -> None:
    schema = schema_for(version)
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema_rs.Draft7Validator(schema)  # compiles


@pytest.mark.parametrize("version", generator.VERSIONS)
@pytest.mark.parametrize("strict", [False, True])
def test_exported_schema_is_valid_and_clean(version: str, strict: bool) -> None:
    exported = export_schema(version, forbid_unknown_keys=strict)
    jsonschema.Draft7Validator.check_schema(exported)
    text = json.dumps(exported)
    assert "x-podlint-" not in text
    assert exported["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert exported["properties"]["id"]["description"]
    assert exported["properties"]["id"]["markdownDescription"]
    containers = exported["properties"]["containers"]["items"]
    assert "patternErrorMessage" in containers["properties"]["name"] or version == "1.4"
    assert "default" in containers["properties"]["resources"]["properties"]["cpus"]


def test_export_accepts_a_release_and_does_not_share_state() -> None:
    first = export_schema("1.9.3")
    first["properties"].clear()
    assert export_schema("1.9")["properties"]["id"]
    assert export_schema("1.9")["$id"].endswith("1.9.json")
    with pytest.raises(ValueError, match="not supported"):
        export_schema("1.3")


def test_exported_schema_accepts_a_valid_pod_and_marks_ignored_fields() -> None:
    pod = {
        "id": "/web",
        "containers": [
            {
                "name": "web",
                "resources": {"cpus": 0.5, "mem": 64},
                "image": {"kind": "docker", "id": "x"},
            }
        ],
    }
    exported = export_schema("1.10")
    assert jsonschema.Draft7Validator(exported).is_valid(pod)
    strict = export_schema("1.10", forbid_unknown_keys=True)
    assert jsonschema.Draft7Validator(strict).is_valid(pod)
    assert not jsonschema.Draft7Validator(strict).is_valid({**pod, "fetch": []})
    scaling = exported["properties"]["scaling"]["properties"]
    assert "deprecationMessage" in scaling["maxInstances"]
    assert "deprecationMessage" in exported["properties"]["version"]


def test_import_is_light() -> None:
    """Importing the schema layer builds nothing: validators are built on first use."""
    import subprocess
    import sys

    code = (
        "import sys, podlint.schema, podlint_rules.schema_type, podlint_rules.unknown_key;"
        "print('jsonschema' in sys.modules, 'jsonschema_rs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
