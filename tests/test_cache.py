"""The results cache never answers with stale findings.

Each test lints a folder once to fill the cache, changes one thing that decides findings (the file's
content, the configuration, a rule's option, podlint's version, its code, a plugin's version) and
checks that the next run lints again and reports what a run without cache reports.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import podlint.cache.keys as keys_module
import podlint.cache.run as cache_module
import podlint.runner as runner_module
from podlint.cache import CACHE_DIR, cached_run
from podlint.cache.store import DB_NAME
from podlint.config.discovery import ConfigResolver
from podlint.discover import discover
from podlint.engine import Linter
from podlint.plugins import PluginInfo, make_plugin_manager
from podlint.results import FileResult
from podlint.runner import run
from podlint.serialize import diagnostic_to_dict

# Accepted by Marathon and clean by default; the raised executor is a sizing finding (info).
POD = """{
  "id": "/web",
  "executorResources": {"cpus": 0.5},
  "containers": [
    {
      "name": "web",
      "resources": {"cpus": 0.1, "mem": %s},
      "image": {"kind": "DOCKER", "id": "nginx:latest"}
    }
  ]
}
"""


class Counting:
    """Counts how many files the engine really lints."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = Linter.lint_bytes

        def counted(linter: Linter, *args: Any, **kwargs: Any) -> FileResult:
            self.count += 1
            return original(linter, *args, **kwargs)

        monkeypatch.setattr(Linter, "lint_bytes", counted)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pods").mkdir()
    (tmp_path / "pods" / "a.json").write_text(POD % "64")
    (tmp_path / "pods" / "b.json").write_text(POD % "128")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint(*, use_cache: bool = True, overrides: dict[str, Any] | None = None) -> list[Any]:
    _, registry = make_plugin_manager()
    resolver = ConfigResolver(registry, overrides=overrides or {})
    linter = Linter(registry)
    targets = list(discover(["pods"], resolver.settings_for))
    if use_cache:
        results = list(cached_run(linter, resolver.settings_for, targets, 1, registry))
    else:
        results = list(run(linter, resolver.settings_for, targets, 1))
    return [(r.path, [diagnostic_to_dict(d) for d in r.diagnostics]) for r in results]


def test_unchanged_files_are_answered_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _lint()
    assert list((project / CACHE_DIR).glob(DB_NAME))
    counter = Counting(monkeypatch)
    assert _lint() == first == _lint(use_cache=False)
    # Only the uncached run above linted (two files).
    assert counter.count == 2


def test_changed_content_is_linted_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _lint()
    (project / "pods" / "a.json").write_text(POD % '"lots"')  # now a schema error
    counter = Counting(monkeypatch)
    after = _lint()
    assert counter.count == 1  # only the changed file
    assert after != before
    assert after == _lint(use_cache=False)
    assert any(d["severity"] == "error" for d in after[0][1])


def test_same_size_change_is_linted_again(project: Path) -> None:
    """Content, not size or time, keys an entry: an edit that keeps the size is still seen."""
    _lint()
    path = project / "pods" / "a.json"
    stat = path.stat()
    path.write_text(POD % "6x")  # as long as "64"
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _lint() == _lint(use_cache=False)
    assert any(d["severity"] == "error" for d in _lint()[0][1])


def test_changed_configuration_is_linted_again(project: Path) -> None:
    before = _lint()
    (project / ".podlint.yaml").write_text("ignore: [ALL]\n")
    after = _lint()
    assert after == _lint(use_cache=False)
    assert after != before
    assert all(not diags for _, diags in after)


def test_command_line_settings_key_the_cache(project: Path) -> None:
    before = _lint()
    after = _lint(overrides={"select": ["PL0"]})
    assert after == _lint(use_cache=False, overrides={"select": ["PL0"]})
    assert after != before


def test_changed_rule_option_is_linted_again(project: Path) -> None:
    _, registry = make_plugin_manager()
    from podlint.config.settings import Settings

    # A rule with options whose value decides its findings.
    rule = next(
        (r for r in registry.rules.values() if r.option_fields() and not r.policy),
        None,
    )
    if rule is None:
        pytest.skip("no built-in rule has options")
    field = rule.option_fields()[0]
    default = getattr(rule.options(), field.name)
    _lint()
    settings_before = ConfigResolver(registry).settings_for("pods/a.json")
    changed = _changed(default)
    (project / ".podlint.yaml").write_text(f"rules:\n  {rule.name}:\n    {field.name}: {changed}\n")
    settings_after = ConfigResolver(registry).settings_for("pods/a.json")
    assert isinstance(settings_after, Settings)
    assert _fingerprint(settings_before, registry) != _fingerprint(settings_after, registry)
    after = _lint()
    assert after == _lint(use_cache=False)


def _fingerprint(settings: Any, registry: Any) -> str:
    code = keys_module.code_fingerprint(keys_module.code_packages(registry))
    assert code is not None
    return keys_module.settings_fingerprint(settings, registry, code)


def _changed(default: Any) -> str:
    if isinstance(default, bool):
        return "false" if default else "true"
    if isinstance(default, int | float):
        return str(default + 1)
    if isinstance(default, list | tuple):
        return "[]" if default else '["x"]'
    return '"something-else"'


def test_podlint_version_keys_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _lint()
    monkeypatch.setattr(keys_module, "__version__", "999.0.0")
    counter = Counting(monkeypatch)
    assert _lint() == _lint(use_cache=False)
    assert counter.count == 4  # both runs linted both files: the old entries were not used


def test_podlint_code_keys_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _lint()
    monkeypatch.setattr(keys_module, "code_fingerprint", lambda packages: "edited-checkout")
    counter = Counting(monkeypatch)
    _lint()
    assert counter.count == 2


def test_code_fingerprint_follows_source_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited module (size or time) changes the fingerprint, so a checkout never reuses results."""
    import podlint_rules

    fake = tmp_path / "rules"
    fake.mkdir()
    module = fake / "some_rule.py"
    module.write_text("X = 1\n")
    monkeypatch.setattr(podlint_rules, "__path__", [str(fake)])
    before = keys_module.code_fingerprint(["podlint_rules"])
    module.write_text("X = 22\n")
    assert keys_module.code_fingerprint(["podlint_rules"]) != before


def test_plugin_version_keys_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, registry = make_plugin_manager()
    settings = ConfigResolver(registry).settings_for("pods/a.json")
    before = _fingerprint(settings, registry)
    registry.plugins.append(PluginInfo("extra", "podlint-extra", "1.0", False))
    with_plugin = _fingerprint(settings, registry)
    registry.plugins[-1] = PluginInfo("extra", "podlint-extra", "1.1", False)
    assert len({before, with_plugin, _fingerprint(settings, registry)}) == 3


def test_a_broken_cache_file_is_a_miss(project: Path) -> None:
    expected = _lint()
    (project / CACHE_DIR / DB_NAME).write_bytes(b'{"format": 1, "entries": [{"path": 3}]')
    assert _lint() == expected
    assert _lint() == expected


# ---- the stat shortcut --------------------------------------------------------------------------


class CountingReads:
    """Counts how many files the cache reads to hash them (snippets are read by formatters)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        original = runner_module.read_target

        def counted(target: Any, max_bytes: int) -> Any:
            self.paths.append(target.path)
            return original(target, max_bytes)

        # Reads to lint go through lint_target, which the cached runs here never reach.
        monkeypatch.setattr(runner_module, "read_target", counted)


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files written by a test are always younger than two seconds; without this every entry would
    # count as racily clean and be re-hashed, which is correct but not what these tests look at.
    monkeypatch.setattr(cache_module, "RACY_NS", -(10**12))


def test_unchanged_stat_skips_reading(
    project: Path, monkeypatch: pytest.MonkeyPatch, no_racy_window: None
) -> None:
    first = _lint()
    reads = CountingReads(monkeypatch)
    assert _lint() == first
    assert reads.paths == []


def test_racily_clean_entries_are_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _lint()
    reads = CountingReads(monkeypatch)
    # Written within two seconds of the cache: an edit on a coarse clock could hide, so re-hash.
    assert _lint() == first
    assert sorted(reads.paths) == ["pods/a.json", "pods/b.json"]


def test_edit_with_mtime_put_back_is_seen_through_ctime(
    project: Path, no_racy_window: None
) -> None:
    _lint()
    path = project / "pods" / "a.json"
    stat = path.stat()
    path.write_text(POD % "6x")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # mtime restored; ctime cannot be
    after = _lint()
    assert after == _lint(use_cache=False)
    assert any(d["severity"] == "error" for d in after[0][1])


def test_old_contents_are_kept_a_few_at_a_time(project: Path, no_racy_window: None) -> None:
    """A branch switched back and forth hits for both sides; older contents go."""
    import sqlite3

    from podlint.cache.store import KEEP_CONTENTS

    for mem in range(KEEP_CONTENTS + 3):
        (project / "pods" / "a.json").write_text(POD % (64 + mem))
        _lint()
    db = sqlite3.connect(project / CACHE_DIR / DB_NAME)
    rows = db.execute("SELECT path, count(*) FROM entries GROUP BY path ORDER BY path").fetchall()
    db.close()
    assert rows == [("pods/a.json", KEEP_CONTENTS), ("pods/b.json", 1)]


def test_the_collector_is_left_as_it_was(project: Path) -> None:
    import gc

    _lint()
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    _, registry = make_plugin_manager()
    resolver = ConfigResolver(registry)
    targets = list(discover(["pods"], resolver.settings_for))
    results = cached_run(Linter(registry), resolver.settings_for, targets, 1, registry)
    next(results)  # a hit: the decoded entries are out of the collector's sight meanwhile
    assert gc.isenabled()
    results.close()  # a consumer that stops early
    assert gc.get_freeze_count() == frozen
    assert len(list(cached_run(Linter(registry), resolver.settings_for, targets, 1, registry))) == 2
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
