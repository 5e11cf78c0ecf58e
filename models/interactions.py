"""The log of contacts and gestures: what happened with a client, when, and how it went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.entities import Client, Interaction
from models.errors import NotFoundError
from models.storage import transaction
from models.validation import require, text_problem, vocab_problem
from models.vocab import InteractionKind, Tone


@dataclass(frozen=True)
class InteractionData:
    client_id: int
    kind: str
    occurred_on: dt.date
    summary: str = ""
    tone: str = Tone.NEUTRAL.value
    asked_for_nothing: bool = False
    event_id: int | None = None
    id: int | None = None


def log_interaction(entry: InteractionData) -> InteractionData:
    require("kind", vocab_problem(InteractionKind, entry.kind), entry.kind)
    require("tone", vocab_problem(Tone, entry.tone), entry.tone)
    require("summary", text_problem(entry.summary), entry.summary)
    with transaction():
        if not Client.select().where(Client.id == entry.client_id).exists():
            raise NotFoundError(entry.client_id)
        new_id = Interaction.insert(
            client=entry.client_id,
            kind=entry.kind,
            occurred_on=entry.occurred_on,
            summary=entry.summary,
            tone=entry.tone,
            asked_for_nothing=entry.asked_for_nothing,
            event=entry.event_id,
        ).execute()
    return InteractionData(**{**entry.__dict__, "id": new_id})
