"""Writing client cards as a Google Contacts CSV, for people moving to Gmail
(shared/interop/CONTACT_FORMATS.md §1 and §5): Google's current header, UTF-8 without a
BOM, CRLF row ends, minimal quoting (multi-line notes are quoted, `"` doubled).

Google writes each numbered group (`E-mail N - ...`, `Phone N - ...`) as many times as the
fullest contact needs, and leaves out the groups nobody uses; so does this writer. The
header is therefore known only after every card has been seen: the cards are turned into
rows first (text only: no photo is kept), then written a row at a time.

What the file cannot carry: photos (Google's Photo column is a URL, never image data),
relatives' own dates and notes (a Relation is a name and a label), and preferences,
aspirations and promises (Google has no place for them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from models.cards import ClientCard, ContactPointData
from models.dates import PartialDate
from models.interop.vcard_write import date_label, split_name, without_controls
from models.vocab import ContactKind, DateKind

FIXED_COLUMNS = (
    "First Name", "Middle Name", "Last Name",
    "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
    "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department",
    "Birthday", "Notes", "Photo", "Labels",
)  # fmt: skip
# The numbered groups in Google's order, each with its fields.
GROUPS = (
    ("E-mail", ("Label", "Value")),
    ("Phone", ("Label", "Value")),
    (
        "Address",
        ("Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country",
         "Extended Address"),
    ),
    ("Relation", ("Label", "Value")),
    ("Website", ("Label", "Value")),
    ("Event", ("Label", "Value")),
)  # fmt: skip
# The system group every contact Google lists under "Contacts" belongs to.
MY_CONTACTS = "* myContacts"

_GROUP_OF = {
    ContactKind.EMAIL: "E-mail",
    ContactKind.PHONE: "Phone",
    ContactKind.ADDRESS: "Address",
    ContactKind.WEB: "Website",
}
# Google's own spelling of the labels people type most; any other label is written as
# typed, which Google keeps as a custom label.
_LABELS = {
    "work": "Work", "office": "Work", "business": "Work",
    "home": "Home", "personal": "Home", "private": "Home",
    "other": "Other",
}  # fmt: skip
_PHONE_LABELS = {
    "mobile": "Mobile", "cell": "Mobile", "cellphone": "Mobile", "main": "Main",
    "pager": "Pager", "work fax": "Work Fax", "home fax": "Home Fax",
}  # fmt: skip

Row = dict[str, str]


def write_google_csv(cards: Iterable[ClientCard]) -> Iterator[bytes]:
    """The header line, then one row per card, each as UTF-8 bytes ending in CRLF.

    `cards` is read once, right away, into rows of text, because the header depends on
    the card with the most e-mails, phones, etc.; cards without their photos are enough.
    """
    rows = [_row(card) for card in cards]
    groups: list[tuple[str, tuple[str, ...], int]] = [
        (group, fields, max((_count(row, group) for row in rows), default=0))
        for group, fields in GROUPS
    ]
    header = list(FIXED_COLUMNS)
    for group, fields, count in groups:
        header += [f"{group} {n} - {field}" for n in range(1, count + 1) for field in fields]
    return _lines(header, rows)


def _lines(header: list[str], rows: list[Row]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for values in (header, *([row.get(column, "") for column in header] for row in rows)):
        writer.writerow([without_controls(value) for value in values])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def _row(card: ClientCard) -> Row:
    given, family = split_name(card)
    row = {
        "First Name": given,
        "Last Name": family,
        "Nickname": card.nickname.strip(),
        # The display name as it is: the parts alone do not say their order ("Nguyễn Thị
        # Lan" is family first; "王小明" has no space).
        "File As": card.name.strip(),
        "Organization Name": card.company.strip(),
        "Organization Title": card.job_title.strip(),
        "Notes": _text(card.notes),
        "Labels": MY_CONTACTS,
    }
    numbers = dict.fromkeys(_GROUP_OF.values(), 0)
    for point in card.contact_points:
        value = _text(point.value.strip())
        if not value or point.kind not in _GROUP_OF:
            continue
        group = _GROUP_OF[point.kind]
        numbers[group] += 1
        prefix = f"{group} {numbers[group]} - "
        row[prefix + "Label"] = _label(point)
        if point.kind == ContactKind.ADDRESS:
            # Rapport keeps an address as free text: it is the whole address (Formatted)
            # and its street, as in the vCard, since Rapport cannot split it.
            row[prefix + "Formatted"] = row[prefix + "Street"] = value
        else:
            row[prefix + "Value"] = value
    relatives = [relative for relative in card.relatives if relative.name.strip()]
    for n, relative in enumerate(relatives, 1):
        # Google's labels are the capitalised words (Spouse, Child, Parent, Partner,
        # Friend, Assistant); for the others it keeps the word as a custom label.
        row[f"Relation {n} - Label"] = relative.relation.capitalize()
        row[f"Relation {n} - Value"] = _text(relative.name.strip())
    birthday = next((kd for kd in card.key_dates if kd.kind == DateKind.BIRTHDAY), None)
    if birthday is not None:
        row["Birthday"] = _date(birthday.date)
    events = [kd for kd in card.key_dates if kd is not birthday]
    for n, key_date in enumerate(events, 1):
        row[f"Event {n} - Label"] = _text(date_label(key_date))
        row[f"Event {n} - Value"] = _date(key_date.date)
    return row


def _count(row: Row, group: str) -> int:
    """How many of `group` a row uses: its numbers run from 1 with no gap."""
    n = 0
    while f"{group} {n + 1} - Label" in row:
        n += 1
    return n


def _label(point: ContactPointData) -> str:
    words = " ".join(point.label.casefold().split())
    if point.kind == ContactKind.PHONE and words in _PHONE_LABELS:
        return _PHONE_LABELS[words]
    return _LABELS.get(words, _text(point.label.strip()))


def _date(date: PartialDate) -> str:
    """`1984-02-29`, or ` --05-17` with Google's leading space when the year is unknown."""
    return date.iso() if date.year is not None else f" {date.iso()}"


def _text(value: str) -> str:
    # One kind of line end inside a quoted cell: the rows themselves end in CRLF.
    return value.replace("\r\n", "\n").replace("\r", "\n")
