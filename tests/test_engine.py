"""The pipeline for one file: identify, check, locate, per-file ignores."""

from __future__ import annotations

import pytest

from podlint.config.settings import Settings
from podlint.engine import Linter
from podlint.identify import describe_non_pod, is_pod
from podlint.plugins import make_plugin_manager


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(make_plugin_manager(third_party=False)[1])


DANGLING = """\
id: /web
networks:
  - mode: host
containers:
  - name: web
    resources: {cpus: 0.5, mem: 64}
    exec: {command: {shell: ./serve}}
    endpoints:
      - name: http
        hostPort: 0
    healthCheck:
      http: {endpoint: htp}
      intervalSeconds: 30
      timeoutSeconds: 5
"""


def test_finding_is_located_at_the_value(linter: Linter) -> None:
    result = linter.lint_bytes(
        DANGLING.encode(), "web.yaml", Settings(select=["health-check-endpoint"])
    )
    (d,) = result.diagnostics
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (12, 24, 12, 27)
    assert d.pointer == "/containers/0/healthCheck/http/endpoint"
    assert "`htp`" in d.message
    assert d.url is not None
    assert d.url.endswith("#health-check-endpoint")


def test_every_document_of_a_multi_document_file_is_linted(linter: Linter) -> None:
    text = DANGLING + "---\n" + DANGLING
    result = linter.lint_bytes(
        text.encode(), "two.yaml", Settings(select=["health-check-endpoint"])
    )
    assert [(d.document, d.span.line) for d in result.diagnostics] == [(0, 12), (1, 27)]
    assert result.pods == 2


def test_missing_member_is_reported_at_its_parents_key(linter: Linter) -> None:
    text = '{\n  "id": "/a",\n  "containers": [\n    {"name": "a"}\n  ]\n}\n'
    result = linter.lint_bytes(text.encode(), "a.json", Settings(select=["schema-required"]))
    (d,) = result.diagnostics
    assert "resources" in d.message
    assert d.span.line == 4


def test_named_non_pod_is_reported_walked_one_is_skipped(linter: Linter) -> None:
    app = b'{"id": "/app", "cmd": "sleep 1", "cpus": 0.1, "mem": 32}'
    named = linter.lint_bytes(app, "app.json", Settings(), explicit=True)
    assert [d.name for d in named.diagnostics] == ["not-a-pod"]
    assert "app definition" in named.diagnostics[0].message
    walked = linter.lint_bytes(app, "app.json", Settings(), explicit=False)
    assert walked.diagnostics == []
    assert walked.skipped


def test_walked_file_meant_as_a_pod_still_reports_its_syntax_error(linter: Linter) -> None:
    broken = b'{"id": "/a", "containers": [ {"name": "a",} ]}'
    result = linter.lint_bytes(broken, "a.json", Settings(), explicit=False)
    assert "syntax-error" in [d.name for d in result.diagnostics]


def test_per_file_ignores(linter: Linter, tmp_path: object) -> None:
    settings = Settings(per_file_ignores={"legacy/*.yaml": ["health-check-endpoint"]})
    kept = linter.lint_bytes(DANGLING.encode(), "web.yaml", settings)
    ignored = linter.lint_bytes(DANGLING.encode(), "legacy/web.yaml", settings)
    assert "health-check-endpoint" in [d.name for d in kept.diagnostics]
    assert "health-check-endpoint" not in [d.name for d in ignored.diagnostics]


def test_severity_override(linter: Linter) -> None:
    from podlint.config.settings import RuleSettings
    from podlint.diagnostics import Severity

    settings = Settings(rules={"health-check-endpoint": RuleSettings(severity=Severity.INFO)})
    result = linter.lint_bytes(DANGLING.encode(), "web.yaml", settings)
    (d,) = [d for d in result.diagnostics if d.name == "health-check-endpoint"]
    assert d.severity is Severity.INFO


@pytest.mark.parametrize(
    ("data", "pod", "words"),
    [
        ({"id": "/a", "containers": []}, True, ""),
        ({"id": "/a", "scaling": {"kind": "fixed"}}, True, ""),
        ({"secrets": {"s": {"source": "x"}}}, False, "fragment"),
        ({"id": "/a", "cmd": "x", "instances": 2}, False, "app definition"),
        ({"id": "/g", "apps": []}, False, "group"),
        ({"id": "/g", "apps": [], "dependencies": ["/db"]}, False, "group definition"),
        (
            {"id": "/g", "pods": [{"id": "/g/p", "containers": []}]},
            False,
            "Marathon ignores `pods` in a group update",
        ),
        (
            {"apiVersion": "v1", "kind": "Pod", "metadata": {}, "spec": {"containers": []}},
            False,
            "a Kubernetes manifest (`kind: Pod`): podlint checks Marathon pods",
        ),
        ({"version": "3", "services": {"web": {"image": "nginx"}}}, False, "Docker Compose"),
        ([{"id": "/a"}], False, "list"),
        ("text", False, "string"),
        (None, False, "null"),
        ({}, False, "empty mapping"),
    ],
)
def test_identify(data: object, pod: bool, words: str) -> None:
    assert is_pod(data) is pod
    if not pod:
        assert words in describe_non_pod(data)


def test_a_yaml_typing_problem_is_reported_once(linter: Linter) -> None:
    text = DANGLING.replace("id: /web", "id: /web\nlabels:\n  commit: 6490e74")
    result = linter.lint_bytes(text.encode(), "web.yaml", Settings())
    at_label = [d.name for d in result.diagnostics if d.pointer == "/labels/commit"]
    assert at_label == ["schema-type"]


def test_finding_keeps_marathons_path_but_underlines_the_node_at_fault(linter: Linter) -> None:
    # Marathon reports R72 at /role; a pod without `role` is underlined at its persistent volume,
    # not at the document's opening brace, and the pointer stays Marathon's path.
    text = (
        '{\n  "id": "/db",\n  "volumes": [{"name": "data", "persistent": {"size": 10}}],\n'
        '  "networks": [{"mode": "host"}],\n  "containers": [{"name": "db", "resources": '
        '{"cpus": 1, "mem": 64}, "exec": {"command": {"shell": "db"}},\n'
        '    "volumeMounts": [{"name": "data", "mountPath": "data"}]}]\n}\n'
    )
    result = linter.lint_bytes(
        text.encode(), "db.json", Settings(select=["resident-pod-role-star"])
    )
    (d,) = result.diagnostics
    assert d.pointer == "/role"
    assert (d.span.line, d.span.column, d.span.end_line, d.span.end_column) == (3, 32, 3, 44)
    assert text.splitlines()[2][31:43] == '"persistent"'


def test_member_missing_at_the_top_points_at_the_documents_start() -> None:
    from podlint.loader import load

    (doc,) = load(b'{\n  "id": "/db"\n}\n', "db.json").documents
    span, found = doc.locate("/role")
    assert found == ""
    assert (span.line, span.column, span.end_line, span.end_column) == (1, 1, 1, 2)
