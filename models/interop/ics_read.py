"""Reading iCalendar files written by Outlook (desktop, with Windows zone names, and
Outlook.com), Google Calendar and Google's Birthdays calendar (shared/interop/) into plain
values: dated events, and yearly dates (birthdays, anniversaries) that belong on a card.

Pure: bytes in, values out, nothing stored. The file is checked before anything is read
from it (empty, binary, not a calendar, cut off, unbalanced), and one bad event refuses
the whole file: an import is all-or-nothing, so a file is taken whole or not at all.

How things map:
- A yearly all-day series with no end (Outlook's and Google's birthdays and anniversaries)
  becomes one yearly date; so do Google's Birthdays events, one per person per year.
- Any other series is expanded within the window (RRULE, RDATE, EXDATE, RECURRENCE-ID
  overrides, through recurring-ical-events); each instance gets a key of its own, the UID
  and the instance's original start, so that a re-import finds it again.
- Times keep their zone: IANA names as they are, Windows names (Outlook) mapped to IANA
  when the file's own VTIMEZONE agrees with the tz database at that time, else UTC.
  Floating times take X-WR-TIMEZONE when it names a zone (Google means that), else stay
  floating.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from calendar import monthrange
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from models.dates import MIN_YEAR
from models.errors import RapportError
from models.interop.ics import UNKNOWN_YEAR
from models.search import fold
from models.timezones import UTC, is_zone
from models.vocab import DateKind, EventKind

# What Rapport's own export derives (ics_export): read back, it is not a separate item.
OWN_DOMAIN = "@rapport"
_DERIVED = re.compile(r"-(prepare|mar1-\d{4})$")
# A series that repeats more often than this within the window is cut there: Rapport plans
# gestures, not every minute of a meeting series (the rest counts as left out).
MAX_INSTANCES = 1000
_GOOGLE_BIRTHDAY = re.compile(r"^(\d{4})_BIRTHDAY_(.+)@google\.com$", re.IGNORECASE)
# The block Google Meet appends to descriptions: "-::~:~::~...::~:~::-".
_MEET_BLOCK = re.compile(r"-::~:~::~[:~\s]*::-", re.DOTALL)


class Unreadable(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    VCARD = "vcard"
    NOT_ICALENDAR = "not_icalendar"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"
    NO_EVENTS = "no_events"
    TOO_LARGE = "too_large"
    CANNOT_OPEN = "cannot_open"


class UnreadableCalendarError(RapportError):
    """The file cannot be imported; `line` (1-based) points at the trouble when known."""

    def __init__(self, reason: Unreadable, detail: str = "", line: int | None = None) -> None:
        super().__init__(reason, detail, line)
        self.reason = reason
        self.detail = detail
        self.line = line
        self.source = "The file"  # the command names the file it read


@dataclass(frozen=True)
class ReadEvent:
    key: str  # the UID; for an instance of a series, "UID/original start"
    title: str
    start: dt.datetime  # wall-clock time in `zone`; midnight for all-day events
    end: dt.datetime  # exclusive
    zone: str  # IANA name, "UTC", or "" (floating; always for all-day events)
    all_day: bool
    kind: str  # vocab.EventKind, guessed from the title
    location: str = ""
    description: str = ""
    reminder_minutes: int | None = None
    cancelled: bool = False
    emails: tuple[str, ...] = ()  # the attendees' addresses, lower case
    own: bool = False  # written by Rapport's export (its description tells the guests too)


@dataclass(frozen=True)
class ReadDate:
    key: str
    title: str
    kind: str  # vocab.DateKind, guessed from the title
    month: int
    day: int
    year: int | None  # None when the file does not say (Google's Birthdays)
    person: str  # whose date, as the title names them ("" when it does not)
    own: bool = False  # Google's birthday of the calendar's owner
    reminder_minutes: int | None = None


@dataclass
class ReadCalendar:
    name: str
    events: list[ReadEvent] = field(default_factory=list)
    dates: list[ReadDate] = field(default_factory=list)
    outside: int = 0  # single events outside the window, left out


def read(
    data: bytes,
    start: dt.date,
    end: dt.date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ReadCalendar:
    """The events (those from `start` to `end`, exclusive) and yearly dates of a file.
    Raises UnreadableCalendarError."""
    text = _text(data)
    _check_structure(text)
    text, outside = _without_far_events(text, start, end)
    import icalendar  # only when importing (DESIGN.md, "Speed by design")

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError) as exc:
        raise UnreadableCalendarError(Unreadable.DAMAGED, str(exc)) from None
    if isinstance(calendar, list):
        calendar = calendar[0]
    hint = str(calendar.get("X-WR-TIMEZONE", ""))
    reader = _Reader(
        calendar, start, end, floating_zone=hint if hint != UTC and is_zone(hint) else ""
    )
    result = ReadCalendar(name=str(calendar.get("X-WR-CALNAME", "")), outside=outside)
    try:
        groups = reader.groups()
    except _BROKEN as exc:  # e.g. two DTSTARTs in an event without a UID
        raise UnreadableCalendarError(Unreadable.DAMAGED, str(exc)) from None
    if not groups and not outside:
        raise UnreadableCalendarError(Unreadable.NO_EVENTS)
    birthdays: dict[str, ReadDate] = {}
    for done, (uid, components) in enumerate(groups.items(), 1):
        try:
            if (found := _GOOGLE_BIRTHDAY.match(uid)) is not None:
                person = found.group(2)
                if person not in birthdays:
                    birthdays[person] = reader.google_birthday(person, components[0])
            else:
                reader.add(uid, components, result)
        except _BROKEN as exc:
            # A property icalendar or recurring_ical_events could not make sense of (an
            # empty DTSTART, a DTEND of text, a series without a start): fuzzing found
            # these raising out of the reader, where the file is simply damaged.
            detail = f"{_title(components[0])}: {exc}"
            raise UnreadableCalendarError(Unreadable.DAMAGED, detail) from None
        if progress is not None:
            progress(done, len(groups))
    result.dates.extend(birthdays.values())
    # The same key twice is the same item twice (RFC 5545): the later one stands.
    result.events = list({event.key: event for event in result.events}.values())
    return result


# What a broken component raises from icalendar and recurring_ical_events (icalendar's own
# errors are ValueErrors; a missing property is a KeyError; a broken one, read as text,
# a TypeError or an AttributeError; a date beyond year 9999 an OverflowError).
_BROKEN = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)


def _text(data: bytes) -> str:
    if not data.strip():
        raise UnreadableCalendarError(Unreadable.EMPTY)
    if b"\x00" in data[:4096]:
        raise UnreadableCalendarError(Unreadable.BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Outlook versions wrote the Windows code page; a calendar's keywords are ASCII
        # either way, and the structure checks below refuse anything else. A UTF-8 file
        # with a stray bad byte stays UTF-8: one odd letter, not every name garbled.
        text = data.decode("utf-8-sig", "replace")
        non_ascii = sum(1 for byte in data if byte > 0x7F)
        if text.count("\ufffd") * 4 > non_ascii:
            text = data.decode("cp1252", "replace")
    if sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t") > 8:
        raise UnreadableCalendarError(Unreadable.BINARY)
    return text


def _check_structure(text: str) -> None:
    """Every BEGIN has its END, in order, and the file ends with END:VCALENDAR. icalendar
    forgives a missing end; an import must not: a cut-off download would lose events."""
    lines = text.splitlines()
    first = next((line.strip().upper() for line in lines if line.strip()), "")
    if first == "BEGIN:VCARD":
        raise UnreadableCalendarError(Unreadable.VCARD)
    if first != "BEGIN:VCALENDAR":
        raise UnreadableCalendarError(Unreadable.NOT_ICALENDAR)
    open_blocks: list[tuple[str, int]] = []
    closed_calendar = False
    for number, line in enumerate(lines, 1):
        if not line or line[0] in " \t":
            continue
        if closed_calendar:
            if line.strip():
                raise UnreadableCalendarError(
                    Unreadable.DAMAGED, "text after END:VCALENDAR", number
                )
            continue
        name, _, value = line.partition(":")
        keyword = name.split(";", 1)[0].strip().upper()
        if keyword == "BEGIN":
            open_blocks.append((value.strip().upper(), number))
        elif keyword == "END":
            block = value.strip().upper()
            if not open_blocks or open_blocks[-1][0] != block:
                raise UnreadableCalendarError(Unreadable.DAMAGED, f"unexpected END:{block}", number)
            open_blocks.pop()
            closed_calendar = not open_blocks
    if open_blocks:
        raise UnreadableCalendarError(Unreadable.TRUNCATED, open_blocks[-1][0], len(lines))


_DTSTART_DAY = re.compile(r"^DTSTART[;:][^\n]*?(\d{8})(?:T\d{6}Z?)?\s*$", re.IGNORECASE)
_REPEATS = ("RRULE", "RDATE", "RECURRENCE-ID", "EXDATE")


def _without_far_events(text: str, start: dt.date, end: dt.date) -> tuple[str, int]:
    """The file less the one-off events far outside the window, and how many those were.
    Parsing is most of an import's time (icalendar: about 0.5 ms a line), and a calendar
    exported whole holds years of history; a cheap look at each event's DTSTART line
    spares parsing what would be left out anyway. Series, overrides and Google's birthdays
    are always kept; the margin covers any time zone."""
    low, high = start - dt.timedelta(days=2), end + dt.timedelta(days=2)
    kept: list[str] = []
    block: list[str] | None = None
    dropped = 0
    for line in text.splitlines(keepends=True):
        upper = line[:16].upper()
        if block is None:
            if upper.startswith("BEGIN:VEVENT"):
                block = [line]
            else:
                kept.append(line)
            continue
        block.append(line)
        if not upper.startswith("END:VEVENT"):
            continue
        if _far(block, low, high):
            dropped += 1
        else:
            kept.extend(block)
        block = None
    return "".join(kept), dropped


def _far(block: list[str], low: dt.date, high: dt.date) -> bool:
    day = None
    for line in block:
        upper = line.upper()
        if upper.startswith(_REPEATS) or ("_BIRTHDAY_" in upper and upper.startswith("UID")):
            return False
        if (found := _DTSTART_DAY.match(line.strip())) is not None:
            try:
                day = dt.datetime.strptime(found.group(1), "%Y%m%d").date()
            except ValueError:
                return False  # icalendar will say what is wrong with it
    return day is not None and not low <= day < high


class _Reader:
    def __init__(self, calendar: Any, start: dt.date, end: dt.date, floating_zone: str) -> None:
        self._calendar = calendar
        self._start = start
        self._end = end
        self._floating_zone = floating_zone
        self._timezones = list(calendar.walk("VTIMEZONE"))
        self._own: set[str] = set()  # UIDs Rapport's export wrote (less its domain)

    def groups(self) -> dict[str, list[Any]]:
        """VEVENTs by UID, the series' master first; Rapport's derived items left out."""
        groups: dict[str, list[Any]] = defaultdict(list)
        for number, component in enumerate(self._calendar.walk("VEVENT"), 1):
            uid = str(component.get("UID", "")).strip()
            if not uid:
                # RFC 5545 requires one; without, an event is keyed on what it is, so that
                # a second import of the file still finds it.
                start = component.get("DTSTART")
                what = f"{start.to_ical().decode() if start else number}|{_title(component)}"
                uid = hashlib.sha1(what.encode()).hexdigest()
            if uid.endswith(OWN_DOMAIN):
                uid = uid.removesuffix(OWN_DOMAIN)
                if _DERIVED.search(uid):
                    continue
                self._own.add(uid)
            if "RECURRENCE-ID" in component:
                groups[uid].append(component)
            else:
                groups[uid].insert(0, component)
        return dict(groups)

    def add(self, uid: str, components: list[Any], result: ReadCalendar) -> None:
        master = components[0]
        if "RECURRENCE-ID" in master:
            # Overrides whose series is not in the file: each is an event of its own.
            for component in components:
                self._single(
                    f"{uid}/{_instant_key(component['RECURRENCE-ID'].dt)}", component, result
                )
            return
        rule = master.get("RRULE")
        if isinstance(rule, list):
            rule = rule[0] if len(rule) == 1 else None
        if rule is not None and _is_plain_yearly(rule) and _is_all_day(master):
            if str(master.get("STATUS", "")).upper() != "CANCELLED":
                result.dates.append(self._yearly(uid, master))
        elif "RRULE" in master or "RDATE" in master:
            seen: set[str] = set()
            for instance in self._instances(components, result):
                key = f"{uid}/{_instant_key(instance['RECURRENCE-ID'].dt)}"
                if key in seen:
                    # A RANGE=THISANDFUTURE override lends its RECURRENCE-ID to the
                    # instances after it: each keeps its own start as well.
                    key += f"+{_instant_key(instance.start)}"
                seen.add(key)
                result.events.append(self._event(key, instance))
        else:
            self._single(uid, master, result)

    def _single(self, key: str, component: Any, result: ReadCalendar) -> None:
        event = self._event(key, component)
        if self._start <= event.start.date() < self._end:
            result.events.append(event)
        else:
            result.outside += 1

    def _instances(self, components: list[Any], result: ReadCalendar) -> Iterator[Any]:
        import icalendar
        import recurring_ical_events

        series = icalendar.Calendar()
        for timezone in self._timezones:
            series.add_component(timezone)
        for component in components:
            series.add_component(component)
        query = recurring_ical_events.of(series, keep_recurrence_attributes=True)
        end = dt.datetime.combine(self._end, dt.time())
        try:
            for count, instance in enumerate(query.after(self._start)):
                start = instance.start
                if not isinstance(start, dt.datetime):
                    start = dt.datetime.combine(start, dt.time())
                if start.replace(tzinfo=None) >= end:
                    return
                if count == MAX_INSTANCES:
                    result.outside += 1
                    return
                yield instance
        except (ValueError, TypeError, recurring_ical_events.InvalidCalendar) as exc:
            raise UnreadableCalendarError(
                Unreadable.DAMAGED, f"{_title(components[0])}: {exc}"
            ) from None

    def _event(self, key: str, component: Any) -> ReadEvent:
        title = _title(component)
        try:
            start = component.decoded("DTSTART")  # not .start: it refuses a mixed DTEND
        except Exception as exc:  # icalendar's InvalidCalendar and value errors alike
            raise UnreadableCalendarError(Unreadable.DAMAGED, f"{title}: {exc}") from None
        try:
            end = component.end
        except Exception:  # e.g. a timed start with an all-day end, as some programs write
            end = _lenient_end(component, start)
        all_day = not isinstance(start, dt.datetime)
        if all_day:
            end = max(end, start + dt.timedelta(days=1))
            wall_start = dt.datetime.combine(start, dt.time())
            wall_end = dt.datetime.combine(end, dt.time())
            zone = ""
        else:
            if not isinstance(end, dt.datetime):
                end = dt.datetime.combine(end, dt.time(), start.tzinfo)
            zone = self._zone(component.get("DTSTART"), start)
            wall_start, wall_end = _wall(start, zone), _wall(end, zone)
            wall_end = max(wall_end, wall_start)
        return ReadEvent(
            key=key,
            title=title,
            start=wall_start,
            end=wall_end,
            zone=zone,
            all_day=all_day,
            kind=_event_kind(title),
            location=_text_of(component, "LOCATION"),
            description=_MEET_BLOCK.sub("", _text_of(component, "DESCRIPTION")).strip(),
            reminder_minutes=_reminder(component, start),
            cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
            emails=_emails(component),
            own=key in self._own,
        )

    def _zone(self, prop: Any, start: dt.datetime) -> str:
        if start.tzinfo is None:
            return self._floating_zone
        if start.utcoffset() == dt.timedelta(0) and _is_utc(start):
            return UTC
        tzid = str(getattr(prop, "params", {}).get("TZID", "")).strip('"')
        name = tzid if is_zone(tzid) else _windows_zone(tzid)
        if name and _same_offset(start, name):
            return name
        key = getattr(start.tzinfo, "key", "")
        if key and is_zone(key):
            return key
        return UTC  # a zone the tz database does not know: keep the instant

    def _yearly(self, uid: str, component: Any) -> ReadDate:
        title = _title(component)
        first = component.decoded("DTSTART")
        rule = component["RRULE"]
        if isinstance(rule, list):
            rule = rule[0]
        month = _single_number(rule.get("BYMONTH")) or first.month
        day = _single_number(rule.get("BYMONTHDAY")) or first.day
        if day < 0:
            # Counted from the month's end: BYMONTHDAY=-1 in February is how a Feb 29
            # date travels (the leap-year length, then, is the one that counts).
            day += monthrange(2000, month)[1] + 1
        year: int | None = first.year
        if (
            (first.month, first.day) != (month, day)  # it starts on another day: not its year
            or not MIN_YEAR <= first.year <= dt.date.today().year
            or (uid in self._own and first.year == UNKNOWN_YEAR)
        ):
            year = None
        kind, person = _date_kind(title)
        return ReadDate(
            key=uid,
            title=title,
            kind=kind,
            month=month,
            day=day,
            year=year,
            person=person,
            reminder_minutes=_reminder(component, first),
        )

    def google_birthday(self, person: str, component: Any) -> ReadDate:
        title = _title(component)
        if "DTSTART" not in component:  # a damaged file (found by fuzzing)
            raise UnreadableCalendarError(Unreadable.DAMAGED, f"{title}: no DTSTART")
        first = component.decoded("DTSTART")
        kind, named = _date_kind(title)
        return ReadDate(
            key=f"BIRTHDAY_{person}@google.com",
            title=title,
            kind=DateKind.BIRTHDAY.value if kind == DateKind.CUSTOM else kind,
            month=first.month,
            day=first.day,
            year=None,  # one event per year: the year of birth is not in the file
            person=named,
            own=person.lower() == "self",
        )


def _wall(moment: dt.datetime, zone: str) -> dt.datetime:
    """The wall-clock time in `zone`; a floating time is already one."""
    if zone and moment.tzinfo is not None:
        moment = moment.astimezone(zoneinfo.ZoneInfo(zone))
    return moment.replace(tzinfo=None)


def _lenient_end(component: Any, start: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """DTEND of the other type than DTSTART (a date with a time, or the reverse): taken
    for what it says, else an hour (a day for all-day events)."""
    value = component.decoded("DTEND", None)
    timed = isinstance(start, dt.datetime)
    if timed and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(), start.tzinfo)
    if not timed and isinstance(value, dt.datetime):
        return value.date()
    return start + (dt.timedelta(hours=1) if timed else dt.timedelta(days=1))


def _is_utc(moment: dt.datetime) -> bool:
    tz = moment.tzinfo
    return tz is dt.UTC or getattr(tz, "key", "") in ("UTC", "Etc/UTC") or str(tz) == "UTC"


def _same_offset(moment: dt.datetime, zone: str) -> bool:
    """The file's VTIMEZONE and the tz database agree at this time (and half a year on:
    a zone whose rules differ would be a different zone)."""
    known = zoneinfo.ZoneInfo(zone)
    later = moment + dt.timedelta(days=182)
    return all(
        m.utcoffset() == m.replace(tzinfo=None).replace(tzinfo=known).utcoffset()
        for m in (moment, later)
    )


def _windows_zone(tzid: str) -> str:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return WINDOWS_TO_OLSON.get(tzid, "")


def _instant_key(moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.strftime("%Y%m%d")


def _is_all_day(component: Any) -> bool:
    start = component.get("DTSTART")
    return start is not None and not isinstance(start.dt, dt.datetime)


def _is_plain_yearly(rule: Any) -> bool:
    """Every year, for ever, on one day: what a birthday or an anniversary is."""
    return (
        [str(f).upper() for f in rule.get("FREQ", [])] == ["YEARLY"]
        and int((rule.get("INTERVAL") or [1])[0]) == 1
        and "COUNT" not in rule
        and "UNTIL" not in rule
        and not {"BYDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"} & set(rule)
        and len(rule.get("BYMONTH", [])) <= 1
        and len(rule.get("BYMONTHDAY", [])) <= 1
    )


def _single_number(values: Iterable[Any] | None) -> int | None:
    values = list(values or [])
    return int(values[0]) if values else None


def _title(component: Any) -> str:
    return " ".join(str(component.get("SUMMARY", "")).split()) or "(no title)"


def _text_of(component: Any, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").replace("\r\n", "\n").strip()


def _reminder(component: Any, start: dt.date | dt.datetime) -> int | None:
    """Minutes before the start of the first display reminder (Rapport keeps one, like
    Outlook); an e-mail reminder only when there is no other."""
    alarms = sorted(
        component.walk("VALARM"),
        key=lambda alarm: str(alarm.get("ACTION", "")).upper() == "EMAIL",
    )
    for alarm in alarms:
        trigger = alarm.get("TRIGGER")
        if trigger is None:
            continue
        value = trigger.dt
        if isinstance(value, dt.timedelta):
            if str(trigger.params.get("RELATED", "START")).upper() != "START":
                continue
            before = -value
        elif isinstance(value, dt.datetime) and isinstance(start, dt.datetime):
            before = start - value
        else:
            continue
        minutes = int(before.total_seconds() // 60)
        if minutes >= 0:
            return minutes
    return None


def _emails(component: Any) -> tuple[str, ...]:
    attendees = component.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    found = []
    for attendee in attendees:
        address = str(attendee)
        if address.lower().startswith("mailto:"):
            found.append(address[7:].strip().lower())
    return tuple(dict.fromkeys(found))


# -- What a title says -------------------------------------------------------------------

# Lower-case, accent-folded words; a few languages Outlook and Google users write in.
_BIRTHDAY_WORDS = (
    "birthday", "bday", "b-day", "geburtstag", "anniversaire", "cumpleanos", "compleanno",
    "aniversario", "verjaardag", "fodelsedag", "urodziny", "narozeniny", "den rozhdeniia",
    "день рождения", "誕生日", "生日",
)  # fmt: skip
# Checked before birthdays: French "anniversaire" alone is a birthday.
_WEDDING_WORDS = (
    "wedding anniversary", "marriage anniversary", "anniversary", "hochzeitstag",
    "anniversaire de mariage", "aniversario de boda", "anniversario di matrimonio",
    "trouwdag", "bryllupsdag",
)  # fmt: skip
_BUSINESS_WORDS = ("business anniversary", "work anniversary", "company anniversary")
_NAME_DAY_WORDS = ("name day", "nameday", "namenstag", "imieniny", "onomastico")
_NAME_PATTERNS = (
    re.compile(r"^(?P<name>.+?)\s*['’`]s\s+(?P<what>.+)$"),  # "Anna's Birthday"
    re.compile(r"^(?P<what>[^:]+?)\s*[:–—-]\s*(?P<name>.+)$"),  # "Birthday: Anna"
    re.compile(r"^(?P<what>.+?)\s+(of|de|di|von|van)\s+(?P<name>.+)$"),  # "Birthday of Anna"
)


def _date_kind(title: str) -> tuple[str, str]:
    """(vocab.DateKind, the person it names) from a title such as "Anna Müller's Birthday",
    "Birthday: Zoë Ødegård" or "Wedding anniversary: Maria & Tomás García"."""
    folded = fold(title)
    if any(word in folded for word in _BUSINESS_WORDS):
        kind = DateKind.BUSINESS_ANNIVERSARY
    elif any(word in folded for word in _WEDDING_WORDS):
        kind = DateKind.WEDDING_ANNIVERSARY
    elif any(word in folded for word in _BIRTHDAY_WORDS):
        kind = DateKind.BIRTHDAY
    elif any(word in folded for word in _NAME_DAY_WORDS):
        kind = DateKind.NAME_DAY
    else:
        return DateKind.CUSTOM.value, ""
    for pattern in _NAME_PATTERNS:
        if (found := pattern.match(title.strip())) is not None and _names_kind(found["what"]):
            return kind.value, found["name"].strip()
    return kind.value, ""


def _names_kind(text: str) -> bool:
    folded = fold(text)
    return any(
        word in folded
        for words in (_BIRTHDAY_WORDS, _WEDDING_WORDS, _BUSINESS_WORDS, _NAME_DAY_WORDS)
        for word in words
    )


_MEAL_WORDS = (
    "dinner", "lunch", "breakfast", "brunch", "meal", "diner", "dejeuner", "abendessen",
    "mittagessen", "cena", "almuerzo", "pranzo", "comida",
)  # fmt: skip
_CALL_WORDS = ("call", "phone", "anruf", "appel", "llamada", "chiamata", "telefon")


def _event_kind(title: str) -> str:
    words = set(re.findall(r"\w+", fold(title)))
    if words & set(_MEAL_WORDS):
        return EventKind.THANK_YOU_MEAL.value
    if words & set(_CALL_WORDS):
        return EventKind.CALL.value
    return EventKind.OTHER.value
