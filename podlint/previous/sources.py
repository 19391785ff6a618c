"""Where previous versions come from: a git revision, or exported deployed definitions.

Both build a :class:`~podlint.previous.model.PreviousVersions` before the run; the engine then
matches each current pod by id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from podlint.previous.git import Change, GitError, Repository, toplevel
from podlint.previous.model import (
    PreviousPod,
    PreviousVersions,
    canonical_id,
    pair_renamed_ids,
    pods_in,
)

POD_SUFFIXES = (".json", ".yaml", ".yml")
# A previous version larger than this is not read (the loader's own limit for linted files).
MAX_BYTES = 10 * 1024 * 1024


def key(path: str) -> str:
    """How a current file is known to PreviousVersions: its real absolute path."""
    return os.path.realpath(path)


def load_pods(data: bytes, name: str) -> list[dict[str, Any]] | None:
    """The pods in a file's bytes, or None when the file cannot be read as JSON or YAML."""
    from podlint.loader import load

    loaded = load(data, name, max_bytes=MAX_BYTES)
    if loaded.text is None or any(p.rule == "syntax-error" for p in loaded.problems):
        return None
    return list(pods_in(d.data for d in loaded.documents))


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError:
        return None


# ---- git --------------------------------------------------------------------------------------


def find_repository(paths: Iterable[str]) -> Repository:
    """The one repository holding every linted path."""
    tops = {toplevel(p) for p in paths}
    if len(tops) != 1:
        raise GitError(
            "--since needs the linted paths to be in one git repository; these are in "
            + ", ".join(sorted(tops))
        )
    return Repository(tops.pop())


def from_git(
    ref: str,
    paths: list[str],
    targets: list[str],
    *,
    overrides: dict[str, bytes] | None = None,
) -> PreviousVersions:
    """Previous versions at ``ref`` for the linted ``targets`` (files found from ``paths``).

    ``overrides`` gives current content that is not on disk (standard input, an editor's buffer),
    by path. A file is compared when it changed since ``ref`` (or is overridden); a file added
    since ``ref`` has no previous version of its own, but a pod moved into it from a changed file
    is still matched by id.
    """
    overrides = {key(p): data for p, data in (overrides or {}).items()}
    repo = find_repository(paths)
    commit = repo.resolve(ref)
    changes = repo.changes(commit)
    return _build(repo, ref, commit, changes, {key(t) for t in targets}, overrides)


def _build(
    repo: Repository,
    ref: str,
    commit: str,
    changes: list[Change],
    targets: set[str],
    overrides: dict[str, bytes],
) -> PreviousVersions:
    def absolute(rel: str) -> str:
        return key(os.path.join(repo.top, rel))

    # The current file -> its path at ``ref`` (None for a file added since).
    predecessor: dict[str, str | None] = {}
    deleted: list[str] = []
    for change in changes:
        if change.new is not None:
            predecessor[absolute(change.new)] = change.old
        elif change.old is not None:
            deleted.append(change.old)
    for path in overrides:
        if path not in predecessor and path.startswith(key(repo.top) + os.sep):
            predecessor[path] = os.path.relpath(path, repo.top).replace(os.sep, "/")

    previous: dict[str, list[PreviousPod]] = {}

    def previous_pods(rel: str) -> list[PreviousPod]:
        if rel not in previous:
            data = repo.show(commit, rel) if rel.lower().endswith(POD_SUFFIXES) else None
            pods = load_pods(data, rel) if data is not None else None
            previous[rel] = [PreviousPod(p, f"{ref}:{rel}") for p in pods or ()]
        return previous[rel]

    versions = PreviousVersions()
    compared = sorted(p for p in predecessor if p in targets)
    versions.files.update(compared)
    # A file's own previous version first: on an id held twice it wins.
    for path in compared:
        old = predecessor[path]
        for pod in previous_pods(old) if old else ():
            versions.add(pod)
    for old in [p for p in predecessor.values() if p] + deleted:
        for pod in previous_pods(old):
            versions.add(pod)

    current: dict[str, list[dict[str, Any]]] = {}
    for path in predecessor:
        if not path.lower().endswith(POD_SUFFIXES) and path not in overrides:
            continue
        data = overrides.get(path)
        if data is None:
            data = _read(path)
        current[path] = (load_pods(data, path) or []) if data is not None else []
    current_ids = {
        i for pods in current.values() for i in map(canonical_id, (p.get("id") for p in pods)) if i
    }
    pair_renamed_ids(
        versions,
        (
            (path, previous_pods(old), current.get(path, []))
            for path in compared
            if (old := predecessor[path]) is not None
        ),
        current_ids,
    )
    return versions


# ---- exported definitions -----------------------------------------------------------------------


class PreviousFileError(Exception):
    """A one-line reason a ``--previous`` file cannot be used."""


def from_files(sources: list[str], targets: list[str]) -> PreviousVersions:
    """Previous versions from deployed definitions (``dcos marathon pod show /id > FILE``).

    Each source is a file or a folder of such files (walked for .json, .yaml and .yml); pods are
    matched by id. When the sources hold exactly one pod and one file holding one pod is linted,
    a changed id pairs them.
    """
    versions = PreviousVersions()
    pods: list[PreviousPod] = []
    for source in sources:
        for path in _walk(source):
            data = _read(path)
            if data is None:
                raise PreviousFileError(f"--previous {path}: cannot read it")
            found = load_pods(data, path)
            if found is None:
                raise PreviousFileError(f"--previous {path}: not readable as JSON or YAML")
            if not found and os.path.isfile(source):
                raise PreviousFileError(f"--previous {path}: holds no pod definition")
            pods.extend(PreviousPod(p, path) for p in found)
    if len(targets) == 1:
        data = _read(targets[0])
        now = load_pods(data, targets[0]) if data is not None else None
        return for_one_file(pods, targets[0], now or [])
    for pod in pods:
        versions.add(pod)
    versions.files.update(key(t) for t in targets)
    return versions


def for_one_file(
    previous: list[PreviousPod], path: str, current: list[dict[str, Any]]
) -> PreviousVersions:
    """Previous versions for one linted file (an editor's buffer, a single deployed pod)."""
    versions = PreviousVersions()
    for pod in previous:
        versions.add(pod)
    versions.files.add(key(path))
    ids = {i for i in (canonical_id(p.get("id")) for p in current) if i}
    pair_renamed_ids(versions, [(key(path), previous, current)], ids)
    return versions


def _walk(source: str) -> list[str]:
    if os.path.isfile(source):
        return [source]
    if not os.path.isdir(source):
        raise PreviousFileError(f"--previous {source}: no such file or folder")
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            os.path.join(dirpath, n) for n in sorted(filenames) if n.lower().endswith(POD_SUFFIXES)
        )
    return found
