"""A run answered from the cache collects no rule, and reports exactly what a run that does reports.

The cache keeps a record of the packages the rules come from (``podlint.cache.rule_record``); while
it holds, the rules are collected only when something uses one. Each test fills the cache, changes
one thing, and checks the next run against a run without the cache.
"""

from __future__ import annotations

import json
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import podlint.cache.keys as keys_module
from podlint import plugins
from podlint.cache import CACHE_DIR, rule_record
from podlint.cache.store import DB_NAME
from podlint.cli import main

# An error (the health check's endpoint), an info (the executor's share) and, in b.json, the image tag.
POD = """{
  "id": "/web",
  "executorResources": {"cpus": 0.5},
  "containers": [
    {
      "name": "web",
      "resources": {"cpus": 0.1, "mem": 64},
      "image": {"kind": "DOCKER", "id": "nginx"},
      "healthCheck": {"http": {"endpoint": "htp"}}
    }
  ]
}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pods").mkdir()
    (tmp_path / "pods" / "a.json").write_text(POD)
    (tmp_path / "pods" / "b.json").write_text(POD.replace("nginx", "nginx:latest"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PODLINT_NO_PLUGINS", raising=False)
    return tmp_path


class Collections:
    """Counts how often the rule hooks are called."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = plugins._collect_rules

        def counted(*args: Any) -> None:
            self.count += 1
            original(*args)

        monkeypatch.setattr(plugins, "_collect_rules", counted)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _with_entry_points(monkeypatch: pytest.MonkeyPatch, *values: tuple[str, str]) -> None:
    real = plugins._entry_points()
    extra = [metadata.EntryPoint(name, value, "podlint") for name, value in values]
    monkeypatch.setattr(plugins, "_entry_points", lambda: [*real, *extra])


def test_a_warm_run_collects_no_rule_and_prints_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    collections = Collections(monkeypatch)
    cold = _check(capsys, "--no-cache", "pods")
    assert collections.count == 1
    assert _check(capsys, "pods") == cold  # fills the cache and writes the record
    assert collections.count == 2
    for _ in range(2):
        assert _check(capsys, "pods") == cold
    assert collections.count == 2
    # Another format that reads the rules (SARIF's rule descriptors) collects them.
    sarif = main(["check", "--format", "sarif", "pods"])
    assert collections.count == 3
    assert sarif == cold[0] == 1
    rules = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]["rules"]
    assert "health-check-endpoint" in {r["name"] for r in rules}


def test_a_changed_file_collects_the_rules_and_is_linted(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        _check(capsys, "pods")
    (project / "pods" / "a.json").write_text(POD.replace('"htp"', '"http"').replace("64", "65"))
    assert _check(capsys, "pods") == _check(capsys, "--no-cache", "pods")


@pytest.mark.parametrize(
    ("where", "selector"),
    [("config", "PL9999"), ("config", "no-such-rule"), ("flag", "PL9999"), ("flag", "XQ")],
)
def test_an_unknown_rule_is_reported_on_a_warm_run(
    project: Path, capsys: pytest.CaptureFixture[str], where: str, selector: str
) -> None:
    for _ in range(2):
        _check(capsys, "pods")
    args = ["pods"]
    if where == "config":
        (project / ".podlint.yaml").write_text(f"ignore: [{selector}]\n")
    else:
        args = ["--ignore", selector, "pods"]
    warm = _check(capsys, *args)
    assert warm[0] == 2
    assert f"unknown rule {selector!r}" in warm[2]
    assert warm == _check(capsys, "--no-cache", *args)


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "ALL"],
        ["--select", "PL2"],
        ["--ignore", "image-tag-pinned"],
        ["--extend-select", "ALL", "--ignore", "PL1"],
    ],
)
def test_selections_on_a_warm_run_are_the_cold_runs(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    for _ in range(2):
        _check(capsys, *args, "pods")
    assert _check(capsys, *args, "pods") == _check(capsys, "--no-cache", *args, "pods")


def test_a_bad_rule_option_is_reported_on_a_warm_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        _check(capsys, "pods")
    (project / ".podlint.yaml").write_text("rules:\n  image-tag-pinned:\n    no_such_option: 1\n")
    warm = _check(capsys, "pods")
    assert warm[0] == 2
    assert "no_such_option" in warm[2]
    assert warm == _check(capsys, "--no-cache", "pods")


def test_a_plugin_added_after_the_cache_was_filled_is_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        _check(capsys, "pods")
    _with_entry_points(monkeypatch, ("teams", "tests.plugin_samples.good"))
    warm = _check(capsys, "pods")
    assert "team-label" in {d["name"] for d in json.loads(warm[1])["diagnostics"]}
    assert warm == _check(capsys, "--no-cache", "pods")


def test_a_failing_rule_hook_is_reported_on_every_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_entry_points(monkeypatch, ("hook-raises", "tests.plugin_samples.broken:hook_raises"))
    cold = _check(capsys, "--no-cache", "pods")
    assert "plugin-error" in {d["name"] for d in json.loads(cold[1])["diagnostics"]}
    for _ in range(3):
        assert _check(capsys, "pods") == cold


def test_a_record_vouches_only_while_the_rules_code_is_unchanged(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _check(capsys, "pods")
    _, registry = plugins.make_plugin_manager()
    packages = rule_record.vouch(registry, CACHE_DIR)
    assert packages is not None
    assert "podlint_rules" in packages
    original = keys_module.code_fingerprint
    monkeypatch.setattr(
        keys_module, "code_fingerprint", lambda names: "edited" + (original(names) or "")
    )
    assert rule_record.vouch(registry, CACHE_DIR) is None
    collections = Collections(monkeypatch)
    _check(capsys, "pods")
    assert collections.count == 1


@pytest.mark.parametrize(
    "packages", ['["podlint"]', "[]", '"podlint_rules"', "[1]", "not json", '["podlint", ""]']
)
def test_a_record_that_is_not_one_vouches_for_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], packages: str
) -> None:
    _check(capsys, "pods")
    with sqlite3.connect(project / CACHE_DIR / DB_NAME) as db:
        db.execute("UPDATE rule_records SET packages = ?", (packages,))
    _, registry = plugins.make_plugin_manager()
    assert rule_record.vouch(registry, CACHE_DIR) is None


def test_deferred_rules_are_the_rules(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check(capsys, "pods")
    _, full = plugins.make_plugin_manager()
    for read in (
        lambda r: dict(r.rules),
        lambda r: sorted(r.rules),
        lambda r: len(r.by_code),
        lambda r: "health-check-endpoint" in r.rules,
        lambda r: r.lookup("PL101"),
        lambda r: list(r.rules.items()),
        lambda r: r.rules == full.rules,
        lambda r: {**r.by_code},
    ):
        _, deferred = plugins.make_plugin_manager(
            defer_rules=lambda registry: rule_record.vouch(registry, CACHE_DIR)
        )
        assert deferred.rules_pending
        assert read(deferred) == read(full)
        assert not deferred.rules_pending
        assert deferred.rules == full.rules
        assert deferred.by_code == full.by_code
