"""Client cards: reading and writing cards (models/cards.py holds
the snapshot itself).

Saving writes the whole card in one transaction and returns the card as stored (with ids for
new rows). Two ways of saving share one mechanism:
- `save_card` applies an edit: it records preference history and refreshes the
  last-confirmed date of a preference whose value changed;
- `restore_card` puts back a card exactly as it was (undo/redo), rows and ids included.
`add_cards` adds many new cards at once (imports, sample data) with the same columns.
Deleting marks the client; `purge_deleted` removes marked clients for good, so an undo can
bring a deleted client back whole within a session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from models import search
from models.cards import (
    AspirationData,
    ClientCard,
    ContactPointData,
    KeyDateData,
    PreferenceChangeData,
    PreferenceData,
    PromiseData,
    RelativeData,
    aspiration_columns,
    client_columns,
    contact_columns,
    key_date_columns,
    preference_columns,
    promise_columns,
    relative_columns,
    search_columns,
    validate_card,
)
from models.dates import PartialDate
from models.entities import (
    Aspiration,
    BaseModel,
    Client,
    ClientSearch,
    ContactPoint,
    KeyDate,
    Preference,
    PreferenceChange,
    Promise,
    Relative,
    Tier,
    database,
    utcnow,
)
from models.errors import ConflictError, NotFoundError, Problem, ValidationError
from models.storage import chunks, insert_rows, new_ids, transaction


@dataclass(frozen=True)
class TierData:
    id: int
    name: str
    label: str
    weight: int


# -- Reading -----------------------------------------------------------------------------


def tiers() -> list[TierData]:
    query = Tier.select().order_by(Tier.position, Tier.name)
    return [TierData(t.id, t.name, t.label, t.weight) for t in query]


def names() -> list[tuple[int, str]]:
    """(id, name) of every client, by name: for pickers, without the list's joins."""
    query = Client.select(Client.id, Client.name).where(Client.deleted_at.is_null())
    return sorted(database.execute(query).fetchall(), key=lambda row: search.fold(row[1]))


def load_card(client_id: int) -> ClientCard:
    found = next(load_cards([client_id]), None)
    if found is None:
        raise NotFoundError(client_id)
    return found


def load_cards(client_ids: Sequence[int] | None = None) -> Iterator[ClientCard]:
    """Whole cards, a few hundred at a time (exports): every client (not deleted) in id
    order, or those of `client_ids` that exist, in that order. Eight queries per batch
    rather than eight per card."""
    if client_ids is None:
        client_ids = [
            cid
            for (cid,) in Client.select(Client.id)
            .where(Client.deleted_at.is_null())
            .order_by(Client.id)
            .tuples()
        ]
    for batch in chunks(list(client_ids), 500):
        yield from _load_batch(batch)


def _load_batch(ids: list[int]) -> Iterator[ClientCard]:
    def rows(model: type[BaseModel]) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = {}
        query = model.select().where(model.client.in_(ids)).order_by(model.position, model.id)
        for row in query:
            found.setdefault(row.client_id, []).append(row)
        return found

    dates_by_owner: dict[tuple[int, int | None], list[KeyDateData]] = {}
    for kd in KeyDate.select().where(KeyDate.client.in_(ids)).order_by(KeyDate.id):
        dates_by_owner.setdefault((kd.client_id, kd.relative_id), []).append(
            KeyDateData(
                kind=kd.kind,
                date=PartialDate(kd.month, kd.day, kd.year),
                label=kd.label,
                lead_days=kd.lead_days,
                note=kd.note,
                id=kd.id,
                uid=kd.uid,
            )
        )
    history: dict[int, list[PreferenceChangeData]] = {}
    changes = (
        PreferenceChange.select()
        .join(Preference)
        .where(Preference.client.in_(ids))
        .order_by(PreferenceChange.changed_on, PreferenceChange.id)
    )
    for change in changes:
        history.setdefault(change.preference_id, []).append(
            PreferenceChangeData(change.old_value, change.changed_on, change.id)
        )
    points, relatives, preferences = rows(ContactPoint), rows(Relative), rows(Preference)
    aspirations, promises = rows(Aspiration), rows(Promise)
    found = {
        client.id: client
        for client in Client.select().where(Client.id.in_(ids) & Client.deleted_at.is_null())
    }
    for client_id in ids:
        client = found.get(client_id)
        if client is None:
            continue
        yield ClientCard(
            id=client.id,
            uid=client.uid,
            version=client.version,
            name=client.name,
            given_name=client.given_name,
            family_name=client.family_name,
            nickname=client.nickname,
            company=client.company,
            job_title=client.job_title,
            tier_id=client.tier_id,
            client_since=client.client_since,
            how_we_met=client.how_we_met,
            notes=client.notes,
            archived=client.archived,
            photo=bytes(client.photo) if client.photo is not None else None,
            contact_points=tuple(
                ContactPointData(c.kind, c.value, c.label, c.id) for c in points.get(client_id, ())
            ),
            relatives=tuple(
                RelativeData(
                    r.name,
                    r.relation,
                    r.notes,
                    tuple(dates_by_owner.get((client_id, r.id), ())),
                    r.id,
                )
                for r in relatives.get(client_id, ())
            ),
            key_dates=tuple(dates_by_owner.get((client_id, None), ())),
            preferences=tuple(
                PreferenceData(
                    p.category,
                    p.value,
                    p.note,
                    p.last_confirmed,
                    tuple(history.get(p.id, ())),
                    p.id,
                )
                for p in preferences.get(client_id, ())
            ),
            aspirations=tuple(
                AspirationData(a.title, a.status, a.how_to_help, a.last_discussed, a.id)
                for a in aspirations.get(client_id, ())
            ),
            promises=tuple(
                PromiseData(p.what, p.due, p.status, p.made_on, p.id)
                for p in promises.get(client_id, ())
            ),
        )


# -- Writing -----------------------------------------------------------------------------


def create_client(name: str, *, today: dt.date | None = None, **fields: Any) -> ClientCard:
    return save_card(ClientCard(name=name, **fields), today=today)


def save_card(card: ClientCard, *, today: dt.date | None = None) -> ClientCard:
    """Store an edited card (new when `card.id` is None); returns the card as stored.

    Raises ValidationError (nothing written) or ConflictError when the card changed since
    `card.version` was read.
    """
    return _write(card, card.version, today or dt.date.today(), exact=False)


def restore_card(card: ClientCard) -> ClientCard:
    """Make the stored card exactly `card` again (undo/redo): deleted rows come back with
    their ids and uids, rows absent from `card` go. Whatever the stored version, because
    undo and redo replay a linear history of this very process's edits."""
    return _write(card, None, dt.date.today(), exact=True)


def add_cards(
    cards: Sequence[ClientCard],
    *,
    today: dt.date | None = None,
    checked: Container[int] = (),
) -> list[int]:
    """Add many new clients in one transaction (imports, sample data); returns their ids.

    The rows are those `save_card` would write, inserted through executemany, one per
    table: ten thousand cards take a second where one save per card takes minutes. The
    rows that others refer to (clients, relatives, preferences) get their ids up front
    (storage.new_ids), so that no row needs a round trip of its own. All or nothing: a
    card that breaks a rule raises ValidationError naming it ("cards[12].name") and
    nothing is added. `checked`: the positions of cards the caller has just validated
    itself (an import's preview), which are not validated again.
    """
    today = today or dt.date.today()
    for n, card in enumerate(cards):
        if card.id is not None:
            raise ValidationError(f"cards[{n}].id", Problem.OUT_OF_RANGE, card.id)
        if n in checked:
            continue
        try:
            validate_card(card)
        except ValidationError as exc:
            raise ValidationError(f"cards[{n}].{exc.field}", exc.problem, exc.value) from None
    # Each table's rows as tuples, with the names of their columns (of the first row: the
    # *_columns functions give them in one order).
    batches: dict[type[BaseModel], tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}

    def later(model: type[BaseModel], fixed: dict[str, Any], columns: dict[str, Any]) -> None:
        batch = batches.get(model)
        if batch is None:
            batch = batches[model] = ((*fixed, *columns), [])
        batch[1].append((*fixed.values(), *columns.values()))

    with transaction():
        ids = list(new_ids(Client, len(cards)))
        relative_ids = iter(new_ids(Relative, sum(len(card.relatives) for card in cards)))
        preference_ids = iter(new_ids(Preference, sum(len(card.preferences) for card in cards)))
        for card, client_id in zip(cards, ids, strict=True):
            uid = card.uid or uuid.uuid4().hex
            later(Client, {"id": client_id, "uid": uid}, client_columns(card))
            later(ClientSearch, {"client": client_id}, search_columns(card))
            for n, c in enumerate(card.contact_points):
                later(ContactPoint, {"client": client_id}, contact_columns(c, n))
            for kd in card.key_dates:
                uid = kd.uid or uuid.uuid4().hex
                later(KeyDate, {"client": client_id, "uid": uid}, key_date_columns(kd, None))
            for n, r in enumerate(card.relatives):
                relative_id = next(relative_ids)
                later(Relative, {"id": relative_id, "client": client_id}, relative_columns(r, n))
                for kd in r.key_dates:
                    uid = kd.uid or uuid.uuid4().hex
                    later(KeyDate, {"client": client_id, "uid": uid},
                          key_date_columns(kd, relative_id))  # fmt: skip
            for n, p in enumerate(card.preferences):
                # Its history needs its id (a full JSON import brings "used to be" back).
                preference_id = next(preference_ids)
                columns = preference_columns(p, n, p.last_confirmed or today)
                later(Preference, {"id": preference_id, "client": client_id}, columns)
                for change in p.history:
                    columns = {"old_value": change.old_value, "changed_on": change.changed_on}
                    later(PreferenceChange, {"preference": preference_id}, columns)
            for n, a in enumerate(card.aspirations):
                later(Aspiration, {"client": client_id}, aspiration_columns(a, n))
            for n, p in enumerate(card.promises):
                columns = promise_columns(p, n) | {"made_on": p.made_on or today}
                later(Promise, {"client": client_id}, columns)
        # Referred-to tables first: the foreign keys are checked row by row.
        first = [model for model in (Client, Relative, Preference) if model in batches]
        for model in [*first, *(model for model in batches if model not in first)]:
            insert_rows(model, *batches[model])
    return ids


def delete_client(client_id: int) -> None:
    with transaction():
        updated = (
            Client.update(deleted_at=utcnow())
            .where((Client.id == client_id) & Client.deleted_at.is_null())
            .execute()
        )
    if not updated:
        raise NotFoundError(client_id)


def undelete_client(client_id: int) -> None:
    with transaction():
        Client.update(deleted_at=None).where(Client.id == client_id).execute()


def purge_deleted(before: dt.datetime | None = None) -> int:
    """Remove deleted clients and everything about them for good; returns how many.
    `before` (a time with its zone): only those deleted earlier, whose undo went with the
    window that deleted them."""
    deleted = Client.deleted_at.is_null(False)
    if before is not None:
        deleted &= Client.deleted_at < before.astimezone(dt.UTC).replace(tzinfo=None)
    with transaction():
        return Client.delete().where(deleted).execute()


def _write(
    card: ClientCard, expected_version: int | None, today: dt.date, *, exact: bool
) -> ClientCard:
    validate_card(card)
    with transaction():
        client_id = _write_client(card, expected_version)
        ClientSearch.insert(
            client=client_id, **search_columns(card)
        ).on_conflict_replace().execute()
        _sync(
            ContactPoint,
            client_id,
            [(c.id, contact_columns(c, n), {}) for n, c in enumerate(card.contact_points)],
        )
        relative_ids = _sync(
            Relative,
            client_id,
            [(r.id, relative_columns(r, n), {}) for n, r in enumerate(card.relatives)],
            delete_missing=False,  # after the dates: a date may move off a relative that goes
        )
        owner = {id(rel): rid for rel, rid in zip(card.relatives, relative_ids, strict=True)}
        _sync(
            KeyDate,
            client_id,
            [
                (
                    kd.id,
                    key_date_columns(kd, None if rel is None else owner[id(rel)]),
                    {"uid": kd.uid or uuid.uuid4().hex},
                )
                for rel, kd in card.all_key_dates()
            ],
        )
        _delete_missing(Relative, client_id, relative_ids)
        _write_preferences(client_id, card.preferences, today, exact=exact)
        _sync(
            Aspiration,
            client_id,
            [(a.id, aspiration_columns(a, n), {}) for n, a in enumerate(card.aspirations)],
        )
        _sync(
            Promise,
            client_id,
            [
                (p.id, promise_columns(p, n), {} if p.made_on or exact else {"made_on": today})
                for n, p in enumerate(card.promises)
            ],
        )
    return load_card(client_id)


def _write_client(card: ClientCard, expected_version: int | None) -> int:
    fields = client_columns(card)
    if card.id is None:
        return Client.insert(uid=card.uid or uuid.uuid4().hex, **fields).execute()
    condition = (Client.id == card.id) & Client.deleted_at.is_null()
    if expected_version is not None:
        condition &= Client.version == expected_version
    updated = (
        Client.update(version=Client.version + 1, updated_at=utcnow(), **fields)
        .where(condition)
        .execute()
    )
    if updated:
        return card.id
    exists = Client.select().where((Client.id == card.id) & Client.deleted_at.is_null()).exists()
    if not exists:
        raise NotFoundError(card.id)
    raise ConflictError(card.id)


# (id or None, fields to store, defaults for fields still None when the row is created)
_RowSpec = tuple[int | None, dict[str, Any], dict[str, Any]]


def _sync(
    model: type[BaseModel],
    owner_id: int,
    rows: Sequence[_RowSpec],
    *,
    owner: str = "client",
    delete_missing: bool = True,
) -> list[int]:
    """Make the owner's rows of `model` be `rows`; returns their ids in order.

    A row with an id updates that row, or recreates it with that id when it is gone (undo);
    a row without an id is inserted.
    """
    owner_column = getattr(model, owner)
    existing = {row.id: row for row in model.select().where(owner_column == owner_id)}
    ids = []
    for row_id, fields, new_fields in rows:
        row = existing.get(row_id) if row_id is not None else None
        if row is not None:
            changed = {k: v for k, v in fields.items() if _stored(row, k) != v}
            if changed:
                model.update(**changed).where(model.id == row.id).execute()
            ids.append(row.id)
            continue
        fields = (
            {owner: owner_id}
            | fields
            | {k: v for k, v in new_fields.items() if fields.get(k) is None}
        )
        if row_id is not None:
            fields["id"] = row_id
        ids.append(model.insert(**fields).execute())
    if delete_missing:
        _delete_missing(model, owner_id, ids, owner=owner)
    return ids


def _stored(row: BaseModel, name: str) -> Any:
    """A column's stored value; for a foreign key, the id (not the related row)."""
    field = row._meta.fields[name]
    return getattr(row, field.column_name) if field.column_name != name else getattr(row, name)


def _delete_missing(
    model: type[BaseModel], owner_id: int, keep: Iterable[int], *, owner: str = "client"
) -> None:
    model.delete().where(
        (getattr(model, owner) == owner_id) & model.id.not_in(list(keep))
    ).execute()


def _write_preferences(
    client_id: int, prefs: Sequence[PreferenceData], today: dt.date, *, exact: bool
) -> None:
    """An edit that changes a value keeps the old value in the history and marks the new
    one confirmed today (it was just told to us); a restore puts the history back as it was."""
    before = {
        p.id: (p.value, p.last_confirmed)
        for p in Preference.select().where(Preference.client == client_id)
    }
    specs: list[_RowSpec] = []
    changed: list[tuple[int, str]] = []  # (position, old value)
    for n, p in enumerate(prefs):
        value, confirmed = p.value.strip(), p.last_confirmed
        old_value, old_confirmed = before.get(p.id, (None, None))
        if not exact and old_value is not None and old_value != value:
            changed.append((n, old_value))
            if confirmed == old_confirmed:
                confirmed = today
        fields = preference_columns(p, n, confirmed)
        specs.append((p.id, fields, {} if exact or confirmed else {"last_confirmed": today}))
    ids = _sync(Preference, client_id, specs)
    if exact:
        for p, pid in zip(prefs, ids, strict=True):
            _sync(
                PreferenceChange,
                pid,
                [
                    (c.id, {"old_value": c.old_value, "changed_on": c.changed_on}, {})
                    for c in p.history
                ],
                owner="preference",
            )
    for n, old_value in changed:
        PreferenceChange.insert(preference=ids[n], old_value=old_value, changed_on=today).execute()
