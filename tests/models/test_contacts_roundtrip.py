"""Contacts out and back in: what vCard (3.0 and 4.0), Google CSV and Rapport's JSON carry
comes back the same, for the sample clients and for generated ones; the shared samples
import end to end, and a second import of a file changes nothing."""

import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from models import (
    client_list,
    clients,
    contacts_export,
    contacts_import,
    db,
    demo,
    exporting,
    importing,
)
from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.dates import PartialDate
from models.vocab import ContactKind, DateKind, Relation
from tests.models.contacts_expected import SAMPLES, expected

TODAY = dt.date(2027, 1, 1)
OPTIONS = importing.Options(start=TODAY, end=TODAY + dt.timedelta(days=365))


def carried(card: ClientCard, fmt: str) -> dict[str, object]:
    """What a format carries of a card (Google CSV: no photo; neither vCard nor CSV: the
    relatives' own dates, tastes, dreams and promises)."""
    return {
        "name": card.name,
        "parts": (card.given_name, card.family_name, card.nickname),
        "work": (card.company, card.job_title),
        "notes": card.notes,
        "points": [(p.kind, p.value, p.label) for p in card.contact_points],
        "dates": sorted((d.kind, d.date.iso(), d.label) for d in card.key_dates),
        "family": [(r.name, r.relation) for r in card.relatives],
        "photo": card.photo if fmt != "csv" else None,
    }


def export_bytes(fmt: str, version: str = "3.0") -> bytes:
    if fmt == "csv":
        head, body, tail = contacts_export.google_csv(None)
    else:
        head, body, tail = contacts_export.vcards(None, version)
    return head + b"".join(body) + tail


def import_into_fresh(data: bytes, path: Path) -> dict[str, ClientCard]:
    db.close_database()
    db.open_database(path)
    found = contacts_import.preview(*contacts_import.read(data))
    assert all(item.match is None for item in found.items), "nobody is anybody else"
    contacts_import.apply(found)
    return {card.name: card for card in clients.load_cards()}


@pytest.mark.parametrize(("fmt", "version"), [("vcf", "3.0"), ("vcf", "4.0"), ("csv", "")])
def test_the_sample_clients_come_back_as_they_left(
    database: db.OpenedDatabase, tmp_path: Path, fmt: str, version: str
) -> None:
    demo.load_sample(TODAY)
    before = {card.name: carried(card, fmt) for card in clients.load_cards()}
    back = import_into_fresh(export_bytes(fmt, version), tmp_path / "back.db")
    assert {name: carried(card, fmt) for name, card in back.items()} == before


@pytest.mark.parametrize(
    "name", ["google.vcf", "outlook_21.vcf", "google_contacts.csv", "outlook_contacts.csv"]
)
def test_each_shared_sample_imports_end_to_end_and_only_once(
    database: db.OpenedDatabase, db_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close_database()
    spec = expected(name.replace(".vcf", ".expected.json").replace(".csv", ".expected.json"))
    source = str(SAMPLES / name)
    assert main.main(["--db", str(db_path), "import", source]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith(f"Imported {len(spec['contacts'])} new client")
    )
    assert main.main(["--db", str(db_path), "import", source]) == 0
    out = capsys.readouterr().out
    assert "new\t" not in out and out.count("adds nothing") == len(spec["contacts"])
    db.open_database(db_path)
    emails = {p.value for card in clients.load_cards() for p in card.contact_points}
    assert {e for c in spec["contacts"] for e in c["emails"]} <= emails


def test_a_clients_vcard_and_json_name_only_them(database: db.OpenedDatabase) -> None:
    demo.load_sample(TODAY)
    rows = client_list.list_clients(TODAY)
    [majo] = contacts_export.find_clients(["maria jose garcia lopez"])
    other = next(r for r in rows if r.id != majo)
    _head, body, _tail = contacts_export.vcards([majo], "3.0")
    text = b"".join(body).decode()
    assert text.count("BEGIN:VCARD") == 1 and other.name not in text
    with pytest.raises(contacts_export.UnknownClientError):
        contacts_export.find_clients(["nobody at all"])


def test_export_files_are_private_and_whole(database: db.OpenedDatabase, tmp_path: Path) -> None:
    demo.load_sample(TODAY)
    out = tmp_path / "out"
    out.mkdir()
    [path] = exporting.write_files(out / "all.vcf", contacts_export.vcards(None, "3.0"))
    assert path.stat().st_mode & 0o777 == 0o600  # personal data: the owner's eyes only
    assert list(out.iterdir()) == [path]


# -- Generated cards ---------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\u0085"
    ),
    max_size=40,
).map(str.strip)
# Line breaks travel as "\n" (a bare CR breaks Outlook's files: ICALENDAR_NOTES.md §1).
_NOTE_CHARACTERS = (
    string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", "") + "éü—"
)
_word = st.text(alphabet=string.ascii_letters + "éñøß王Ж", min_size=1, max_size=12)


@st.composite
def cards(draw: st.DrawFn) -> ClientCard:
    given_name, family_name = draw(_word), draw(_word)
    dates = draw(st.lists(st.sampled_from([DateKind.BIRTHDAY, DateKind.WEDDING_ANNIVERSARY]),
                          unique=True, max_size=2))  # fmt: skip
    return ClientCard(
        name=f"{given_name} {family_name}",
        given_name=given_name,
        family_name=family_name,
        company=draw(_text),
        notes=draw(st.text(alphabet=_NOTE_CHARACTERS, max_size=200)).strip(),
        contact_points=(
            ContactPointData(ContactKind.EMAIL.value, f"{draw(_word).lower()}@example.com", "work"),
            ContactPointData(
                ContactKind.PHONE.value, f"+34 6{draw(st.integers(10**7, 10**8 - 1))}", "mobile"
            ),
        ),
        key_dates=tuple(
            KeyDateData(
                kind.value,
                draw(
                    st.builds(
                        PartialDate,
                        st.integers(1, 12),
                        st.integers(1, 28),
                        st.one_of(st.none(), st.integers(1900, 2020)),
                    )
                ),
            )
            for kind in dates
        ),
        # Two relatives of one name and relation are one (the readers drop the copy).
        relatives=tuple(
            RelativeData(name, relation.value)
            for name, relation in draw(
                st.lists(
                    st.tuples(
                        _word,
                        st.sampled_from(
                            [Relation.SPOUSE, Relation.CHILD, Relation.PARENT, Relation.FRIEND]
                        ),
                    ),
                    max_size=3,
                    unique_by=lambda pair: pair[0],
                )
            )
        ),
        photo=draw(st.one_of(st.none(), st.binary(min_size=1, max_size=300))),
    )


@pytest.mark.parametrize(("fmt", "version"), [("vcf", "3.0"), ("vcf", "4.0"), ("csv", "")])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(card=cards())
def test_generated_cards_round_trip(fmt: str, version: str, card: ClientCard) -> None:
    from models.interop.contacts_csv import read_csv
    from models.interop.contacts_csv_write import write_google_csv
    from models.interop.vcard_read import read_vcards
    from models.interop.vcard_write import write_vcard

    if fmt == "csv":
        [contact] = read_csv(b"".join(write_google_csv([card]))).contacts
    else:
        [contact] = read_vcards(write_vcard(card, version=version)).contacts
    back = contacts_import.card_of(contact)
    assert carried(back, fmt) == carried(card, fmt)
