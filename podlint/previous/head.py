"""The language server's previous versions: each buffer against its file at ``HEAD``.

Only when the buffer's folder is in a git working tree (found with ``git rev-parse``; podlint runs
git nowhere else). ``HEAD`` is resolved on every lint (one short git call) and the file's content
at ``HEAD`` is cached by (path, commit), so a commit or a checkout is seen at the next keystroke
and an unchanged ``HEAD`` costs no further git call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from podlint.previous.git import GitError, Repository, toplevel
from podlint.previous.model import PreviousPod, PreviousVersions
from podlint.previous.sources import for_one_file, load_pods

# Cached contents at HEAD; an editor session opens far fewer files than this.
_MAX_CACHED = 512


@dataclass
class HeadVersions:
    _tops: dict[str, str | None] = field(default_factory=dict)
    _pods: dict[tuple[str, str], list[PreviousPod]] = field(default_factory=dict)

    def _top(self, folder: str) -> str | None:
        if folder not in self._tops:
            try:
                self._tops[folder] = toplevel(folder) if os.path.isdir(folder) else None
            except GitError:
                self._tops[folder] = None  # not a repository, or no git: no update checks
        return self._tops[folder]

    def for_buffer(self, path: str, data: bytes) -> PreviousVersions | None:
        """The buffer's previous version at ``HEAD``, or None when there is none to compare with."""
        top = self._top(os.path.dirname(os.path.abspath(path)))
        if top is None:
            return None
        repo = Repository(top)
        try:
            head = repo.resolve("HEAD")
        except GitError:  # a repository without commits
            return None
        rel = os.path.relpath(os.path.realpath(path), top).replace(os.sep, "/")
        if rel.startswith("../"):
            return None
        cached = self._pods.get((rel, head))
        if cached is None:
            content = repo.show(head, rel)
            pods = load_pods(content, rel) if content is not None else None
            cached = [PreviousPod(p, f"HEAD:{rel}") for p in pods or ()]
            if len(self._pods) >= _MAX_CACHED:
                self._pods.clear()
            self._pods[(rel, head)] = cached
        if not cached:
            return None
        return for_one_file(cached, path, load_pods(data, path) or [])
