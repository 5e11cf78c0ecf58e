import datetime as dt
from dataclasses import replace

import pytest

from models import client_list, clients, db, events, occurrences
from models.cards import ClientCard, KeyDateData, RelativeData
from models.dates import PartialDate
from models.entities import Interaction
from models.errors import ConflictError, Problem, ValidationError
from models.events import Attendee, EventData

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def couple(database: db.OpenedDatabase) -> ClientCard:
    return clients.save_card(
        ClientCard(name="María José García", relatives=(RelativeData("Javier", "spouse"),))
    )


def dinner(card: ClientCard, **changes: object) -> EventData:
    event = EventData(
        kind="thank_you_meal",
        title="Thank-you dinner with Majo & Javier",
        starts_at=dt.datetime(2026, 12, 9, 21, 30),
        ends_at=dt.datetime(2026, 12, 10, 0, 0),
        timezone="Europe/Madrid",
        location="Yayo Daporta",
        reminder_minutes=1440,
        asked_for_nothing=True,
        attendees=(Attendee(card.id), Attendee(card.id, card.relatives[0].id)),
    )
    return replace(event, **changes)


def test_an_event_reads_back_with_a_stable_uid(couple: ClientCard) -> None:
    saved = events.create_event(dinner(couple))
    assert saved == events.load_event(saved.id)
    assert saved.uid and saved.sequence == 0 and saved.version == 1
    assert saved.attendees == (Attendee(couple.id), Attendee(couple.id, couple.relatives[0].id))


def test_every_edit_bumps_the_sequence_and_keeps_the_uid(couple: ClientCard) -> None:
    first = events.create_event(dinner(couple))
    second = events.save_event(replace(first, location="Casa Solla"))
    third = events.save_event(replace(second, title="Dinner at Casa Solla"))
    assert (second.sequence, third.sequence) == (1, 2)
    assert first.uid == second.uid == third.uid
    with pytest.raises(ConflictError):
        events.save_event(replace(first, title="From a stale copy"))
    assert events.load_event(first.id).title == "Dinner at Casa Solla"


def test_done_logs_the_gesture_once_per_client_and_undone_takes_it_back(couple: ClientCard) -> None:
    event = events.create_event(dinner(couple))
    done = events.mark(event.id, "done", today=TODAY)
    logged = list(Interaction.select().where(Interaction.event == event.id))
    assert [(i.client_id, i.kind, i.asked_for_nothing, i.occurred_on) for i in logged] == [
        (couple.id, "meal", True, TODAY)  # the dinner is in the future: logged as of today
    ]
    [row] = client_list.list_clients(TODAY, [couple.id])
    assert row.last_contact == TODAY
    events.save_event(replace(done, status="planned"))
    assert Interaction.select().where(Interaction.event == event.id).count() == 0


def test_restore_brings_back_a_deleted_event_with_a_higher_sequence(couple: ClientCard) -> None:
    event = events.save_event(replace(events.create_event(dinner(couple)), location="Casa Solla"))
    gone = events.delete_event(event.id)
    back = events.restore_event(gone)
    assert (back.id, back.uid, back.location) == (event.id, event.uid, "Casa Solla")
    assert back.sequence > event.sequence


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"title": " "}, "title", Problem.REQUIRED),
        ({"ends_at": dt.datetime(2026, 12, 9, 20, 0)}, "ends_at", Problem.OUT_OF_RANGE),
        ({"ends_at": dt.datetime(2027, 3, 1)}, "ends_at", Problem.TOO_LONG),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", Problem.UNKNOWN_VALUE),
        ({"kind": "party"}, "kind", Problem.UNKNOWN_VALUE),
        ({"reminder_minutes": -5}, "reminder_minutes", Problem.OUT_OF_RANGE),
    ],
)
def test_invalid_events_are_refused(
    couple: ClientCard, changes: dict, field: str, problem: Problem
) -> None:
    with pytest.raises(ValidationError) as info:
        events.create_event(dinner(couple, **changes))
    assert (info.value.field, info.value.problem) == (field, problem)
    assert events.events_between(TODAY, TODAY + dt.timedelta(days=30), "UTC") == []


def test_events_are_shown_in_the_viewers_zone(couple: ClientCard) -> None:
    events.create_event(dinner(couple))  # 21:30 in Madrid (UTC+1 in December)
    [in_utc] = events.events_between(dt.date(2026, 12, 9), dt.date(2026, 12, 9), "UTC")
    assert in_utc.start == dt.datetime(2026, 12, 9, 20, 30)
    assert in_utc.attendees == "María José García, Javier"
    # In Tokyo it is already the next morning: the dinner belongs to Dec 10 there.
    assert events.events_between(dt.date(2026, 12, 9), dt.date(2026, 12, 9), "Asia/Tokyo") == []
    [tokyo] = events.events_between(dt.date(2026, 12, 10), dt.date(2026, 12, 10), "Asia/Tokyo")
    assert tokyo.start == dt.datetime(2026, 12, 10, 5, 30)


def test_all_day_and_multi_day_events_overlap_every_day_they_cover(couple: ClientCard) -> None:
    trip = dinner(
        couple,
        kind="outing",
        title="Harvest weekend",
        all_day=True,
        starts_at=dt.datetime(2026, 12, 18),
        ends_at=dt.datetime(2026, 12, 21),
    )
    events.create_event(trip)
    for day in (18, 19, 20):
        assert (
            len(events.events_between(dt.date(2026, 12, day), dt.date(2026, 12, day), "Asia/Tokyo"))
            == 1
        )
    assert events.events_between(dt.date(2026, 12, 21), dt.date(2026, 12, 31), "UTC") == []


def test_between_merges_key_dates_and_events_by_day(couple: ClientCard) -> None:
    clients.save_card(
        replace(
            clients.load_card(couple.id),
            key_dates=(KeyDateData("birthday", PartialDate(12, 9, 1980)),),
        )
    )
    events.create_event(dinner(couple))
    events.create_event(
        dinner(
            couple,
            title="Lunch",
            starts_at=dt.datetime(2026, 12, 9, 13),
            ends_at=dt.datetime(2026, 12, 9, 14),
            timezone="",
        )
    )
    items = occurrences.between(dt.date(2026, 12, 8), dt.date(2026, 12, 10), "UTC")
    assert [getattr(i, "title", None) or i.kind for i in items] == [
        "birthday",
        "Lunch",
        "Thank-you dinner with Majo & Javier",
    ]


def test_attendee_choices_offer_clients_and_their_relatives(couple: ClientCard) -> None:
    choices = events.attendee_choices()
    assert [(c.name, c.client_name, c.relation) for c in choices] == [
        ("María José García", "María José García", ""),
        ("Javier", "María José García", "spouse"),
    ]


def logged(event_id: int) -> list[int]:
    return sorted(i.client_id for i in Interaction.select().where(Interaction.event == event_id))


def test_gestures_follow_the_event_through_delete_and_restore(couple: ClientCard) -> None:
    done = events.create_event(dinner(couple, status="done"), today=TODAY)
    assert logged(done.id) == [couple.id]
    gone = events.delete_event(done.id)
    assert logged(done.id) == []
    back = events.restore_event(gone)
    assert logged(done.id) == [couple.id]  # once, not twice
    assert back.version > done.version and back.sequence > done.sequence
    with pytest.raises(ConflictError):
        events.save_event(replace(done, title="From before the delete"))


def test_gestures_follow_the_guests_of_a_done_event(couple: ClientCard) -> None:
    other = clients.create_client("Klaus Müller-Brandt")
    done = events.create_event(dinner(couple, status="done"), today=TODAY)
    moved = events.save_event(replace(done, attendees=(Attendee(other.id),)), today=TODAY)
    assert logged(done.id) == [other.id]
    events.save_event(replace(moved, attendees=(Attendee(other.id), Attendee(couple.id))))
    assert logged(done.id) == sorted([other.id, couple.id])


@pytest.mark.parametrize(
    ("wall", "zone", "display", "expected"),
    [
        # India is 5:30 ahead of UTC; London moves to summer time at 01:00 UTC that day.
        (
            dt.datetime(2026, 3, 29, 6, 45),
            "Asia/Kolkata",
            "Europe/London",
            dt.datetime(2026, 3, 29, 2, 15),
        ),
        (
            dt.datetime(2026, 3, 29, 5, 15),
            "Asia/Kolkata",
            "Europe/London",
            dt.datetime(2026, 3, 28, 23, 45),
        ),
        (
            dt.datetime(2026, 10, 4, 3, 30),
            "Australia/Adelaide",
            "UTC",
            dt.datetime(2026, 10, 3, 17, 0),
        ),
        (dt.datetime(2026, 6, 1, 12, 0), "", "Asia/Tokyo", dt.datetime(2026, 6, 1, 12, 0)),
    ],
)
def test_times_convert_exactly_even_for_half_hour_zones(
    wall: dt.datetime, zone: str, display: str, expected: dt.datetime
) -> None:
    from models.timezones import to_zone

    assert to_zone(wall, zone, display) == expected


def test_zones_26_hours_apart_agree_day_by_day(couple: ClientCard) -> None:
    from models.occurrences import between, grid_days

    events.create_event(
        dinner(
            couple,
            starts_at=dt.datetime(2027, 3, 10, 0, 30),
            ends_at=dt.datetime(2027, 3, 10, 1, 30),
            timezone="Pacific/Kiritimati",
        )
    )
    # 00:30 on Mar 10 at UTC+14 is 23:30 on Mar 8 at UTC-11 (Pago Pago).
    day = dt.date(2027, 3, 8)
    assert [e.start.day for e in between(day, day, "Pacific/Pago_Pago")] == [8]
    grid = grid_days(day, day, "Pacific/Pago_Pago", key_dates=3, events=3)
    assert grid[day].total == 1


@pytest.mark.parametrize(
    "zone, display",
    [
        ("Europe/Madrid", "America/New_York"),  # each changes on its own Sunday
        ("Australia/Lord_Howe", "UTC"),  # half an hour of daylight saving
        ("America/Santiago", "Europe/London"),  # changes at midnight
        ("Asia/Kolkata", "America/Sao_Paulo"),  # neither changes any more
    ],
)
def test_a_time_shown_in_another_zone_is_zoneinfo_s_on_every_day(zone: str, display: str) -> None:
    """to_zone keeps each day's shift between two zones: every hour of a year, the days the
    clocks change among them, read twice (the second time from what it keeps), is what
    zoneinfo says."""
    import zoneinfo

    from models.timezones import to_zone

    source, shown = zoneinfo.ZoneInfo(zone), zoneinfo.ZoneInfo(display)
    walls = [dt.datetime(2026, 1, 1, 0, 30) + dt.timedelta(hours=n) for n in range(365 * 24)]
    expected = [w.replace(tzinfo=source).astimezone(shown).replace(tzinfo=None) for w in walls]
    for _ in range(2):
        found = [to_zone(w, zone, display) for w in walls]
        assert found == expected
