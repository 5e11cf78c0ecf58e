"""Every malformed import file is refused with 0 rows written (issue 8, "Prove it" 7).

Through the command line, into a database with data in every table: contacts (vCard,
Google and Outlook CSV), calendars (.ics) and Rapport's JSON, broken at the start, in the
middle and at the very end (one bad record after many good ones). Each is refused in one
line that ends "Nothing was imported.", and every row of every table is as it was; so
with a good file beside a bad one. (tests/models/test_importing.py checks the client table
for more contact files; this checks all tables, and calendars and JSON too.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import main
from models import db
from tests.reliability.helpers import contents, load_dump

DATA = Path(__file__).parents[1] / "data" / "interop"
VCF = (DATA / "contacts" / "google.vcf").read_bytes()
OUTLOOK_CSV = (DATA / "contacts" / "outlook_contacts.csv").read_bytes()
ICS = (DATA / "calendar" / "google_calendar_export.ics").read_bytes()


def cards(count: int) -> bytes:
    return b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good %d\r\nEMAIL:good.%d@example.com\r\nEND:VCARD\r\n"
        % (n, n)
        for n in range(count)
    )


def rapport_json(**changes: object) -> bytes:
    document: dict[str, object] = {
        "format": "rapport", "version": 1,
        "clients": [{"uid": "good-1", "name": "Good One"}],
        "interactions": [], "events": [],
    } | changes  # fmt: skip
    return json.dumps(document).encode()


EVENT = {"uid": "e1", "kind": "call", "title": "Call", "starts_at": "2026-05-04T10:00:00",
         "ends_at": "2026-05-04T11:00:00", "attendees": [{"client": "good-1"}]}  # fmt: skip
END = ICS.rindex(b"END:VCALENDAR")

BAD: dict[str, bytes] = {
    # Contacts
    "empty.vcf": b"",
    "binary.vcf": bytes(range(256)) * 8,
    "cut.vcf": VCF[: len(VCF) * 2 // 3],
    "bad_date_last.vcf": cards(200) + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\n"
    b"BDAY:1984-02-30\r\nEND:VCARD\r\n",
    "bad_photo_last.vcf": cards(200) + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\n"
    b"PHOTO;ENCODING=b;TYPE=JPEG:@@not base64@@\r\nEND:VCARD\r\n",
    "version_9.vcf": b"BEGIN:VCARD\r\nVERSION:9.0\r\nFN:Future\r\nEND:VCARD\r\n",
    "card_in_card.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nBEGIN:VCARD\r\nEND:VCARD\r\n",
    "note_too_long_last.vcf": cards(50)
    + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\n"
    + b"NOTE:"
    + b"x" * 250_000
    + b"\r\nEND:VCARD\r\n",
    "ambiguous.csv": b"First Name,Last Name,Birthday\r\nAna,Ruiz,9/8/1980\r\nBo,Li,3/4/1975\r\n",
    "quote_last.csv": OUTLOOK_CSV.rstrip() + b'\r\n"Unclosed,Quote,\r\n',
    "header_only.csv": OUTLOOK_CSV.split(b"\n")[0] + b"\n",
    # Calendars
    "cut.ics": ICS[: len(ICS) // 2],
    "unbalanced.ics": ICS.replace(b"END:VEVENT", b"END:VTODO", 1),
    "after_the_end.ics": ICS + b"BEGIN:VEVENT\r\n",
    "no_events.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
    "bad_start_last.ics": ICS[:END] + b"BEGIN:VEVENT\r\nUID:bad@example.com\r\n"
    b"DTSTART:20261345T250000Z\r\nSUMMARY:Broken\r\nEND:VEVENT\r\n" + ICS[END:],
    "no_start_last.ics": ICS[:END] + b"BEGIN:VEVENT\r\nUID:2027_BIRTHDAY_x@google.com\r\n"
    b"SUMMARY:Someone's birthday\r\nEND:VEVENT\r\n" + ICS[END:],
    # Rapport JSON
    "not_json.json": b'{"format": "rapport", "version": 1, "clients": [',
    "another_program.json": b'{"format": "other", "version": 1}',
    "newer.json": rapport_json(version=2),
    "clients_not_a_list.json": rapport_json(clients={"uid": "x"}),
    "client_without_name.json": rapport_json(clients=[{"uid": "good-1"}]),
    "second_client_bad.json": rapport_json(
        clients=[
            {"uid": "good-1", "name": "Good"},
            {"uid": "x", "name": "Bad", "contact_points": [{"kind": "email", "value": None}]},
        ]
    ),
    "event_backwards.json": rapport_json(events=[EVENT | {"ends_at": "2026-05-04T09:00:00"}]),
    "event_without_title.json": rapport_json(
        events=[{k: v for k, v in EVENT.items() if k != "title"}]
    ),
    "guest_of_nobody.json": rapport_json(events=[EVENT | {"attendees": [{"relative": "x"}]}]),
    "interaction_of_a_list.json": rapport_json(
        interactions=[{"client": ["good-1"], "kind": "call", "occurred_on": "2026-01-02"}]
    ),
    "unknown_gesture.json": rapport_json(
        cadence_rules=[{"client": "good-1", "gesture": "serenade", "interval_days": 7}]
    ),
    "rule_of_no_tier.json": rapport_json(
        cadence_rules=[{"tier": "Z", "gesture": "gift", "interval_days": 7}]
    ),
    "settings_list.json": rapport_json(settings=[]),
    "bad_setting.json": rapport_json(settings={"feb29_rule": "never"}),
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Data in every table (the schema 1 sample, migrated)."""
    path = load_dump(1, tmp_path_factory.mktemp("filled") / "rapport.db")
    db.open_database(path)
    db.close_database()
    return path


@pytest.fixture
def target(filled: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "rapport.db"
    path.parent.mkdir()
    shutil.copyfile(filled, path)
    return path


@pytest.mark.parametrize("name", list(BAD))
def test_a_malformed_file_is_refused_and_writes_nothing(
    name: str, target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    source.write_bytes(BAD[name])
    before = contents(target)
    status = main.main(["--db", str(target), "import", str(source)])
    error = capsys.readouterr().err
    assert status == 1, error
    assert error.count("\n") == 1 and error.startswith(f"rapport: {name} "), error
    assert error.rstrip().endswith("Nothing was imported."), error
    assert contents(target) == before


@pytest.mark.parametrize("bad", ["bad_start_last.ics", "second_client_bad.json"])
def test_a_bad_file_beside_good_ones_imports_none_of_them(
    target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    """The bad file last: a JSON file's records were once checked only when its turn came
    to be written, after the good files before it had gone in."""
    files = {"good.vcf": cards(30), "good.json": rapport_json(), "good.ics": ICS, bad: BAD[bad]}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = contents(target)
    status = main.main(["--db", str(target), "import", *(str(tmp_path / n) for n in files)])
    assert status == 1
    assert capsys.readouterr().err.startswith(f"rapport: {bad} ")
    assert contents(target) == before
    # The good ones alone do go in: the refusal was the bad file's.
    good = [str(tmp_path / name) for name in list(files)[:3]]
    assert main.main(["--db", str(target), "import", *good]) == 0
    assert contents(target) != before
