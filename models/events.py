"""Planned calendar items (thank-you meals, outings, gift deliveries, calls) and who attends.
Each event keeps a stable `uid` and a `sequence` that every edit bumps (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass

from models.entities import Event, EventAttendee
from models.errors import Problem, ValidationError
from models.storage import transaction
from models.validation import require, text_problem, vocab_problem
from models.vocab import EventKind, EventStatus


@dataclass(frozen=True)
class Attendee:
    client_id: int
    relative_id: int | None = None


@dataclass(frozen=True)
class EventData:
    kind: str
    title: str
    starts_at: dt.datetime  # wall-clock time in `timezone`; midnight of the day if all-day
    ends_at: dt.datetime  # exclusive
    timezone: str = ""
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


def validate_event(event: EventData) -> None:
    require("kind", vocab_problem(EventKind, event.kind), event.kind)
    require("status", vocab_problem(EventStatus, event.status), event.status)
    require("title", text_problem(event.title, required=True), event.title)
    require("location", text_problem(event.location), event.location)
    require("description", text_problem(event.description), event.description)
    if event.ends_at <= event.starts_at:
        raise ValidationError("ends_at", Problem.OUT_OF_RANGE, event.ends_at)
    if event.timezone:
        try:
            zoneinfo.ZoneInfo(event.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError("timezone", Problem.UNKNOWN_VALUE, event.timezone) from None
    if event.reminder_minutes is not None and event.reminder_minutes < 0:
        raise ValidationError("reminder_minutes", Problem.OUT_OF_RANGE, event.reminder_minutes)


def create_event(event: EventData) -> EventData:
    validate_event(event)
    uid = event.uid or uuid.uuid4().hex
    with transaction():
        event_id = Event.insert(
            uid=uid,
            sequence=event.sequence,
            kind=event.kind,
            title=event.title,
            all_day=event.all_day,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            timezone=event.timezone,
            location=event.location,
            description=event.description,
            reminder_minutes=event.reminder_minutes,
            status=event.status,
            asked_for_nothing=event.asked_for_nothing,
        ).execute()
        for attendee in event.attendees:
            EventAttendee.insert(
                event=event_id, client=attendee.client_id, relative=attendee.relative_id
            ).execute()
    return EventData(**{**event.__dict__, "id": event_id, "uid": uid})
