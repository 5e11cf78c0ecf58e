"""What matters at the table, per guest (the side panel of the thank-you meal planner), and
the pre-meeting brief: one page about one client. Built from the card, so they never
disagree with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from models.cards import ClientCard, PreferenceData
from models.clients import load_card
from models.courtship import to_reconfirm
from models.dates import age_on
from models.errors import NotFoundError
from models.interactions import InteractionData, recent
from models.occurrences import Occurrence, key_date_occurrences
from models.settings import feb29_rule, reconfirm_days
from models.vocab import AspirationStatus, PreferenceCategory, PromiseStatus


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


# -- The pre-meeting brief ---------------------------------------------------------------

BRIEF_DAYS = 60  # the dates ahead a brief lists, today included
RECENT_INTERACTIONS = 3


class BriefPromise(NamedTuple):
    what: str
    due: dt.date | None
    late: bool  # open and past its due date


class Dream(NamedTuple):
    title: str
    status: str  # vocab.AspirationStatus
    how_to_help: tuple[str, ...]  # one item per line of the card's text
    last_discussed: dt.date | None


@dataclass(frozen=True)
class MeetingBrief:
    """One page to read before meeting a client: everything as of `today`."""

    today: dt.date
    client_id: int
    name: str
    nickname: str
    job_title: str
    company: str
    photo: bytes | None = field(repr=False)
    table: TableBrief  # drinks, desserts, dietary needs, allergies, family with ages
    dates: tuple[Occurrence, ...]  # the client's and their relatives', the next BRIEF_DAYS
    interactions: tuple[InteractionData, ...]  # the last RECENT_INTERACTIONS, newest first
    promises: tuple[BriefPromise, ...]  # open ones by due date (the late first), undated last
    reconfirm: tuple[PreferenceData, ...]  # tastes to confirm, oldest first
    dreams: tuple[Dream, ...]  # achieved ones last

    @property
    def last_contact(self) -> dt.date | None:
        return self.interactions[0].occurred_on if self.interactions else None


def meeting_brief(client_id: int, today: dt.date) -> MeetingBrief:
    """The brief of one client; raises NotFoundError for a client that is gone."""
    card = load_card(client_id)
    end = today + dt.timedelta(days=BRIEF_DAYS - 1)
    # Through the calendar's own service, so the brief and the calendar never disagree
    # (the Feb 29 rule, years not yet kept).
    dates = tuple(key_date_occurrences(today, end, client_id=client_id))
    promises = sorted(
        (
            BriefPromise(p.what, p.due, p.is_late(today))
            for p in card.promises
            if p.status == PromiseStatus.OPEN
        ),
        key=lambda p: p.due or dt.date.max,
    )
    dreams = sorted(
        (
            Dream(a.title, a.status, _lines(a.how_to_help), a.last_discussed)
            for a in card.aspirations
        ),
        key=lambda d: d.status == AspirationStatus.ACHIEVED,
    )
    return MeetingBrief(
        today=today,
        client_id=client_id,
        name=card.name,
        nickname=card.nickname,
        job_title=card.job_title,
        company=card.company,
        photo=card.photo,
        table=table_brief(card, today),
        dates=dates,
        interactions=tuple(recent(client_id, today, RECENT_INTERACTIONS)),
        promises=tuple(promises),
        reconfirm=tuple(to_reconfirm(card, today, reconfirm_days())),
        dreams=tuple(dreams),
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
