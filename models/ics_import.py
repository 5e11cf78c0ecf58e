"""Importing a calendar file: what it would change (the preview), then doing it.

`preview()` reads the file (interop/ics_read.py) and sets each item against the database:
events are new, changed in the file, or already here (matched on UID, so a second import
of the same file changes nothing); yearly dates are matched to the client or relative
whose name the title carries ("Anna Müller's Birthday", "Wedding anniversary: Maria &
Tomás García"), and a date the card already has is not added twice. `apply()` writes what
the person kept, in one transaction: all of it or, on any error, nothing.

Attendees come from the file's e-mail addresses and from clients named in the title.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from models import clients, events
from models.cards import ClientCard, KeyDateData
from models.dates import PartialDate
from models.entities import Client, ContactPoint, Event, KeyDate, Relative, database
from models.errors import ValidationError
from models.events import Attendee, EventData
from models.interop.ics_read import ReadCalendar, ReadDate, ReadEvent, read
from models.search import fold
from models.storage import chunks, transaction
from models.validation import TEXT_MAX
from models.vocab import ContactKind, DateKind, EventStatus

# Events that have none yet get a length Rapport can show: a point in time has none.
MIN_LENGTH = dt.timedelta(minutes=15)


class Status(StrEnum):
    NEW = "new"
    CHANGED = "changed"  # in the file since the last import: it is updated
    SAME = "same"  # already here as the file has it: nothing to do
    UNMATCHED = "unmatched"  # a date no client's name matches: the person picks one
    CONFLICT = "conflict"  # the card already has a different date of this kind
    OWN = "own"  # Google's birthday of the calendar's owner
    INVALID = "invalid"  # Rapport cannot hold it (e.g. longer than two months)


@dataclass(frozen=True)
class Person:
    """A client, or one of a client's relatives."""

    client_id: int
    relative_id: int | None
    name: str  # "Anna Müller", or "Lucas (Tomás García's child)"


@dataclass(frozen=True)
class EventItem:
    event: ReadEvent
    status: Status
    existing_id: int | None = None
    attendees: tuple[Person, ...] = ()
    problem: str = ""


@dataclass(frozen=True)
class DateItem:
    date: ReadDate
    status: Status
    person: Person | None = None  # whose date it becomes
    candidates: tuple[Person, ...] = ()  # when the title fits several people
    existing: str = ""  # with CONFLICT: the date the card has (PartialDate.iso())
    problem: str = ""  # with INVALID: a Problem value


@dataclass
class Preview:
    name: str
    events: list[EventItem] = field(default_factory=list)
    dates: list[DateItem] = field(default_factory=list)
    outside: int = 0

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for item in [*self.events, *self.dates]:
            found[item.status.value] += 1
        return dict(found)


@dataclass(frozen=True)
class Choices:
    """What the person decided in the preview; by default, every new or changed event and
    every date matched to one person is imported."""

    skip: frozenset[str] = frozenset()  # keys left out
    people: Mapping[str, Person | None] = field(default_factory=dict)  # date key → whose
    new_clients: frozenset[str] = frozenset()  # date keys that get a new client card


@dataclass(frozen=True)
class Result:
    events_added: int = 0
    events_updated: int = 0
    dates_added: int = 0
    clients_added: int = 0

    @property
    def changes(self) -> int:
        return self.events_added + self.events_updated + self.dates_added + self.clients_added


def preview(
    data: bytes,
    start: dt.date,
    end: dt.date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Preview:
    """What importing `data` would do; events from `start` to `end` (exclusive). Raises
    UnreadableCalendarError for a file that cannot be imported."""
    calendar = read(data, start, end, progress=progress)
    return _Matcher().preview(calendar)


def apply(found: Preview, choices: Choices | None = None) -> Result:
    """Import what `found` holds, less what `choices` leaves out; one transaction."""
    choices = choices or Choices()
    new_events: list[EventData] = []
    changed: list[EventData] = []
    for item in found.events:
        if item.event.key in choices.skip or item.status not in (Status.NEW, Status.CHANGED):
            continue
        data = _event_data(item.event, item.attendees)
        if item.status is Status.NEW:
            new_events.append(data)
        else:
            stored = events.load_event(item.existing_id)  # type: ignore[arg-type]
            changed.append(_updated(stored, data, item.event.own))

    by_client: dict[int, list[tuple[int | None, ReadDate]]] = defaultdict(list)
    new_people: dict[str, list[ReadDate]] = {}  # one new card per person named
    for item in found.dates:
        key = item.date.key
        if key in choices.skip or item.status in (Status.SAME, Status.INVALID):
            continue
        if key in choices.new_clients:
            new_people.setdefault(fold(item.date.person or item.date.title), []).append(item.date)
            continue
        person = choices.people.get(key, item.person if item.status is Status.NEW else None)
        if person is not None:
            by_client[person.client_id].append((person.relative_id, item.date))

    new_cards = [_new_card(dates) for dates in new_people.values()]
    with transaction():
        events.add_events(new_events)
        for event in changed:
            events.save_event(event)
        for client_id, dates in by_client.items():
            _add_dates(client_id, dates)
        clients.add_cards(new_cards)
    return Result(
        events_added=len(new_events),
        events_updated=len(changed),
        dates_added=sum(len(d) for d in [*by_client.values(), *new_people.values()]),
        clients_added=len(new_cards),
    )


def _event_data(event: ReadEvent, attendees: Iterable[Person]) -> EventData:
    end = event.end if event.end > event.start else event.start + MIN_LENGTH
    return EventData(
        kind=event.kind,
        title=event.title,
        starts_at=event.start,
        ends_at=end,
        timezone=event.zone,
        all_day=event.all_day,
        location=event.location[:TEXT_MAX],
        description=event.description[:TEXT_MAX],
        reminder_minutes=event.reminder_minutes,
        status=EventStatus.CANCELLED.value if event.cancelled else EventStatus.PLANNED.value,
        attendees=tuple(Attendee(p.client_id, p.relative_id) for p in attendees),
        uid=event.key,
    )


def _updated(stored: EventData, data: EventData, own: bool) -> EventData:
    """The file's times and words over what the person chose here: the kind, "asked for
    nothing", guests added by hand, and whether it took place. From Rapport's own export,
    only what the export tells as it is (its description adds the guests and tastes)."""
    if own:
        data = replace(
            data,
            description=stored.description,
            location=stored.location or data.location,
            reminder_minutes=stored.reminder_minutes,
        )
    return replace(
        data,
        id=stored.id,
        uid=stored.uid,
        version=stored.version,
        sequence=stored.sequence,
        kind=stored.kind,
        asked_for_nothing=stored.asked_for_nothing,
        status=data.status if data.status == EventStatus.CANCELLED else stored.status,
        attendees=tuple(dict.fromkeys(stored.attendees + data.attendees)),
    )


def _key_date(date: ReadDate) -> KeyDateData:
    return KeyDateData(
        kind=date.kind,
        date=PartialDate(date.month, date.day, date.year),
        label=date.title if date.kind == DateKind.CUSTOM else "",
        uid=date.key,
    )


def _new_card(dates: list[ReadDate]) -> ClientCard:
    return ClientCard(
        name=dates[0].person or dates[0].title, key_dates=tuple(_key_date(d) for d in dates)
    )


def _add_dates(client_id: int, dates: list[tuple[int | None, ReadDate]]) -> None:
    """Through the card, so that its rules hold and a card open in the window sees that it
    changed (its version goes up)."""
    card = clients.load_card(client_id)
    own = [_key_date(d) for relative_id, d in dates if relative_id is None]
    theirs: dict[int, list[KeyDateData]] = defaultdict(list)
    for relative_id, d in dates:
        if relative_id is not None:
            theirs[relative_id].append(_key_date(d))
    relatives = tuple(
        replace(r, key_dates=r.key_dates + tuple(theirs.get(r.id, ()))) for r in card.relatives
    )
    clients.save_card(replace(card, key_dates=card.key_dates + tuple(own), relatives=relatives))


# -- Matching ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    # "Anna's" is "Anna": the possessive is not part of the name.
    return frozenset(_WORD.findall(re.sub(r"['’`]s\b", "", fold(text))))


class _Matcher:
    def __init__(self) -> None:
        self.people: list[tuple[frozenset[str], Person]] = []
        names: dict[int, str] = dict(
            database.execute(
                Client.select(Client.id, Client.name).where(Client.deleted_at.is_null())
            ).fetchall()
        )
        self.names = names
        for client_id, name in names.items():
            self.people.append((_words(name), Person(client_id, None, name)))
        relatives = database.execute(
            Relative.select(Relative.client, Relative.id, Relative.name, Relative.relation)
            .join(Client)
            .where(Client.deleted_at.is_null())
        ).fetchall()
        for client_id, relative_id, name, relation in relatives:
            words = _words(name)
            if len(words) == 1:
                # "Lucas", child of Tomás García, is "Lucas García" in a calendar.
                words |= set(_WORD.findall(fold(names[client_id]))[-1:])
            label = f"{name} ({names[client_id]}'s {relation.replace('_', ' ')})"
            self.people.append((frozenset(words), Person(client_id, relative_id, label)))
        self.emails: dict[str, int] = {}
        for client_id, value in database.execute(
            ContactPoint.select(ContactPoint.client, ContactPoint.value)
            .join(Client)
            .where(ContactPoint.kind == ContactKind.EMAIL, Client.deleted_at.is_null())
        ).fetchall():
            self.emails.setdefault(value.strip().lower(), client_id)

    def preview(self, calendar: ReadCalendar) -> Preview:
        result = Preview(calendar.name, outside=calendar.outside)
        stored = self._stored_events([e.key for e in calendar.events])
        for event in calendar.events:
            result.events.append(self._event_item(event, stored.get(event.key)))
        keys = self._stored_keys([d.key for d in calendar.dates])
        dates_of = self._dates_of({p.client_id for _, p in self.people})
        for date in calendar.dates:
            result.dates.append(self._date_item(date, date.key in keys, dates_of))
        return result

    def named_in(self, text: str) -> list[Person]:
        """The people whose every name is in `text`, most names first; a one-word name
        must be the whole text (else "Maria" would be every Maria)."""
        words = _words(text)
        found = [
            (len(name), person)
            for name, person in self.people
            if name and name <= words and (len(name) > 1 or name == words)
        ]
        found.sort(key=lambda pair: -pair[0])
        return [person for size, person in found if size == found[0][0]] if found else []

    def _event_item(
        self, event: ReadEvent, stored: tuple[int, tuple[object, ...]] | None
    ) -> EventItem:
        people = tuple(
            dict.fromkeys(
                [
                    Person(client_id, None, self.names[client_id])
                    for address in event.emails
                    if (client_id := self.emails.get(address)) is not None
                ]
                + self.named_in(event.title)
            )
        )
        data = _event_data(event, people)
        try:
            events.validate_event(data)
        except ValidationError as exc:
            return EventItem(event, Status.INVALID, problem=exc.problem.value)
        if stored is None:
            return EventItem(event, Status.NEW, attendees=people)
        existing_id, columns = stored
        same = _comparable(data, event.own) == _comparable_stored(columns, event.own)
        if data.status == EventStatus.CANCELLED and not columns[-1]:
            same = False  # cancelled there: cancelled here (not the reverse: see _updated)
        return EventItem(
            event, Status.SAME if same else Status.CHANGED, existing_id=existing_id,
            attendees=people,
        )  # fmt: skip

    def _date_item(
        self,
        date: ReadDate,
        stored: bool,
        dates_of: dict[tuple[int, int | None], list[KeyDateData]],
    ) -> DateItem:
        if stored:
            return DateItem(date, Status.SAME)
        try:
            PartialDate(date.month, date.day, date.year)
        except ValidationError as exc:
            return DateItem(date, Status.INVALID, problem=exc.problem.value)
        if date.own:
            return DateItem(date, Status.OWN)
        people = self.named_in(date.person or date.title)
        if len(people) != 1:
            return DateItem(date, Status.UNMATCHED, candidates=tuple(people))
        person = people[0]
        for existing in dates_of.get((person.client_id, person.relative_id), []):
            if existing.kind != date.kind or (
                date.kind == DateKind.CUSTOM and fold(existing.label) != fold(date.title)
            ):
                continue
            if (existing.date.month, existing.date.day) == (date.month, date.day):
                return DateItem(date, Status.SAME, person=person)
            return DateItem(date, Status.CONFLICT, person=person, existing=f"{existing.date.iso()}")
        # Later lines of the file see it, as if it were on the card already.
        dates_of.setdefault((person.client_id, person.relative_id), []).append(
            KeyDateData(date.kind, PartialDate(date.month, date.day, date.year), date.title)
        )
        return DateItem(date, Status.NEW, person=person)

    def _stored_events(self, keys: list[str]) -> dict[str, tuple[int, tuple[object, ...]]]:
        """Per UID already here: the event's id, and what an import may change in it."""
        found = {}
        for part in chunks(keys):
            query = Event.select(
                Event.uid, Event.id, Event.title, Event.starts_at, Event.ends_at,
                Event.timezone, Event.all_day, Event.location, Event.description,
                Event.reminder_minutes, Event.status,
            ).where(Event.uid.in_(part))  # fmt: skip
            for uid, event_id, *columns, status in query.tuples():
                found[uid] = (event_id, (*columns, status == EventStatus.CANCELLED))
        return found

    def _stored_keys(self, keys: list[str]) -> set[str]:
        # A date of a client in the trash counts too: its UID is taken, and restoring the
        # client brings it back.
        return {
            uid
            for part in chunks(keys)
            for (uid,) in KeyDate.select(KeyDate.uid).where(KeyDate.uid.in_(part)).tuples()
        }

    def _dates_of(self, client_ids: set[int]) -> dict[tuple[int, int | None], list[KeyDateData]]:
        found: dict[tuple[int, int | None], list[KeyDateData]] = defaultdict(list)
        query = KeyDate.select(
            KeyDate.client, KeyDate.relative, KeyDate.kind, KeyDate.label, KeyDate.month,
            KeyDate.day, KeyDate.year,
        ).join(Client).where(Client.deleted_at.is_null())  # fmt: skip
        for client_id, relative_id, kind, label, month, day, year in database.execute(
            query
        ).fetchall():
            if client_id in client_ids:
                found[(client_id, relative_id)].append(
                    KeyDateData(kind, PartialDate(month, day, year), label)
                )
        return found


def _comparable(event: EventData, own: bool) -> tuple[object, ...]:
    """What an import may change: the person's own choices (kind, "asked for nothing",
    attendees added by hand, whether it took place) are not compared; nor, from Rapport's
    own export, what the export tells differently (the description, an all-day event's
    location and reminder)."""
    columns = (
        event.title, event.starts_at, event.ends_at, event.timezone, event.all_day,
        event.location, event.description, event.reminder_minutes,
    )  # fmt: skip
    return _comparable_stored((*columns, False), own)


def _comparable_stored(columns: tuple[object, ...], own: bool) -> tuple[object, ...]:
    """`columns`: title, start, end, zone, all day, location, description, reminder,
    cancelled (as _stored_events reads them)."""
    return columns[:5] if own else columns[:8]


# -- Between processes -------------------------------------------------------------------
# The window runs the preview and the import in a separate process (DESIGN.md, "Speed by
# design"): the preview comes back as JSON, and the person's choices go in as JSON.


def preview_to_json(found: Preview) -> str:
    return json.dumps(asdict(found), default=_iso, ensure_ascii=False)


def preview_from_json(text: str) -> Preview:
    raw = json.loads(text)

    def person(value: dict[str, Any] | None) -> Person | None:
        return Person(**value) if value else None

    return Preview(
        name=raw["name"],
        outside=raw["outside"],
        events=[
            EventItem(
                event=ReadEvent(
                    **raw_event["event"]
                    | {
                        "start": dt.datetime.fromisoformat(raw_event["event"]["start"]),
                        "end": dt.datetime.fromisoformat(raw_event["event"]["end"]),
                        "emails": tuple(raw_event["event"]["emails"]),
                    }
                ),
                status=Status(raw_event["status"]),
                existing_id=raw_event["existing_id"],
                attendees=tuple(Person(**p) for p in raw_event["attendees"]),
                problem=raw_event["problem"],
            )
            for raw_event in raw["events"]
        ],
        dates=[
            DateItem(
                date=ReadDate(**raw_date["date"]),
                status=Status(raw_date["status"]),
                person=person(raw_date["person"]),
                candidates=tuple(Person(**p) for p in raw_date["candidates"]),
                existing=raw_date["existing"],
                problem=raw_date["problem"],
            )
            for raw_date in raw["dates"]
        ],
    )


def choices_to_json(choices: Choices) -> str:
    return json.dumps(
        {
            "skip": sorted(choices.skip),
            "people": {k: asdict(p) if p else None for k, p in choices.people.items()},
            "new_clients": sorted(choices.new_clients),
        },
        ensure_ascii=False,
    )


def choices_from_json(text: str) -> Choices:
    raw = json.loads(text)
    return Choices(
        skip=frozenset(raw.get("skip", ())),
        people={k: Person(**p) if p else None for k, p in raw.get("people", {}).items()},
        new_clients=frozenset(raw.get("new_clients", ())),
    )


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value))
