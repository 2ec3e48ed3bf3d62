"""Time in the home's zone (Europe/London): storage in UTC, deadlines and periods in local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property, lru_cache
from typing import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz

HOME_ZONE_NAME = "Europe/London"
UTC = timezone.utc


class WallTimeError(ValueError):
    """A wall-clock time that does not exist, or happens twice, on a clock-change night."""


@lru_cache(maxsize=None)
def zone(name: str = HOME_ZONE_NAME) -> ZoneInfo:
    """The zone's rules (the standard library's, from the tzdata package where the system has none).

    dateutil's helpers (datetime_exists, datetime_ambiguous, resolve_imaginary) work on it unchanged,
    and it converts several times faster than dateutil's own tzfile, which compliance over years needs.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


LONDON = zone(HOME_ZONE_NAME)


def from_wall_time(naive: datetime, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """A wall-clock reading in the zone, as an aware UTC datetime; refuses gap and fold times."""
    first, last = day_offsets(naive.date(), zone_name)
    if first == last:  # no clock change that day: one offset for all of it (the cheap, usual case)
        return (naive - first).replace(tzinfo=UTC)
    local = naive.replace(tzinfo=zone(zone_name))
    if not tz.datetime_exists(local):
        raise WallTimeError(
            f"{naive:%d/%m/%Y %H:%M} does not exist in UK time (the clocks went forward); "
            "give the time with its offset, for example +01:00"
        )
    if tz.datetime_ambiguous(local):
        raise WallTimeError(
            f"{naive:%d/%m/%Y %H:%M} happens twice in UK time (the clocks went back); "
            "give the time with its offset: +01:00 for the first, +00:00 for the second"
        )
    return local.astimezone(UTC)


@lru_cache(maxsize=8192)
def day_offsets(day: date, zone_name: str = HOME_ZONE_NAME) -> tuple[timedelta, timedelta]:
    """The zone's UTC offset at the start and at the end of a local date: equal unless the clocks change that day
    (a rota's or a provider's years read each date's offsets once)."""
    home = zone(zone_name)
    return (datetime.combine(day, time(0, 0), tzinfo=home).utcoffset(),
            datetime.combine(day, time(23, 59), tzinfo=home).utcoffset())


def to_local(moment: datetime, zone_name: str = HOME_ZONE_NAME) -> datetime:
    return require_aware(moment).astimezone(zone(zone_name))


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: times must carry a zone outside the input parser")
    return moment


def to_utc_text(moment: datetime) -> str:
    """The storage form: fixed width, sortable, always UTC."""
    if moment.tzinfo is not UTC:  # the usual value is already UTC: an import writes 400,000 of them
        moment = require_aware(moment).astimezone(UTC)
    # written out: twice as fast as isoformat, and the seconds are cut as the fixed width needs
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                                               moment.second)


def from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def local_midnight(day: date, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """The first moment of a local date, in UTC (midnight always exists in the UK)."""
    return datetime.combine(day, time(0, 0), tzinfo=zone(zone_name)).astimezone(UTC)


def add_calendar_days(moment: datetime, days: int, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """The same local clock time `days` later (a day deadline), in UTC.

    If that clock time falls in the spring-forward gap, it moves forward by the length of the gap
    (01:30 becomes 02:30 BST, the instant 5 x 24 hours would also give); if it happens twice when the
    clocks go back, the later occurrence (GMT) counts. Both are the kinder reading for the home.
    """
    rules = zone(zone_name)
    wall = require_aware(moment).astimezone(rules) + timedelta(days=days)  # wall-clock arithmetic
    first, second = wall.replace(fold=0), wall.replace(fold=1)
    if first.utcoffset() != second.utcoffset():  # a fold, or a gap (the cheap test covers both)
        if not tz.datetime_exists(first):
            return tz.resolve_imaginary(first).astimezone(UTC)
        return second.astimezone(UTC)
    return first.astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @cached_property
    def starts_at(self) -> datetime:
        return local_midnight(self.start)

    @cached_property
    def ends_before(self) -> datetime:
        """The first moment after the period (exclusive bound), in UTC."""
        return local_midnight(self.end + timedelta(days=1))

    def contains(self, moment: datetime) -> bool:
        return self.starts_at <= require_aware(moment) < self.ends_before

    def contains_date(self, day: date) -> bool:
        return self.start <= day <= self.end

    def dates(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)


def format_local(moment: datetime | None, with_day: bool = False) -> str:
    """British display form: 22/11/2026 14:30 (with the weekday if asked)."""
    if moment is None:
        return ""
    local = to_local(moment)
    return local.strftime("%a %d/%m/%Y %H:%M" if with_day else "%d/%m/%Y %H:%M")


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
