"""Planned calendar items (thank-you meals, outings, gift deliveries, calls) and who attends.

Each event keeps a stable `uid`; every stored change bumps its `sequence` (RFC 5545: a
calendar that imported it takes the update) and its `version` (a save from a stale copy is
refused). Marking an event done logs the gesture in each attending client's history;
taking "done" back removes what that logged.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from models.entities import Client, Event, EventAttendee, Interaction, Relative, database, utcnow
from models.errors import ConflictError, NotFoundError, Problem, ValidationError
from models.storage import chunks, generation, insert_many, insert_one, marks, transaction
from models.timezones import is_zone, to_zone
from models.validation import require, text_problem, vocab_problem
from models.vocab import EventKind, EventStatus, InteractionKind

# Longer events are not what this calendar plans; the cap keeps "what overlaps this month"
# an indexed query on the start (DESIGN.md, "Calendar").
MAX_DAYS = 62

GESTURE_OF_EVENT = {
    EventKind.THANK_YOU_MEAL: InteractionKind.MEAL,
    EventKind.OUTING: InteractionKind.OUTING,
    EventKind.GIFT_DELIVERY: InteractionKind.GIFT,
    EventKind.CALL: InteractionKind.CALL,
    EventKind.OTHER: InteractionKind.MEETING,
}


@dataclass(frozen=True)
class Attendee:
    client_id: int
    relative_id: int | None = None


@dataclass(frozen=True)
class EventData:
    kind: str
    title: str
    starts_at: dt.datetime  # wall-clock time in `timezone`; midnight of the day if all-day
    ends_at: dt.datetime  # exclusive: for all-day events, midnight after the last day
    timezone: str = ""  # IANA name; "" = floating (the same wall time everywhere)
    all_day: bool = False
    location: str = ""
    description: str = ""
    reminder_minutes: int | None = None
    status: str = EventStatus.PLANNED.value
    asked_for_nothing: bool = False
    attendees: tuple[Attendee, ...] = ()
    id: int | None = None
    uid: str | None = None
    sequence: int = 0
    version: int = 0


class EventOccurrence(NamedTuple):
    """An event as a calendar shows it: times in the zone it is shown in."""

    date: dt.date  # the (shown) day it starts
    start: dt.datetime
    end: dt.datetime  # exclusive
    all_day: bool
    kind: str  # vocab.EventKind
    title: str
    status: str
    location: str
    attendees: str  # names, ", "-separated
    event_id: int
    uid: str


class AttendeeChoice(NamedTuple):
    """Someone who can be invited: a client, or one of a client's relatives."""

    client_id: int
    relative_id: int | None
    name: str
    client_name: str  # the same as name for a client
    relation: str  # "" for a client


def validate_event(event: EventData) -> None:
    require("kind", vocab_problem(EventKind, event.kind), event.kind)
    require("status", vocab_problem(EventStatus, event.status), event.status)
    require("title", text_problem(event.title, required=True), event.title)
    require("location", text_problem(event.location), event.location)
    require("description", text_problem(event.description), event.description)
    if event.ends_at <= event.starts_at:
        raise ValidationError("ends_at", Problem.OUT_OF_RANGE, event.ends_at)
    if event.ends_at - event.starts_at > dt.timedelta(days=MAX_DAYS):
        raise ValidationError("ends_at", Problem.TOO_LONG, event.ends_at)
    if event.timezone and not is_zone(event.timezone):
        raise ValidationError("timezone", Problem.UNKNOWN_VALUE, event.timezone)
    if event.reminder_minutes is not None and not 0 <= event.reminder_minutes <= 60 * 24 * 365:
        raise ValidationError("reminder_minutes", Problem.OUT_OF_RANGE, event.reminder_minutes)


# -- Reading -----------------------------------------------------------------------------


def load_event(event_id: int) -> EventData:
    found = next(load_events([event_id]), None)
    if found is None:
        raise NotFoundError(event_id)
    return found


def load_events(event_ids: Sequence[int] | None = None) -> Iterator[EventData]:
    """Whole events, a few hundred at a time (exports): all of them by start, or those of
    `event_ids` that exist, in that order."""
    if event_ids is None:
        query = Event.select(Event.id).order_by(Event.starts_at, Event.id).tuples()
        event_ids = [event_id for (event_id,) in query]
    for batch in chunks(list(event_ids), 500):
        guests: dict[int, list[Attendee]] = {}
        query = (
            EventAttendee.select(EventAttendee.event, EventAttendee.client, EventAttendee.relative)
            .where(EventAttendee.event.in_(batch))
            .order_by(EventAttendee.id)
            .tuples()
        )
        for event_id, client_id, relative_id in query:
            guests.setdefault(event_id, []).append(Attendee(client_id, relative_id))
        rows = {row.id: row for row in Event.select().where(Event.id.in_(batch))}
        for event_id in batch:
            if (row := rows.get(event_id)) is None:
                continue
            yield EventData(
                kind=row.kind,
                title=row.title,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                timezone=row.timezone,
                all_day=row.all_day,
                location=row.location,
                description=row.description,
                reminder_minutes=row.reminder_minutes,
                status=row.status,
                asked_for_nothing=row.asked_for_nothing,
                attendees=tuple(guests.get(event_id, ())),
                id=row.id,
                uid=row.uid,
                sequence=row.sequence,
                version=row.version,
            )


def events_between(start: dt.date, end: dt.date, display_zone: str) -> list[EventOccurrence]:
    """Events that overlap the days `start`..`end` (both included) when shown in
    `display_zone`, with their guests, sorted by start (all-day first)."""
    spans = _spans(start, end, display_zone)
    return _read(sorted(spans, key=lambda e: (spans[e][0], not spans[e][2])), spans, guests=True)


def event_days(
    start: dt.date, end: dt.date, display_zone: str, *, per_day: int | None
) -> tuple[dict[dt.date, list[EventOccurrence]], dict[dt.date, int]]:
    """For a grid: each day's first `per_day` events (all of them for None; all-day first,
    then by time; no guests), and how many each day holds. Only those shown are read."""
    spans = _spans(start, end, display_zone)
    counts: dict[dt.date, int] = {}
    shown: dict[int, list[dt.date]] = {}
    one_day = dt.timedelta(days=1)
    tick = dt.timedelta(microseconds=1)
    # Tuples sort in C: all-day events first, then by start.
    for _, starts, event_id, ends in sorted(
        (not all_day, starts, event_id, ends) for event_id, (starts, ends, all_day) in spans.items()
    ):
        day, last = starts.date(), (ends - tick).date()
        if day != last:  # only a longer event may reach out of the range (most fit a day)
            day, last = max(day, start), min(last, end)
        while day <= last:
            count = counts[day] = counts.get(day, 0) + 1
            if per_day is None or count <= per_day:
                shown.setdefault(event_id, []).append(day)
            day += one_day
    by_day: dict[dt.date, list[EventOccurrence]] = {}
    for event in _read(list(shown), spans, guests=False):
        for day in shown[event.event_id]:
            by_day.setdefault(day, []).append(event)
    for events in by_day.values():
        events.sort(key=lambda e: (not e.all_day, e.start, e.title))
    return by_day, counts


_Span = tuple[dt.datetime, dt.datetime, bool]  # start, end (in the viewer's zone), all day


_longest: tuple[tuple[int, int, int], dt.timedelta] = ((0, 0, 0), dt.timedelta(days=MAX_DAYS))


def _longest_event() -> dt.timedelta:
    """How long the longest stored event lasts (at most MAX_DAYS): how far back a range
    must look for events that began before it. Read again only when the data changed."""
    global _longest
    now = generation()
    if _longest[0] != now:
        longest = database.execute_sql(
            'SELECT MAX(julianday("ends_at") - julianday("starts_at")) FROM "event"'
        ).fetchone()[0]
        _longest = (now, dt.timedelta(days=min(MAX_DAYS, (longest or 0) + 1)))
    return _longest[1]


def _spans(start: dt.date, end: dt.date, display_zone: str) -> dict[int, _Span]:
    """Events overlapping the days, with their times in the viewer's zone: from the index
    on (starts_at, ends_at, timezone, all_day) alone. A start in the range, widened two
    days each way for time zones and back by the longest event's length."""
    first = dt.datetime.combine(start, dt.time())
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    slack = dt.timedelta(days=2)  # UTC-12 and UTC+14 are 26 hours apart
    query = Event.select(
        Event.id, Event.starts_at, Event.ends_at, Event.timezone, Event.all_day
    ).where(
        Event.starts_at.between(first - _longest_event() - slack, after + slack)
        & (Event.ends_at > first - slack)
    )
    parse = dt.datetime.fromisoformat  # what peewee stores; 10x faster than its parser
    spans: dict[int, _Span] = {}
    for event_id, starts, ends, zone, all_day in database.execute(query).fetchall():
        starts, ends = parse(starts), parse(ends)
        if not all_day and zone and zone != display_zone:
            starts, ends = to_zone(starts, zone, display_zone), to_zone(ends, zone, display_zone)
        if starts < after and ends > first:
            spans[event_id] = (starts, ends, bool(all_day))
    return spans


def _read(ids: list[int], spans: dict[int, _Span], guests: bool) -> list[EventOccurrence]:
    """These events in full, in the order given."""
    found: dict[int, EventOccurrence] = {}
    for chunk in chunks(ids):
        names = _guests(chunk) if guests else {}
        rows = database.execute_sql(
            'SELECT "id", "uid", "kind", "title", "status", "location" FROM "event"'
            f' WHERE "id" IN ({marks(chunk)})',
            chunk,
        ).fetchall()
        for event_id, uid, kind, title, status, location in rows:
            starts, ends, all_day = spans[event_id]
            found[event_id] = EventOccurrence(
                starts.date(), starts, ends, all_day, kind, title, status, location,
                ", ".join(names.get(event_id, ())), event_id, uid,
            )  # fmt: skip
    return [found[i] for i in ids if i in found]


def _guests(event_ids: list[int]) -> dict[int, list[str]]:
    """The names of these events' guests, in the order they were invited."""
    rows = database.execute_sql(
        'SELECT a."event_id", COALESCE(r."name", c."name") FROM "event_attendee" AS a'
        ' JOIN "client" AS c ON c."id" = a."client_id"'
        ' LEFT JOIN "relative" AS r ON r."id" = a."relative_id"'
        f' WHERE a."event_id" IN ({marks(event_ids)}) ORDER BY a."id"',
        event_ids,
    )
    guests: dict[int, list[str]] = {}
    for event_id, name in rows.fetchall():
        guests.setdefault(event_id, []).append(name)
    return guests


def attendee_choices() -> list[AttendeeChoice]:
    """Every client and relative, for choosing attendees by search."""
    clients = database.execute(
        Client.select(Client.id, Client.name).where(Client.deleted_at.is_null())
    ).fetchall()
    relatives = database.execute(
        Relative.select(Relative.client, Relative.id, Relative.name, Relative.relation, Client.name)
        .join(Client)
        .where(Client.deleted_at.is_null())
    ).fetchall()
    choices = [AttendeeChoice(cid, None, name, name, "") for cid, name in clients]
    choices += [
        AttendeeChoice(cid, rid, name, cname, rel) for cid, rid, name, rel, cname in relatives
    ]
    return choices


# -- Writing -----------------------------------------------------------------------------


def add_events(new: list[EventData]) -> int:
    """Add many new events in one transaction (imports, benchmarks); all or nothing. Marks
    no gestures: what is imported as done was logged where it came from."""
    for n, event in enumerate(new):
        try:
            validate_event(event)
        except ValidationError as exc:
            raise ValidationError(f"events[{n}].{exc.field}", exc.problem, exc.value) from None
    with transaction():
        for event in new:
            event_id = insert_one(
                Event,
                uid=event.uid or uuid.uuid4().hex,
                sequence=event.sequence,
                version=1,
                **_columns(event),
            )
            if event.attendees:
                insert_many(
                    EventAttendee,
                    [
                        {"event": event_id, "client": a.client_id, "relative": a.relative_id}
                        for a in dict.fromkeys(event.attendees)
                    ],
                )
    return len(new)


def create_event(event: EventData, *, today: dt.date | None = None) -> EventData:
    if event.id is not None:
        raise ValidationError("id", Problem.OUT_OF_RANGE, event.id)
    return save_event(event, today=today)


def save_event(event: EventData, *, today: dt.date | None = None) -> EventData:
    """Store a new or edited event (one transaction); returns it as stored."""
    return _write(event, exact=False, today=today or dt.date.today())


def restore_event(event: EventData) -> EventData:
    """Put an event back as it was (undo/redo), recreating it if it was deleted. The
    sequence still goes up: for a calendar that imported it, this is one more change."""
    return _write(event, exact=True, today=dt.date.today())


def delete_event(event_id: int) -> EventData:
    """Remove an event, and the gestures it logged as done (Undo brings both back: the
    gestures follow the event's status); returns it as it was."""
    with transaction():
        event = load_event(event_id)
        Interaction.delete().where(Interaction.event == event_id).execute()
        Event.delete().where(Event.id == event_id).execute()
    return event


def mark(event_id: int, status: str, *, today: dt.date | None = None) -> EventData:
    """Set an event's status (planned / done / cancelled)."""
    return save_event(replace(load_event(event_id), status=status), today=today)


def _columns(event: EventData) -> dict[str, Any]:
    """What an event stores besides its identity (uid, sequence, version)."""
    return {
        "kind": event.kind,
        "title": event.title.strip(),
        "all_day": event.all_day,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": "" if event.all_day else event.timezone,
        "location": event.location.strip(),
        "description": event.description,
        "reminder_minutes": event.reminder_minutes,
        "status": event.status,
        "asked_for_nothing": event.asked_for_nothing,
    }


def _write(event: EventData, *, exact: bool, today: dt.date) -> EventData:
    validate_event(event)
    fields = _columns(event)
    with transaction():
        stored = Event.get_or_none(Event.id == event.id) if event.id is not None else None
        if stored is None and event.id is not None and not exact:
            raise NotFoundError(event.id)
        if stored is None:
            identity = {"uid": event.uid or uuid.uuid4().hex}
            if event.id is not None:  # back from a delete (undo): a change for every calendar
                identity |= {
                    "id": event.id,
                    "sequence": event.sequence + 1,
                    "version": event.version + 1,
                }
            event_id = Event.insert(**identity, **fields).execute()
        else:
            if not exact and stored.version != event.version:
                raise ConflictError(event.id)
            event_id = stored.id
            Event.update(
                sequence=Event.sequence + 1,
                version=Event.version + 1,
                updated_at=utcnow(),
                **fields,
            ).where(Event.id == event_id).execute()
        EventAttendee.delete().where(EventAttendee.event == event_id).execute()
        for attendee in dict.fromkeys(event.attendees):
            EventAttendee.insert(
                event=event_id, client=attendee.client_id, relative=attendee.relative_id
            ).execute()
        _sync_gestures(event_id, event, today)
    return load_event(event_id)


def _sync_gestures(event_id: int, event: EventData, today: dt.date) -> None:
    """A done event counts as a gesture in each attending client's history (a relative's
    attendance counts for their client); an event that is not done, none. Entries of
    clients who still attend are kept as they are (they may have been edited since)."""
    logged = {
        client_id: interaction_id
        for interaction_id, client_id in Interaction.select(Interaction.id, Interaction.client)
        .where(Interaction.event == event_id)
        .tuples()
    }
    attending = (
        dict.fromkeys(a.client_id for a in event.attendees)
        if event.status == EventStatus.DONE
        else {}
    )
    gone = [interaction_id for client, interaction_id in logged.items() if client not in attending]
    if gone:
        Interaction.delete().where(Interaction.id.in_(gone)).execute()
    day = min(event.starts_at.date(), today)
    for client_id in attending:
        if client_id not in logged:
            Interaction.insert(
                client=client_id,
                kind=GESTURE_OF_EVENT[EventKind(event.kind)].value,
                occurred_on=day,
                summary=event.title.strip(),
                asked_for_nothing=event.asked_for_nothing,
                event=event_id,
            ).execute()
