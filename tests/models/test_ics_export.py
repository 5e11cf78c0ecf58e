"""The .ics export, read back by two independent parsers (python icalendar with
recurring-ical-events, and vobject with dateutil), and checked byte by byte against the
rules Outlook and Google need (shared/interop/ICALENDAR_NOTES.md)."""

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject

from models import clients, db, events, exporting, ics_export, settings
from models.cards import ClientCard, KeyDateData, PreferenceData, RelativeData
from models.dates import PartialDate
from models.events import Attendee, EventData
from models.occurrences import key_date_occurrences
from models.vocab import Feb29Rule

STAMP = dt.datetime(2026, 11, 27, 12, 0)
YEARS = (dt.date(2027, 1, 1), dt.date(2029, 12, 31))


def options(**changes: object) -> ics_export.ExportOptions:
    base = {
        "events_from": dt.date(2026, 1, 1),
        "events_to": dt.date(2029, 12, 31),
        "zone": "Europe/Madrid",
    }
    return ics_export.ExportOptions(**(base | changes))


def export_bytes(opts: ics_export.ExportOptions | None = None, stamp: dt.datetime = STAMP) -> bytes:
    head, body, tail = ics_export.export(opts or options(), stamp)
    return head + b"".join(body) + tail


@pytest.fixture
def data(database: db.OpenedDatabase) -> ClientCard:
    card = clients.save_card(
        ClientCard(
            name="María José García, López; Jr.",  # a comma and a semicolon to escape
            key_dates=(
                KeyDateData("birthday", PartialDate(2, 29, 1980)),
                KeyDateData("wedding_anniversary", PartialDate(6, 21, 2008)),
            ),
            relatives=(
                RelativeData(
                    "Lucía", "child", key_dates=(KeyDateData("birthday", PartialDate(1, 15)),)
                ),
            ),
            preferences=(PreferenceData("drink", "Albariño"), PreferenceData("allergy", "Kiwi")),
            notes="Private: never exported.",
        )
    )
    clients.save_card(
        ClientCard(name="王秀英", key_dates=(KeyDateData("name_day", PartialDate(12, 31)),))
    )
    events.create_event(
        EventData(
            "thank_you_meal",
            "Dinner in New York",
            dt.datetime(2027, 6, 11, 19),
            dt.datetime(2027, 6, 11, 21, 30),
            timezone="America/New_York",
            location="Le Bernardin, 155 W 51st St",
            reminder_minutes=1440,
            description="Window table\nno business talk",
            attendees=(Attendee(card.id),),
        )
    )
    events.create_event(
        EventData(
            "outing",
            "Harvest weekend",
            dt.datetime(2027, 9, 17),
            dt.datetime(2027, 9, 20),
            all_day=True,
        )
    )
    events.create_event(
        EventData(
            "call",
            "Call at 02:30 Madrid",
            dt.datetime(2027, 3, 2, 2, 30),
            dt.datetime(2027, 3, 2, 3),
            timezone="",
        )
    )
    return card


def expected_key_dates() -> set[tuple[dt.date, str]]:
    return {(o.date, f"{o.uid}@rapport") for o in key_date_occurrences(*YEARS)}


def icalendar_days(ics: bytes) -> list[tuple[object, str]]:
    calendar = icalendar.Calendar.from_ical(ics)
    found = recurring_ical_events.of(calendar).between(YEARS[0], YEARS[1] + dt.timedelta(days=1))
    return [(e.decoded("dtstart"), str(e["uid"])) for e in found]


def vobject_days(ics: bytes) -> list[tuple[object, str]]:
    found = []
    for event in vobject.readOne(ics.decode()).vevent_list:
        start = event.dtstart.value
        rules = event.getrruleset(addRDate=True)
        if rules is None:
            found.append((start, event.uid.value))
            continue
        low = dt.datetime.combine(YEARS[0], dt.time())
        high = dt.datetime.combine(YEARS[1], dt.time(23, 59))
        found += [(d.date(), event.uid.value) for d in rules.between(low, high, inc=True)]
    return found


@pytest.mark.parametrize("parse", [icalendar_days, vobject_days])
@pytest.mark.parametrize("rule", [Feb29Rule.FEB_28, Feb29Rule.MAR_1])
def test_every_key_date_comes_back_on_its_days(data: ClientCard, parse, rule: Feb29Rule) -> None:
    settings.set_value(settings.FEB29_RULE, rule.value)
    found = {
        (day, uid.split("-")[0] + "@rapport" if re.search(r"-\d{4}@", uid) else uid)
        for day, uid in parse(export_bytes(options(date_kinds=None, event_kinds=frozenset())))
        if isinstance(day, dt.date)
        and not isinstance(day, dt.datetime)
        and YEARS[0] <= day <= YEARS[1]
    }
    assert found == expected_key_dates()
    leap = {d for d, uid in found if d.month in (2, 3) and d.day in (28, 29, 1)}
    kept = {2027: dt.date(2027, 2, 28), 2028: dt.date(2028, 2, 29), 2029: dt.date(2029, 2, 28)}
    if rule is Feb29Rule.MAR_1:
        kept = {2027: dt.date(2027, 3, 1), 2028: dt.date(2028, 2, 29), 2029: dt.date(2029, 3, 1)}
    assert set(kept.values()) <= leap


def utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def test_a_june_dinner_in_new_york_is_2300_utc_in_every_parser(data: ClientCard) -> None:
    ics = export_bytes()
    by_icalendar = {
        str(e["summary"]): e.decoded("dtstart")
        for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
    }
    by_vobject = {
        e.summary.value: e.dtstart.value for e in vobject.readOne(ics.decode()).vevent_list
    }
    for parsed in (by_icalendar, by_vobject):
        assert utc(parsed["Dinner in New York"]) == dt.datetime(2027, 6, 11, 23, 0)
        # An event without a zone is written in the computer's (never floating).
        call = parsed["Call at 02:30 Madrid"]
        assert call.tzinfo is not None and utc(call) == dt.datetime(2027, 3, 2, 1, 30)
        assert parsed["Harvest weekend"] == dt.date(2027, 9, 17)


def test_two_exports_differ_only_in_dtstamp(data: ClientCard) -> None:
    first = export_bytes(stamp=STAMP)
    second = export_bytes(stamp=STAMP + dt.timedelta(hours=5))
    strip = re.compile(rb"DTSTAMP:[0-9TZ]+\r\n")
    assert first != second
    assert strip.sub(b"", first) == strip.sub(b"", second)


def test_the_bytes_follow_every_rule_of_the_notes(data: ClientCard) -> None:
    ics = export_bytes(options(prepare_days=7, reveal_preferences=True))
    assert not ics.startswith(b"\xef\xbb\xbf")  # [file.no_bom]
    assert b"\n" not in ics.replace(b"\r\n", b"")  # [file.crlf]: no bare LF, no bare CR
    assert b"\r" not in ics.replace(b"\r\n", b"")
    physical = ics.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75  # [file.line_length]
        line.decode("utf-8")  # [file.fold_utf8]: no character split by a fold
    logical = ics.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode().split("\r\n")
    for name in (
        "VERSION:2.0",
        "PRODID:",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:",
        "X-WR-TIMEZONE:",
    ):
        assert any(line.startswith(name) for line in logical), name
    assert not [
        line for line in logical if re.fullmatch(r"[A-Z-]+(;[^:]*)?:", line)
    ]  # [event.no_empty_props]
    defined = {line.split(":", 1)[1] for line in logical if line.startswith("TZID:")}
    used = set(re.findall(r";TZID=([^:;]+)", "\n".join(logical)))
    assert used and used <= defined  # [event.tzid_defined]
    events_text = "\r\n".join(logical).split("BEGIN:VEVENT")[1:]
    for text in events_text:
        body = text.split("END:VEVENT")[0]
        assert body.count("\r\nUID:") == 1 and re.search(r"\r\nDTSTAMP:\d{8}T\d{6}Z", body)
        assert body.count("BEGIN:VALARM") <= 1
        if "BEGIN:VALARM" in body:  # [alarm.placement]: after every property of the event
            assert body.rstrip().endswith("END:VALARM")
            alarm = body.split("BEGIN:VALARM")[1]
            assert "ACTION:DISPLAY" in alarm and "DESCRIPTION:" in alarm
        if "VALUE=DATE:" in body:  # [event.allday_exclusive_end]
            start = re.search(r"DTSTART;VALUE=DATE:(\d{8})", body)[1]
            end = re.search(r"DTEND;VALUE=DATE:(\d{8})", body)[1]
            assert end > start
    assert "Private: never exported" not in ics.decode()
    assert "Drinks: Albariño" in ics.decode().replace("\r\n ", "")
    # [text.escaping]: vobject, which cuts unescaped commas, reads the names whole.
    summaries = {e.summary.value for e in vobject.readOne(ics.decode()).vevent_list}
    assert "Birthday: María José García, López; Jr." in summaries
    assert any(s.startswith("Prepare: Birthday: María José García, López; Jr.") for s in summaries)


def test_stable_uids_from_the_database(data: ClientCard) -> None:
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(export_bytes()).walk("VEVENT")}
    stored = {kd.uid for _, kd in clients.load_card(data.id).all_key_dates()}
    assert {f"{uid}@rapport" for uid in stored} <= uids
    assert all(re.fullmatch(r"[0-9a-f]{32}(-[a-z0-9]+)?@rapport", uid) for uid in uids)


def test_nothing_selected_writes_no_file(data: ClientCard, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(exporting.NothingToExportError):
        ics_export.export(options(date_kinds=frozenset(), event_kinds=frozenset()), STAMP)
    with pytest.raises(exporting.NothingToExportError):
        ics_export.export(options(client_ids=frozenset({999})), STAMP)
    assert list(tmp_path.iterdir()) == []


def test_split_writes_whole_calendars_under_the_size(data: ClientCard, tmp_path: Path) -> None:
    whole = tmp_path / "all.ics"
    [single] = exporting.write_files(whole, ics_export.export(options(), STAMP))
    assert single == whole
    parts = exporting.write_files(
        tmp_path / "rapport.ics", ics_export.export(options(), STAMP), max_bytes=2500
    )
    assert len(parts) > 1 and [p.name for p in parts][:2] == ["rapport-1.ics", "rapport-2.ics"]
    uids: list[str] = []
    for part in parts:
        assert part.stat().st_size <= 2500
        calendar = icalendar.Calendar.from_ical(part.read_bytes())
        uids += [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert sorted(uids) == sorted(
        str(e["uid"]) for e in icalendar.Calendar.from_ical(whole.read_bytes()).walk("VEVENT")
    )


def test_a_cancelled_export_leaves_no_file(data: ClientCard, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()

    def cancel(done: int, total: int) -> None:
        if done >= 3:  # progress comes a batch at a time (ics_export.BATCH)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        exporting.write_files(
            tmp_path / "out.ics", ics_export.export(options(), STAMP, progress=cancel)
        )
    assert list(tmp_path.iterdir()) == []


def test_prepare_days_come_before_dates_and_events(data: ClientCard) -> None:
    prepare = {
        d
        for d, uid in icalendar_days(export_bytes(options(prepare_days=7)))
        if uid.endswith("-prepare@rapport")
    }
    assert dt.date(2027, 6, 14) in prepare  # a week before the wedding anniversary (Jun 21)
    assert dt.date(2027, 6, 4) in prepare  # a week before the dinner (Jun 11)
    # Feb 29 is kept on Feb 28 in common years: a week before is Feb 21, every year.
    assert {dt.date(2027, 2, 21), dt.date(2028, 2, 21)} <= prepare


def test_an_invitation_is_a_request_from_the_owner_to_the_guests(data: ClientCard) -> None:
    from models.cards import ContactPointData
    from models.errors import ValidationError

    dinner = next(
        e for e in events.events_between(*YEARS, "UTC") if e.title == "Dinner in New York"
    )
    with pytest.raises(ValidationError) as info:
        ics_export.invitation(dinner.event_id, STAMP, "Europe/Madrid")
    assert info.value.field == "owner_email"
    settings.set_values(
        {settings.OWNER_NAME: "Jane Planner", settings.OWNER_EMAIL: "jane@example.com"}
    )
    card = clients.load_card(data.id)
    unreachable = ics_export.invitation(dinner.event_id, STAMP, "Europe/Madrid")
    assert (unreachable.invited, unreachable.without_email) == ((), (card.name,))
    assert b"ATTENDEE" not in unreachable.data
    clients.save_card(
        replace(
            card, contact_points=(ContactPointData("email", "majo@bodegas.example.com", "work"),)
        )
    )
    made = ics_export.invitation(dinner.event_id, STAMP, "Europe/Madrid")
    ics = made.data
    [event] = vobject.readOne(ics.decode()).vevent_list
    text = ics.decode().replace("\r\n ", "")
    assert "METHOD:REQUEST" in text
    assert event.organizer.value == "mailto:jane@example.com" and event.organizer.params["CN"] == [
        "Jane Planner"
    ]
    assert [a.value for a in event.attendee_list] == ["mailto:majo@bodegas.example.com"]
    assert utc(event.dtstart.value) == dt.datetime(2027, 6, 11, 23, 0)
    assert event.uid.value == f"{events.load_event(dinner.event_id).uid}@rapport"
    assert (made.invited, made.without_email) == ((card.name,), ())


# -- Written by forked processes ----------------------------------------------------------------

# In a fresh process, as the export command runs it (this test process may have Qt's
# threads): the same calendar written here and by three workers, in batches of 25; then
# with a worker that dies on its third batch, whose events this process writes itself.
_IN_PROCESSES = """
import datetime as dt, json, os, sys
from models import clients, db, ics_export
from models.cards import ClientCard, KeyDateData
from models.dates import PartialDate
from models.interop import ics

db.open_database(sys.argv[1])
clients.add_cards([
    ClientCard(f"Client {n}", key_dates=(KeyDateData("birthday", PartialDate(n % 12 + 1, 9)),))
    for n in range(200)
])
options = ics_export.ExportOptions(dt.date(2027, 1, 1), dt.date(2028, 1, 1), zone="Europe/Madrid")
stamp = dt.datetime(2026, 11, 27, 12, 0)
ics_export.BATCH = 25

def calendar(processes):
    progress = []
    head, body, tail = ics_export.export(
        options, stamp, processes=processes, progress=lambda done, total: progress.append(done)
    )
    return (head + b"".join(body) + tail).decode(), progress

parent, write, written_here = os.getpid(), ics.write, []

def dies_in_a_worker(item, stamp):
    if os.getpid() == parent:
        written_here.append(item.summary)
    elif item.summary.endswith("Client 45"):
        os._exit(9)
    return write(item, stamp)

here, progress_here = calendar(1)
forked, progress_forked = calendar(3)
ics.write = dies_in_a_worker
rescued, _ = calendar(3)
print(json.dumps({"here": here, "forked": forked, "rescued": rescued,
                  "progress": [progress_here, progress_forked], "written_here": written_here}))
"""


def test_a_calendar_written_by_forked_processes_is_the_same(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _IN_PROCESSES, str(tmp_path / "forked.db")],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    found = json.loads(done.stdout)
    assert found["here"].count("BEGIN:VEVENT") == 200
    assert found["forked"] == found["here"]
    assert found["rescued"] == found["here"]
    # Client 45's batch and what its worker had not sent back, written here instead.
    assert "Birthday: Client 45" in found["written_here"]
    assert 0 < len(found["written_here"]) < 200
    assert found["progress"][0] == found["progress"][1] == list(range(25, 201, 25))
