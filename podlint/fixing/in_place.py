"""Rewrite a user's file in place, keeping its identity, safe against crashes and concurrent saves.

``--fix`` must not turn a file into another file: a temporary file renamed over the target gets a
new inode, which breaks hard links, drops extended attributes, and takes the owner of whoever runs
podlint. So the new content is written into the same inode, and crash safety comes from a journal:

1. open the file for reading and writing, refuse what is not a regular file or is read-only;
2. take a write lease where the platform offers one (Linux ``F_SETLEASE``): from then on, another
   process that opens the file (an editor saving in place) blocks until podlint releases it, so its
   save lands after the fix instead of being overwritten by it;
3. read the content again through the same descriptor and compare it with what was linted;
4. write a journal beside the file (old and new content, fsync'ed), then the new content into the
   file (fsync), then remove the journal;
5. if the name now leads to another file (an editor saved by renaming a new file over it), the fix
   went into the replaced file and the user's save stands: report "not fixed".

A crash between 4's steps leaves the journal; :func:`recover` (run before every ``--fix``) finishes
or drops it by comparing the file with the journal's old and new content, and never touches a file
that has since changed in another way. What remains open: without a lease (not Linux, a network file
system, a file that another process holds open), an editor writing in place in the microseconds
between step 3's comparison and step 4's write can still lose that write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

JOURNAL_PREFIX = ".podlint-"
JOURNAL_SUFFIX = ".fix-journal"
_HEADER_LIMIT = 4096


class FixRefused(Exception):
    """The file cannot be rewritten without changing what it is, or it changed meanwhile."""


def rewrite(path: str, expected: bytes, new: bytes) -> None:
    """Replace the content of ``path`` (currently ``expected``) with ``new``, in the same inode."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError as exc:
        raise FixRefused(f"cannot read it again: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FixRefused("it is not a regular file")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixRefused(
            f"it is read-only (mode {stat.S_IMODE(st.st_mode):04o}); make it writable to fix it"
        )
    if os.geteuid() != 0 and not os.access(real, os.W_OK):
        raise FixRefused("you may not write it")
    try:
        fd = os.open(real, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FixRefused(f"cannot open it for writing: {exc.strerror or exc}") from None
    try:
        with _write_lease(fd):
            current = _read_all(fd)
            if current != expected:
                raise FixRefused("the file changed while podlint was fixing it; run --fix again")
            journal = _write_journal(real, expected, new)
            os.pwrite(fd, new, 0)
            os.ftruncate(fd, len(new))
            os.fsync(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(journal)
        try:
            replaced = os.stat(real).st_ino != os.fstat(fd).st_ino
        except FileNotFoundError:
            replaced = True
        if replaced:
            raise FixRefused("the file was replaced while podlint was fixing it; run --fix again")
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    offset = 0
    while True:
        chunk = os.pread(fd, 1 << 20, offset)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        offset += len(chunk)


@contextlib.contextmanager
def _write_lease(fd: int) -> Iterator[None]:
    """Hold a Linux write lease on ``fd`` where possible; elsewhere, do nothing."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    set_lease = getattr(fcntl, "F_SETLEASE", None)
    if set_lease is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    # A broken lease is announced with SIGIO, whose default action ends the process.
    previous = signal.signal(signal.SIGIO, signal.SIG_IGN)
    try:
        try:
            fcntl.fcntl(fd, set_lease, fcntl.F_WRLCK)
        except OSError:  # another process holds the file open, or the file system has no leases
            yield
            return
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, set_lease, fcntl.F_UNLCK)
    finally:
        signal.signal(signal.SIGIO, previous)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _journal_path(real: str) -> str:
    folder, name = os.path.split(real)
    return os.path.join(folder, f"{JOURNAL_PREFIX}{name}.{os.getpid()}{JOURNAL_SUFFIX}")


def _write_journal(real: str, old: bytes, new: bytes) -> str:
    journal = _journal_path(real)
    header = json.dumps(
        {
            "target": os.path.basename(real),
            "old": _digest(old),
            "new": _digest(new),
            "old_size": len(old),
            "new_size": len(new),
        }
    ).encode("ascii")
    fd = os.open(
        journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600
    )
    try:
        os.write(fd, header + b"\n" + old + new)
        os.fsync(fd)
    finally:
        os.close(fd)
    return journal


def recover(folders: list[str]) -> list[str]:
    """Finish or drop the journals an interrupted ``--fix`` left in ``folders``; say what was done."""
    notes: list[str] = []
    seen: set[str] = set()
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not (name.startswith(JOURNAL_PREFIX) and name.endswith(JOURNAL_SUFFIX)):
                continue
            journal = os.path.join(folder, name)
            if journal in seen:
                continue
            seen.add(journal)
            note = _recover_one(journal)
            if note:
                notes.append(note)
    return notes


def _recover_one(journal: str) -> str | None:
    try:
        st = os.lstat(journal)
        if not stat.S_ISREG(st.st_mode) or _pid_alive(journal):
            return None
        raw = Path(journal).read_bytes()
        head, _, body = raw.partition(b"\n")
        meta = json.loads(head[:_HEADER_LIMIT])
        target = os.path.join(os.path.dirname(journal), str(meta["target"]))
        old_size, new_size = int(meta["old_size"]), int(meta["new_size"])
        old, new = body[:old_size], body[old_size : old_size + new_size]
        if _digest(old) != meta["old"] or _digest(new) != meta["new"]:
            os.unlink(journal)  # torn journal: the file itself was not touched yet
            return None
        current = Path(target).read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        with contextlib.suppress(OSError):
            os.unlink(journal)
        return None
    if current in (old, new):
        os.unlink(journal)
        return None
    if _torn_between(current, old, new):
        rewrite(target, current, new)
        os.unlink(journal)
        return f"{target}: finished a fix that an interrupted run had begun"
    # Changed in another way since: the user's content wins, the journal goes.
    os.unlink(journal)
    return None


def _torn_between(current: bytes, old: bytes, new: bytes) -> bool:
    """Whether ``current`` is what an interrupted in-place write of ``new`` over ``old`` leaves."""
    k = 0
    limit = min(len(current), len(new))
    while k < limit and current[k] == new[k]:
        k += 1
    rest = current[k:]
    return rest == old[k:] if k < len(old) else rest == b""


def _pid_alive(journal: str) -> bool:
    """A journal of a run that is still going belongs to that run."""
    stem = journal[: -len(JOURNAL_SUFFIX)]
    pid_text = stem.rpartition(".")[2]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return sys.platform != "win32"
