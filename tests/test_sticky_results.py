"""Nothing that happened to one run sticks to the file: findings about the run are never cached.

A rule that crashed, was stopped or was slow said something about this run (a loaded CI machine, a
flaky network call in a plugin), not about the pod; the next run must try again. And a plugin whose
code changed, without a new version number (an editable install), must not get its old findings back.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import podlint.cache.run as run_module
import podlint.commands.check as check_module
from podlint import engine
from podlint.cache import CACHE_DIR, cached_run
from podlint.cache.store import DB_NAME
from podlint.config.discovery import ConfigResolver
from podlint.diagnostics import Finding
from podlint.discover import discover
from podlint.engine import Linter
from podlint.plugins import Registry, make_plugin_manager
from podlint.results import FileResult
from podlint.rule import Context, Rule
from podlint.serialize import diagnostic_to_dict
from tests.hostile_support import clean_env, run_podlint, write_plugin

# Marathon accepts it and no default rule finds anything in it.
CLEAN_POD = {
    "id": "/clean",
    "containers": [
        {
            "name": "web",
            "resources": {"cpus": 0.5, "mem": 128},
            "image": {"kind": "DOCKER", "id": "nginx:1.25"},
        }
    ],
}

# While this file exists, the rules below misbehave (a flaky dependency, a loaded machine).
FLAG = "trouble.flag"


class FlakyCrash(Rule):
    """Raises while the flag file exists."""

    code = "XT001"
    name = "flaky-crash"
    summary = "flaky"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if os.path.exists(FLAG):
            raise ConnectionError("registry.example timed out")
        return iter(())


class FlakySlow(Rule):
    """Takes a while, within its limit, while the flag file exists."""

    code = "XT002"
    name = "flaky-slow"
    summary = "slow"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if os.path.exists(FLAG):
            time.sleep(0.6)
        return iter(())


class FlakyHang(Rule):
    """Hangs while the flag file exists."""

    code = "XT003"
    name = "flaky-hang"
    summary = "hang"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        if os.path.exists(FLAG):
            time.sleep(30)
        return iter(())


class Counting:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = Linter.lint_bytes

        def counted(linter: Linter, *args: Any, **kwargs: Any) -> FileResult:
            self.count += 1
            return original(linter, *args, **kwargs)

        monkeypatch.setattr(Linter, "lint_bytes", counted)


def _registry_with(*rules: type[Rule]) -> Registry:
    registry = make_plugin_manager(third_party=False)[1]
    for rule in rules:
        registry.add_rule(rule, "flaky-tests")
    return registry


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pods").mkdir()
    (tmp_path / "pods" / "clean.json").write_text(json.dumps(CLEAN_POD, indent=2))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(run_module, "RACY_NS", -(10**12))
    monkeypatch.setattr(engine, "RULE_TIME_BUDGET", 0.3)
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 1.0)
    return tmp_path


def _lint(registry: Registry) -> list[dict[str, Any]]:
    resolver = ConfigResolver(registry)
    targets = list(discover(["pods"], resolver.settings_for))
    results = cached_run(Linter(registry), resolver.settings_for, targets, 1, registry)
    return [diagnostic_to_dict(d) for r in results for d in r.diagnostics]


def _troubled(rule: type[Rule], project: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Lint with the rule misbehaving, then behaving; return both runs' findings and lint count."""
    registry = _registry_with(rule)
    (project / FLAG).write_text("")
    during = _lint(registry)
    (project / FLAG).unlink()
    counter = Counting(monkeypatch)
    after = _lint(registry)
    return during, after, counter.count


def test_a_crashed_rule_is_an_error_of_this_run_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    during, after, linted = _troubled(FlakyCrash, project, monkeypatch)
    errors = [d for d in during if d["name"] == "rule-error"]
    assert len(errors) == 1
    assert errors[0]["severity"] == "error"  # the pod was not fully checked: the run must not pass
    assert "ConnectionError" in errors[0]["message"]
    assert linted == 1  # not answered from the cache
    assert after == []


def test_a_stopped_rule_is_an_error_of_this_run_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from podlint import watchdog

    if not watchdog.available():
        pytest.skip("rules cannot be interrupted on this platform")
    during, after, linted = _troubled(FlakyHang, project, monkeypatch)
    assert [d["severity"] for d in during if d["name"] == "rule-error"] == ["error"]
    assert linted == 1
    assert after == []


def test_a_slow_rule_is_a_note_never_cached(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    during, after, linted = _troubled(FlakySlow, project, monkeypatch)
    notes = [d for d in during if d["name"] == "rule-error"]
    assert [d["severity"] for d in notes] == ["info"]
    assert "flaky-slow" in notes[0]["message"]
    assert "its findings are complete" in notes[0]["message"]
    assert linted == 1
    assert after == []


def test_a_slow_rule_does_not_fail_a_clean_pod(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from podlint.cli import main

    registry = _registry_with(FlakySlow)
    monkeypatch.setattr(check_module, "make_plugin_manager", lambda **_: (None, registry))
    (project / FLAG).write_text("")
    assert main(["check", "--format", "json", "pods"]) == 0
    names = [d["name"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert names == ["rule-error"]


def test_a_crashed_rule_fails_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from podlint.cli import main

    registry = _registry_with(FlakyCrash)
    monkeypatch.setattr(check_module, "make_plugin_manager", lambda **_: (None, registry))
    (project / FLAG).write_text("")
    assert main(["check", "--format", "json", "pods"]) == 1
    (project / FLAG).unlink()
    capsys.readouterr()
    assert main(["check", "--format", "json", "pods"]) == 0


def test_a_rule_whose_code_cannot_be_found_is_never_cached(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_at_run_time = type(
        "MadeAtRunTime",
        (Rule,),
        {
            "code": "XT004",
            "name": "made-at-run-time",
            "summary": "made",
            "__module__": "no_such_module_anywhere",
            "check": lambda self, pod, ctx: iter(()),
        },
    )
    registry = _registry_with(made_at_run_time)
    counter = Counting(monkeypatch)
    assert _lint(registry) == _lint(registry) == []
    assert counter.count == 2
    assert not (project / CACHE_DIR / DB_NAME).exists()


_EDITABLE_PLUGIN = """
from podlint import hookimpl
from podlint.diagnostics import Finding
from podlint.rule import Rule


class Owner(Rule):
    '''Every pod names its owner.'''

    code = "XE001"
    name = "needs-owner"
    summary = "owner"

    def check(self, pod, ctx):
        yield Finding("/id", "MESSAGE")


@hookimpl
def podlint_rules():
    return [Owner]
"""


def test_an_edited_plugin_gets_no_old_findings(tmp_path: Path) -> None:
    """An editable install: the same name and version, new code."""
    site = tmp_path / "site"
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pod.json").write_text(json.dumps(CLEAN_POD))
    env = clean_env(PYTHONPATH=str(site))
    messages = []
    for message in ("first wording", "second wording"):
        write_plugin(site, "owner_rules", _EDITABLE_PLUGIN.replace("MESSAGE", message))
        run = run_podlint(["check", "--format", "json", "pod.json"], repo, env=env)
        assert run.code == 1, run.stderr
        messages.append([d["message"] for d in run.diagnostics() if d["code"] == "XE001"])
        assert (repo / CACHE_DIR / DB_NAME).exists()
    assert messages == [["first wording"], ["second wording"]]


def test_every_rule_module_is_part_of_the_fingerprint() -> None:
    from podlint.cache import keys

    registry = make_plugin_manager(third_party=False)[1]
    before = keys.code_packages(registry)
    assert {"podlint", "podlint_rules", "podlint_schemas"} <= set(before)
    registry.add_rule(FlakyCrash, "flaky-tests")
    added = set(keys.code_packages(registry)) - set(before)
    assert added == {FlakyCrash.__module__.split(".")[0]}
