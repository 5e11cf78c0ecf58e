"""Writing client cards as vCard, the way Apple reads them back and Google writes them
(shared/interop/CONTACT_FORMATS.md §3 and §5): pure functions from a ClientCard to bytes,
one card at a time, so that an export of any size takes the memory of one card.

3.0 (RFC 2426) is what §5 recommends: dates as `YYYY-MM-DD`, a year Rapport does not know
as Apple's `X-APPLE-OMIT-YEAR=1604`, anniversaries, other dates and relatives as Apple's
`itemN.` groups with an `X-ABLabel`. 4.0 (RFC 6350) writes `BDAY:--MMDD`, `ANNIVERSARY`,
`RELATED` and a `data:` photo instead, and keeps the `X-ABDATE` items for the other dates.
Both: UTF-8, CRLF, lines folded at 75 octets and never inside a UTF-8 character.

A relative's own dates and notes are not written: vCard has no way to attach a date to a
related name, and putting them in NOTE would change the client's notes on a re-import.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator

from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.dates import PartialDate
from models.vocab import ContactKind, DateKind, Relation

PRODID = "-//Rapport//Rapport 0.1//EN"
VERSIONS = ("3.0", "4.0")
# RFC 2426 §2.6 and RFC 6350 §3.2: at most 75 octets a line, CRLF not counted.
LINE_OCTETS = 75
# Apple's "no year": a leap year, so that Feb 29 survives (§3).
NO_YEAR = 1604

# Apple's labels for family, read by Apple and written by Google; a relation Apple has no
# label for is written as the plain word, which both show as a custom label.
_APPLE_RELATIONS: dict[str, str] = {
    Relation.SPOUSE: "_$!<Spouse>!$_",
    Relation.PARTNER: "_$!<Partner>!$_",
    Relation.CHILD: "_$!<Child>!$_",
    Relation.PARENT: "_$!<Parent>!$_",
    Relation.ASSISTANT: "_$!<Assistant>!$_",
    Relation.FRIEND: "_$!<Friend>!$_",
    Relation.OTHER: "_$!<Other>!$_",
}
# RFC 6350 §6.6.6 TYPE values; a grandchild or grandparent is "kin", an assistant the
# "agent" of RFC 2426's AGENT; a pet or "other" gets no TYPE.
# RFC 6350's RELATED types that say exactly what Rapport's relation says; the others
# (grandchild, assistant, pet...) go as Apple's labelled items, so that the word survives.
_RFC_RELATIONS: dict[str, str] = {
    Relation.SPOUSE: "spouse",
    Relation.PARTNER: "sweetheart",
    Relation.CHILD: "child",
    Relation.PARENT: "parent",
    Relation.SIBLING: "sibling",
    Relation.COLLEAGUE: "co-worker",
    Relation.FRIEND: "friend",
}
ANNIVERSARY_LABEL = "_$!<Anniversary>!$_"
# The label of a date written as a labelled item (an X-ABDATE, Google's Event N): every
# date but the first birthday, and in vCard 4.0 the first wedding anniversary.
DATE_LABELS: dict[str, str] = {
    DateKind.BIRTHDAY: "Birthday",  # a second birthday: a file has room for one
    DateKind.WEDDING_ANNIVERSARY: "Anniversary",
    DateKind.BUSINESS_ANNIVERSARY: "Business anniversary",
    DateKind.NAME_DAY: "Name day",
}

# Words of a free-text contact label that vCard has a TYPE for; any other word keeps the
# whole label as an X-ABLabel instead ("Paris office" stays "Paris office").
_TYPE_WORDS = {
    "work": "work", "office": "work", "business": "work",
    "home": "home", "personal": "home", "private": "home",
    "mobile": "cell", "cell": "cell", "cellphone": "cell",
    "fax": "fax", "pager": "pager",
}  # fmt: skip
_PHONE_ONLY = frozenset({"cell", "fax", "pager"})
_PROPERTIES: dict[str, str] = {
    ContactKind.EMAIL: "EMAIL",
    ContactKind.PHONE: "TEL",
    ContactKind.ADDRESS: "ADR",
    ContactKind.WEB: "URL",
}
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def write_vcards(cards: Iterable[ClientCard], *, version: str = "3.0") -> Iterator[bytes]:
    """Each card's vCard in turn. Raises ValueError now (not at the first card) for a
    version other than "3.0" or "4.0"."""
    _check_version(version)
    return (write_vcard(card, version=version) for card in cards)


def write_vcard(card: ClientCard, *, version: str = "3.0") -> bytes:
    """One card, BEGIN:VCARD to END:VCARD, folded, with CRLF line ends."""
    _check_version(version)
    return b"".join(fold(line) for line in _lines(card, version == "4.0"))


def split_name(card: ClientCard) -> tuple[str, str]:
    """(given, family): the card's own, or else its name with the last word as the family
    name (one word is a given name). Only for N and the CSV name columns: FN is the name."""
    if card.given_name.strip() or card.family_name.strip():
        return card.given_name.strip(), card.family_name.strip()
    words = card.name.split()
    if len(words) < 2:
        return card.name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def date_label(key_date: KeyDateData) -> str:
    """The label a date other than the first birthday is written with."""
    if key_date.kind == DateKind.CUSTOM:
        return key_date.label.strip()
    return DATE_LABELS.get(key_date.kind, key_date.kind)


def without_controls(text: str) -> str:
    """`text` less the control characters vCard, CSV and iCalendar cannot carry (NUL, BEL,
    ESC...; RFC 6350 §3.3 and RFC 5545 §3.3.11 allow none but TAB, and a newline only
    escaped). Left in, a NUL made Rapport's own importer refuse the whole file as binary.
    Rapport's JSON keeps them: it is the exact copy."""
    return _CONTROLS.sub("", text)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """A TEXT value (RFC 2426 §4, RFC 6350 §3.4): `\\ , ;` and newlines escaped, control
    characters left out."""
    text = without_controls(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as bytes: at most 75 octets a physical line, each continuation
    starting with a space, never cutting a UTF-8 character (every line decodes alone)."""
    data = line.encode()
    chunks = []
    start, room = 0, LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        # Keep an escape (`\,`, `\n`) whole: a reader that unescapes line by line would lose it.
        backslashes = len(data[start:end]) - len(data[start:end].rstrip(b"\\"))
        end -= backslashes % 2
        chunks.append(data[start:end])
        start, room = end, LINE_OCTETS - 1  # the leading space takes one octet
    chunks.append(data[start:])
    return b"\r\n ".join(chunks) + b"\r\n"


def _check_version(version: str) -> None:
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: only 3.0 and 4.0 are written")


def _lines(card: ClientCard, v4: bool) -> Iterator[str]:
    yield "BEGIN:VCARD"
    yield "VERSION:4.0" if v4 else "VERSION:3.0"
    if v4:
        yield "KIND:individual"
    yield f"PRODID:{PRODID}"
    yield f"FN:{escape(card.name.strip())}"
    given, family = split_name(card)
    yield f"N:{escape(family)};{escape(given)};;;"
    for name, value in (
        ("NICKNAME", card.nickname),
        ("ORG", card.company),
        ("TITLE", card.job_title),
    ):
        if value.strip():
            yield f"{name}:{escape(value.strip())}"
    groups = _Groups()
    for point in card.contact_points:
        yield from _contact_point(point, v4, groups)
    yield from _dates(card.key_dates, v4, groups)
    for relative in card.relatives:
        yield from _relative(relative, v4, groups)
    if card.notes.strip():
        yield f"NOTE:{escape(card.notes)}"
    if card.photo:
        data = base64.b64encode(card.photo).decode("ascii")
        yield f"PHOTO:data:image/jpeg;base64,{data}" if v4 else f"PHOTO;ENCODING=b;TYPE=JPEG:{data}"
    if card.uid:
        # In 4.0 a UID is a URI unless VALUE=text says otherwise; Rapport's are hex.
        as_text = v4 and not _URI_SCHEME.match(card.uid)
        yield f"UID;VALUE=text:{escape(card.uid)}" if as_text else f"UID:{escape(card.uid)}"
    yield "END:VCARD"


class _Groups:
    """Hands out Apple's item1, item2, ... within one card."""

    def __init__(self) -> None:
        self._count = 0

    def next(self) -> str:
        self._count += 1
        return f"item{self._count}"


def _contact_point(point: ContactPointData, v4: bool, groups: _Groups) -> Iterator[str]:
    value = point.value.strip()
    if not value or point.kind not in _PROPERTIES:
        return
    name = _PROPERTIES[point.kind]
    label = point.label.strip()
    types = _types(point.kind, label)
    # A label vCard has no TYPE for is kept as text, the way Apple and Google keep theirs.
    group = groups.next() if types is None else ""
    types = types or []
    if point.kind == ContactKind.EMAIL and not v4:
        types = ["internet", *types]
    params = f";TYPE={','.join(t if v4 else t.upper() for t in types)}" if types else ""
    # Rapport keeps an address as free text: all of it goes in the street component. A URL
    # is escaped too: the RFCs escape no URI, but readers split URLs on commas (vobject)
    # and Google writes them escaped.
    text = escape(value)
    if point.kind == ContactKind.ADDRESS:
        text = f";;{text};;;;"
    if group:
        yield f"{group}.{name}{params}:{text}"
        yield f"{group}.X-ABLabel:{escape(label)}"
    else:
        yield f"{name}{params}:{text}"


def _types(kind: str, label: str) -> list[str] | None:
    """The TYPE values a label means; None when some word of it has none (the label is
    then kept as text); [] for no label."""
    types: list[str] = []
    for word in re.findall(r"\w+", label.casefold()):
        found = _TYPE_WORDS.get(word)
        if found is None or (found in _PHONE_ONLY and kind != ContactKind.PHONE):
            return None
        if found not in types:
            types.append(found)
    return types


def _dates(key_dates: Iterable[KeyDateData], v4: bool, groups: _Groups) -> Iterator[str]:
    birthday = anniversary = False  # BDAY and ANNIVERSARY appear at most once
    for key_date in key_dates:
        if key_date.kind == DateKind.BIRTHDAY and not birthday:
            birthday = True
            if v4:
                yield f"BDAY:{_rfc6350_date(key_date.date)}"
            else:
                yield _apple_date("BDAY", key_date.date)
        elif key_date.kind == DateKind.WEDDING_ANNIVERSARY and not anniversary:
            anniversary = True
            if v4:
                yield f"ANNIVERSARY:{_rfc6350_date(key_date.date)}"
            else:
                group = groups.next()
                yield _apple_date(f"{group}.X-ABDATE", key_date.date)
                yield f"{group}.X-ABLabel:{ANNIVERSARY_LABEL}"
        else:
            group = groups.next()
            yield _apple_date(f"{group}.X-ABDATE", key_date.date)
            yield f"{group}.X-ABLabel:{escape(date_label(key_date))}"


def _relative(relative: RelativeData, v4: bool, groups: _Groups) -> Iterator[str]:
    name = escape(relative.name.strip())
    if not name:
        return
    if v4 and (kind := _RFC_RELATIONS.get(relative.relation)):
        yield f"RELATED;TYPE={kind};VALUE=text:{name}"
        return
    label = _APPLE_RELATIONS.get(relative.relation, relative.relation)
    group = groups.next()
    yield f"{group}.X-ABRELATEDNAMES:{name}"
    yield f"{group}.X-ABLabel:{label}"


def _apple_date(name: str, date: PartialDate) -> str:
    """`BDAY:1984-02-29`, or `BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17` without a year (§5)."""
    if date.year is None:
        return f"{name};X-APPLE-OMIT-YEAR={NO_YEAR}:{NO_YEAR}-{date.month:02d}-{date.day:02d}"
    return f"{name}:{date.iso()}"


def _rfc6350_date(date: PartialDate) -> str:
    """RFC 6350 §4.3.1, basic format: `19840229`, or `--0229` without a year."""
    year = "--" if date.year is None else f"{date.year:04d}"
    return f"{year}{date.month:02d}{date.day:02d}"
