"""The lists of a client card, each described once: its columns, how a card becomes draft
rows, and how edited drafts become a card again. The card editor treats them all alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.cards import (
    AspirationData,
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceData,
    PromiseData,
    RelativeData,
)
from models.dates import PartialDate, age_on, parse_partial_date
from models.errors import Problem, ValidationError
from models.validation import NAME_MAX, contact_problem
from models.vocab import (
    AspirationStatus,
    ContactKind,
    DateKind,
    PreferenceCategory,
    PromiseStatus,
    Relation,
)
from ui import labels
from ui.record_table_model import Column, Draft


def _t(text: str) -> str:
    return QCoreApplication.translate("card", text)


def parse_partial(text: str) -> PartialDate | None:
    return parse_partial_date(text, month_names=labels.month_names(), day_first=labels.day_first())


def parse_full(text: str) -> dt.date | None:
    """A full date, as typed; the year is required."""
    partial = parse_partial(text)
    if partial is None:
        return None
    if partial.year is None:
        raise ValidationError("date", Problem.BAD_DATE, text)
    return dt.date(partial.year, partial.month, partial.day)


def _drafts(items: Sequence[Any], keys: Sequence[str]) -> list[Draft]:
    """A draft per item, editing these fields of it."""
    return [Draft({key: getattr(item, key) for key in keys}, item) for item in items]


def _items(cls: type, rows: Sequence[Draft]) -> tuple[Any, ...]:
    """The items the drafts now describe: edited copies of their sources, or new ones."""
    return tuple(replace(d.source, **d.values) if d.source else cls(**d.values) for d in rows)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    add_label: str
    undo_text: str
    columns: list[Column]
    drafts: Callable[[ClientCard], list[Draft]]
    apply: Callable[[ClientCard, Sequence[Draft]], ClientCard]
    new_draft: Callable[[], Draft]


# -- Contact details ---------------------------------------------------------------------


def contact_section() -> SectionSpec:
    def drafts(card: ClientCard) -> list[Draft]:
        return _drafts(card.contact_points, ("kind", "label", "value"))

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        return replace(card, contact_points=_items(ContactPointData, rows))

    return SectionSpec(
        key="contact_points",
        title=_t("Contact details"),
        add_label=_t("Add"),
        undo_text=_t("Edit contact details"),
        columns=[
            Column("kind", _t("Type"), "choice", labels.contact_kinds, width=90),
            Column("label", _t("Label"), width=90),
            Column(
                "value",
                _t("Value"),
                required=True,
                check=lambda value, d: contact_problem(d.values["kind"], value),
                editor_for=lambda d: (
                    "multiline" if d.values.get("kind") == ContactKind.ADDRESS else "text"
                ),
            ),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft({"kind": ContactKind.EMAIL.value, "label": "", "value": ""}),
    )


# -- Preferences -------------------------------------------------------------------------

_CATEGORY_ORDER = {c.value: n for n, c in enumerate(PreferenceCategory)}
# Tastes change: past this age a preference is worth confirming at the next meeting.
RECONFIRM_AFTER_DAYS = 365


def preference_section(today: Callable[[], dt.date]) -> SectionSpec:
    def drafts(card: ClientCard) -> list[Draft]:
        ordered = sorted(card.preferences, key=lambda p: _CATEGORY_ORDER.get(p.category, 99))
        return _drafts(ordered, ("category", "value", "note"))

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        return replace(card, preferences=_items(PreferenceData, rows))

    def confirmed(draft: Draft) -> str:
        pref = draft.source
        if pref is None or pref.last_confirmed is None:
            return ""
        text = labels.ago(pref.last_confirmed, today())
        if pref.history:
            text += " · " + _t("was {value}").format(value=pref.history[-1].old_value)
        return text

    def stale(draft: Draft) -> str:
        pref = draft.source
        if pref is None or pref.last_confirmed is None:
            return ""
        if (today() - pref.last_confirmed).days <= RECONFIRM_AFTER_DAYS:
            return ""
        return _t("Confirmed over a year ago: tastes change, ask again at the next meeting.")

    return SectionSpec(
        key="preferences",
        title=_t("Tastes and preferences"),
        add_label=_t("Add"),
        undo_text=_t("Edit preferences"),
        columns=[
            Column("category", _t("Category"), "choice", labels.preference_categories, width=110),
            Column("value", _t("Preference"), required=True),
            Column("note", _t("Note"), width=180),
            Column("confirmed", _t("Confirmed"), "", display=confirmed, warn=stale, width=130),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft(
            {"category": PreferenceCategory.DRINK.value, "value": "", "note": ""}
        ),
    )


# -- Family ------------------------------------------------------------------------------


def _with_birthday(relative: RelativeData, birthday: PartialDate | None) -> RelativeData:
    """The relative with its (first) birthday set to `birthday`, or removed for None;
    every other date of theirs, a second birthday included, stays as it is."""
    dates = list(relative.key_dates)
    first = next((n for n, k in enumerate(dates) if k.kind == DateKind.BIRTHDAY), None)
    if first is None:
        if birthday is not None:
            dates.insert(0, KeyDateData(DateKind.BIRTHDAY.value, birthday))
    elif birthday is None:
        del dates[first]
    elif dates[first].date != birthday:
        dates[first] = replace(dates[first], date=birthday)
    return replace(relative, key_dates=tuple(dates))


def family_section(today: Callable[[], dt.date]) -> SectionSpec:
    def drafts(card: ClientCard) -> list[Draft]:
        return [
            Draft(
                {"name": r.name, "relation": r.relation, "birthday": r.birthday, "notes": r.notes},
                r,
            )
            for r in card.relatives
        ]

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        relatives = []
        for d in rows:
            base = d.source or RelativeData(d.values["name"], d.values["relation"])
            fields = {k: d.values[k] for k in ("name", "relation", "notes")}
            relatives.append(_with_birthday(replace(base, **fields), d.values["birthday"]))
        return replace(card, relatives=tuple(relatives))

    def birthday(value: PartialDate | None) -> str:
        text = labels.partial_date(value)
        age = age_on(value, today()) if value else None
        return f"{text} ({age})" if age is not None and age >= 0 else text

    return SectionSpec(
        key="relatives",
        title=_t("Family and close ones"),
        add_label=_t("Add"),
        undo_text=_t("Edit family"),
        columns=[
            Column("name", _t("Name"), required=True, width=140, limit=NAME_MAX),
            Column("relation", _t("Relation"), "choice", labels.relations, width=100),
            Column(
                "birthday", _t("Birthday"), "date", parse=parse_partial, format=birthday, width=150
            ),
            Column("notes", _t("Notes")),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft(
            {"name": "", "relation": Relation.SPOUSE.value, "birthday": None, "notes": ""}
        ),
    )


# -- Dates -------------------------------------------------------------------------------

_OWN = ""  # "whose" value of the client's own dates; a relative's is str(relative id)


def dates_section(card_now: Callable[[], ClientCard | None]) -> SectionSpec:
    def owners() -> dict[str, str]:
        card = card_now()
        choices = {_OWN: card.name if card else _t("Client")}
        if card:
            for r in card.relatives:
                if r.id is not None:
                    choices[str(r.id)] = r.name
        return choices

    def drafts(card: ClientCard) -> list[Draft]:
        return [
            Draft(
                {
                    "whose": _OWN if rel is None else str(rel.id),
                    "kind": kd.kind,
                    "label": kd.label,
                    "date": kd.date,
                    "lead_days": kd.lead_days,
                    "note": kd.note,
                },
                kd,
            )
            for rel, kd in card.all_key_dates()
        ]

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        by_owner: dict[str, list[KeyDateData]] = {}
        for d in rows:
            fields = {k: v for k, v in d.values.items() if k != "whose"}
            kd = replace(d.source, **fields) if d.source else KeyDateData(**fields)
            by_owner.setdefault(d.values["whose"], []).append(kd)
        return replace(
            card,
            key_dates=tuple(by_owner.get(_OWN, ())),
            relatives=tuple(
                replace(r, key_dates=tuple(by_owner.get(str(r.id), ()))) for r in card.relatives
            ),
        )

    def custom(draft: Draft) -> bool:
        return draft.values.get("kind") == DateKind.CUSTOM

    def label_text(draft: Draft) -> str:
        return draft.values.get("label", "") if custom(draft) else ""

    return SectionSpec(
        key="key_dates",
        title=_t("Dates to remember"),
        add_label=_t("Add"),
        undo_text=_t("Edit dates"),
        columns=[
            Column("whose", _t("Whose"), "choice", owners, width=120),
            Column("kind", _t("Occasion"), "choice", labels.date_kinds, width=150),
            Column(
                "label",
                _t("Name"),
                required=custom,
                display=label_text,
                editor_for=lambda d: "text" if custom(d) else "",
                width=110,
            ),
            Column(
                "date",
                _t("Date"),
                "date",
                required=True,
                parse=parse_partial,
                format=labels.partial_date,
                width=130,
            ),
            Column("lead_days", _t("Days ahead"), "int", maximum=366, width=105),
            Column("note", _t("Note")),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft(
            {
                "whose": _OWN,
                "kind": DateKind.BIRTHDAY.value,
                "label": "",
                "date": None,
                "lead_days": 7,
                "note": "",
            }
        ),
    )


# -- Dreams ------------------------------------------------------------------------------


def aspiration_section() -> SectionSpec:
    def drafts(card: ClientCard) -> list[Draft]:
        return _drafts(card.aspirations, ("title", "status", "how_to_help", "last_discussed"))

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        return replace(card, aspirations=_items(AspirationData, rows))

    return SectionSpec(
        key="aspirations",
        title=_t("Dreams and aspirations"),
        add_label=_t("Add"),
        undo_text=_t("Edit dreams"),
        columns=[
            Column("title", _t("Dream"), required=True),
            Column("status", _t("Status"), "choice", labels.aspiration_statuses, width=100),
            Column("how_to_help", _t("How I can help"), width=200),
            Column(
                "last_discussed",
                _t("Last discussed"),
                "date",
                parse=parse_full,
                format=labels.date,
                width=110,
            ),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft(
            {
                "title": "",
                "status": AspirationStatus.DREAM.value,
                "how_to_help": "",
                "last_discussed": None,
            }
        ),
    )


# -- Promises ----------------------------------------------------------------------------


def promise_section(today: Callable[[], dt.date]) -> SectionSpec:
    def drafts(card: ClientCard) -> list[Draft]:
        return _drafts(card.promises, ("what", "due", "status"))

    def apply(card: ClientCard, rows: Sequence[Draft]) -> ClientCard:
        return replace(card, promises=_items(PromiseData, rows))

    def status(draft: Draft) -> str:
        text = labels.promise_statuses().get(draft.values["status"], draft.values["status"])
        if PromiseData(**draft.values).is_late(today()):
            return _t("Late")
        return text

    return SectionSpec(
        key="promises",
        title=_t("Promises I made"),
        add_label=_t("Add"),
        undo_text=_t("Edit promises"),
        columns=[
            Column("what", _t("Promise"), required=True),
            Column("due", _t("Due"), "date", parse=parse_full, format=labels.date, width=110),
            Column(
                "status", _t("Status"), "choice", labels.promise_statuses, display=status, width=100
            ),
        ],
        drafts=drafts,
        apply=apply,
        new_draft=lambda: Draft({"what": "", "due": None, "status": PromiseStatus.OPEN.value}),
    )


def all_sections(
    today: Callable[[], dt.date], card_now: Callable[[], ClientCard | None]
) -> list[SectionSpec]:
    """In the order the card shows them."""
    return [
        contact_section(),
        preference_section(today),
        family_section(today),
        dates_section(card_now),
        aspiration_section(),
        promise_section(today),
    ]
