"""The week ahead: what the dashboard shows when the app opens. Key dates of the coming days
(and, earlier, any whose lead time has begun: a birthday with 14 days' lead shows two weeks
ahead, "time to find a gift"), planned events, and promises due soon or late."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.entities import Client, Promise, database
from models.events import EventOccurrence
from models.occurrences import Occurrence, between, key_date_occurrences, longest_lead
from models.vocab import EventStatus, PromiseStatus


@dataclass(frozen=True)
class DueDate:
    occurrence: Occurrence
    preparing: bool  # its lead time has begun: time to act (buy a gift, book a table)


@dataclass(frozen=True)
class PromiseDue:
    promise_id: int
    client_id: int
    client_name: str
    what: str
    due: dt.date
    late: bool


@dataclass(frozen=True)
class WeekAhead:
    today: dt.date
    days: int
    key_dates: list[DueDate]
    events: list[EventOccurrence]
    promises: list[PromiseDue]


def week_ahead(today: dt.date, days: int, display_zone: str) -> WeekAhead:
    end = today + dt.timedelta(days=days - 1)
    items = between(today, end, display_zone)
    dates = [i for i in items if isinstance(i, Occurrence)]
    # Further out, only dates whose lead time has already begun: none beyond the longest.
    lead_end = today + dt.timedelta(days=longest_lead())
    dates += [
        o
        for o in key_date_occurrences(end + dt.timedelta(days=1), lead_end, min_lead_days=days)
        if (o.date - today).days <= o.lead_days
    ]
    due = [DueDate(o, (o.date - today).days <= o.lead_days) for o in dates]
    events = [
        i for i in items if isinstance(i, EventOccurrence) and i.status != EventStatus.CANCELLED
    ]
    return WeekAhead(today, days, due, events, promises_due(today, end))


def promises_due(today: dt.date, until: dt.date) -> list[PromiseDue]:
    """Open promises due by `until`, late ones first (oldest first)."""
    query = (
        Promise.select(Promise.id, Client.id, Client.name, Promise.what, Promise.due)
        .join(Client)
        .where(
            (Promise.status == PromiseStatus.OPEN)
            & Promise.due.is_null(False)
            & (Promise.due <= until)
            & Client.deleted_at.is_null()
        )
        .order_by(Promise.due, Client.name)
    )
    parse = Promise.due.python_value
    return [
        PromiseDue(pid, cid, name, what, parse(due), parse(due) < today)
        for pid, cid, name, what, due in database.execute(query).fetchall()
    ]
