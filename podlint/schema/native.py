"""Importing jsonschema-rs without paying for ``email.utils``.

The compiled module's initialisation calls ``email.utils.parsedate_to_datetime`` once, on its own
build date (an RFC 2822 date such as ``Thu, 12 Nov 2026 07:50:16 +0000``), to describe its build.
``email.utils`` brings ``socket``, ``urllib.parse``, ``random``, ``calendar``, ``ipaddress`` and more:
about 10 ms, as much as the rest of the validator's import. For the length of that one import, a
stand-in module takes ``email.utils``'s place in ``sys.modules``: its ``parsedate_to_datetime`` reads
a date of exactly that form with ``datetime`` alone (the same value ``email.utils`` gives), and hands
anything else, like any other attribute, to the real module. The stand-in is removed as soon as the
import returns, so nothing later sees it, and ``import email.utils`` then loads the real module.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_NAME = "email.utils"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def import_jsonschema_rs() -> Any:
    """``import jsonschema_rs``, without importing ``email.utils`` when it is not imported yet."""
    if _NAME in sys.modules or "jsonschema_rs" in sys.modules:
        import jsonschema_rs

        return jsonschema_rs
    stand_in = _stand_in()
    sys.modules[_NAME] = stand_in
    try:
        import jsonschema_rs
    finally:
        if sys.modules.get(_NAME) is stand_in:
            del sys.modules[_NAME]
        package = sys.modules.get("email")
        if package is not None and getattr(package, "utils", None) is stand_in:
            delattr(package, "utils")
    return jsonschema_rs


def _real() -> Any:
    """The real ``email.utils`` (imported now if need be; the stand-in never answers for it)."""
    module = sys.modules.get(_NAME)
    if isinstance(module, _StandIn):
        del sys.modules[_NAME]
    import email.utils

    return email.utils


class _StandIn(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        return getattr(_real(), name)


def _stand_in() -> _StandIn:
    module = _StandIn(_NAME)
    module.parsedate_to_datetime = parsedate_to_datetime  # type: ignore[attr-defined]
    return module


def parsedate_to_datetime(data: Any) -> Any:
    """``email.utils.parsedate_to_datetime``, for ``Ddd, DD Mon YYYY HH:MM:SS ±HHMM`` without it."""
    parsed = _parse_simple(data)
    if parsed is None:
        return _real().parsedate_to_datetime(data)
    return parsed


def _parse_simple(data: Any) -> Any:
    import datetime

    if not isinstance(data, str):
        return None
    parts = data.split(" ")
    if len(parts) != 6:
        return None
    weekday, day, month, year, clock, zone = parts
    if weekday[:-1] not in _DAYS or not weekday.endswith(","):
        return None
    if month not in _MONTHS or not (len(day) in (1, 2) and day.isdigit()):
        return None
    if not (len(year) == 4 and year.isdigit()):
        return None
    hms = clock.split(":")
    if len(hms) != 3 or not all(len(p) == 2 and p.isdigit() for p in hms):
        return None
    # "-0000" means "time zone unknown": email.utils gives a naive datetime then; leave it to it.
    if len(zone) != 5 or zone[0] not in "+-" or not zone[1:].isdigit() or zone == "-0000":
        return None
    hour, minute, second = (int(p) for p in hms)
    offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
    if hour > 23 or minute > 59 or second > 59 or int(zone[3:5]) > 59:
        return None
    try:
        return datetime.datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(day),
            hour,
            minute,
            second,
            tzinfo=datetime.timezone(
                datetime.timedelta(seconds=-offset if zone[0] == "-" else offset)
            ),
        )
    except ValueError:
        return None
