"""The courtship programme's rules: when each gesture falls due, snoozes, the order of the
overdue list, the tastes to re-confirm, and the appreciation ledger."""

import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from models import clients, courtship, db, json_io
from models.cards import ClientCard, PreferenceData, PromiseData
from models.cli import due as due_command
from models.courtship import ClientPlan, TierPlan
from models.entities import Client
from models.errors import NotFoundError, Problem, ValidationError
from models.interactions import (
    ContactSummary,
    InteractionData,
    delete_interaction,
    log_interaction,
    summary,
    timeline,
    update_interaction,
)

TODAY = dt.date(2026, 11, 27)
ADDED = dt.date(2026, 1, 1)


@pytest.fixture
def plan(database: db.OpenedDatabase) -> dict[str, TierPlan]:
    """A plan of two tiers with round numbers, instead of the defaults."""
    saved = courtship.save_plan(
        [
            TierPlan("A", "Key", 3, 50_000, {"keep_in_touch": 30, "thank_you_meal": 90}, id=1),
            TierPlan("B", "Regular", 1, None, {"keep_in_touch": 60}, id=2),
        ]
    )
    return {t.name: t for t in saved}


def add(name: str, tier: TierPlan | None, *, added: dt.date = ADDED, **fields) -> int:
    card = clients.save_card(ClientCard(name=name, tier_id=tier.id if tier else None, **fields))
    Client.update(created_at=dt.datetime.combine(added, dt.time(9))).where(
        Client.id == card.id
    ).execute()
    return card.id  # type: ignore[return-value]


def log(client_id: int, kind: str, on: dt.date, **fields) -> InteractionData:
    return log_interaction(InteractionData(client_id, kind, on, **fields))


def items(today: dt.date = TODAY, horizon: int = 14) -> dict[tuple[int, str], courtship.DueItem]:
    return {(i.client_id, i.gesture): i for i in courtship.due_items(today, horizon)}


# -- Due dates -----------------------------------------------------------------------------


def test_a_gesture_falls_due_its_interval_after_it_was_last_done(plan) -> None:
    ann = add("Ann", plan["A"])
    log(ann, "meal", dt.date(2026, 9, 1))
    found = items()
    meal = found[ann, "thank_you_meal"]
    assert meal.last_done == dt.date(2026, 9, 1)
    assert meal.due == dt.date(2026, 11, 30)  # 90 days on
    assert meal.days_overdue == -3 and not meal.overdue
    touch = found[ann, "keep_in_touch"]
    assert touch.due == dt.date(2026, 10, 1) and touch.days_overdue == 57 and touch.overdue


def test_any_contact_resets_keep_in_touch_but_only_a_meal_counts_as_one(plan) -> None:
    ann = add("Ann", plan["A"])
    log(ann, "email", dt.date(2026, 11, 20))
    found = items()
    assert (ann, "keep_in_touch") not in found  # due 2026-12-20, past the horizon
    assert found[ann, "thank_you_meal"].last_done is None


def test_a_gesture_never_done_counts_from_the_day_the_client_was_added(plan) -> None:
    ann = add("Ann", plan["A"], added=dt.date(2026, 11, 1))
    found = items()
    assert found[ann, "keep_in_touch"].due == dt.date(2026, 12, 1)
    assert (ann, "thank_you_meal") not in found  # 2027-01-30


def test_a_log_older_than_the_card_counts_from_the_first_contact(plan) -> None:
    ann = add("Ann", plan["A"], added=dt.date(2026, 11, 1))
    log(ann, "email", dt.date(2025, 6, 1))  # history imported with the contact
    assert items()[ann, "thank_you_meal"].due == dt.date(2025, 8, 30)


def test_a_clients_own_rule_overrides_the_tiers_and_adds_gestures(plan) -> None:
    ann = add("Ann", plan["A"])
    log(ann, "meal", dt.date(2026, 11, 1))
    log(ann, "gift", dt.date(2026, 11, 1))
    courtship.save_client_plan(ClientPlan(ann, {"keep_in_touch": 7, "gift": 20}))
    found = items()
    assert found[ann, "keep_in_touch"].interval_days == 7
    assert found[ann, "keep_in_touch"].due == dt.date(2026, 11, 8)
    assert found[ann, "gift"].due == dt.date(2026, 11, 21)
    assert (ann, "thank_you_meal") not in found  # still the tier's 90 days
    assert courtship.client_plan(ann).rules == {"keep_in_touch": 7, "gift": 20}


def test_a_client_without_a_tier_is_courted_by_their_own_rules_only(plan) -> None:
    solo = add("Solo", None)
    assert not any(cid == solo for cid, _ in items())
    courtship.save_client_plan(ClientPlan(solo, {"check_in_call": 30}))
    item = items()[solo, "check_in_call"]
    assert (item.tier, item.weight) == ("", 1)


def test_a_snoozed_client_falls_due_when_the_snooze_ends(plan) -> None:
    ann = add("Ann", plan["A"])
    courtship.snooze(ann, TODAY + dt.timedelta(days=30))
    assert not any(cid == ann for cid, _ in items())
    woken = items(TODAY + dt.timedelta(days=30))[ann, "keep_in_touch"]
    assert woken.due == TODAY + dt.timedelta(days=30) and woken.days_overdue == 0
    courtship.snooze(ann, None)
    assert items()[ann, "keep_in_touch"].overdue


def test_a_snooze_already_over_changes_nothing(plan) -> None:
    ann = add("Ann", plan["A"])
    courtship.snooze(ann, dt.date(2026, 1, 15))
    assert items()[ann, "keep_in_touch"].due == dt.date(2026, 1, 31)


def test_intervals_are_days_across_a_leap_day(plan) -> None:
    ann = add("Ann", plan["A"], added=dt.date(2027, 1, 1))
    log(ann, "call", dt.date(2028, 2, 1))
    item = items(dt.date(2028, 3, 2))[ann, "keep_in_touch"]
    assert item.due == dt.date(2028, 3, 2)  # 30 days: Feb 2028 has 29
    courtship.save_client_plan(ClientPlan(ann, {"keep_in_touch": 365}))
    log(ann, "call", dt.date(2028, 2, 29))
    item = items(dt.date(2029, 3, 1))[ann, "keep_in_touch"]
    assert item.due == dt.date(2029, 2, 28) and item.days_overdue == 1


def test_archived_and_deleted_clients_are_not_due(plan) -> None:
    gone = add("Gone", plan["A"])
    old = add("Old", plan["A"], archived=True)
    clients.delete_client(gone)
    assert not {gone, old} & {cid for cid, _ in items()}


def test_the_most_pressing_come_first_by_days_overdue_times_weight(plan) -> None:
    a_late = add("A late", plan["A"])  # keep in touch 30 days: due 2026-01-31
    b_later = add("B later", plan["B"])  # 60 days: due 2026-03-02, fewer days but weight 1
    log(a_late, "meal", dt.date(2026, 11, 1))
    log(a_late, "call", dt.date(2026, 11, 1))  # keep in touch due 12-01: soon, not overdue
    log(b_later, "call", dt.date(2026, 8, 1))  # due 09-30: 58 days overdue, weight 1
    a_mild = add("A mild", plan["A"])
    log(a_mild, "meal", dt.date(2026, 10, 8))  # keep in touch due 11-07: 20 days x weight 3
    order = [(i.client_name, i.gesture) for i in courtship.due_items(TODAY)]
    assert order == [
        ("A mild", "keep_in_touch"),  # 20 x 3 = 60
        ("B later", "keep_in_touch"),  # 58 x 1
        ("A late", "keep_in_touch"),  # not overdue: due in 4 days
    ]


def test_due_lines_hold_promises_by_date(plan) -> None:
    ann = add(
        "Ann",
        plan["A"],
        promises=(
            PromiseData("Send the article", TODAY - dt.timedelta(days=2)),
            PromiseData("Introduce to Bob", TODAY + dt.timedelta(days=3)),
            PromiseData("Kept one", TODAY - dt.timedelta(days=9), status="kept"),
            PromiseData("Dropped one", TODAY - dt.timedelta(days=9), status="dropped"),
            PromiseData("Someday", None),
            PromiseData("Far off", TODAY + dt.timedelta(days=40)),
        ),
    )
    log(ann, "meal", dt.date(2026, 11, 20))
    log(ann, "call", dt.date(2026, 11, 20))
    card = clients.load_card(ann)
    states = {p.what: p.is_late(TODAY) for p in card.promises}
    assert states == {
        "Send the article": True,
        "Introduce to Bob": False,
        "Kept one": False,
        "Dropped one": False,
        "Someday": False,
        "Far off": False,
    }
    lines = courtship.due_lines(TODAY)
    assert [(line.what, line.days_overdue) for line in lines] == [
        ("Send the article", 2),
        ("Introduce to Bob", -3),
    ]


def test_the_due_command_prints_date_client_what_and_days(plan) -> None:
    ann = add("Ann\tTab", plan["A"], promises=(PromiseData("Send\nthe article", TODAY),))
    log(ann, "meal", dt.date(2026, 11, 1))
    out = io.StringIO()
    due_command(TODAY, as_json=False, out=out)
    assert out.getvalue().splitlines() == [
        "2026-11-27\tAnn Tab\tpromise: Send the article\t0",
        "2026-12-01\tAnn Tab\tkeep in touch\t-4",
    ]
    out = io.StringIO()
    due_command(TODAY, as_json=True, out=out)
    rows = json.loads(out.getvalue())
    assert rows[1]["gesture"] == "keep_in_touch" and rows[1]["days_overdue"] == -4
    assert rows[0]["promise_id"] is not None and rows[0]["gesture"] is None


# -- The plan ------------------------------------------------------------------------------


def test_the_default_plan_has_three_tiers_with_rules(database) -> None:
    tiers = courtship.plan()
    assert [t.name for t in tiers] == ["A", "B", "C"]
    assert tiers[0].rules["thank_you_meal"] == 90 and tiers[0].weight == 3


def test_deleting_a_tier_leaves_its_clients_without_a_tier(plan) -> None:
    ann = add("Ann", plan["B"])
    assert courtship.clients_in_tiers() == {plan["B"].id: 1}
    courtship.save_plan([plan["A"]])
    assert [t.name for t in courtship.plan()] == ["A"]
    assert clients.load_card(ann).tier_id is None


def test_two_tiers_can_swap_names_and_a_new_tier_takes_its_place(plan) -> None:
    a, b = plan["A"], plan["B"]
    saved = courtship.save_plan(
        [replace(b, name="A"), replace(a, name="B"), TierPlan(" Gold ", rules={"gift": 365})]
    )
    assert [(t.id, t.name) for t in courtship.plan()] == [
        (b.id, "A"),
        (a.id, "B"),
        (saved[2].id, "Gold"),
    ]
    assert courtship.plan()[2].rules == {"gift": 365}


@pytest.mark.parametrize(
    ("tier", "field", "problem"),
    [
        (TierPlan(" "), "tier", Problem.REQUIRED),
        (TierPlan("x" * 21), "tier", Problem.TOO_LONG),
        (TierPlan("C", weight=0), "weight", Problem.OUT_OF_RANGE),
        (TierPlan("C", yearly_budget_cents=-1), "budget", Problem.OUT_OF_RANGE),
        (TierPlan("C", rules={"keep_in_touch": 0}), "interval", Problem.OUT_OF_RANGE),
        (TierPlan("C", rules={"keep_in_touch": True}), "interval", Problem.OUT_OF_RANGE),
        (TierPlan("C", rules={"dance": 10}), "gesture", Problem.UNKNOWN_VALUE),
        (TierPlan("a"), "tier", Problem.DUPLICATE),
    ],
)
def test_a_bad_plan_is_refused_and_nothing_changes(plan, tier, field, problem) -> None:
    before = courtship.plan()
    with pytest.raises(ValidationError) as refused:
        courtship.save_plan([plan["A"], tier])
    assert (refused.value.field, refused.value.problem) == (field, problem)
    assert courtship.plan() == before


def test_the_plan_of_a_missing_client_is_refused(plan) -> None:
    with pytest.raises(NotFoundError):
        courtship.save_client_plan(ClientPlan(999, {"gift": 30}))


# -- Interactions --------------------------------------------------------------------------


def test_the_timeline_is_newest_first_and_the_summary_counts_tones(plan) -> None:
    ann = add("Ann", plan["A"])
    first = log(ann, "call", dt.date(2026, 10, 1), tone="positive")
    log(ann, "meal", dt.date(2026, 11, 1), tone="positive", summary="  Lunch ")
    log(ann, "note", dt.date(2026, 11, 1), tone="negative")
    log(ann, "call", dt.date(2026, 12, 24))  # planned ahead: not a contact yet
    assert [(e.kind, e.summary) for e in timeline(ann)] == [
        ("call", ""),
        ("note", ""),
        ("meal", "Lunch"),
        ("call", ""),
    ]
    assert summary(ann, TODAY) == ContactSummary(dt.date(2026, 11, 1), 2, 1, 1)
    update_interaction(replace(first, tone="negative", value_cents=None))
    assert summary(ann, TODAY).negative == 2


def test_a_deleted_entry_comes_back_as_it_was(plan) -> None:
    ann = add("Ann", plan["A"])
    entry = log(ann, "gift", dt.date(2026, 11, 1), summary="Wine", value_cents=4500)
    gone = delete_interaction(entry.id)
    assert timeline(ann) == []
    assert log_interaction(gone) == entry
    assert timeline(ann) == [entry]


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "dance"},
        {"tone": "angry"},
        {"value_cents": -5},
        {"occurred_on": dt.date(1066, 10, 14)},
        {"summary": "x" * 20_000},
    ],
)
def test_a_bad_entry_is_refused(plan, bad) -> None:
    ann = add("Ann", plan["A"])
    with pytest.raises(ValidationError):
        log_interaction(replace(InteractionData(ann, "call", TODAY), **bad))
    assert timeline(ann) == []


# -- Tastes to re-confirm ------------------------------------------------------------------


def test_tastes_not_confirmed_for_a_year_are_asked_again_oldest_first(database) -> None:
    card = ClientCard(
        name="Ann",
        preferences=(
            PreferenceData("drink", "Rioja", last_confirmed=dt.date(2025, 11, 28)),  # 364 days
            PreferenceData("dessert", "Flan", last_confirmed=dt.date(2025, 11, 27)),  # 365
            PreferenceData("team", "Real Betis", last_confirmed=dt.date(2024, 1, 1)),
            PreferenceData("hobby", "Sailing"),
        ),
    )
    stale = courtship.to_reconfirm(card, TODAY, 365)
    assert [p.value for p in stale] == ["Sailing", "Real Betis", "Flan"]


def test_confirming_keeps_the_value_and_changing_keeps_the_history(database) -> None:
    card = clients.save_card(
        ClientCard(name="Ann", preferences=(PreferenceData("drink", "Rioja"),)),
        today=dt.date(2025, 1, 1),
    )
    pref = card.preferences[0]
    assert courtship.to_reconfirm(card, TODAY, 365) == [pref]
    card = clients.save_card(courtship.confirmed(card, [pref.id], TODAY), today=TODAY)
    assert courtship.to_reconfirm(card, TODAY, 365) == []
    assert card.preferences[0].last_confirmed == TODAY and card.preferences[0].history == ()
    changed = replace(card.preferences[0], value="Albariño")
    card = clients.save_card(replace(card, preferences=(changed,)), today=TODAY)
    assert [h.old_value for h in card.preferences[0].history] == ["Rioja"]


# -- The ledger ----------------------------------------------------------------------------


def test_the_ledger_sums_a_year_of_giving_against_budgets(plan) -> None:
    ann = add("Ann", plan["A"])  # the tier's budget: 500.00
    bob = add("Bob", plan["A"])
    cy = add("Cy", plan["B"])  # no budget
    courtship.save_client_plan(ClientPlan(bob, yearly_budget_cents=20_000))
    log(ann, "gift", dt.date(2025, 11, 28), value_cents=10_000)  # first day of the window
    log(ann, "gift", dt.date(2025, 11, 27), value_cents=99_999)  # a year and a day ago
    log(ann, "discount", TODAY, value_cents=2_550)
    log(ann, "meal", dt.date(2026, 6, 1), value_cents=12_000)
    log(ann, "call", dt.date(2026, 6, 1), value_cents=7)  # not appreciation given
    log(ann, "gift", dt.date(2026, 6, 1))  # no value: not in the ledger
    log(cy, "gift", dt.date(2026, 12, 1), value_cents=5_000)  # not given yet
    log(cy, "outing", dt.date(2026, 3, 1), value_cents=8_000)

    book = courtship.ledger(TODAY)
    assert (book.start, book.end) == (dt.date(2025, 11, 28), TODAY)
    assert [e.value_cents for e in book.entries] == [2_550, 12_000, 8_000, 10_000]
    lines = {line.client_name: line for line in book.lines}
    assert lines["Ann"].by_kind == {"gift": 10_000, "discount": 2_550, "meal": 12_000}
    assert (lines["Ann"].total_cents, lines["Ann"].count) == (24_550, 3)
    assert lines["Ann"].remaining_cents == 50_000 - 24_550
    assert (lines["Bob"].total_cents, lines["Bob"].budget_cents) == (0, 20_000)
    assert lines["Cy"].budget_cents is None and lines["Cy"].remaining_cents is None
    assert [line.client_name for line in book.lines] == ["Ann", "Cy", "Bob"]
    totals = {t.tier: t for t in book.tiers}
    assert (totals["A"].clients, totals["A"].receiving) == (2, 1)
    assert (totals["A"].total_cents, totals["A"].budget_cents) == (24_550, 70_000)
    assert (totals["B"].total_cents, totals["B"].budget_cents) == (8_000, None)
    assert totals["A"].budgeted_cents == 24_550
    courtship.save_client_plan(ClientPlan(cy, yearly_budget_cents=100))  # Cy: B's only budget
    log(add("Dee", plan["B"]), "gift", TODAY, value_cents=900)  # no budget: not "used"
    b = {t.tier: t for t in courtship.ledger(TODAY).tiers}["B"]
    assert (b.total_cents, b.budget_cents, b.budgeted_cents) == (8_900, 100, 8_000)


def test_a_ledger_can_end_before_today_for_a_past_calendar_year(plan) -> None:
    ann = add("Ann", plan["A"])
    log(ann, "gift", dt.date(2024, 12, 31), value_cents=1_000)
    log(ann, "gift", dt.date(2025, 1, 1), value_cents=2_000)
    log(ann, "gift", dt.date(2025, 12, 31), value_cents=3_000)
    log(ann, "gift", dt.date(2026, 1, 1), value_cents=4_000)
    book = courtship.ledger(TODAY, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (book.start, book.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert [e.value_cents for e in book.entries] == [3_000, 2_000]
    assert book.lines[0].total_cents == 5_000
    # Without a start, the year up to the end.
    assert courtship.ledger(TODAY, end=dt.date(2025, 6, 30)).start == dt.date(2024, 7, 1)


def test_a_ledger_year_from_a_leap_day_starts_on_march_1() -> None:
    assert courtship.year_before(dt.date(2028, 2, 29)) == dt.date(2027, 3, 1)
    assert courtship.year_before(dt.date(2027, 3, 1)) == dt.date(2026, 3, 2)


# -- Round trip ----------------------------------------------------------------------------


def test_json_carries_the_plan_snoozes_budgets_and_values(plan, tmp_path) -> None:
    ann = add("Ann", plan["A"])
    courtship.save_client_plan(
        ClientPlan(ann, {"gift": 40}, snoozed_until=dt.date(2027, 1, 5), yearly_budget_cents=999)
    )
    log(ann, "gift", dt.date(2026, 11, 1), value_cents=4_500, summary="Wine")
    first = b"".join(json_io.export(now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)))
    document = json.loads(first)
    db.close_database()
    db.open_database(tmp_path / "other.db")
    json_io.apply(document)
    again = b"".join(json_io.export(now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)))
    assert again == first
    copy = Client.get(Client.name == "Ann").id
    assert courtship.client_plan(copy).yearly_budget_cents == 999
    assert courtship.plan()[0].yearly_budget_cents == 50_000


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        (
            "interactions",
            {"client": "x", "kind": "gift", "occurred_on": "2026-01-01", "value_cents": "12"},
        ),
        ("interactions", {"client": "x", "kind": "hug", "occurred_on": "2026-01-01"}),
        ("interactions", {"client": "x", "kind": "call"}),
        ("tiers", {"name": "Z", "weight": 99}),
        ("cadence_rules", {"tier": "A", "gesture": "gift", "interval_days": -1}),
    ],
)
def test_a_json_file_with_a_bad_entry_is_refused_whole(plan, key, bad) -> None:
    document = {"format": "rapport", "version": 1, "clients": [], key: [bad]}
    with pytest.raises(json_io.UnreadableJsonError, match=rf"{key}\[0\]"):
        json_io.preview(document)
