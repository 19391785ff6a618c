"""The results store: one SQLite database, ``.podlint_cache/results-1.sqlite3``.

One row per (settings fingerprint, explicitly named or walked, path, content hash). A run asks only
for the rows of the paths it lints, through the primary-key index, so a one-file run costs the same
whether the store holds ten entries or a hundred thousand.

SQLite gives what a cache shared by concurrent runs needs: a write is one transaction, so a run that
is killed half-way leaves the previous state, never a torn entry; readers never wait for a writer
(write-ahead log); a writer that cannot get the lock soon gives up and the run simply is not cached.
Each payload also carries a CRC-32 of its own, and a row that fails it or fails to decode is a
miss. A database file that SQLite itself finds damaged is deleted and started afresh: it only ever
held results that can be computed again.

The store is bounded: past :data:`MAX_BYTES` of live data the least recently used rows are evicted,
and once a day rows of files that no longer exist, or not used for a month, are dropped.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

# The number is the table layout's version: another layout is another file, never a migration.
DB_NAME = "results-1.sqlite3"
# The files SQLite keeps beside the database; none may be anything but a regular file.
COMPANIONS = ("", "-wal", "-shm", "-journal")
MAX_BYTES = 256 * 1024 * 1024
ENV_MAX_MB = "PODLINT_CACHE_MAX_MB"
# After eviction the store holds at most this share of MAX_BYTES, so eviction is not every run.
EVICT_TO = 0.75
# Contents kept per file and settings: a branch switched back and forth hits for both sides.
KEEP_CONTENTS = 3
STALE_TMP_S = 60
# Entries not used for this many days are dropped at the daily sweep.
UNUSED_DAYS = 30
SWEEP_EVERY_NS = 24 * 3600 * 1_000_000_000
# How long a run waits for another run's write before giving up writing (it then is not cached).
BUSY_MS = 2000
# SQLite's default limit on the number of ? in one statement is 999 on old builds.
_BATCH = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    fp TEXT NOT NULL,
    path TEXT NOT NULL,
    explicit INTEGER NOT NULL,
    digest TEXT NOT NULL,
    size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER, dev INTEGER,
    checked INTEGER NOT NULL,
    used INTEGER NOT NULL,
    checksum INTEGER NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (fp, explicit, path, digest)
);
CREATE INDEX IF NOT EXISTS entries_used ON entries (used);
CREATE TABLE IF NOT EXISTS rule_records (
    key TEXT PRIMARY KEY,
    packages TEXT NOT NULL,
    code TEXT NOT NULL
);
"""

StatKey = tuple[int, int, int, int, int]


@dataclass
class Row:
    rowid: int
    explicit: bool
    digest: str
    stat: StatKey | None
    # When the stat was recorded (ns since the epoch): a file changed this close to it is re-hashed.
    checked: int
    used: int
    payload: bytes | None


@dataclass
class NewEntry:
    fp: str
    path: str
    explicit: bool
    digest: str
    stat: StatKey | None
    payload: bytes


class StoreUnavailable(Exception):
    """The store cannot be used here (not a regular file, locked, read-only, ...)."""


def checksum(payload: bytes) -> int:
    """CRC-32 of a payload: it catches a damaged entry; a forged one is caught by the strict
    decoding (a checksum anyone can compute stops no one), and CRC-32 is three times faster than
    a cryptographic hash over a warm run's megabytes."""
    return zlib.crc32(payload)


def today() -> int:
    return int(time.time() // 86400)


def max_bytes() -> int:
    raw = os.environ.get(ENV_MAX_MB, "")
    try:
        value = int(raw)
    except ValueError:
        return MAX_BYTES
    return max(1, value) * 1024 * 1024


def only_regular_files(folder: str) -> bool:
    """False when the database or a companion file exists but is not a regular file.

    A FIFO there would block SQLite's open, a device would never end; a symbolic link could point
    anywhere. Nothing that is not a regular file is opened.
    """
    for suffix in COMPANIONS:
        try:
            st = os.lstat(os.path.join(folder, DB_NAME + suffix))
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode):
            return False
    return True


class Store:
    """An open results database. Every method raises :class:`StoreUnavailable` on trouble."""

    def __init__(self, folder: str, *, create: bool) -> None:
        self.folder = folder
        self.path = os.path.join(folder, DB_NAME)
        # Rows handed out by lookups: what a test counts to show a run reads only what it needs.
        self.rows_read = 0
        if not only_regular_files(folder):
            raise StoreUnavailable("not a regular file")
        if not create and not os.path.exists(self.path):
            raise StoreUnavailable("no store yet")
        try:
            self._db = self._connect(create)
        except sqlite3.DatabaseError as exc:
            if not create or not _damaged(exc):
                raise StoreUnavailable(str(exc)) from None
            self._discard()
            try:
                self._db = self._connect(create)
            except sqlite3.Error as again:
                raise StoreUnavailable(str(again)) from None
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from None

    def _connect(self, create: bool) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            if create:
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")
                db.execute("PRAGMA journal_mode = WAL")
                db.executescript(_SCHEMA)
            else:
                db.execute("SELECT 1 FROM entries LIMIT 0")
            # A crash may lose the last transaction, never corrupt the database; a cache can
            # afford that and is spared an fsync per run.
            db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        for suffix in COMPANIONS:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path + suffix)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------

    def lookup(self, fp: str, explicit: bool, paths: Sequence[str]) -> dict[str, list[Row]]:
        """Every stored row of ``paths`` under ``fp``, by path; payloads included."""
        found: dict[str, list[Row]] = {}
        try:
            for start in range(0, len(paths), _BATCH):
                chunk = paths[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                cursor = self._db.execute(
                    "SELECT rowid, path, digest, size, mtime, ctime, ino, dev, checked, "
                    f"used, checksum, payload FROM entries WHERE fp = ? AND explicit = ? "
                    f"AND path IN ({marks})",
                    (fp, int(explicit), *chunk),
                )
                for (
                    rowid,
                    path,
                    digest,
                    size,
                    mtime,
                    ctime,
                    ino,
                    dev,
                    checked,
                    used,
                    check,
                    raw,
                ) in cursor:
                    self.rows_read += 1
                    # SQLite stores whatever it was given: every column is checked on the way out.
                    intact = type(raw) is bytes and check == checksum(raw)
                    stat_key: StatKey | None = (size, mtime, ctime, ino, dev)
                    if not (
                        type(size) is int
                        and type(mtime) is int
                        and type(ctime) is int
                        and type(ino) is int
                        and type(dev) is int
                    ):
                        stat_key = None
                    found.setdefault(path, []).append(
                        Row(
                            rowid,
                            explicit,
                            digest if type(digest) is str else "",
                            stat_key,
                            checked if type(checked) is int else 0,
                            used if type(used) is int else 0,
                            raw if intact else None,  # garbage: a miss
                        )
                    )
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from None
        return found

    def rule_record(self, key: str) -> tuple[object, object] | None:
        """The (packages, code) of the rule record ``key`` (podlint.cache.rule_record), unchecked."""
        try:
            row = self._db.execute(
                "SELECT packages, code FROM rule_records WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:  # a store written before records were kept
            return None
        return None if row is None else (row[0], row[1])

    # -- writing ---------------------------------------------------------------------------------

    def write(
        self,
        new: Iterable[NewEntry],
        restat: Iterable[tuple[int, StatKey]],
        touched: Iterable[int],
        dropped: Iterable[int],
        crowded: Iterable[tuple[str, str, bool]],
        record: tuple[str, str, str] | None = None,
    ) -> None:
        """One transaction: add ``new`` rows, record a re-hashed file's stat, mark rows used today,
        delete ``dropped`` rows, trim ``crowded`` (fp, path, explicit) to their newest contents,
        keep ``record`` (key, packages, code) of the rules, and evict or sweep if it is time to."""
        now = time.time_ns()
        day = today()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "DELETE FROM entries WHERE rowid = ?", ((rowid,) for rowid in dropped)
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (fp, path, explicit, digest, size, mtime, "
                    "ctime, ino, dev, checked, used, checksum, payload) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        (
                            e.fp,
                            e.path,
                            int(e.explicit),
                            e.digest,
                            *(e.stat if e.stat is not None else (None,) * 5),
                            now,
                            day,
                            checksum(e.payload),
                            e.payload,
                        )
                        for e in new
                    ),
                )
                self._db.executemany(
                    "UPDATE entries SET size = ?, mtime = ?, ctime = ?, ino = ?, dev = ?, "
                    "checked = ?, used = ? WHERE rowid = ?",
                    ((*st, now, day, rowid) for rowid, st in restat),
                )
                self._db.executemany(
                    "UPDATE entries SET used = ? WHERE rowid = ?", ((day, r) for r in touched)
                )
                self._db.executemany(
                    "DELETE FROM entries WHERE fp = ? AND path = ? AND explicit = ? AND rowid NOT "
                    "IN (SELECT rowid FROM entries WHERE fp = ? AND path = ? AND explicit = ? "
                    "ORDER BY checked DESC LIMIT ?)",
                    ((fp, p, int(x), fp, p, int(x), KEEP_CONTENTS) for fp, p, x in crowded),
                )
                if record is not None:
                    self._db.execute(
                        "INSERT OR REPLACE INTO rule_records (key, packages, code) VALUES (?, ?, ?)",
                        record,
                    )
                self._keep_bounded()
                self._sweep_if_due(now)
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
            self._shrink()
        except sqlite3.Error as exc:
            if isinstance(exc, sqlite3.DatabaseError) and _damaged(exc):
                self.close()
                self._discard()
            raise StoreUnavailable(str(exc)) from None

    def remove_leftovers(self) -> None:
        """Files of older cache layouts, and temporary files of a writer that was killed."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            old_layout = name.startswith("results-") and not name.startswith(DB_NAME)
            temporary = name.startswith(".podlint-") and name.endswith(".tmp")
            if not (old_layout or temporary):
                continue
            path = os.path.join(self.folder, name)
            with contextlib.suppress(OSError):
                # A temporary file this young may be another run's write in progress.
                if old_layout or time.time() - os.lstat(path).st_mtime > STALE_TMP_S:
                    os.unlink(path)

    def live_bytes(self) -> int:
        (pages,) = self._db.execute("PRAGMA page_count").fetchone()
        (free,) = self._db.execute("PRAGMA freelist_count").fetchone()
        (size,) = self._db.execute("PRAGMA page_size").fetchone()
        return int((pages - free) * size)

    def _keep_bounded(self) -> None:
        limit = max_bytes()
        live = self.live_bytes()
        if live <= limit:
            return
        (rows,) = self._db.execute("SELECT count(*) FROM entries").fetchone()
        # Rows are of similar size: drop the least recently used share that brings the store
        # down to EVICT_TO of its bound.
        excess = rows - int(rows * EVICT_TO * limit / live)
        if excess > 0:
            self._db.execute(
                "DELETE FROM entries WHERE rowid IN "
                "(SELECT rowid FROM entries ORDER BY used, checked LIMIT ?)",
                (excess,),
            )

    def _sweep_if_due(self, now: int) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'swept'").fetchone()
        if row is not None and isinstance(row[0], int) and 0 <= now - row[0] < SWEEP_EVERY_NS:
            return
        self.sweep()
        # Entries of another podlint version or configuration are never asked for again.
        self._db.execute("DELETE FROM entries WHERE used < ?", (today() - UNUSED_DAYS,))
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('swept', ?)", (now,))

    def sweep(self) -> int:
        """Drop the rows of files that no longer exist (paths are relative to the working folder,
        which is the cache's parent)."""
        paths = [p for (p,) in self._db.execute("SELECT DISTINCT path FROM entries")]
        gone = [(p,) for p in paths if not isinstance(p, str) or not os.path.lexists(p)]
        self._db.executemany("DELETE FROM entries WHERE path = ?", gone)
        return len(gone)

    def _shrink(self) -> None:
        """Give freed pages back to the file system (the database file stays bounded too)."""
        (free,) = self._db.execute("PRAGMA freelist_count").fetchone()
        (pages,) = self._db.execute("PRAGMA page_count").fetchone()
        if free > 256 and free * 4 > pages:
            self._db.execute("PRAGMA incremental_vacuum")

    def paths(self) -> Iterator[str]:
        for (p,) in self._db.execute("SELECT path FROM entries"):
            yield p


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """SQLite says the file is not a database, or a damaged one (not: locked, read-only, ...)."""
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
