"""Atomic writes: a temporary file in the same folder, fsync, then rename over the target.

A reader never sees half a file, the target's permission bits are kept, and a symbolic link is
replaced only through its real path. With ``confine_to``, a path that names a place inside that folder
but leads out of it through a symbolic link is refused: a repository that commits
``report.sarif -> ~/.bashrc`` must not get podlint to overwrite the user's files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile


class UnsafeWriteError(PermissionError):
    """The write would go through a symbolic link out of the folder it was confined to."""


def write_text_atomic(
    path: str, text: str, *, encoding: str = "utf-8", confine_to: str | None = None
) -> None:
    write_bytes_atomic(path, text.encode(encoding), confine_to=confine_to)


def leaves_folder(path: str, folder: str) -> bool:
    """True when ``path`` lies inside ``folder`` as written, but a symbolic link takes it outside."""
    base = os.path.abspath(folder)
    if not _inside(os.path.abspath(path), base):
        return False  # named outside the folder on purpose: not a link's doing
    return not _inside(os.path.realpath(path), os.path.realpath(base))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive (Windows)
        return False


def write_bytes_atomic(path: str, data: bytes, *, confine_to: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically. Raises OSError (UnsafeWriteError, see above)."""
    if confine_to is not None and leaves_folder(path, confine_to):
        raise UnsafeWriteError(
            errno.EACCES,
            f"refused: a symbolic link leads out of {os.path.abspath(confine_to)} "
            f"(to {os.path.realpath(path)})",
            path,
        )
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    try:
        mode: int | None = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=".podlint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
