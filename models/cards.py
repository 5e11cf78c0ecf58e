"""A client card as plain values: the frozen snapshot every view shows and every service
takes, the rules a card must follow, and what each part of a card stores in its table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models import search
from models.dates import PartialDate, check_partial_date
from models.errors import Problem, ValidationError
from models.validation import (
    NAME_MAX,
    NOTES_MAX,
    PHOTO_MAX_BYTES,
    contact_problem,
    require,
    text_problem,
    vocab_problem,
)
from models.vocab import (
    AspirationStatus,
    ContactKind,
    DateKind,
    PreferenceCategory,
    PromiseStatus,
    Relation,
)

# The longest a key date may be reminded ahead: a year.
MAX_LEAD_DAYS = 366


# -- Snapshots ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactPointData:
    kind: str
    value: str
    label: str = ""
    id: int | None = None


@dataclass(frozen=True)
class KeyDateData:
    kind: str
    date: PartialDate
    label: str = ""
    lead_days: int = 7
    note: str = ""
    id: int | None = None
    uid: str | None = None


@dataclass(frozen=True)
class RelativeData:
    name: str
    relation: str
    notes: str = ""
    key_dates: tuple[KeyDateData, ...] = ()
    id: int | None = None

    @property
    def birthday(self) -> PartialDate | None:
        return next((k.date for k in self.key_dates if k.kind == DateKind.BIRTHDAY), None)


@dataclass(frozen=True)
class PreferenceChangeData:
    old_value: str
    changed_on: dt.date
    id: int | None = None


@dataclass(frozen=True)
class PreferenceData:
    category: str
    value: str
    note: str = ""
    last_confirmed: dt.date | None = None
    history: tuple[PreferenceChangeData, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class AspirationData:
    title: str
    status: str = AspirationStatus.DREAM.value
    how_to_help: str = ""
    last_discussed: dt.date | None = None
    id: int | None = None


@dataclass(frozen=True)
class PromiseData:
    what: str
    due: dt.date | None = None
    status: str = PromiseStatus.OPEN.value
    made_on: dt.date | None = None
    id: int | None = None

    def is_late(self, today: dt.date) -> bool:
        return self.status == PromiseStatus.OPEN and self.due is not None and self.due < today


@dataclass(frozen=True)
class ClientCard:
    name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    company: str = ""
    job_title: str = ""
    tier_id: int | None = None
    client_since: dt.date | None = None
    how_we_met: str = ""
    notes: str = ""
    archived: bool = False
    photo: bytes | None = field(default=None, repr=False)
    contact_points: tuple[ContactPointData, ...] = ()
    relatives: tuple[RelativeData, ...] = ()
    key_dates: tuple[KeyDateData, ...] = ()  # the client's own; relatives carry theirs
    preferences: tuple[PreferenceData, ...] = ()
    aspirations: tuple[AspirationData, ...] = ()
    promises: tuple[PromiseData, ...] = ()
    id: int | None = None
    uid: str | None = None
    version: int = 0

    def all_key_dates(self) -> Iterable[tuple[RelativeData | None, KeyDateData]]:
        """The client's dates, then each relative's, with whose it is."""
        for key_date in self.key_dates:
            yield None, key_date
        for relative in self.relatives:
            for key_date in relative.key_dates:
                yield relative, key_date


# -- Validation --------------------------------------------------------------------------


def validate_card(card: ClientCard) -> None:
    """Raise ValidationError for the first value that breaks a rule; the field names where
    it is, e.g. "contact_points[1].value". (Field names are only spelled out for a value
    that breaks a rule: an import checks every card of the file, twice.)"""
    require("name", text_problem(card.name, required=True, limit=NAME_MAX), card.name)
    for name in ("given_name", "family_name", "nickname", "company", "job_title", "how_we_met"):
        require(name, text_problem(getattr(card, name)), getattr(card, name))
    require("notes", text_problem(card.notes, limit=NOTES_MAX), card.notes)
    if card.photo is not None and len(card.photo) > PHOTO_MAX_BYTES:
        raise ValidationError("photo", Problem.TOO_LONG, len(card.photo))
    for i, cp in enumerate(card.contact_points):
        _check(
            "contact_points",
            i,
            (
                ("kind", vocab_problem(ContactKind, cp.kind), cp.kind),
                ("value", contact_problem(cp.kind, cp.value), cp.value),
                ("label", text_problem(cp.label), cp.label),
            ),
        )
    for i, rel in enumerate(card.relatives):
        _check(
            "relatives",
            i,
            (
                ("name", text_problem(rel.name, required=True, limit=NAME_MAX), rel.name),
                ("relation", vocab_problem(Relation, rel.relation), rel.relation),
                ("notes", text_problem(rel.notes), rel.notes),
            ),
        )
    for j, (relative, kd) in enumerate(card.all_key_dates()):
        try:
            require("kind", vocab_problem(DateKind, kd.kind), kd.kind)
            check_partial_date(kd.date.month, kd.date.day, kd.date.year)
            if kd.kind == DateKind.CUSTOM:
                require("label", text_problem(kd.label, required=True), kd.label)
            if not 0 <= kd.lead_days <= MAX_LEAD_DAYS:
                raise ValidationError("lead_days", Problem.OUT_OF_RANGE, kd.lead_days)
        except ValidationError as exc:
            where = (
                f"key_dates[{j}]" if relative is None else f"relatives[{relative.name}].key_dates"
            )
            raise ValidationError(f"{where}.{exc.field}", exc.problem, exc.value) from None
    for i, pref in enumerate(card.preferences):
        _check(
            "preferences",
            i,
            (
                ("category", vocab_problem(PreferenceCategory, pref.category), pref.category),
                ("value", text_problem(pref.value, required=True), pref.value),
                ("note", text_problem(pref.note), pref.note),
            ),
        )
    for i, asp in enumerate(card.aspirations):
        _check(
            "aspirations",
            i,
            (
                ("title", text_problem(asp.title, required=True), asp.title),
                ("status", vocab_problem(AspirationStatus, asp.status), asp.status),
            ),
        )
    for i, promise in enumerate(card.promises):
        _check(
            "promises",
            i,
            (
                ("what", text_problem(promise.what, required=True), promise.what),
                ("status", vocab_problem(PromiseStatus, promise.status), promise.status),
            ),
        )


def _check(what: str, i: int, checks: tuple[tuple[str, Problem | None, object], ...]) -> None:
    """The first problem among one item's fields, as "what[i].field"."""
    for part, problem, value in checks:
        if problem is not None:
            raise ValidationError(f"{what}[{i}].{part}", problem, value)


# -- Columns -----------------------------------------------------------------------------
# What each part of a card stores: one mapping for editing and for adding in bulk.


def client_columns(card: ClientCard) -> dict[str, Any]:
    return {
        "name": card.name.strip(),
        "given_name": card.given_name,
        "family_name": card.family_name,
        "nickname": card.nickname,
        "company": card.company,
        "job_title": card.job_title,
        "tier": card.tier_id,
        "client_since": card.client_since,
        "how_we_met": card.how_we_met,
        "notes": card.notes,
        "archived": card.archived,
        "photo": card.photo,
    }


def search_columns(card: ClientCard) -> dict[str, str]:
    """The card's row of the client_search table (entities.ClientSearch). The name and
    the company are folded once, for their columns and the text (folding is letter by
    letter, so the parts folded apart and joined are the whole folded)."""
    name, company = search.fold(card.name.strip()), search.fold(card.company)
    rest = search.haystack(
        [
            card.nickname, card.job_title, card.notes, card.how_we_met,
            *(text for r in card.relatives for text in (r.name, r.notes)),
            *(text for p in card.preferences for text in (p.value, p.note)),
            *(c.value for c in card.contact_points),
        ]
    )  # fmt: skip
    return {"name": name, "company": company, "text": " ".join(filter(None, [name, company, rest]))}


def contact_columns(c: ContactPointData, position: int) -> dict[str, Any]:
    return {"kind": c.kind, "value": c.value.strip(), "label": c.label, "position": position}


def relative_columns(r: RelativeData, position: int) -> dict[str, Any]:
    return {"name": r.name.strip(), "relation": r.relation, "notes": r.notes, "position": position}


def key_date_columns(kd: KeyDateData, relative_id: int | None) -> dict[str, Any]:
    return {
        "relative": relative_id,
        "kind": kd.kind,
        "label": kd.label if kd.kind == DateKind.CUSTOM else "",
        "month": kd.date.month,
        "day": kd.date.day,
        "year": kd.date.year,
        "lead_days": kd.lead_days,
        "note": kd.note,
    }


def preference_columns(
    p: PreferenceData, position: int, confirmed: dt.date | None
) -> dict[str, Any]:
    return {
        "category": p.category,
        "value": p.value.strip(),
        "note": p.note,
        "last_confirmed": confirmed,
        "position": position,
    }


def aspiration_columns(a: AspirationData, position: int) -> dict[str, Any]:
    return {
        "title": a.title,
        "status": a.status,
        "how_to_help": a.how_to_help,
        "last_discussed": a.last_discussed,
        "position": position,
    }


def promise_columns(p: PromiseData, position: int) -> dict[str, Any]:
    return {
        "what": p.what,
        "due": p.due,
        "status": p.status,
        "made_on": p.made_on,
        "position": position,
    }
