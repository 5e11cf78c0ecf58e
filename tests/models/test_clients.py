import datetime as dt
from dataclasses import replace

import pytest
from playhouse.test_utils import count_queries

from models import client_list, clients, db, settings
from models.cards import (
    AspirationData,
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceData,
    PromiseData,
    RelativeData,
)
from models.dates import Feb29Rule, PartialDate, next_kept
from models.entities import Client, KeyDate
from models.errors import ConflictError, NotFoundError, Problem, ValidationError
from models.interactions import InteractionData, log_interaction

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def full_card(database: db.OpenedDatabase) -> ClientCard:
    tier_a = clients.tiers()[0].id
    return clients.save_card(
        ClientCard(
            name="Élodie Marchand",
            company="Bistro Lumière",
            tier_id=tier_a,
            notes="Calls after 3 pm.",
            contact_points=(
                ContactPointData("email", "elodie@bistro.example.com", "work"),
                ContactPointData("phone", "+33 6 12 34 56 78", "mobile"),
            ),
            key_dates=(KeyDateData("birthday", PartialDate(2, 29, 1980)),),
            relatives=(
                RelativeData(
                    "Hugo", "spouse", key_dates=(KeyDateData("birthday", PartialDate(7, 14)),)
                ),
                RelativeData(
                    "Léa", "child", key_dates=(KeyDateData("birthday", PartialDate(1, 3, 2016)),)
                ),
            ),
            preferences=(
                PreferenceData("drink", "Chablis", last_confirmed=dt.date(2025, 1, 10)),
                PreferenceData("allergy", "Shellfish"),
            ),
            aspirations=(AspirationData("Open a second bistro"),),
            promises=(PromiseData("Send the natural wine article", due=dt.date(2026, 11, 20)),),
        ),
        today=TODAY,
    )


def test_a_saved_card_reads_back_whole(full_card: ClientCard) -> None:
    loaded = clients.load_card(full_card.id)
    assert loaded == full_card
    assert loaded.version == 1
    assert loaded.uid and all(kd.uid for _, kd in loaded.all_key_dates())
    assert [r.name for r in loaded.relatives] == ["Hugo", "Léa"]
    assert loaded.relatives[1].birthday == PartialDate(1, 3, 2016)
    assert loaded.preferences[1].last_confirmed == TODAY  # new: confirmed when told
    assert loaded.preferences[0].last_confirmed == dt.date(2025, 1, 10)
    assert loaded.promises[0].made_on == TODAY
    assert loaded.promises[0].is_late(TODAY)


def test_an_edit_bumps_the_version_and_keeps_ids(full_card: ClientCard) -> None:
    edited = replace(
        full_card,
        company="Bistro Lumière & Fils",
        contact_points=(*full_card.contact_points, ContactPointData("web", "bistro.example.com")),
    )
    saved = clients.save_card(edited, today=TODAY)
    assert saved.version == full_card.version + 1
    assert saved.company == "Bistro Lumière & Fils"
    assert [c.id for c in saved.contact_points[:2]] == [c.id for c in full_card.contact_points]
    assert saved.contact_points[2].id is not None


def test_changing_a_preference_keeps_what_it_was(full_card: ClientCard) -> None:
    chablis = full_card.preferences[0]
    later = dt.date(2026, 12, 1)
    saved = clients.save_card(
        replace(
            full_card, preferences=(replace(chablis, value="Meursault"), *full_card.preferences[1:])
        ),
        today=later,
    )
    pref = saved.preferences[0]
    assert pref.id == chablis.id
    assert pref.value == "Meursault"
    assert pref.last_confirmed == later
    assert [(h.old_value, h.changed_on) for h in pref.history] == [("Chablis", later)]


def test_restore_brings_back_deleted_rows_with_their_ids_and_uids(full_card: ClientCard) -> None:
    # Drop a relative (and so her birthday), a preference and the promise; then undo.
    trimmed = replace(
        full_card,
        relatives=full_card.relatives[:1],
        preferences=full_card.preferences[:1],
        promises=(),
        notes="",
    )
    after = clients.save_card(trimmed, today=TODAY)
    assert KeyDate.select().where(KeyDate.client == full_card.id).count() == 2
    restored = clients.restore_card(full_card)
    assert replace(restored, version=0) == replace(full_card, version=0)
    # And redo: the trimmed card comes back exactly, history included.
    redone = clients.restore_card(after)
    assert replace(redone, version=0) == replace(after, version=0)


def test_restore_undoes_a_preference_change_without_new_history(full_card: ClientCard) -> None:
    clients.save_card(
        replace(full_card, preferences=(replace(full_card.preferences[0], value="Meursault"),)),
        today=TODAY,
    )
    undone = clients.restore_card(full_card)
    assert undone.preferences == full_card.preferences
    assert undone.preferences[0].history == ()


def test_a_date_can_move_from_a_relative_who_is_removed(full_card: ClientCard) -> None:
    hugo = full_card.relatives[0]
    moved = replace(
        full_card,
        relatives=full_card.relatives[1:],
        key_dates=(*full_card.key_dates, replace(hugo.key_dates[0], kind="wedding_anniversary")),
    )
    saved = clients.save_card(moved, today=TODAY)
    assert saved.key_dates[1].uid == hugo.key_dates[0].uid
    assert saved.key_dates[1].kind == "wedding_anniversary"


def test_stale_version_is_a_conflict_and_writes_nothing(full_card: ClientCard) -> None:
    clients.save_card(replace(full_card, notes="First edit"), today=TODAY)
    with pytest.raises(ConflictError):
        clients.save_card(replace(full_card, notes="Edit from a stale card"), today=TODAY)
    assert clients.load_card(full_card.id).notes == "First edit"


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"name": "   "}, "name", Problem.REQUIRED),
        ({"name": "x" * 501}, "name", Problem.TOO_LONG),
        (
            {"contact_points": (ContactPointData("email", "not-an-address"),)},
            "contact_points[0].value",
            Problem.BAD_EMAIL,
        ),
        (
            {"contact_points": (ContactPointData("phone", "call me"),)},
            "contact_points[0].value",
            Problem.BAD_PHONE,
        ),
        (
            {"relatives": (RelativeData("Zoé", "cousin-in-law"),)},
            "relatives[0].relation",
            Problem.UNKNOWN_VALUE,
        ),
        (
            {"preferences": (PreferenceData("mood", "happy"),)},
            "preferences[0].category",
            Problem.UNKNOWN_VALUE,
        ),
        (
            {"key_dates": (KeyDateData("custom", PartialDate(5, 1), label=""),)},
            "key_dates[0].label",
            Problem.REQUIRED,
        ),
        ({"promises": (PromiseData(""),)}, "promises[0].what", Problem.REQUIRED),
    ],
)
def test_invalid_cards_are_refused_and_nothing_is_written(
    full_card: ClientCard, change: dict, field: str, problem: Problem
) -> None:
    with pytest.raises(ValidationError) as info:
        clients.save_card(replace(full_card, **change), today=TODAY)
    assert (info.value.field, info.value.problem) == (field, problem)
    assert clients.load_card(full_card.id) == full_card


def test_a_failure_mid_save_rolls_the_whole_card_back(
    full_card: ClientCard, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(clients, "_write_preferences", boom)
    with pytest.raises(OSError, match="disk full"):
        clients.save_card(replace(full_card, company="Changed", contact_points=()), today=TODAY)
    assert clients.load_card(full_card.id) == full_card


def test_delete_is_undoable_until_purged(full_card: ClientCard) -> None:
    clients.delete_client(full_card.id)
    assert client_list.list_clients(TODAY) == []
    with pytest.raises(NotFoundError):
        clients.load_card(full_card.id)
    clients.undelete_client(full_card.id)
    assert clients.load_card(full_card.id) == full_card
    clients.delete_client(full_card.id)
    before_the_delete = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    assert clients.purge_deleted(before=before_the_delete) == 0  # deleted since: kept
    assert clients.purge_deleted(before=dt.datetime.now(dt.UTC)) == 1
    assert Client.select().count() == 0
    assert KeyDate.select().count() == 0  # and everything about the client with it


def test_client_list_shows_next_date_and_last_contact(full_card: ClientCard) -> None:
    log_interaction(InteractionData(full_card.id, "call", dt.date(2026, 11, 2), "Catch-up"))
    log_interaction(InteractionData(full_card.id, "meal", dt.date(2026, 10, 1), "Lunch"))
    [row] = client_list.list_clients(TODAY)
    assert row.name == "Élodie Marchand"
    assert row.tier == "A"
    # Léa's birthday (Jan 3) comes before Élodie's (Feb 28 in 2027) and Hugo's (Jul 14).
    assert (row.next_date, row.next_kind, row.next_whose) == (
        dt.date(2027, 1, 3),
        "birthday",
        "Léa",
    )
    assert row.last_contact == dt.date(2026, 11, 2)
    for word in ("elodie", "lumiere", "hugo", "chablis", "shellfish", "3 pm"):
        assert word in row.search_text


def test_the_list_read_in_pieces_is_the_whole_list(database: db.OpenedDatabase) -> None:
    ids = [
        clients.create_client(name, relatives=(RelativeData("Kid", "child", "", (
            KeyDateData("birthday", PartialDate(5, n + 1)),)),)).id
        for n, name in enumerate(["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"])
    ]  # fmt: skip
    clients.delete_client(ids[1])
    whole = sorted(client_list.list_clients(TODAY))
    pieces = client_list.Pieces(TODAY)
    first = pieces.read(3)
    assert [r.name for r in first] == ["Ana", "Cy"]  # ids 1-3, the deleted one left out
    clients.delete_client(ids[4])  # before its piece is read: not in it
    rest = [row for piece in iter(lambda: pieces.read(1), None) for row in piece]
    assert sorted(first + rest) == [row for row in whole if row.id != ids[4]]
    assert pieces.read(5) is None
    pieces = client_list.Pieces(TODAY)  # of the size asked each time
    assert [len(pieces.read(size)) for size in (3, 1, 10)] == [2, 1, 2]  # ids 5 and 2 gone
    assert pieces.read(1) is None


def test_an_empty_base_is_one_empty_piece(database: db.OpenedDatabase) -> None:
    pieces = client_list.Pieces(TODAY)
    assert (pieces.read(10), pieces.read(10)) == ([], None)


def test_client_list_costs_the_same_queries_for_1_or_30_clients(
    database: db.OpenedDatabase,
) -> None:
    def queries() -> int:
        with count_queries() as counter:
            client_list.list_clients(TODAY)
        return counter.count

    clients.create_client("One", relatives=(RelativeData("Kid", "child"),))
    one = queries()
    for n in range(29):
        clients.create_client(
            f"Client {n}",
            relatives=(
                RelativeData(
                    "Kid", "child", key_dates=(KeyDateData("birthday", PartialDate(1, 1)),)
                ),
            ),
            preferences=(PreferenceData("drink", "Tea"),),
        )
    assert queries() == one


def _without_identity(card: ClientCard) -> ClientCard:
    """The card without what differs by nature between two stored clients: ids, uids and
    the version; everything a person entered stays in."""

    def bare(items: tuple) -> tuple:
        return tuple(
            replace(item, id=None, **({"uid": None} if hasattr(item, "uid") else {}))
            if not hasattr(item, "key_dates")
            else replace(item, id=None, key_dates=bare(item.key_dates))
            for item in items
        )

    return replace(
        card,
        id=None,
        uid=None,
        version=0,
        **{
            name: bare(getattr(card, name))
            for name in (
                "contact_points",
                "relatives",
                "key_dates",
                "preferences",
                "aspirations",
                "promises",
            )
        },
    )


def test_adding_in_bulk_stores_what_saving_one_by_one_stores(full_card: ClientCard) -> None:
    full_card = clients.save_card(
        replace(
            full_card,
            nickname="Lolo",
            job_title="Owner",
            how_we_met="Lyon wine fair",
            client_since=dt.date(2015, 4, 2),
            photo=b"\xff\xd8jpeg",
        ),
        today=TODAY,
    )
    [bulk_id] = clients.add_cards([_without_identity(full_card)], today=TODAY)
    bulk = clients.load_card(bulk_id)
    assert _without_identity(bulk) == _without_identity(full_card)
    assert bulk.company == "Bistro Lumière" and bulk.tier_id == full_card.tier_id
    assert bulk.version == 1 and bulk.uid and bulk.uid != full_card.uid
    assert all(k.uid for _, k in bulk.all_key_dates())
    [row] = client_list.list_clients(TODAY, [bulk_id])
    assert row.next_whose == "Léa"


def test_one_bad_card_in_a_batch_adds_nothing(database: db.OpenedDatabase) -> None:
    good = ClientCard(name="Good", contact_points=(ContactPointData("email", "a@example.com"),))
    bad = ClientCard(name="Bad", contact_points=(ContactPointData("email", "nope"),))
    with pytest.raises(ValidationError) as info:
        clients.add_cards([good, good, bad], today=TODAY)
    assert info.value.field == "cards[2].contact_points[0].value"
    assert Client.select().count() == 0


def test_the_list_and_the_calendar_agree_on_a_date_set_in_a_future_year(
    database: db.OpenedDatabase,
) -> None:
    from models.occurrences import key_date_occurrences

    card = clients.create_client(
        "Engaged",
        key_dates=(KeyDateData("wedding_anniversary", PartialDate(6, 1, TODAY.year + 2)),),
    )
    [row] = client_list.list_clients(TODAY, [card.id])
    first = dt.date(TODAY.year + 3, 6, 1)
    assert row.next_date == first
    assert [o.date for o in key_date_occurrences(TODAY, first)] == [first]


@pytest.mark.parametrize("rule", list(Feb29Rule))
@pytest.mark.parametrize(
    "today",
    [dt.date(2027, 2, 27), dt.date(2027, 2, 28), dt.date(2027, 3, 1), dt.date(2028, 2, 28),
     dt.date(2028, 2, 29), dt.date(2028, 3, 1), dt.date(2027, 12, 31), dt.date(2028, 1, 1)],
)  # fmt: skip
def test_the_list_shows_each_clients_soonest_date_around_february_29(
    database: db.OpenedDatabase, rule: Feb29Rule, today: dt.date
) -> None:
    """The database picks the soonest date by its place in the year from today; it must
    agree with next_kept, date by date, where February 29 is kept on another day."""
    settings.set_values({settings.FEB29_RULE: rule.value})
    others = [(2, 28), (3, 1), (6, 1), (12, 31), (1, 1), (today.month, today.day)]
    cards = [[PartialDate(2, 29, 1980), PartialDate(m, d)] for m, d in others]
    cards += [[PartialDate(2, 29)], [PartialDate(3, 1, today.year + 1), PartialDate(2, 29)]]
    ids = clients.add_cards(
        [
            ClientCard(name=f"C{n}", key_dates=tuple(KeyDateData("birthday", d) for d in dates))
            for n, dates in enumerate(cards)
        ]
    )
    listed = {row.id: row.next_date for row in client_list.list_clients(today)}
    for client_id, dates in zip(ids, cards, strict=True):
        soonest = min(next_kept(d.month, d.day, d.year, today, rule) for d in dates)
        assert listed[client_id] == soonest, (client_id, dates)


@pytest.mark.usefixtures("database")
def test_has_clients_counts_only_those_not_deleted() -> None:
    assert not client_list.has_clients()
    saved = clients.save_card(ClientCard(name="Ann Roy"))
    assert client_list.has_clients()
    clients.delete_client(saved.id)
    assert not client_list.has_clients() and client_list.client_count() == 0
