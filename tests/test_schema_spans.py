"""Schema findings land on the exact text that is wrong, in JSON and in YAML, through the engine."""

from __future__ import annotations

from podlint.diagnostics import Diagnostic
from tests.ruletest import lint_text

JSON_POD = """{
  "id": "/web",
  "containers": [
    {
      "name": "web",
      "resources": {"cpus": "0.5", "mem": 128},
      "image": {"kind": "DOCKER", "id": "nginx:1.25", "forcePul": true}
    }
  ]
}
"""

YAML_POD = """id: /web
containers:
  - name: web
    resources:
      cpus: "0.5"
      mem: 128
    image:
      kind: DOCKER
      id: nginx
      forcePul: true
"""


def _text_at(text: str, d: Diagnostic) -> str:
    lines = text.splitlines()
    assert d.span.line == d.span.end_line
    return lines[d.span.line - 1][d.span.column - 1 : d.span.end_column - 1]


def test_wrong_type_is_reported_at_the_value_in_json() -> None:
    (d,) = lint_text(JSON_POD, "schema-type", filename="pod.json")
    assert d.pointer == "/containers/0/resources/cpus"
    assert _text_at(JSON_POD, d) == '"0.5"'


def test_wrong_type_is_reported_at_the_value_in_yaml() -> None:
    (d,) = lint_text(YAML_POD, "schema-type", filename="pod.yaml")
    assert _text_at(YAML_POD, d) == '"0.5"'


def test_unknown_key_is_reported_at_the_key() -> None:
    for text, name in ((JSON_POD, "pod.json"), (YAML_POD, "pod.yaml")):
        (d,) = lint_text(text, "unknown-key", filename=name)
        assert _text_at(text, d).strip('"') == "forcePul"
        assert d.fix is not None


def test_a_1_10_field_is_flagged_under_1_9() -> None:
    text = JSON_POD.replace('"0.5"', "0.5").replace(
        '"mem": 128}', '"mem": 128}, "resourceLimits": {"cpus": "unlimited"}'
    )
    assert lint_text(
        text, "unknown-key", filename="pod.json", profile={"marathon_version": "1.10"}
    )[0].pointer.endswith("forcePul")
    found = lint_text(text, "unknown-key", filename="pod.json", profile={"marathon_version": "1.9"})
    limits = [d for d in found if d.pointer == "/containers/0/resourceLimits"]
    assert len(limits) == 1
    assert "needs Marathon 1.10" in limits[0].message
    assert _text_at(text, limits[0]) == '"resourceLimits"'
