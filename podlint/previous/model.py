"""Previous pods by id, and how a current pod finds its previous version.

Pods are matched by ``id`` (made absolute, as Marathon does), never by position in a file, so a pod
moved within a multi-document file or to another file still finds its previous version.

A changed ``id`` cannot be found by id. It is recognised only when the pairing is unambiguous: the
previous version of a file held exactly one pod, its current version holds exactly one pod, the
current id names no previous pod and the previous id names no current pod (the pod did not move
to another file). See :func:`pair_renamed_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from podlint.identify import is_pod


def canonical_id(value: Any) -> str | None:
    """A pod id as Marathon stores it: absolute, no empty segments (``db/`` -> ``/db``)."""
    if not isinstance(value, str):
        return None
    segments = [s for s in value.split("/") if s]
    return "/" + "/".join(segments) if segments else None


@dataclass(frozen=True)
class PreviousPod:
    """One pod of a previous version, and where it was read."""

    data: dict[str, Any]
    # ``REF:path`` for git, the file for an exported definition.
    source: str

    @property
    def pod_id(self) -> str:
        return canonical_id(self.data.get("id")) or ""


@dataclass(frozen=True)
class Match:
    previous: PreviousPod
    # True when the pod was paired although its id changed (see pair_renamed_ids).
    id_changed: bool = False


@dataclass
class PreviousVersions:
    """Every previous pod a run may compare with, by canonical id.

    ``files`` holds the (absolute) paths of the current files that have update checks at all: with
    git, the files changed since the revision (an unchanged file's pods are their own previous
    version); with exported definitions, every linted file. ``renamed`` pairs a file's single pod
    with the previous pod whose id it changed.
    """

    by_id: dict[str, PreviousPod] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    renamed: dict[str, PreviousPod] = field(default_factory=dict)

    def add(self, pod: PreviousPod) -> None:
        # The first wins: sources add the file's own previous version before other files'.
        pod_id = pod.pod_id
        if pod_id and pod_id not in self.by_id:
            self.by_id[pod_id] = pod

    def match(self, path: str, pod: dict[str, Any]) -> Match | None:
        """The previous version of ``pod`` (a pod of the current file ``path``), if there is one."""
        if path not in self.files:
            return None
        pod_id = canonical_id(pod.get("id"))
        if pod_id is not None and pod_id in self.by_id:
            return Match(self.by_id[pod_id])
        renamed = self.renamed.get(path)
        if renamed is not None:
            return Match(renamed, id_changed=True)
        return None


def pods_in(documents: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The pods among loaded documents, also inside what Marathon's CLI prints.

    ``dcos marathon pod show /id`` prints the definition itself; ``/v2/pods/{id}::status`` wraps it
    as ``spec``; ``dcos marathon pod list --json`` prints a list of definitions.
    """
    for data in documents:
        items = data if isinstance(data, list) else [data]
        for item in items:
            wrapped = isinstance(item, dict) and not is_pod(item) and is_pod(item.get("spec"))
            pod = item["spec"] if wrapped else item
            if is_pod(pod):
                yield pod


def pair_renamed_ids(
    versions: PreviousVersions,
    file_pairs: Iterable[tuple[str, list[PreviousPod], list[dict[str, Any]]]],
    current_ids: set[str],
) -> None:
    """Record the unambiguous id changes.

    ``file_pairs`` holds, per current file, its previous pods and its current pods;
    ``current_ids`` every canonical id the current versions of the compared files hold.
    """
    for path, before, now in file_pairs:
        if len(before) != 1 or len(now) != 1:
            continue
        old_id = before[0].pod_id
        new_id = canonical_id(now[0].get("id"))
        if not old_id or new_id is None or old_id == new_id:
            continue
        if new_id in versions.by_id or old_id in current_ids:
            continue
        versions.renamed[path] = before[0]
