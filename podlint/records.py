"""Plain records for podlint's internal data, at no cost when their module is imported.

``@dataclass`` writes each method of a class as source text and compiles it while the module is
imported: 0.2–0.5 ms a class, and a one-file run imports dozens of them. Internal records (not the
plugin API, and never given to ``dataclasses.fields`` or ``dataclasses.replace``) subclass
:class:`Record` or :class:`FrozenRecord` instead and write their ``__init__`` by hand. What a
dataclass would give them comes from here, defined once: ``repr``, ``==`` and hashing over the
fields named in ``_fields`` (``_compared`` narrows what ``==`` and the hash look at, ``_shown``
what ``repr`` shows), and, for a
frozen record, assignment refused with ``dataclasses.FrozenInstanceError``.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar


def _nothing(_: object) -> tuple[()]:
    return ()


class Record:
    """A mutable record: ``repr`` and ``==`` over its fields, and (like a dataclass) unhashable."""

    _fields: ClassVar[tuple[str, ...]] = ()
    # The fields ``==`` (and a frozen record's hash) compare; all of _fields unless narrowed.
    _compared: ClassVar[tuple[str, ...] | None] = None
    # The fields ``repr`` shows; all of _fields unless narrowed.
    _shown: ClassVar[tuple[str, ...] | None] = None
    _key: ClassVar[Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        compared = cls._compared if cls._compared is not None else cls._fields
        getter = attrgetter(*compared) if compared else None
        cls._key = staticmethod(getter if getter is not None else _nothing)

    def __repr__(self) -> str:
        names = self._shown if self._shown is not None else self._fields
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._key(self) == self._key(other))
        return NotImplemented

    __hash__: ClassVar[None] = None  # type: ignore[assignment]


class FrozenRecord(Record):
    """An immutable record: as :class:`Record`, hashable, and assigning a field is an error.

    ``__init__`` sets fields with ``object.__setattr__``.
    """

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._key(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
