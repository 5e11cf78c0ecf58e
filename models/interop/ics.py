"""Writing iCalendar (RFC 5545) the way Outlook and Google import it right
(shared/interop/ICALENDAR_NOTES.md): pure functions from values to bytes, one component at
a time, so that an export of any size takes the memory of one event.

icalendar (imported only here, only when exporting) writes each component: CRLF, folding at
75 octets without splitting a UTF-8 character, escaping of `, ; \\` and newlines. This
module decides what goes in: no empty property, all-day dates with an exclusive end, yearly
rules Outlook can map, a VTIMEZONE for every TZID (or UTC), at most one VALARM, last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from models.interop import vtimezone

PRODID = "-//Rapport//Rapport 0.1//EN"
# A yearly date whose year is unknown starts in this year (a series needs a first day);
# read back, it means "year unknown".
UNKNOWN_YEAR = 1970


@dataclass(frozen=True)
class Header:
    name: str  # X-WR-CALNAME: the calendar an import creates
    zone: str  # X-WR-TIMEZONE: a hint only (nothing here is floating)
    method: str = "PUBLISH"  # REQUEST for an invitation


@dataclass(frozen=True)
class Yearly:
    """A birthday or anniversary: all day, every year."""

    uid: str
    summary: str
    description: str
    first: dt.date  # the first day it is kept (its DTSTART)
    rule: str  # RRULE, e.g. "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=12"
    sequence: int = 0


@dataclass(frozen=True)
class AllDay:
    """A one-off all-day item: a "prepare" reminder, or one year of a yearly date."""

    uid: str
    summary: str
    description: str
    day: dt.date
    days: int = 1
    sequence: int = 0
    organizer: tuple[str, str] | None = None  # (name, email), for an invitation
    attendees: tuple[tuple[str, str], ...] = ()  # (name, email)
    location: str = ""


@dataclass(frozen=True)
class Timed:
    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    start: dt.datetime  # wall-clock time in `zone`
    end: dt.datetime
    zone: str  # IANA name, or "UTC"
    reminder_minutes: int | None = None
    status: str = "CONFIRMED"  # or CANCELLED
    organizer: tuple[str, str] | None = None  # (name, email), for an invitation
    attendees: tuple[tuple[str, str], ...] = ()  # (name, email)


Item = Yearly | AllDay | Timed


def calendar_start(header: Header) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", header.method)
    cal.add("x-wr-calname", header.name)
    cal.add("x-wr-timezone", header.zone)
    text = cal.to_ical()
    return text[: text.rindex(b"END:VCALENDAR")]


def calendar_end() -> bytes:
    return b"END:VCALENDAR\r\n"


def timezone(rule: vtimezone.Rule) -> bytes:
    return vtimezone.component(rule).to_ical()


def write(item: Item, stamp: dt.datetime) -> bytes:
    """One VEVENT. `stamp` is DTSTAMP (UTC): the only thing that changes between two
    exports of an unchanged calendar."""
    from icalendar import Alarm, Event, vRecur

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp.replace(tzinfo=dt.UTC))
    if isinstance(item, Timed):
        event.add("sequence", item.sequence)
        zone = None if item.zone == "UTC" else vtimezone.rule(item.zone)
        _moment(event, "dtstart", item.start, item.zone, zone)
        _moment(event, "dtend", item.end, item.zone, zone)
        if item.status == "CANCELLED":
            event.add("status", "CANCELLED")
    else:
        first = item.first if isinstance(item, Yearly) else item.day
        length = 1 if isinstance(item, Yearly) else item.days
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=length))  # exclusive: the day after
        if not isinstance(item, AllDay) or not item.attendees:
            event.add("transp", "TRANSPARENT")  # a birthday does not make you busy
        event.add("sequence", item.sequence)
        if isinstance(item, Yearly):
            event.add("rrule", vRecur.from_ical(item.rule))
    if not isinstance(item, Yearly):
        if item.organizer is not None:
            event.add(
                "organizer",
                f"mailto:{item.organizer[1]}",
                parameters={"CN": _printable(item.organizer[0])},
            )
        for name, email in item.attendees:
            who = {"CN": _printable(name), "ROLE": "REQ-PARTICIPANT", "RSVP": "TRUE"}
            event.add("attendee", f"mailto:{email}", parameters=who)
    _text(event, "summary", item.summary)
    _text(event, "description", item.description)
    if not isinstance(item, Yearly):
        _text(event, "location", item.location)
    if isinstance(item, Timed) and item.reminder_minutes is not None:
        # After every property (RFC 5545: eventprop *alarmc); one: Outlook keeps one.
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _printable(item.summary))
        alarm.add("trigger", -dt.timedelta(minutes=item.reminder_minutes))
        event.add_component(alarm)
    return event.to_ical()


def _text(event: Any, name: str, value: str) -> None:
    # An empty property (LOCATION:) makes libical drop it with an error.
    value = _printable(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if value:
        event.add(name, value)


def _printable(text: str) -> str:
    """Without the control characters RFC 5545 TEXT cannot hold (all but TAB; a newline
    only escaped): left in, a NUL made Rapport's own importer refuse the file as binary."""
    return _CONTROLS.sub("", text)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _moment(
    event: Any, name: str, wall: dt.datetime, zone: str, rule: vtimezone.Rule | None
) -> None:
    """In its zone (with a TZID the file's VTIMEZONE defines) when the zone's yearly rule
    holds at that time; in UTC otherwise. Never floating."""
    from icalendar import vDDDTypes

    if rule is not None and vtimezone.agrees(rule, wall):
        event.add(name, vDDDTypes(wall), parameters={"TZID": zone})
        return
    aware = (
        wall.replace(tzinfo=dt.UTC)
        if zone == "UTC"
        else wall.astimezone(dt.UTC)
        if wall.tzinfo
        else _utc(wall, zone)
    )
    event.add(name, aware)


def _utc(wall: dt.datetime, zone: str) -> dt.datetime:
    import zoneinfo

    return wall.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(dt.UTC)


def calendar(
    header: Header, zones: Iterable[str], items: Iterable[Item], stamp: dt.datetime
) -> Iterator[bytes]:
    """A whole calendar, a component at a time."""
    yield calendar_start(header)
    for zone in sorted(set(zones)):
        found = vtimezone.rule(zone)
        if found is not None:
            yield timezone(found)
    for item in items:
        yield write(item, stamp)
    yield calendar_end()
