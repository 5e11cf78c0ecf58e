"""The vCard and Google CSV writers, read back by parsers that are not ours (vobject, the
csv module) and checked byte by byte against shared/interop/CONTACT_FORMATS.md: CRLF,
75-octet folding that never cuts a UTF-8 character, dates without a year, Apple's items."""

import base64
import csv
import io
import random
from collections import defaultdict

import pytest
import vobject

from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.dates import PartialDate
from models.interop.contacts_csv_write import write_google_csv
from models.interop.vcard_write import fold, write_vcard, write_vcards

PHOTO = b"\xff\xd8\xff" + random.Random(7).randbytes(2000)
NOTES = (
    "Likes Albariño, not Rioja; ask about C:\\Users\\share.\n"
    "Second line: 王秀英 introduced us 🎉👨‍👩‍👧 — café at 10:30\n"
    "\n"
    "Trailing backslash \\"
)
COMPANY = "Müller, Schmidt & Co; \\ 株式会社"
ADDRESS = "Calle Mayor 1, 3º B\n28013 Madrid; España"

FULL = ClientCard(
    name="María José Ōtake-García",
    nickname="Majo, la jefa",
    company=COMPANY,
    job_title="CEO; Europe, Middle East",
    notes=NOTES,
    photo=PHOTO,
    uid="0f3b6c2e9a1d4e7f8b5c6d7e8f9a0b1c",
    contact_points=(
        ContactPointData("email", "majo@example.com", "Work"),
        ContactPointData("email", "maría@ejemplo.es", "home"),
        ContactPointData("email", "m.garcia@paris.example", "Paris office"),
        ContactPointData("phone", "+34 600 000 001", "Mobile"),
        ContactPointData("phone", "+34 910 000 002", "Work fax"),
        ContactPointData("phone", "+34 910 000 003"),
        ContactPointData("address", ADDRESS, "Home"),
        ContactPointData("web", "https://example.com/majo?a=1,b=2"),
    ),
    key_dates=(
        KeyDateData("birthday", PartialDate(2, 29, 1984)),
        KeyDateData("wedding_anniversary", PartialDate(6, 21)),
        KeyDateData("business_anniversary", PartialDate(3, 1, 2010)),
        KeyDateData("name_day", PartialDate(3, 19)),
        KeyDateData("custom", PartialDate(12, 24, 2019), label="Début, 🎄; primera cena"),
    ),
    relatives=(
        RelativeData(
            "Lucía", "child", key_dates=(KeyDateData("birthday", PartialDate(1, 15, 2015)),)
        ),
        RelativeData("Jean-Luc O'Brien", "spouse"),
        RelativeData("Ana", "parent"),
        RelativeData("Bo", "sibling"),
        RelativeData("Kim", "partner"),
        RelativeData("Tom", "grandchild"),
        RelativeData("Pat", "friend"),
        RelativeData("Rex", "pet"),
    ),
)
LEAP = ClientCard(
    name="王秀英",
    given_name="秀英",
    family_name="王",
    key_dates=(
        KeyDateData("birthday", PartialDate(2, 29)),
        KeyDateData("wedding_anniversary", PartialDate(9, 8, 2012)),
    ),
    contact_points=(ContactPointData("phone", "+86 10 1234 5678", "cell"),),
)
PLAIN = ClientCard(name="Madonna", notes="One line\r\nand a Windows line end")
CARDS = (FULL, LEAP, PLAIN)

GOOGLE_FIXED = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels",
]  # fmt: skip


def parse(data: bytes) -> vobject.base.Component:
    return vobject.readOne(data.decode("utf-8"))


def unfolded(data: bytes) -> list[bytes]:
    """Content lines, unfolded on bytes (RFC 6350 §3.2), without the CRLF."""
    return data.replace(b"\r\n ", b"").split(b"\r\n")[:-1]


def items(card: vobject.base.Component) -> dict[str, dict[str, object]]:
    """Apple's item groups: {"item1": {"X-ABDATE": line, "X-ABLABEL": line}}."""
    found: dict[str, dict[str, object]] = defaultdict(dict)
    for line in card.getChildren():
        if line.group:
            found[line.group][line.name] = line
    return found


def pairs(card: vobject.base.Component, name: str) -> list[tuple[str, str]]:
    return [
        (group[name].value, group["X-ABLABEL"].value)
        for group in items(card).values()
        if name in group
    ]


# -- Physical form -------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("card", CARDS, ids=["full", "leap", "plain"])
def test_lines_are_crlf_folded_at_75_octets_on_character_boundaries(
    card: ClientCard, version: str
) -> None:
    data = write_vcard(card, version=version)
    data.decode("utf-8")  # strict: the whole card is valid UTF-8
    assert data.startswith(b"BEGIN:VCARD\r\nVERSION:" + version.encode() + b"\r\n")
    assert data.endswith(b"\r\nEND:VCARD\r\n")
    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    for line in physical[:-1]:
        assert b"\r" not in line and b"\n" not in line
        assert 0 < len(line) <= 75
        line.decode("utf-8")  # no line starts or ends inside a character


def test_the_full_card_is_folded_and_unfolds_to_what_was_written() -> None:
    data = write_vcard(FULL)
    continuations = [line for line in data.split(b"\r\n") if line.startswith(b" ")]
    assert len(continuations) > 30  # the photo alone takes 2.7 KB of base64
    assert b"".join(data.split(b"\r\n ")).decode("utf-8").count("\r\n") == len(unfolded(data))


@pytest.mark.parametrize("offset", range(4))
@pytest.mark.parametrize("char", ["é", "王", "😀", "👨‍👩‍👧"])
def test_fold_never_cuts_a_character(offset: int, char: str) -> None:
    line = "NOTE:" + "a" * offset + char * 60
    data = fold(line)
    physical = data.split(b"\r\n")[:-1]
    assert len(physical) > 1
    for n, part in enumerate(physical):
        assert len(part) <= 75
        assert part.decode("utf-8")
        assert part.startswith(b" ") == (n > 0)
    assert data.replace(b"\r\n ", b"") == line.encode() + b"\r\n"


@pytest.mark.parametrize("offset", range(3))
def test_fold_keeps_an_escape_on_one_line(offset: int) -> None:
    line = "NOTE:" + "x" * offset + "\\,\\\\" * 40
    physical = fold(line).split(b"\r\n")[:-1]
    for part in physical[:-1]:
        trailing = len(part) - len(part.rstrip(b"\\"))
        assert trailing % 2 == 0, part
    assert fold(line).replace(b"\r\n ", b"") == line.encode() + b"\r\n"


# -- vCard 3.0 -----------------------------------------------------------------------------


def test_vcard3_reads_back_names_and_text() -> None:
    card = parse(write_vcard(FULL))
    assert card.version.value == "3.0"
    assert card.prodid.value == "-//Rapport//Rapport 0.1//EN"
    assert card.fn.value == "María José Ōtake-García"
    # No given or family name on the card: the last word is the family name.
    assert (card.n.value.family, card.n.value.given) == ("Ōtake-García", "María José")
    assert card.nickname.value == "Majo, la jefa"
    assert card.org.value == [COMPANY]
    assert card.title.value == "CEO; Europe, Middle East"
    assert card.note.value == NOTES
    assert card.uid.value == FULL.uid
    assert card.photo.value == PHOTO
    assert card.photo.params == {"ENCODING": ["b"], "TYPE": ["JPEG"]}


def test_vcard3_names_from_the_card_and_one_word() -> None:
    leap, plain = parse(write_vcard(LEAP)), parse(write_vcard(PLAIN))
    assert (leap.n.value.family, leap.n.value.given) == ("王", "秀英")
    assert (plain.n.value.family, plain.n.value.given) == ("", "Madonna")
    assert plain.note.value == "One line\nand a Windows line end"
    assert not hasattr(plain, "photo") and not hasattr(plain, "uid")


def test_vcard3_contact_points_and_their_types() -> None:
    card = parse(write_vcard(FULL))
    emails = {line.value: line for line in card.contents["email"]}
    assert list(emails) == ["majo@example.com", "maría@ejemplo.es", "m.garcia@paris.example"]
    assert emails["majo@example.com"].params["TYPE"] == ["INTERNET", "WORK"]
    assert emails["maría@ejemplo.es"].params["TYPE"] == ["INTERNET", "HOME"]
    # A label vCard has no TYPE for stays as text in an Apple item.
    assert ("m.garcia@paris.example", "Paris office") in pairs(card, "EMAIL")
    phones = {line.value: line.params.get("TYPE") for line in card.contents["tel"]}
    assert phones == {
        "+34 600 000 001": ["CELL"],
        "+34 910 000 002": ["WORK", "FAX"],
        "+34 910 000 003": None,
    }
    (address,) = card.contents["adr"]
    assert address.value.street == ADDRESS
    assert address.params["TYPE"] == ["HOME"]
    assert card.url.value == "https://example.com/majo?a=1,b=2"


def test_vcard3_dates() -> None:
    card = parse(write_vcard(FULL))
    assert card.bday.value == "1984-02-29"
    assert card.bday.params == {}
    assert sorted(pairs(card, "X-ABDATE")) == sorted(
        [
            ("1604-06-21", "_$!<Anniversary>!$_"),
            ("2010-03-01", "Business anniversary"),
            ("1604-03-19", "Name day"),
            ("2019-12-24", "Début, 🎄; primera cena"),
        ]
    )
    omitted = [
        group["X-ABDATE"].params
        for group in items(card).values()
        if "X-ABDATE" in group and group["X-ABDATE"].value.startswith("1604")
    ]
    assert omitted == [{"X-APPLE-OMIT-YEAR": ["1604"]}] * 2
    leap = parse(write_vcard(LEAP))
    assert leap.bday.value == "1604-02-29"
    assert leap.bday.params == {"X-APPLE-OMIT-YEAR": ["1604"]}
    assert b"\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in write_vcard(LEAP)
    assert pairs(leap, "X-ABDATE") == [("2012-09-08", "_$!<Anniversary>!$_")]


def test_vcard3_relatives_without_their_dates() -> None:
    data = write_vcard(FULL)
    assert pairs(parse(data), "X-ABRELATEDNAMES") == [
        ("Lucía", "_$!<Child>!$_"),
        ("Jean-Luc O'Brien", "_$!<Spouse>!$_"),
        ("Ana", "_$!<Parent>!$_"),
        ("Bo", "sibling"),
        ("Kim", "_$!<Partner>!$_"),
        ("Tom", "grandchild"),
        ("Pat", "_$!<Friend>!$_"),
        ("Rex", "pet"),
    ]
    # vCard cannot attach a date to a related name: Lucía's birthday is not written.
    text = b"\n".join(line for line in unfolded(data) if not line.startswith(b"PHOTO"))
    assert b"2015" not in text and b"01-15" not in text


def test_vcard3_escapes_only_text() -> None:
    lines = unfolded(write_vcard(FULL))
    assert "ORG:Müller\\, Schmidt & Co\\; \\\\ 株式会社".encode() in lines
    assert b"item1.EMAIL;TYPE=INTERNET:m.garcia@paris.example" in lines
    assert b"item1.X-ABLabel:Paris office" in lines
    assert b"URL:https://example.com/majo?a=1\\,b=2" in lines  # as Google writes it
    assert b"N:\xc5\x8ctake-Garc\xc3\xada;Mar\xc3\xada Jos\xc3\xa9;;;" in lines
    assert "ADR;TYPE=HOME:;;Calle Mayor 1\\, 3º B\\n28013 Madrid\\; España;;;;".encode() in lines


def test_write_vcards_streams_one_card_at_a_time() -> None:
    chunks = list(write_vcards(iter(CARDS)))
    assert chunks == [write_vcard(card) for card in CARDS]
    cards = list(vobject.readComponents(b"".join(chunks).decode("utf-8")))
    assert [card.fn.value for card in cards] == ["María José Ōtake-García", "王秀英", "Madonna"]


@pytest.mark.parametrize("version", ["2.1", "4", "", "3.0 "])
def test_other_versions_are_refused(version: str) -> None:
    with pytest.raises(ValueError, match="version"):
        write_vcard(PLAIN, version=version)
    with pytest.raises(ValueError, match="version"):
        write_vcards(CARDS, version=version)  # at once, before the first card


# -- vCard 4.0 -----------------------------------------------------------------------------


def test_vcard4_reads_back() -> None:
    data = write_vcard(FULL, version="4.0")
    card = parse(data)
    assert card.version.value == "4.0"
    assert card.kind.value == "individual"
    assert card.fn.value == "María José Ōtake-García"
    assert card.note.value == NOTES
    assert card.org.value == [COMPANY]
    assert [line.value for line in card.contents["email"]][:2] == [
        "majo@example.com",
        "maría@ejemplo.es",
    ]
    assert card.contents["email"][0].params["TYPE"] == ["work"]
    assert card.bday.value == "19840229"
    assert card.anniversary.value == "--0621"
    assert ("2019-12-24", "Début, 🎄; primera cena") in pairs(card, "X-ABDATE")
    assert "_$!<Anniversary>!$_" not in [label for _, label in pairs(card, "X-ABDATE")]
    assert card.uid.value == FULL.uid
    assert card.uid.params == {"VALUE": ["text"]}


def test_vcard4_unknown_year_feb_29() -> None:
    lines = unfolded(write_vcard(LEAP, version="4.0"))
    assert b"BDAY:--0229" in lines
    assert b"ANNIVERSARY:20120908" in lines
    assert not any(b"1604" in line for line in lines)


def test_vcard4_related() -> None:
    lines = unfolded(write_vcard(FULL, version="4.0"))
    related = [line.decode() for line in lines if line.startswith(b"RELATED")]
    assert related == [
        "RELATED;TYPE=child;VALUE=text:Lucía",
        "RELATED;TYPE=spouse;VALUE=text:Jean-Luc O'Brien",
        "RELATED;TYPE=parent;VALUE=text:Ana",
        "RELATED;TYPE=sibling;VALUE=text:Bo",
        "RELATED;TYPE=sweetheart;VALUE=text:Kim",
        "RELATED;TYPE=friend;VALUE=text:Pat",
    ]
    # Relations RFC 6350 has no type for keep their word as Apple's labelled items.
    labelled = [line.decode().split(".", 1)[1] for line in lines if b".X-AB" in line]
    assert "X-ABRELATEDNAMES:Tom" in labelled and "X-ABRELATEDNAMES:Rex" in labelled


def test_vcard4_photo_is_a_data_uri() -> None:
    (photo,) = [line for line in unfolded(write_vcard(FULL, version="4.0")) if b"PHOTO" in line]
    prefix = b"PHOTO:data:image/jpeg;base64,"
    assert photo.startswith(prefix)
    assert base64.b64decode(photo[len(prefix) :], validate=True) == PHOTO


# -- Google CSV ----------------------------------------------------------------------------


def read_csv(chunks: list[bytes]) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def test_google_csv_bytes() -> None:
    chunks = list(write_google_csv(iter(CARDS)))
    assert len(chunks) == 1 + len(CARDS)  # the header, then one row per card
    assert chunks[0].startswith(b"First Name,Middle Name,Last Name,")
    assert not chunks[0].startswith(b"\xef\xbb\xbf")
    for chunk in chunks:
        chunk.decode("utf-8")
        assert chunk.endswith(b"\r\n")
        assert b"\r" not in chunk[:-2]  # line ends inside notes are LF, in quotes


def test_google_csv_header() -> None:
    header, _ = read_csv(list(write_google_csv(CARDS)))
    assert header[: len(GOOGLE_FIXED)] == GOOGLE_FIXED
    groups = header[len(GOOGLE_FIXED) :]
    assert groups[:6] == [
        "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value",
        "E-mail 3 - Label", "E-mail 3 - Value",
    ]  # fmt: skip
    assert "E-mail 4 - Value" not in header
    assert "Phone 3 - Value" in header and "Phone 4 - Value" not in header
    assert header[header.index("Address 1 - Label") :][:9] == [
        "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
        "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region",
        "Address 1 - Postal Code", "Address 1 - Country", "Address 1 - Extended Address",
    ]  # fmt: skip
    order = ["E-mail 1", "Phone 1", "Address 1", "Relation 1", "Website 1", "Event 1"]
    firsts = [header.index(f"{group} - Label") for group in order]
    assert firsts == sorted(firsts)
    assert "Relation 8 - Value" in header and "Relation 9 - Value" not in header
    assert "Event 4 - Value" in header and "Event 5 - Value" not in header


def test_google_csv_leaves_out_groups_nobody_uses() -> None:
    header, rows = read_csv(list(write_google_csv([PLAIN])))
    assert header == GOOGLE_FIXED
    assert rows[0]["First Name"] == "Madonna"
    assert rows[0]["Notes"] == "One line\nand a Windows line end"
    header, rows = read_csv(list(write_google_csv([])))
    assert (header, rows) == (GOOGLE_FIXED, [])


def test_google_csv_values() -> None:
    _, (full, leap, plain) = read_csv(list(write_google_csv(CARDS)))
    assert (full["First Name"], full["Last Name"]) == ("María José", "Ōtake-García")
    assert (leap["First Name"], leap["Last Name"]) == ("秀英", "王")
    assert full["Nickname"] == "Majo, la jefa"
    assert full["Organization Name"] == COMPANY
    assert full["Organization Title"] == "CEO; Europe, Middle East"
    assert full["Notes"] == NOTES  # several lines, quotes and commas survive
    assert full["Birthday"] == "1984-02-29"
    assert leap["Birthday"] == " --02-29"
    assert plain["Birthday"] == ""
    assert {row["Labels"] for row in (full, leap, plain)} == {"* myContacts"}
    assert {row["Photo"] for row in (full, leap, plain)} == {""}
    assert [(full[f"E-mail {n} - Label"], full[f"E-mail {n} - Value"]) for n in (1, 2, 3)] == [
        ("Work", "majo@example.com"),
        ("Home", "maría@ejemplo.es"),
        ("Paris office", "m.garcia@paris.example"),
    ]
    assert [(full[f"Phone {n} - Label"], full[f"Phone {n} - Value"]) for n in (1, 2, 3)] == [
        ("Mobile", "+34 600 000 001"),
        ("Work Fax", "+34 910 000 002"),
        ("", "+34 910 000 003"),
    ]
    assert (leap["Phone 1 - Label"], leap["Phone 2 - Value"]) == ("Mobile", "")
    assert full["Address 1 - Label"] == "Home"
    assert full["Address 1 - Formatted"] == full["Address 1 - Street"] == ADDRESS
    assert full["Website 1 - Value"] == "https://example.com/majo?a=1,b=2"
    assert [(full[f"Relation {n} - Label"], full[f"Relation {n} - Value"]) for n in (1, 2, 8)] == [
        ("Child", "Lucía"),
        ("Spouse", "Jean-Luc O'Brien"),
        ("Pet", "Rex"),
    ]
    assert [(full[f"Event {n} - Label"], full[f"Event {n} - Value"]) for n in range(1, 5)] == [
        ("Anniversary", " --06-21"),
        ("Business anniversary", "2010-03-01"),
        ("Name day", " --03-19"),
        ("Début, 🎄; primera cena", "2019-12-24"),
    ]
    assert (leap["Event 1 - Label"], leap["Event 1 - Value"]) == ("Anniversary", "2012-09-08")
    assert "2015-01-15" not in full.values()  # a relative's birthday has no column
