"""The import command: any file Rapport reads, recognised from its content; a bad file is
refused with its reason and the database is left as it was, even beside good files."""

import sqlite3
from pathlib import Path

import pytest

import main
from models import clients, db
from models.cards import ClientCard, ContactPointData

CONTACTS = Path(__file__).parent.parent / "data" / "interop" / "contacts"
GOOD = (CONTACTS / "google.vcf").read_bytes()
BAD = {
    "empty.vcf": (b"", "is empty"),
    "header_only.csv": ((CONTACTS / "google_contacts.csv").read_bytes().split(b"\n")[0] + b"\n",
                        "column names but no contacts"),
    "semicolons.csv": (b"First Name;Last Name;E-mail Address\r\nAna;Ruiz;ana@x.example\r\n",
                       "semicolons or tabs"),
    "truncated.vcf": (GOOD[: len(GOOD) // 2], "cut off"),
    "binary.vcf": (bytes(range(256)) * 4, "not a text file"),
    "photo.vcf": (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a text file"),
    "quotes.csv": (b'First Name,Last Name\r\n"Ana,Ruiz\r\n', "never closed"),
    "latin1.csv": ("First Name,Last Name\r\nRené,Müller\r\n".encode("cp1252"), "not in UTF-8"),
    "huge_photo.vcf": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b:"
                       + b"A" * (6 * 1024 * 1024) + b"\r\nEND:VCARD\r\n", "over 5 MB"),
    "notes.txt": (b"Remember to call Ana.\n", "none of the files Rapport imports"),
}  # fmt: skip


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT * FROM client ORDER BY id").fetchall()


@pytest.fixture
def one_client(database: db.OpenedDatabase, db_path: Path) -> Path:
    clients.save_card(ClientCard(name="Already here"))
    db.close_database()
    return db_path


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_contacts_file_is_refused_with_its_reason(
    one_client: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, words = BAD[name]
    source = tmp_path / name
    source.write_bytes(data)
    before = rows(one_client)
    assert main.main(["--db", str(one_client), "import", str(source)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"rapport: {name} ") and words in error, error
    assert error.rstrip().endswith("Nothing was imported.")
    assert rows(one_client) == before


def test_one_bad_file_among_good_ones_imports_none(
    one_client: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "good.vcf", tmp_path / "bad.vcf"
    good.write_bytes(GOOD)
    bad.write_bytes(GOOD[:500])
    before = rows(one_client)
    assert main.main(["--db", str(one_client), "import", str(good), str(bad)]) == 1
    assert "bad.vcf" in capsys.readouterr().err
    assert rows(one_client) == before
    assert main.main(["--db", str(one_client), "import", str(good), str(good), "--dry-run"]) == 0
    assert rows(one_client) == before


def test_the_command_says_what_becomes_of_each_contact(
    database: db.OpenedDatabase, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contact kept apart from a namesake is a new client, and the command says so."""
    clients.save_card(
        ClientCard(name="Maria Garcia", contact_points=(ContactPointData("email", "m@a.example"),))
    )
    db.close_database()
    cards = tmp_path / "three.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:María García\r\nEMAIL:maria@b.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maria Garcia\r\nNOTE:met at the fair\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert main.main(["--db", str(db_path), "import", str(cards)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "new\tMaría García\tkept apart from Maria Garcia (same name, here; nothing else in common)",
        "merge\tMaria Garcia\tinto Maria Garcia (same name, here)\tadds notes",
        "new\tAna Ruiz",
    ]
    assert lines[3] == "Imported 2 new clients, merged 1 contact into clients, skipped 0."
