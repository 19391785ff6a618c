"""Plugin isolation: a rule that raises, returns garbage, loops or sleeps is named and the run goes on;
plugins come only from installed distributions, never from the repository being linted; and
``PODLINT_NO_PLUGINS=1`` turns third-party plugins off."""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from podlint import engine, watchdog
from podlint.config.settings import Settings
from podlint.diagnostics import Finding
from podlint.engine import Linter
from podlint.plugins import Registry, make_plugin_manager
from podlint.rule import Context, Rule
from tests.hostile_support import GOOD_POD, assert_handled, clean_env, run_podlint, write_plugin

needs_timer = pytest.mark.skipif(
    not watchdog.available(), reason="rules can be interrupted only with POSIX interval timers"
)

# A pod with one finding of a built-in rule (an unknown key), to show that other rules still ran.
POD_WITH_TYPO = {**GOOD_POD, "lables": {"a": "b"}}


class Loops(Rule):
    """Never returns (a busy loop)."""

    code = "XS001"
    name = "loops-forever"
    summary = "loops"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        while True:
            try:
                pass
            except Exception:  # a rule that swallows exceptions must still be stopped
                continue


class Sleeps(Rule):
    """Waits on something that never comes."""

    code = "XS002"
    name = "sleeps-forever"
    summary = "sleeps"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        time.sleep(3600)
        return iter(())


class Floods(Rule):
    """Yields findings without end."""

    code = "XS003"
    name = "floods"
    summary = "floods"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        while True:
            yield Finding("/id", "again")


class BadFindings(Rule):
    """Findings whose fields are not text, and a finding with a broken fix."""

    code = "XS004"
    name = "bad-findings"
    summary = "bad"

    def check(self, pod: dict[str, Any], ctx: Context) -> Any:
        yield Finding("/id", 42)  # type: ignore[arg-type]
        yield Finding(None, "no pointer")  # type: ignore[arg-type]
        yield Finding("/id", "bad target", target="nowhere")  # type: ignore[arg-type]
        yield Finding("/id", "bad fix", fix="not a fix")  # type: ignore[arg-type]
        yield 10**5000  # cannot even be printed


class Unprintable(Rule):
    """Raises an exception whose str() raises."""

    code = "XS005"
    name = "unprintable-error"
    summary = "unprintable"

    def check(self, pod: dict[str, Any], ctx: Context) -> Iterator[Finding]:
        class Weird(Exception):
            def __str__(self) -> str:
                raise RuntimeError("no")

        raise Weird


def _registry_with(*rules: type[Rule]) -> Registry:
    registry = make_plugin_manager(third_party=False)[1]
    for rule in rules:
        registry.add_rule(rule, "hostile-tests")
    return registry


def _lint(registry: Registry, pod: Any = POD_WITH_TYPO) -> list[Any]:
    result = Linter(registry).lint_bytes(json.dumps(pod).encode(), "pod.json", Settings())
    return result.diagnostics


@needs_timer
@pytest.mark.parametrize("rule", [Loops, Sleeps], ids=lambda r: r.name)
def test_a_rule_that_never_returns_is_stopped_and_named(
    rule: type[Rule], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "RULE_TIME_LIMIT", 0.3)
    started = time.monotonic()
    diags = _lint(_registry_with(rule))
    assert time.monotonic() - started < 30  # bounded (the limit is 0.3 s; this is only a backstop)
    errors = [d.message for d in diags if d.name == "rule-error"]
    assert len(errors) == 1
    assert rule.name in errors[0]
    assert rule.code in errors[0]
    assert "hostile-tests" in errors[0]
    assert "time limit" in errors[0]
    assert "unknown-key" in {d.name for d in diags}  # the other rules still ran


@needs_timer
def test_the_watchdog_restores_a_previous_handler_and_timer() -> None:
    fired: list[int] = []

    def mine(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.4)
        with watchdog.Watchdog(5.0) as dog:
            dog.start()
            dog.stop()
        assert signal.getsignal(signal.SIGALRM) is mine
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 0.4
        deadline = time.monotonic() + 5
        while not fired and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_flood_of_findings_is_cut_and_named() -> None:
    diags = _lint(_registry_with(Floods))
    floods = [d for d in diags if d.name == "floods"]
    # Cut at the rule's limit, then at the file's, and both cuts are named.
    assert 0 < len(floods) <= engine.MAX_FINDINGS_PER_RULE
    assert len(diags) <= engine.MAX_FINDINGS_PER_FILE + 1
    assert any("floods" in d.message and "more than" in d.message for d in diags)
    assert diags[-1].name == "too-many-findings"


def test_malformed_findings_are_refused_by_name() -> None:
    diags = _lint(_registry_with(BadFindings, Unprintable))
    errors = [d.message for d in diags if d.name == "rule-error"]
    assert sum("bad-findings" in m for m in errors) >= 4
    assert any("unprintable-error" in m and "Weird" in m for m in errors)
    for d in diags:  # every message can be printed and serialised
        json.dumps(d.message)
    assert "unknown-key" in {d.name for d in diags}


# ---- through the command line, with an installed distribution -------------------------------------

_HANGING_PLUGIN = """
    import pathlib, time
    from podlint import hookimpl
    from podlint.rule import Rule

    pathlib.Path(__file__).with_name("imported.flag").write_text("yes")

    class Hangs(Rule):
        '''Sleeps for an hour.'''
        code = "XH001"
        name = "hangs-for-an-hour"
        summary = "hangs"

        def check(self, pod, ctx):
            time.sleep(3600)
            return iter(())

    @hookimpl
    def podlint_rules():
        return [Hangs]
"""

# Runs podlint with a short rule time limit (the default of 10 s would only slow the test down).
_SHORT_LIMIT = """
import sys
from podlint import engine
from podlint.cli import main
engine.RULE_TIME_LIMIT = 0.5
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def hanging_plugin(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_plugin(site, "hanging_rules", _HANGING_PLUGIN, dist="hanging-rules")
    (tmp_path / "short_limit.py").write_text(_SHORT_LIMIT)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pod.json").write_text(json.dumps(POD_WITH_TYPO))
    return site


@needs_timer
def test_cli_run_with_a_hanging_plugin_ends_and_names_it(
    hanging_plugin: Path, tmp_path: Path
) -> None:
    env = clean_env(PYTHONPATH=str(hanging_plugin))
    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "pod.json"],
        tmp_path / "repo",
        env=env,
        python=[sys.executable, str(tmp_path / "short_limit.py")],
    )
    assert_handled(run)
    names = [d["name"] for d in run.diagnostics()]
    assert "rule-error" in names
    assert "unknown-key" in names
    message = next(d["message"] for d in run.diagnostics() if d["name"] == "rule-error")
    assert "hangs-for-an-hour" in message
    assert "hanging-rules" in message


def test_no_plugins_switch_disables_an_installed_plugin(
    hanging_plugin: Path, tmp_path: Path
) -> None:
    env = clean_env(PYTHONPATH=str(hanging_plugin), PODLINT_NO_PLUGINS="1")
    run = run_podlint(
        ["check", "--no-cache", "--format", "json", "pod.json"], tmp_path / "repo", env=env
    )
    assert_handled(run)
    assert [d["name"] for d in run.diagnostics()] == ["unknown-key"]
    assert not (hanging_plugin / "imported.flag").exists()  # never even imported
    rules = run_podlint(["rules", "--format", "json"], tmp_path, env=env)
    assert rules.code == 0
    assert "hangs-for-an-hour" not in rules.stdout
    # Without the switch the plugin is there (so the switch is what kept it out).
    with_plugin = run_podlint(
        ["rules", "--format", "json"], tmp_path, env=clean_env(PYTHONPATH=str(hanging_plugin))
    )
    assert "hangs-for-an-hour" in with_plugin.stdout


_TRAP = (
    "import pathlib; pathlib.Path(__file__).with_name('TRAPPED-{name}').write_text('imported')\n"
)
_TRAP_MODULES = ("podlint_plugins", "conftest", "podlint_rules", "podlint_local", "sitecustomize")


def test_modules_in_the_linted_folder_are_never_imported(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "plugins").mkdir(parents=True)
    for name in _TRAP_MODULES:
        (repo / f"{name}.py").write_text(_TRAP.format(name=name))
        (repo / "plugins" / f"{name}.py").write_text(_TRAP.format(name=name))
    (repo / "podlint").mkdir()  # a package shadowing podlint itself
    (repo / "podlint" / "__init__.py").write_text(_TRAP.format(name="podlint"))
    (repo / "pod.json").write_text(json.dumps(POD_WITH_TYPO))
    (repo / ".podlint.yaml").write_text("select: [ALL]\n")
    for args in (["pod.json"], ["."], [str(repo)]):
        run = run_podlint(["check", "--no-cache", "--format", "json", *args], repo)
        assert_handled(run)
        assert "unknown-key" in {d["name"] for d in run.diagnostics()}
    assert not list(repo.rglob("TRAPPED-*"))
