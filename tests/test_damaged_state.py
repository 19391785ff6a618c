"""Damaged state files never crash or hang a run: a damaged cache is a miss, a damaged baseline is
one clear error.

The cache and the baseline are files in the user's working folder: a crash, a bad merge or a hostile
repository can leave anything there. Every case runs podlint in a separate process under limits and
a timeout (tests.hostile_support), because the failures looked for are hangs and runaway memory.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from podlint.cache import CACHE_DIR
from podlint.cache.store import DB_NAME, checksum
from tests.hostile_support import GOOD_POD, assert_handled, run_podlint

# One clean pod and one with a misspelled key, so the expected output is not empty.
TYPO_POD = {**GOOD_POD, "id": "/typo", "lables": {"team": "web"}}
DEEP = b"[" * 200_000 + b"]" * 200_000


def _project(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "pods").mkdir(parents=True)
    (repo / "pods" / "good.json").write_text(json.dumps(GOOD_POD, indent=2))
    (repo / "pods" / "typo.json").write_text(json.dumps(TYPO_POD, indent=2))
    return repo


def _check(repo: Path, *extra: str) -> list[dict[str, object]]:
    run = run_podlint(["check", "--format", "json", *extra, "pods"], repo)
    assert_handled(run)
    return run.diagnostics()


# ---- the cache -----------------------------------------------------------------------------------


def _replace_db(make: Callable[[Path], object]) -> Callable[[Path], object]:
    def damage(folder: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            path = folder / (DB_NAME + suffix)
            if path.exists() or path.is_symlink():
                path.unlink()
        make(folder / DB_NAME)

    return damage


def _wal_fifo(folder: Path) -> None:
    wal = folder / (DB_NAME + "-wal")
    wal.unlink(missing_ok=True)
    os.mkfifo(wal)


def _rows(update: str, *params: object) -> Callable[[Path], object]:
    def damage(folder: Path) -> None:
        db = sqlite3.connect(folder / DB_NAME)
        db.execute(update, params)
        db.commit()
        db.close()

    return damage


def _payload(raw: bytes) -> Callable[[Path], object]:
    return _rows("UPDATE entries SET payload = ?, checksum = ?", raw, checksum(raw))


DAMAGED_CACHES: dict[str, Callable[[Path], object]] = {
    "deeply nested JSON as the database": _replace_db(lambda p: p.write_bytes(DEEP)),
    "JSON with Infinity as the database": _replace_db(
        lambda p: p.write_text('{"format": 2, "written_at": Infinity, "entries": []}')
    ),
    "random bytes after the SQLite header": _replace_db(
        lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    ),
    "empty file": _replace_db(lambda p: p.write_bytes(b"")),
    "FIFO as the database": _replace_db(os.mkfifo),
    "FIFO as the write-ahead log": _wal_fifo,
    "character device as the database": _replace_db(lambda p: p.symlink_to("/dev/zero")),
    "directory as the database": _replace_db(lambda p: p.mkdir()),
    "deeply nested payload": _payload(DEEP),
    "payload with Infinity": _payload(b"[1, null, 0, [[Infinity]]]"),
    "payload of wrong types": _payload(
        b"[1, null, 0, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]]]"
    ),
    "payload that is an object": _payload(b'{"pods": 1, "diagnostics": []}'),
    "payload that is not text": _rows("UPDATE entries SET payload = 12345, checksum = 'x'"),
    "stat columns of text": _rows("UPDATE entries SET size = 'big', mtime = 'soon', checked = 'x'"),
    "huge integers in the payload": _payload(b"[" + b"9" * 5000 + b", null, 0, []]"),
}


@pytest.mark.parametrize("damage", list(DAMAGED_CACHES), ids=list(DAMAGED_CACHES))
def test_a_damaged_cache_is_a_miss(tmp_path: Path, damage: str) -> None:
    repo = _project(tmp_path)
    expected = _check(repo, "--no-cache")
    assert _check(repo) == expected  # fills the cache
    DAMAGED_CACHES[damage](repo / CACHE_DIR)
    assert _check(repo) == expected
    assert _check(repo) == expected  # and the run after it, whatever the first one left


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_text("not a folder"),
        os.mkfifo,
        lambda p: p.symlink_to("/dev/zero"),
    ],
    ids=["file", "FIFO", "link to a device"],
)
def test_something_else_in_place_of_the_cache_folder(
    tmp_path: Path, make: Callable[[Path], object]
) -> None:
    repo = _project(tmp_path)
    expected = _check(repo, "--no-cache")
    make(repo / CACHE_DIR)
    assert _check(repo) == expected
    assert not stat.S_ISDIR(os.lstat(repo / CACHE_DIR).st_mode)  # left as it was


# ---- the baseline --------------------------------------------------------------------------------

DAMAGED_BASELINES: dict[str, Callable[[Path], object]] = {
    "deeply nested JSON": lambda p: p.write_bytes(DEEP),
    "Infinity as a count": lambda p: p.write_text(
        '{"podlint_baseline": 1, "findings": [{"file": "pods/typo.json", "rule": "unknown-key", '
        '"pointer": "/lables", "count": Infinity}]}'
    ),
    "a huge integer as a count": lambda p: p.write_text(
        '{"podlint_baseline": 1, "findings": [{"file": "pods/typo.json", "rule": "unknown-key", '
        '"pointer": "/lables", "count": 1e999}]}'
    ),
    "findings that are an object": lambda p: p.write_text(
        '{"podlint_baseline": 1, "findings": {"file": "x"}}'
    ),
    "a rule that is a list": lambda p: p.write_text(
        '{"podlint_baseline": 1, "findings": [{"file": "pods/typo.json", "rule": ["x"], '
        '"pointer": "/lables"}]}'
    ),
    "a version that is a list": lambda p: p.write_text('{"podlint_baseline": [1], "findings": []}'),
    "FIFO": os.mkfifo,
    "character device": lambda p: p.symlink_to("/dev/zero"),
    "directory": lambda p: p.mkdir(),
}


@pytest.mark.parametrize("damage", list(DAMAGED_BASELINES), ids=list(DAMAGED_BASELINES))
def test_a_damaged_baseline_is_one_clear_error(tmp_path: Path, damage: str) -> None:
    repo = _project(tmp_path)
    DAMAGED_BASELINES[damage](repo / "baseline.json")
    run = run_podlint(["check", "--baseline", "baseline.json", "pods"], repo)
    assert run.code == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "baseline.json" in lines[0]
    assert len(lines[0]) < 400
