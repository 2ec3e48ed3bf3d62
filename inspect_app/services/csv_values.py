"""Reading and writing single CSV cell values (SPEC 7): dates, date-times, yes/no, lists, numbers, enumerations."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Iterable, TypeVar

from ..domain import validation
from ..domain.local_time import UTC, WallTimeError, day_offsets, from_wall_time, to_local
from ..domain.vocabulary import Vocabulary

V = TypeVar("V", bound=Vocabulary)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)
_UK_DATETIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE_FORMS = "write it as YYYY-MM-DD or DD/MM/YYYY"
_DATETIME_FORMS = "write it as 2026-03-29T14:30 (an offset such as +01:00 may follow) or 29/03/2026 14:30"


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong in words a care worker can act on."""


def quoted(text: str, limit: int = 40) -> str:
    """A cell's value as a message shows it: on one line (one line per problem), and short, since a cell may
    hold a narrative about a child that has no place in an error message."""
    flat = " ".join(text.split())
    return '"' + (flat if len(flat) <= limit else flat[:limit - 1] + "…") + '"'


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


# reading ---------------------------------------------------------------------

def parse_text(text: str | None) -> str:
    """Short text (names, places, references): surrounding spaces removed."""
    return "" if is_blank(text) else text.strip()


def parse_narrative(text: str | None) -> str:
    """Free text kept exactly as written (so an export re-imports identically); blank stays blank."""
    return "" if is_blank(text) else text


def parse_date(text: str | None) -> date | None:
    if is_blank(text):
        return None
    value = text.strip()
    iso, uk = _ISO_DATE.match(value), _UK_DATE.match(value)
    if not iso and not uk:
        raise CellError(f'{quoted(value)} is not a date: {_DATE_FORMS}')
    year, month, day = (iso.groups() if iso else (uk.group(3), uk.group(2), uk.group(1)))
    _check_year(value, int(year))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(f'{quoted(value)} is not a date') from None


YEARS = validation.YEARS


def _check_year(value: str, year: int) -> None:
    if year not in YEARS:
        raise CellError(f"{quoted(value)} is not a likely date: the year must be from {YEARS[0]} to {YEARS[-1]}")


def _offset(text: str) -> timezone:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError("offset out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_datetime(text: str | None, zone_name: str = "Europe/London") -> datetime | None:
    """A moment in UTC. Without an offset the value is wall time in the home's zone, and a
    clock-change time that does not exist or happens twice is refused (give its offset instead)."""
    if is_blank(text):
        return None
    value = text.strip()
    # the usual cell, "21/11/2026 22:00" or "2026-11-21T22:00+00:00", read from its date and its time of day, each
    # looked up once (a rota of 100,000 shifts has 3,000 dates and 1,440 minutes: SPEC 10); anything else, and a
    # wall time on a clock-change day, is read in full below, which says what is wrong
    dated = _day_part(value[:10])
    clock = None if dated is None else _clock_part(value[10:], dated[1])
    if clock is not None:
        day, (at, offset) = dated[0], clock
        if offset is not None:
            return datetime.combine(day, at, offset).astimezone(UTC)
        first, last = day_offsets(day, zone_name)
        if first == last:
            return datetime.combine(day, at, UTC) - first
    return _parse_datetime_fully(value, zone_name)


@lru_cache(maxsize=8192)
def _day_part(text: str) -> tuple[date, bool] | None:
    """The date of a date-time cell's first ten characters, when they are one in either form with a likely year, and
    whether in the ISO form."""
    iso, uk = _ISO_DATE.match(text), _UK_DATE.match(text)
    if not iso and not uk:
        return None
    year, month, day = (iso.groups() if iso else (uk.group(3), uk.group(2), uk.group(1)))
    try:
        return (date(int(year), int(month), int(day)), bool(iso)) if int(year) in YEARS else None
    except ValueError:
        return None


# the rest of _ISO_DATETIME and _UK_DATETIME after their date (the UK form's one-digit hour is left to the full read)
_ISO_CLOCK = re.compile(r"^[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
_UK_CLOCK = re.compile(r"^[ T](\d{2}):(\d{2})(?::(\d{2}))?()$")


@lru_cache(maxsize=8192)
def _clock_part(text: str, iso: bool) -> tuple[time, timezone | None] | None:
    """The time of day after a date (" 22:00", "T22:00:30+01:00"), and its offset if given (the ISO form only)."""
    found = (_ISO_CLOCK if iso else _UK_CLOCK).match(text)
    if not found:
        return None
    hour, minute, second, offset = found.groups()
    try:
        return time(int(hour), int(minute), int(second or 0)), (_offset(offset) if offset else None)
    except ValueError:
        return None


def _parse_datetime_fully(value: str, zone_name: str) -> datetime:
    if iso := _ISO_DATETIME.match(value):
        year, month, day, hour, minute, second, offset = iso.groups()
    elif uk := _UK_DATETIME.match(value):
        (day, month, year, hour, minute, second), offset = uk.groups(), None
    else:
        raise CellError(f'{quoted(value)} is not a date and time: {_DATETIME_FORMS}')
    _check_year(value, int(year))
    try:
        naive = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if offset:
            return naive.replace(tzinfo=_offset(offset)).astimezone(UTC)
    except ValueError:
        raise CellError(f'{quoted(value)} is not a date and time') from None
    try:
        return from_wall_time(naive, zone_name)
    except WallTimeError as exc:
        raise CellError(str(exc)) from None


def parse_bool(text: str | None) -> bool | None:
    if is_blank(text):
        return None
    value = text.strip().lower()
    if value == "yes":
        return True
    if value == "no":
        return False
    raise CellError(f'{quoted(text)} is not yes or no')


def parse_int(text: str | None) -> int | None:
    if is_blank(text):
        return None
    value = text.strip()
    if not re.fullmatch(r"[+-]?\d+", value):
        raise CellError(f'{quoted(value)} is not a whole number')
    return int(value)


def parse_list(text: str | None) -> tuple[str, ...]:
    """Items separated by `;`, each trimmed; empty items dropped."""
    if is_blank(text):
        return ()
    return tuple(item.strip() for item in text.split(";") if item.strip())


def parse_enum(cls: type[V], text: str | None) -> V | None:
    """`care_worker`, `Care Worker` and `care worker` are the same value."""
    if is_blank(text):
        return None
    try:
        return cls.parse(text)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        raise CellError(f'{quoted(text)} is not one of: {choices}') from None


# writing ---------------------------------------------------------------------

def format_text(value: str | None) -> str:
    return value or ""


def format_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def format_datetime(value: datetime | None, zone_name: str = "Europe/London") -> str:
    """Local ISO time with its offset (2026-10-25T01:30+01:00), so a re-import is exact on clock-change nights."""
    if value is None:
        return ""
    local = to_local(value, zone_name)
    return local.isoformat(timespec="seconds" if local.second or local.microsecond else "minutes")


def format_bool(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def format_int(value: int | None) -> str:
    return "" if value is None else str(value)


def format_list(values: Iterable[str]) -> str:
    return ";".join(values)


def format_enum(value: Vocabulary | None) -> str:
    return "" if value is None else value.value
