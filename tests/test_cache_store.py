"""The results store scales, survives concurrent runs and crashes, and stays bounded.

Each test builds a small project of its own, lints it through the cache and looks at what the store
did: which rows a run read, what a damaged or killed write left behind, what eviction dropped.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import podlint.cache.run as run_module
import podlint.cache.store as store_module
from podlint.cache import CACHE_DIR, cached_run
from podlint.cache.store import DB_NAME, NewEntry, Store
from podlint.config.discovery import ConfigResolver
from podlint.discover import discover
from podlint.engine import Linter
from podlint.plugins import make_plugin_manager
from podlint.results import FileResult
from podlint.runner import run
from podlint.serialize import diagnostic_to_dict

# Marathon accepts it; the "latest" tag is a style finding, so every file has one diagnostic or more.
POD = {
    "id": "/api-%d",
    "containers": [
        {
            "name": "api",
            "resources": {"cpus": 0.25, "mem": 256},
            "image": {"kind": "DOCKER", "id": "registry.example/api:latest"},
        }
    ],
}


def _pod(n: int) -> str:
    text = json.dumps(POD, indent=2)
    return text.replace("%d", str(n))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pods = tmp_path / "pods"
    pods.mkdir()
    for n in range(6):
        (pods / f"api-{n}.json").write_text(_pod(n))
    monkeypatch.chdir(tmp_path)
    # Files written by a test are younger than the racy window; without this each would be re-hashed.
    monkeypatch.setattr(run_module, "RACY_NS", -(10**12))
    return tmp_path


class Counting:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = Linter.lint_bytes

        def counted(linter: Linter, *args: Any, **kwargs: Any) -> FileResult:
            self.count += 1
            return original(linter, *args, **kwargs)

        monkeypatch.setattr(Linter, "lint_bytes", counted)


def _lint(
    paths: list[str] | None = None, *, use_cache: bool = True, stats: dict[str, int] | None = None
) -> list[Any]:
    _, registry = make_plugin_manager()
    resolver = ConfigResolver(registry)
    linter = Linter(registry)
    targets = list(discover(paths or ["pods"], resolver.settings_for))
    if use_cache:
        found = cached_run(linter, resolver.settings_for, targets, 1, registry, stats=stats)
    else:
        found = run(linter, resolver.settings_for, targets, 1)
    return [(r.path, r.pods, [diagnostic_to_dict(d) for d in r.diagnostics]) for r in found]


def _db(project: Path) -> sqlite3.Connection:
    return sqlite3.connect(project / CACHE_DIR / DB_NAME)


def _rows(project: Path) -> list[tuple[Any, ...]]:
    db = _db(project)
    try:
        return db.execute("SELECT path, digest FROM entries ORDER BY path").fetchall()
    finally:
        db.close()


def _fill(project: Path, n: int) -> None:
    """Add ``n`` entries of other files (as many settings and paths as a big monorepo has)."""
    with Store(str(project / CACHE_DIR), create=True) as store:
        store.write(
            (
                NewEntry(f"fp{i % 7}", f"elsewhere/pod-{i}.json", False, f"{i:032x}", None, b"[]")
                for i in range(n)
            ),
            (),
            (),
            (),
            (),
        )


# ---- reads only what it needs --------------------------------------------------------------------


def test_a_one_file_run_reads_only_its_own_entry(project: Path) -> None:
    one = "pods/api-3.json"
    _lint()
    _lint([one])  # named, as pre-commit names files: an entry of its own
    _fill(project, 5_000)
    stats: dict[str, int] = {}
    assert _lint([one], stats=stats) == _lint([one], use_cache=False)
    assert stats["hits"] == 1
    assert stats["rows_read"] == 1
    assert stats["hashed"] == 0


def test_the_lookup_searches_the_index_and_never_scans(project: Path) -> None:
    _lint()
    db = _db(project)
    try:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT payload FROM entries "
            "WHERE fp = ? AND explicit = ? AND path IN (?, ?)",
            ("x", 0, "a", "b"),
        ).fetchall()
    finally:
        db.close()
    details = " ".join(str(row[-1]) for row in plan)
    assert "SEARCH" in details, details
    assert "SCAN" not in details, details


def test_a_warm_run_hits_everything_without_reading_files(project: Path) -> None:
    cold = _lint()
    stats: dict[str, int] = {}
    assert _lint(stats=stats) == cold == _lint(use_cache=False)
    assert stats == {"hits": 6, "misses": 0, "hashed": 0, "rows_read": 6}


# ---- damaged entries are misses ------------------------------------------------------------------


def test_an_entry_that_fails_its_checksum_is_a_miss(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _lint()
    db = _db(project)
    # Half an entry, as a torn write would leave it (SQLite never does, but the file is the user's).
    db.execute("UPDATE entries SET payload = substr(payload, 1, length(payload) / 2)")
    db.commit()
    db.close()
    counter = Counting(monkeypatch)
    assert _lint() == expected
    assert counter.count == 6


def test_garbage_with_a_valid_checksum_is_a_miss_and_is_replaced(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _lint()
    garbage = json.dumps([1, None, 0, [["PL001", "x", "error", "m", "", 1, 1]]]).encode()
    db = _db(project)
    db.execute(
        "UPDATE entries SET payload = ?, checksum = ? WHERE path = 'pods/api-0.json'",
        (garbage, store_module.checksum(garbage)),
    )
    db.commit()
    db.close()
    counter = Counting(monkeypatch)
    assert _lint() == expected
    assert counter.count == 1
    # The garbage row is gone; a fresh one took its place.
    counter.count = 0
    assert _lint() == expected
    assert counter.count == 0


def test_a_file_that_is_not_a_database_is_replaced(project: Path) -> None:
    expected = _lint()
    (project / CACHE_DIR / DB_NAME).write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    for suffix in ("-wal", "-shm"):
        (project / CACHE_DIR / (DB_NAME + suffix)).unlink(missing_ok=True)
    assert _lint() == expected
    assert len(_rows(project)) == 6


# ---- concurrency and crashes ---------------------------------------------------------------------

_CONCURRENT = """
import json, sys
from podlint.cli import main
sys.exit(main(["check", "--format", "json", "--select", sys.argv[1], "pods"]))
"""


def test_concurrent_runs_all_get_right_answers(project: Path) -> None:
    """Several processes lint with different settings at once, three times each, sharing one store."""
    script = project / "concurrent.py"
    script.write_text(_CONCURRENT)
    selections = ["ALL", "PL0", "PL1", "PL2"]
    expected = {}
    for sel in selections:
        done = subprocess.run(
            [sys.executable, str(script), sel],
            cwd=project,
            capture_output=True,
            check=False,
            env={**os.environ, "PODLINT_NO_PLUGINS": "1"},
            timeout=120,
        )
        expected[sel] = json.loads(done.stdout)["diagnostics"]
    (project / CACHE_DIR / DB_NAME).unlink()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _REPEAT, str(script), sel],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PODLINT_NO_PLUGINS": "1"},
        )
        for sel in selections * 2
    ]
    for proc, sel in zip(procs, selections * 2, strict=True):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-2000:]
        for line in out.decode().splitlines():
            assert json.loads(line)["diagnostics"] == expected[sel]
    db = _db(project)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


# Runs the script three times in one process, printing each run's JSON on one line.
_REPEAT = """
import json, subprocess, sys
for _ in range(2):
    done = subprocess.run([sys.executable, sys.argv[1], sys.argv[2]], capture_output=True)
    if done.returncode not in (0, 1) or done.stderr:
        sys.stderr.write(done.stderr.decode())
        sys.exit(3)
    print(json.dumps(json.loads(done.stdout)))
"""

_KILLED_WRITER = """
import sys
from podlint.cache.store import NewEntry, Store

def entries():
    i = 0
    while True:
        i += 1
        if i == 200:
            print("writing", flush=True)
        yield NewEntry("fp", f"pods/api-{i % 6}.json", False, f"{i:032x}", None, b"x" * 20000)

with Store(sys.argv[1], create=True) as store:
    store.write(entries(), (), (), (), ())
"""


def test_a_writer_killed_mid_transaction_leaves_a_working_store(project: Path) -> None:
    expected = _lint()
    rows_before = _rows(project)
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(project / CACHE_DIR)],
        stdout=subprocess.PIPE,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == b"writing"
    time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert _rows(project) == rows_before
    assert _lint() == expected
    db = _db(project)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


def test_leftover_temporary_files_are_removed(project: Path) -> None:
    _lint()
    stale = project / CACHE_DIR / ".podlint-abc123.tmp"
    stale.write_bytes(b"half a file")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    young = project / CACHE_DIR / ".podlint-def456.tmp"
    young.write_bytes(b"another run's write in progress")
    legacy = project / CACHE_DIR / "results-0123abcd.json"
    legacy.write_text("{}")
    (project / "pods" / "api-0.json").write_text(_pod(100))  # something to write
    _lint()
    assert not stale.exists()
    assert not legacy.exists()
    assert young.exists()


# ---- bounded -------------------------------------------------------------------------------------


def test_the_store_is_bounded_and_evicts_the_least_recently_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lint()
    # Pretend the real project's rows were last used long ago; then flood the store past 1 MiB.
    db = _db(project)
    db.execute("UPDATE entries SET used = used - 100")
    db.commit()
    db.close()
    monkeypatch.setenv(store_module.ENV_MAX_MB, "1")
    with Store(str(project / CACHE_DIR), create=True) as store:
        big = b"[" + b'"x",' * 5000 + b'"x"]'
        store.write(
            (NewEntry("fp", f"other/{i}.json", False, "0" * 32, None, big) for i in range(100)),
            (),
            (),
            (),
            (),
        )
        assert store.live_bytes() <= 1024 * 1024
    paths = {p for p, _ in _rows(project)}
    assert not any(p.startswith("pods/") for p in paths)  # the least recently used went first
    assert "other/99.json" in paths  # the newest stayed
    assert (project / CACHE_DIR / DB_NAME).stat().st_size < 3 * 1024 * 1024


def test_entries_of_deleted_files_are_dropped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lint()
    (project / "pods" / "api-5.json").unlink()
    (project / "pods" / "api-4.json").unlink()
    monkeypatch.setattr(store_module, "SWEEP_EVERY_NS", 0)
    (project / "pods" / "api-0.json").write_text(_pod(100))  # something to write
    _lint()
    paths = {p for p, _ in _rows(project)}
    assert paths == {f"pods/api-{n}.json" for n in range(4)}


# ---- the folder ----------------------------------------------------------------------------------


def test_clean_removes_the_cache(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from podlint.cli import main

    _lint()
    assert main(["clean"]) == 0
    assert not (project / CACHE_DIR).exists()
    assert "removed" in capsys.readouterr().out


def test_a_symlinked_cache_into_the_tree_hides_no_pods(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / CACHE_DIR).symlink_to(project / "pods", target_is_directory=True)
    expected = _lint(use_cache=False)
    assert len(expected) == 6
    assert _lint() == expected
    assert _lint() == expected
    # Nothing was written through the link: no .gitignore that would hide the pods from a walk.
    assert sorted(os.listdir(project / "pods")) == [f"api-{n}.json" for n in range(6)]


def test_a_read_only_cache_folder_still_lints(project: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only permissions")
    expected = _lint()
    folder = project / CACHE_DIR
    (project / "pods" / "api-0.json").write_text(_pod(100))
    os.chmod(folder, 0o500)
    try:
        assert _lint() == _lint(use_cache=False)
    finally:
        os.chmod(folder, 0o700)
    assert expected != _lint()


def test_entries_unused_for_a_month_are_dropped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _lint()
    db = _db(project)
    db.execute("UPDATE entries SET used = used - 31 WHERE path != 'pods/api-1.json'")
    db.commit()
    db.close()
    monkeypatch.setattr(store_module, "SWEEP_EVERY_NS", 0)
    (project / "pods" / "api-0.json").write_text(_pod(100))  # something to write
    _lint(["pods/api-0.json"])
    assert {p for p, _ in _rows(project)} == {"pods/api-0.json", "pods/api-1.json"}
