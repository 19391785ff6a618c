"""The ``git`` executable, for ``podlint check --since REF``.

Every command runs with a list of arguments (no shell) and ``cwd`` at the top of the repository
found from the linted paths (``git rev-parse --show-toplevel``); podlint never runs git anywhere
else. Options that could make git run programs a repository configures are turned off: an external
diff driver, text conversion filters, an fsmonitor hook.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

# Configuration a repository could set to make a read-only command run a program of its choosing.
_SAFE = ("-c", "core.fsmonitor=false", "-c", "diff.external=")
TIMEOUT = 60.0


class GitError(Exception):
    """A one-line reason ``--since`` cannot be used (reported as a usage error, exit 2)."""


@dataclass(frozen=True)
class Change:
    """One entry of ``git diff --find-renames --name-status REF``; paths relative to the top."""

    status: str  # A, M, D, R, C or T (the first letter git prints)
    old: str | None  # the path at REF (None for an added file)
    new: str | None  # the path in the working tree (None for a deleted file)


def _executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("--since needs git, which is not installed (or not on PATH)")
    return found


def _run(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    # A stray GIT_DIR or GIT_WORK_TREE would point git at another repository than the one found.
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    try:
        return subprocess.run(
            [_executable(), *_SAFE, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {TIMEOUT:.0f} s") from None


def toplevel(path: str) -> str:
    """The top folder of the git working tree holding ``path`` (a file or a folder)."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise GitError(f"{path}: no such file or folder")
    proc = _run(["rev-parse", "--show-toplevel"], folder)
    if proc.returncode != 0:
        raise GitError(
            f"{path} is not in a git repository; --since compares with a git revision "
            "(use --previous FILE to compare with an exported definition)"
        )
    return os.path.realpath(proc.stdout.decode("utf-8", "surrogateescape").strip())


@dataclass(frozen=True)
class Repository:
    """A git working tree podlint found; every command runs at its top."""

    top: str

    def resolve(self, ref: str) -> str:
        """The commit ``ref`` names, or a GitError that says why there is none."""
        if ref.startswith("-"):
            raise GitError(f"--since {ref}: a revision cannot start with '-'")
        proc = _run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], self.top
        )
        if proc.returncode == 0:
            return proc.stdout.decode("ascii").strip()
        if self.is_shallow():
            raise GitError(
                f"--since {ref}: this is a shallow clone and {ref} is not in its history; "
                "fetch more history (git fetch --deepen=100, or git fetch --unshallow; in GitHub "
                "Actions, actions/checkout with fetch-depth: 0)"
            )
        raise GitError(f"--since {ref}: unknown revision (not a branch, tag or commit here)")

    def is_shallow(self) -> bool:
        proc = _run(["rev-parse", "--is-shallow-repository"], self.top)
        return proc.stdout.strip() == b"true"

    def changes(self, commit: str) -> list[Change]:
        """What changed between ``commit`` and the working tree, renames followed."""
        proc = _run(
            ["diff", "--no-ext-diff", "--no-textconv", "--find-renames", "--name-status", "-z",
             commit, "--"],
            self.top,
        )  # fmt: skip
        if proc.returncode != 0:
            raise GitError(f"git diff failed: {_first_line(proc.stderr)}")
        fields = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
        out: list[Change] = []
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i][0]
            if status in "RC":
                old, new = fields[i + 1], fields[i + 2]
                i += 3
                # A copy (-C is not asked for, but a configuration may ask): the new file is new.
                out.append(Change("R", old, new) if status == "R" else Change("A", None, new))
                continue
            path = fields[i + 1]
            i += 2
            if status == "A":
                out.append(Change(status, None, path))
            elif status == "D":
                out.append(Change(status, path, None))
            else:
                out.append(Change(status, path, path))
        return out

    def show(self, commit: str, path: str) -> bytes | None:
        """The content of ``path`` (relative to the top) at ``commit``; None when it has none."""
        proc = _run(["cat-file", "blob", f"{commit}:{path}"], self.top)
        if proc.returncode != 0:
            return None
        return proc.stdout


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "no reason given"
