"""The importers fuzzed with hypothesis (issue 8, "Prove it" 11): random bytes, and the
sample files of tests/data/interop/ (and a Rapport JSON export) mutated byte by byte,
line by line and, for JSON, node by node. Each reader either imports the file or refuses
it with the app's own typed error (a RapportError: UnreadableContactsError,
UnreadableCalendarError, UnreadableJsonError, ValidationError), never another exception
and never a hang (inputs stay under a few kB; any example over HANG seconds fails). A file
refused leaves the database as it was.

Readers: models/interop/contact.py (detect), vcard_read, contacts_csv, ics_read, json_io;
and the whole path the import command takes (models/importing.py load and apply) into a
database. Examples per target: CI 40-100 (derandomized: the same each run); `make stress`
800-2,000, random.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import client_list, clients, db, importing, json_io
from models.entities import database
from models.errors import RapportError, StorageError
from models.interop import contact, contacts_csv, ics_read, vcard_read
from tests.reliability.helpers import STRESS, load_dump, rounds

INTEROP = Path(__file__).parents[1] / "data" / "interop"
SAMPLES = {
    path.name: path.read_bytes()
    for path in sorted(INTEROP.rglob("*"))
    if path.suffix in (".vcf", ".csv", ".ics")
}
HANG = 20  # seconds: far beyond any example, so only a hang trips it
START, END = dt.date(2000, 1, 1), dt.date(2040, 1, 1)  # every sample event is read


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=rounds(examples, examples * 20),
        deadline=None,
        derandomize=not STRESS,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Hang(Exception):  # noqa: N818 (what it is)
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def hang(signum: int, frame: object) -> None:
        raise Hang(f"no answer in {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused_or_read(read: Callable[[], object]) -> RapportError | None:
    """None when `read` returned; the typed error when it refused. Anything else (a
    crash, a hang, a storage failure) fails the example."""
    try:
        with time_limit(HANG):
            read()
    except StorageError:
        raise  # the database failing is not a refusal of the file
    except RapportError as exc:
        return exc
    return None


# -- Inputs -----------------------------------------------------------------------------

TOKENS = [
    b"\r\n", b"\n", b"\r", b" ", b"\t", b":", b";", b",", b"=", b'"', b"\\", b"\x00", b"\xff",
    b"\xc3", b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xff\xfe",
    b"BEGIN:VCARD", b"END:VCARD", b"VERSION:2.1", b"VERSION:4.0", b"VERSION:9",
    b";ENCODING=QUOTED-PRINTABLE:", b";ENCODING=b:", b";CHARSET=cp1251:", b";CHARSET=hex:",
    b"=\r\n", b"=C3=", b"item1.", b"item1.X-ABLabel:", b"BDAY:", b"BDAY:--0229",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-30", b"0000-00-00", b"1984-02-30", b"PHOTO:data:",
    b"PHOTO;ENCODING=b:@@@", b"RELATED;VALUE=uri:urn:x", b"X-ABRELATEDNAMES:", b"NOTE:",
    b"BEGIN:VCALENDAR", b"END:VCALENDAR", b"BEGIN:VEVENT", b"END:VEVENT", b"BEGIN:VALARM",
    b"END:VALARM", b"BEGIN:VTIMEZONE", b"END:VTIMEZONE", b"BEGIN:STANDARD", b"DTSTART:",
    b"DTSTART;VALUE=DATE:", b"DTSTART;TZID=Nowhere/Zone:", b"DTEND:", b"DURATION:-P1D",
    b"DURATION:P99999D", b"99999999", b"20260229", b"20261301", b"T250000Z", b"T000000Z",
    b"RRULE:FREQ=YEARLY", b"RRULE:FREQ=SECONDLY", b";COUNT=0", b";UNTIL=19000101",
    b";BYMONTHDAY=-1", b";BYMONTH=2;BYMONTHDAY=30", b";BYSETPOS=-1", b";INTERVAL=0",
    b"EXDATE:", b"RDATE:", b"RECURRENCE-ID:", b";RANGE=THISANDFUTURE", b"TRIGGER:-PT15M",
    b"TRIGGER:P", b"ATTENDEE;CN=x:mailto:", b"UID:", b"_BIRTHDAY_", b"@google.com",
    b"STATUS:CANCELLED", b"X-WR-TIMEZONE:", b"SUMMARY:Birthday", b"TZOFFSETTO:+9999",
    b"First Name", b"E-mail 1 - Value", b"Birthday", b" ::: ", b"9/8/2012", b"31.02.1999",
    b"0/0/00", b'""', b'"\r\n', b"Relation 1 - Label", b"Event 1 - Value",
    b"{", b"}", b"[", b"]", b'"format": "rapport"', b'"version": 1', b"null", b"1e999",
]  # fmt: skip


@st.composite
def mutated(draw: Any, samples: dict[str, bytes]) -> bytes:
    data = bytearray(samples[draw(st.sampled_from(sorted(samples)))])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        span = draw(st.integers(0, 64))
        payload = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        match draw(st.sampled_from(["insert", "delete", "replace", "copy", "cut", "lines"])):
            case "insert":
                data[at:at] = payload
            case "delete":
                del data[at : at + span]
            case "replace":
                data[at : at + len(payload)] = payload
            case "copy":
                data[at:at] = data[at : at + span * 4]
            case "cut":
                del data[at:]
            case "lines":
                lines = bytes(data).split(b"\n")
                n, m = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
                choice = draw(st.sampled_from(["drop", "twice", "swap", "value"]))
                if choice == "drop":
                    del lines[n]
                elif choice == "twice":
                    lines.insert(m, lines[n])
                elif choice == "swap":
                    lines[n], lines[m] = lines[m], lines[n]
                else:  # the same property with another value
                    name = lines[n].split(b":", 1)[0]
                    lines[n] = name + b":" + payload + b"\r"
                data = bytearray(b"\n".join(lines))
    return bytes(data)


def any_file(samples: dict[str, bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), mutated(samples))


CONTACTS = {k: v for k, v in SAMPLES.items() if k.endswith((".vcf", ".csv"))}
VCARDS = {k: v for k, v in SAMPLES.items() if k.endswith(".vcf")}
CSVS = {k: v for k, v in SAMPLES.items() if k.endswith(".csv")}
CALENDARS = {k: v for k, v in SAMPLES.items() if k.endswith(".ics")}


# -- The readers alone ---------------------------------------------------------------------


@fuzz(100)
@given(any_file(SAMPLES))
def test_detect_names_a_format_or_refuses(data: bytes) -> None:
    refused_or_read(lambda: contact.detect(data))


@fuzz(100)
@given(any_file(VCARDS))
def test_the_vcard_reader_reads_or_refuses(data: bytes) -> None:
    refused_or_read(lambda: vcard_read.read_vcards(data))


@fuzz(100)
@given(any_file(CSVS), st.sampled_from([None, True, False]))
def test_the_csv_reader_reads_or_refuses(data: bytes, day_first: bool | None) -> None:
    refused_or_read(lambda: contacts_csv.read_csv(data, day_first=day_first))


@fuzz(50)
@given(any_file(CALENDARS))
def test_the_calendar_reader_reads_or_refuses(data: bytes) -> None:
    refused_or_read(lambda: ics_read.read(data, START, END))


# -- What fuzzing found ------------------------------------------------------------------


def _calendar(*lines: bytes) -> bytes:
    event = b"".join(line + b"\r\n" for line in lines)
    return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n" + event
            + b"END:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip


FOUND_CALENDARS = {  # each raised out of the reader before models/interop/ics_read.py caught it
    "empty yearly start (BrokenCalendarProperty)": _calendar(
        b"UID:a", b"DTSTART;VALUE=DATE:", b"RRULE:FREQ=YEARLY", b"SUMMARY:x"
    ),
    "series without a start (KeyError)": _calendar(b"UID:b", b"RRULE:FREQ=WEEKLY", b"SUMMARY:x"),
    "start of text (TypeError)": _calendar(b"UID:c", b"DTSTART;VALUE=TEXT:soon", b"SUMMARY:x"),
    "two starts, no UID (AttributeError)": _calendar(
        b"DTSTART:20260504T100000Z", b"DTSTART:20260505T100000Z", b"SUMMARY:x"
    ),
    "Google birthday without a start (KeyError)": _calendar(
        b"UID:2027_BIRTHDAY_x@google.com", b"SUMMARY:x's birthday"
    ),
}


@pytest.mark.parametrize("name", list(FOUND_CALENDARS))
def test_calendars_fuzzing_found_are_refused_as_damaged(name: str) -> None:
    with pytest.raises(ics_read.UnreadableCalendarError) as refused:
        ics_read.read(FOUND_CALENDARS[name], START, END)
    assert refused.value.reason is ics_read.Unreadable.DAMAGED


_EVENT = {"uid": "e", "kind": "call", "title": "t", "starts_at": "2026-01-01T10:00:00",
          "ends_at": "2026-01-01T11:00:00"}  # fmt: skip


def _document(**changes: object) -> bytes:
    document = {"format": "rapport", "version": 1, "clients": [{"uid": "u", "name": "N"}]}
    return json.dumps(document | changes).encode()


FOUND_DOCUMENTS = {  # each raised out of json_io (TypeError, KeyError, AttributeError)
    "rule of tier true": _document(
        cadence_rules=[{"tier": True, "gesture": "gift", "interval_days": 9}]
    ),
    "rule of a list of clients": _document(
        cadence_rules=[{"client": ["u"], "gesture": "gift", "interval_days": 9}]
    ),
    "contact point of no value": _document(
        clients=[{"uid": "u", "name": "N", "contact_points": [{"kind": "email", "value": None}]}]
    ),
    "clients not a list": _document(clients=5),
    "event not an object": _document(events=[1]),
    "event of a list of UIDs": _document(
        events=[
            {
                "uid": ["x"],
                "kind": "call",
                "title": "t",
                "starts_at": "2026-01-01T10:00:00",
                "ends_at": "2026-01-01T11:00:00",
            }
        ]
    ),
    "settings a list": _document(settings=[]),
    "client of a list of UIDs": _document(clients=[{"uid": ["u"], "name": "N"}]),
    "a key date's UID twice (IntegrityError)": _document(
        clients=[
            {
                "uid": "u",
                "name": "N",
                "key_dates": [{"uid": "k", "kind": "birthday", "date": "1980-01-02"}],
            },
            {
                "uid": "v",
                "name": "M",
                "key_dates": [{"uid": "k", "kind": "birthday", "date": "1981-01-02"}],
            },
        ]
    ),
    "an event's UID twice (IntegrityError)": _document(events=[_EVENT, _EVENT]),
    "an event of no time zone (IntegrityError)": _document(events=[_EVENT | {"timezone": None}]),
    "an event in a list of places (AttributeError)": _document(
        events=[_EVENT | {"location": ["here", "there"]}]
    ),
    "a tier of a list of labels": _document(tiers=[{"name": "A", "label": ["Key"]}]),
    "a taste that used to be null (IntegrityError)": _document(
        clients=[
            {
                "uid": "u",
                "name": "N",
                "preferences": [
                    {
                        "category": "drink",
                        "value": "Tea",
                        "history": [{"old_value": None, "changed_on": "2026-01-01"}],
                    }
                ],
            }
        ]
    ),
}


@pytest.mark.parametrize("name", list(FOUND_DOCUMENTS))
def test_documents_fuzzing_found_are_refused(name: str, database: db.OpenedDatabase) -> None:
    with pytest.raises(json_io.UnreadableJsonError):
        json_io.apply(json_io.read(FOUND_DOCUMENTS[name]))
    assert client_list.client_count() == 0


# -- JSON, node by node, into a database -------------------------------------------------


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats()
    | st.text(max_size=12) | st.sampled_from(["", "2026-02-29", "--02-29", "birthday", "call"]),
    _containers,
    max_leaves=8,
)  # fmt: skip


def nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from nodes(inner, (*path, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from nodes(inner, (*path, n))


@st.composite
def mutated_json(draw: Any, document: dict[str, Any]) -> bytes:
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(nodes(document))[1:]))
        *above, last = path
        parent = document
        for step in above:
            parent = parent[step]
        if draw(st.booleans()):
            parent[last] = draw(JSON_VALUES)
        else:
            del parent[last]
    return json.dumps(document).encode()


def json_sample(folder: Path) -> dict[str, Any]:
    """Everything a Rapport JSON file holds: the schema 1 sample (clients, relatives,
    dates, tastes, promises, an event with guests, the log, tiers and rules)."""
    path = load_dump(1, folder / "sample" / "rapport.db")
    db.open_database(path)
    try:
        return json.loads(b"".join(json_io.export()))
    finally:
        db.close_database()


def counts() -> tuple[int, ...]:
    """Rows of each table, as the import's own connection sees them."""
    return tuple(
        database.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("client", "contact_point", "relative", "key_date", "preference", "setting",
                  "event", "event_attendee", "interaction", "tier", "cadence_rule")
    )  # fmt: skip


def test_rapport_json_mutated_is_imported_or_refused_whole(tmp_path: Path) -> None:
    sample = json_sample(tmp_path)
    path = tmp_path / "fuzz" / "rapport.db"
    db.open_database(path)
    clients.create_client("Already here")

    @fuzz(80)
    @given(st.one_of(mutated_json(sample), mutated({"sample.json": json.dumps(sample).encode()})))
    def imported_or_refused(data: bytes) -> None:
        def read() -> None:
            json_io.apply(json_io.read(data))

        with database.atomic() as each:  # every example starts from the same database
            before = counts()
            refused = refused_or_read(read)
            if refused is not None:
                assert counts() == before
            outcomes.add(refused is None)
            each.rollback()

    outcomes: set[bool] = set()
    try:
        imported_or_refused()
    finally:
        db.close_database()
    assert outcomes == {True, False}  # some imported, some refused: the fuzzing reached both


# -- The whole import path ------------------------------------------------------------------


def test_the_import_command_path_imports_or_refuses_whole(tmp_path: Path) -> None:
    path = tmp_path / "fuzz" / "rapport.db"
    db.open_database(path)
    clients.create_client("Ana Ruiz")  # someone for a merge to find
    source = tmp_path / "file"
    options = importing.Options(start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1))

    @fuzz(40)
    @given(any_file(SAMPLES), st.sampled_from([None, True]))
    def imported_or_refused(data: bytes, day_first: bool | None) -> None:
        source.write_bytes(data)

        def run() -> None:
            loaded = importing.load(source, replace(options, day_first=day_first), None)
            importing.apply(loaded, None)

        with database.atomic() as each:  # every example starts from the same database
            before = counts()
            refused = refused_or_read(run)
            if refused is not None:
                assert counts() == before
            outcomes.add(refused is None)
            each.rollback()

    outcomes: set[bool] = set()
    try:
        imported_or_refused()
    finally:
        db.close_database()
    assert outcomes == {True, False}  # some imported, some refused: the fuzzing reached both
