"""What matters at the table, per guest: the side panel of the thank-you meal planner (and,
later, the pre-meeting brief). Built from the card, so it never disagrees with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from models.cards import ClientCard
from models.clients import load_card
from models.dates import age_on
from models.errors import NotFoundError
from models.settings import feb29_rule
from models.vocab import PreferenceCategory, PromiseStatus


class FamilyMember(NamedTuple):
    name: str
    relation: str  # vocab.Relation
    age: int | None  # None when the birthday or its year is unknown


@dataclass(frozen=True)
class TableBrief:
    client_id: int
    name: str
    drinks: tuple[str, ...]
    desserts: tuple[str, ...]
    food: tuple[str, ...]
    restaurants: tuple[str, ...]
    dietary: tuple[str, ...]  # needs to respect
    allergies: tuple[str, ...]  # warnings
    dislikes: tuple[str, ...]
    family: tuple[FamilyMember, ...]
    open_promises: tuple[str, ...]


def table_brief(card: ClientCard, today: dt.date) -> TableBrief:
    def values(category: PreferenceCategory) -> tuple[str, ...]:
        return tuple(
            p.value + (f" ({p.note})" if p.note else "")
            for p in card.preferences
            if p.category == category
        )

    rule = feb29_rule()
    family = tuple(
        FamilyMember(r.name, r.relation, age_on(r.birthday, today, rule) if r.birthday else None)
        for r in card.relatives
    )
    return TableBrief(
        client_id=card.id or 0,
        name=card.nickname or card.name,
        drinks=values(PreferenceCategory.DRINK),
        desserts=values(PreferenceCategory.DESSERT),
        food=values(PreferenceCategory.FOOD),
        restaurants=values(PreferenceCategory.RESTAURANT),
        dietary=values(PreferenceCategory.DIETARY),
        allergies=values(PreferenceCategory.ALLERGY),
        dislikes=values(PreferenceCategory.DISLIKE),
        family=family,
        open_promises=tuple(p.what for p in card.promises if p.status == PromiseStatus.OPEN),
    )


def table_briefs(client_ids: Sequence[int], today: dt.date) -> list[TableBrief]:
    """One brief per client, in the order given; clients that no longer exist are left out."""
    briefs = []
    for client_id in dict.fromkeys(client_ids):
        try:
            briefs.append(table_brief(load_card(client_id), today))
        except NotFoundError:
            continue
    return briefs
