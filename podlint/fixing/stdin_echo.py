"""``podlint check --fix -``: standard output is the buffer, fixed or untouched, whatever happens.

An editor pipes its buffer through ``podlint check --fix -`` and replaces the buffer with what comes
back. So standard input is read before anything else can fail, and unless the fixed text was written,
the original bytes are written back on the way out — after a configuration error, for input that
cannot be decoded or is too large to lint, or after an internal error.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

# Beyond this, the rest of standard input is passed through unread by podlint: it is too large to
# lint anyway (the file size limit is far lower), and holding it would cost memory for nothing.
HOLD_LIMIT = 256 * 1024 * 1024
_CHUNK = 1 << 20


class StdinBuffer:
    """The bytes read from standard input, and whether standard output has received its answer."""

    def __init__(self, data: bytes, *, complete: bool) -> None:
        self.data = data
        self.complete = complete
        self.answered = False

    def answer(self, data: bytes) -> None:
        """Write the fixed buffer (only when all of standard input was read)."""
        if not self.complete:
            return
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        self.answered = True


@contextlib.contextmanager
def echo_stdin() -> Iterator[StdinBuffer]:
    stream = sys.stdin.buffer
    held = stream.read(HOLD_LIMIT + 1)
    buffer = StdinBuffer(held[:HOLD_LIMIT], complete=len(held) <= HOLD_LIMIT)
    try:
        yield buffer
    finally:
        if not buffer.answered:
            out = sys.stdout.buffer
            with contextlib.suppress(BrokenPipeError):
                out.write(held)
                while chunk := stream.read(_CHUNK):
                    out.write(chunk)
                out.flush()
