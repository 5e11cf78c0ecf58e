"""The client list: one row per client with what the list shows and sorts by, read for
the whole base at once or a piece at a time (`Pieces`), so that the window stays
responsive while a base of 100k clients loads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from peewee import JOIN, Case, Expression, fn

from models.dates import next_kept
from models.entities import Client, ClientSearch, Interaction, KeyDate, Relative, Tier, database
from models.settings import feb29_rule


class ClientRow(NamedTuple):
    """One line of the client list. A tuple, because lists of 100k rows are sorted and
    filtered in Python (DESIGN.md, "Speed by design")."""

    id: int
    name: str
    company: str
    tier: str
    next_date: dt.date | None
    next_kind: str  # vocab.DateKind of the next date, "" when none
    next_whose: str  # the relative's name, "" when it is the client's own date
    last_contact: dt.date | None
    search_text: str  # folded text that search-as-you-type matches against
    name_key: str  # the name folded, to sort by
    company_key: str  # the company folded, to sort by


def client_count() -> int:
    return Client.select().where(Client.deleted_at.is_null()).count()


def has_clients() -> bool:
    """Whether any client is here: the first one found ends the read (a count reads every
    row, 30 ms at 100k clients, and the window asks at start and after each write)."""
    return Client.select().where(Client.deleted_at.is_null()).exists()


def list_clients(
    today: dt.date,
    client_ids: Sequence[int] | None = None,
    *,
    id_range: tuple[int, int] | None = None,
) -> list[ClientRow]:
    """The client list (not deleted; unordered, the list view sorts), with each client's
    next key date and last contact: every client, those of `client_ids`, or those whose
    id is within `id_range` (both ends included). Four queries whatever the number of
    clients, read as raw rows: peewee's per-value conversion cost more than all the rest
    at 10k clients. The search text and sort keys were folded when each card was written
    (entities.ClientSearch)."""

    def rows(query: Any, column: Any) -> list[tuple[Any, ...]]:
        if client_ids is not None:
            query = query.where(column.in_(list(client_ids)))
        if id_range is not None:
            query = query.where(column.between(*id_range))
        return database.execute(query).fetchall()

    profile = rows(
        Client.select(
            Client.id,
            Client.name,
            Client.company,
            Tier.name,
            ClientSearch.text,
            ClientSearch.name,
            ClientSearch.company,
        )
        .join(Tier, JOIN.LEFT_OUTER)
        .switch(Client)
        .join(ClientSearch, JOIN.LEFT_OUTER)
        .where(Client.deleted_at.is_null()),
        Client.id,
    )

    rule = feb29_rule()
    next_day: dict[tuple[int, int], dt.date] = {}  # at most 366 distinct (month, day)

    def kept(month: int, day: int, since: int | None) -> dt.date:
        if since is not None and since >= today.year:  # not kept yet this year: rare
            return next_kept(month, day, since, today, rule)
        when = next_day.get((month, day))
        if when is None:
            when = next_day[month, day] = next_kept(month, day, None, today, rule)
        return when

    # The database picks each client's soonest date (400k dates at 100k clients: reading
    # them all into Python cost a second). A date's place in the year from today is
    # (month * 32 + day - today's) mod 416, in calendar order; February 29's is worked out
    # here from the day it is kept next (which may be a year away, at today's place).
    # SQLite gives the other columns of the row that holds the MIN.
    today_place = today.month * 32 + today.day
    feb29 = kept(2, 29, None)
    feb29_place = feb29.month * 32 + feb29.day - today_place + (feb29.year - today.year) * 416
    # (peewee's % is GLOB: the modulo is spelled out)
    day_place = Expression(KeyDate.month * 32 + KeyDate.day - today_place + 416, "%", 416)
    place = Case(None, [((KeyDate.month == 2) & (KeyDate.day == 29), feb29_place)], day_place)
    soonest = rows(
        KeyDate.select(
            KeyDate.client, fn.MIN(place), KeyDate.month, KeyDate.day, KeyDate.kind, Relative.name
        )
        .join(Relative, JOIN.LEFT_OUTER)
        .where(KeyDate.year.is_null() | (KeyDate.year < today.year))
        .group_by(KeyDate.client),
        KeyDate.client,
    )
    upcoming: dict[int, tuple[dt.date, str, str]] = {
        client_id: (kept(month, day, None), kind, whose or "")
        for client_id, _, month, day, kind, whose in soonest
    }
    for client_id, month, day, since, kind, whose in rows(
        KeyDate.select(
            KeyDate.client, KeyDate.month, KeyDate.day, KeyDate.year, KeyDate.kind, Relative.name
        )
        .join(Relative, JOIN.LEFT_OUTER)
        .where(KeyDate.year >= today.year),
        KeyDate.client,
    ):
        when = kept(month, day, since)
        best = upcoming.get(client_id)
        if best is None or when < best[0]:
            upcoming[client_id] = (when, kind, whose or "")

    last_contact = {
        client_id: Interaction.occurred_on.python_value(last)
        for client_id, last in rows(
            Interaction.select(Interaction.client, fn.MAX(Interaction.occurred_on)).group_by(
                Interaction.client
            ),
            Interaction.client,
        )
    }

    result = []
    for client_id, name, company, tier, haystack, name_key, company_key in profile:
        next_date, next_kind, next_whose = upcoming.get(client_id, (None, "", ""))
        result.append(
            ClientRow(
                client_id,
                name,
                company,
                tier or "",
                next_date,
                next_kind,
                next_whose,
                last_contact.get(client_id),
                haystack or "",
                name_key or "",
                company_key or "",
            )
        )
    return result


class Pieces:
    """`list_clients(today)` a piece at a time, by id, each of the size asked for and read
    when asked for: a client deleted before its piece is read is not in it, and one added
    after the first piece is not in any (the window adds it on the change it announces)."""

    def __init__(self, today: dt.date) -> None:
        self._today = today
        # Deleted clients included: each of MIN and MAX alone is then read off the end of
        # the table (both in one query, or with a WHERE, read every row: 10 ms at 100k).
        self._next = Client.select(fn.MIN(Client.id)).scalar()
        self._last = Client.select(fn.MAX(Client.id)).scalar()
        self._empty = self._next is None  # an empty base: one empty piece

    def read(self, size: int) -> list[ClientRow] | None:
        """The clients among the next `size` ids; None once every piece has been read."""
        if self._empty:
            self._empty = False
            return []
        if self._next is None or self._next > self._last:
            return None
        start, self._next = self._next, min(self._next + size, self._last + 1)
        return list_clients(self._today, id_range=(start, self._next - 1))
