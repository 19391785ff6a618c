"""Linting with the results cache: unchanged files are answered from it, the rest are linted.

A file's entry is found by its path, the fingerprint of its settings and of the code
(:mod:`podlint.cache.keys`), whether it was named or walked, and the hash of its content. Reading
and hashing every file is most of a warm run, so an entry also keeps the file's ``stat`` (size,
mtime, ctime, inode, device), taken *before* the file was read: when it is unchanged the stored hash
is trusted without reading the file. Any write to a file changes its ctime, which no user tool can
set back, so this cannot hide an edit; and, as git does for its index, an entry whose file changed
within two seconds of its stat being recorded is not trusted (a same-tick edit on a coarse clock).

The hash stored with a result is the hash of the bytes that were linted (``FileResult.digest``), so
a file edited while it is linted can never have its new findings filed under its old content.
Results that say something about the run rather than the file (``FileResult.transient``: a rule
crashed, was stopped or was slow) are never stored.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from podlint.cache import codec, keys, rule_record
from podlint.cache.store import KEEP_CONTENTS, NewEntry, Row, Store, StoreUnavailable, today
from podlint.config.settings import Settings
from podlint.discover import Target
from podlint.plugins import Registry
from podlint.results import FileResult

if TYPE_CHECKING:
    from podlint.engine import Linter

CACHE_DIR = ".podlint_cache"
# A file changed this close to when its stat was recorded is re-hashed (racily clean files).
RACY_NS = 2_000_000_000


@dataclass
class _Pending:
    """Everything the write at the end of the run will do, in one transaction."""

    new: list[NewEntry] = field(default_factory=list)
    restat: list[tuple[int, keys.StatKey]] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    crowded: list[tuple[str, str, bool]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.restat or self.touched or self.dropped)


def usable_folder(folder: str) -> bool:
    """Whether ``folder`` may hold the cache: a real folder (or none yet) inside the working one.

    A symbolic link is never followed: pointing the cache into the linted tree would put its
    ``.gitignore`` (``*``) there and hide every pod beside it, and pointing it elsewhere would let
    a repository have podlint write anywhere.
    """
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
    except FileNotFoundError:
        pass
    except OSError:
        return False
    if not os.path.dirname(os.path.normpath(folder)):
        return True  # a real folder (or none) right in the working folder: nothing to follow
    from podlint.fixing.safe_write import leaves_folder

    return not leaves_folder(folder, os.getcwd())


def _trusted(row: Row, stat: keys.StatKey | None) -> bool:
    if stat is None or row.stat != stat:
        return False
    return max(stat[1], stat[2]) < row.checked - RACY_NS


def cached_run(
    linter: Linter | Callable[[], Linter],
    settings_for: Callable[[str], Settings],
    targets: list[Target],
    jobs: int | None,
    registry: Registry,
    *,
    folder: str = CACHE_DIR,
    stats: dict[str, int] | None = None,
    keep_text: bool = True,
) -> Iterator[FileResult]:
    """Like :func:`podlint.runner.run`, answering unchanged files from the cache.

    ``linter`` may be a factory: a run whose every file is answered from the cache never builds
    one (nor imports the engine). ``stats``, if given, receives counts of what the cache did.
    """
    counts = stats if stats is not None else {}
    for name in ("hits", "misses", "hashed", "rows_read"):
        counts.setdefault(name, 0)
    code = keys.code_fingerprint(keys.code_packages(registry))
    usable = code is not None and usable_folder(folder)
    fp_of: dict[int, str] = {}
    settings_by_folder: dict[str, Settings] = {}
    fps: list[str | None] = []
    stat_of: list[keys.StatKey | None] = []
    for target in targets:
        if not usable:
            fps.append(None)
            stat_of.append(None)
            continue
        # Settings are per folder (configuration is found from the file's folder upwards).
        folder_of = os.path.dirname(target.path)
        settings = settings_by_folder.get(folder_of)
        if settings is None:
            settings = settings_by_folder[folder_of] = settings_for(target.path)
        fp = fp_of.get(id(settings))
        if fp is None:
            assert code is not None
            fp = fp_of[id(settings)] = keys.settings_fingerprint(settings, registry, code)
        fps.append(fp)
        # Stat before any read: an edit after this leaves a stat that no longer matches. A walked
        # file comes with the stat the walk took, which is such a stat.
        try:
            stat_of.append(keys.stat_key(target.stat or os.stat(target.path)))
        except OSError:
            stat_of.append(None)

    pending = _Pending()
    hits: dict[int, FileResult] = {}
    misses: list[int] = []
    day = today()
    # Reading and decoding entries builds tens of thousands of small objects and no cycles: the
    # cyclic garbage collector would run over and over for nothing (a third of the decoding).
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows = _lookup(folder, targets, fps, counts) if usable else {}
        for i, target in enumerate(targets):
            fp = fps[i]
            candidates = rows.get((fp, target.explicit, target.path), [])
            hit = _answer(target, candidates, stat_of[i], settings_for, pending, counts)
            if hit is None:
                misses.append(i)
                if len(candidates) >= KEEP_CONTENTS:
                    pending.crowded.append((fp or "", target.path, target.explicit))
                continue
            row, result = hit
            if row.used < day:
                pending.touched.append(row.rowid)
            hits[i] = result
    except BaseException:
        if collecting:
            gc.enable()
        raise
    # What was decoded lives until the report is written and holds no cycle; re-enabled as is,
    # the collector would walk all of it at its next pass, and again as it ages. It is kept out
    # of the collector's sight while the run's results are handed out.
    frozen = collecting and bool(hits)
    if frozen:
        gc.freeze()
    if collecting:
        gc.enable()
    counts["hits"] += len(hits)
    counts["misses"] += len(misses)
    try:
        yield from _results(
            targets, hits, misses, fps, stat_of, pending, linter, settings_for, jobs, keep_text
        )
    finally:
        if frozen:
            gc.unfreeze()
    record = rule_record.to_write(registry, code) if usable else None
    if usable and (pending or record is not None):
        _write(folder, pending, record)


def _results(
    targets: list[Target],
    hits: dict[int, FileResult],
    misses: list[int],
    fps: list[str | None],
    stat_of: list[keys.StatKey | None],
    pending: _Pending,
    linter: Linter | Callable[[], Linter],
    settings_for: Callable[[str], Settings],
    jobs: int | None,
    keep_text: bool,
) -> Iterator[FileResult]:
    """The hits and, linted, the misses, in the targets' order; new entries go to ``pending``."""
    fresh: Iterator[FileResult] = iter(())
    if misses:
        from podlint.runner import run

        built = linter() if callable(linter) else linter
        fresh = iter(
            run(built, settings_for, [targets[i] for i in misses], jobs, keep_text=keep_text)
        )
    for i, target in enumerate(targets):
        found = hits.get(i)
        if found is not None:
            yield found  # its text, for snippets, is read only if a format asks for it
            continue
        result = next(fresh)
        fp = fps[i]
        if fp is not None and result.digest is not None and not result.transient:
            pending.new.append(
                NewEntry(
                    fp,
                    target.path,
                    target.explicit,
                    result.digest,
                    stat_of[i],
                    codec.encode(result),
                )
            )
        yield result


def _lookup(
    folder: str, targets: list[Target], fps: list[str | None], counts: dict[str, int]
) -> dict[tuple[str | None, bool, str], list[Row]]:
    groups: dict[tuple[str, bool], list[str]] = {}
    for target, fp in zip(targets, fps, strict=True):
        if fp is not None:
            groups.setdefault((fp, target.explicit), []).append(target.path)
    found: dict[tuple[str | None, bool, str], list[Row]] = {}
    try:
        with Store(folder, create=False) as store:
            for (fp, explicit), paths in groups.items():
                for path, rows in store.lookup(fp, explicit, paths).items():
                    found[(fp, explicit, path)] = rows
            counts["rows_read"] += store.rows_read
    except StoreUnavailable:
        return {}
    return found


def _answer(
    target: Target,
    candidates: list[Row],
    stat: keys.StatKey | None,
    settings_for: Callable[[str], Settings],
    pending: _Pending,
    counts: dict[str, int],
) -> tuple[Row, FileResult] | None:
    """The stored result for ``target``, or None (a miss)."""
    if not candidates:
        return None
    row = next((r for r in candidates if _trusted(r, stat)), None)
    if row is None:
        # Stat changed, or racily clean: the content decides. The read is the same bounded,
        # non-blocking one as linting, so a FIFO or /dev/zero cannot hang the run.
        from podlint.runner import content_digest, read_target

        data = read_target(target, settings_for(target.path).max_file_size)
        if isinstance(data, str):
            return None
        counts["hashed"] += 1
        digest = content_digest(data)
        row = next((r for r in candidates if r.digest == digest), None)
        if row is None:
            return None
        if stat is not None:
            pending.restat.append((row.rowid, stat))
    try:
        result = codec.decode(row.payload, target.path)
    except codec.BadEntry:
        pending.dropped.append(row.rowid)
        return None
    return row, result


def _write(folder: str, pending: _Pending, record: tuple[str, str, str] | None = None) -> None:
    from podlint.fixing.safe_write import write_bytes_atomic

    try:
        os.makedirs(folder, exist_ok=True)
        gitignore = os.path.join(folder, ".gitignore")
        here = os.getcwd()
        if not os.path.lexists(gitignore):
            write_bytes_atomic(gitignore, b"# created by podlint\n*\n", confine_to=here)
        with Store(folder, create=True) as store:
            store.remove_leftovers()
            store.write(
                pending.new,
                pending.restat,
                pending.touched,
                pending.dropped,
                pending.crowded,
                record,
            )
    except (OSError, StoreUnavailable):
        pass  # a read-only checkout, or another run holding the lock: this run just is not cached


def clean(path: str) -> int:
    target = os.path.join(path, CACHE_DIR)
    if os.path.isdir(target) and not os.path.islink(target):
        import shutil

        shutil.rmtree(target)
        print(f"removed {target}")
    else:
        print(f"no cache at {target}")
    return 0
