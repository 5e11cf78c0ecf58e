"""Odd text (issue 8, "Prove it" 8): a note as long as a note may be, NUL and other control
characters, a right-to-left override, a ZWJ emoji family, the same name in NFC and in NFD,
SQL-looking text, quotes, commas, semicolons and backslashes. Each goes through save and
load, search (models/search.py and the client list's filter) and every export format, and
comes back exactly.

What a format cannot carry, by design:
- vCard, CSV and iCalendar hold no control characters but TAB and the newline (RFC 6350
  §3.3, RFC 5545 §3.3.11, and the importers of other programs): the writers leave them
  out (models/interop/vcard_write.py `without_controls`, models/interop/ics.py). Before,
  one client with a NUL made the whole export a file Rapport's own importer refused as
  binary. Rapport's JSON carries every character: it is the exact copy.
- NFC and NFD stay as they were typed (two clients, two different names); search folds
  both to the same letters.
- A note is at most NOTES_MAX (200,000) characters: 0.6 MB of UTF-8 in emoji and accents
  round-trips; a note of 1 MiB characters is refused (ValidationError, nothing written).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from models import client_list, clients, contacts_export, db, events, ics_export, json_io, search
from models.cards import ClientCard, ContactPointData, PreferenceData, RelativeData
from models.errors import Problem, ValidationError
from models.interop import contacts_csv, ics_read, vcard_read
from models.interop.vcard_write import without_controls
from models.validation import NOTES_MAX

ODD = {
    "nul": "before\x00after",
    "controls": "bell\x07 escape\x1b delete\x7f tab\t end",
    "rlo": "\u202egnp.exe",
    "zwj": "👨\u200d👩\u200d👧\u200d👦 family",
    "nfc": unicodedata.normalize("NFC", "José Müller"),
    "nfd": unicodedata.normalize("NFD", "José Müller"),
    "sql": "'); DROP TABLE client;--",
    "quoted": 'Bobby "Tables" O\'Brien, Jr.; C:\\new\\table',
}
TODAY = dt.date(2026, 3, 1)


def card_of(key: str, text: str) -> ClientCard:
    return ClientCard(
        name=f"{key} {text}",
        company=text,
        job_title=text,
        nickname=text,
        notes=f"{text}\nsecond line {text}",
        contact_points=(
            ContactPointData("address", f"{text}\n1 Odd Street", text),
            ContactPointData("email", f"{key}@example.com", text),
        ),
        relatives=(RelativeData(f"{text} junior", "child", text),),
        preferences=(PreferenceData("drink", text, text),),
    )


@pytest.fixture
def odd_cards(database: db.OpenedDatabase) -> dict[str, ClientCard]:
    return {key: clients.save_card(card_of(key, text), today=TODAY) for key, text in ODD.items()}


def written(card: ClientCard) -> tuple[object, ...]:
    return (
        card.name, card.company, card.job_title, card.nickname, card.notes,
        [(c.kind, c.value, c.label) for c in card.contact_points],
        [(r.name, r.relation, r.notes) for r in card.relatives],
        [(p.category, p.value, p.note) for p in card.preferences],
    )  # fmt: skip


def test_odd_text_is_saved_and_loaded_exactly(odd_cards: dict[str, ClientCard]) -> None:
    for key, text in ODD.items():
        assert written(clients.load_card(odd_cards[key].id)) == written(card_of(key, text)), key
    assert client_list.client_count() == len(ODD)  # and the client table is still there
    nfc, nfd = clients.load_card(odd_cards["nfc"].id), clients.load_card(odd_cards["nfd"].id)
    assert nfc.company != nfd.company  # kept as typed, not normalised


def test_the_longest_note_round_trips_and_a_longer_one_is_refused(
    database: db.OpenedDatabase,
) -> None:
    longest = ("📇é" * NOTES_MAX)[:NOTES_MAX]  # 0.6 MB of UTF-8, across every fold
    saved = clients.save_card(ClientCard(name="Long notes", notes=longest), today=TODAY)
    assert clients.load_card(saved.id).notes == longest
    edited = clients.save_card(replace(saved, notes=longest[::-1]), today=TODAY)
    assert clients.load_card(edited.id).notes == longest[::-1]
    [back] = vcard_read.read_vcards(exported("vcf")).contacts
    assert back.notes == longest[::-1]
    [back] = contacts_csv.read_csv(exported("csv")).contacts
    assert back.notes == longest[::-1]
    assert json_io.read(exported("json"))["clients"][0]["notes"] == longest[::-1]
    with pytest.raises(ValidationError) as refused:
        clients.create_client("Too long", notes="x" * 2**20, today=TODAY)
    assert (refused.value.field, refused.value.problem) == ("notes", Problem.TOO_LONG)
    assert client_list.client_count() == 1


SEARCHES = {
    "jose": {"nfc", "nfd"},
    unicodedata.normalize("NFC", "José"): {"nfc", "nfd"},
    unicodedata.normalize("NFD", "José"): {"nfc", "nfd"},
    "MÜLLER": {"nfc", "nfd"},
    "gnp.exe": {"rlo"},
    "\u202egnp": {"rlo"},
    "👨\u200d👩\u200d👧\u200d👦": {"zwj"},
    "👧": {"zwj"},
    "drop table client": {"sql"},
    "');": {"sql"},
    "before\x00after": {"nul"},
    '"tables" o\'brien': {"quoted"},
    "c:\\new": {"quoted"},
}


def test_search_finds_odd_text_and_both_normal_forms(odd_cards: dict[str, ClientCard]) -> None:
    rows = client_list.list_clients(TODAY)
    for query, expected in SEARCHES.items():
        terms = search.query_terms(query)
        found = {
            row.name.split(" ", 1)[0] for row in rows if search.matches(row.search_text, terms)
        }
        assert found == expected, query


def test_the_client_list_filter_finds_them_too(
    odd_cards: dict[str, ClientCard], qapp: object
) -> None:
    from ui.client_table_model import ClientTableModel

    model = ClientTableModel()
    model.set_rows(client_list.list_clients(TODAY), TODAY)
    by_id = {card.id: key for key, card in odd_cards.items()}
    for query, expected in SEARCHES.items():
        model.set_filter(query)
        assert {by_id[model.client_id(row)] for row in range(model.rowCount())} == expected, query


def exported(kind: str, version: str = "3.0") -> bytes:
    if kind == "vcf":
        head, body, tail = contacts_export.vcards(None, version)
    elif kind == "csv":
        head, body, tail = contacts_export.google_csv(None)
    else:
        head, body, tail = contacts_export.rapport_json(None)
    return head + b"".join(body) + tail


@pytest.mark.parametrize("kind", ["vcf-3.0", "vcf-4.0", "csv"])
def test_vcard_and_csv_carry_odd_text_and_leave_out_control_characters(
    odd_cards: dict[str, ClientCard], kind: str
) -> None:
    if kind == "csv":
        read = contacts_csv.read_csv(exported("csv")).contacts
    else:
        read = vcard_read.read_vcards(exported("vcf", kind.removeprefix("vcf-"))).contacts
    assert len(read) == len(ODD)
    for contact, (key, text) in zip(read, ODD.items(), strict=True):
        text = without_controls(text)
        assert "\x00" not in text and "\x07" not in text and "\t" in ODD["controls"]
        assert contact.name == f"{key} {text}", key
        assert (contact.company, contact.job_title) == (text, text), key
        assert contact.notes == f"{text}\nsecond line {text}", key
        assert [a.value for a in contact.addresses] == [f"{text}\n1 Odd Street"], key
        assert [e.label for e in contact.emails] == [text], key
        assert [k.name for k in contact.family] == [f"{text} junior"], key
        if kind != "csv":  # Google's CSV has a Nickname column, read as such below
            assert contact.nickname == text, key


def test_rapport_json_carries_every_character_back_into_a_new_database(
    odd_cards: dict[str, ClientCard], tmp_path: Path
) -> None:
    data = exported("json")
    db.open_database(tmp_path / "other.db")
    json_io.apply(json_io.read(data))
    for key, text in ODD.items():
        [card] = [c for c in clients.load_cards() if c.name == f"{key} {text}"]
        assert written(card) == written(card_of(key, text)), key


def test_icalendar_carries_odd_event_titles_and_descriptions(
    database: db.OpenedDatabase,
) -> None:
    start = dt.datetime(2026, 5, 4, 19, 30)
    for n, (key, text) in enumerate(ODD.items()):
        events.create_event(
            events.EventData(
                kind="thank_you_meal",
                title=f"{key} {text}",
                starts_at=start + dt.timedelta(days=n),
                ends_at=start + dt.timedelta(days=n, hours=2),
                timezone="Europe/Paris",
                location=text,
                description=f"{text}\nsecond line {text}",
            ),
            today=TODAY,
        )
    options = ics_export.ExportOptions(
        events_from=dt.date(2026, 5, 1), events_to=dt.date(2026, 6, 1), zone="Europe/Paris"
    )
    head, body, tail = ics_export.export(options, dt.datetime(2026, 3, 1, 12))
    data = head + b"".join(body) + tail
    read = ics_read.read(data, dt.date(2026, 5, 1), dt.date(2026, 6, 1)).events
    assert len(read) == len(ODD)
    for event, (key, text) in zip(sorted(read, key=lambda e: e.start), ODD.items(), strict=True):
        text = without_controls(text)
        # A title is one line: the reader joins runs of white space (a TAB) into one space.
        assert event.title == " ".join(f"{key} {text}".split()), key
        assert (event.location, event.description) == (text, f"{text}\nsecond line {text}"), key
