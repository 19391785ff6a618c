"""The plugin engine: third-party rules load through entry points, and broken plugins are reported
by name while everything else still runs."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

from podlint import engine, plugins
from podlint.cli import main
from podlint.config.settings import Settings
from podlint.engine import Linter

POD = {
    "id": "/web",
    "networks": [{"mode": "host"}],
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 64},
            "exec": {"command": {"shell": "sleep 1"}},
        }
    ],
}


def _with_entry_points(monkeypatch: pytest.MonkeyPatch, *values: tuple[str, str]) -> None:
    real = plugins._entry_points()
    extra = [metadata.EntryPoint(name, value, "podlint") for name, value in values]
    monkeypatch.setattr(plugins, "_entry_points", lambda: [*real, *extra])


def test_builtins_register_through_the_entry_point_group() -> None:
    names = {ep.name for ep in plugins._entry_points()}
    assert {"builtin-rules", "builtin-formatters"} <= names
    _, registry = plugins.make_plugin_manager()
    assert registry.lookup("health-check-endpoint") is not None
    assert {"text", "json"} <= set(registry.formatters)
    assert not registry.problems


def test_third_party_rule_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_entry_points(monkeypatch, ("teams", "tests.plugin_samples.good"))
    _, registry = plugins.make_plugin_manager()
    assert registry.owner["team-label"] == "teams"
    result = Linter(registry).lint_bytes(json.dumps(POD).encode(), "pod.json", Settings())
    assert [d.name for d in result.diagnostics] == ["team-label"]


def test_environment_switch_disables_third_party_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_entry_points(monkeypatch, ("teams", "tests.plugin_samples.good"))
    monkeypatch.setenv("PODLINT_NO_PLUGINS", "1")
    _, registry = plugins.make_plugin_manager()
    assert registry.lookup("team-label") is None
    assert registry.lookup("health-check-endpoint") is not None


def test_import_failure_and_raising_hook_are_reported_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_entry_points(
        monkeypatch,
        ("needs-missing-dep", "tests.plugin_samples.import_error"),
        ("hook-raises", "tests.plugin_samples.broken:hook_raises"),
    )
    _, registry = plugins.make_plugin_manager()
    problems = {p.plugin: p.message for p in registry.problems}
    assert "missing dependency of the plugin" in problems["needs-missing-dep"]
    assert "hook exploded" in problems["hook-raises"]
    assert registry.lookup("health-check-endpoint") is not None


def test_code_clash_is_refused_naming_both_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_entry_points(monkeypatch, ("misbehaving", "tests.plugin_samples.broken"))
    _, registry = plugins.make_plugin_manager()
    clash = [p for p in registry.problems if "clashes" in p.message]
    assert clash
    assert "PL301" in clash[0].message
    assert "builtin-rules" in clash[0].message
    assert registry.lookup("clashing-rule") is None
    assert registry.rules["health-check-endpoint"].code == "PL301"


def test_raising_garbage_and_slow_rules_become_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_entry_points(monkeypatch, ("misbehaving", "tests.plugin_samples.broken"))
    from tests.plugin_samples.broken import Slow

    monkeypatch.setattr(Slow, "delay", 0.05)
    monkeypatch.setattr(engine, "RULE_TIME_BUDGET", 0.01)
    _, registry = plugins.make_plugin_manager()
    result = Linter(registry).lint_bytes(json.dumps(POD).encode(), "pod.json", Settings())
    errors = [d.message for d in result.diagnostics if d.name == "rule-error"]
    assert any(
        "always-raises" in m and "RuntimeError: boom" in m and "misbehaving" in m for m in errors
    )
    assert any("returns-garbage" in m and "not a Finding" in m for m in errors)
    assert any("very-slow" in m and "budget" in m for m in errors)


def test_broken_plugin_is_a_finding_and_the_run_continues(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_entry_points(monkeypatch, ("needs-missing-dep", "tests.plugin_samples.import_error"))
    pod = tmp_path / "pod.json"
    pod.write_text(json.dumps(POD))
    code = main(["check", "--format", "json", "--no-cache", str(pod)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [d["name"] for d in out["diagnostics"]] == ["plugin-error"]
    assert "needs-missing-dep" in out["diagnostics"][0]["file"]
    assert out["summary"]["files"] == 1


def test_version_lists_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("podlint ")
    assert "builtin-rules" in out


def test_third_party_update_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from podlint.diagnostics import Previous
    from podlint.previous.model import PreviousPod
    from podlint.previous.sources import for_one_file

    _with_entry_points(monkeypatch, ("images", "tests.plugin_samples.update_rule"))
    _, registry = plugins.make_plugin_manager()
    assert registry.owner["image-downgrade"] == "images"
    assert not registry.problems
    old = json.loads(json.dumps(POD))
    old["containers"][0]["image"] = {"kind": "DOCKER", "id": "web:1.4"}
    new = json.loads(json.dumps(old))
    new["containers"][0]["image"]["id"] = "web:1.3"
    linter = Linter(registry)
    settings = Settings(select=["image-downgrade"])
    # Without a previous version an update rule does not run.
    assert linter.lint_bytes(json.dumps(new).encode(), "pod.json", settings).diagnostics == []
    linter.previous = for_one_file([PreviousPod(old, "deployed.json")], "pod.json", [new])
    [diag] = linter.lint_bytes(json.dumps(new).encode(), "pod.json", settings).diagnostics
    assert diag.name == "image-downgrade"
    assert diag.pointer == "/containers/0/image/id"
    assert diag.previous == Previous("web:1.4", "deployed.json", "/web")
