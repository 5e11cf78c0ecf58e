"""Sample clients for a first look: resources/sample_clients.json, with dates relative to
today (a planned dinner is always ahead, a preference confirmed N days ago) so the sample
stays alive whenever it is loaded."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from models import clients, courtship, events, interactions
from models.cards import (
    AspirationData,
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceData,
    PromiseData,
    RelativeData,
)
from models.dates import PartialDate
from models.storage import transaction

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_clients.json"


def load_sample(today: dt.date, path: Path = SAMPLE) -> int:
    """Add the sample clients, their logs and planned events in one transaction."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tier_ids = {t.name: t.id for t in clients.tiers()}
    with transaction():
        cards = [_card(raw, tier_ids, today) for raw in data["clients"]]
        ids = dict(zip((c.name for c in cards), clients.add_cards(cards, today=today), strict=True))
        for raw in data["clients"]:
            for entry in raw["interactions"]:
                interactions.log_interaction(
                    interactions.InteractionData(
                        client_id=ids[raw["name"]],
                        kind=entry["kind"],
                        occurred_on=today - dt.timedelta(days=entry["days_ago"]),
                        summary=entry["summary"],
                        tone=entry["tone"],
                        asked_for_nothing=entry["asked_for_nothing"],
                        value_cents=round(entry["value"] * 100) if "value" in entry else None,
                    )
                )
            if {"snoozed_for_days", "own_rules", "yearly_budget"} & raw.keys():
                courtship.save_client_plan(
                    courtship.ClientPlan(
                        ids[raw["name"]],
                        raw.get("own_rules", {}),
                        _days(today, raw.get("snoozed_for_days")),
                        raw["yearly_budget"] * 100 if "yearly_budget" in raw else None,
                    )
                )
        # A yearly appreciation budget for each client of the top tiers.
        budgets = {"A": 50_000, "B": 20_000}
        courtship.save_plan(
            [replace(t, yearly_budget_cents=budgets.get(t.name)) for t in courtship.plan()]
        )
        for raw in data["events"]:
            events.create_event(_event(raw, ids, today))
    return len(data["clients"])


def _days(today: dt.date, offset: int | None, sign: int = 1) -> dt.date | None:
    return None if offset is None else today + dt.timedelta(days=sign * offset)


def _key_dates(raw: list[dict[str, Any]]) -> tuple[KeyDateData, ...]:
    return tuple(
        KeyDateData(
            kind=d["kind"],
            date=PartialDate(d["month"], d["day"], d["year"]),
            label=d["label"],
            lead_days=d["lead_days"],
            note=d["note"],
        )
        for d in raw
    )


def _card(raw: dict[str, Any], tier_ids: dict[str, int], today: dt.date) -> ClientCard:
    return ClientCard(
        name=raw["name"],
        given_name=raw["given_name"],
        family_name=raw["family_name"],
        nickname=raw["nickname"] or "",
        company=raw["company"],
        job_title=raw["job_title"],
        tier_id=tier_ids.get(raw["tier"]),
        client_since=dt.date.fromisoformat(raw["client_since"]) if raw["client_since"] else None,
        how_we_met=raw["how_we_met"],
        notes=raw["notes"],
        contact_points=tuple(
            ContactPointData(c["kind"], c["value"], c["label"]) for c in raw["contact"]
        ),
        key_dates=_key_dates(raw["dates"]),
        relatives=tuple(
            RelativeData(r["name"], r["relation"], r["notes"], _key_dates(r["dates"]))
            for r in raw["relatives"]
        ),
        preferences=tuple(
            PreferenceData(
                p["category"], p["value"], p["note"], _days(today, p["confirmed_days_ago"], -1)
            )
            for p in raw["preferences"]
        ),
        aspirations=tuple(
            AspirationData(
                a["title"], a["status"], a["how_to_help"], _days(today, a["discussed_days_ago"], -1)
            )
            for a in raw["aspirations"]
        ),
        promises=tuple(
            PromiseData(p["what"], _days(today, p["due_in_days"]), p["status"])
            for p in raw["promises"]
        ),
    )


def _event(raw: dict[str, Any], ids: dict[str, int], today: dt.date) -> events.EventData:
    day = today + dt.timedelta(days=raw["in_days"])
    if raw["all_day"]:
        starts = dt.datetime.combine(day, dt.time())
        ends = starts + dt.timedelta(days=1)
    else:
        starts = dt.datetime.combine(day, dt.time.fromisoformat(raw["start_time"]))
        ends = starts + dt.timedelta(minutes=raw["duration_minutes"])
    return events.EventData(
        kind=raw["kind"],
        title=raw["title"],
        starts_at=starts,
        ends_at=ends,
        timezone=raw["timezone"] or "",
        all_day=raw["all_day"],
        location=raw["location"],
        description=raw["description"],
        reminder_minutes=raw["reminder_minutes"],
        status=raw["status"],
        asked_for_nothing=raw["asked_for_nothing"],
        attendees=tuple(events.Attendee(ids[name]) for name in raw["attendees"]),
    )
