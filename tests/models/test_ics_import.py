""".ics import: the four vendor samples (shared/interop/calendar, copied byte for byte into
tests/data) yield what their expect files say, a second import changes nothing, dates find
their people, and a bad file imports nothing."""

import datetime as dt
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import main
from models import client_list, clients, db, events, ics_import
from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.dates import PartialDate, occurrence
from models.errors import StorageError, StorageProblem
from models.interop.ics_read import ReadCalendar, Unreadable, UnreadableCalendarError, read
from models.vocab import DateKind, EventKind

SAMPLES = Path(__file__).parent.parent / "data" / "interop" / "calendar"
NAMES = sorted(p.stem for p in SAMPLES.glob("*.ics"))
WINDOW = (dt.date(2027, 1, 1), dt.date(2030, 1, 1))


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.ics").read_bytes()


def expected(name: str) -> tuple[tuple[dt.date, dt.date], list[dict]]:
    spec = json.loads((SAMPLES / f"{name}.expect.json").read_text("utf-8"))
    start = dt.date.fromisoformat(spec["window"]["from"])
    return (start, start.replace(year=start.year + spec["window"]["years"])), spec["events"]


def moment(text: str) -> tuple[dt.datetime, str | None]:
    """("2027-10-04T16:00Z") → (16:00, "UTC"); a bare date → (midnight, None)."""
    if text.endswith("Z"):
        return dt.datetime.fromisoformat(text[:-1]), "UTC"
    return dt.datetime.fromisoformat(text), None


def test_the_samples_yield_what_their_expect_files_say() -> None:
    assert len(NAMES) == 4
    for name in NAMES:
        window, wanted = expected(name)
        found = read(sample(name), *window)
        birthdays = name == "google_birthdays_export"
        for spec in wanted:
            if any(d.title == spec["summary"] for d in found.dates):
                # A yearly series, or a Birthdays event that became one.
                assert spec.get("yearly", True) or birthdays, spec
                check_date(found, spec, birthdays_calendar=birthdays)
            else:
                assert not spec.get("yearly", False), spec
                check_event(found, spec)


def check_date(found: ReadCalendar, spec: dict, *, birthdays_calendar: bool) -> None:
    [date] = [d for d in found.dates if d.title == spec["summary"]]
    start = dt.date.fromisoformat(spec["start"])
    assert (date.month, date.day) == (start.month, start.day), spec
    # Google's Birthdays events carry the year they fall in, not the year of birth.
    assert date.year == (None if birthdays_calendar else start.year), spec
    for also in spec.get("also_on", []):
        day = dt.date.fromisoformat(also)
        assert occurrence(date.month, date.day, day.year) == day, spec
    if "alarm_minutes_before" in spec:
        assert date.reminder_minutes == spec["alarm_minutes_before"]


def check_event(found: ReadCalendar, spec: dict) -> None:
    same_title = [e for e in found.events if e.title == spec["summary"]]
    assert same_title, spec
    assert not [d for d in found.dates if d.title == spec["summary"]], "a series, not a date"
    for when in [spec["start"], *spec.get("also_on", [])]:
        start, utc = moment(when)
        zone = utc or spec.get("tz", "")
        all_day = "T" not in when
        hits = [e for e in same_title if e.start == start and e.all_day == all_day]
        assert len(hits) == 1, (spec, when)
        assert hits[0].zone == ("" if all_day else zone), spec
        if "alarm_minutes_before" in spec:
            assert hits[0].reminder_minutes == spec["alarm_minutes_before"]


def test_google_series_exceptions_and_overrides_are_kept() -> None:
    found = read(sample("google_calendar_export"), *WINDOW)
    hours = sorted(e.start for e in found.events if e.title == "Client office hours")
    # Six Tuesdays from 2 March; 16 March is excepted (EXDATE), 23 March moved to 14:00.
    assert hours == [
        dt.datetime(2027, 3, 2, 10),
        dt.datetime(2027, 3, 9, 10),
        dt.datetime(2027, 3, 23, 14),
        dt.datetime(2027, 3, 30, 10),
        dt.datetime(2027, 4, 6, 10),
    ]
    keys = [e.key for e in found.events if e.title == "Client office hours"]
    assert len(set(keys)) == 5
    # Each instance is keyed by its original start, so the moved one keeps 10:00 (15:00Z).
    assert "7g3h5j9k2l4m6n8p0q1r3s5t7v@google.com/20270323T140000Z" in keys
    dinner = next(e for e in found.events if e.title.startswith("Thank-you dinner"))
    assert "::~" not in dinner.description  # Google Meet's separator is not a note
    assert dinner.kind == EventKind.THANK_YOU_MEAL


def test_outlook_windows_zones_become_iana_names() -> None:
    found = read(sample("outlook_com_export"), *WINDOW)
    zones = {e.title: (e.start, e.zone) for e in found.events}
    assert zones["Lunch with Chidi Okafor"] == (
        dt.datetime(2027, 9, 15, 12, 30),
        "America/New_York",
    )
    assert zones["Call with the Berlin office"] == (dt.datetime(2027, 11, 2, 16), "Europe/Berlin")


def test_a_zone_the_tz_database_does_not_know_keeps_the_instant_in_utc() -> None:
    text = sample("outlook_com_export").replace(b"W. Europe Standard Time", b"Mars Base Time")
    berlin = next(e for e in read(text, *WINDOW).events if "Berlin" in e.title)
    assert (berlin.start, berlin.zone) == (dt.datetime(2027, 11, 2, 15), "UTC")


def test_the_birthdays_calendar_gives_one_yearly_date_per_person() -> None:
    found = read(sample("google_birthdays_export"), *WINDOW)
    assert found.events == []
    assert sorted((d.title, d.month, d.day, d.own) for d in found.dates) == [
        ("Happy birthday!", 12, 1, True),
        ("Jörg Müller's birthday", 5, 17, False),
        ("Zoë Ødegård's birthday", 12, 3, False),
    ]
    assert {d.person for d in found.dates} == {"", "Jörg Müller", "Zoë Ødegård"}
    assert {d.kind for d in found.dates} == {DateKind.BIRTHDAY}


@pytest.mark.parametrize(
    ("title", "kind", "person"),
    [
        ("Anna Müller's Birthday", DateKind.BIRTHDAY, "Anna Müller"),
        ("Birthday: Zoë Ødegård", DateKind.BIRTHDAY, "Zoë Ødegård"),
        ("Wedding anniversary: Maria & Tomás García", DateKind.WEDDING_ANNIVERSARY,
         "Maria & Tomás García"),
        ("Anniversaire de Chloé", DateKind.BIRTHDAY, "Chloé"),
        ("Anniversaire de mariage – Chloé et Hugo", DateKind.WEDDING_ANNIVERSARY, "Chloé et Hugo"),
        ("Yuki's work anniversary", DateKind.BUSINESS_ANNIVERSARY, "Yuki"),
        ("Company picnic", DateKind.CUSTOM, ""),
    ],
)  # fmt: skip
def test_a_yearly_title_says_whose_date_and_what_kind(title: str, kind: str, person: str) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:19900704\r\n"
        f"RRULE:FREQ=YEARLY\r\nSUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    [date] = read(text.encode(), *WINDOW).dates
    assert (date.kind, date.person, date.month, date.day, date.year) == (
        kind, person, 7, 4, 1990,
    )  # fmt: skip


# -- Bad files ----------------------------------------------------------------------------

WHOLE = sample("google_calendar_export")
BAD_FILES = {
    "empty": (b"", Unreadable.EMPTY),
    "blank": (b"\r\n \r\n", Unreadable.EMPTY),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Unreadable.BINARY),
    "truncated": (WHOLE[: len(WHOLE) // 2], Unreadable.TRUNCATED),
    "no END:VCALENDAR": (WHOLE.rstrip().removesuffix(b"END:VCALENDAR"), Unreadable.TRUNCATED),
    "vcard": (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nEND:VCARD\r\n", Unreadable.VCARD),
    "html": (b"<!DOCTYPE html><html>Sign in</html>", Unreadable.NOT_ICALENDAR),
    "unbalanced": (WHOLE.replace(b"END:VALARM", b"END:VTODO", 1), Unreadable.DAMAGED),
    "no events": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
        Unreadable.NO_EVENTS,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_for_a_reason(case: str) -> None:
    data, reason = BAD_FILES[case]
    with pytest.raises(UnreadableCalendarError) as caught:
        read(data, *WINDOW)
    assert caught.value.reason == reason


def test_a_bad_file_imports_nothing_and_says_why(
    database: db.OpenedDatabase, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients.save_card(ClientCard(name="Jörg Müller"))
    before = dump(db_path)
    db.close_database()
    for case, (data, _) in BAD_FILES.items():
        if case == "vcard":
            continue  # the import command takes contacts too (tests/models/test_importing.py)
        path = tmp_path / "bad.ics"
        path.write_bytes(data)
        assert main.main(["--db", str(db_path), "import", str(path)]) == 1, case
        error = capsys.readouterr().err
        assert error.startswith("rapport: bad.ics ") and "Nothing was imported." in error, case
    path.write_bytes(BAD_FILES["truncated"][0])
    main.main(["--db", str(db_path), "import", str(path)])
    assert "cut off while downloading" in capsys.readouterr().err
    assert dump(db_path) == before


# -- Into the database --------------------------------------------------------------------


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables an import writes, read with a connection of its own."""
    with sqlite3.connect(path) as raw:
        return {
            table: raw.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("client", "relative", "key_date", "event", "event_attendee")
        }


def import_sample(name: str) -> ics_import.Result:
    return ics_import.apply(ics_import.preview(sample(name), *WINDOW))


@pytest.fixture
def people(database: db.OpenedDatabase) -> dict[str, int]:
    made = {
        card.name: clients.save_card(card).id
        for card in (
            ClientCard(name="Jörg Müller"),
            ClientCard(
                name="Chidi Okafor",
                contact_points=(ContactPointData("email", "Chidi.Okafor@Example.com"),),
            ),
            ClientCard(name="Tomás García", relatives=(RelativeData("Lucas", "child"),)),
            ClientCard(
                name="Björn Lindqvist",
                key_dates=(KeyDateData("birthday", PartialDate(3, 12, 1985)),),
            ),
        )
    }
    return made  # type: ignore[return-value]


def test_importing_every_sample_twice_changes_nothing_the_second_time(
    people: dict[str, int], db_path: Path
) -> None:
    first = [import_sample(name) for name in NAMES]
    assert sum(r.events_added for r in first) == 11
    after_first = dump(db_path)
    again = [ics_import.preview(sample(name), *WINDOW) for name in NAMES]
    assert all(
        item.status not in (ics_import.Status.NEW, ics_import.Status.CHANGED)
        for found in again
        for item in [*found.events, *found.dates]
    )
    assert [ics_import.apply(found).changes for found in again] == [0, 0, 0, 0]
    assert dump(db_path) == after_first


def test_dates_go_to_the_people_their_titles_name(people: dict[str, int]) -> None:
    import_sample("google_birthdays_export")
    import_sample("google_calendar_export")
    import_sample("outlook_desktop_export")
    jorg = clients.load_card(people["Jörg Müller"])
    assert [(k.kind, k.date) for k in jorg.key_dates] == [("birthday", PartialDate(5, 17))]
    garcia = clients.load_card(people["Tomás García"])
    assert [(k.kind, k.date) for k in garcia.key_dates] == [
        ("wedding_anniversary", PartialDate(7, 4, 2012))
    ]
    # Björn's card already has this birthday: it is not added a second time.
    bjorn = clients.load_card(people["Björn Lindqvist"])
    assert len(bjorn.key_dates) == 1


def test_a_relative_is_found_by_first_name_and_the_family_name(people: dict[str, int]) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:lucas@test\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20150910\r\n"
        "RRULE:FREQ=YEARLY\r\nSUMMARY:Lucas García's birthday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    [item] = ics_import.preview(text, *WINDOW).dates
    assert item.status == ics_import.Status.NEW and item.person is not None
    assert item.person.name == "Lucas (Tomás García's child)"
    ics_import.apply(ics_import.preview(text, *WINDOW))
    [lucas] = clients.load_card(people["Tomás García"]).relatives
    assert [k.date for k in lucas.key_dates] == [PartialDate(9, 10, 2015)]


def test_unmatched_and_ambiguous_dates_wait_for_a_choice(people: dict[str, int]) -> None:
    maria = clients.save_card(ClientCard(name="Maria García"))
    found = ics_import.preview(sample("google_calendar_export"), *WINDOW)
    [anniversary] = found.dates
    assert anniversary.status == ics_import.Status.UNMATCHED
    assert {p.name for p in anniversary.candidates} == {"Maria García", "Tomás García"}
    birthdays = ics_import.preview(sample("google_birthdays_export"), *WINDOW)
    zoe = next(d for d in birthdays.dates if d.date.person == "Zoë Ødegård")
    assert zoe.status == ics_import.Status.UNMATCHED and not zoe.candidates

    ics_import.apply(found)  # by default, only what is matched
    assert clients.load_card(maria.id).key_dates == ()
    assert ics_import.apply(birthdays).clients_added == 0

    chosen = ics_import.Choices(
        people={anniversary.date.key: anniversary.candidates[0]},
        new_clients=frozenset({zoe.date.key}),
    )
    again = ics_import.preview(sample("google_calendar_export"), *WINDOW)
    ics_import.apply(again, chosen)
    owner = anniversary.candidates[0].client_id
    assert [k.kind for k in clients.load_card(owner).key_dates] == ["wedding_anniversary"]
    birthdays = ics_import.preview(sample("google_birthdays_export"), *WINDOW)
    result = ics_import.apply(birthdays, ics_import.Choices(new_clients=frozenset({zoe.date.key})))
    assert result.clients_added == 1
    new = next(r for r in client_list.list_clients(dt.date(2027, 1, 1)) if r.name == "Zoë Ødegård")
    assert [k.date for k in clients.load_card(new.id).key_dates] == [PartialDate(12, 3)]


def test_a_date_the_card_has_otherwise_is_a_conflict_not_a_duplicate(
    people: dict[str, int],
) -> None:
    card = clients.load_card(people["Jörg Müller"])
    clients.save_card(replace(card, key_dates=(KeyDateData("birthday", PartialDate(5, 18)),)))
    found = ics_import.preview(sample("google_birthdays_export"), *WINDOW)
    jorg = next(d for d in found.dates if d.date.person == "Jörg Müller")
    assert (jorg.status, jorg.existing) == (ics_import.Status.CONFLICT, "--05-18")
    ics_import.apply(found)
    assert [k.date for k in clients.load_card(people["Jörg Müller"]).key_dates] == [
        PartialDate(5, 18)
    ]


def test_events_keep_their_zone_reminder_and_guests(people: dict[str, int]) -> None:
    import_sample("outlook_com_export")
    import_sample("google_calendar_export")
    stored = {
        (o.title, o.start): events.load_event(o.event_id)
        for o in events.events_between(dt.date(2027, 1, 1), dt.date(2028, 1, 1), "UTC")
    }
    lunch = stored[("Lunch with Chidi Okafor", dt.datetime(2027, 9, 15, 16, 30))]
    assert (lunch.starts_at, lunch.timezone) == (
        dt.datetime(2027, 9, 15, 12, 30),
        "America/New_York",
    )
    assert lunch.location == "Osteria Nonna, 41 Elm St, Springfield"
    assert [a.client_id for a in lunch.attendees] == [people["Chidi Okafor"]]
    dinner = stored[("Thank-you dinner – Nguyễn family", dt.datetime(2027, 6, 11, 23))]
    assert dinner.reminder_minutes == 1440
    office = [e for (title, _), e in stored.items() if title == "Client office hours"]
    # Guests by e-mail address; the moved instance lists none in the file.
    assert sorted(len(e.attendees) for e in office) == [0, 1, 1, 1, 1]


def test_an_event_changed_in_the_file_is_updated_keeping_what_was_chosen_here(
    people: dict[str, int],
) -> None:
    import_sample("google_calendar_export")
    [dinner_id] = [
        o.event_id
        for o in events.events_between(dt.date(2027, 6, 1), dt.date(2027, 7, 1), "UTC")
        if o.title.startswith("Thank-you dinner")
    ]
    mine = events.save_event(replace(events.load_event(dinner_id), asked_for_nothing=True))
    moved = sample("google_calendar_export").replace(
        b"DTSTART;TZID=America/New_York:20270611T190000",
        b"DTSTART;TZID=America/New_York:20270611T193000",
    )
    found = ics_import.preview(moved, *WINDOW)
    statuses = {i.event.title: i.status for i in found.events}
    assert statuses["Thank-you dinner – Nguyễn family"] == ics_import.Status.CHANGED
    assert list(statuses.values()).count(ics_import.Status.CHANGED) == 1
    assert ics_import.apply(found).events_updated == 1
    dinner = events.load_event(dinner_id)
    assert dinner.starts_at == dt.datetime(2027, 6, 11, 19, 30)
    assert dinner.asked_for_nothing and dinner.sequence > mine.sequence


def test_a_failure_while_writing_leaves_nothing_behind(
    people: dict[str, int], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(db_path)
    found = ics_import.preview(sample("google_calendar_export"), *WINDOW)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise StorageError(StorageProblem.FULL, "database or disk is full")

    monkeypatch.setattr(clients, "save_card", full_disk)  # after the events are written
    with pytest.raises(StorageError):
        ics_import.apply(found)
    assert dump(db_path) == before


def test_the_preview_travels_between_processes_unchanged(people: dict[str, int]) -> None:
    odd = calendar_of(
        "UID:odd\r\nSUMMARY:Jörg Müller's birthday\r\nDTSTART;VALUE=DATE:20270228\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n"
    )
    for data in [*(sample(name) for name in NAMES), odd]:
        found = ics_import.preview(data, *WINDOW)
        assert ics_import.preview_from_json(ics_import.preview_to_json(found)) == found
    choices = ics_import.Choices(
        skip=frozenset({"a"}),
        people={"b": ics_import.Person(1, 2, "Lucas"), "c": None},
        new_clients=frozenset({"d"}),
    )
    assert ics_import.choices_from_json(ics_import.choices_to_json(choices)) == choices


def test_the_import_command_previews_then_imports(
    people: dict[str, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close_database()
    path = str(SAMPLES / "google_birthdays_export.ics")
    before = dump(db_path)
    assert main.main(["--db", str(db_path), "import", path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "date\t--05-17\tJörg Müller's birthday\tnew\tJörg Müller" in out
    assert "your own birthday: left out" in out
    assert dump(db_path) == before
    assert main.main(["--db", str(db_path), "import", path]) == 0
    assert capsys.readouterr().out.endswith("Imported 0 new events, 0 updated events, 1 date.\n")
    assert len(dump(db_path)["key_date"]) == len(before["key_date"]) + 1


def test_an_imported_event_is_exported_under_the_uid_it_came_with(people: dict[str, int]) -> None:
    from models import ics_export

    import_sample("google_calendar_export")
    options = ics_export.ExportOptions(
        events_from=dt.date(2027, 1, 1), events_to=dt.date(2028, 1, 1), zone="UTC", prepare_days=3
    )
    head, body, tail = ics_export.export(options, dt.datetime(2027, 1, 1))
    text = b"".join([head, *body, tail]).decode().replace("\r\n ", "")
    assert "UID:5k2c9f0hq1m3lq7r8v4n6t2a1b@google.com\r\n" in text
    assert "UID:5k2c9f0hq1m3lq7r8v4n6t2a1b@google.com-prepare@rapport\r\n" in text
    assert "@google.com@rapport" not in text
    # Read back here, the export adds nothing: its "prepare" days are not events of their own.
    found = ics_import.preview(text.encode(), *WINDOW)
    assert {i.status for i in found.events} <= {ics_import.Status.SAME, ics_import.Status.CHANGED}
    assert len(found.events) == 8


def test_rapports_own_export_carries_its_dates_to_another_database(
    database: db.OpenedDatabase, db_path: Path, tmp_path: Path
) -> None:
    from models import ics_export

    clients.save_card(
        ClientCard(
            name="Leap Lena",
            key_dates=(
                KeyDateData("birthday", PartialDate(2, 29)),  # no year: the export says 1970
                KeyDateData("wedding_anniversary", PartialDate(2, 29, 2008)),
            ),
        )
    )
    options = ics_export.ExportOptions(dt.date(2027, 1, 1), dt.date(2028, 1, 1), zone="UTC")
    head, body, tail = ics_export.export(options, dt.datetime(2027, 1, 1))
    exported = b"".join([head, *body, tail])
    db.close_database()
    db.open_database(tmp_path / "other.db")
    clients.save_card(ClientCard(name="Leap Lena"))
    found = ics_import.preview(exported, *WINDOW)
    assert sorted((d.date.kind, d.date.month, d.date.day, d.date.year) for d in found.dates) == [
        ("birthday", 2, 29, None),
        ("wedding_anniversary", 2, 29, 2008),
    ]
    assert {d.status for d in found.dates} == {ics_import.Status.NEW}


def test_a_day_that_does_not_exist_is_left_out_not_fatal(people: dict[str, int]) -> None:
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:odd@test\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270228\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\nSUMMARY:Jörg Müller's birthday\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok@test\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:20270301T100000Z\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    found = ics_import.preview(text, *WINDOW)
    assert [(d.status, d.problem, d.date.year) for d in found.dates] == [
        (ics_import.Status.INVALID, "no_such_day", None)
    ]
    assert ics_import.apply(found).events_added == 1


def test_events_outside_the_window_are_counted_and_left_out_series_kept() -> None:
    found = read(sample("google_calendar_export"), dt.date(2031, 1, 1), dt.date(2032, 1, 1))
    assert found.events == []
    assert found.outside == 3  # the dinner, the offsite, the call; the office hours end in 2027
    assert [d.title for d in found.dates] == ["Wedding anniversary: Maria & Tomás García"]
    near = read(sample("google_calendar_export"), dt.date(2027, 6, 11), dt.date(2027, 6, 12))
    assert [e.title for e in near.events] == ["Thank-you dinner – Nguyễn family"]
    assert near.outside == 2


# -- Found in review -----------------------------------------------------------------------


def calendar_of(*events: str, header: str = "") -> bytes:
    """A minimal calendar around VEVENT bodies (their lines, CRLF-joined)."""
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{header}{body}END:VCALENDAR\r\n"
    ).encode()


def test_rapports_own_export_read_back_here_changes_nothing(
    database: db.OpenedDatabase, db_path: Path
) -> None:
    from models import demo, ics_export

    demo.load_sample(dt.date(2027, 1, 1))
    options = ics_export.ExportOptions(
        dt.date(2026, 1, 1), dt.date(2030, 1, 1), zone="Europe/Madrid", prepare_days=3,
        reveal_preferences=True,
    )  # fmt: skip
    head, body, tail = ics_export.export(options, dt.datetime(2027, 1, 1))
    before = dump(db_path)
    found = ics_import.preview(b"".join([head, *body, tail]), dt.date(2026, 1, 1), WINDOW[1])
    assert found.events and found.dates
    assert {i.status for i in [*found.events, *found.dates]} == {ics_import.Status.SAME}
    assert ics_import.apply(found).changes == 0
    assert dump(db_path) == before


def test_a_this_and_future_override_keeps_every_instance_apart(database: db.OpenedDatabase) -> None:
    text = calendar_of(
        "UID:s1\r\nSUMMARY:Weekly\r\nDTSTART:20270607T100000Z\r\nDTEND:20270607T110000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=5\r\n",
        "UID:s1\r\nSUMMARY:Weekly, later\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20270621T100000Z\r\n"
        "DTSTART:20270621T120000Z\r\nDTEND:20270621T130000Z\r\n",
    )
    found = ics_import.preview(text, *WINDOW)
    assert len({i.event.key for i in found.events}) == len(found.events) == 5
    assert ics_import.apply(found).events_added == 5


def test_a_floating_time_is_read_in_the_calendars_zone_not_the_computers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    text = calendar_of(
        "UID:f1\r\nSUMMARY:Dinner\r\nDTSTART:20270610T190000\r\nDTEND:20270610T210000\r\n",
        header="X-WR-TIMEZONE:America/New_York\r\n",
    )
    for zone in ("UTC", "Europe/Berlin", "Asia/Tokyo"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        [dinner] = read(text, *WINDOW).events
        assert (dinner.start, dinner.zone) == (dt.datetime(2027, 6, 10, 19), "America/New_York")
    monkeypatch.undo()
    time.tzset()


def test_a_cancellation_settles_after_one_import(people: dict[str, int]) -> None:
    from models.vocab import EventStatus

    planned = "UID:c1\r\nSUMMARY:Lunch\r\nDTSTART:20270610T120000Z\r\nDTEND:20270610T130000Z\r\n"
    ics_import.apply(ics_import.preview(calendar_of(planned), *WINDOW))
    [item] = ics_import.preview(calendar_of(planned), *WINDOW).events
    stored = events.load_event(item.existing_id)
    events.mark(stored.id, EventStatus.CANCELLED)  # cancelled here: the file does not undo it
    [item] = ics_import.preview(calendar_of(planned), *WINDOW).events
    assert item.status == ics_import.Status.SAME
    events.mark(stored.id, EventStatus.PLANNED)
    cancelled = calendar_of(planned + "STATUS:CANCELLED\r\n")
    [item] = ics_import.preview(cancelled, *WINDOW).events
    assert item.status == ics_import.Status.CHANGED
    ics_import.apply(ics_import.preview(cancelled, *WINDOW))
    assert events.load_event(stored.id).status == EventStatus.CANCELLED
    [item] = ics_import.preview(cancelled, *WINDOW).events
    assert item.status == ics_import.Status.SAME


def test_one_persons_date_twice_in_a_file_is_added_once(people: dict[str, int]) -> None:
    clients.save_card(ClientCard(name="Anna Müller"))
    text = calendar_of(
        "UID:y6\r\nSUMMARY:Anna Müller's Birthday\r\nDTSTART;VALUE=DATE:19900312\r\n"
        "RRULE:FREQ=YEARLY\r\n",
        "UID:y7\r\nSUMMARY:Birthday - Anna Müller\r\nDTSTART;VALUE=DATE:19900312\r\n"
        "RRULE:FREQ=YEARLY\r\n",
        "UID:y8\r\nSUMMARY:Geburtstag von Anna Müller\r\nDTSTART;VALUE=DATE:19900313\r\n"
        "RRULE:FREQ=YEARLY\r\n",
    )
    found = ics_import.preview(text, *WINDOW)
    assert [d.status for d in found.dates] == [
        ics_import.Status.NEW, ics_import.Status.SAME, ics_import.Status.CONFLICT,
    ]  # fmt: skip
    assert ics_import.apply(found).dates_added == 1


def test_yearly_dates_counted_from_the_months_end_and_other_odd_shapes() -> None:
    text = calendar_of(
        "UID:e1\r\nSUMMARY:Year-end party\r\nDTSTART;VALUE=DATE:20270131\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=-1\r\n",
        "UID:e2\r\nSUMMARY:Gone\r\nDTSTART;VALUE=DATE:20270301\r\nRRULE:FREQ=YEARLY\r\n"
        "STATUS:CANCELLED\r\n",
        "UID:e3\r\nSUMMARY:Mixed\r\nDTSTART:20270610T100000Z\r\nDTEND;VALUE=DATE:20270611\r\n",
        "UID:e4\r\nSUMMARY:Every minute\r\nDTSTART:20270610T100000Z\r\nDURATION:PT1M\r\n"
        "RRULE:FREQ=MINUTELY\r\n",
    )
    found = read(text, *WINDOW)
    assert [(d.title, d.month, d.day) for d in found.dates] == [("Year-end party", 1, 31)]
    mixed = next(e for e in found.events if e.title == "Mixed")
    assert (mixed.start, mixed.end) == (dt.datetime(2027, 6, 10, 10), dt.datetime(2027, 6, 11))
    minutes = [e for e in found.events if e.title == "Every minute"]
    assert len(minutes) == 1000 and found.outside == 1  # cut, and the rest said


def test_a_stray_byte_does_not_garble_a_utf8_file() -> None:
    text = calendar_of(
        "UID:u1\r\nSUMMARY:Zoë Ødegård's birthday\r\nDTSTART;VALUE=DATE:19800101\r\n"
        "RRULE:FREQ=YEARLY\r\nDESCRIPTION:bad \xff byte\r\n"
    )
    raw = text.decode().encode("utf-8").replace("\xff".encode(), b"\xff")
    [date] = read(raw, *WINDOW).dates
    assert date.person == "Zoë Ødegård"
    latin = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:l1\r\n" \
        "DTSTAMP:20260101T000000Z\r\nDTSTART:20270610T100000Z\r\nSUMMARY:Café René\r\n" \
        "END:VEVENT\r\nEND:VCALENDAR\r\n"  # fmt: skip
    [event] = read(latin.encode("cp1252"), *WINDOW).events
    assert event.title == "Café René"


def test_two_dates_of_one_new_person_make_one_card(people: dict[str, int]) -> None:
    text = calendar_of(
        "UID:b1\r\nSUMMARY:Bob Stone's birthday\r\nDTSTART;VALUE=DATE:19700101\r\n"
        "RRULE:FREQ=YEARLY\r\n",
        "UID:b2\r\nSUMMARY:Bob Stone's wedding anniversary\r\nDTSTART;VALUE=DATE:20000606\r\n"
        "RRULE:FREQ=YEARLY\r\n",
    )
    found = ics_import.preview(text, *WINDOW)
    result = ics_import.apply(found, ics_import.Choices(new_clients=frozenset({"b1", "b2"})))
    assert (result.clients_added, result.dates_added) == (1, 2)
    [bob] = [r for r in client_list.list_clients(dt.date(2027, 1, 1)) if r.name == "Bob Stone"]
    assert len(clients.load_card(bob.id).key_dates) == 2


def test_a_foreign_uid_that_looks_derived_survives_the_round_trip(
    database: db.OpenedDatabase,
) -> None:
    from models import ics_export

    text = calendar_of(
        "UID:meeting-2024\r\nSUMMARY:Review\r\nDTSTART:20270610T100000Z\r\n"
        "DTEND:20270610T110000Z\r\n"
    )
    ics_import.apply(ics_import.preview(text, *WINDOW))
    options = ics_export.ExportOptions(dt.date(2027, 1, 1), dt.date(2028, 1, 1), zone="UTC")
    head, body, tail = ics_export.export(options, dt.datetime(2027, 1, 1))
    [again] = ics_import.preview(b"".join([head, *body, tail]), *WINDOW).events
    assert (again.event.key, again.status) == ("meeting-2024", ics_import.Status.SAME)
