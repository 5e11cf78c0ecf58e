"""The log of contacts and gestures: what happened with a client, when, and how it went.
Gifts and discounts (and meals and outings, if one wants) carry what they were worth, for
the appreciation ledger (models/courtship.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from peewee import fn

from models.entities import Client, Interaction
from models.errors import NotFoundError, Problem, ValidationError
from models.storage import transaction
from models.validation import require, text_problem, vocab_problem
from models.vocab import InteractionKind, Tone

VALUE_MAX_CENTS = 10**10  # a hundred million in any currency: beyond it, a typo


@dataclass(frozen=True)
class InteractionData:
    client_id: int
    kind: str
    occurred_on: dt.date
    summary: str = ""
    tone: str = Tone.NEUTRAL.value
    asked_for_nothing: bool = False
    event_id: int | None = None
    value_cents: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ContactSummary:
    last_contact: dt.date | None
    positive: int
    neutral: int
    negative: int


def check_interaction(entry: InteractionData) -> None:
    require("kind", vocab_problem(InteractionKind, entry.kind), entry.kind)
    require("tone", vocab_problem(Tone, entry.tone), entry.tone)
    require("summary", text_problem(entry.summary), entry.summary)
    if not dt.date(1900, 1, 1) <= entry.occurred_on <= dt.date(2200, 12, 31):
        raise ValidationError("date", Problem.YEAR_OUT_OF_RANGE, entry.occurred_on)
    cents = entry.value_cents
    if cents is not None and (isinstance(cents, bool) or not 0 <= cents <= VALUE_MAX_CENTS):
        raise ValidationError("value", Problem.OUT_OF_RANGE, cents)


def _columns(entry: InteractionData) -> dict[str, object]:
    return {
        "client": entry.client_id,
        "kind": entry.kind,
        "occurred_on": entry.occurred_on,
        "summary": entry.summary.strip(),
        "tone": entry.tone,
        "asked_for_nothing": entry.asked_for_nothing,
        "event": entry.event_id,
        "value_cents": entry.value_cents,
    }


def _require_client(client_id: int) -> None:
    if not Client.select().where((Client.id == client_id) & Client.deleted_at.is_null()).exists():
        raise NotFoundError(client_id)


def log_interaction(entry: InteractionData) -> InteractionData:
    """Add an entry to the log. An entry with an id (an undone delete) comes back as it was."""
    check_interaction(entry)
    columns = _columns(entry)
    if entry.id is not None:
        columns["id"] = entry.id
    with transaction():
        _require_client(entry.client_id)
        new_id = Interaction.insert(**columns).execute()
    return replace(entry, summary=entry.summary.strip(), id=new_id)


def update_interaction(entry: InteractionData) -> InteractionData:
    check_interaction(entry)
    with transaction():
        _require_client(entry.client_id)
        if Interaction.update(**_columns(entry)).where(Interaction.id == entry.id).execute() == 0:
            raise NotFoundError(entry.id)
    return replace(entry, summary=entry.summary.strip())


def delete_interaction(interaction_id: int) -> InteractionData:
    """Delete an entry; returns it, so that an undo can log it back."""
    with transaction():
        entry = get_interaction(interaction_id)
        Interaction.delete().where(Interaction.id == interaction_id).execute()
    return entry


def get_interaction(interaction_id: int) -> InteractionData:
    row = Interaction.get_or_none(Interaction.id == interaction_id)
    if row is None:
        raise NotFoundError(interaction_id)
    return _data(row)


def timeline(client_id: int, limit: int | None = None) -> list[InteractionData]:
    """A client's log, newest first (the order it was logged breaks ties)."""
    query = (
        Interaction.select()
        .where(Interaction.client == client_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return [_data(row) for row in query]


def recent(client_id: int, today: dt.date, limit: int = 3) -> list[InteractionData]:
    """The last contacts up to today, newest first: an entry logged ahead (a call planned
    for next week) has not happened yet."""
    query = (
        Interaction.select()
        .where((Interaction.client == client_id) & (Interaction.occurred_on <= today))
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(limit)
    )
    return [_data(row) for row in query]


def summary(client_id: int, today: dt.date) -> ContactSummary:
    """The last contact up to today, and how many moments went well, so-so or badly."""
    tones = dict(
        Interaction.select(Interaction.tone, fn.COUNT(Interaction.id))
        .where(Interaction.client == client_id)
        .group_by(Interaction.tone)
        .tuples()
    )
    last = (
        Interaction.select(fn.MAX(Interaction.occurred_on))
        .where((Interaction.client == client_id) & (Interaction.occurred_on <= today))
        .scalar()
    )
    return ContactSummary(
        Interaction.occurred_on.python_value(last),
        tones.get(Tone.POSITIVE.value, 0),
        tones.get(Tone.NEUTRAL.value, 0),
        tones.get(Tone.NEGATIVE.value, 0),
    )


def _data(row: Interaction) -> InteractionData:
    return InteractionData(
        client_id=row.client_id,
        kind=row.kind,
        occurred_on=row.occurred_on,
        summary=row.summary,
        tone=row.tone,
        asked_for_nothing=row.asked_for_nothing,
        event_id=row.event_id,
        value_cents=row.value_cents,
        id=row.id,
    )
