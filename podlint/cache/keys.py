"""What a cached result is keyed by, besides the file's path and content.

Everything else that decides findings goes into one *fingerprint* per set of settings: the cache's
format, podlint's version, the effective settings, and what the code of podlint and of every plugin
*is* — the size and modification time of each file of the packages the rules come from, not just
a distribution's name and version, so an edited checkout or an editable-installed plugin never gets
its old findings back. A rule whose code cannot be found on disk cannot be fingerprinted; then
:func:`code_fingerprint` returns None and the run does not use the cache at all.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable

from podlint import __version__
from podlint.cache.blake import blake2b
from podlint.config.settings import Settings
from podlint.plugins import Registry

# Bumped whenever an entry's meaning or encoding changes.
FORMAT = 4
# A package this large is not a plugin's code (a rule defined in a namespace that spans a whole
# site-packages, say): it is not walked, and the run is not cached.
MAX_CODE_FILES = 20_000
# Always fingerprinted: the engine, the built-in rules and the schemas decide every finding.
CORE_PACKAGES = ("podlint", "podlint_rules", "podlint_schemas")

StatKey = tuple[int, int, int, int, int]


def stat_key(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def code_packages(registry: Registry) -> list[str]:
    """The top-level modules whose code decides findings: podlint's, and every rule's."""
    if registry.rules_pending and registry.vouched_packages is not None:
        # Not collected: the record that deferred them says where they come from.
        return sorted(registry.vouched_packages)
    names = set(CORE_PACKAGES)
    for plugin in registry.plugins:
        if plugin.module:
            names.add(plugin.module.split(".")[0])
    for rule in registry.rules.values():
        names.add(rule.__module__.split(".")[0])
    return sorted(names)


def code_fingerprint(packages: Iterable[str]) -> str | None:
    """Size and mtime of every file of ``packages`` (imported modules), or None if one has no files."""
    h = blake2b(digest_size=16)
    for name in packages:
        if name == "__main__":
            return None
        module = sys.modules.get(name)
        if module is None:
            try:
                module = importlib.import_module(name)
            except Exception:  # a rule whose module cannot be found again
                return None
        roots = list(getattr(module, "__path__", None) or ())
        single = getattr(module, "__file__", None)
        h.update(f"[{name}]".encode())
        if roots:
            if not _walk_into(h, roots):
                return None
        elif isinstance(single, str):
            try:
                st = os.stat(single)
            except OSError:  # inside a zip archive, say: nothing to fingerprint
                return None
            h.update(f"{single}:{st.st_size}:{st.st_mtime_ns};".encode())
        else:
            return None  # built into the interpreter or made at run time
    return h.hexdigest()


def _walk_into(h: blake2b, roots: list[str]) -> bool:
    count = 0
    for root in sorted(roots):
        if not os.path.isdir(root):
            return False
        for dirpath, dirnames, files in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                count += 1
                if count > MAX_CODE_FILES:
                    return False
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return True


def settings_fingerprint(settings: Settings, registry: Registry, code: str) -> str:
    h = blake2b(digest_size=16)
    h.update(f"{FORMAT}|{__version__}|{code}|".encode())
    for p in sorted(registry.plugins, key=lambda p: p.name):
        h.update(f"{p.name}={p.distribution}-{p.version}:{p.module};".encode())
    h.update(repr(sorted(vars(settings).items(), key=lambda kv: kv[0])).encode())
    return h.hexdigest()
