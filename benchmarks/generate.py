"""A deterministic synthetic client base for benchmarks: realistic names (accents,
Cyrillic, CJK), about four relatives each with dates, preferences and notes, written through
the same bulk service imports use (`clients.add_cards`)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from models import clients, db, events
from models.cards import (
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceData,
    RelativeData,
)
from models.dates import PartialDate
from models.entities import database
from models.events import Attendee, EventData
from models.vocab import PreferenceCategory, Relation

GIVEN = [
    "Élodie",
    "Léa",
    "Zoé",
    "Hugo",
    "Jérôme",
    "Ana",
    "María",
    "José",
    "Lucía",
    "Jürgen",
    "Björn",
    "Małgorzata",
    "Łukasz",
    "Søren",
    "Ayşe",
    "Mehmet",
    "Nguyễn",
    "Thảo",
    "Olivia",
    "John",
    "Emily",
    "David",
    "Francesca",
    "Giulia",
    "Inês",
    "João",
    "Дмитрий",
    "Анна",
    "Иван",
    "Екатерина",
    "秀英",
    "伟",
    "美玲",
    "健太",
    "さくら",
    "민준",
    "서연",
    "Priya",
    "Aarav",
    "Fatima",
    "Omar",
    "Chloé",
    "Mathieu",
]
FAMILY = [
    "Marchand",
    "Dubois",
    "García",
    "López",
    "Fernández",
    "Müller",
    "Weiß",
    "Nowak",
    "Wiśniewska",
    "Lindqvist",
    "Yılmaz",
    "Öztürk",
    "Phạm",
    "Trần",
    "Bennett",
    "Hartley",
    "Rossi",
    "Ferreira",
    "Gonçalves",
    "Иванов",
    "Смирнова",
    "王",
    "李",
    "陈",
    "山田",
    "佐藤",
    "김",
    "박",
    "Sharma",
    "Haddad",
    "Lemaître",
    "O'Connor",
    "Papadopoulos",
    "Kowalski",
    "Novák",
    "Horváth",
]
COMPANY = [
    "Bistro",
    "Atelier",
    "Bodegas",
    "Studio",
    "Café",
    "Clínica",
    "Biuro",
    "Quinta",
    "Taverna",
    "Weingut",
    "Galerie",
]
VALUES = {
    PreferenceCategory.DRINK: ["Albariño", "Chablis", "Earl Grey", "Negroni", "Sparkling water"],
    PreferenceCategory.FOOD: ["Sushi", "Pulpo á feira", "Risotto", "Pho", "Dim sum"],
    PreferenceCategory.DESSERT: ["Crème brûlée", "Tarta de Santiago", "Tiramisu", "Mochi"],
    PreferenceCategory.RESTAURANT: ["Chez Janou", "Yayo Daporta", "Noma", "Le Comptoir"],
    PreferenceCategory.DIETARY: ["Vegetarian", "Gluten-free", "Halal", "No alcohol"],
    PreferenceCategory.ALLERGY: ["Tree nuts", "Shellfish", "Kiwi"],
    PreferenceCategory.HOBBY: ["Sailing", "Marathons", "Orchids", "Chess", "Jazz piano"],
    PreferenceCategory.TEAM: ["FC Barcelona", "Real Betis", "Celtic", "Galatasaray"],
}
RELATIONS = [Relation.SPOUSE, Relation.CHILD, Relation.CHILD, Relation.PARENT, Relation.PET]


def _date(rng: random.Random, first_year: int, last_year: int, year_known: float) -> PartialDate:
    day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(366))
    year = rng.randint(first_year, last_year) if rng.random() < year_known else None
    if year is not None and day.month == 2 and day.day == 29 and year % 4:
        year += 4 - year % 4
    return PartialDate(day.month, day.day, year)


def card(rng: random.Random, n: int, tier_ids: list[int]) -> ClientCard:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    relatives = tuple(
        RelativeData(
            rng.choice(GIVEN),
            relation,
            "" if rng.random() < 0.7 else "Ask about the new job",
            (KeyDateData("birthday", _date(rng, 1950, 2024, 0.6)),),
        )
        for relation in rng.sample(RELATIONS, rng.randint(2, 5))
    )
    categories = rng.sample(list(VALUES), rng.randint(3, 8))
    return ClientCard(
        name=f"{given} {family}",
        given_name=given,
        family_name=family,
        company=f"{rng.choice(COMPANY)} {family} {n}",
        tier_id=rng.choice(tier_ids),
        notes="Prefers calls after 3 pm." if rng.random() < 0.3 else "",
        contact_points=(ContactPointData("email", f"client{n}@example.com", "work"),),
        key_dates=(KeyDateData("birthday", _date(rng, 1940, 2000, 0.8)),),
        relatives=relatives,
        preferences=tuple(PreferenceData(c.value, rng.choice(VALUES[c])) for c in categories),
    )


EVENT_TITLES = ("Thank-you dinner", "Lunch at the harbour", "Match at the stadium",
                "Check-in call", "Gift delivery", "Coffee")  # fmt: skip
EVENT_KINDS = ("thank_you_meal", "thank_you_meal", "outing", "call", "gift_delivery", "other")
ZONES = ("Europe/Madrid", "Europe/Paris", "Europe/Berlin", "Europe/London", "America/New_York", "")


def event(rng: random.Random, first_day: dt.date, days: int, client_ids: list[int]) -> EventData:
    n = rng.randrange(len(EVENT_TITLES))
    day = first_day + dt.timedelta(days=rng.randrange(days))
    if rng.random() < 0.1:
        starts = dt.datetime.combine(day, dt.time())
        ends, all_day = starts + dt.timedelta(days=rng.choice((1, 1, 2, 3))), True
    else:
        starts = dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.choice((0, 15, 30, 45))))
        ends, all_day = starts + dt.timedelta(minutes=rng.choice((30, 60, 90, 120, 150))), False
    return EventData(
        kind=EVENT_KINDS[n],
        title=EVENT_TITLES[n],
        starts_at=starts,
        ends_at=ends,
        all_day=all_day,
        timezone=rng.choice(ZONES),
        location="Le Comptoir" if n < 2 else "",
        attendees=tuple(Attendee(cid) for cid in rng.sample(client_ids, rng.randint(1, 2))),
    )


# Bump when what `generate` writes changes: cached databases carry it in their name.
GENERATOR_VERSION = 2


def database_path(results: Path, clients_count: int, events_count: int) -> Path:
    """Where the benchmark database of that size is cached (benchmarks/results/ is
    git-ignored), keyed by size and generator version."""
    return results / f"bench-g{GENERATOR_VERSION}-{clients_count}-{events_count}.db"


def generate(path: Path, clients_count: int, events_count: int, seed: int = 2026) -> Path:
    """Create a benchmark database at `path` unless it is already there: the clients
    (through `clients.add_cards`, as imports write them), then `events_count` events over
    five years from 2024-06-01 (through `events.add_events`). Built under a temporary name
    and renamed when complete, so an interrupted run leaves no half database behind."""
    if path.exists():
        return path
    building = path.with_name(path.name + ".building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    db.open_database(building)
    try:
        rng = random.Random(seed)
        tier_ids = [t.id for t in clients.tiers()]
        batch = 2000
        ids: list[int] = []
        for start in range(0, clients_count, batch):
            count = min(batch, clients_count - start)
            ids += clients.add_cards([card(rng, start + i, tier_ids) for i in range(count)])
        first_day, days = dt.date(2024, 6, 1), 5 * 365
        for start in range(0, events_count, batch):
            count = min(batch, events_count - start)
            events.add_events([event(rng, first_day, days, ids) for _ in range(count)])
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close_database()
    building.rename(path)
    for leftover in path.parent.glob(building.name + "*"):  # its lock file
        leftover.unlink()
    return path
