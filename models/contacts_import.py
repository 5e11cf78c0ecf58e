"""Importing contacts (vCard, Google or Outlook CSV): what each contact would become (the
preview), then doing it in one transaction.

Each contact is set against the clients here and against the contacts before it in the
same file. The same UID, email address or phone number, or else the same name, makes it a
likely duplicate; the person chooses per row to merge it, keep both, or skip it. A merge
never loses anything: it fills what the card lacks, adds the emails, phones, relatives and
dates it does not have, and keeps the card's own value where the two differ (the preview
says so). A value Rapport cannot hold as what it claims to be (a "phone" of words) goes
into the notes rather than being dropped.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, is_dataclass, replace
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from typing import Any

from models import clients
from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData, validate_card
from models.dates import PartialDate
from models.entities import Client, ContactPoint, database
from models.errors import ValidationError
from models.interop.contact import (
    Contact,
    Format,
    Kin,
    Labeled,
    ReadContacts,
    Unreadable,
    UnreadableContactsError,
    label_key,
)
from models.search import fold
from models.storage import transaction
from models.validation import contact_problem
from models.vocab import ContactKind, DateKind


class Choice(StrEnum):
    CREATE = "create"  # a new client card ("keep both" for a likely duplicate)
    MERGE = "merge"  # into the client (or the earlier contact of the file) it matches
    SKIP = "skip"


class Reason(StrEnum):
    """Why a contact is taken for a client already here, strongest first."""

    UID = "uid"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"


@dataclass(frozen=True)
class Match:
    name: str  # the client's, or the earlier contact's
    reason: Reason
    client_id: int | None = None  # a client here
    row: int | None = None  # or an earlier contact of the file (its index)


@dataclass(frozen=True)
class ContactItem:
    contact: Contact
    match: Match | None = None
    choice: Choice = Choice.CREATE  # the default


@dataclass(frozen=True)
class MergeEffect:
    """What merging a row's contact into its match would do."""

    adds: tuple[str, ...] = ()  # what it adds to the card ("email a@b.c")
    differs: tuple[str, ...] = ()  # where the card keeps its own value ("birthday")


@dataclass
class Preview:
    format: str
    items: list[ContactItem] = field(default_factory=list)
    skipped_empty: int = 0
    # Each item's contact and its card (card_of), as the preview made and validated it,
    # for apply to write without making and checking it again. Not part of the JSON: for
    # a preview read back from JSON, or an item whose contact is not this one, apply
    # makes and checks the card itself.
    cards: list[tuple[Contact, ClientCard]] = field(default_factory=list, repr=False, compare=False)
    # The cards of the clients here that rows match, as the preview read them.
    clients_here: dict[int, ClientCard] = field(default_factory=dict, repr=False, compare=False)
    _effects: dict[int, MergeEffect] = field(default_factory=dict, repr=False, compare=False)

    def card(self, row: int) -> ClientCard | None:
        """The card the preview made for a row's contact, if it made one."""
        if row < len(self.cards) and self.cards[row][0] is self.items[row].contact:
            return self.cards[row][1]
        return None

    def merge_effect(self, row: int) -> MergeEffect:
        """What merging a likely duplicate would do, worked out when first asked: most
        rows are never shown merged (two people who share a name are kept apart), and
        working it out for all of them was half the preview of 10k contacts."""
        found = self._effects.get(row)
        if found is None:
            match = self.items[row].match
            if match is None:
                raise ValueError(f"row {row} matches nothing")
            if match.client_id is not None:
                target = self.clients_here.get(match.client_id) or clients.load_card(
                    match.client_id
                )
            else:
                target = self._card_of(match.row)  # type: ignore[arg-type]
            _, adds, differs = _merge(target, self._card_of(row))
            found = self._effects[row] = MergeEffect(adds, differs)
        return found

    def _card_of(self, row: int) -> ClientCard:
        return self.card(row) or card_of(self.items[row].contact)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for item in self.items:
            found["new" if item.match is None else f"match_{item.match.reason}"] += 1
        return dict(found)


@dataclass(frozen=True)
class Result:
    created: int = 0
    merged: int = 0
    skipped: int = 0


def read(
    data: bytes,
    *,
    day_first: bool | None = None,
    encoding: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    processes: int = 1,
) -> tuple[Format, Iterator[ReadContacts]]:
    """The format of a vCard or CSV file, told from its content, and its contacts a piece
    at a time (read as preview asks for them). `processes`: see read_pieces."""
    from models.interop import contact

    found = contact.detect(data)
    if found is Format.VCARD:
        from models.interop.vcard_read import read_pieces

        return found, read_pieces(data, progress=progress, processes=processes)
    if found in (Format.GOOGLE_CSV, Format.OUTLOOK_CSV):
        from models.interop.contacts_csv import read_csv

        return found, iter(
            [read_csv(data, day_first=day_first, encoding=encoding, progress=progress)]
        )
    raise UnreadableContactsError(Unreadable.UNKNOWN_FORMAT)


def preview(found: Format, pieces: Iterable[ReadContacts]) -> Preview:
    """Each contact set against the clients here and the earlier contacts of the file,
    a piece of the file at a time (the first is matched while the next is read). Raises
    UnreadableContactsError (MALFORMED, naming the contact's line) for a contact Rapport
    cannot hold even with its odd values moved to the notes."""
    pieces = iter(pieces)
    # The first piece before the clients here: their index is read while the other
    # pieces are (0.11 s at 10k clients, 2 s at 100k).
    first = next(pieces, None)
    index = _Index.of_database()
    result = Preview(found.value)
    contacts: list[Contact] = []
    cards: list[ClientCard] = []  # each contact's card, made once (merges look back)
    here: dict[int, ClientCard] = {}  # the clients that contacts match
    for piece in itertools.chain([first] if first is not None else [], pieces):
        result.skipped_empty += piece.skipped_empty
        keys = [_keys(c) for c in piece.contacts]  # made once
        # Looked up before the piece's own contacts are known: a superset of the clients
        # its rows will match, read in one query.
        matched = {m.client_id for lookup, _ in keys if (m := index.find(lookup)) and m.client_id}
        here.update((card.id, card) for card in clients.load_cards(sorted(matched - set(here))))
        for contact, (lookup, known) in zip(piece.contacts, keys, strict=True):
            row = len(contacts)
            contacts.append(contact)
            card = card_of(contact, uid=contact.uid or None)  # as apply writes it
            cards.append(card)
            try:
                validate_card(card)
            except ValidationError as exc:
                # The rest of the file is read first: a card it cannot read is named
                # before this one, as when the file is read whole before it is matched.
                for _ in pieces:
                    pass
                raise UnreadableContactsError(
                    Unreadable.MALFORMED, f"{exc.field}: {exc.problem.value}",
                    line=contact.line, record=row + 1,
                ) from None  # fmt: skip
            match = index.find(lookup)
            if match is None:
                result.items.append(ContactItem(contact))
            else:
                # A client here, or the card of an earlier contact of the file.
                mine = match.client_id
                target = here[mine] if mine is not None else cards[match.row]  # type: ignore[index]
                choice = Choice.CREATE if _two_people(match, target, card) else Choice.MERGE
                result.items.append(ContactItem(contact, match, choice))
            index.add_contact(row, contact.name, known)
    if not contacts:
        raise UnreadableContactsError(Unreadable.NO_CONTACTS)
    result.cards = list(zip(contacts, cards, strict=True))
    result.clients_here = here
    return result


def _two_people(match: Match, card: ClientCard, incoming: ClientCard) -> bool:
    """Same name, but both reachable and by nothing in common: two people who share a name
    (the default is then to keep both; the person may still merge them). `incoming` is
    the card of the contact (card_of)."""
    if match.reason is not Reason.NAME:
        return False
    theirs = incoming.contact_points
    reachable = [p for p in theirs if p.kind in (ContactKind.EMAIL, ContactKind.PHONE)]
    mine = [p for p in card.contact_points if p.kind in (ContactKind.EMAIL, ContactKind.PHONE)]
    if not reachable or not mine:
        return False
    have = {key for p in mine for key in _point_keys(p, known_by=True)}
    return not any(have & set(_point_keys(p, known_by=False)) for p in reachable)


def apply(found: Preview, choices: dict[int, Choice] | None = None) -> Result:
    """Write what the preview says, with the person's choice per row (by index); one
    transaction: all of it, or on any error nothing."""
    choices = choices or {}
    new: dict[int, ClientCard] = {}  # row → the card it creates
    checked: set[int] = set()  # rows whose card is the preview's, validated there
    targets = {i.match.client_id for i in found.items if i.match and i.match.client_id}
    loaded = {card.id: card for card in clients.load_cards(sorted(targets))}
    into_client: dict[int, ClientCard] = {}  # client id → the card as merged so far
    taken: set[str] = set()
    skipped = merges = 0
    for row, item in enumerate(found.items):
        choice = choices.get(row, item.choice)
        if choice is Choice.SKIP:
            skipped += 1
            continue
        target = _target(found, choices, row) if choice is Choice.MERGE else None
        if target is None or target == ("row", row):
            # The file's UID, unless another new card of this import already took it.
            uid = item.contact.uid if item.contact.uid not in taken else None
            taken.add(item.contact.uid)
            card = found.card(row)
            if card is None:
                new[row] = card_of(item.contact, uid=uid or None)
            else:
                new[row] = card if card.uid == (uid or None) else replace(card, uid=uid or None)
                checked.add(row)
            continue
        merges += 1
        kind, key = target
        incoming = found.card(row)
        if kind == "client":
            current = into_client.get(key) or loaded[key]
            into_client[key] = merged(current, item.contact, incoming=incoming)[0]
        else:
            new[key] = merged(new[key], item.contact, incoming=incoming)[0]
            checked.discard(key)  # a card merged into is checked when written
    with transaction():
        rows = list(new)
        clients.add_cards(
            list(new.values()), checked={n for n, row in enumerate(rows) if row in checked}
        )
        for client_id, card in into_client.items():
            if card != loaded[client_id]:  # a merge that adds nothing writes nothing
                clients.save_card(card)
    return Result(created=len(new), merged=merges, skipped=skipped)


def _target(found: Preview, choices: dict[int, Choice], row: int) -> tuple[str, int] | None:
    """Where a row's contact ends: ("client", id), ("row", the row that creates the card),
    or None when the chain of merges ends at a skipped row."""
    seen = set()
    while row not in seen:
        seen.add(row)
        item = found.items[row]
        choice = choices.get(row, item.choice)
        if choice is Choice.SKIP:
            return None
        if choice is Choice.CREATE or item.match is None:
            return ("row", row)
        if item.match.client_id is not None:
            return ("client", item.match.client_id)
        row = item.match.row  # type: ignore[assignment]
    return None


# -- Contacts as cards -------------------------------------------------------------------


def card_of(contact: Contact, *, uid: str | None = None) -> ClientCard:
    """A new client card holding everything the contact says."""
    points, odd = _contact_points(contact)
    notes = "\n".join(filter(None, [contact.notes.strip(), *odd]))
    return ClientCard(
        name=contact.name or (contact.emails[0].value if contact.emails else "?"),
        given_name=contact.given_name.strip(),
        family_name=contact.family_name.strip(),
        nickname=contact.nickname.strip(),
        company=contact.company.strip(),
        job_title=contact.job_title.strip(),
        how_we_met=f"Referred by {contact.referred_by.strip()}" if contact.referred_by else "",
        notes=notes,
        photo=contact.photo,
        contact_points=tuple(points),
        relatives=tuple(_relative(kin) for kin in contact.family),
        key_dates=tuple(_key_dates(contact)),
        uid=uid,
    )


def _contact_points(contact: Contact) -> tuple[list[ContactPointData], list[str]]:
    points, odd = [], []
    for kind, values, word in (
        (ContactKind.EMAIL, contact.emails, "Email"),
        (ContactKind.PHONE, contact.phones, "Phone"),
        (ContactKind.ADDRESS, contact.addresses, "Address"),
        (ContactKind.WEB, contact.websites, "Web"),
    ):
        for value in values:
            text = value.value.strip()
            if not text:
                continue
            if contact_problem(kind, text) is None:
                points.append(ContactPointData(kind.value, text, _label(value.label)))
            else:
                odd.append(f"{word}{f' ({value.label})' if value.label else ''}: {text}")
    return points, odd


# The usual labels in one spelling, whichever program wrote them ("CELL", "Mobile").
_LABELS = {
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "work": "work",
    "home": "home",
    "other": "other",
    "main": "main",
    "fax": "fax",
    "pager": "pager",
}


@functools.lru_cache(maxsize=1024)  # labels repeat from contact to contact
def _label(label: str) -> str:
    return _LABELS.get(label_key(label), label.strip())


def _relative(kin: Kin) -> RelativeData:
    dates = (KeyDateData(DateKind.BIRTHDAY.value, kin.birthday),) if kin.birthday else ()
    return RelativeData(kin.name.strip(), kin.relation, key_dates=dates)


def _key_dates(contact: Contact) -> list[KeyDateData]:
    dates = []
    if contact.birthday is not None:
        dates.append(KeyDateData(DateKind.BIRTHDAY.value, contact.birthday))
    if contact.anniversary is not None:
        dates.append(KeyDateData(DateKind.WEDDING_ANNIVERSARY.value, contact.anniversary))
    for label, date in contact.other_dates:
        kind = _DATE_LABELS.get(label_key(label), DateKind.CUSTOM)
        text = (label.strip() or "Date") if kind is DateKind.CUSTOM else ""
        dates.append(KeyDateData(kind.value, date, label=text))
    return dates


# Dates Rapport has a kind for, as its own export labels them (vCard and CSV have none).
_DATE_LABELS = {
    "businessanniversary": DateKind.BUSINESS_ANNIVERSARY,
    "workanniversary": DateKind.BUSINESS_ANNIVERSARY,
    "nameday": DateKind.NAME_DAY,
    "namenstag": DateKind.NAME_DAY,
    "imieniny": DateKind.NAME_DAY,
}


def merged(
    card: ClientCard, contact: Contact, *, incoming: ClientCard | None = None
) -> tuple[ClientCard, tuple[str, ...], tuple[str, ...]]:
    """`card` with what `contact` adds; (the card, what was added, where they differ and
    the card's own value was kept). `incoming`: card_of(contact), when already made."""
    if incoming is None:
        incoming = card_of(contact)
    fields, adds, differs = _merge(card, incoming)
    return replace(card, **fields), adds, differs


def _merge(
    card: ClientCard, incoming: ClientCard
) -> tuple[dict[str, Any], tuple[str, ...], tuple[str, ...]]:
    """(the fields of `card` that change, what was added, where they differ): merged(),
    without making the card (the preview only says what a merge would do)."""
    adds: list[str] = []
    differs: list[str] = []
    fields: dict[str, Any] = {}
    for name in ("given_name", "family_name", "nickname", "company", "job_title", "how_we_met"):
        mine, theirs = getattr(card, name), getattr(incoming, name)
        if theirs and not mine:
            fields[name] = theirs
            adds.append(name.replace("_", " "))
        elif theirs and _fold(theirs) != _fold(mine):
            differs.append(name.replace("_", " "))
    if incoming.notes and incoming.notes not in card.notes:
        fields["notes"] = f"{card.notes}\n\n{incoming.notes}" if card.notes else incoming.notes
        adds.append("notes")
    if incoming.photo is not None and card.photo is None:
        fields["photo"] = incoming.photo
        adds.append("photo")
    have = {key for p in card.contact_points for key in _point_keys(p, known_by=True)}
    new_points = [
        p for p in incoming.contact_points
        if not have & set(_point_keys(p, known_by=False))
    ]  # fmt: skip
    if new_points:
        fields["contact_points"] = card.contact_points + tuple(new_points)
        adds += [f"{p.kind} {p.value.splitlines()[0]}" for p in new_points]
    dates, date_adds, date_differs = _merged_dates(card.key_dates, incoming.key_dates)
    if date_adds:
        fields["key_dates"] = dates
    adds += date_adds
    differs += date_differs
    relatives = list(card.relatives)
    for theirs in incoming.relatives:
        name = _fold(theirs.name)
        n = next((i for i, r in enumerate(relatives) if _fold(r.name) == name), None)
        if n is None:
            relatives.append(theirs)
            adds.append(f"{theirs.relation} {theirs.name}")
            continue
        dates, date_adds, date_differs = _merged_dates(relatives[n].key_dates, theirs.key_dates)
        if date_adds:
            relatives[n] = replace(relatives[n], key_dates=dates)
        adds += [f"{theirs.name}'s {what}" for what in date_adds]
        differs += [f"{theirs.name}'s {what}" for what in date_differs]
    if len(relatives) != len(card.relatives) or relatives != list(card.relatives):
        fields["relatives"] = tuple(relatives)
    return fields, tuple(adds), tuple(differs)


def _merged_dates(
    mine: tuple[KeyDateData, ...], theirs: tuple[KeyDateData, ...]
) -> tuple[tuple[KeyDateData, ...], list[str], list[str]]:
    result = list(mine)
    adds, differs = [], []
    for date in theirs:
        what = date.label if date.kind == DateKind.CUSTOM else date.kind.replace("_", " ")
        same_kind = [(i, d) for i, d in enumerate(result) if _same_date_kind(d, date)]
        if not same_kind:
            result.append(date)
            adds.append(what)
            continue
        i, existing = same_kind[0]
        if (existing.date.month, existing.date.day) != (date.date.month, date.date.day):
            differs.append(what)
        elif existing.date.year is None and date.date.year is not None:
            result[i] = replace(existing, date=date.date)
            adds.append(f"{what} year")
    return tuple(result), adds, differs


# Names and labels repeat from card to card: fold each once per process.
_fold = functools.lru_cache(maxsize=65_536)(fold)


def _same_date_kind(a: KeyDateData, b: KeyDateData) -> bool:
    """One birthday per person; custom dates are told apart by their label."""
    return a.kind == b.kind and (a.kind != DateKind.CUSTOM or _fold(a.label) == _fold(b.label))


def _point_keys(point: ContactPointData, *, known_by: bool) -> list[tuple[str, str]]:
    """The keys a contact point is known by, or looked up by (see _phone_forms)."""
    if point.kind == ContactKind.PHONE:
        forms = _phone_forms(point.value)[0 if known_by else 1]
        return [(point.kind, form) for form in forms]
    return [(point.kind, _email_key(point.value))]


def _email_key(value: str) -> str:
    return fold(" ".join(value.split()))


def _phone_forms(value: str) -> tuple[list[str], list[str]]:
    """(the keys a number is known by, the keys it is looked up by). "+34 612 345 678"
    and "612 345 678" are one number; "+33 6 12 34 56 78" is another, though it ends in
    the same nine digits: a number with its country code matches a number without one by
    its last nine digits, and a number with another country code never."""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+"):
        return [f"i:{digits}", f"x:{digits[-9:]}"], [f"i:{digits}", f"n:{digits[-9:]}"]
    if value.strip().startswith("00"):
        full = digits[2:]
        return [f"i:{full}", f"x:{full[-9:]}"], [f"i:{full}", f"n:{full[-9:]}"]
    national = digits.lstrip("0")[-9:]
    return [f"n:{national}"], [f"n:{national}", f"x:{national}"]


# -- Matching ----------------------------------------------------------------------------


class _Index:
    """Who is who, here and earlier in the file: by UID, email, phone and name."""

    def __init__(self) -> None:
        self.keys: dict[tuple[Reason, str], tuple[str, int | None, int | None]] = {}

    @classmethod
    def of_database(cls) -> _Index:
        index = cls()
        names = {}
        for client_id, uid, name in database.execute(
            Client.select(Client.id, Client.uid, Client.name).where(Client.deleted_at.is_null())
        ).fetchall():
            names[client_id] = name
            index._add(Reason.UID, uid, name, client_id, None)
            index._add(Reason.NAME, fold(name), name, client_id, None)
        for client_id, kind, value in database.execute(
            ContactPoint.select(ContactPoint.client, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.kind.in_([ContactKind.EMAIL, ContactKind.PHONE])
            )
        ).fetchall():
            if client_id not in names:
                continue
            point = ContactPointData(kind, value)
            reason = Reason.EMAIL if kind == ContactKind.EMAIL else Reason.PHONE
            if reason is Reason.EMAIL or _long_enough(value):
                for _, key in _point_keys(point, known_by=True):
                    index._add(reason, key, names[client_id], client_id, None)
        return index

    def add_contact(self, row: int, name: str, known: list[tuple[Reason, str]]) -> None:
        """A contact of the file, by the keys it is known by (_keys)."""
        for reason, key in known:
            self._add(reason, key, name, None, row)

    def find(self, keys: list[tuple[Reason, str]]) -> Match | None:
        """The strongest match for a contact's keys (looked up by: _keys)."""
        for reason, key in keys:
            if (found := self.keys.get((reason, key))) is not None:
                name, client_id, row = found
                return Match(name, reason, client_id, row)
        return None

    def _add(
        self, reason: Reason, key: str, name: str, client_id: int | None, row: int | None
    ) -> None:
        if key:
            self.keys.setdefault((reason, key), (name, client_id, row))


def _long_enough(phone: str) -> bool:
    """Shorter numbers (extensions, short codes) identify no one."""
    return len(re.sub(r"\D", "", phone)) >= 7


def _keys(contact: Contact) -> tuple[list[tuple[Reason, str]], list[tuple[Reason, str]]]:
    """What identifies a contact, strongest first (a UID, then each email and phone, then
    the name): (the keys it is looked up by, the keys it is known by). Both at once: they
    differ only in a phone number's forms."""
    lookup = [(Reason.UID, contact.uid)] if contact.uid else []
    lookup += [(Reason.EMAIL, _email_key(e.value)) for e in contact.emails]
    known = lookup.copy()
    for p in contact.phones:
        if _long_enough(p.value):
            known_forms, lookup_forms = _phone_forms(p.value)
            known += [(Reason.PHONE, key) for key in known_forms]
            lookup += [(Reason.PHONE, key) for key in lookup_forms]
    if name := contact.name:
        name_key = (Reason.NAME, _fold(name))
        lookup.append(name_key)
        known.append(name_key)
    return lookup, known


# -- Between processes -------------------------------------------------------------------
# The window runs the preview and the import in a separate process (DESIGN.md, "Speed by
# design"): the preview comes back as JSON (photos as base64), the choices go in as JSON.


def preview_to_json(found: Preview) -> str:
    # What asdict() would give (the cards left out), but each dataclass is made a dict
    # only as the encoder reaches it: asdict copies every value first, which took longer
    # than reading the file at 10k contacts.
    plain = {"format": found.format, "items": found.items, "skipped_empty": found.skipped_empty}
    return json.dumps(plain, default=_plain, ensure_ascii=False)


def preview_from_json(text: str) -> Preview:
    raw = json.loads(text)
    return Preview(
        format=raw["format"],
        skipped_empty=raw["skipped_empty"],
        items=[
            ContactItem(
                contact=_contact(item["contact"]),
                match=Match(**(item["match"] | {"reason": Reason(item["match"]["reason"])}))
                if item["match"] else None,
                choice=Choice(item["choice"]),
            )
            for item in raw["items"]
        ],
    )  # fmt: skip


def choices_to_json(choices: dict[int, Choice]) -> str:
    return json.dumps({str(row): choice.value for row, choice in choices.items()})


def choices_from_json(text: str) -> dict[int, Choice]:
    return {int(row): Choice(choice) for row, choice in json.loads(text).items()}


def _plain(value: object) -> object:
    names = _field_names.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _field_names[type(value)] = [f.name for f in dataclass_fields(value)]
    if names is not None:  # a dataclass, as asdict() makes it
        return {name: getattr(value, name) for name in names}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(type(value))


_field_names: dict[type, list[str]] = {}


def _contact(raw: dict[str, Any]) -> Contact:
    def date(value: dict[str, Any] | None) -> PartialDate | None:
        return PartialDate(**value) if value else None

    def labeled(values: list[dict[str, str]]) -> tuple[Labeled, ...]:
        return tuple(Labeled(**v) for v in values)

    return Contact(
        **raw
        | {
            "emails": labeled(raw["emails"]),
            "phones": labeled(raw["phones"]),
            "addresses": labeled(raw["addresses"]),
            "websites": labeled(raw["websites"]),
            "birthday": date(raw["birthday"]),
            "anniversary": date(raw["anniversary"]),
            "other_dates": tuple((label, date(d)) for label, d in raw["other_dates"]),
            "family": tuple(
                Kin(k["name"], k["relation"], date(k["birthday"])) for k in raw["family"]
            ),
            "photo": base64.b64decode(raw["photo"]) if raw["photo"] else None,
        }
    )
