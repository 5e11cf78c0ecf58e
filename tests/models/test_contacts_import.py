"""Contacts into cards: new ones, likely duplicates (here or earlier in the file) with merge /
keep both / skip, merges that lose nothing, one transaction."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from models import client_list, clients, contacts_import, db
from models.cards import ClientCard, ContactPointData, KeyDateData, RelativeData
from models.contacts_import import Choice, Reason
from models.dates import PartialDate
from models.errors import StorageError, StorageProblem
from models.interop.contact import (
    Contact,
    Format,
    Kin,
    Labeled,
    ReadContacts,
    Unreadable,
    UnreadableContactsError,
)

JOSE = Contact(
    line=1,
    full_name="José Álvarez-Núñez",
    given_name="José",
    family_name="Álvarez-Núñez",
    company="Café Olé, S.L.",
    emails=(Labeled("jose@cafeole.es", "work"), Labeled("pepe.alvarez@gmail.com", "home")),
    phones=(Labeled("+34 612 345 678", "mobile"), Labeled("call reception", "work")),
    birthday=PartialDate(2, 29, 1984),
    anniversary=PartialDate(9, 8, 2012),
    other_dates=(("Shop opening", PartialDate(3, 1, 2015)),),
    family=(Kin("Lucía Fernández", "spouse"), Kin("Mateo", "child", PartialDate(6, 1, 2015))),
    referred_by="Ana",
    notes="Prefers cortado.",
    photo=b"\xff\xd8\xff" + bytes(100),
    uid="jose-uid",
)


def preview(*contacts: Contact, skipped: int = 0) -> contacts_import.Preview:
    return contacts_import.preview(Format.VCARD, [ReadContacts(list(contacts), skipped)])


def card_named(name: str) -> ClientCard:
    [row] = [r for r in client_list.list_clients(dt.date(2027, 1, 1)) if r.name == name]
    return clients.load_card(row.id)


def test_a_new_contact_becomes_a_whole_card(database: db.OpenedDatabase) -> None:
    found = preview(JOSE, skipped=2)
    assert [(i.match, i.choice) for i in found.items] == [(None, Choice.CREATE)]
    assert found.skipped_empty == 2
    assert contacts_import.apply(found).created == 1
    card = card_named("José Álvarez-Núñez")
    assert card.uid == "jose-uid" and card.company == "Café Olé, S.L."
    assert [(c.kind, c.value, c.label) for c in card.contact_points] == [
        ("email", "jose@cafeole.es", "work"),
        ("email", "pepe.alvarez@gmail.com", "home"),
        ("phone", "+34 612 345 678", "mobile"),
    ]
    # "call reception" is no phone number: kept in the notes, not lost.
    assert card.notes == "Prefers cortado.\nPhone (work): call reception"
    assert card.how_we_met == "Referred by Ana" and card.photo == JOSE.photo
    assert [(k.kind, k.date, k.label) for k in card.key_dates] == [
        ("birthday", PartialDate(2, 29, 1984), ""),
        ("wedding_anniversary", PartialDate(9, 8, 2012), ""),
        ("custom", PartialDate(3, 1, 2015), "Shop opening"),
    ]
    assert [(r.name, r.relation, r.birthday) for r in card.relatives] == [
        ("Lucía Fernández", "spouse", None),
        ("Mateo", "child", PartialDate(6, 1, 2015)),
    ]


@pytest.mark.parametrize(
    ("existing", "reason"),
    [
        (ClientCard(name="Someone", uid="jose-uid"), Reason.UID),
        (ClientCard(name="Pepe", contact_points=(ContactPointData("email", "JOSE@cafeole.es"),)),
         Reason.EMAIL),
        (ClientCard(name="Pepe", contact_points=(ContactPointData("phone", "612345678"),)),
         Reason.PHONE),
        (ClientCard(name="jose alvarez-nunez"), Reason.NAME),
    ],
)  # fmt: skip
def test_a_likely_duplicate_is_found_and_merged_by_default(
    database: db.OpenedDatabase, existing: ClientCard, reason: Reason
) -> None:
    stored = clients.save_card(existing)
    [item] = preview(JOSE).items
    assert item.match is not None
    assert (item.match.reason, item.match.client_id, item.choice) == (
        reason, stored.id, Choice.MERGE,
    )  # fmt: skip
    result = contacts_import.apply(preview(JOSE))
    assert (result.created, result.merged) == (0, 1)
    assert client_list.client_count() == 1
    merged = clients.load_card(stored.id)
    assert merged.name == existing.name  # the card keeps its own name
    assert {c.value.lower() for c in merged.contact_points} >= {"jose@cafeole.es"}
    assert len(merged.relatives) == 2 and len(merged.key_dates) == 3


def test_a_merge_fills_gaps_and_keeps_what_the_card_says(database: db.OpenedDatabase) -> None:
    stored = clients.save_card(
        ClientCard(
            name="José Álvarez-Núñez",
            company="Other Company",
            notes="Met at the fair.",
            key_dates=(
                KeyDateData("birthday", PartialDate(2, 28)),  # differs: kept
                KeyDateData("wedding_anniversary", PartialDate(9, 8)),  # gains its year
            ),
            relatives=(RelativeData("Mateo", "child"),),
        )
    )
    effect = preview(JOSE).merge_effect(0)
    assert "company" in effect.differs and "birthday" in effect.differs
    assert "wedding anniversary year" in effect.adds and "Mateo's birthday" in effect.adds
    contacts_import.apply(preview(JOSE))
    card = clients.load_card(stored.id)
    assert card.company == "Other Company"
    assert card.notes.startswith("Met at the fair.\n\nPrefers cortado.")
    assert [k.date for k in card.key_dates][:2] == [PartialDate(2, 28), PartialDate(9, 8, 2012)]
    assert [(r.name, r.birthday) for r in card.relatives] == [
        ("Mateo", PartialDate(6, 1, 2015)),
        ("Lucía Fernández", None),
    ]
    # Merging the same contact again adds nothing more.
    assert preview(JOSE).merge_effect(0).adds == ()


def test_keep_both_and_skip(database: db.OpenedDatabase) -> None:
    clients.save_card(ClientCard(name="José Álvarez-Núñez"))
    other = Contact(line=9, full_name="Ana Ruiz")
    found = preview(JOSE, other)
    result = contacts_import.apply(found, {0: Choice.CREATE, 1: Choice.SKIP})
    assert (result.created, result.merged, result.skipped) == (1, 0, 1)
    names = sorted(r.name for r in client_list.list_clients(dt.date(2027, 1, 1)))
    assert names == ["José Álvarez-Núñez", "José Álvarez-Núñez"]


def test_the_same_person_twice_in_a_file_makes_one_card(database: db.OpenedDatabase) -> None:
    work = Contact(line=1, full_name="Priya Raman", emails=(Labeled("priya@work.example"),))
    home = Contact(line=8, full_name="Dr. Priya Raman", emails=(Labeled("priya@work.example"),),
                   phones=(Labeled("+91 98450 12345"),))  # fmt: skip
    third = Contact(line=15, full_name="P. Raman", phones=(Labeled("98450 12345"),))
    found = preview(work, home, third)
    assert [i.match.row if i.match else None for i in found.items] == [None, 0, 1]
    result = contacts_import.apply(found)
    assert (result.created, result.merged) == (1, 2)
    card = card_named("Priya Raman")
    assert [c.value for c in card.contact_points] == ["priya@work.example", "+91 98450 12345"]
    # When the first is skipped, the merge chain stands on its own.
    db_count = client_list.client_count()
    result = contacts_import.apply(preview(
        Contact(line=1, full_name="Bo Li", emails=(Labeled("bo@x.example"),)),
        Contact(line=2, full_name="Bo Li", phones=(Labeled("+1 555 0100 200"),)),
    ), {0: Choice.SKIP})  # fmt: skip
    assert (result.created, result.skipped) == (1, 1)
    assert client_list.client_count() == db_count + 1


def test_a_file_matched_a_piece_at_a_time_is_matched_as_a_whole(
    database: db.OpenedDatabase,
) -> None:
    """A large file comes in pieces (the first is matched while the next is read): a
    contact matches a client here or a contact of an earlier piece just as in one."""
    here = clients.save_card(ClientCard(name="José Álvarez-Núñez"))
    work = Contact(line=1, full_name="Priya Raman", emails=(Labeled("priya@work.example"),))
    home = Contact(line=8, full_name="P. Raman", emails=(Labeled("priya@work.example"),))
    again = replace(JOSE, line=15, uid="")
    whole = contacts_import.preview(Format.VCARD, [ReadContacts([work, home, again], 1)])
    pieces = [ReadContacts([work], 1), ReadContacts([]), ReadContacts([home, again])]
    found = contacts_import.preview(Format.VCARD, pieces)
    assert found == whole and found.cards == whole.cards
    assert [(i.match.row, i.match.client_id) if i.match else None for i in found.items] == [
        None, (0, None), (None, here.id)
    ]  # fmt: skip
    assert found.clients_here == {here.id: here}


def test_a_card_it_cannot_read_later_is_named_before_one_it_cannot_hold_earlier(
    database: db.OpenedDatabase,
) -> None:
    """Matched a piece at a time, the file still refuses as when read whole first: an
    unreadable card anywhere is named before a card Rapport cannot hold."""

    def pieces() -> Iterator[ReadContacts]:
        yield ReadContacts([Contact(line=1, full_name="x" * 600)])
        raise UnreadableContactsError(Unreadable.MALFORMED, "not NAME:value", line=60008)

    with pytest.raises(UnreadableContactsError) as caught:
        contacts_import.preview(Format.VCARD, pieces())
    assert caught.value.line == 60008


def test_nothing_is_written_when_the_write_fails(
    database: db.OpenedDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = clients.save_card(ClientCard(name="Pepe", uid="jose-uid"))
    found = preview(JOSE, Contact(line=5, full_name="Ana Ruiz"))

    def full(*args: object, **kwargs: object) -> None:
        raise StorageError(StorageProblem.FULL, "disk full")

    monkeypatch.setattr(clients, "save_card", full)  # after the new cards are added
    with pytest.raises(StorageError):
        contacts_import.apply(found)
    assert client_list.client_count() == 1
    assert clients.load_card(stored.id).contact_points == ()


def test_a_contact_rapport_cannot_hold_refuses_the_file_naming_its_line(
    database: db.OpenedDatabase,
) -> None:
    too_long = Contact(line=42, full_name="x" * 600)
    with pytest.raises(UnreadableContactsError) as caught:
        preview(JOSE, too_long)
    assert (caught.value.reason, caught.value.line, caught.value.record) == (
        Unreadable.MALFORMED, 42, 2,
    )  # fmt: skip
    with pytest.raises(UnreadableContactsError) as caught:
        preview()
    assert caught.value.reason == Unreadable.NO_CONTACTS


def test_the_preview_travels_between_processes(database: db.OpenedDatabase) -> None:
    clients.save_card(ClientCard(name="José Álvarez-Núñez"))
    found = preview(JOSE, Contact(line=3, full_name="Ana"))
    text = contacts_import.preview_to_json(found)
    assert contacts_import.preview_from_json(text) == found
    choices = {0: Choice.CREATE, 1: Choice.SKIP}
    assert contacts_import.choices_from_json(contacts_import.choices_to_json(choices)) == choices


def test_what_a_merge_does_is_worked_out_where_the_preview_is_read(
    database: db.OpenedDatabase,
) -> None:
    """The window reads the preview back from JSON, without the cards the preview made:
    the effect of a merge into a client here, or into an earlier contact of the file,
    comes out the same there."""
    clients.save_card(ClientCard(name="José Álvarez-Núñez", company="Other Company"))
    again = replace(JOSE, line=30, company="", notes="Likes the terrace.")
    found = preview(JOSE, Contact(line=3, full_name="Ana"), again)
    assert [i.match.client_id is None if i.match else None for i in found.items] == [
        False, None, True,
    ]  # fmt: skip
    read_back = contacts_import.preview_from_json(contacts_import.preview_to_json(found))
    for row in (0, 2):
        assert read_back.merge_effect(row) == found.merge_effect(row)
    assert "company" in found.merge_effect(0).differs
    assert "notes" in found.merge_effect(2).adds
    with pytest.raises(ValueError):
        found.merge_effect(1)  # a new client: nothing to merge into


def test_two_people_of_one_name_are_kept_apart_by_default(database: db.OpenedDatabase) -> None:
    clients.save_card(
        ClientCard(name="Maria Garcia", contact_points=(ContactPointData("email", "m@a.example"),))
    )
    other = Contact(line=1, full_name="María García", emails=(Labeled("maria@b.example"),))
    bare = Contact(line=2, full_name="Maria Garcia", notes="met at the fair")
    items = preview(other, bare).items
    assert [(i.match.reason, i.choice) for i in items] == [
        (Reason.NAME, Choice.CREATE),  # both reachable, by nothing in common: two people
        (Reason.NAME, Choice.MERGE),  # nothing to tell them apart: likely the same
    ]
