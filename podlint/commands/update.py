"""``podlint check --since REF`` and ``--previous FILE|DIR``: the previous versions update rules use."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from podlint.exit_status import UsageError

if TYPE_CHECKING:
    from podlint.previous.model import PreviousVersions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "update checks (compare each pod with its previous version, matched by id)"
    )
    source = group.add_mutually_exclusive_group()
    source.add_argument(
        "--since",
        metavar="REF",
        help="compare with the files at git revision REF (e.g. origin/main, HEAD)",
    )
    source.add_argument(
        "--previous",
        metavar="FILE|DIR",
        action="append",
        help="compare with deployed definitions (`dcos marathon pod show /id` output); repeatable",
    )


def previous_versions(
    args: Any, paths: list[str], targets: list[str], stdin: bytes | None = None
) -> PreviousVersions | None:
    """The previous versions the run compares with, or None without --since/--previous.

    ``stdin`` is standard input's content when it is linted (named by --stdin-filename).
    """
    since = getattr(args, "since", None)
    previous = getattr(args, "previous", None)
    if since is None and not previous:
        return None
    if since is not None:
        from podlint.previous.git import GitError
        from podlint.previous.sources import from_git

        overrides: dict[str, bytes] = {}
        if stdin is not None:
            if not args.stdin_filename:
                raise UsageError("--since with standard input needs --stdin-filename")
            overrides[args.stdin_filename] = stdin
            paths = [args.stdin_filename]
        try:
            return from_git(since, paths, targets, overrides=overrides)
        except GitError as exc:
            raise UsageError(str(exc)) from None
    from podlint.previous.sources import PreviousFileError, from_files

    try:
        return from_files(previous or [], targets)
    except PreviousFileError as exc:
        raise UsageError(str(exc)) from None
