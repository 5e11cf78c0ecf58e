"""Rapport's own JSON: the whole database, or all that Rapport holds about one client (for
a privacy request), in a documented, versioned form that imports back without loss
(docs/json-format.md).

Identities travel as UIDs (clients, key dates, events), never as row ids, so a file read
into another database links the same things. Importing adds the clients and events whose
UID is not here yet and leaves those that are untouched (the preview says which): a backup
restores into an empty database exactly, and a second import of a file changes nothing.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from peewee import JOIN

from models import clients, courtship, events, interactions, settings
from models.cards import (
    AspirationData,
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceChangeData,
    PreferenceData,
    PromiseData,
    RelativeData,
    validate_card,
)
from models.dates import PartialDate
from models.entities import CadenceRule, Client, Event, Interaction, KeyDate, Relative, Tier
from models.errors import Problem, RapportError, ValidationError
from models.events import Attendee, EventData
from models.interactions import InteractionData
from models.storage import insert_many, transaction
from models.vocab import Gesture

FORMAT = "rapport"
VERSION = 1


class UnreadableJsonError(RapportError):
    """Not a Rapport JSON file, or one this version cannot read; `detail` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.source = "The file"


# -- Export ------------------------------------------------------------------------------


def export(
    client_ids: Sequence[int] | None = None, *, now: dt.datetime | None = None
) -> Iterator[bytes]:
    """Everything (client_ids None), or these clients with the events they attend and
    their history: the document, a piece at a time (one line per client, event or entry,
    so a database of any size is written with the memory of one card)."""
    whole = client_ids is None
    tiers = {t.id: t.name for t in clients.tiers()}
    uids: dict[int, str] = {}
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    yield (f'{{"format": "{FORMAT}", "version": {VERSION}, "exported_at": "{stamp}",\n').encode()

    # How each client is courted (not part of the card): only the few who have terms.
    terms = dict.fromkeys(("snoozed_until", "yearly_budget_cents"))
    courted = {
        cid: {"snoozed_until": _iso(snoozed), "yearly_budget_cents": budget}
        for cid, snoozed, budget in Client.select(
            Client.id, Client.snoozed_until, Client.yearly_budget_cents
        )
        .where(Client.snoozed_until.is_null(False) | Client.yearly_budget_cents.is_null(False))
        .tuples()
    }

    def cards() -> Iterator[dict[str, Any]]:
        for card in clients.load_cards(client_ids):
            uids[card.id] = card.uid  # type: ignore[index]
            yield _card_json(card, tiers) | courted.get(card.id, terms)  # type: ignore[arg-type]

    yield from _array("clients", cards())
    yield b",\n"
    yield from _array("interactions", _interactions(uids))
    yield b",\n"
    yield from _array("events", _events(uids, whole))
    if whole:
        for key, value in (
            ("settings", {key: settings.get(key) for key in sorted(settings.DEFAULTS)}),
            ("tiers", [{"name": t.name, "label": t.label, "weight": t.weight,
                        "yearly_budget_cents": t.yearly_budget_cents}
                       for t in Tier.select().order_by(Tier.position, Tier.name)]),
            ("cadence_rules", list(_cadence_rules(uids, tiers))),
        ):  # fmt: skip
            yield f',\n"{key}": {_dumps(value)}'.encode()
    yield b"\n}\n"


def _array(key: str, items: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    yield f'"{key}": ['.encode()
    for n, item in enumerate(items):
        yield ("\n" if n == 0 else ",\n").encode() + _dumps(item).encode()
    yield b"\n]"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _card_json(card: ClientCard, tiers: dict[int, str]) -> dict[str, Any]:
    return {
        "uid": card.uid,
        "name": card.name,
        "given_name": card.given_name,
        "family_name": card.family_name,
        "nickname": card.nickname,
        "company": card.company,
        "job_title": card.job_title,
        "tier": tiers.get(card.tier_id) if card.tier_id is not None else None,
        "client_since": _iso(card.client_since),
        "how_we_met": card.how_we_met,
        "notes": card.notes,
        "archived": card.archived,
        "photo_jpeg_base64": base64.b64encode(card.photo).decode() if card.photo else None,
        "contact_points": [
            {"kind": c.kind, "value": c.value, "label": c.label} for c in card.contact_points
        ],
        "key_dates": [_date_json(kd) for kd in card.key_dates],
        "relatives": [
            {
                "name": r.name,
                "relation": r.relation,
                "notes": r.notes,
                "key_dates": [_date_json(kd) for kd in r.key_dates],
            }
            for r in card.relatives
        ],
        "preferences": [
            {
                "category": p.category,
                "value": p.value,
                "note": p.note,
                "last_confirmed": _iso(p.last_confirmed),
                "history": [
                    {"old_value": h.old_value, "changed_on": _iso(h.changed_on)} for h in p.history
                ],
            }
            for p in card.preferences
        ],
        "aspirations": [
            {
                "title": a.title,
                "status": a.status,
                "how_to_help": a.how_to_help,
                "last_discussed": _iso(a.last_discussed),
            }
            for a in card.aspirations
        ],
        "promises": [
            {"what": p.what, "due": _iso(p.due), "status": p.status, "made_on": _iso(p.made_on)}
            for p in card.promises
        ],
    }


def _date_json(kd: KeyDateData) -> dict[str, Any]:
    return {"uid": kd.uid, "kind": kd.kind, "date": kd.date.iso(), "label": kd.label,
            "lead_days": kd.lead_days, "note": kd.note}  # fmt: skip


def _interactions(uids: dict[int, str]) -> Iterator[dict[str, Any]]:
    """The history, each entry with the event that logged it (by UID) when one did."""
    query = (
        Interaction.select(
            Interaction.client, Interaction.kind, Interaction.occurred_on, Interaction.summary,
            Interaction.tone, Interaction.asked_for_nothing, Event.uid, Interaction.value_cents,
        )
        .join(Event, join_type=JOIN.LEFT_OUTER)
        .order_by(Interaction.occurred_on, Interaction.id)
    )  # fmt: skip
    if len(uids) < 500:  # one client's (a privacy request): read only theirs
        query = query.where(Interaction.client.in_(list(uids)))
    for client_id, kind, occurred, summary, tone, asked, event_uid, cents in query.tuples():
        if client_id not in uids:
            continue  # a client in the trash
        yield {"client": uids[client_id], "kind": kind, "occurred_on": _iso(occurred),
               "summary": summary, "tone": tone, "asked_for_nothing": asked,
               "event": event_uid, "value_cents": cents}  # fmt: skip


def _events(uids: dict[int, str], whole: bool) -> Iterator[dict[str, Any]]:
    relatives = {rid: name for rid, name in Relative.select(Relative.id, Relative.name).tuples()}
    for event in events.load_events():
        guests = [a for a in event.attendees if a.client_id in uids]
        if not whole and not guests:
            continue
        yield {
            "uid": event.uid, "sequence": event.sequence, "kind": event.kind,
            "title": event.title, "all_day": event.all_day,
            "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat(),
            "timezone": event.timezone, "location": event.location,
            "description": event.description, "reminder_minutes": event.reminder_minutes,
            "status": event.status, "asked_for_nothing": event.asked_for_nothing,
            "attendees": [
                {"client": uids[a.client_id],
                 "relative": relatives.get(a.relative_id) if a.relative_id else None}
                for a in guests
            ],
        }  # fmt: skip


def _event(raw: dict[str, Any], attendees: tuple[Attendee, ...]) -> EventData:
    return EventData(
        kind=raw["kind"], title=raw["title"],
        starts_at=dt.datetime.fromisoformat(raw["starts_at"]),
        ends_at=dt.datetime.fromisoformat(raw["ends_at"]),
        timezone=raw.get("timezone", ""), all_day=bool(raw.get("all_day")),
        location=raw.get("location", ""), description=raw.get("description", ""),
        reminder_minutes=raw.get("reminder_minutes"), status=raw.get("status", "planned"),
        asked_for_nothing=bool(raw.get("asked_for_nothing")), attendees=attendees,
        uid=raw["uid"], sequence=raw.get("sequence", 0),
    )  # fmt: skip


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "str | None": (str, type(None)), "int": (int,), "bool": (bool,),
    "int | None": (int, type(None)), "dt.date": (dt.date,), "dt.date | None": (dt.date, type(None)),
}  # fmt: skip


def _check_types(value: object) -> None:
    """Every field of a card (and its parts), an event, an entry or a tier holds what its
    annotation says (fuzzing found a null "old_value" in a taste's history, or a null time
    zone, failing on the database's NOT NULL): TypeError naming the field otherwise. The
    services' checks look at the rules, this at the kinds."""
    if isinstance(value, tuple):
        for item in value:
            _check_types(item)
        return
    checks = _FIELDS.get(type(value))
    if checks is None:  # once per class: what each field must be (None: look inside)
        fields = dataclasses.fields(value) if dataclasses.is_dataclass(value) else ()
        checks = _FIELDS[type(value)] = [(f.name, _TYPES.get(str(f.type))) for f in fields]
    for name, allowed in checks:
        inner = getattr(value, name)
        if allowed is None:
            _check_types(inner)
        elif not isinstance(inner, allowed):
            raise TypeError(f"{name}: {inner!r} is not {' or '.join(t.__name__ for t in allowed)}")


_FIELDS: dict[type, list[tuple[str, tuple[type, ...] | None]]] = {}


def _text(value: object, *, optional: bool = False) -> str | None:
    """`value`, which must be text (or None when `optional`): a reference to a client, an
    event or a tier, looked up by the import. TypeError for anything else."""
    if (value is None and optional) or (isinstance(value, str) and value):
        return value  # type: ignore[return-value]
    raise TypeError(f"{value!r} is not a name or a UID")


def _cadence_rules(uids: dict[int, str], tiers: dict[int, str]) -> list[dict[str, Any]]:
    """Tier rules in the plan's order, then clients' own by UID: the same bytes whatever
    order the rows were written in."""
    position = {tier_id: n for n, tier_id in enumerate(tiers)}
    gestures = {g.value: n for n, g in enumerate(Gesture)}
    rows = sorted(
        CadenceRule.select(
            CadenceRule.tier, CadenceRule.client, CadenceRule.gesture, CadenceRule.interval_days
        ).tuples(),
        key=lambda r: (r[0] is None, position.get(r[0], 0), uids.get(r[1], ""), gestures[r[2]]),
    )
    return [
        {"tier": tiers.get(tier_id) if tier_id else None,
         "client": uids.get(client_id) if client_id else None,
         "gesture": gesture, "interval_days": days}
        for tier_id, client_id, gesture, days in rows
        if client_id is None or client_id in uids
    ]  # fmt: skip


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- Import ------------------------------------------------------------------------------


@dataclass
class JsonPreview:
    new_clients: list[str] = field(default_factory=list)  # names
    known_clients: list[str] = field(default_factory=list)  # already here: left as they are
    new_events: int = 0
    known_events: int = 0


@dataclass
class _Parsed:
    document: dict[str, Any]
    cards: list[ClientCard]
    preview: JsonPreview


def read(data: bytes) -> dict[str, Any]:
    """The document, checked to be Rapport's JSON of a version this app reads."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableJsonError(f"not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UnreadableJsonError('not a Rapport export (no "format": "rapport")')
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise UnreadableJsonError(
            f"written by a newer Rapport (version {version}; this one reads up to {VERSION})"
        )
    # The shape the rest relies on (fuzzing found "clients": 5 and "settings": [] crashing).
    for key in ("clients", "interactions", "events", "tiers", "cadence_rules"):
        items = document.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise UnreadableJsonError(f'"{key}" is not a list of objects')
    if not isinstance(document.get("settings", {}), dict):
        raise UnreadableJsonError('"settings" is not an object')
    return document


def preview(document: dict[str, Any]) -> JsonPreview:
    return _parse(document).preview


def apply(
    document: dict[str, Any], *, progress: Callable[[int, int], None] | None = None
) -> JsonPreview:
    """Add what is new (clients and events whose UID is not here), in one transaction."""
    parsed = _parse(document)
    here = {uid for (uid,) in Client.select(Client.uid).tuples()}
    with transaction():
        if "tiers" in document and not here:
            # A whole file into a database without clients: its plan replaces the default
            # one, as its settings do below.
            courtship.save_plan(_plan(document))
        tiers = _tiers(document)
        new = [
            replace(card, tier_id=tiers.get(raw.get("tier") or ""))
            for card, raw in zip(parsed.cards, document.get("clients", []), strict=True)
            if card.uid not in here
        ]
        clients.add_cards(new)
        ids = dict(Client.select(Client.uid, Client.id).tuples())
        new_uids = {card.uid for card in new}
        for raw in document.get("clients", []):
            if raw.get("uid") in new_uids and (
                raw.get("snoozed_until") or raw.get("yearly_budget_cents") is not None
            ):
                Client.update(
                    snoozed_until=_date(raw.get("snoozed_until")),
                    yearly_budget_cents=raw.get("yearly_budget_cents"),
                ).where(Client.id == ids[raw["uid"]]).execute()
        event_ids = _add_events(document, ids)
        _add_interactions(document, ids, new_uids, event_ids)
        if "settings" in document and not here:
            settings.set_values(
                {k: v for k, v in document["settings"].items() if k in settings.DEFAULTS}
            )
        _add_cadence_rules(document, ids, tiers, new_uids)
    if progress is not None:
        progress(1, 1)
    return parsed.preview


def _parse(document: dict[str, Any]) -> _Parsed:
    cards = []
    for n, raw in enumerate(document.get("clients", [])):
        try:
            card = _card(raw)
            _check_types(card)
            validate_card(card)
            _text(card.uid)
            _text(raw.get("tier"), optional=True)
        except ValidationError as exc:
            raise UnreadableJsonError(f"clients[{n}].{exc.field}: {exc.problem.value}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnreadableJsonError(f"clients[{n}]: {exc!r}") from None
        cards.append(card)
    _check_courtship(document)
    here = {uid for (uid,) in Client.select(Client.uid).tuples()}
    known_events = {uid for (uid,) in Event.select(Event.uid).tuples()}
    raw_events = document.get("events", [])
    _check_uids([c for c in cards if c.uid not in here],
                [e["uid"] for e in raw_events if e["uid"] not in known_events])  # fmt: skip
    found = JsonPreview(
        new_clients=[c.name for c in cards if c.uid not in here],
        known_clients=[c.name for c in cards if c.uid in here],
        new_events=sum(1 for e in raw_events if e.get("uid") not in known_events),
        known_events=sum(1 for e in raw_events if e.get("uid") in known_events),
    )
    return _Parsed(document, cards, found)


def _check_uids(new_cards: list[ClientCard], new_events: list[str]) -> None:
    """What the import adds must not take a UID twice, nor a key date's UID that this
    database has (fuzzing found a file doing so failing on the database's UNIQUE index)."""
    dates = [kd.uid for card in new_cards for _, kd in card.all_key_dates() if kd.uid]
    if not all(isinstance(uid, str) for uid in dates):
        raise UnreadableJsonError("a key date's UID is not text")
    for what, uids in (("client", [c.uid for c in new_cards]), ("key date", dates),
                       ("event", new_events)):  # fmt: skip
        seen: set[str | None] = set()
        for uid in uids:
            if uid in seen:
                raise UnreadableJsonError(f"two {what}s have the UID {uid!r}")
            seen.add(uid)
    if dates:
        taken = {uid for (uid,) in KeyDate.select(KeyDate.uid).tuples()}
        if clash := next((uid for uid in dates if uid in taken), None):
            raise UnreadableJsonError(f"a key date of another client here has the UID {clash!r}")


def _check_courtship(document: dict[str, Any]) -> None:
    """The history, tiers and rules, checked before anything is written: the service rules
    apply to a file as they do to the window."""
    where = ""
    try:
        for n, raw in enumerate(document.get("clients", [])):
            where = f"clients[{n}]"
            _date(raw.get("snoozed_until"))
            courtship.check_budget(raw.get("yearly_budget_cents"))
        for n, raw in enumerate(document.get("interactions", [])):
            where = f"interactions[{n}]"
            _text(raw["client"])
            _text(raw.get("event"), optional=True)
            entry = InteractionData(
                0, raw["kind"], _date(raw["occurred_on"]), raw.get("summary", ""),
                raw.get("tone", "neutral"), value_cents=raw.get("value_cents"),
            )  # fmt: skip
            _check_types(entry)
            interactions.check_interaction(entry)
        for n, raw in enumerate(document.get("tiers", [])):
            where = f"tiers[{n}]"
            tier = courtship.TierPlan(
                raw["name"], raw.get("label", ""), raw.get("weight", 1),
                raw.get("yearly_budget_cents"),
            )  # fmt: skip
            _check_types(tier)
            courtship.check_tier(tier)
        tiers = {t.name for t in clients.tiers()} | {t["name"] for t in document.get("tiers", [])}
        for n, raw in enumerate(document.get("cadence_rules", [])):
            where = f"cadence_rules[{n}]"
            courtship.check_rules({raw["gesture"]: raw["interval_days"]})
            _text(raw.get("client"), optional=True)
            if _text(raw.get("tier"), optional=True) and raw["tier"] not in tiers:
                raise ValueError(f"no tier {raw['tier']!r}")
        where = "settings"
        for key, value in document.get("settings", {}).items():
            if key in settings.DEFAULTS and not settings.is_valid(key, value):
                raise ValidationError(key, Problem.UNKNOWN_VALUE, value)
        for n, raw in enumerate(document.get("events", [])):
            where = f"events[{n}]"
            event = _event(raw, ())
            _check_types(event)
            events.validate_event(event)
            _text(raw["uid"])
            for guest in raw.get("attendees", []):
                _text(guest["client"])
                _text(guest.get("relative"), optional=True)
    except ValidationError as exc:
        raise UnreadableJsonError(f"{where}.{exc.field}: {exc.problem.value}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UnreadableJsonError(f"{where}: {exc!r}") from None


def _card(raw: dict[str, Any]) -> ClientCard:
    return ClientCard(
        uid=raw["uid"],
        name=raw["name"],
        given_name=raw.get("given_name", ""),
        family_name=raw.get("family_name", ""),
        nickname=raw.get("nickname", ""),
        company=raw.get("company", ""),
        job_title=raw.get("job_title", ""),
        client_since=_date(raw.get("client_since")),
        how_we_met=raw.get("how_we_met", ""),
        notes=raw.get("notes", ""),
        archived=bool(raw.get("archived", False)),
        photo=base64.b64decode(raw["photo_jpeg_base64"]) if raw.get("photo_jpeg_base64") else None,
        contact_points=tuple(
            ContactPointData(c["kind"], c["value"], c.get("label", ""))
            for c in raw.get("contact_points", [])
        ),
        key_dates=tuple(_key_date(kd) for kd in raw.get("key_dates", [])),
        relatives=tuple(
            RelativeData(
                r["name"],
                r["relation"],
                r.get("notes", ""),
                tuple(_key_date(kd) for kd in r.get("key_dates", [])),
            )
            for r in raw.get("relatives", [])
        ),
        preferences=tuple(
            PreferenceData(
                p["category"],
                p["value"],
                p.get("note", ""),
                _date(p.get("last_confirmed")),
                tuple(
                    PreferenceChangeData(h["old_value"], _date(h["changed_on"]))
                    for h in p.get("history", [])
                ),
            )
            for p in raw.get("preferences", [])
        ),
        aspirations=tuple(
            AspirationData(
                a["title"],
                a.get("status", "dream"),
                a.get("how_to_help", ""),
                _date(a.get("last_discussed")),
            )
            for a in raw.get("aspirations", [])
        ),
        promises=tuple(
            PromiseData(
                p["what"], _date(p.get("due")), p.get("status", "open"), _date(p.get("made_on"))
            )
            for p in raw.get("promises", [])
        ),
    )


def _key_date(raw: dict[str, Any]) -> KeyDateData:
    text = raw["date"]
    if text.startswith("--"):
        date = PartialDate(int(text[2:4]), int(text[5:7]))
    else:
        date = PartialDate(int(text[5:7]), int(text[8:10]), int(text[:4]))
    return KeyDateData(raw["kind"], date, raw.get("label", ""), raw.get("lead_days", 7),
                       raw.get("note", ""), uid=raw.get("uid"))  # fmt: skip


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _plan(document: dict[str, Any]) -> list[courtship.TierPlan]:
    rules: dict[str, dict[str, int]] = {}
    for rule in document.get("cadence_rules", []):
        if rule.get("tier"):
            rules.setdefault(rule["tier"], {})[rule["gesture"]] = rule["interval_days"]
    return [
        courtship.TierPlan(
            t["name"], t.get("label", ""), t.get("weight", 1), t.get("yearly_budget_cents"),
            rules.get(t["name"], {}),
        )
        for t in document["tiers"]
    ]  # fmt: skip


def _tiers(document: dict[str, Any]) -> dict[str, int]:
    """The file's tiers, added where this database lacks one of that name."""
    known = {t.name: t.id for t in clients.tiers()}
    for n, tier in enumerate(document.get("tiers", [])):
        if tier["name"] not in known:
            known[tier["name"]] = Tier.insert(
                name=tier["name"], label=tier.get("label", ""), weight=tier.get("weight", 1),
                position=len(known) + n, yearly_budget_cents=tier.get("yearly_budget_cents"),
            ).execute()  # fmt: skip
    return known


def _add_interactions(
    document: dict[str, Any], ids: dict[str, int], new: set[str], event_ids: dict[str, int]
) -> None:
    """The history of the clients added now (those already here keep theirs)."""
    rows = [
        {"client": ids[i["client"]], "kind": i["kind"], "occurred_on": _date(i["occurred_on"]),
         "summary": i.get("summary", ""), "tone": i.get("tone", "neutral"),
         "asked_for_nothing": bool(i.get("asked_for_nothing", False)),
         "event": event_ids.get(i.get("event") or ""), "value_cents": i.get("value_cents")}
        for i in document.get("interactions", [])
        if i.get("client") in new
    ]  # fmt: skip
    if rows:
        insert_many(Interaction, rows)


def _add_events(document: dict[str, Any], ids: dict[str, int]) -> dict[str, int]:
    """The events not here yet; returns every event's id by UID."""
    known = {uid for (uid,) in Event.select(Event.uid).tuples()}
    relatives = {
        (cid, name): rid for rid, cid, name in Relative.select(
            Relative.id, Relative.client, Relative.name).tuples()
    }  # fmt: skip
    new: list[EventData] = []
    for raw in document.get("events", []):
        if raw["uid"] in known:
            continue
        attendees = tuple(
            Attendee(ids[a["client"]], relatives.get((ids[a["client"]], a.get("relative"))))
            for a in raw.get("attendees", [])
            if a["client"] in ids
        )
        new.append(_event(raw, attendees))
    # Gestures of events done come back with the history below, as they were logged.
    events.add_events(new)
    return dict(Event.select(Event.uid, Event.id).tuples())


def _add_cadence_rules(
    document: dict[str, Any], ids: dict[str, int], tiers: dict[str, int], new: set[str]
) -> None:
    """Rules of the clients added now, and tier rules this database does not have."""
    have = set(CadenceRule.select(CadenceRule.tier, CadenceRule.gesture).tuples())
    rows = []
    for rule in document.get("cadence_rules", []):
        values = {"gesture": rule["gesture"], "interval_days": rule["interval_days"]}
        if rule.get("client") in new:
            rows.append({"client": ids[rule["client"]], "tier": None} | values)
        elif rule.get("tier") and (tiers[rule["tier"]], rule["gesture"]) not in have:
            rows.append({"client": None, "tier": tiers[rule["tier"]]} | values)
    if rows:
        insert_many(CadenceRule, rows)
