"""Time in the home's zone (Europe/London): storage in UTC, deadlines and periods in local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator

from dateutil import tz

HOME_ZONE_NAME = "Europe/London"
LONDON = tz.gettz(HOME_ZONE_NAME)
UTC = timezone.utc


class WallTimeError(ValueError):
    """A wall-clock time that does not exist, or happens twice, on a clock-change night."""


def zone(name: str = HOME_ZONE_NAME):
    found = tz.gettz(name)
    if found is None:
        raise ValueError(f"unknown time zone {name!r}")
    return found


def from_wall_time(naive: datetime, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """A wall-clock reading in the zone, as an aware UTC datetime; refuses gap and fold times."""
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


def to_local(moment: datetime, zone_name: str = HOME_ZONE_NAME) -> datetime:
    return require_aware(moment).astimezone(zone(zone_name))


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: times must carry a zone outside the input parser")
    return moment


def to_utc_text(moment: datetime) -> str:
    """The storage form: fixed width, sortable, always UTC."""
    return require_aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_midnight(day: date, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """The first moment of a local date, in UTC (midnight always exists in the UK)."""
    return datetime.combine(day, time(0, 0), tzinfo=zone(zone_name)).astimezone(UTC)


def add_calendar_days(moment: datetime, days: int, zone_name: str = HOME_ZONE_NAME) -> datetime:
    """The same local clock time `days` later (a day deadline), in UTC.

    If that clock time falls in a spring-forward gap the deadline moves to the end of the gap;
    if it happens twice, the later occurrence counts, which is the kinder reading for the home.
    """
    local = to_local(moment, zone_name)
    wall = local.replace(tzinfo=None) + timedelta(days=days)
    target = wall.replace(tzinfo=zone(zone_name))
    if not tz.datetime_exists(target):
        target = tz.resolve_imaginary(target)
    elif tz.datetime_ambiguous(target):
        target = tz.enfold(target, fold=1)
    return target.astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @property
    def starts_at(self) -> datetime:
        return local_midnight(self.start)

    @property
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
