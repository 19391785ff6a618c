"""The finding types every stage of podlint shares.

Rules emit :class:`Finding` objects that say *where* by JSON Pointer; the pipeline turns each into a
:class:`Diagnostic` with a :class:`Span` in one place (``podlint.locate``). Formatters only ever see
diagnostics.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Literal


class Severity(str, enum.Enum):
    """How bad a finding is; the values are the contract (DESIGN.md, "Severity means something")."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, order=True)
class Span:
    """A text range, 1-based; ``end_line``/``end_column`` point one past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, other: Span) -> bool:
        return (self.line, self.column) <= (other.line, other.column) and (
            other.end_line,
            other.end_column,
        ) <= (self.end_line, self.end_column)


Target = Literal["value", "key", "member"]
"""What part of the pointed-to member a finding or a fix is about.

``value`` is the value's text, ``key`` the key's text in its mapping (the value's span for array items),
``member`` key and value together (for removals).
"""


@dataclass(frozen=True)
class FixOp:
    """One structural change, by pointer; ``podlint.locate`` renders it into text edits.

    kinds:
      - ``replace``: replace the value at ``pointer`` with ``value`` (any JSON value);
      - ``rename``: rename the key at ``pointer`` to ``value`` (a string);
      - ``remove``: remove the member (mapping key and value, or array item) at ``pointer``.
    """

    kind: Literal["replace", "rename", "remove"]
    pointer: str
    value: Any = None


@dataclass(frozen=True)
class Fix:
    """A machine-applicable change that resolves a finding.

    ``safe`` keeps the user's evident intent; ``unsafe`` changes what Marathon will do.
    """

    description: str
    applicability: Literal["safe", "unsafe"]
    ops: tuple[FixOp, ...]


@dataclass(frozen=True)
class TextEdit:
    """A fix op rendered against the file text. Offsets index the decoded text (code points)."""

    start: int
    end: int
    replacement: str
    span: Span


@dataclass(frozen=True)
class ResolvedFix:
    description: str
    applicability: Literal["safe", "unsafe"]
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Snippet:
    """Pod data a help text suggests writing: ``key: value``, or a bare value when ``key`` is None.

    Rules do not know whether the file is JSON or YAML. They write ``{0}``, ``{1}``, … in the help
    text where the snippets go, and the locate stage renders each in the document's own syntax, in
    backticks: ``"timeoutSeconds": 7`` in a JSON file, ``timeoutSeconds: 7`` in a YAML file.
    """

    value: Any
    key: str | None = None
    # Where the edit goes: the object that takes ``key: value``, or (without a key) the value it
    # replaces. None when the snippet shows a shape to copy rather than an edit at one place.
    at: str | None = None


@dataclass(frozen=True)
class Finding:
    """What a rule reports: a message about the member at ``pointer`` (RFC 6901).

    Rules never compute positions. ``target`` says whether the key or the value is at fault (an
    unknown key is reported at its key, a wrong type at its value).
    """

    pointer: str
    message: str
    help: str | None = None
    target: Target = "value"
    fix: Fix | None = None
    # The node to underline when it is not ``pointer`` itself: Marathon reports some errors at a
    # path the file may not have (a defaulted ``/role``), while the node at fault is elsewhere.
    where: str | None = None
    # Update rules only: the previous version's value the message compares with (any JSON value;
    # None when the previous version has no such member).
    previous: Any = None

    # Values the help text suggests, rendered into its ``{0}``, ``{1}``, … (see :class:`Snippet`).
    snippets: tuple[Snippet, ...] = ()


@dataclass(frozen=True)
class Previous:
    """What an update finding compares with: the previous version's value and where it came from.

    ``source`` names the previous version (``REF:path`` for git, the file of an exported deployed
    definition); ``pod_id`` is the id of the previous pod (pods are matched by id).
    """

    value: Any
    source: str
    pod_id: str


@dataclass(frozen=True)
class Diagnostic:
    """A located finding, ready for a formatter. Ordered by (file, line, column, code)."""

    file: str
    code: str
    name: str
    severity: Severity
    message: str
    pointer: str
    span: Span
    help: str | None = None
    url: str | None = None
    fix: ResolvedFix | None = None
    document: int = 0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Set on findings of update rules, which compare the pod with its previous version.
    previous: Previous | None = field(default=None, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.span.line, self.span.column, self.code, self.message)

    def __lt__(self, other: Diagnostic) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Diagnostic) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Diagnostic) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Diagnostic) -> bool:
        return self.sort_key >= other.sort_key


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: str | int) -> str:
    """``join_pointer("/containers", 0, "name") == "/containers/0/name"``."""
    return base + "".join("/" + escape_pointer_token(t) for t in tokens)


def split_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]
