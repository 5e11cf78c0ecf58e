"""VTIMEZONE blocks in the shape Outlook and Google read right: one STANDARD and one
DAYLIGHT part, each with a yearly RRULE (ICALENDAR_NOTES.md, "Time zones"), built from the
zone's current rule in the tz database (the POSIX string at the end of its TZif file).

icalendar's own `Timezone.from_tzid()` writes RDATE lists valid for 1970-2038 that two of
four parsers read an hour off; `add_missing_timezones()` is the same. A zone's current rule
does not describe its past (or a future that the tz database already knows will differ), so
`agrees()` checks it against zoneinfo for every time exported; an event it does not hold
for is written in UTC instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_RULE = r"M(\d{1,2})\.(\d)\.(\d)(?:/([+-]?\d{1,3}(?::\d{2}){0,2}))?"
_POSIX = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,{_RULE},{_RULE})?$")


@dataclass(frozen=True)
class Change:
    """A yearly change of offset: the `week`th (5 = last) `weekday` (0 = Sunday) of
    `month`, at `at` local time (in the offset before the change)."""

    month: int
    week: int
    weekday: int
    at: dt.time

    @functools.cache  # noqa: B019 (a handful of rules and years, kept for the process)
    def day(self, year: int) -> dt.date:
        first_weekday = (calendar.weekday(year, self.month, 1) + 1) % 7  # 0 = Sunday
        day = 1 + (self.weekday - first_weekday) % 7 + 7 * (self.week - 1)
        while day > calendar.monthrange(year, self.month)[1]:
            day -= 7
        return dt.date(year, self.month, day)

    def when(self, year: int) -> dt.datetime:
        return dt.datetime.combine(self.day(year), self.at)

    def byday(self) -> str:
        week = -1 if self.week == 5 else self.week
        return f"{week}{('SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA')[self.weekday]}"


@dataclass(frozen=True)
class Rule:
    """A zone's current rule: its standard offset (east of UTC), and when it has one, its
    other offset and the two yearly changes."""

    zone: str
    std_name: str
    std: dt.timedelta
    dst_name: str = ""
    dst: dt.timedelta | None = None
    to_dst: Change | None = None
    to_std: Change | None = None

    def offset(self, local: dt.datetime) -> dt.timedelta:
        """The offset at a wall-clock time, by this rule alone."""
        if self.dst is None or self.to_dst is None or self.to_std is None:
            return self.std
        start, end = self.to_dst.when(local.year), self.to_std.when(local.year)
        inside = start <= local < end if start < end else (local >= start or local < end)
        return self.dst if inside else self.std


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _change(month: str, week: str, weekday: str, at: str | None) -> Change | None:
    seconds = _seconds(at) if at else 2 * 3600
    if not 0 <= seconds < 24 * 3600:
        return None  # a change at "-1:00" or "25:00": not expressible as a wall time here
    return Change(int(month), int(week), int(weekday), dt.time(seconds // 3600, seconds // 60 % 60))


def _tzif(zone: str) -> bytes | None:
    try:
        return resources.files("tzdata.zoneinfo").joinpath(*zone.split("/")).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, IsADirectoryError, ValueError):
        pass
    for root in zoneinfo.TZPATH:
        path = Path(root, zone)
        if path.is_file():
            return path.read_bytes()
    return None


@cache
def rule(zone: str) -> Rule | None:
    """The zone's current rule, or None when it cannot be written as one yearly pair."""
    data = _tzif(zone)
    if not data or not data.startswith(b"TZif"):
        return None
    footer = data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace")
    match = _POSIX.match(footer)
    if match is None:
        return None
    std_name, std_offset, dst_name, dst_offset, *changes = match.groups()
    # POSIX offsets count west of UTC; iCalendar's count east.
    std = dt.timedelta(seconds=-_seconds(std_offset))
    if dst_name is None:
        return Rule(zone, std_name.strip("<>"), std)
    dst = dt.timedelta(seconds=-_seconds(dst_offset)) if dst_offset else std + dt.timedelta(hours=1)
    to_dst, to_std = _change(*changes[:4]), _change(*changes[4:])
    if to_dst is None or to_std is None:
        return None
    return Rule(zone, std_name.strip("<>"), std, dst_name.strip("<>"), dst, to_dst, to_std)


def agrees(found: Rule, local: dt.datetime) -> bool:
    """Whether the rule gives the offset the tz database gives at this wall time."""
    actual = local.replace(tzinfo=zoneinfo.ZoneInfo(found.zone)).utcoffset()
    return actual == found.offset(local)


def component(found: Rule) -> Any:
    """The VTIMEZONE (an icalendar component), imported only when exporting."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = Timezone()
    tz.add("tzid", found.zone)
    tz.add("x-lic-location", found.zone)
    if found.dst is None or found.to_dst is None or found.to_std is None:
        part = TimezoneStandard()
        part.add("tzoffsetfrom", found.std)
        part.add("tzoffsetto", found.std)
        _name(part, found.std_name)
        part.add("dtstart", dt.datetime(1970, 1, 1))
        tz.add_component(part)
        return tz
    # The larger offset is the daylight one (Dublin's "standard" is its summer time).
    summer = max(found.dst, found.std)
    changes = (
        (found.to_dst, found.std, found.dst, found.dst_name),
        (found.to_std, found.dst, found.std, found.std_name),
    )
    for change, before, after, name in changes:
        part = TimezoneDaylight() if after == summer else TimezoneStandard()
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        _name(part, name)
        part.add("dtstart", change.when(1970))
        part.add("rrule", {"freq": "yearly", "bymonth": change.month, "byday": change.byday()})
        tz.add_component(part)
    return tz


def _name(part: Any, name: str) -> None:
    # "<+0530>"-style names are only numbers: better none than a made-up abbreviation.
    if name and name[0].isalpha():
        part.add("tzname", name)
