"""Google and Outlook CSV files read into Contact values: the shared samples, the legacy
UTF-16 Google export, encodings, the day/month order of Outlook dates, and each refusal."""

from __future__ import annotations

import csv
import io
import random

import pytest

from models.dates import PartialDate
from models.interop.contact import Kin, Labeled, Unreadable, UnreadableContactsError
from models.interop.contacts_csv import read_csv
from tests.models.contacts_expected import SAMPLES, expected, mismatches

GOOGLE_SAMPLE = (SAMPLES / "google_contacts.csv").read_bytes()
OUTLOOK_SAMPLE = (SAMPLES / "outlook_contacts.csv").read_bytes()
OUTLOOK_HEADER = next(csv.reader(io.StringIO(OUTLOOK_SAMPLE.decode("utf-8-sig"))))
OUTLOOK_DEFAULTS = {
    "Gender": "Unspecified",
    "Priority": "Normal",
    "Private": "False",
    "Sensitivity": "Normal",
    "Birthday": "0/0/00",
    "Anniversary": "0/0/00",
}
GOOGLE_HEADER = [
    "First Name", "Middle Name", "Last Name", "Name Prefix", "Organization Name",
    "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
    "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label", "Address 1 - Formatted",
    "Address 1 - Street", "Address 1 - City", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Relation 1 - Label", "Relation 1 - Value", "Relation 2 - Label",
    "Relation 2 - Value", "Event 1 - Label", "Event 1 - Value", "Event 2 - Label",
    "Event 2 - Value",
]  # fmt: skip
LEGACY_HEADER = [
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
    "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials",
    "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
    "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby",
    "Sensitivity", "Priority", "Subject", "Notes", "Group Membership", "E-mail 1 - Type",
    "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Type",
    "Organization 1 - Name", "Organization 1 - Title", "Relation 1 - Type",
    "Relation 1 - Value", "Event 1 - Type", "Event 1 - Value",
]  # fmt: skip


def _table(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row.get(name, "") for name in header] for row in rows)
    return out.getvalue()


def _google(*rows: dict[str, str]) -> bytes:
    return _table(GOOGLE_HEADER, list(rows)).encode()


def _outlook(*rows: dict[str, str]) -> bytes:
    return _table(OUTLOOK_HEADER, [OUTLOOK_DEFAULTS | row for row in rows]).encode()


def _refusal(
    data: bytes, *, day_first: bool | None = None, encoding: str | None = None
) -> UnreadableContactsError:
    with pytest.raises(UnreadableContactsError) as caught:
        read_csv(data, day_first=day_first, encoding=encoding)
    return caught.value


# -- The shared samples --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["google_contacts", "outlook_contacts"])
def test_sample_reads_as_expected(name: str) -> None:
    spec = expected(f"{name}.expected.json")
    found = read_csv((SAMPLES / f"{name}.csv").read_bytes())
    assert mismatches(found.contacts, spec) == []
    assert found.skipped_empty == spec["skipped_empty"]


def test_google_sample_keeps_labels_places_dates_and_physical_lines() -> None:
    contacts = read_csv(GOOGLE_SAMPLE).contacts
    jose, xiaoming, zoe, bakery, priya, _ = contacts
    assert [c.line for c in contacts] == [2, 7, 9, 10, 14, 16]
    assert jose.emails[0] == Labeled("jose@cafeole.es", "Work")  # "* Work" is primary
    assert jose.addresses == (Labeled("Calle de Atocha 12\n28012 Madrid\nES", "Work"),)
    assert jose.websites == (Labeled("https://cafeole.es", "Work"),)
    assert jose.nickname == "Pepe"
    assert jose.job_title == "Owner"
    assert jose.photo is None  # a URL, never fetched
    assert zoe.other_dates == (("Other", PartialDate(3, 1, 2018)),)
    assert zoe.anniversary is None
    assert bakery.is_org and bakery.name == "Bäckerei Sonnenschein GmbH"
    assert priya.name == "Priya Raman"
    assert xiaoming.name == "王小明"


def test_outlook_sample_labels_phones_by_column_and_joins_addresses() -> None:
    contacts = read_csv(OUTLOOK_SAMPLE).contacts
    jose = contacts[0]
    assert [c.line for c in contacts] == [2, 5, 7, 8, 10, 12]
    assert jose.phones == (Labeled("+34 915 550 101", "work"), Labeled("+34 612 345 678", "mobile"))
    assert jose.addresses == (Labeled("Calle de Atocha 12\n28012 Madrid\nMadrid\nSpain", "work"),)
    assert jose.websites == (Labeled("https://cafeole.es"),)
    assert "\r" not in jose.notes


def test_explicit_utf8_still_drops_the_bom() -> None:
    assert read_csv(OUTLOOK_SAMPLE, encoding="utf-8") == read_csv(OUTLOOK_SAMPLE)


# -- Encodings -----------------------------------------------------------------------------


def _legacy_file() -> str:
    return _table(
        LEGACY_HEADER,
        [
            {
                "Name": "Anna Müller", "Given Name": "Anna", "Family Name": "Müller",
                "Birthday": "1980-03-22", "Group Membership": "* My Contacts ::: Friends",
                "E-mail 1 - Type": "* Home", "E-mail 1 - Value": "anna@example.de",
                "Organization 1 - Name": "Müller AG", "Organization 1 - Title": "CEO",
                "Relation 1 - Type": "Spouse", "Relation 1 - Value": "Jörg Müller",
                "Event 1 - Type": "Anniversary", "Event 1 - Value": "2004-06-12",
            },
            {"Name": "李雷", "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+86 139 0000 0000"},
        ],
    )  # fmt: skip


def test_legacy_google_utf16_with_bom_reads() -> None:
    anna, li = read_csv(b"\xff\xfe" + _legacy_file().encode("utf-16-le")).contacts
    assert (anna.full_name, anna.given_name, anna.family_name) == ("Anna Müller", "Anna", "Müller")
    assert (anna.company, anna.job_title) == ("Müller AG", "CEO")
    assert anna.emails == (Labeled("anna@example.de", "Home"),)
    assert anna.birthday == PartialDate(3, 22, 1980)
    assert anna.anniversary == PartialDate(6, 12, 2004)
    assert anna.family == (Kin("Jörg Müller", "spouse"),)
    assert li.name == "李雷"
    assert li.phones == (Labeled("+86 139 0000 0000", "Mobile"),)


def test_utf16_without_bom_is_refused() -> None:
    refused = _refusal(_legacy_file().encode("utf-16-le"))
    assert refused.reason in (Unreadable.BINARY, Unreadable.ENCODING)


def _cp1252_outlook() -> tuple[bytes, list[int]]:
    """The Outlook sample with only the rows cp1252 can hold, and which those were."""
    header, *rows = csv.reader(io.StringIO(OUTLOOK_SAMPLE.decode("utf-8-sig"), newline=""))
    kept = []
    for n, row in enumerate(rows):
        try:
            ",".join(row).encode("cp1252")
        except UnicodeEncodeError:
            continue
        kept.append(n)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([header, *(rows[n] for n in kept)])
    return out.getvalue().encode("cp1252"), kept


def test_cp1252_outlook_is_refused_unless_the_person_names_the_encoding() -> None:
    data, kept = _cp1252_outlook()
    assert kept == [0, 2, 4, 5]  # José, the empty row, the bakery, Priya
    assert _refusal(data).reason is Unreadable.ENCODING
    found = read_csv(data, encoding="cp1252")
    contacts = expected("outlook_contacts.expected.json")["contacts"]
    assert mismatches(found.contacts, {"contacts": [contacts[n] for n in (0, 3, 4)]}) == []
    assert found.skipped_empty == 1


def test_an_unknown_encoding_name_is_refused() -> None:
    assert _refusal(OUTLOOK_SAMPLE, encoding="no-such-codec").reason is Unreadable.ENCODING


# -- Outlook fields ------------------------------------------------------------------------


def test_outlook_family_emails_and_two_digit_years() -> None:
    data = _outlook(
        {
            "Title": "Dr.", "First Name": "Ann", "Middle Name": "Marie", "Last Name": "Lee",
            "Suffix": "Jr.", "Home Street": "1 Main St", "Home Street 2": "Apt 4",
            "Home City": "Springfield", "Home State": "IL", "Home Postal Code": "62701",
            "E-mail Address": "/o=Org/ou=Exchange/cn=Recipients/cn=ann", "E-mail Type": "EX",
            "E-mail 2 Address": "ann@example.com", "E-mail 2 Type": "SMTP",
            "Children": "Tom; Sue, Max", "Spouse": "Bob Lee", "Assistant's Name": "Kim",
            "Manager's Name": "Pat", "Referred By": "Dana", "Birthday": "2/29/84",
            "Anniversary": "12/1/05", "Web Page": "https://ann.example",
        },
        {"First Name": "Old", "Birthday": "12/24/1604", "Anniversary": "1/1/4501"},
    )  # fmt: skip
    ann, old = read_csv(data).contacts
    assert (ann.given_name, ann.family_name, ann.name) == ("Ann Marie", "Lee", "Ann Marie Lee Jr.")
    assert ann.emails == (Labeled("ann@example.com"),)
    assert ann.addresses == (Labeled("1 Main St\nApt 4\n62701 Springfield\nIL", "home"),)
    assert ann.family == (
        Kin("Bob Lee", "spouse"), Kin("Tom", "child"), Kin("Sue", "child"),
        Kin("Max", "child"), Kin("Kim", "assistant"), Kin("Pat", "colleague"),
    )  # fmt: skip
    assert ann.referred_by == "Dana"
    assert ann.websites == (Labeled("https://ann.example"),)
    assert (ann.birthday, ann.anniversary) == (PartialDate(2, 29, 1984), PartialDate(12, 1, 2005))
    assert (old.birthday, old.anniversary) == (PartialDate(12, 24), None)


def test_outlook_com_short_header() -> None:
    header = ["First Name", "Last Name", "Nickname", "E-mail Address", "Mobile Phone",
              "Personal Web Page", "Birthday", "Notes"]  # fmt: skip
    row = {"First Name": "Eve", "Nickname": "Evie", "E-mail Address": "eve@example.com",
           "Mobile Phone": "+1 555 0100", "Personal Web Page": "https://eve.example",
           "Birthday": "12/25/1990", "Notes": "Met at the fair"}  # fmt: skip
    (eve,) = read_csv(_table(header, [row]).encode()).contacts
    assert (eve.name, eve.nickname, eve.notes) == ("Eve", "Evie", "Met at the fair")
    assert eve.phones == (Labeled("+1 555 0100", "mobile"),)
    assert eve.websites == (Labeled("https://eve.example", "personal"),)
    assert eve.birthday == PartialDate(12, 25, 1990)


# -- Google fields -------------------------------------------------------------------------


def test_google_relations_events_and_addresses_from_parts() -> None:
    data = _google(
        {
            "First Name": "Ann", "Middle Name": "Marie", "Last Name": "Lee",
            "Name Prefix": "Dr.", "Photo": "https://lh3.googleusercontent.com/x",
            "Phone 1 - Label": "* Mobile", "Phone 1 - Value": "+1 555 0100 ::: +1 555 0101",
            "Address 1 - Label": "Home", "Address 1 - Street": "1 Main St",
            "Address 1 - City": "Springfield", "Address 1 - Postal Code": "62701",
            "Address 1 - Country": "US", "Relation 1 - Label": "Referred by",
            "Relation 1 - Value": "Dana", "Relation 2 - Label": "Godfather",
            "Relation 2 - Value": "Vito ::: Michael", "Event 1 - Label": "Graduation",
            "Event 1 - Value": " --06-01", "Event 2 - Label": "anniversary",
            "Event 2 - Value": "2001-05-05",
        }
    )  # fmt: skip
    (ann,) = read_csv(data).contacts
    assert (ann.given_name, ann.name) == ("Ann Marie", "Ann Marie Lee")
    assert ann.phones == (Labeled("+1 555 0100", "Mobile"), Labeled("+1 555 0101", "Mobile"))
    assert ann.addresses == (Labeled("1 Main St\n62701 Springfield\nUS", "Home"),)
    assert ann.referred_by == "Dana"
    assert ann.family == (Kin("Vito", "other"), Kin("Michael", "other"))
    assert ann.other_dates == (("Graduation", PartialDate(6, 1)),)
    assert ann.anniversary == PartialDate(5, 5, 2001)
    assert ann.photo is None


def test_google_columns_in_any_order_give_the_same_contacts() -> None:
    header, *rows = csv.reader(io.StringIO(GOOGLE_SAMPLE.decode(), newline=""))
    order = list(range(len(header)))
    random.Random(7).shuffle(order)
    assert order != sorted(order)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [row[i] for i in order] for row in [header, *rows]
    )
    assert read_csv(out.getvalue().encode()) == read_csv(GOOGLE_SAMPLE)


def test_google_template_spelling() -> None:
    header = ["Email 1 - Label", "Email 1 - Value", "First Name", "Last Name", "Labels"]
    row = {"Email 1 - Label": "Work", "Email 1 - Value": "ann@example.com", "First Name": "Ann"}
    (ann,) = read_csv(_table(header, [row]).encode()).contacts
    assert ann.emails == (Labeled("ann@example.com", "Work"),)
    assert ann.name == "Ann"


def test_a_note_longer_than_the_csv_modules_default_limit_is_kept() -> None:
    note = "x" * 200_000
    (ann,) = read_csv(_google({"First Name": "Ann", "Notes": note})).contacts
    assert ann.notes == note


# -- Date order ----------------------------------------------------------------------------


def test_day_first_dates_are_proven_by_the_file() -> None:
    data = _outlook(
        {"First Name": "Ann", "Birthday": "29.02.1984", "Anniversary": "3.4.2010"},
        {"First Name": "Bob", "Birthday": "31/12/1990"},
    )
    ann, bob = read_csv(data).contacts
    assert (ann.birthday, ann.anniversary) == (PartialDate(2, 29, 1984), PartialDate(4, 3, 2010))
    assert bob.birthday == PartialDate(12, 31, 1990)


AMBIGUOUS = _outlook(
    {"First Name": "Ann", "Anniversary": "1/1/2000"},  # the same read either way
    {"First Name": "Bob", "Anniversary": "9/8/2012", "Birthday": "3/4/1980"},
)


def test_ambiguous_dates_are_refused_without_the_persons_answer() -> None:
    refused = _refusal(AMBIGUOUS)
    assert refused.reason is Unreadable.AMBIGUOUS_DATES
    assert (refused.detail, refused.line) == ("3/4/1980", 3)


@pytest.mark.parametrize(
    ("day_first", "anniversary", "birthday"),
    [(True, PartialDate(8, 9, 2012), PartialDate(4, 3, 1980)),
     (False, PartialDate(9, 8, 2012), PartialDate(3, 4, 1980))],
)  # fmt: skip
def test_ambiguous_dates_follow_the_persons_answer(
    day_first: bool, anniversary: PartialDate, birthday: PartialDate
) -> None:
    _, bob = read_csv(AMBIGUOUS, day_first=day_first).contacts
    assert (bob.anniversary, bob.birthday) == (anniversary, birthday)


def test_the_files_proof_outweighs_the_answer() -> None:
    data = _outlook({"First Name": "Ann", "Birthday": "12/31/1990", "Anniversary": "9/8/2012"})
    (ann,) = read_csv(data, day_first=True).contacts
    assert ann.anniversary == PartialDate(9, 8, 2012)


def test_contradictory_date_orders_are_refused() -> None:
    data = _outlook(
        {"First Name": "Ann", "Birthday": "31/12/1990"},
        {"First Name": "Bob", "Birthday": "12/31/1990"},
    )
    refused = _refusal(data, day_first=True)
    assert (refused.reason, refused.line) == (Unreadable.MALFORMED, 3)
    assert "31/12/1990" in refused.detail and "12/31/1990" in refused.detail


@pytest.mark.parametrize("value", ["1984-02-30", "circa 1980", "2/30/1984"])
def test_an_invalid_date_names_its_line_and_value(value: str) -> None:
    data = _google({"First Name": "Ann", "Notes": "two\nlines"}, {"Birthday": value})
    refused = _refusal(data)
    assert (refused.reason, refused.line) == (Unreadable.MALFORMED, 4)
    assert value in refused.detail


# -- Refusals ------------------------------------------------------------------------------

GOOD_ROW = '"Ann","Lee","ann@example.com"\r\n'
HEADER = '"First Name","Last Name","E-mail Address"\r\n'
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (b"", Unreadable.EMPTY, None),
        (b" \r\n\r\n", Unreadable.EMPTY, None),
        (b"\xef\xbb\xbf", Unreadable.EMPTY, None),
        (HEADER.encode(), Unreadable.HEADER_ONLY, None),
        ((HEADER + "\r\n\r\n").encode(), Unreadable.HEADER_ONLY, None),
        (b"First Name;Last Name;E-mail Address\r\nAnn;Lee;a@b.c\r\n", Unreadable.DELIMITER,
         None),
        (b"First Name\tLast Name\tE-mail Address\r\nAnn\tLee\ta@b.c\r\n", Unreadable.DELIMITER,
         None),
        ((HEADER + GOOD_ROW + '"Bob,Ray,bob@example.com\r\n').encode(),
         Unreadable.UNBALANCED_QUOTES, 3),
        ((HEADER + GOOD_ROW + '"Bob,Ray,bob@example.com\r\n' + GOOD_ROW).encode(),
         Unreadable.UNBALANCED_QUOTES, 3),
        ((HEADER + '"Ann"x,"Lee","a@b.c"\r\n').encode(), Unreadable.MALFORMED, 2),
        ((HEADER + GOOD_ROW + '"Bob","Ray"\r\n').encode(), Unreadable.MALFORMED, 3),
        ((HEADER + GOOD_ROW + '"Bob","Ray","b@c.d",""\r\n').encode(), Unreadable.MALFORMED, 3),
        (HEADER.encode() + b"\x00\x01\x02\x03" * 64, Unreadable.BINARY, None),
        (PNG, Unreadable.BINARY, None),
        (b"Id,Amount\r\n1,2\r\n", Unreadable.UNKNOWN_FORMAT, None),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n", Unreadable.UNKNOWN_FORMAT,
         None),
        (_outlook({}, {"Categories": "Clients"}), Unreadable.NO_CONTACTS, None),
    ],
    ids=[
        "empty", "blank", "bom-only", "header-only", "header-and-blank-lines", "semicolons",
        "tabs", "unclosed-quote", "unclosed-quote-closed-later", "stray-quote",
        "too-few-columns", "too-many-columns", "binary", "png", "unknown-header", "vcard",
        "only-defaults",
    ],
)  # fmt: skip
def test_refusals(data: bytes, reason: Unreadable, line: int | None) -> None:
    refused = _refusal(data)
    assert (refused.reason, refused.line) == (reason, line)


def test_a_value_over_the_property_limit_is_refused() -> None:
    data = _google({"First Name": "Ann"}, {"First Name": "Bob", "Notes": "x" * 5_300_000})
    refused = _refusal(data)
    assert (refused.reason, refused.line) == (Unreadable.PROPERTY_TOO_LARGE, 3)


def test_rows_after_a_multiline_note_are_counted_by_physical_line() -> None:
    data = (HEADER + '"Ann","Lee\r\nSmith\r\nJones","a@b.c"\r\n"Bob","Ray"\r\n').encode()
    assert _refusal(data).line == 5


# -- Progress ------------------------------------------------------------------------------


def test_progress_is_reported_up_to_the_whole() -> None:
    rows = [{"First Name": f"Person {n}"} for n in range(600)]
    calls: list[tuple[int, int]] = []
    read_csv(_google(*rows), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (600, 600)
    assert len(calls) > 1
    assert all(total == 600 for _, total in calls)
