"""The results cache (``.podlint_cache/``): unchanged files are not linted again.

An entry is keyed by the file's path and the BLAKE2 hash of its bytes, inside a cache file named by a
fingerprint of everything else that decides findings: podlint's version and code, every plugin's
distribution and version, and the effective settings. A change to any of them selects another cache
file, so a stale finding can never be returned. The cache file is written atomically. It is JSON,
never pickle: a cache committed to a repository by someone else must not be able to run code.

Reading and hashing every file is most of a warm run, so an entry also keeps the file's ``stat``
(size, mtime, ctime, inode, device). When they are unchanged the stored hash is trusted without
reading the file. Any write to a file changes its ctime, which no user tool can set back, so this
cannot hide an edit; and, as git does for its index, an entry whose file changed within two
seconds of the cache being written is not trusted (a same-second edit on a coarse clock).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from podlint import __version__
from podlint.config.settings import Settings
from podlint.discover import Target
from podlint.engine import Linter
from podlint.fixing.safe_write import leaves_folder, write_bytes_atomic
from podlint.plugins import Registry
from podlint.results import FileResult
from podlint.runner import read_target, run
from podlint.serialize import diagnostic_from_dict, diagnostic_to_dict

CACHE_DIR = ".podlint_cache"
FORMAT = 2
_MAX_ENTRIES = 200_000
# An entry whose file changed this close to the cache's writing is re-hashed (racy-clean files).
_RACY_NS = 2_000_000_000

StatKey = tuple[int, int, int, int, int]


def _stat_key(path: str) -> StatKey | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass
class _Group:
    """One cache file: results by (path, content key), and what each path's stat was."""

    entries: dict[tuple[str, str], FileResult] = field(default_factory=dict)
    stats: dict[str, tuple[StatKey, str]] = field(default_factory=dict)
    written_at: int = 0

    def trusted_key(self, path: str, stat: StatKey | None) -> str | None:
        """The content key of ``path`` if its stat proves it unchanged since it was hashed."""
        known = self.stats.get(path)
        if stat is None or known is None or known[0] != stat:
            return None
        if max(stat[1], stat[2]) >= self.written_at - _RACY_NS:
            return None
        return known[1]


def _code_fingerprint() -> str:
    """Size and mtime of podlint's own modules, so an edited checkout never reuses old results."""
    import podlint
    import podlint_rules
    import podlint_schemas

    h = hashlib.blake2b(digest_size=16)
    for pkg in (podlint, podlint_rules, podlint_schemas):
        for root in pkg.__path__:
            for dirpath, _, files in os.walk(root):
                for name in sorted(files):
                    if name.endswith((".py", ".json")):
                        st = os.stat(os.path.join(dirpath, name))
                        h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def fingerprint(settings: Settings, registry: Registry) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{__version__}|{_code_fingerprint()}|".encode())
    for p in sorted(registry.plugins, key=lambda p: p.name):
        h.update(f"{p.name}={p.distribution}-{p.version};".encode())
    h.update(repr(sorted(vars(settings).items(), key=lambda kv: kv[0])).encode())
    return h.hexdigest()


def _cache_file(folder: Path, key: str) -> Path:
    return folder / f"results-{key}.json"


def _load(path: Path) -> _Group:
    """Read a cache file; anything unreadable or malformed is simply a miss."""
    if leaves_folder(str(path), os.getcwd()):
        return _Group()
    try:
        with open(path, "rb") as fh:
            raw = json.loads(fh.read())
        if raw.get("format") != FORMAT:
            return _Group()
        group = _Group(written_at=int(raw["written_at"]))
        for item in raw["entries"]:
            diags = [diagnostic_from_dict(d) for d in item["diagnostics"]]
            result = FileResult(
                item["path"],
                diags,
                None,
                int(item["pods"]),
                item["skipped"],
                suppressed=int(item.get("suppressed", 0)),
            )
            group.entries[(item["path"], item["key"])] = result
            stat = item.get("stat")
            if isinstance(stat, list) and len(stat) == 5:
                group.stats[item["path"]] = (tuple(int(x) for x in stat), item["key"])  # type: ignore[assignment]
        return group
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _Group()


def _dump(group: _Group) -> bytes:
    items = []
    for (path, key), r in group.entries.items():
        known = group.stats.get(path)
        if known is not None and known[1] != key:
            continue  # an older content of a file that has changed since: never asked for again
        item: dict[str, object] = {
            "path": path,
            "key": key,
            "pods": r.pods,
            "skipped": r.skipped,
            "suppressed": r.suppressed,
            "diagnostics": [diagnostic_to_dict(d) for d in r.diagnostics],
        }
        if known is not None:
            item["stat"] = list(known[0])
        items.append(item)
    payload = {"format": FORMAT, "written_at": time.time_ns(), "entries": items}
    return json.dumps(payload, separators=(",", ":")).encode()


def cached_run(
    linter: Linter,
    settings_for: Callable[[str], Settings],
    targets: list[Target],
    jobs: int | None,
    registry: Registry,
    *,
    folder: str = CACHE_DIR,
) -> Iterator[FileResult]:
    """Like :func:`podlint.runner.run`, answering unchanged files from the cache."""
    cache_root = Path(folder)
    # A cache folder (or file) that a symbolic link takes out of the working folder is neither
    # read nor written: a repository could otherwise point it at any file of the user's.
    usable = not leaves_folder(folder, os.getcwd())
    groups: dict[str, _Group] = {}
    keys: list[tuple[str, tuple[str, str]] | None] = []
    stats: list[StatKey | None] = []
    misses: list[Target] = []
    hits: dict[int, FileResult] = {}
    fp_by_settings: dict[int, str] = {}
    dirty: set[str] = set()
    for i, target in enumerate(targets):
        settings = settings_for(target.path)
        fp = fp_by_settings.get(id(settings))
        if fp is None:
            fp = fingerprint(settings, registry)
            fp_by_settings[id(settings)] = fp
        if not usable:
            keys.append(None)
            stats.append(None)
            misses.append(target)
            continue
        if fp not in groups:
            groups[fp] = _load(_cache_file(cache_root, fp))
        group = groups[fp]
        # Stat before reading: an edit between the two leaves a stat that no longer matches.
        stat = _stat_key(target.path)
        stats.append(stat)
        suffix = f":{int(target.explicit)}"
        content_key = group.trusted_key(target.path, stat)
        if content_key is None or not content_key.endswith(suffix):
            # The same bounded, non-blocking read as linting: a FIFO or /dev/zero must not hang.
            data = read_target(target, settings.max_file_size)
            if isinstance(data, str):
                keys.append(None)
                misses.append(target)
                continue
            content_key = hashlib.blake2b(data, digest_size=16).hexdigest() + suffix
        entry_key = (target.path, content_key)
        keys.append((fp, entry_key))
        hit = group.entries.get(entry_key)
        if hit is not None:
            hits[i] = hit
            if stat is not None and group.trusted_key(target.path, stat) != content_key:
                # Re-hashed (new stat, or racy when last written): remember the stat so the next
                # run can trust it.
                group.stats[target.path] = (stat, content_key)
                dirty.add(fp)
        else:
            misses.append(target)
    fresh = iter(run(linter, settings_for, misses, jobs))
    for i, target in enumerate(targets):
        if i in hits:
            yield hits[i]  # its text, for snippets, is read only if a format asks for it
            continue
        result = next(fresh)
        key = keys[i]
        if key is not None:
            fp, entry_key = key
            stored = FileResult(
                result.path,
                result.diagnostics,
                None,
                result.pods,
                result.skipped,
                suppressed=result.suppressed,
            )
            groups[fp].entries[entry_key] = stored
            stat = stats[i]
            if stat is not None:
                groups[fp].stats[target.path] = (stat, entry_key[1])
            dirty.add(fp)
        yield result
    for fp in dirty:
        group = groups[fp]
        if len(group.entries) > _MAX_ENTRIES:
            continue
        try:
            cache_root.mkdir(exist_ok=True)
            here = os.getcwd()
            gitignore = cache_root / ".gitignore"
            if not os.path.lexists(gitignore):
                write_bytes_atomic(str(gitignore), b"# created by podlint\n*\n", confine_to=here)
            write_bytes_atomic(str(_cache_file(cache_root, fp)), _dump(group), confine_to=here)
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache


def clean(path: str) -> int:
    target = Path(path) / CACHE_DIR
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
        print(f"removed {target}")
    else:
        print(f"no cache at {target}")
    return 0
