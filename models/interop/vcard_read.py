"""Reading vCard files (2.1, 3.0 and 4.0) as Google, Apple, Outlook, Evolution and RFC 6350
writers make them into plain `Contact` values (shared/interop/CONTACT_FORMATS.md §3, §4).

Pure: bytes in, values out; no Qt, no database. One bad card refuses the file (§4.6: an
import is all or nothing, so a file cut short imports none of its good first cards either);
a large file is handed on a piece at a time, and its reader keeps nothing of the earlier
pieces when a later one fails.

It works on bytes, not text, because:
- a fold may split a UTF-8 sequence (RFC 6350 §3.2), so lines are unfolded first and
  decoded afterwards, in one linear pass (§4.7: a quadratic unfold hangs on a big photo);
- vCard 2.1 gives each property its own CHARSET (Outlook writes cp1252 or cp1251 next to
  UTF-8), so each value is decoded by its own, never the whole file. A value that names
  no charset must be UTF-8: a wrong guess would import mojibake silently (§4.2).
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

from models import forked
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
    label_key,
    relation,
)
from models.vocab import Relation

# Labels repeat from card to card ("_$!<Child>!$_"): each is read once.
_label_key = functools.lru_cache(maxsize=1024)(label_key)
_relation = functools.lru_cache(maxsize=1024)(relation)

_QUOTED_PRINTABLE = re.compile(rb"quoted-printable", re.IGNORECASE)
_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")  # item1.X-ABDATE
_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
# vCard 2.1 writes parameters bare (TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE): these are
# encodings, any other bare word is a type.
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_BASE64 = frozenset({"B", "BASE64"})
_VERSIONS = frozenset({"2.1", "3.0", "4.0"})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SEPARATORS = {sep: re.compile(r"\\.|" + re.escape(sep), re.DOTALL) for sep in ";,"}
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Type parameters that say nothing a person would call a number or an address.
_NOT_LABELS = frozenset({"pref", "internet", "voice", "x400"})
# A letter other than a date-time's T and Z: text such as "circa 1800", never a date.
_WORDS = re.compile(r"(?![TZtz])[^\W\d_]")
# RFC 6350 dates without a month and day (1985, 1985-04, --04, ---15) or times alone:
# legal, but nothing a yearly date can hold.
_NO_DAY = re.compile(r"\d{4}(?:-\d{2})?|--\d{2}|---\d{2}|T.*")
_ANNIVERSARIES = ("ANNIVERSARY", "X-MS-ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY")
_NAMED_KIN = {
    "X-MS-SPOUSE": Relation.SPOUSE, "X-SPOUSE": Relation.SPOUSE,
    "X-EVOLUTION-SPOUSE": Relation.SPOUSE,
    "X-MS-MANAGER": Relation.COLLEAGUE, "X-MANAGER": Relation.COLLEAGUE,
    "X-EVOLUTION-MANAGER": Relation.COLLEAGUE,
    "X-MS-ASSISTANT": Relation.ASSISTANT, "X-ASSISTANT": Relation.ASSISTANT,
    "X-EVOLUTION-ASSISTANT": Relation.ASSISTANT,
}  # fmt: skip


def read_vcards(
    data: bytes, *, progress: Callable[[int, int], None] | None = None, processes: int = 1
) -> ReadContacts:
    """The contacts of a vCard file, in file order; blank cards are counted, not returned.
    `progress(done_bytes, total_bytes)` is called as cards are read. Raises
    UnreadableContactsError, naming the line and card where it can. `processes`: see
    read_pieces."""
    contacts: list[Contact] = []
    skipped = 0
    for piece in read_pieces(data, progress=progress, processes=processes):
        contacts += piece.contacts
        skipped += piece.skipped_empty
    return ReadContacts(contacts, skipped)


def read_pieces(
    data: bytes, *, progress: Callable[[int, int], None] | None = None, processes: int = 1
) -> Iterator[ReadContacts]:
    """What read_vcards gives, a piece at a time in file order, each read as it is asked
    for: the caller works on one while the next is read. An error comes with the piece
    it is in, so the caller must not keep what it made of the earlier ones.

    `processes` > 1: a large file is read in that many pieces at once, by this process
    and processes forked from it (so only a caller whose process may fork asks: one with
    no threads, such as the import command's)."""
    data = _vcard_bytes(data)
    found = False
    pieces = _read_in_pieces(data, processes, progress) if processes > 1 else None
    for contacts, skipped in pieces or [_read(data, 1, progress)]:
        found = found or bool(contacts)
        yield ReadContacts(contacts, skipped)
    if not found:
        raise UnreadableContactsError(Unreadable.NO_CONTACTS, "every card is blank")


def _read(
    data: bytes,
    first_line: int,
    progress: Callable[[int, int], None] | None = None,
    first_record: int = 0,
) -> tuple[list[Contact], int]:
    """The contacts of (a piece of) the file, and how many of its cards are blank."""
    contacts: list[Contact] = []
    skipped = 0
    for card in _cards(data, first_line, first_record):
        contact = _Card(card).contact()
        if contact.is_empty():
            skipped += 1
        else:
            contacts.append(contact)
        if progress is not None:
            progress(card.end, len(data))
    return contacts, skipped


# -- In pieces, at once ----------------------------------------------------------------------

# The smallest piece worth a process: forking one and sending its contacts back costs
# about 20 ms; reading 256 KiB (some 550 cards) about 100 ms. (models/forked.py)
PIECE_BYTES = 256 * 1024
# A card that begins a line: where a piece may start. (A file that ends its lines in a
# bare CR has none after its first line, and is read in one piece.)
_CARD_START = re.compile(rb"^BEGIN:VCARD[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def _read_in_pieces(
    data: bytes, processes: int, progress: Callable[[int, int], None] | None
) -> Iterator[tuple[list[Contact], int]] | None:
    """What _read gives, with the file cut at card starts into one piece a process: this
    process reads the first and a forked process each other one, and each piece is
    handed on as it comes, the first while the others are still being read. Cards are
    independent, and cutting where a line says BEGIN:VCARD changes nothing in a
    well-formed file. None when the file is too small to be worth it."""
    pieces = _pieces(data, min(processes, len(data) // PIECE_BYTES))
    return _handed_on(data, pieces, progress) if len(pieces) > 1 else None


def _handed_on(
    data: bytes,
    pieces: list[tuple[int, int, int]],
    progress: Callable[[int, int], None] | None,
) -> Iterator[tuple[list[Contact], int]]:
    """When a piece fails (a malformed card, a worker that died), the rest of the file
    from that piece on is read here, in one piece: its error then names the line and the
    card of the file, as a piece read alone cannot (it knows neither its card numbers nor
    what came before it). The pieces before it ended cleanly, so the cut is sound."""
    handed = cards = 0  # the pieces handed on, and the cards in them

    def hand(found: tuple[list[Contact], int]) -> tuple[list[Contact], int]:
        nonlocal handed, cards
        handed += 1
        cards += len(found[0]) + found[1]
        if progress is not None:
            progress(pieces[handed - 1][1], len(data))
        return found

    try:
        with forked.Workers(functools.partial(_read_piece, data), len(pieces) - 1) as workers:
            theirs = workers.map(pieces[1:])
            yield hand(_read_piece(data, pieces[0], _offset(progress, 0, len(data))))
            for found in theirs:
                yield hand(found)
    except (UnreadableContactsError, forked.WorkFailedError):
        start, _, line = pieces[handed]
        yield _read(data[start:], line, _offset(progress, start, len(data)), cards)


def _offset(
    progress: Callable[[int, int], None] | None, start: int, total: int
) -> Callable[[int, int], None] | None:
    """Progress through a piece that starts at `start`, as progress through the file."""
    if progress is None:
        return None
    return lambda done, _: progress(start + done, total)


def _read_piece(
    data: bytes,
    piece: tuple[int, int, int],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Contact], int]:
    start, end, line = piece
    return _read(data[start:end], line, progress)


def _pieces(data: bytes, count: int) -> list[tuple[int, int, int]]:
    """(start, end, number of its first line) of up to `count` pieces of about equal
    size, each but the first starting with a line that says BEGIN:VCARD."""
    starts = [0]
    for n in range(1, count):
        found = _CARD_START.search(data, max(starts[-1] + 1, len(data) * n // count))
        if found is None:
            break
        starts.append(found.start())
    # bytes.splitlines ends lines at CR LF, CR and LF: so does this count of line ends.
    return [
        (start, end, 1 + data.count(b"\n", 0, start) + data.count(b"\r", 0, start)
         - data.count(b"\r\n", 0, start))
        for start, end in zip(starts, [*starts[1:], len(data)], strict=True)
    ]  # fmt: skip


def _vcard_bytes(data: bytes) -> bytes:
    """The file without its BOM, once it is known to be a vCard file at all."""
    check_size(data)
    if detect(data) is not Format.VCARD:
        raise UnreadableContactsError(Unreadable.UNKNOWN_FORMAT, "the file has no BEGIN:VCARD")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode(data).encode("utf-8")  # §4.2: UTF-16 is unambiguous with its BOM
    return data


# -- Lines and properties ------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: made once a line, and frozen costs twice as much
class _Property:
    line: int  # where it starts (1-based)
    group: str  # "item1" in item1.X-ABDATE, lower case; "" without one
    name: str  # upper case
    params: dict[str, list[str]]  # names upper case, values as written; shared: read only
    value: bytes  # unfolded, not yet decoded

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    def types(self) -> list[str]:
        return [value.lower() for value in self.params.get("TYPE", ())]


@dataclass
class _RawCard:
    line: int  # of its BEGIN:VCARD
    record: int  # 1-based, blank cards included
    properties: list[_Property] = field(default_factory=list)
    end: int = 0  # bytes read up to its END:VCARD, for progress


def _value_start(raw: bytes) -> int:
    """Where the name and parameters end: the first ':' outside a quoted parameter value
    (4.0 allows `"geo:..."` in a parameter); -1 when there is none."""
    start = 0
    while (colon := raw.find(b":", start)) >= 0:
        quote = raw.find(b'"', start, colon)
        if quote < 0:
            return colon
        close = raw.find(b'"', quote + 1)
        if close < 0:
            return -1
        start = close + 1
    return -1


def _logical_lines(data: bytes, first_line: int = 1) -> Iterator[tuple[int, int, bytes]]:
    """(first line, bytes read so far, unfolded property) for each property.

    One pass joins RFC folds (a line that starts with a space or tab) and vCard 2.1
    quoted-printable soft breaks (a line that ends in "=" goes on with the next, which has
    no leading space). The pieces are joined once, so 60,000 folded lines cost no more than
    one long line, and a property is refused as soon as it passes the limit."""
    pieces: list[bytes] = []
    size = first = 0
    soft_breaks = False
    # Most files have no quoted-printable value at all: then no line needs looking into.
    any_soft_breaks = _QUOTED_PRINTABLE.search(data) is not None
    start = 0  # where the line starts
    # bytes.splitlines ends lines at CR LF, CR and LF only, as RFC 6350 does.
    for number, raw in enumerate(data.splitlines(keepends=True), first_line):
        line = raw.rstrip(b"\r\n")
        start += len(raw)
        if pieces and soft_breaks and pieces[-1].endswith(b"="):
            pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif pieces and line[:1] in (b" ", b"\t"):
            pieces.append(line[1:])
        else:
            if pieces:
                yield first, start - len(raw), b"".join(pieces)
            # Blank lines end a property (Outlook's photos) and are otherwise ignored.
            pieces = [line] if line.strip() else []
            first, size = number, 0
            if any_soft_breaks:
                colon = _value_start(line)
                soft_breaks = b"QUOTED-PRINTABLE" in line[: max(colon, 0)].upper()
        size += len(line)
        if size > MAX_PROPERTY_BYTES:
            raise UnreadableContactsError(
                Unreadable.PROPERTY_TOO_LARGE,
                f"a property is larger than {MAX_PROPERTY_BYTES // 2**20} MB",
                line=first,
            )
    if pieces:
        yield first, len(data), b"".join(pieces)


def _property(line: int, raw: bytes) -> _Property | None:
    """The property on an unfolded line; None when the line is not NAME:value."""
    colon = raw.find(b":")
    if colon >= 0 and raw.find(b'"', 0, colon) >= 0:
        colon = _value_start(raw)  # a quoted parameter value, which may hold a ':'
    if colon < 0:
        return None
    head = _head(raw[:colon])
    if head is None:
        return None
    return _Property(line, *head, raw[colon + 1 :])


@functools.lru_cache(maxsize=1024)
def _head(raw: bytes) -> tuple[str, str, dict[str, list[str]]] | None:
    """(group, name, parameters) of a property's head ("item1.EMAIL;TYPE=WORK"); None
    when it is no name. Heads repeat from card to card: each is read once (its parameters
    are shared by the properties that have it, and only read)."""
    head = raw.decode("latin-1")  # names and parameters are ASCII; never fails
    # Without a quoted value, the parameters are what lies between semicolons.
    parts = _PARAM.findall(head) if '"' in head else [p for p in head.split(";") if p]
    found = _NAME.fullmatch(parts[0].strip()) if parts else None
    if found is None:
        return None
    group = (found[1] or "").lower()
    return group, found[2].upper(), _params(parts[1:])


def _params(parts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        key, equals, value = part.partition("=")
        if not equals:
            key, value = ("ENCODING" if key.strip().upper() in _ENCODINGS else "TYPE"), key
        values = (v.strip().strip('"') for v in value.split(","))
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return params


def _cards(data: bytes, first_line: int = 1, first_record: int = 0) -> Iterator[_RawCard]:
    """The cards of the file (or of what is left of it after `first_record` cards), each
    once its END:VCARD is read. Raises on anything that is not a property, a card left
    open (a file cut short), or a card inside a card."""
    card: _RawCard | None = None
    record = first_record
    for line, end, raw in _logical_lines(data, first_line):
        prop = _property(line, raw)
        if prop is None:
            if card is not None and end == len(data):
                break  # the file stops in the middle of a line: a truncated card
            raise _malformed("the line is not NAME:value", line, card)
        if prop.name in ("BEGIN", "END"):
            keyword = prop.value.strip().upper().decode("latin-1")
        if prop.name == "BEGIN":
            if card is not None:
                raise _malformed(f"BEGIN:{keyword} inside the card of line {card.line}", line, card)
            if keyword != "VCARD":
                raise _malformed(f"BEGIN:{keyword} is not a vCard", line, card)
            record += 1
            card = _RawCard(line, record)
        elif card is None:
            detail = "END:VCARD without BEGIN:VCARD" if prop.name == "END" else "text between cards"
            raise _malformed(detail, line, card)
        elif prop.name == "END":
            if keyword != "VCARD":
                raise _malformed(f"END:{keyword} inside a card", line, card)
            card.end = end
            yield card
            card = None
        else:
            card.properties.append(prop)
    if card is not None:
        raise UnreadableContactsError(
            Unreadable.TRUNCATED, "the card has no END:VCARD", line=card.line, record=card.record
        )


def _malformed(detail: str, line: int, card: _RawCard | None) -> UnreadableContactsError:
    record = card.record if card is not None else None
    return UnreadableContactsError(Unreadable.MALFORMED, detail, line=line, record=record)


def _split(text: str, separator: str) -> list[str]:
    """`text` cut at each `separator` that no backslash escapes."""
    parts: list[str] = []
    start = 0
    for found in _SEPARATORS[separator].finditer(text):
        if found[0] == separator:
            parts.append(text[start : found.start()])
            start = found.end()
    parts.append(text[start:])
    return parts


def _label_text(label: str) -> str:
    """Apple's `_$!<Other>!$_` as "other"; a label the person typed stays as typed."""
    label = label.strip()
    if label.startswith("_$!<") and label.endswith(">!$_"):
        return label[4:-4].lower()
    return label


# -- A card becoming a Contact ---------------------------------------------------------------


class _Card:
    """The properties of one card, read into the fields of a Contact."""

    def __init__(self, raw: _RawCard) -> None:
        self.raw = raw
        self.version = self.read_version()
        self.values: dict[str, Any] = {}
        self.lists: dict[str, list[Any]] = defaultdict(list)
        self.notes: list[str] = []
        # Apple and Google name a value through a second property of its group.
        self.labels = {
            p.group: self.text(p) for p in raw.properties if p.name == "X-ABLABEL" and p.group
        }

    def contact(self) -> Contact:
        for prop in self.raw.properties:
            handler = _HANDLERS.get(prop.name)
            if handler is not None:
                handler(self, prop)
        lists = {name: tuple(values) for name, values in self.lists.items()}
        return Contact(line=self.raw.line, notes="\n".join(self.notes), **self.values, **lists)

    def read_version(self) -> str:
        found = next((p for p in self.raw.properties if p.name == "VERSION"), None)
        if found is None:
            return "3.0"  # not legal, but seen: 3.0 is what most writers mean
        version = found.value.decode("latin-1").strip()
        if version not in _VERSIONS:
            raise self.refused(
                Unreadable.MALFORMED, f"vCard version {version} is not supported", found
            )
        return version

    def refused(self, reason: Unreadable, detail: str, prop: _Property) -> UnreadableContactsError:
        return UnreadableContactsError(reason, detail, line=prop.line, record=self.raw.record)

    # Values

    def transfer_decoded(self, prop: _Property) -> bytes:
        encoding = prop.param("ENCODING").upper()
        if encoding == "QUOTED-PRINTABLE":
            return binascii.a2b_qp(prop.value)
        if encoding in _BASE64:
            return self.base64(prop, prop.value)
        return prop.value

    def base64(self, prop: _Property, data: bytes) -> bytes:
        compact = re.sub(rb"\s+", b"", data)
        try:
            # Some writers leave out the padding; nothing else is forgiven.
            return base64.b64decode(compact + b"=" * (-len(compact) % 4), validate=True)
        except binascii.Error:
            raise self.refused(
                Unreadable.MALFORMED, f"{prop.name} is not valid base64", prop
            ) from None

    def decoded(self, prop: _Property) -> str:
        """The value as text, by its own CHARSET, escapes still in."""
        if not prop.params:  # most values: plain UTF-8
            data, charset = prop.value, "UTF-8"
        else:
            data = self.transfer_decoded(prop)
            charset = prop.param("CHARSET") or "UTF-8"
        try:
            text = data.decode(charset)
        except LookupError:  # also Python's bytes-to-bytes codecs ("hex", "base64")
            raise self.refused(Unreadable.ENCODING, f"unknown CHARSET {charset}", prop) from None
        except UnicodeDecodeError:
            detail = f"{prop.name} is not valid {charset}"
            if not prop.param("CHARSET") and self.version == "2.1":
                detail += " and names no CHARSET"
            raise self.refused(Unreadable.ENCODING, detail, prop) from None
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

    def unescape(self, text: str) -> str:
        if "\\" not in text:
            return text
        if self.version == "2.1":
            return text.replace("\\;", ";")  # 2.1 escapes only the separator
        # \n and \N are newlines; any other escaped character is itself (Google writes
        # \" and \: as well as the \, \; and \\ of RFC 6350).
        return _ESCAPE.sub(lambda found: "\n" if found[1] in "nN" else found[1], text)

    def text(self, prop: _Property) -> str:
        return self.unescape(self.decoded(prop)).strip()

    def parts(self, prop: _Property, separator: str = ";") -> list[str]:
        """A structured (N, ADR, ORG) or list (NICKNAME) value, component by component."""
        return [self.unescape(part).strip() for part in _split(self.decoded(prop), separator)]

    def date(self, prop: _Property) -> PartialDate | None:
        text = self.text(prop)
        if prop.param("VALUE").lower() == "text" or _WORDS.search(text) or _NO_DAY.fullmatch(text):
            return None  # "circa 1800", or a year alone: never a guessed day
        try:
            date = contact_date(text)
        except ValidationError:
            raise self.refused(
                Unreadable.MALFORMED, f"{prop.name} is not a valid date: {text}", prop
            ) from None
        omitted = prop.param("X-APPLE-OMIT-YEAR")
        if date is not None and date.year is not None and omitted == str(date.year):
            return PartialDate(date.month, date.day)
        return date

    def label(self, prop: _Property) -> str:
        if prop.group in self.labels:
            return _label_text(self.labels[prop.group])
        words = (word for word in prop.types() if word not in _NOT_LABELS)
        return " ".join(dict.fromkeys(words))

    # Fields

    def first(self, name: str, value: object) -> None:
        """A field the card has once: the first value stands."""
        if value and not self.values.get(name):
            self.values[name] = value

    def labeled(self, name: str, prop: _Property, value: str) -> None:
        if value:
            self.lists[name].append(Labeled(value, self.label(prop)))

    def kin(self, name: str, what: str) -> None:
        found = Kin(name, what)
        if name and found not in self.lists["family"]:
            self.lists["family"].append(found)

    def anniversary_on(self, date: PartialDate | None) -> None:
        """A second, different anniversary (Outlook's next to Apple's) is kept as a date."""
        if date is None:
            return
        if self.values.get("anniversary") is None:
            self.values["anniversary"] = date
        elif self.values["anniversary"] != date:
            self.lists["other_dates"].append(("anniversary", date))

    # Properties

    def full_name(self, prop: _Property) -> None:
        self.first("full_name", self.text(prop))

    def structured_name(self, prop: _Property) -> None:
        family, given = [*self.parts(prop), "", ""][:2]  # family;given;additional;...
        if family or given:
            self.first("family_name", family)
            self.first("given_name", given)

    def nickname(self, prop: _Property) -> None:
        self.first("nickname", ", ".join(p for p in self.parts(prop, ",") if p))

    def organization(self, prop: _Property) -> None:
        self.first("company", self.parts(prop)[0])  # the rest are departments

    def title(self, prop: _Property) -> None:
        self.first("job_title", self.text(prop))

    def email(self, prop: _Property) -> None:
        self.labeled("emails", prop, self.text(prop))

    def phone(self, prop: _Property) -> None:
        value = self.text(prop)
        if value[:4].lower() == "tel:":  # 4.0 TEL;VALUE=uri
            value = value[4:]
        self.labeled("phones", prop, value)

    def address(self, prop: _Property) -> None:
        # PO box; extended; street; locality; region; postal code; country: one a line.
        self.labeled("addresses", prop, "\n".join(p for p in self.parts(prop) if p))

    def website(self, prop: _Property) -> None:
        self.labeled("websites", prop, self.text(prop))

    def note(self, prop: _Property) -> None:
        if text := self.text(prop):
            self.notes.append(text)

    def uid(self, prop: _Property) -> None:
        self.first("uid", self.text(prop))

    def photo(self, prop: _Property) -> None:
        image = self.image(prop)
        if self.values.get("photo") is None:
            self.values["photo"] = image

    def image(self, prop: _Property) -> bytes | None:
        """An embedded picture; None for a link, which is never fetched."""
        if prop.param("ENCODING").upper() in _BASE64:
            return self.base64(prop, prop.value) or None
        uri = prop.value.strip()
        if uri[:5].lower() != b"data:":
            return None
        meta, comma, payload = uri[5:].partition(b",")
        if not comma:
            raise self.refused(Unreadable.MALFORMED, f"{prop.name} is not a valid data: URI", prop)
        if meta.lower().endswith(b";base64"):
            return self.base64(prop, payload) or None
        return unquote_to_bytes(payload) or None

    def birthday(self, prop: _Property) -> None:
        self.first("birthday", self.date(prop))

    def anniversary(self, prop: _Property) -> None:
        self.anniversary_on(self.date(prop))

    def labeled_date(self, prop: _Property) -> None:
        """Apple's and Google's X-ABDATE: an anniversary only when its label says so."""
        date = self.date(prop)
        label = self.labels.get(prop.group, "")
        if date is None:
            return
        if _label_key(label) == "anniversary":
            self.anniversary_on(date)
        else:
            self.lists["other_dates"].append((_label_text(label), date))

    def related_name(self, prop: _Property) -> None:
        """Apple's and Google's X-ABRELATEDNAMES, with what the label says they are."""
        name = self.text(prop)
        label = self.labels.get(prop.group, "")
        if _label_key(label) == REFERRED_BY:
            self.first("referred_by", name)
        else:
            self.kin(name, _relation(label) or Relation.OTHER.value)

    def related(self, prop: _Property) -> None:
        """RFC 6350 RELATED: a name (VALUE=text), or a link to another card, left out."""
        name = self.text(prop)
        if prop.param("VALUE").lower() != "text" and _URI.match(name):
            return
        known = (_relation(kind) for kind in prop.types())
        self.kin(name, next((r for r in known if r), Relation.OTHER.value))

    def named_kin(self, prop: _Property) -> None:
        self.kin(self.text(prop), _NAMED_KIN[prop.name].value)

    def kind(self, prop: _Property) -> None:
        if self.text(prop).lower() == "org":
            self.values["is_org"] = True

    def show_as(self, prop: _Property) -> None:
        if self.text(prop).upper() == "COMPANY":  # Apple's company cards
            self.values["is_org"] = True


_HANDLERS: dict[str, Callable[[_Card, _Property], None]] = {
    "FN": _Card.full_name,
    "N": _Card.structured_name,
    "NICKNAME": _Card.nickname,
    "ORG": _Card.organization,
    "TITLE": _Card.title,
    "EMAIL": _Card.email,
    "TEL": _Card.phone,
    "ADR": _Card.address,
    "URL": _Card.website,
    "NOTE": _Card.note,
    "UID": _Card.uid,
    "PHOTO": _Card.photo,
    "BDAY": _Card.birthday,
    "X-ABDATE": _Card.labeled_date,
    "X-ABRELATEDNAMES": _Card.related_name,
    "RELATED": _Card.related,
    "KIND": _Card.kind,
    "X-ABSHOWAS": _Card.show_as,
    **dict.fromkeys(_ANNIVERSARIES, _Card.anniversary),
    **dict.fromkeys(_NAMED_KIN, _Card.named_kin),
}
