"""Resource limits of the loader.

A pod definition is a few kilobytes with a nesting depth of about eight, so these limits only ever
stop hostile or broken input (deep nesting, alias bombs); each ends in a ``too-complex`` problem
instead of a RecursionError, a hang or exhausted memory.
"""

from __future__ import annotations

# Files larger than this are not parsed at all (``file-too-large``).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Deepest nesting of arrays/objects (sequences/mappings) accepted. Deeper input is reported, not
# read: the rest of the pipeline walks the data and must stay far from Python's recursion limit.
MAX_DEPTH = 500

# Nodes that YAML aliases may add to one document when expanded (the "billion laughs" defence).
# The expanded data shares objects, so this bounds the time spent on positions and on later walks.
MAX_ALIAS_NODES = 100_000

# Total length of the JSON Pointers of one document's span table. Pointers grow with depth and key
# length, so deep nesting under long keys would otherwise make the table quadratic in the file size.
MAX_POINTER_CHARS = 64_000_000

# Integer literals longer than this many digits are read as an infinite float. Python refuses to
# convert more than 4,300 digits between text and int (and every message and output format would
# have to print the number); Marathon reads numbers as 32/64-bit integers or doubles, so such a
# literal can only be out of range or infinite to it.
MAX_INT_DIGITS = 4000


def int_literal(text: str) -> int | float:
    """The value of a decimal integer literal (optional sign), bounded in size and time."""
    negative = text.startswith("-")
    digits = text.lstrip("+-").lstrip("0") or "0"
    if len(digits) > MAX_INT_DIGITS:
        return float("-inf") if negative else float("inf")
    value = int(digits)
    return -value if negative else value
