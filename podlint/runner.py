"""Running the linter over many files: serially for a few, in a process pool for many."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from podlint.config.settings import Settings
from podlint.discover import Target
from podlint.engine import Linter
from podlint.results import FileResult

# Below this many files a pool costs more than it saves (fork + start ~25 ms; ~0.3 ms per file).
PARALLEL_THRESHOLD = 400
CHUNK = 100

_worker: tuple[Linter, Callable[[str], Settings], bool] | None = None


def read_target(target: Target, max_bytes: int) -> bytes | str:
    """The file's bytes (at most ``max_bytes + 1``), or a one-line reason it could not be read.

    Only regular files are read. The file is opened without blocking and checked on the open
    descriptor (no race with a rename): a FIFO named on the command line would otherwise wait
    forever for a writer, and a device such as /dev/zero never ends.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target.path, flags)
    except IsADirectoryError:
        return "is a directory"
    except OSError as exc:
        return exc.strerror or str(exc)
    try:
        refused = _not_regular(os.fstat(fd).st_mode)
        if refused is not None:
            return refused
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            # Read one byte past the limit so the loader can say the file is too large.
            return fh.read(max_bytes + 1)
    except OSError as exc:
        return exc.strerror or str(exc)
    finally:
        if fd >= 0:
            os.close(fd)


def content_digest(data: bytes) -> str:
    """The hash the results cache keys a file's content by."""
    # Not hashlib, which loads OpenSSL too; not podlint.cache.blake, whose package opens SQLite.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another interpreter
        from hashlib import blake2b

    return blake2b(data, digest_size=16).hexdigest()


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file; pipe it into `podlint check -` instead"
    if stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "a special file"
    return f"is {kind}, not a regular file"


def lint_target(
    linter: Linter, settings_for: Callable[[str], Settings], target: Target
) -> FileResult:
    settings = settings_for(target.path)
    data = read_target(target, settings.max_file_size)
    if isinstance(data, str):
        from podlint.unreadable import unreadable_result

        return unreadable_result(linter, target.path, data, settings)
    result = linter.lint_bytes(data, target.path, settings, explicit=target.explicit)
    result.digest = content_digest(data)
    if not result.diagnostics:
        result.text = None  # snippets are only needed for findings; keep memory flat on big runs
    return result


def _init_worker(
    linter: Linter, settings_for: Callable[[str], Settings], keep_text: bool = True
) -> None:
    global _worker
    _worker = (linter, settings_for, keep_text)
    # What the worker inherited (modules, rules, the schema) lives as long as it does: out of the
    # collector's way, a long run's full collections walk only what its files made.
    gc.freeze()


def _lint_chunk(targets: Sequence[Target]) -> list[FileResult]:
    assert _worker is not None
    linter, settings_for, keep_text = _worker
    results = [lint_target(linter, settings_for, t) for t in targets]
    if not keep_text:
        # The text goes back to the parent process only when it will be read there.
        for result in results:
            result.text = None
    return results


def auto_jobs(n_files: int) -> int:
    if n_files < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def max_jobs() -> int:
    """The most worker processes a run starts, whatever ``--jobs`` asks for."""
    return 2 * (os.cpu_count() or 1)


def run(
    linter: Linter,
    settings_for: Callable[[str], Settings],
    targets: list[Target],
    jobs: int | None = None,
    *,
    keep_text: bool = True,
) -> Iterator[FileResult]:
    """Lint every target; results come back in the order of ``targets``.

    Without ``keep_text`` results may come without their text (``FileResult.source_text`` reads
    it again): worker processes then do not send it back.
    """
    if jobs is None or jobs <= 0:
        jobs = auto_jobs(len(targets))
    if jobs == 1 or len(targets) < 2:
        for t in targets:
            yield lint_target(linter, settings_for, t)
        return
    import multiprocessing

    try:
        ctx: Any = multiprocessing.get_context("fork")
    except ValueError:  # platforms without fork: spawn re-imports everything, still correct
        ctx = multiprocessing.get_context()
    chunks = [targets[i : i + CHUNK] for i in range(0, len(targets), CHUNK)]
    # More workers than cores (or than chunks of work) only adds start-up and contention:
    # `-j 1000` ran three times slower than the automatic choice.
    jobs = max(1, min(jobs, max_jobs(), len(chunks)))
    yield from _pooled(ctx, jobs, (linter, settings_for, keep_text), chunks)


def _pooled(
    ctx: Any,
    jobs: int,
    initargs: tuple[Linter, Callable[[str], Settings], bool],
    chunks: list[list[Target]],
) -> Iterator[FileResult]:
    """The chunks' results in order from a pool of ``jobs`` workers, whatever happens to one."""
    # Imported here: a run below the threshold never pays for multiprocessing's imports.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs
    ) as pool:
        try:
            for results in pool.map(_lint_chunk, chunks):
                yield from results
                done += 1
            return
        except BrokenProcessPool:
            pass
    # A worker process died (a signal such as SIGKILL, or the out-of-memory killer): every chunk
    # not yet reported is linted again, one file at a time, so that only the file whose linting
    # ends its process goes without its findings.
    rest = [t for chunk in chunks[done:] for t in chunk]
    yield from _isolated(ctx, initargs, rest)


def _isolated(
    ctx: Any, initargs: tuple[Linter, Callable[[str], Settings], bool], targets: list[Target]
) -> Iterator[FileResult]:
    """Lint ``targets`` in order in a single worker process, a new one after each that dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    i = 0
    while i < len(targets):
        with ProcessPoolExecutor(
            max_workers=1, mp_context=ctx, initializer=_init_worker, initargs=initargs
        ) as pool:
            futures = [pool.submit(_lint_chunk, [t]) for t in targets[i:]]
            # One worker takes the files in order: the first that fails is the one it was linting.
            workers = list(getattr(pool, "_processes", {}).values())
            try:
                for future in futures:
                    yield from future.result()
                    i += 1
                return
            except BrokenProcessPool:
                pass
        exitcode = workers[0].exitcode if len(workers) == 1 else None
        yield _died(initargs[0], targets[i], exitcode)
        i += 1


def _died(linter: Linter, target: Target, exitcode: int | None) -> FileResult:
    """The result of a file whose linting ended the worker process: a finding about the run."""
    from podlint.diagnostics import Diagnostic, Severity, Span

    if exitcode is not None and exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
    elif exitcode is not None:
        how = f"exited with code {exitcode}"
    else:
        how = "ended"
    rule = linter.registry.rules.get("rule-error")
    diag = Diagnostic(
        file=target.path,
        code=rule.code if rule else "PL901",
        name="rule-error",
        severity=Severity.ERROR,
        message=(
            f"the process linting this file {how} before it finished, so this file was not "
            "checked; the other files were linted in new processes"
        ),
        pointer="",
        span=Span(1, 1, 1, 1),
        help=(
            "A rule or plugin may end its process on this file, or the system may have stopped "
            "it (for example, out of memory). Lint this file alone to reproduce it; ignoring a "
            "plugin's rules (`--ignore PREFIX`) tells whether one of them is the cause."
        ),
        url=rule.url() if rule else None,
    )
    return FileResult(target.path, [diag], None, transient=True)
