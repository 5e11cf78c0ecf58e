"""Google Contacts and Outlook CSV files read into plain `Contact` values
(shared/interop/CONTACT_FORMATS.md §1, §2 and §4).

Columns are found by name, never by position: Google orders them differently in its
export and its import template, leaves out groups nobody uses and has changed their names
over the years, and Outlook.com writes a shorter set than desktop Outlook. Outlook writes
dates in the exporting PC's short-date format, so one day/month order is worked out for
the whole file, or given by the person when the file cannot tell. The whole file is read
and checked before anything is returned: all or nothing. Pure: no database, no Qt.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from models.dates import PartialDate
from models.errors import ValidationError
from models.interop.contact import (
    MAX_PROPERTY_BYTES,
    REFERRED_BY,
    Contact,
    Format,
    Kin,
    Labeled,
    ReadContacts,
    Unreadable,
    UnreadableContactsError,
    check_size,
    contact_date,
    decode,
    detect,
    header_key,
    label_key,
    relation,
)
from models.vocab import Relation

# Google joins several values that share a label into one cell.
_MANY = " ::: "
_PROGRESS_EVERY = 250

# Outlook's phone columns and the label each gives (header_key spelling).
_OUTLOOK_PHONES = {
    "assistantsphone": "assistant", "businessfax": "work fax", "businessphone": "work",
    "businessphone2": "work", "callback": "callback", "carphone": "car",
    "companymainphone": "company", "homefax": "home fax", "homephone": "home",
    "homephone2": "home", "isdn": "isdn", "mobilephone": "mobile", "otherfax": "other fax",
    "otherphone": "other", "pager": "pager", "primaryphone": "main", "radiophone": "radio",
    "tty/tddphone": "tty", "telex": "telex",
}  # fmt: skip
_OUTLOOK_ADDRESSES = (("business", "work"), ("home", "home"), ("other", "other"))
_OUTLOOK_EMAILS = (
    ("emailaddress", "emailtype"),
    ("email2address", "email2type"),
    ("email3address", "email3type"),
)
_OUTLOOK_WEB = (("webpage", ""), ("personalwebpage", "personal"))
# Exchange-internal entries: the "address" is an X.500 DN nobody can write to.
_EXCHANGE = "EX"

# "E-mail 1 - Value" → ("email", "1", "value"), as header_key spells it.
_GROUP = re.compile(r"^([a-z]+?)(\d+)([a-z]+)$")
# Outlook's locale short dates: 2/29/1984, 29.02.1984, 29/02/84, 0/0/00 (none).
_SHORT_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$")
# Chinese, Japanese and Korean names are written family name first, without a space.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Outlook's two-digit years: 00-29 are this century, 30-99 the last.
_CENTURY_PIVOT = 30


def read_csv(
    data: bytes,
    *,
    day_first: bool | None = None,
    encoding: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadContacts:
    """The contacts of a Google or Outlook CSV file. `day_first` is the person's answer
    when the file's dates do not show their order, `encoding` their choice for a file
    that is not UTF-8, and `progress` gets (rows done, rows in all) now and then.

    Raises UnreadableContactsError for a file that cannot be imported whole."""
    text = _text(data, encoding)
    found = _format(text)
    with _field_limit(MAX_PROPERTY_BYTES):
        header, records = _records(text)
    if not records:
        raise UnreadableContactsError(Unreadable.HEADER_ONLY)
    columns = _Columns(header)
    dates = _Dates.of(columns.date_cells(records), day_first)
    build = _google if found is Format.GOOGLE_CSV else _outlook
    contacts = []
    for done, record in enumerate(records, 1):
        contact = build(_Row(record, columns), dates)
        if not contact.is_empty():
            contacts.append(contact)
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(records)):
            progress(done, len(records))
    if not contacts:
        raise UnreadableContactsError(Unreadable.NO_CONTACTS)
    return ReadContacts(contacts, skipped_empty=len(records) - len(contacts))


# -- The file ------------------------------------------------------------------------------


def _text(data: bytes, encoding: str | None) -> str:
    if encoding is None:
        text = decode(data)
    else:
        check_size(data)
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
        except LookupError:
            raise UnreadableContactsError(Unreadable.ENCODING, encoding) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise UnreadableContactsError(Unreadable.ENCODING, encoding, line=line) from None
        if "\x00" in text:
            raise UnreadableContactsError(Unreadable.BINARY)
    if not text.strip():
        raise UnreadableContactsError(Unreadable.EMPTY)
    return text


def _format(text: str) -> Format:
    """Google or Outlook, from the header. A `;` or TAB separated file is told apart first:
    its header would not be recognised, and "unknown format" would not say why."""
    first = text.lstrip().split("\n", 1)[0]
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if first.count(separator) > first.count(","):
            raise UnreadableContactsError(Unreadable.DELIMITER, name)
    found = detect(first.encode("utf-8"))
    if found not in (Format.GOOGLE_CSV, Format.OUTLOOK_CSV):
        raise UnreadableContactsError(Unreadable.UNKNOWN_FORMAT)
    return found


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # csv refuses a field over 128 KB; a long note may be larger (§4.7 allows 5 MB).
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


@dataclass(frozen=True)
class _Record:
    line: int  # physical line where the row starts (1-based)
    cells: list[str]


def _records(text: str) -> tuple[list[str], list[_Record]]:
    """The header and the data rows, each with as many cells as the header."""
    header: list[str] | None = None
    records = []
    for line, cells in _rows(text):
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line is no record
        if header is None:
            header = cells
        elif len(cells) != len(header):
            detail = f"{len(cells)} columns where the header has {len(header)}"
            raise UnreadableContactsError(Unreadable.MALFORMED, detail, line=line)
        else:
            records.append(_Record(line, cells))
    return header or [], records


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    # newline="" keeps quoted line breaks, and line_num then counts physical lines.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _quoting_error(exc, start, reader.line_num) from None
        yield start, cells


def _quoting_error(exc: csv.Error, start: int, end: int) -> UnreadableContactsError:
    message = str(exc)
    if "field larger" in message:
        megabytes = str(MAX_PROPERTY_BYTES // 2**20)
        return UnreadableContactsError(Unreadable.PROPERTY_TOO_LARGE, megabytes, line=start)
    if "end of data" in message or end > start:
        # A quote opened on `start` and never closed has swallowed the lines after it.
        return UnreadableContactsError(Unreadable.UNBALANCED_QUOTES, line=start)
    detail = "a quote in the wrong place" if '"' in message else message
    return UnreadableContactsError(Unreadable.MALFORMED, detail, line=end)


class _Columns:
    """Where each named column is, and Google's numbered groups by kind and number."""

    def __init__(self, header: list[str]) -> None:
        self.keys = [header_key(cell) for cell in header]
        self.index: dict[str, int] = {}
        self.groups: dict[str, dict[int, dict[str, int]]] = {}
        for i, key in enumerate(self.keys):
            self.index.setdefault(key, i)
            if (found := _GROUP.match(key)) is not None:
                group = self.groups.setdefault(found[1], {}).setdefault(int(found[2]), {})
                group.setdefault(found[3], i)

    @cached_property
    def outlook_phones(self) -> list[tuple[int, str]]:
        """(column, label) in the file's order, which is the order people see them in."""
        return [(i, _OUTLOOK_PHONES[key]) for i, key in enumerate(self.keys)
                if key in _OUTLOOK_PHONES]  # fmt: skip

    def date_cells(self, records: list[_Record]) -> Iterator[tuple[int, str]]:
        """(line, text) of every date in the file, for working out their order."""
        at = [self.index[key] for key in ("birthday", "anniversary") if key in self.index]
        at += [group["value"] for group in self.groups.get("event", {}).values()
               if "value" in group]  # fmt: skip
        for record in records:
            for i in at:
                yield record.line, record.cells[i]


@dataclass(frozen=True)
class _Row:
    record: _Record
    columns: _Columns

    @property
    def line(self) -> int:
        return self.record.line

    def get(self, *keys: str) -> str:
        """The first non-blank of the named columns, trimmed; "" when there is none."""
        for key in keys:
            i = self.columns.index.get(key)
            if i is not None and (value := _clean(self.record.cells[i])):
                return value
        return ""

    def cell(self, i: int) -> str:
        return _clean(self.record.cells[i])

    def groups(self, kind: str) -> Iterator[dict[str, str]]:
        """Each numbered group of a kind ("email" for `E-mail N - ...`), by number."""
        numbered = self.columns.groups.get(kind, {})
        for number in sorted(numbered):
            yield {field: self.cell(i) for field, i in numbered[number].items()}


def _clean(cell: str) -> str:
    # Outlook's CRLF files keep CRLF inside quoted notes too.
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


# -- Dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dates:
    """Reads the file's dates: ISO as Google writes them, or Outlook's short dates in
    the one day/month order of the whole file."""

    day_first: bool

    @classmethod
    def of(cls, cells: Iterable[tuple[int, str]], answer: bool | None) -> _Dates:
        """The order the file's own dates prove (a part over 12 is the day), else the
        person's answer. Raises when the dates contradict each other, or when they leave
        the order open and the person has not answered."""
        proof: dict[bool, tuple[int, str]] = {}
        open_example: tuple[int, str] | None = None
        for line, text in cells:
            found = _SHORT_DATE.match(text.strip())
            if found is None:
                continue
            first, second = int(found[1]), int(found[3])
            if first > 12 >= second:
                proof.setdefault(True, (line, text.strip()))
            elif second > 12 >= first:
                proof.setdefault(False, (line, text.strip()))
            elif first != second and open_example is None:
                open_example = (line, text.strip())
        if len(proof) == 2:
            (day_line, day), (month_line, month) = proof[True], proof[False]
            detail = f"{day} has the day first, {month} the month first"
            raise UnreadableContactsError(
                Unreadable.MALFORMED, detail, line=max(day_line, month_line)
            )
        if proof:
            return cls(next(iter(proof)))
        if answer is None and open_example is not None:
            line, example = open_example
            raise UnreadableContactsError(Unreadable.AMBIGUOUS_DATES, example, line=line)
        return cls(bool(answer))

    def read(self, text: str, line: int) -> PartialDate | None:
        """The date in a cell; None when blank or Outlook's "no date". Raises
        UnreadableContactsError (MALFORMED) for anything else that is not a date."""
        try:
            return self._read(text.strip())
        except ValidationError:
            raise UnreadableContactsError(
                Unreadable.MALFORMED, f"not a date: {text.strip()}", line=line
            ) from None

    def _read(self, text: str) -> PartialDate | None:
        found = _SHORT_DATE.match(text)
        if found is None:
            return contact_date(text)
        first, second = int(found[1]), int(found[3])
        if first == second == 0:
            return None  # Outlook's 0/0/00
        day, month = (first, second) if self.day_first else (second, first)
        year = int(found[4])
        if len(found[4]) == 2:
            year += 2000 if year < _CENTURY_PIVOT else 1900
        # contact_date knows the years that mean "no year" (1604) and "no date" (4501).
        return contact_date(f"{year:04d}-{month:02d}-{day:02d}")


# -- Google --------------------------------------------------------------------------------


def _google(row: _Row, dates: _Dates) -> Contact:
    # Contact has no middle name: it stays with the given name rather than being lost.
    given = _join(row.get("firstname", "givenname"), row.get("middlename", "additionalname"))
    family = row.get("lastname", "familyname")
    full = row.get("name") or row.get("fileas") or _full_name(given, family, row.get("namesuffix"))
    company = row.get("organizationname") or _first(row.groups("organization"), "name")
    relatives, referred_by = _google_relations(row)
    birthday = dates.read(row.get("birthday"), row.line)
    anniversary, other_dates = _google_events(row, dates)
    return Contact(
        line=row.line,
        full_name=full,
        given_name=given,
        family_name=family,
        nickname=row.get("nickname"),
        company=company,
        job_title=row.get("organizationtitle") or _first(row.groups("organization"), "title"),
        emails=_google_values(row, "email"),
        phones=_google_values(row, "phone"),
        addresses=_google_addresses(row),
        websites=_google_values(row, "website"),
        birthday=birthday,
        anniversary=anniversary,
        other_dates=other_dates,
        family=relatives,
        referred_by=", ".join(referred_by),
        notes=row.get("notes"),
        is_org=not full and bool(company),
    )


def _google_label(group: dict[str, str]) -> str:
    # "Label" today, "Type" in the legacy export; "* " marks the primary value.
    return (group.get("label") or group.get("type", "")).removeprefix("*").strip()


def _split(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(_MANY) if value.strip()]


def _google_values(row: _Row, kind: str) -> tuple[Labeled, ...]:
    return tuple(
        Labeled(value, _google_label(group))
        for group in row.groups(kind)
        for value in _split(group.get("value", ""))
    )


def _google_addresses(row: _Row) -> tuple[Labeled, ...]:
    found = []
    for group in row.groups("address"):
        parts = _address(
            (group.get("street", ""), group.get("extendedaddress", ""), group.get("pobox", "")),
            group.get("city", ""),
            group.get("region", ""),
            group.get("postalcode", ""),
            group.get("country", ""),
        )
        texts = _split(group.get("formatted", "")) or [parts]
        found += [Labeled(text, _google_label(group)) for text in texts if text]
    return tuple(found)


def _google_relations(row: _Row) -> tuple[tuple[Kin, ...], list[str]]:
    family, referred_by = [], []
    for group in row.groups("relation"):
        label = _google_label(group)
        for name in _split(group.get("value", "")):
            if label_key(label) == REFERRED_BY:
                referred_by.append(name)
            else:
                family.append(Kin(name, relation(label) or Relation.OTHER.value))
    return tuple(family), referred_by


def _google_events(
    row: _Row, dates: _Dates
) -> tuple[PartialDate | None, tuple[tuple[str, PartialDate], ...]]:
    anniversary, others = None, []
    for group in row.groups("event"):
        label = _google_label(group)
        when = dates.read(group.get("value", ""), row.line)
        if when is None:
            continue
        # Only this label is an anniversary (§4.5); "Other" and custom labels are not.
        if label_key(label) == "anniversary" and anniversary is None:
            anniversary = when
        else:
            others.append((label, when))
    return anniversary, tuple(others)


def _first(groups: Iterator[dict[str, str]], field: str) -> str:
    return next((value for group in groups if (value := group.get(field, ""))), "")


# -- Outlook -------------------------------------------------------------------------------


def _outlook(row: _Row, dates: _Dates) -> Contact:
    given = _join(row.get("firstname"), row.get("middlename"))
    family = row.get("lastname")
    full = _full_name(given, family, row.get("suffix"))
    company = row.get("company")
    return Contact(
        line=row.line,
        full_name=full,
        given_name=given,
        family_name=family,
        nickname=row.get("nickname"),
        company=company,
        job_title=row.get("jobtitle"),
        emails=_outlook_emails(row),
        phones=tuple(
            Labeled(value, label)
            for i, label in row.columns.outlook_phones
            if (value := row.cell(i))
        ),
        addresses=_outlook_addresses(row),
        websites=tuple(
            Labeled(value, label) for key, label in _OUTLOOK_WEB if (value := row.get(key))
        ),
        birthday=dates.read(row.get("birthday"), row.line),
        anniversary=dates.read(row.get("anniversary"), row.line),
        family=_outlook_family(row),
        referred_by=row.get("referredby"),
        notes=row.get("notes"),
        is_org=not full and bool(company),
    )


def _outlook_emails(row: _Row) -> tuple[Labeled, ...]:
    return tuple(
        Labeled(value)
        for address, kind in _OUTLOOK_EMAILS
        if (value := row.get(address)) and row.get(kind).upper() != _EXCHANGE
    )


def _outlook_addresses(row: _Row) -> tuple[Labeled, ...]:
    found = []
    for prefix, label in _OUTLOOK_ADDRESSES:
        text = _address(
            (
                row.get(f"{prefix}street"),
                row.get(f"{prefix}street2"),
                row.get(f"{prefix}street3"),
                row.get(f"{prefix}addresspobox"),
            ),
            row.get(f"{prefix}city"),
            row.get(f"{prefix}state"),
            row.get(f"{prefix}postalcode"),
            row.get(f"{prefix}country/region", f"{prefix}country"),
        )
        if text:
            found.append(Labeled(text, label))
    return tuple(found)


def _outlook_family(row: _Row) -> tuple[Kin, ...]:
    # Outlook's "Spouse/Partner" field cannot tell the two apart: spouse is the likelier.
    family = [Kin(spouse, Relation.SPOUSE.value)] if (spouse := row.get("spouse")) else []
    children = re.split(r"[,;]", row.get("children"))
    family += [Kin(child.strip(), Relation.CHILD.value) for child in children if child.strip()]
    for key, kind in (("assistantsname", Relation.ASSISTANT), ("managersname", Relation.COLLEAGUE)):
        if name := row.get(key):
            family.append(Kin(name, kind.value))
    return tuple(family)


# -- Shared --------------------------------------------------------------------------------


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _full_name(given: str, family: str, suffix: str) -> str:
    """The display name from its parts (a prefix such as "Dr." is left out)."""
    if _CJK.search(given) and _CJK.search(family):
        return _join(family + given, suffix)
    return _join(given, family, suffix)


def _address(streets: tuple[str, ...], city: str, region: str, postal: str, country: str) -> str:
    """One address text, a line per part, the postal code before the town."""
    lines = (*streets, _join(postal, city), region, country)
    return "\n".join(line for line in lines if line)
