import datetime as dt
from dataclasses import replace

import pytest

from models import clients, db, settings
from models.cards import ClientCard, KeyDateData, RelativeData
from models.dates import PartialDate
from models.entities import database
from models.occurrences import key_date_occurrences
from models.vocab import Feb29Rule


def add(name: str, *dates: KeyDateData, relatives: tuple[RelativeData, ...] = ()) -> ClientCard:
    return clients.save_card(ClientCard(name=name, key_dates=dates, relatives=relatives))


def bday(month: int, day: int, year: int | None = None) -> KeyDateData:
    return KeyDateData("birthday", PartialDate(month, day, year))


def dates(start: dt.date, end: dt.date) -> list[tuple[str, str, int | None]]:
    return [(o.date.isoformat(), o.person, o.years) for o in key_date_occurrences(start, end)]


@pytest.fixture(autouse=True)
def _db(database: db.OpenedDatabase) -> None:
    pass


def test_range_across_the_year_end_is_sorted() -> None:
    add("Ann", bday(1, 2, 1970))
    add("Bob", bday(12, 30, 1990))
    add("Cid", bday(6, 1))
    assert dates(dt.date(2026, 12, 15), dt.date(2027, 1, 15)) == [
        ("2026-12-30", "Bob", 36),
        ("2027-01-02", "Ann", 57),
    ]


def test_range_bounds_are_inclusive() -> None:
    add("Ann", bday(3, 10))
    assert len(dates(dt.date(2027, 3, 10), dt.date(2027, 3, 10))) == 1
    assert dates(dt.date(2027, 3, 11), dt.date(2027, 3, 20)) == []


@pytest.mark.parametrize(
    ("rule", "year", "expected"),
    [
        (Feb29Rule.FEB_28, 2027, "2027-02-28"),
        (Feb29Rule.MAR_1, 2027, "2027-03-01"),
        (Feb29Rule.FEB_28, 2028, "2028-02-29"),
        (Feb29Rule.MAR_1, 2028, "2028-02-29"),
    ],
)
def test_feb_29_birthdays_follow_the_app_rule(rule: Feb29Rule, year: int, expected: str) -> None:
    settings.set_value(settings.FEB29_RULE, rule.value)
    add("Leap", bday(2, 29, 1980))
    found = dates(dt.date(year, 2, 1), dt.date(year, 3, 31))
    assert found == [(expected, "Leap", year - 1980)]
    # Exactly once, also in ranges that hold only the day it is kept on.
    day = dt.date.fromisoformat(expected)
    assert dates(day, day) == found
    assert dates(day + dt.timedelta(days=1), dt.date(year, 12, 31)) == []


def test_unknown_years_are_first_class_and_have_no_age() -> None:
    add("Ann", bday(5, 5))
    [occ] = key_date_occurrences(dt.date(2027, 5, 1), dt.date(2027, 5, 31))
    assert occ.years is None


def test_relatives_dates_carry_whose_relative_they_are() -> None:
    add(
        "Élodie",
        KeyDateData("wedding_anniversary", PartialDate(6, 21, 2008)),
        relatives=(RelativeData("Léa", "child", key_dates=(bday(6, 3, 2016),)),),
    )
    found = key_date_occurrences(dt.date(2027, 6, 1), dt.date(2027, 6, 30))
    assert [(o.person, o.client_name, o.relation, o.kind, o.years) for o in found] == [
        ("Léa", "Élodie", "child", "birthday", 11),
        ("Élodie", "Élodie", "", "wedding_anniversary", 19),
    ]


def test_nothing_before_the_date_itself_and_nothing_of_deleted_clients() -> None:
    add("Baby", bday(3, 1, 2027))
    gone = add("Gone", bday(3, 2))
    clients.delete_client(gone.id)
    assert dates(dt.date(2027, 1, 1), dt.date(2028, 12, 31)) == [("2028-03-01", "Baby", 1)]


def test_multi_year_ranges_repeat_every_year() -> None:
    add("Ann", bday(7, 7, 2000))
    assert [d for d, _, _ in dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))] == [
        "2026-07-07",
        "2027-07-07",
        "2028-07-07",
    ]


def test_same_day_same_name_with_and_without_a_year_sorts() -> None:
    add("Ann Lee", bday(4, 4, 1990))
    add("Ann Lee", bday(4, 4))
    assert dates(dt.date(2027, 4, 4), dt.date(2027, 4, 4)) == [
        ("2027-04-04", "Ann Lee", 37),
        ("2027-04-04", "Ann Lee", None),
    ]


def test_grid_days_count_everything_and_show_clients_own_dates_first() -> None:
    from models import events
    from models.events import EventData
    from models.occurrences import Day, between, grid_days

    add(
        "Zoé",
        bday(5, 5, 1990),
        relatives=(RelativeData("Aaron", "child", key_dates=(bday(5, 5),)),),
    )
    add("Ana", bday(5, 5, 1990))
    add("Émile", bday(5, 5))
    add("Leap", bday(2, 29, 1984))
    events.create_event(
        EventData("call", "Call Ana", dt.datetime(2027, 5, 5, 9), dt.datetime(2027, 5, 5, 10))
    )
    days = grid_days(dt.date(2027, 2, 1), dt.date(2027, 5, 31), "UTC", key_dates=3, events=3)
    may5 = days[dt.date(2027, 5, 5)]
    assert may5.total == 5 == len(between(dt.date(2027, 5, 5), dt.date(2027, 5, 5), "UTC"))
    # Three of four dates fit: the clients' own; Aaron's is counted, in "+N more".
    assert [getattr(i, "title", None) or (i.person, i.years) for i in may5.items] == [
        "Call Ana",
        ("Ana", 37),
        ("Émile", None),  # shown sorted as people sort names: accents aside
        ("Zoé", 37),
    ]
    [leap] = days[dt.date(2027, 2, 28)].items  # the Feb 29 rule
    assert days[dt.date(2027, 2, 28)] == Day([leap], 1)
    assert (leap.person, leap.date, leap.years) == ("Leap", dt.date(2027, 2, 28), 43)
    assert set(days) == {dt.date(2027, 5, 5), dt.date(2027, 2, 28)}


def test_dates_reminded_early_are_those_of_the_whole_range_with_that_lead() -> None:
    """The dashboard's year ahead, read by lead time rather than by day: the same dates,
    across the year end, with Feb 29 kept by the rule and deleted clients left out."""
    settings.set_value(settings.FEB29_RULE, Feb29Rule.MAR_1)
    early = KeyDateData("wedding_anniversary", PartialDate(1, 5, 2001), lead_days=30)
    add("Ann", early, bday(12, 28, 1980))  # her birthday: the usual 7 days
    add("Bea", KeyDateData("birthday", PartialDate(2, 29, 1992), lead_days=21))
    add("Cid", KeyDateData("birthday", PartialDate(12, 24), lead_days=14))
    add("Dan", KeyDateData("birthday", PartialDate(11, 30), lead_days=60))
    gone = add("Eve", KeyDateData("birthday", PartialDate(3, 3), lead_days=90))
    clients.delete_client(gone.id)
    start, end = dt.date(2026, 12, 10), dt.date(2027, 12, 9)
    every = key_date_occurrences(start, end)
    for lead in (5, 14):  # by day (at most the default 7 days), by lead time (beyond)
        found = key_date_occurrences(start, end, min_lead_days=lead)
        assert found == [o for o in every if o.lead_days >= lead]
    found = key_date_occurrences(start, end, min_lead_days=14)
    assert [(o.date.isoformat(), o.person) for o in found] == [
        ("2026-12-24", "Cid"),
        ("2027-01-05", "Ann"),
        ("2027-03-01", "Bea"),  # Feb 29 in a common year, on Mar 1 by the rule
        ("2027-11-30", "Dan"),
    ]


def test_names_are_read_by_id_for_a_few_dates_and_follow_every_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One date among thirty clients: its names are read by id (models/occurrences.py
    reads the whole table only for a third of it or more), and read again after a write."""
    for n in range(30):
        kid = RelativeData(f"Kid {n:02}", "child", key_dates=(bday(9, 1 + n % 28),))
        add(f"Client {n:02}", bday(5, 1 + n % 28), relatives=(kid,))
    day = dt.date(2027, 9, 3)  # Kid 02's birthday, and no one else's
    asked: list[str] = []
    execute = database.obj.execute_sql

    def recorded(sql: str, *args: object, **kwargs: object) -> object:
        asked.append(sql)
        return execute(sql, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", recorded)
    found = key_date_occurrences(day, day)
    names = [sql for sql in asked if sql.startswith('SELECT "id", "name"')]
    assert len(names) == 2 and all(" IN (" in sql for sql in names)  # a client, a relative
    assert [(o.client_name, o.relative_name, o.relation) for o in found] == [
        ("Client 02", "Kid 02", "child")
    ]
    card = clients.load_card(found[0].client_id)
    clients.save_card(replace(card, name="Client Two"))
    assert [o.client_name for o in key_date_occurrences(day, day)] == ["Client Two"]
    clients.delete_client(card.id)
    assert key_date_occurrences(day, day) == []
