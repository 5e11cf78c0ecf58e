"""The pre-meeting brief: what one page says about a client as of a day."""

from __future__ import annotations

import datetime as dt

import pytest

from models import briefs, clients, interactions, settings
from models.cards import (
    AspirationData,
    ClientCard,
    KeyDateData,
    PreferenceData,
    PromiseData,
    RelativeData,
)
from models.dates import PartialDate
from models.errors import NotFoundError
from models.interactions import InteractionData
from models.vocab import Feb29Rule

pytestmark = pytest.mark.usefixtures("database")

TODAY = dt.date(2027, 6, 9)


def birthday(month: int, day: int, year: int | None = None) -> KeyDateData:
    return KeyDateData("birthday", PartialDate(month, day, year))


def add(card: ClientCard, today: dt.date = TODAY) -> int:
    [client_id] = clients.add_cards([card], today=today)
    return client_id


def log(client_id: int, day: dt.date, summary: str, kind: str = "call", tone: str = "neutral"):
    return interactions.log_interaction(InteractionData(client_id, kind, day, summary, tone))


def test_the_table_and_the_family_with_their_ages_today() -> None:
    client_id = add(
        ClientCard(
            name="Anna Roy",
            nickname="Annie",
            company="Roy & Fils",
            preferences=(
                PreferenceData("drink", "Albariño"),
                PreferenceData("dessert", "Tarte Tatin", "warm"),
                PreferenceData("dietary", "Vegetarian"),
                PreferenceData("allergy", "Peanuts"),
            ),
            relatives=(
                RelativeData("Léa", "child", key_dates=(birthday(6, 10, 2015),)),
                RelativeData("Tom", "child", key_dates=(birthday(6, 9, 2019),)),
                RelativeData("Marc", "spouse", key_dates=(birthday(3, 1),)),
                RelativeData("Rex", "pet"),
            ),
        )
    )
    brief = briefs.meeting_brief(client_id, TODAY)
    assert (brief.client_id, brief.name, brief.nickname, brief.company) == (
        client_id,
        "Anna Roy",
        "Annie",
        "Roy & Fils",
    )
    assert brief.table.drinks == ("Albariño",)
    assert brief.table.desserts == ("Tarte Tatin (warm)",)
    assert (brief.table.dietary, brief.table.allergies) == (("Vegetarian",), ("Peanuts",))
    # Léa turns 12 tomorrow; Tom turned 8 today; no year, no age.
    assert [(m.name, m.age) for m in brief.table.family] == [
        ("Léa", 11),
        ("Tom", 8),
        ("Marc", None),
        ("Rex", None),
    ]


def test_an_empty_card_gives_an_empty_brief() -> None:
    brief = briefs.meeting_brief(add(ClientCard(name="New Client")), TODAY)
    assert brief.dates == brief.interactions == brief.promises == ()
    assert brief.reconfirm == brief.dreams == ()
    assert brief.table.family == ()
    assert brief.last_contact is None
    assert brief.photo is None


def test_the_dates_are_the_next_sixty_days_across_the_year_end() -> None:
    today = dt.date(2027, 12, 15)
    client_id = add(
        ClientCard(
            name="Anna Roy",
            key_dates=(
                birthday(1, 10, 1980),
                KeyDateData("wedding_anniversary", PartialDate(12, 14, 2000)),  # yesterday
                KeyDateData("custom", PartialDate(2, 12), label="Shop opening"),  # day 60
                KeyDateData("business_anniversary", PartialDate(2, 13, 2010)),  # day 61
            ),
            relatives=(
                RelativeData("Léa", "child", key_dates=(birthday(12, 15, 2015),)),
                RelativeData("Tom", "child", key_dates=(birthday(12, 20, 2027),)),  # a baby
            ),
        ),
        today,
    )
    add(ClientCard(name="Someone Else", key_dates=(birthday(12, 16, 1970),)), today)
    brief = briefs.meeting_brief(client_id, today)
    assert [(o.date, o.person, o.kind, o.years) for o in brief.dates] == [
        (dt.date(2027, 12, 15), "Léa", "birthday", 12),
        (dt.date(2028, 1, 10), "Anna Roy", "birthday", 48),
        (dt.date(2028, 2, 12), "Anna Roy", "custom", None),
    ]
    assert brief.dates[0].relation == "child"
    assert brief.dates[2].label == "Shop opening"


@pytest.mark.parametrize(
    ("today", "rule", "kept_on", "years"),
    [
        (dt.date(2027, 2, 1), Feb29Rule.FEB_28, dt.date(2027, 2, 28), 27),
        (dt.date(2027, 2, 1), Feb29Rule.MAR_1, dt.date(2027, 3, 1), 27),
        (dt.date(2028, 2, 1), Feb29Rule.FEB_28, dt.date(2028, 2, 29), 28),
        (dt.date(2028, 2, 1), Feb29Rule.MAR_1, dt.date(2028, 2, 29), 28),
    ],
)
def test_a_feb_29_birthday_follows_the_app_rule(
    today: dt.date, rule: Feb29Rule, kept_on: dt.date, years: int
) -> None:
    settings.set_value(settings.FEB29_RULE, rule.value)
    client_id = add(
        ClientCard(
            name="Leap Day",
            relatives=(RelativeData("Leo", "child", key_dates=(birthday(2, 29, 2000),)),),
        ),
        today,
    )
    brief = briefs.meeting_brief(client_id, today)
    assert [(o.date, o.years) for o in brief.dates] == [(kept_on, years)]
    # The age today follows the same rule: not yet 27 on Feb 1.
    assert brief.table.family[0].age == years - 1


def test_the_last_three_interactions_newest_first() -> None:
    client_id = add(ClientCard(name="Anna Roy"))
    other = add(ClientCard(name="Someone Else"))
    log(client_id, dt.date(2027, 1, 5), "oldest")
    log(client_id, dt.date(2027, 5, 1), "lunch", kind="meal", tone="positive")
    log(client_id, dt.date(2027, 3, 1), "march")
    log(client_id, dt.date(2027, 5, 1), "same day, logged later", tone="negative")
    log(client_id, dt.date(2027, 2, 1), "february")
    log(other, dt.date(2027, 6, 1), "not hers")
    log(client_id, TODAY + dt.timedelta(days=3), "a call planned ahead: not a contact yet")
    brief = briefs.meeting_brief(client_id, TODAY)
    assert [(i.occurred_on, i.summary) for i in brief.interactions] == [
        (dt.date(2027, 5, 1), "same day, logged later"),
        (dt.date(2027, 5, 1), "lunch"),
        (dt.date(2027, 3, 1), "march"),
    ]
    assert (brief.interactions[1].kind, brief.interactions[1].tone) == ("meal", "positive")
    assert brief.last_contact == dt.date(2027, 5, 1)


def test_open_promises_late_first_and_no_others() -> None:
    client_id = add(
        ClientCard(
            name="Anna Roy",
            promises=(
                PromiseData("due today", TODAY),
                PromiseData("no date"),
                PromiseData("a week late", TODAY - dt.timedelta(days=7)),
                PromiseData("kept", TODAY - dt.timedelta(days=30), "kept"),
                PromiseData("dropped", TODAY - dt.timedelta(days=30), "dropped"),
                PromiseData("a day late", TODAY - dt.timedelta(days=1)),
                PromiseData("next week", TODAY + dt.timedelta(days=7)),
            ),
        )
    )
    brief = briefs.meeting_brief(client_id, TODAY)
    assert [(p.what, p.late) for p in brief.promises] == [
        ("a week late", True),
        ("a day late", True),
        ("due today", False),
        ("next week", False),
        ("no date", False),
    ]


def test_the_tastes_to_reconfirm_follow_the_setting() -> None:
    def confirmed(days_ago: int) -> dt.date:
        return TODAY - dt.timedelta(days=days_ago)

    client_id = add(
        ClientCard(
            name="Anna Roy",
            preferences=(
                PreferenceData("drink", "Albariño", last_confirmed=confirmed(10)),
                PreferenceData("team", "Celta", last_confirmed=confirmed(500)),
                PreferenceData("food", "Pulpo", last_confirmed=confirmed(60)),
                PreferenceData("hobby", "Sailing", last_confirmed=confirmed(365)),
            ),
        )
    )
    assert [p.value for p in briefs.meeting_brief(client_id, TODAY).reconfirm] == [
        "Celta",
        "Sailing",
    ]
    settings.set_value(settings.RECONFIRM_DAYS, 30)
    assert [p.value for p in briefs.meeting_brief(client_id, TODAY).reconfirm] == [
        "Celta",
        "Sailing",
        "Pulpo",
    ]


def test_dreams_with_one_way_to_help_per_line_achieved_last() -> None:
    client_id = add(
        ClientCard(
            name="Anna Roy",
            aspirations=(
                AspirationData("Run a marathon", "achieved", "Cheer at the finish"),
                AspirationData(
                    "Open a wine bar",
                    "in_progress",
                    "Introduce her to a lease lawyer\n\n  Send the article on bars  \r\nVisit",
                    TODAY - dt.timedelta(days=30),
                ),
                AspirationData("Sail to the Azores"),
            ),
        )
    )
    brief = briefs.meeting_brief(client_id, TODAY)
    assert [(d.title, d.status) for d in brief.dreams] == [
        ("Open a wine bar", "in_progress"),
        ("Sail to the Azores", "dream"),
        ("Run a marathon", "achieved"),
    ]
    assert brief.dreams[0].how_to_help == (
        "Introduce her to a lease lawyer",
        "Send the article on bars",
        "Visit",
    )
    assert brief.dreams[0].last_discussed == TODAY - dt.timedelta(days=30)
    assert brief.dreams[1].how_to_help == ()


def test_a_client_that_is_gone_has_no_brief() -> None:
    client_id = add(ClientCard(name="Anna Roy"))
    clients.delete_client(client_id)
    with pytest.raises(NotFoundError):
        briefs.meeting_brief(client_id, TODAY)
    with pytest.raises(NotFoundError):
        briefs.meeting_brief(999, TODAY)
