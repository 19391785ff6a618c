"""Exit codes and the usage error: what every command returns, below the command line and the commands.

Exit codes (DESIGN.md): 0 nothing at or above the fail threshold, 1 findings, 2 usage or
configuration error, 3 internal error.
"""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A problem with the command line or configuration: one line, exit code 2."""
