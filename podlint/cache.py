"""The results cache (``.podlint_cache/``): unchanged files are not linted again.

An entry is keyed by the file's path and the BLAKE2 hash of its bytes, inside a cache file named by a
fingerprint of everything else that decides findings: podlint's version and code, every plugin's
distribution and version, and the effective settings. A change to any of them selects another cache
file, so a stale finding can never be returned. The cache file is written atomically. It is JSON, never pickle: a cache committed to a repository by someone
else must not be able to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from podlint import __version__
from podlint.discover import Target
from podlint.engine import Linter
from podlint.formatters.base import FileResult
from podlint.plugins import Registry
from podlint.runner import read_target, run
from podlint.safe_write import leaves_folder, write_bytes_atomic
from podlint.serialize import diagnostic_from_dict, diagnostic_to_dict
from podlint.settings import Settings

CACHE_DIR = ".podlint_cache"
FORMAT = 1
_MAX_ENTRIES = 200_000


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


def _load(path: Path) -> dict[tuple[str, str], FileResult]:
    """Read a cache file; anything unreadable or malformed is simply a miss."""
    if leaves_folder(str(path), os.getcwd()):
        return {}
    try:
        with open(path, "rb") as fh:
            raw = json.loads(fh.read())
        entries: dict[tuple[str, str], FileResult] = {}
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
            entries[(item["path"], item["key"])] = result
        return entries
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _dump(entries: dict[tuple[str, str], FileResult]) -> bytes:
    items = [
        {
            "path": path,
            "key": key,
            "pods": r.pods,
            "skipped": r.skipped,
            "suppressed": r.suppressed,
            "diagnostics": [diagnostic_to_dict(d) for d in r.diagnostics],
        }
        for (path, key), r in entries.items()
    ]
    return json.dumps({"format": FORMAT, "entries": items}, separators=(",", ":")).encode()


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
    groups: dict[str, dict[tuple[str, str], FileResult]] = {}
    keys: list[tuple[str, tuple[str, str]] | None] = []
    misses: list[Target] = []
    hits: dict[int, FileResult] = {}
    fp_by_settings: dict[int, str] = {}
    for i, target in enumerate(targets):
        settings = settings_for(target.path)
        fp = fp_by_settings.get(id(settings))
        if fp is None:
            fp = fingerprint(settings, registry)
            fp_by_settings[id(settings)] = fp
        # The same bounded, non-blocking read as linting: a FIFO or /dev/zero must not hang here.
        data = read_target(target, settings.max_file_size)
        if isinstance(data, str) or not usable:
            keys.append(None)
            misses.append(target)
            continue
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if fp not in groups:
            groups[fp] = _load(_cache_file(cache_root, fp))
        entry_key = (target.path, f"{digest}:{int(target.explicit)}")
        keys.append((fp, entry_key))
        hit = groups[fp].get(entry_key)
        if hit is not None:
            hits[i] = hit
        else:
            misses.append(target)
    fresh = iter(run(linter, settings_for, misses, jobs))
    dirty: set[str] = set()
    for i, target in enumerate(targets):
        if i in hits:
            result = hits[i]
            if result.diagnostics and result.text is None:
                result.text = _read_text(target.path, settings_for(target.path).max_file_size)
            yield result
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
            groups[fp][entry_key] = stored
            dirty.add(fp)
        yield result
    for fp in dirty:
        entries = groups[fp]
        if len(entries) > _MAX_ENTRIES:
            continue
        try:
            cache_root.mkdir(exist_ok=True)
            here = os.getcwd()
            gitignore = cache_root / ".gitignore"
            if not os.path.lexists(gitignore):
                write_bytes_atomic(str(gitignore), b"# created by podlint\n*\n", confine_to=here)
            write_bytes_atomic(str(_cache_file(cache_root, fp)), _dump(entries), confine_to=here)
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache


def _read_text(path: str, max_bytes: int) -> str | None:
    data = read_target(Target(path, explicit=True), max_bytes)
    if isinstance(data, str):
        return None
    return data.decode("utf-8-sig", errors="replace")


def clean(path: str) -> int:
    target = Path(path) / CACHE_DIR
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
        print(f"removed {target}")
    else:
        print(f"no cache at {target}")
    return 0
