"""Every fast path gives exactly what the straightforward path gives.

The speed work added shortcuts: a process pool, the results cache, span tables converted on first
lookup, an entry-point reader that skips ``importlib.metadata``, rule discovery without ``inspect``,
and a relative-path shortcut in the ``.gitignore`` matcher. Each is compared here with the plain way
on the benchmark's generated pods (a sample, generated in the test) and on the shared corpus of real
pods.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from podlint import entry_points
from podlint.cache import cached_run
from podlint.config.discovery import ConfigResolver
from podlint.discover import GitIgnore, Target, _relative, discover
from podlint.engine import Linter
from podlint.loader import load
from podlint.loader import table as table_module
from podlint.loader.lines import LineIndex
from podlint.loader.table import SpanTable, build_table
from podlint.plugins import make_plugin_manager
from podlint.results import FileResult
from podlint.rule import Rule
from podlint.runner import run
from podlint.serialize import diagnostic_to_dict
from tests.conftest import REPO, shared_path

SAMPLE = 120  # pods per format from the generator: every defect kind, several times


def _generated(tmp: Path) -> Path:
    """Write a sample of the benchmark corpus (JSON and YAML twins plus its profile) under ``tmp``."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        corpus = importlib.import_module("benchmarks.corpus")
    except ImportError as exc:  # the benchmark is not part of an installed podlint
        pytest.skip(f"the benchmark's generator is not importable: {exc}")
    root = tmp / "generated"
    (root / "json").mkdir(parents=True)
    (root / "yaml").mkdir()
    (root / ".podlint.yaml").write_text(corpus.profile_text(), encoding="utf-8")
    for pod in corpus.generate(1, SAMPLE):
        (root / "json" / f"{pod.name}.json").write_text(pod.json_text, encoding="utf-8")
        (root / "yaml" / f"{pod.name}.yaml").write_text(pod.yaml_text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated(tmp_path_factory.mktemp("perf"))


def _roots(generated: Path) -> Iterator[Path]:
    yield generated
    yield shared_path("corpus")


def _targets(root: Path, resolver: ConfigResolver) -> list[Target]:
    return list(discover([str(root)], resolver.settings_for))


def _comparable(results: list[FileResult]) -> list[Any]:
    return [
        (
            r.path,
            r.pods,
            r.skipped,
            [diagnostic_to_dict(d) for d in r.diagnostics],
            r.source_text() if r.diagnostics else None,  # what a format would show
        )
        for r in results
    ]


def _setup() -> tuple[Linter, ConfigResolver]:
    _, registry = make_plugin_manager()
    return Linter(registry), ConfigResolver(registry)


@pytest.mark.parametrize("which", ["generated", "shared"])
def test_pool_gives_the_serial_findings(which: str, generated: Path) -> None:
    root = generated if which == "generated" else shared_path("corpus")
    linter, resolver = _setup()
    targets = _targets(root, resolver)
    assert targets
    serial = list(run(linter, resolver.settings_for, targets, 1))
    pooled = list(run(linter, resolver.settings_for, targets, 2))
    assert _comparable(pooled) == _comparable(serial)
    assert any(r.diagnostics for r in serial)


@pytest.mark.parametrize("which", ["generated", "shared"])
def test_lazy_span_tables_give_the_eager_findings(
    which: str, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated if which == "generated" else shared_path("corpus")
    linter, resolver = _setup()
    targets = _targets(root, resolver)
    lazy = list(run(linter, resolver.settings_for, targets, 1))
    monkeypatch.setattr(table_module, "LAZY_TABLES", False)
    eager = list(run(linter, resolver.settings_for, targets, 1))
    assert _comparable(lazy) == _comparable(eager)


@pytest.mark.parametrize("which", ["generated", "shared"])
def test_every_lazy_table_member_equals_the_eager_one(which: str, generated: Path) -> None:
    root = generated if which == "generated" else shared_path("corpus")
    checked = 0
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith((".json", ".yaml", ".yml")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                loaded = load(fh.read(), path)
            for doc in loaded.documents:
                lazy = doc.table()
                assert isinstance(lazy, SpanTable) or lazy == {}
                builder: Any = doc.index_builder
                if isinstance(lazy, SpanTable):
                    eager = build_table(list(lazy._raw.values()), _lines(loaded.text), lazy=False)
                    # Single reads first (they convert one member), then the whole-table views.
                    for pointer in eager:
                        assert lazy.get(pointer) == eager[pointer]
                        assert pointer in lazy
                    assert lazy.get("/no/such/pointer") is None
                    assert len(lazy) == len(eager)
                    assert list(lazy) == list(eager)
                    assert dict(lazy.items()) == eager
                    assert lazy == eager
                    checked += 1
                assert builder is not None
    assert checked > 20


def _lines(text: str | None) -> LineIndex:
    assert text is not None
    return LineIndex(text)


def test_lazy_table_behaves_like_a_dict() -> None:
    text = '{"a": [1, 2], "b": {"c": "d"}}'
    entries = [
        ("/a/0", 7, 8, None, None),
        ("/a/1", 10, 11, None, None),
        ("/a", 6, 12, 1, 4),
        ("/b/c", 25, 28, 20, 23),
        ("/b", 19, 29, 14, 17),
        ("", 0, 30, None, None),
    ]
    lines = LineIndex(text)
    lazy = build_table(entries, lines, lazy=True)
    eager = build_table(entries, lines, lazy=False)
    assert type(eager) is dict
    assert isinstance(lazy, SpanTable)
    assert lazy["/b"] == eager["/b"]
    with pytest.raises(KeyError):
        lazy["/zz"]
    assert dict(lazy) == eager
    assert {**lazy} == eager
    assert lazy.copy() == eager
    assert list(lazy.keys()) == list(eager.keys())
    assert list(lazy.items()) == list(eager.items())
    assert list(lazy.values()) == list(eager.values())
    import copy
    import pickle

    assert pickle.loads(pickle.dumps(lazy)) == eager
    assert copy.deepcopy(lazy) == eager
    assert repr(lazy) == repr(eager)


def test_warm_cache_gives_the_cold_findings(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linter, resolver = _setup()
    targets = _targets(generated, resolver)
    straight = list(run(linter, resolver.settings_for, targets, 1))
    monkeypatch.chdir(tmp_path)
    registry = linter.registry
    cold = list(cached_run(linter, resolver.settings_for, targets, 1, registry))
    assert list((tmp_path / ".podlint_cache").glob("results-*.sqlite3"))
    # A linter that fails every file proves the warm run answers from the cache alone.
    monkeypatch.setattr(Linter, "lint_bytes", _must_not_lint)
    warm = list(cached_run(linter, resolver.settings_for, targets, 1, registry))
    assert _comparable(cold) == _comparable(straight)
    assert _comparable(warm) == _comparable(straight)


def _must_not_lint(*_: Any, **__: Any) -> FileResult:
    raise AssertionError("a warm cache must not lint an unchanged file again")


def test_fast_entry_points_match_importlib_metadata() -> None:
    from importlib import metadata

    for group in ("podlint", "console_scripts", "pytest11"):
        fast = entry_points.entry_points(group)
        assert fast is not None, "the environment of the tests is a plain one"
        slow = list(metadata.entry_points(group=group))
        assert [(e.name, e.value, e.group) for e in fast] == [
            (e.name, e.value, e.group) for e in slow
        ]
        assert [(e.dist.name, e.dist.version) for e in fast if e.dist] == [
            (e.dist.name, e.dist.version) for e in slow if e.dist
        ]
    builtin = {e.name: e.load() for e in entry_points.entry_points("podlint") or []}
    assert builtin["builtin-rules"] is importlib.import_module("podlint_rules")


def test_fast_entry_points_defer_when_the_environment_is_unusual(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip on sys.path
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    assert entry_points.entry_points("podlint") is None
    _, registry = make_plugin_manager()  # and the registry still comes through importlib.metadata
    assert "builtin-rules" in {p.name for p in registry.plugins}


def test_rule_discovery_matches_inspect() -> None:
    import podlint_rules

    expected: list[type[Rule]] = []
    for module_name in podlint_rules.rule_modules():
        module = importlib.import_module(module_name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and "code" in obj.__dict__
            ):
                expected.append(obj)
    assert podlint_rules.podlint_rules() == expected


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        ("/repo/a/b.json", "/repo"),
        ("/repo/a/b.json", "/repo/a"),
        ("/repo/a", "/repo/a"),
        ("/repo/ab/c.json", "/repo/a"),
        ("/other/x.json", "/repo"),
        ("/repo/a/b.json", "/"),
        ("/repo", "/repo/a"),
    ],
)
def test_relative_matches_relpath(path: str, folder: str) -> None:
    assert _relative(path, folder) == os.path.relpath(path, folder)


def test_gitignore_matches_relpath_semantics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pods" / "gen").mkdir(parents=True)
    (tmp_path / ".gitignore").write_text("/pods/gen/\n*.tmp.json\n!keep.tmp.json\nbuild/\n")
    (tmp_path / "pods" / ".gitignore").write_text("local-*.yaml\n")
    ignore = GitIgnore()
    ignore.add_file(str(tmp_path))
    ignore.add_file(str(tmp_path / "pods"))
    monkeypatch.chdir(tmp_path)
    cases = [
        ("pods/gen", True),
        ("pods/a.tmp.json", False),
        ("pods/keep.tmp.json", False),
        ("pods/local-x.yaml", False),
        ("pods/x.yaml", False),
        ("build", True),
        ("../elsewhere.json", False),
    ]
    for rel, is_dir in cases:
        assert ignore.ignored(rel, is_dir) == _slow_ignored(ignore, rel, is_dir), rel


def _slow_ignored(ignore: GitIgnore, path: str, is_dir: bool) -> bool:
    """The matcher as first written: ``os.path.relpath`` per rule."""
    result = False
    for folder, rule in ignore.rules:
        rel = os.path.relpath(path, folder).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        if rule.dir_only and not is_dir:
            continue
        if rule.regex.fullmatch(rel):
            result = not rule.negate
    return result
