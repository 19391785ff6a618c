"""What a run produced: per-file results and the run's summary, as the formatters and the cache see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from podlint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from podlint.rule import Rule


@dataclass
class FileResult:
    """What podlint made of one file (formatters that report per file, like JUnit, need this)."""

    path: str
    diagnostics: list[Diagnostic]
    # The decoded text, for source snippets; None when the file could not be decoded.
    text: str | None = None
    # How many documents of the file were linted as pods.
    pods: int = 0
    # Set when a walked file was plainly not a pod and was skipped (not an error).
    skipped: str | None = None
    # Findings silenced by inline suppressions.
    suppressed: int = 0
    # BLAKE2 of the bytes that were linted (None when none were): what the results cache keys on.
    digest: str | None = None
    # Set when the result says something about this run rather than the file (a rule crashed, was
    # stopped, or was slow): such a result is never cached, so the next run tries again.
    transient: bool = False

    def source_text(self, max_bytes: int = 5 * 1024 * 1024) -> str | None:
        """The file's text for source snippets, read on demand: results answered from the cache
        carry none, and most formats never need it."""
        if self.text is not None or self.path.startswith("<") or self.path == "-":
            return self.text
        import os
        import stat

        try:
            # Non-blocking, and regular files only: a FIFO named on the command line must not hang.
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(fd, "rb", closefd=False) as fh:
                return fh.read(max_bytes).decode("utf-8-sig", errors="replace")
        except OSError:
            return None
        finally:
            os.close(fd)


@dataclass
class RunSummary:
    files: int = 0
    pods: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    fixed: int = 0
    suppressed: int = 0
    baselined: int = 0
    fixable: int = 0
    # Of ``fixable``, how many need --unsafe-fixes.
    unsafe_fixable: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Report:
    files: list[FileResult]
    summary: RunSummary
    rules: dict[str, type[Rule]] = field(default_factory=dict)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(d for f in self.files for d in f.diagnostics)
