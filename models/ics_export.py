"""Exporting the calendar as an .ics file for Outlook and Google: what goes in (options),
what each key date and event becomes, and writing one file or several (Google imports at
most 1 MB a file). The bytes themselves come from models/interop/ics.py."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from peewee import JOIN

from models import forked
from models.entities import (
    Client,
    ContactPoint,
    Event,
    EventAttendee,
    KeyDate,
    Preference,
    Relative,
    database,
)
from models.errors import Problem, ValidationError
from models.exporting import NothingToExportError
from models.interop import ics
from models.settings import feb29_rule
from models.storage import chunks, marks
from models.vocab import ContactKind, DateKind, EventStatus, Feb29Rule, PreferenceCategory

GOOGLE_LIMIT = 1_000_000  # bytes: Google Calendar refuses larger files
UID_DOMAIN = "rapport"
# Mar 1 keepers of Feb 29 dates get one-off days (no yearly rule says "Mar 1 in common
# years" in a way Outlook maps): this many years of them.
MAR_1_YEARS = 20


@dataclass(frozen=True)
class Wording:
    """The words an exported calendar uses; the window passes its translations."""

    titles: dict[str, str] = field(
        default_factory=lambda: {
            DateKind.BIRTHDAY: "Birthday: {who}",
            DateKind.WEDDING_ANNIVERSARY: "Wedding anniversary: {who}",
            DateKind.BUSINESS_ANNIVERSARY: "Business anniversary: {who}",
            DateKind.NAME_DAY: "Name day: {who}",
            DateKind.CUSTOM: "{label}: {who}",
        }
    )
    relative: str = "{name} ({relation} of {client})"
    born: str = "Born in {year}"
    since: str = "Since {year}"
    prepare_date: str = "Prepare: {title} in {days} days"
    prepare_event: str = "Prepare: {title} in {days} days (book, confirm, think of the guests)"
    guests: str = "With: {names}"
    preferences: dict[str, str] = field(
        default_factory=lambda: {
            PreferenceCategory.ALLERGY: "Allergies",
            PreferenceCategory.DIETARY: "Dietary needs",
            PreferenceCategory.DRINK: "Drinks",
            PreferenceCategory.DESSERT: "Desserts",
            PreferenceCategory.GIFT_LIKE: "Gift ideas",
            PreferenceCategory.GIFT_DISLIKE: "Gifts to avoid",
        }
    )


@dataclass(frozen=True)
class ExportOptions:
    events_from: dt.date
    events_to: dt.date
    zone: str  # the computer's zone: for events without one, and the calendar's hint
    name: str = "Rapport"
    date_kinds: frozenset[str] | None = None  # None: every kind
    event_kinds: frozenset[str] | None = None
    tier_ids: frozenset[int] | None = None  # None: every client
    client_ids: frozenset[int] | None = None
    reveal_preferences: bool = False  # client notes are never exported
    prepare_days: int = 0  # 0: no "prepare" days
    include_cancelled: bool = False
    wording: Wording = field(default_factory=Wording)


@dataclass(frozen=True)
class Plan:
    key_dates: int
    events: int
    zones: frozenset[str]

    @property
    def items(self) -> int:
        return self.key_dates + self.events


def ics_uid(uid: str, derived: str = "") -> str:
    """The UID an item is exported under: the row's own with Rapport's domain; an item
    imported from another calendar keeps the UID it came with, so that calendar sees the
    same event again and not a copy. Derived items ("prepare" days) add to it."""
    if "@" in uid and not derived:
        return uid
    return f"{uid}{derived}@{UID_DOMAIN}"


def plan(options: ExportOptions) -> Plan:
    """How much the options select (for progress, and to refuse an empty calendar)."""
    key_dates = _key_date_query(options).count()
    events = _event_query(options)
    zones = {
        zone or options.zone
        for (zone,) in database.execute(
            events.select(Event.timezone).where(~Event.all_day).distinct()
        ).fetchall()
    }
    return Plan(key_dates, events.count(), frozenset(zones))


def items(options: ExportOptions) -> Iterator[ics.Item]:
    """What the calendar holds, one item at a time (rows are streamed, not gathered)."""
    rule = feb29_rule()
    prefs = _preferences(options) if options.reveal_preferences else {}
    yield from _key_date_items(options, rule, prefs)
    yield from _event_items(options, prefs)


def export(
    options: ExportOptions,
    stamp: dt.datetime,
    *,
    progress: Callable[[int, int], None] | None = None,
    processes: int = 1,
) -> tuple[bytes, Iterator[bytes], bytes]:
    """(the head: calendar properties and VTIMEZONEs; the events, one at a time; the tail).
    Raises NothingToExportError when nothing is selected. `processes` > 1: the events are
    written by that many forked processes (models/forked.py: only from a command's
    process), in batches, and come back in order."""
    planned = plan(options)
    if not planned.items:
        raise NothingToExportError()
    header = ics.Header(options.name, options.zone)
    head = ics.calendar_start(header) + b"".join(
        ics.timezone(found)
        for zone in sorted(planned.zones)
        if (found := ics.vtimezone.rule(zone)) is not None
    )

    # A worker is worth its fork (some 20 ms) for two batches or more.
    workers = min(processes, planned.items // (2 * BATCH))

    def events() -> Iterator[bytes]:
        done = 0
        for written in _written(items(options), stamp, workers):
            yield from written
            done += len(written)
            if progress is not None:
                progress(done, planned.items)

    return head, events(), ics.calendar_end()


# Items written at a time: a worker's task, and how often progress moves (about 0.1 s).
BATCH = 200


def _written(
    items: Iterator[ics.Item], stamp: dt.datetime, processes: int
) -> Iterator[list[bytes]]:
    """The VEVENTs of the items, a batch at a time. Each item costs icalendar about 0.6 ms,
    all of it CPU: two processes write 50k events in about half the time. Whatever a
    worker could not write (it died, or raised) is written here, where an error says
    what it is."""
    batches: Iterator[list[ics.Item]] = iter(lambda: list(itertools.islice(items, BATCH)), [])
    if processes > 1:
        handed: deque[list[ics.Item]] = deque()  # sent to a worker, not yet back

        def hand() -> Iterator[list[ics.Item]]:
            for batch in batches:
                handed.append(batch)
                yield batch

        try:
            with forked.Workers(functools.partial(_write, stamp=stamp), processes) as workers:
                for written in workers.map(hand()):
                    handed.popleft()
                    yield written
        except forked.WorkFailedError:
            pass
        batches = itertools.chain(handed, batches)
    for batch in batches:
        yield _write(batch, stamp)


def _write(batch: list[ics.Item], stamp: dt.datetime) -> list[bytes]:
    return [ics.write(item, stamp) for item in batch]


# -- Key dates ---------------------------------------------------------------------------


def _key_date_query(options: ExportOptions):
    query = (
        KeyDate.select(
            KeyDate.uid,
            KeyDate.kind,
            KeyDate.label,
            KeyDate.month,
            KeyDate.day,
            KeyDate.year,
            Client.id,
            Client.name,
            Relative.name,
            Relative.relation,
        )
        .join(Client)
        .switch(KeyDate)
        .join(Relative, JOIN.LEFT_OUTER)
        .where(Client.deleted_at.is_null())
    )
    if options.date_kinds is not None:
        query = query.where(KeyDate.kind.in_(list(options.date_kinds)))
    return query.where(_clients_filter(options)).order_by(KeyDate.id)


def _clients_filter(options: ExportOptions):
    condition = Client.id.is_null(False)
    if options.tier_ids is not None:
        condition &= Client.tier.in_(list(options.tier_ids))
    if options.client_ids is not None:
        condition &= Client.id.in_(list(options.client_ids))
    return condition


def _key_date_items(
    options: ExportOptions, rule: Feb29Rule, prefs: dict[int, str]
) -> Iterator[ics.Item]:
    words = options.wording
    cursor = database.execute(_key_date_query(options))
    for uid, kind, label, month, day, year, client_id, client, rname, relation in cursor:
        who = client
        if rname:
            who = words.relative.format(name=rname, relation=relation, client=client)
        title = words.titles.get(kind, "{label}: {who}").format(who=who, label=label)
        notes = []
        if year is not None:
            notes.append(
                (words.born if kind == DateKind.BIRTHDAY else words.since).format(year=year)
            )
        if not rname and client_id in prefs:
            notes.append(prefs[client_id])
        description = "\n".join(notes)
        base = ics_uid(uid)
        first_year = year if year is not None else ics.UNKNOWN_YEAR
        leap_day = (month, day) == (2, 29)
        if leap_day and rule is Feb29Rule.MAR_1:
            # Feb 29 in leap years (every parser agrees); Mar 1 in the others, one by one.
            yield ics.Yearly(base, title, description, _leap_year_on_or_after(first_year),
                             "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")  # fmt: skip
            start = max(first_year + 1, options.events_from.year)
            for common in (y for y in range(start, start + MAR_1_YEARS) if not calendar.isleap(y)):
                yield ics.AllDay(
                    ics_uid(uid, f"-mar1-{common}"), title, description, dt.date(common, 3, 1)
                )
        else:
            # Feb 29 kept on Feb 28: "the last day of February" (all four parsers agree).
            by_day = -1 if leap_day else day
            first = dt.date(
                first_year, month, 28 if leap_day and not calendar.isleap(first_year) else day
            )
            yield ics.Yearly(base, title, description, first,
                             f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={by_day}")  # fmt: skip
        if options.prepare_days:
            yield from _prepare_yearly(uid, title, month, day, rule, options)


def _leap_year_on_or_after(year: int) -> dt.date:
    while not calendar.isleap(year):
        year += 1
    return dt.date(year, 2, 29)


def _prepare_yearly(
    uid: str, title: str, month: int, day: int, rule: Feb29Rule, options: ExportOptions
) -> Iterator[ics.Item]:
    """A yearly all-day reminder `prepare_days` before the date (Google drops imported
    alarms: a day in the calendar is the reminder that survives)."""
    kept = dt.date(2001, month, 28) if (month, day) == (2, 29) else dt.date(2001, month, day)
    if (month, day) == (2, 29) and rule is Feb29Rule.MAR_1:
        kept = dt.date(2001, 3, 1)
    before = kept - dt.timedelta(days=options.prepare_days)
    summary = options.wording.prepare_date.format(title=title, days=options.prepare_days)
    yield ics.Yearly(
        ics_uid(uid, "-prepare"),
        summary,
        "",
        dt.date(ics.UNKNOWN_YEAR, before.month, before.day),
        f"FREQ=YEARLY;BYMONTH={before.month};BYMONTHDAY={before.day}",
    )


# -- Events ------------------------------------------------------------------------------


def _event_query(options: ExportOptions):
    query = Event.select().where(
        Event.starts_at.between(
            dt.datetime.combine(options.events_from, dt.time()),
            dt.datetime.combine(options.events_to, dt.time(23, 59, 59)),
        )
    )
    if not options.include_cancelled:
        query = query.where(Event.status != EventStatus.CANCELLED)
    if options.event_kinds is not None:
        query = query.where(Event.kind.in_(list(options.event_kinds)))
    if options.tier_ids is not None or options.client_ids is not None:
        guests = (
            EventAttendee.select(EventAttendee.event)
            .join(Client)
            .where(_clients_filter(options) & Client.deleted_at.is_null())
        )
        query = query.where(Event.id.in_(guests))
    return query


class _EventRow(NamedTuple):
    id: int
    uid: str
    sequence: int
    title: str
    description: str
    location: str
    all_day: bool
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    reminder_minutes: int | None
    status: str


def _event_items(options: ExportOptions, prefs: dict[int, str]) -> Iterator[ics.Item]:
    # Raw rows, their times parsed by fromisoformat: a peewee model instance per event
    # cost a tenth of the export, its date parsing more.
    query = (
        _event_query(options)
        .select(*(getattr(Event, name) for name in _EventRow._fields))
        .order_by(Event.starts_at, Event.id)
    )
    parse = dt.datetime.fromisoformat
    batch: list[_EventRow] = []
    for row in database.execute(query):
        *head, starts, ends, zone, reminder, status = row
        head[6] = bool(head[6])
        batch.append(_EventRow(*head, parse(starts), parse(ends), zone, reminder, status))
        if len(batch) == EVENT_BATCH:
            yield from _event_batch(batch, options, prefs)
            batch = []
    yield from _event_batch(batch, options, prefs)


EVENT_BATCH = 500  # events read with their guests at a time: memory stays flat


def _event_batch(
    batch: list[_EventRow], options: ExportOptions, prefs: dict[int, str]
) -> Iterator[ics.Item]:
    if not batch:
        return
    words = options.wording
    guests: dict[int, list[tuple[int, str]]] = {}
    for chunk in chunks([e.id for e in batch]):
        rows = database.execute_sql(
            'SELECT a."event_id", a."client_id", COALESCE(r."name", c."name")'
            ' FROM "event_attendee" AS a JOIN "client" AS c ON c."id" = a."client_id"'
            ' LEFT JOIN "relative" AS r ON r."id" = a."relative_id"'
            f' WHERE a."event_id" IN ({marks(chunk)}) ORDER BY a."id"',
            chunk,
        )
        for event_id, client_id, name in rows.fetchall():
            guests.setdefault(event_id, []).append((client_id, name))
    for event in batch:
        notes = [event.description.strip()] if event.description.strip() else []
        who = guests.get(event.id, [])
        if who:
            notes.append(words.guests.format(names=", ".join(name for _, name in who)))
        notes += [prefs[c] for c in dict.fromkeys(c for c, _ in who) if c in prefs]
        description = "\n".join(notes)
        uid = ics_uid(event.uid)
        if event.all_day:
            days = max(1, (event.ends_at.date() - event.starts_at.date()).days)
            yield ics.AllDay(uid, event.title, description, event.starts_at.date(), days,
                             sequence=event.sequence, location=event.location)  # fmt: skip
        else:
            yield ics.Timed(
                uid=uid,
                sequence=event.sequence,
                summary=event.title,
                description=description,
                location=event.location,
                start=event.starts_at,
                end=event.ends_at,
                zone=event.timezone or options.zone,
                reminder_minutes=event.reminder_minutes,
                status="CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED",
            )
        if options.prepare_days:
            day = event.starts_at.date() - dt.timedelta(days=options.prepare_days)
            summary = words.prepare_event.format(title=event.title, days=options.prepare_days)
            yield ics.AllDay(ics_uid(event.uid, "-prepare"), summary, "", day)


def _preferences(options: ExportOptions) -> dict[int, str]:
    """Per client, the tastes an export may tell (when the person allows it)."""
    words = options.wording.preferences
    found: dict[int, dict[str, list[str]]] = {}
    query = Preference.select(Preference.client, Preference.category, Preference.value).where(
        Preference.category.in_(list(words))
    )
    for client_id, category, value in query.tuples():
        found.setdefault(client_id, {}).setdefault(category, []).append(value)
    return {
        client_id: "\n".join(
            f"{words[c]}: {', '.join(values)}" for c in words if (values := by_category.get(c))
        )
        for client_id, by_category in found.items()
    }


# -- Invitations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    data: bytes  # the .ics file
    invited: tuple[str, ...]  # the guests it names, with their address
    without_email: tuple[str, ...]  # guests whose card has no email address


def invitation(event_id: int, stamp: dt.datetime, zone: str) -> Invitation:
    """One event as an invitation (METHOD:REQUEST) from the owner to the guests who are
    clients with an email address, to attach to an email. Raises ValidationError on
    "owner_email" when the owner's email is not set yet."""
    from models.events import load_event
    from models.settings import owner

    name, email = owner()
    if not email:
        raise ValidationError("owner_email", Problem.REQUIRED, email)
    event = load_event(event_id)
    guests, without = [], []
    for client_id in dict.fromkeys(a.client_id for a in event.attendees):
        row = (
            ContactPoint.select(ContactPoint.value, Client.name)
            .join(Client)
            .where((ContactPoint.client == client_id) & (ContactPoint.kind == ContactKind.EMAIL))
            .order_by(ContactPoint.position)
            .tuples()
            .first()
        )
        if row is not None:
            guests.append((row[1], row[0]))
        else:
            without.append(Client.get_by_id(client_id).name)
    organizer = (name or email, email)
    event_zone = event.timezone or zone
    if event.all_day:
        item: ics.Item = ics.AllDay(
            ics_uid(event.uid), event.title, event.description, event.starts_at.date(),
            max(1, (event.ends_at.date() - event.starts_at.date()).days),
            sequence=event.sequence, organizer=organizer, attendees=tuple(guests),
            location=event.location,
        )  # fmt: skip
        zones: list[str] = []
    else:
        item = ics.Timed(
            uid=ics_uid(event.uid),
            sequence=event.sequence,
            summary=event.title,
            description=event.description,
            location=event.location,
            start=event.starts_at,
            end=event.ends_at,
            zone=event_zone,
            reminder_minutes=event.reminder_minutes,
            organizer=organizer,
            attendees=tuple(guests),
        )
        zones = [event_zone]
    header = ics.Header(event.title, zone, method="REQUEST")
    return Invitation(
        b"".join(ics.calendar(header, zones, [item], stamp)),
        tuple(n for n, _ in guests),
        tuple(without),
    )
