"""What every contact file becomes, whatever wrote it (shared/interop/CONTACT_FORMATS.md):
plain `Contact` values, before anything is matched against the database.

Also what the readers share: recognising a file from its content, decoding it by the
rules of §4 (BOMs, strict UTF-8, UTF-16 only with a BOM, never a silent guess), the size
limits, contact dates (year 1604 and `--MM-DD` mean "no year"), and family labels.
Pure: no database, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from models.dates import MIN_YEAR, PartialDate
from models.errors import Problem, RapportError, ValidationError
from models.vocab import Relation

# §4.7: a file of up to 10 MB; any single property (a photo) up to 5 MB, checked while
# reading. An iCloud export with photos may be larger: the limit is on the whole file,
# and 10,000 contacts without photos take about 3 MB.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PROPERTY_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Labeled:
    """An email, phone, address or web site, with what the file calls it ("work")."""

    value: str
    label: str = ""


@dataclass(frozen=True)
class Kin:
    """A family member or close one, as a Relative of the client."""

    name: str
    relation: str  # vocab.Relation value
    birthday: PartialDate | None = None


@dataclass(frozen=True)
class Contact:
    line: int  # where the record starts in the file (1-based), for messages
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    company: str = ""
    job_title: str = ""
    emails: tuple[Labeled, ...] = ()
    phones: tuple[Labeled, ...] = ()
    addresses: tuple[Labeled, ...] = ()  # one text, lines joined with "\n"
    websites: tuple[Labeled, ...] = ()
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    other_dates: tuple[tuple[str, PartialDate], ...] = ()  # (label, date)
    family: tuple[Kin, ...] = ()
    referred_by: str = ""
    notes: str = ""
    photo: bytes | None = None  # embedded images only: a URL is never fetched
    is_org: bool = False
    uid: str = ""

    @property
    def name(self) -> str:
        """The name a client card gets."""
        if self.full_name.strip():
            return self.full_name.strip()
        joined = " ".join(p for p in (self.given_name, self.family_name) if p.strip())
        return joined.strip() or self.company.strip() or self.nickname.strip()

    def is_empty(self) -> bool:
        """Nothing worth a card (Google's blank rows, Outlook's rows of defaults)."""
        return not (self.name or self.emails or self.phones or self.addresses or self.notes.strip())


@dataclass
class ReadContacts:
    contacts: list[Contact]
    skipped_empty: int = 0  # blank records, and Outlook's rows of defaults only


class Format(StrEnum):
    VCARD = "vcard"
    GOOGLE_CSV = "google_csv"
    OUTLOOK_CSV = "outlook_csv"
    ICALENDAR = "icalendar"
    RAPPORT_JSON = "rapport_json"


class Unreadable(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"  # NUL bytes without a BOM, or a picture renamed .vcf
    ENCODING = "encoding"  # not UTF-8, and no BOM says what it is
    UNKNOWN_FORMAT = "unknown_format"
    TOO_LARGE = "too_large"
    PROPERTY_TOO_LARGE = "property_too_large"
    TRUNCATED = "truncated"  # a vCard without its END:VCARD
    MALFORMED = "malformed"  # a record that cannot be read: `detail` says why
    DELIMITER = "delimiter"  # a CSV separated by ; or TAB
    HEADER_ONLY = "header_only"
    UNBALANCED_QUOTES = "unbalanced_quotes"
    NO_CONTACTS = "no_contacts"
    AMBIGUOUS_DATES = "ambiguous_dates"  # 9/8/2012: the person says day or month first
    CANNOT_OPEN = "cannot_open"


class UnreadableContactsError(RapportError):
    """The file cannot be imported; nothing was. `line` (1-based) or `record` (1-based)
    points at the trouble when known."""

    def __init__(
        self,
        reason: Unreadable,
        detail: str = "",
        *,
        line: int | None = None,
        record: int | None = None,
    ) -> None:
        super().__init__(reason, detail, line, record)
        self.reason = reason
        self.detail = detail
        self.line = line
        self.record = record
        self.source = "The file"  # the command names the file it read


# -- Recognising and decoding -----------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_PICTURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"%PDF", b"PK\x03\x04")


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableContactsError(Unreadable.TOO_LARGE, str(MAX_FILE_BYTES // 2**20))
    if not data.strip():
        raise UnreadableContactsError(Unreadable.EMPTY)


def decode(data: bytes) -> str:
    """The text of a CSV or JSON file (§4.2): a UTF-8 BOM is dropped, UTF-16 is read only
    with its BOM, anything else must be strict UTF-8. (vCard 2.1 is decoded per property
    by the vCard reader, never here.)"""
    check_size(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableContactsError(Unreadable.ENCODING, encoding) from exc
    if data.startswith(_PICTURES) or b"\x00" in data[:4096]:
        raise UnreadableContactsError(Unreadable.BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableContactsError(Unreadable.ENCODING, "utf-8", line=line) from None


def detect(data: bytes) -> Format:
    """What the file is, from its first bytes (never its name). Raises
    UnreadableContactsError when it is none of the formats Rapport reads. (Each reader
    checks the size it takes: a calendar may be larger than a contacts file.)"""
    if not data.strip():
        raise UnreadableContactsError(Unreadable.EMPTY)
    if data.startswith(_PICTURES):
        raise UnreadableContactsError(Unreadable.BINARY)
    head = data[:4096]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, "ignore")
            break
    else:
        if b"\x00" in head:
            raise UnreadableContactsError(Unreadable.BINARY)
        text = head.decode("utf-8", "ignore")
    first = text.lstrip().split("\n", 1)[0].strip()
    upper = first.upper()
    if upper.startswith("BEGIN:VCARD"):
        return Format.VCARD
    if upper.startswith("BEGIN:VCALENDAR"):
        return Format.ICALENDAR
    if first.startswith("{"):
        return Format.RAPPORT_JSON
    header = {header_key(cell) for cell in re.split(r"[,;\t]", first)}
    google = {"email1value", "labels", "groupmembership", "organizationname",
              "organization1name", "givenname"}  # fmt: skip
    if header & google:
        return Format.GOOGLE_CSV
    if {"firstname", "lastname", "emailaddress", "company"} & header:
        return Format.OUTLOOK_CSV
    raise UnreadableContactsError(Unreadable.UNKNOWN_FORMAT)


def header_key(cell: str) -> str:
    """A CSV header compared as Google and Outlook spell it over the years: case-folded,
    without spaces, hyphens or quotes ("E-mail 1 - Value" = "Email 1 - value")."""
    return re.sub(r"[\s\-\"'_]", "", cell).casefold()


# -- Dates and labels --------------------------------------------------------------------

# Apple's "no year" (X-APPLE-OMIT-YEAR=1604), and Outlook's "no date" (4501).
NO_YEAR = 1604
NO_DATE_YEAR = 4501
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")


def contact_date(text: str) -> PartialDate | None:
    """An ISO date as contact files write them: `19840229`, `1984-02-29`, `--0517`,
    ` --05-17`, `1604-05-17` (no year), with or without a time after. None for an empty
    value or Outlook's 4501; ValidationError for a day that does not exist or text that
    is not a date (never a guess: "circa 1800" is not a date)."""
    value = text.strip()
    if not value:
        return None
    if (found := _NO_YEAR.match(value)) is not None:
        return PartialDate(int(found[1]), int(found[2]))
    if (found := _ISO.match(value)) is not None:
        year = int(found[1])
        if year == NO_DATE_YEAR:
            return None
        known = None if year == NO_YEAR or year < MIN_YEAR else year
        return PartialDate(int(found[2]), int(found[3]), known)
    raise ValidationError("date", Problem.BAD_DATE, value)


# Labels as Google, Apple, Outlook and RFC 6350 write them, folded (see relation()).
_RELATIONS = {
    "spouse": Relation.SPOUSE, "wife": Relation.SPOUSE, "husband": Relation.SPOUSE,
    "partner": Relation.PARTNER, "domesticpartner": Relation.PARTNER,
    "sweetheart": Relation.PARTNER,
    "child": Relation.CHILD, "son": Relation.CHILD, "daughter": Relation.CHILD,
    "mother": Relation.PARENT, "father": Relation.PARENT, "parent": Relation.PARENT,
    "brother": Relation.SIBLING, "sister": Relation.SIBLING, "sibling": Relation.SIBLING,
    "grandchild": Relation.GRANDCHILD, "grandparent": Relation.GRANDPARENT,
    "assistant": Relation.ASSISTANT, "manager": Relation.COLLEAGUE,
    "coworker": Relation.COLLEAGUE, "colleague": Relation.COLLEAGUE,
    "friend": Relation.FRIEND, "pet": Relation.PET,
    "relative": Relation.OTHER, "kin": Relation.OTHER,
    "other": Relation.OTHER,
}  # fmt: skip
REFERRED_BY = "referredby"


def label_key(label: str) -> str:
    """A label without Apple's `_$!<...>!$_`, a `* ` primary mark, case, spaces, hyphens."""
    inner = label.strip().removeprefix("*").strip()
    if inner.startswith("_$!<") and inner.endswith(">!$_"):
        inner = inner[4:-4]
    return re.sub(r"[\s\-_]", "", inner).casefold()


def relation(label: str) -> str | None:
    """The vocab.Relation a family label means; None for a label that is not a relation
    Rapport keeps ("Referred by" becomes how the client was met)."""
    found = _RELATIONS.get(label_key(label))
    return found.value if found is not None else None
