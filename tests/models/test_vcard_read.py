"""vCard reading: the Google and Outlook samples (copied byte for byte) read as their expected
files say; every vendor quirk of CONTACT_FORMATS.md §3 on small crafted cards; every refusal
names its reason and line; and a file cut short imports nothing."""

from __future__ import annotations

import base64

import pytest

from models.dates import PartialDate
from models.interop.contact import (
    MAX_PROPERTY_BYTES,
    Contact,
    Kin,
    Labeled,
    Unreadable,
    UnreadableContactsError,
)
from models.interop.vcard_read import _pieces, read_vcards
from tests.models.contacts_expected import SAMPLES, expected, mismatches

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4


def card(*lines: str | bytes, version: str = "3.0") -> bytes:
    """One card, CRLF, with BEGIN, VERSION and END around `lines`."""
    body = [b"BEGIN:VCARD", f"VERSION:{version}".encode()]
    body += [line.encode() if isinstance(line, str) else line for line in lines]
    return b"\r\n".join([*body, b"END:VCARD", b""])


def one(*lines: str | bytes, version: str = "3.0") -> Contact:
    [contact] = read_vcards(card(*lines, version=version)).contacts
    return contact


def refusal(data: bytes) -> UnreadableContactsError:
    with pytest.raises(UnreadableContactsError) as caught:
        read_vcards(data)
    return caught.value


# -- The samples -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["google", "outlook_21"])
def test_a_sample_reads_as_its_expected_file_says(name: str) -> None:
    spec = expected(f"{name}.expected.json")
    found = read_vcards((SAMPLES / f"{name}.vcf").read_bytes())
    assert mismatches(found.contacts, spec) == []
    assert found.skipped_empty == spec["skipped_empty"]


def test_the_google_sample_keeps_labels_addresses_and_other_dates() -> None:
    jose, _, zoe, bakery, *_ = read_vcards((SAMPLES / "google.vcf").read_bytes()).contacts
    assert jose.line == 1 and jose.nickname == "Pepe" and jose.job_title == "Owner"
    assert jose.emails == (
        Labeled("jose@cafeole.es", "work"),
        Labeled("pepe.alvarez@gmail.com", "home"),
    )
    assert [p.label for p in jose.phones] == ["cell", "work"]
    assert jose.addresses == (Labeled("Calle de Atocha 12\nMadrid\nMadrid\n28012\nES", "work"),)
    assert jose.websites == (Labeled("https://cafeole.es", "work"),)
    assert jose.photo is None  # Google's photo is a link, never fetched
    assert zoe.other_dates == (("", PartialDate(3, 1, 2018)),)  # X-ABDATE without a label
    assert zoe.anniversary is None
    assert bakery.addresses[0].value == "Sonnenallee 5\nBerlin\n12045\nDE"


def test_the_outlook_sample_keeps_its_photo_and_phone_order() -> None:
    jose = read_vcards((SAMPLES / "outlook_21.vcf").read_bytes()).contacts[0]
    assert jose.photo is not None and jose.photo.startswith(b"\xff\xd8\xff")
    assert jose.phones == (Labeled("+34 915 550 101", "work"), Labeled("+34 612 345 678", "cell"))
    assert jose.addresses[0].value.endswith("28012\nSpain")


@pytest.mark.parametrize("name", ["google", "outlook_21"])
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.8])
def test_a_sample_cut_short_imports_nothing(name: str, fraction: float) -> None:
    data = (SAMPLES / f"{name}.vcf").read_bytes()
    cut = data[: int(len(data) * fraction)]
    found = refusal(cut)
    assert found.reason == Unreadable.TRUNCATED
    last_begin = cut.rindex(b"BEGIN:VCARD")
    assert found.line == cut[:last_begin].count(b"\n") + 1


def test_progress_is_told_after_each_card() -> None:
    data = (SAMPLES / "google.vcf").read_bytes()
    calls: list[tuple[int, int]] = []
    read_vcards(data, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == 7
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (len(data), len(data))


# -- Refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Unreadable.EMPTY),
        (b" \r\n\r\n", Unreadable.EMPTY),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), Unreadable.BINARY),
        (b"\xff\xd8\xff\xe0" + bytes(64), Unreadable.BINARY),
        (b"BEGIN:VCARD\r\n\x00\x01\x02", Unreadable.BINARY),
        (b"Hello,\r\nthis is a letter.\r\n", Unreadable.UNKNOWN_FORMAT),
        (b"First Name,Last Name,E-mail Address\r\nAna,Ruiz,a@b.es\r\n", Unreadable.UNKNOWN_FORMAT),
        (b"BEGIN:VCARD\r\n" + b"NOTE:" + b"x" * (11 * 2**20), Unreadable.TOO_LARGE),
    ],
)
def test_a_file_that_is_no_vcard_is_refused(data: bytes, reason: Unreadable) -> None:
    assert refusal(data).reason == reason


def test_a_card_without_its_end_is_truncated_at_its_begin() -> None:
    data = card("FN:Ana") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bea\r\nTEL:12"
    found = refusal(data)
    assert (found.reason, found.line, found.record) == (Unreadable.TRUNCATED, 5, 2)
    assert found.detail == "the card has no END:VCARD"


def test_a_card_inside_a_card_is_malformed() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n" + card("FN:Bea")
    found = refusal(data)
    assert (found.reason, found.line, found.record) == (Unreadable.MALFORMED, 4, 1)


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        (["FN:Ana", "just some words", "TEL:1"], 4),
        (["FN:Ana", "TEL;TYPE=CELL"], 4),
        (["FN:Ana", "call me: later"], 4),  # a name with a space is no property
    ],
)
def test_a_line_that_is_no_property_is_malformed(lines: list[str], line: int) -> None:
    found = refusal(card(*lines))
    assert (found.reason, found.line, found.record) == (Unreadable.MALFORMED, line, 1)


def test_text_between_cards_or_a_stray_end_is_malformed() -> None:
    assert refusal(card("FN:Ana") + b"NOTE:lost\r\n" + card("FN:Bea")).line == 5
    found = refusal(card("FN:Ana") + b"END:VCARD\r\n")
    assert (found.reason, found.line) == (Unreadable.MALFORMED, 5)


def test_a_photo_that_is_not_base64_is_malformed() -> None:
    found = refusal(card("FN:Ana", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AA*QSk!ZJRg"))
    assert (found.reason, found.line, found.detail) == (
        Unreadable.MALFORMED,
        4,
        "PHOTO is not valid base64",
    )
    assert refusal(card("FN:Ana", "PHOTO:data:image/jpeg;base64,@@@", version="4.0")).line == 4


def test_a_file_of_blank_cards_has_no_contacts() -> None:
    found = refusal(card("FN:", "N:;;;;", "CATEGORIES:myContacts") * 2)
    assert found.reason == Unreadable.NO_CONTACTS


def test_invalid_utf8_is_refused_with_its_line() -> None:
    found = refusal(card("FN:Ana", b"NOTE:caf\xe9 con leche"))
    assert (found.reason, found.line, found.record) == (Unreadable.ENCODING, 4, 1)
    # vCard 2.1 without a CHARSET: no guess either.
    found = refusal(card("FN:Ana", b"N:M\xfcller;Ana", version="2.1"))
    assert (found.reason, found.line) == (Unreadable.ENCODING, 4)
    assert "names no CHARSET" in found.detail


def test_a_value_its_charset_cannot_read_or_an_unknown_charset_is_refused() -> None:
    assert refusal(card(b"FN;CHARSET=UTF-8:M\xfcller", version="2.1")).reason == (
        Unreadable.ENCODING
    )
    found = refusal(card("FN;CHARSET=hex:616e61", version="2.1"))
    assert (found.reason, found.detail) == (Unreadable.ENCODING, "unknown CHARSET hex")


def test_an_impossible_date_is_malformed() -> None:
    found = refusal(card("FN:Ana", "TEL:1", "BDAY:19840230"))
    assert (found.reason, found.line) == (Unreadable.MALFORMED, 5)
    assert "19840230" in found.detail
    assert refusal(card("FN:Ana", "item1.X-ABDATE:2012-13-01")).line == 4


def test_an_unknown_version_is_malformed() -> None:
    found = refusal(card("FN:Ana", version="5.0"))
    assert (found.reason, found.line) == (Unreadable.MALFORMED, 2)


def test_a_property_over_the_limit_is_refused_while_reading() -> None:
    photo = base64.b64encode(bytes(6 * 2**20 * 3 // 4))  # 6 MB of base64
    folded = b"\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    found = refusal(card("FN:Ana", b"PHOTO;ENCODING=b;TYPE=JPEG:" + folded))
    assert (found.reason, found.line) == (Unreadable.PROPERTY_TOO_LARGE, 4)
    unfolded = refusal(card("FN:Ana", "TEL:1", b"NOTE:" + b"x" * (MAX_PROPERTY_BYTES + 1)))
    assert (unfolded.reason, unfolded.line) == (Unreadable.PROPERTY_TOO_LARGE, 5)


# -- Unfolding and decoding ------------------------------------------------------------------


def test_a_long_note_folded_60000_times_is_unfolded_whole() -> None:
    # Linear unfolding: a byte-concatenating loop would take minutes here.
    piece = "0123456789" * 7
    folded = "\r\n ".join([piece] * 60_000)
    contact = one("FN:Ana", "NOTE:" + folded)
    assert contact.notes == piece * 60_000
    assert len(contact.notes) == 4_200_000


def test_a_fold_inside_a_utf8_sequence_is_joined_before_decoding() -> None:
    contact = one(b"FN:Jos\xc3\r\n \xa9 \xc3\x81lvarez", b"NOTE:\xe5\x96\r\n\t\x9c")
    assert contact.full_name == "José Álvarez"
    assert contact.notes == "喜"


def test_lf_line_endings_a_bom_and_utf16_are_read() -> None:
    lf = card("FN:Zoë").replace(b"\r\n", b"\n")
    assert read_vcards(lf).contacts[0].full_name == "Zoë"
    assert read_vcards(b"\xef\xbb\xbf" + lf).contacts[0].full_name == "Zoë"
    utf16 = "\ufeff" + card("FN:Zoë 🌸").decode()
    assert read_vcards(utf16.encode("utf-16-le")).contacts[0].full_name == "Zoë 🌸"


def test_vcard_21_quoted_printable_and_a_charset_per_property() -> None:
    data = card(
        b"N;LANGUAGE=de;CHARSET=Windows-1252:M\xfcller;J\xfcrgen",
        b"ORG;CHARSET=Windows-1251:\xce\xce\xce \xab\xd1\xe5\xe2\xe5\xf0\xbb",
        b"TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=80=BB=E7=BB=8F=E7=90=86",
        b"NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Caf=E9 au lait, no sug=",
        b"ar.=0D=0ASecond line =96 with a dash=",
        b"=0D=0AThird=",
        b" line",
        b"X-MS-SPOUSE;CHARSET=Windows-1251;QUOTED-PRINTABLE:=CD=E8=EA=E8=F2=E0",
        version="2.1",
    )
    [contact] = read_vcards(data).contacts
    assert (contact.given_name, contact.family_name) == ("Jürgen", "Müller")
    assert contact.company == "ООО «Север»"
    assert contact.job_title == "总经理"
    assert contact.notes == "Café au lait, no sugar.\nSecond line – with a dash\nThird line"
    assert contact.family == (Kin("Никита", "spouse"),)


def test_vcard_21_bare_parameters_base64_photo_and_outlook_people() -> None:
    lines = base64.b64encode(JPEG)
    photo = [b" " + lines[i : i + 72] for i in range(0, len(lines), 72)]
    contact = one(
        "FN:Ana Ruiz",
        "TEL;WORK;VOICE:+34 1",
        "TEL;CELL;VOICE:+34 2",
        "TEL;WORK;FAX:+34 3",
        "EMAIL;PREF;INTERNET:ana@example.es",
        b"PHOTO;TYPE=JPEG;ENCODING=BASE64:",
        *photo,
        b"",
        "X-MS-MANAGER:Carla Gil",
        "X-MS-ASSISTANT:Dani Paz",
        "X-MS-ANNIVERSARY:20120908",
        version="2.1",
    )
    assert contact.phones == (
        Labeled("+34 1", "work"),
        Labeled("+34 2", "cell"),
        Labeled("+34 3", "work fax"),
    )
    assert contact.emails == (Labeled("ana@example.es", ""),)
    assert contact.photo == JPEG
    assert contact.family == (Kin("Carla Gil", "colleague"), Kin("Dani Paz", "assistant"))
    assert contact.anniversary == PartialDate(9, 8, 2012)


def test_escapes_of_rfc_6350_and_google() -> None:
    contact = one(
        r"FN:Ana \"La Jefa\" Ruiz",
        r"N:Ruiz\; Gil;Ana;;;",
        r"ORG:Café Olé\, S.L.;Kitchen",
        r"URL:https\://example.es/a\,b",
        r"NOTE:Line one\nLine two\NC:\\temp",
        r"NICKNAME:Anita,La Jefa\, boss",
    )
    assert contact.full_name == 'Ana "La Jefa" Ruiz'
    assert (contact.family_name, contact.given_name) == ("Ruiz; Gil", "Ana")
    assert contact.company == "Café Olé, S.L."
    assert contact.websites == (Labeled("https://example.es/a,b", ""),)
    assert contact.notes == "Line one\nLine two\nC:\\temp"
    assert contact.nickname == "Anita, La Jefa, boss"


# -- Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("BDAY:19840229", PartialDate(2, 29, 1984)),
        ("BDAY:1984-02-29", PartialDate(2, 29, 1984)),
        ("BDAY:--0517", PartialDate(5, 17)),
        ("BDAY:--05-17", PartialDate(5, 17)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17", PartialDate(5, 17)),
        ("BDAY;X-APPLE-OMIT-YEAR=1900:1900-05-17", PartialDate(5, 17)),
        ("BDAY;value=date:1604-06-26", PartialDate(6, 26)),
        ("BDAY:1953-10-15T23:10:00Z", PartialDate(10, 15, 1953)),
        ("BDAY:19531015T231000", PartialDate(10, 15, 1953)),
        ("BDAY;VALUE=text:circa 1800", None),
        ("BDAY:circa 1800", None),
        ("BDAY:---15", None),
        ("BDAY:1985-04", None),
        ("BDAY:", None),
    ],
)
def test_birthdays_as_writers_write_them(line: str, date: PartialDate | None) -> None:
    assert one("FN:Ana", line).birthday == date


def test_apple_dates_by_their_labels() -> None:
    contact = one(
        "FN:Ana",
        "item1.X-ABDATE;type=pref:2012-09-08",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
        "item2.X-ABDATE:20150301",
        "item2.X-ABLabel:Shop opening",
        "item3.X-ABDATE:--1224",
        "item3.X-ABLabel:_$!<Other>!$_",
        "X-ABDATE:20180301",
    )
    assert contact.anniversary == PartialDate(9, 8, 2012)
    assert contact.other_dates == (
        ("Shop opening", PartialDate(3, 1, 2015)),
        ("other", PartialDate(12, 24)),
        ("", PartialDate(3, 1, 2018)),
    )


@pytest.mark.parametrize("name", ["X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY"])
def test_other_writers_anniversaries(name: str) -> None:
    assert one("FN:Ana", f"{name}:2001-06-30").anniversary == PartialDate(6, 30, 2001)


# -- Family and the people around --------------------------------------------------------------


def test_apple_and_google_related_names() -> None:
    contact = one(
        "FN:Ana",
        "item1.X-ABRELATEDNAMES:Luis",
        "item1.X-ABLabel:_$!<Spouse>!$_",
        "item2.X-ABRELATEDNAMES:Marta",
        "item2.X-ABLabel:_$!<Mother>!$_",
        "item3.X-ABRELATEDNAMES:Pablo Ruiz",
        "item3.X-ABLabel:REFERRED_BY",
        "item4.X-ABRELATEDNAMES:Rex",
        "item4.X-ABLabel:Godfather",
        "X-ABRELATEDNAMES:Nobody Labelled",
    )
    assert contact.family == (
        Kin("Luis", "spouse"),
        Kin("Marta", "parent"),
        Kin("Rex", "other"),
        Kin("Nobody Labelled", "other"),
    )
    assert contact.referred_by == "Pablo Ruiz"
    later = one("FN:Ana", "item1.X-ABRELATEDNAMES:Eva", "item1.X-ABLabel:referredBy")
    assert (later.referred_by, later.family) == ("Eva", ())


@pytest.mark.parametrize("line", ["X-SPOUSE:Luis", "X-EVOLUTION-SPOUSE:Luis", "X-MS-SPOUSE:Luis"])
def test_other_writers_spouses(line: str) -> None:
    assert one("FN:Ana", line).family == (Kin("Luis", "spouse"),)


def test_vcard_40_kind_related_anniversary_tel_uri_and_data_photo() -> None:
    photo = base64.b64encode(JPEG).decode()
    contact = one(
        "KIND:org",
        "FN:Panadería Sol",
        "ORG:Panadería Sol",
        "TEL;VALUE=uri;TYPE=work,voice:tel:+34-91-555-0101",
        "EMAIL;TYPE=work;PREF=1:hola@sol.es",
        "ANNIVERSARY:19960415",
        "RELATED;TYPE=spouse;VALUE=text:Luis Sol",
        "RELATED;TYPE=child;VALUE=text:Mar",
        "RELATED;TYPE=co-worker;VALUE=text:Rosa",
        "RELATED;TYPE=friend:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "RELATED;TYPE=sweetheart:http://example.com/directory/jdoe.vcf",
        "RELATED;TYPE=acquaintance;VALUE=text:Someone",
        f"PHOTO:data:image/jpeg;base64,{photo}",
        "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        version="4.0",
    )
    assert contact.is_org and contact.name == "Panadería Sol"
    assert contact.phones == (Labeled("+34-91-555-0101", "work"),)
    assert contact.emails == (Labeled("hola@sol.es", "work"),)
    assert contact.anniversary == PartialDate(4, 15, 1996)
    assert contact.family == (
        Kin("Luis Sol", "spouse"),
        Kin("Mar", "child"),
        Kin("Rosa", "colleague"),
        Kin("Someone", "other"),
    )
    assert contact.photo == JPEG
    assert contact.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def test_apple_company_card_labels_and_inline_photo() -> None:
    photo = base64.b64encode(JPEG)
    folded = b"\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    contact = one(
        "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
        "N:;;;;",
        "FN:Sol S.L.",
        "ORG:Sol S.L.;",
        "X-ABShowAs:COMPANY",
        "item1.EMAIL;type=INTERNET;type=pref:a@sol.es",
        "item1.X-ABLabel:_$!<Other>!$_",
        "item2.TEL:+34 600",
        "item2.X-ABLabel:Warehouse",
        b"PHOTO;ENCODING=b;TYPE=JPEG:" + folded,
    )
    assert contact.is_org and contact.company == "Sol S.L."
    assert contact.emails == (Labeled("a@sol.es", "other"),)
    assert contact.phones == (Labeled("+34 600", "Warehouse"),)
    assert contact.photo == JPEG


@pytest.mark.parametrize(
    "line",
    [
        "PHOTO:https://lh3.googleusercontent.com/contacts/AG6tpzGx0",
        "PHOTO;VALUE=uri:http://example.com/ana.jpg",
        "PHOTO;VALUE=URL;TYPE=JPEG:http://example.com/ana.jpg",
    ],
)
def test_a_photo_link_is_never_fetched(line: str) -> None:
    assert one("FN:Ana", line).photo is None


def test_addresses_become_lines_and_multiple_notes_are_kept() -> None:
    contact = one(
        "FN:Ana",
        r"ADR;TYPE=home:;Flat 3;Calle Mayor 1\nBack door;Madrid;;28013;Spain",
        "NOTE:first",
        "NOTE:second",
    )
    assert contact.addresses == (
        Labeled("Flat 3\nCalle Mayor 1\nBack door\nMadrid\n28013\nSpain", "home"),
    )
    assert contact.notes == "first\nsecond"


def test_cards_keep_their_lines_and_blank_ones_are_counted() -> None:
    data = card("FN:Ana") + card("FN:", "N:;;;;") + b"\r\n" + card("FN:Bea")
    found = read_vcards(data)
    assert [(c.name, c.line) for c in found.contacts] == [("Ana", 1), ("Bea", 11)]
    assert found.skipped_empty == 1


# -- A large file, read in pieces by forked processes -----------------------------------------

# Run where the import command runs it: a fresh process with no threads (this test process
# may have Qt's). Pieces are made tiny, so that a small file is cut at every few cards.
_IN_PIECES = """
import pickle, sys
from models.interop import vcard_read
from models.interop.contact import UnreadableContactsError
vcard_read.PIECE_BYTES = int(sys.argv[1])
progress = []
try:
    found = vcard_read.read_vcards(
        sys.stdin.buffer.read(), processes=int(sys.argv[2]),
        progress=lambda done, total: progress.append((done, total)),
    )
    out = ("read", found.contacts, found.skipped_empty, progress)
except UnreadableContactsError as exc:
    out = ("refused", str(exc), exc.reason, exc.line, exc.record)
sys.stdout.buffer.write(pickle.dumps(out))
"""


def read_in_pieces(data: bytes, processes: int, piece_bytes: int = 64) -> tuple:
    import pickle
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _IN_PIECES, str(piece_bytes), str(processes)],
        input=data, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return pickle.loads(done.stdout)


def mixed_file() -> bytes:
    """Google's 3.0 cards and Outlook's 2.1 ones (quoted-printable, other charsets), a blank
    card and LF line ends among CR LF ones: line numbers that only a right count keeps."""
    google = (SAMPLES / "google.vcf").read_bytes()
    outlook = (SAMPLES / "outlook_21.vcf").read_bytes()
    blank = card("FN:", "N:;;;;")
    return google + outlook + blank + google.replace(b"\r\n", b"\n") + outlook + google


def test_a_file_read_in_pieces_gives_what_it_gives_read_whole() -> None:
    data = mixed_file()
    whole = read_vcards(data)
    kind, contacts, skipped, progress = read_in_pieces(data, processes=4)
    assert kind == "read"
    assert contacts == whole.contacts  # their lines too: each piece counts from its start
    assert skipped == whole.skipped_empty > 0
    # Four pieces: the first reports card by card, the other three once each.
    first_piece = [done for done, _ in progress[:-3]]
    assert len(progress) < data.count(b"BEGIN:VCARD")
    assert first_piece == sorted(first_piece) and progress[-1] == (len(data), len(data))
    assert [total for _, total in progress] == [len(data)] * len(progress)


def test_a_bad_card_in_a_later_piece_is_named_as_when_read_whole() -> None:
    data = mixed_file() + card("FN:Late", "BDAY:1990-13-45")
    expected = refusal(data)
    assert read_in_pieces(data, processes=3) == (
        "refused", str(expected), expected.reason, expected.line, expected.record
    )  # fmt: skip
    assert expected.record == data.count(b"BEGIN:VCARD")


def test_a_begin_line_inside_a_soft_break_is_read_as_when_read_whole() -> None:
    """A quoted-printable value whose soft break takes the next line in, though that line
    says BEGIN:VCARD: a piece may start there, and the file must read as it reads whole."""
    soft = card("FN:Ana", "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9 =", version="2.1")
    data = (
        (SAMPLES / "google.vcf").read_bytes() + soft.replace(b"END:VCARD\r\n", b"") + card("FN:Bea")
    )
    whole = read_vcards(data)
    assert whole.contacts[-1].full_name == "Ana"  # one card: Bea's lines are Ana's note's
    processes = data.count(b"BEGIN:VCARD")
    bea = data.rindex(b"BEGIN:VCARD")
    assert bea in [start for start, _, _ in _pieces(data, processes)]  # a piece starts there
    kind, contacts, skipped, _ = read_in_pieces(data, processes)
    assert (kind, contacts, skipped) == ("read", whole.contacts, whole.skipped_empty)


_HANDED_ON = """
import pickle, sys
from models.interop import vcard_read
vcard_read.PIECE_BYTES = 64
data = sys.stdin.buffer.read()
told = []
pieces = vcard_read.read_pieces(data, processes=3, progress=lambda done, _: told.append(done))
first = next(pieces)
handed = max(told)  # how far into the file progress had gone when the first came
second = vcard_read._pieces(data, 3)[1][0]
out = ([first.contacts] + [p.contacts for p in pieces], handed, second)
sys.stdout.buffer.write(pickle.dumps(out))
"""


def test_a_file_is_handed_on_a_piece_at_a_time_in_order() -> None:
    import pickle
    import subprocess
    import sys

    data = mixed_file()
    done = subprocess.run(
        [sys.executable, "-c", _HANDED_ON], input=data, capture_output=True, check=True, timeout=60
    )
    pieces, handed, second = pickle.loads(done.stdout)
    assert len(pieces) == 3 and all(pieces)
    # The first piece came before the others were asked for: not after the whole file.
    assert handed == second < len(data)
    assert [c for piece in pieces for c in piece] == read_vcards(data).contacts


def test_a_small_file_is_read_in_one_piece() -> None:
    data = mixed_file()
    *_, progress = read_in_pieces(data, processes=4, piece_bytes=len(data))
    assert len(progress) == data.count(b"BEGIN:VCARD")  # card by card: no forked process
