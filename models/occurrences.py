"""What happens between two dates: planned events, and every yearly key date of every
client and relative on the day it is kept that year (with the app's Feb 29 rule), with the
age or the years when the year is known. Dates come from an indexed (month, day) query per
calendar year of the range, never from expanding recurrence rules (DESIGN.md, "Calendar").
`between` serves the agenda, the dashboard, `upcoming` and the exporters; `grid_days`, the
same days counted for a month or week grid that shows only a few items a day."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from peewee import SQL, Tuple

from models.dates import kept_in, occurrence
from models.entities import Client, KeyDate, Relative, database
from models.events import EventOccurrence, event_days, events_between
from models.search import fold
from models.settings import feb29_rule
from models.storage import chunks, generation, marks
from models.vocab import Feb29Rule


class Occurrence(NamedTuple):
    """One day on which a key date is kept. A tuple: a year of dates is 40k of them."""

    date: dt.date
    client_name: str
    relative_name: str  # "" for the client's own date
    kind: str  # vocab.DateKind
    label: str  # the name of a custom date
    years: int | None  # age reached or years since; None when the year is unknown
    relation: str  # vocab.Relation of the relative; "" for the client's own date
    lead_days: int
    client_id: int
    relative_id: int | None
    key_date_id: int
    uid: str

    @property
    def person(self) -> str:
        return self.relative_name or self.client_name

    @classmethod
    def _make_positional(cls, *values: object) -> Occurrence:
        return tuple.__new__(cls, values)  # skips keyword handling: 40k of these a year


CalendarItem = Occurrence | EventOccurrence


def between(start: dt.date, end: dt.date, display_zone: str) -> list[CalendarItem]:
    """Key dates and events from `start` to `end` (both included), sorted by day; within
    a day, key dates first (they last all day), then all-day events, then by time."""
    items: list[CalendarItem] = [*key_date_occurrences(start, end)]
    items += events_between(start, end, display_zone)
    items.sort(key=_day_order)
    return items


def _day_order(item: CalendarItem) -> tuple[dt.date, int, dt.time]:
    if isinstance(item, Occurrence):
        return (item.date, 0, dt.time())
    return (item.date, 1 if item.all_day else 2, item.start.time())


def key_date_occurrences(
    start: dt.date, end: dt.date, *, min_lead_days: int = 0, client_id: int | None = None
) -> list[Occurrence]:
    """Occurrences from `start` to `end`, both included, sorted by date then person; only
    those reminded at least `min_lead_days` ahead when given, only one client's (and their
    relatives') with `client_id`."""
    if end < start:
        return []
    rule = feb29_rule()
    found: list[Occurrence] = []
    reminded = KeyDate.lead_days >= min_lead_days
    # Most dates keep the default lead time: those reminded earlier are few, found by
    # their lead time (an index, migration 0007) and read once, the span checked on each.
    # By their (month, day), the dashboard's year ahead read every date there is: 0.8 s
    # at 100k clients.
    early = _rows(reminded, client_id) if min_lead_days > KeyDate.lead_days.default else None
    for year, first, last in _years(start, end):
        span = _span(year, first, last, rule)
        rows = early if early is not None else _rows(span & reminded, client_id)
        found += _occurring(rows, year, first, last, rule)
    found.sort(key=_order)
    return found


def longest_lead() -> int:
    """The most days ahead any key date is reminded (read from the lead-time index)."""
    (longest,) = database.execute_sql('SELECT max("lead_days") FROM "key_date"').fetchone()
    return longest or 0


def _order(occ: Occurrence) -> tuple[dt.date, str, str, str, int]:
    """By day, then by person as people sort names (accents and case aside)."""
    return (
        occ.date,
        _folded(occ.client_name),
        _folded(occ.relative_name),
        occ.kind,
        occ.key_date_id,
    )


_folded = lru_cache(maxsize=131072)(fold)


@dataclass
class _People:
    """Names by id, for key dates: reading them from memory instead of joining two tables
    per date made a month 3-4x faster (45 of 60 ms at 10k clients went to the joins).

    Read as they are asked for, and kept while the data is unchanged (storage.generation):
    any write starts again. Reading every name at once took 1 s at 100k clients and their
    350k relatives, after every saved card; a fortnight's dates ask for a fifth of them,
    a month grid for a few hundred."""

    generation: tuple[int, int, int] = (0, 0, 0)
    clients: dict[int, str | None] = field(default_factory=dict)  # None: deleted
    relatives: dict[int, tuple[str, str]] = field(default_factory=dict)  # name, relation
    deleted: frozenset[int] | None = None  # every deleted client (not yet purged)


_people = _People()


def _names(client_ids: Iterable[int] = (), relative_ids: Iterable[int] = ()) -> _People:
    """The names cache, holding at least these clients and relatives."""
    global _people
    now = generation()
    if _people.generation != now:
        _people = _People(now)
    _read_names(Client, set(client_ids) - _people.clients.keys(), _people.clients)
    _read_names(Relative, set(relative_ids) - _people.relatives.keys(), _people.relatives)
    return _people


def _read_names(model: type[Client] | type[Relative], ids: set[int], into: dict) -> None:
    if not ids:
        return
    table = model._meta.table_name
    third = '"deleted_at" IS NULL' if model is Client else '"relation"'
    select = f'SELECT "id", "name", {third} FROM "{table}"'
    # By id, in pieces; or, for more than about a third of the table, the whole table in
    # one read, which costs a third as much a row (1.7 against 6 µs at 100k clients).
    (largest,) = database.execute_sql(f'SELECT max("id") FROM "{table}"').fetchone()
    if len(ids) * 3 > (largest or 0):
        rows = database.execute_sql(select).fetchall()
    else:
        rows = []
        for chunk in chunks(list(ids)):  # written out: peewee's in_() converts each value
            rows += database.execute_sql(f'{select} WHERE "id" IN ({marks(chunk)})', chunk)
    if model is Client:
        into.update((row_id, name if alive else None) for row_id, name, alive in rows)
        gone: object = None  # purged by another window since its dates were read
    else:
        into.update((row_id, (name, relation)) for row_id, name, relation in rows)
        gone = ("", "")
    into.update((row_id, gone) for row_id in ids - into.keys())  # not asked for again


def _deleted() -> frozenset[int]:
    people = _names()
    if people.deleted is None:
        query = Client.select(Client.id).where(Client.deleted_at.is_null(False))
        people.deleted = frozenset(cid for (cid,) in database.execute(query).fetchall())
    return people.deleted


def _years(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """The range cut at year ends: (year, its first day in the range, its last)."""
    return [
        (year, max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31)))
        for year in range(start.year, end.year + 1)
    ]


def _span(year: int, first: dt.date, last: dt.date, rule: Feb29Rule) -> Any:
    """The key dates whose (month, day) falls from `first` to `last` of `year`."""
    low, high = (first.month, first.day), (last.month, last.day)
    # A whole year reads every date: a table scan beats 40k index lookups.
    span = (
        Tuple(KeyDate.month, KeyDate.day).between(Tuple(*low), Tuple(*high))
        if (low, high) != ((1, 1), (12, 31))
        else SQL("1 = 1")
    )
    # In a common year Feb 29 is kept on Feb 28 or Mar 1, which the span may hold.
    kept_on = occurrence(2, 29, year, rule)
    if not calendar.isleap(year) and first <= kept_on <= last:
        span |= (KeyDate.month == 2) & (KeyDate.day == 29)
    return span


def _rows(where: Any, client_id: int | None) -> list[tuple[Any, ...]]:
    query = KeyDate.select(
        KeyDate.id,
        KeyDate.uid,
        KeyDate.kind,
        KeyDate.label,
        KeyDate.month,
        KeyDate.day,
        KeyDate.year,
        KeyDate.lead_days,
        KeyDate.client,
        KeyDate.relative,
    ).where(where)
    if client_id is not None:
        query = query.where(KeyDate.client == client_id)
    # Raw rows: peewee's per-value conversion would cost more than the query itself.
    return database.execute(query).fetchall()


def _occurring(
    rows: list[tuple[Any, ...]], year: int, first: dt.date, last: dt.date, rule: Feb29Rule
) -> list[Occurrence]:
    """The occurrences in `year`, from `first` to `last`, of these key date rows."""
    people = _names({row[8] for row in rows}, {row[9] for row in rows if row[9] is not None})
    clients, relatives = people.clients, people.relatives
    result: list[Occurrence] = []
    new = Occurrence._make_positional
    days: dict[tuple[int, int], dt.date] = {}
    for kd_id, uid, kind, label, month, day, born, lead, cid, rid in rows:
        cname = clients.get(cid)
        if cname is None:
            continue  # a deleted client's
        when = days.get((month, day))
        if when is None:
            when = days[month, day] = occurrence(month, day, year, rule)
        if not first <= when <= last or not kept_in(year, born):
            continue
        years = None if born is None else year - born
        rname, rel = relatives.get(rid, ("", "")) if rid is not None else ("", "")
        result.append(new(when, cname, rname, kind, label, years, rel, lead, cid, rid, kd_id, uid))
    return result


class Day(NamedTuple):
    """One day of a calendar grid: what it shows, and how much it holds in all."""

    items: list[CalendarItem]  # the first events, then some key dates (sorted by person)
    total: int


def grid_days(
    start: dt.date,
    end: dt.date,
    display_zone: str,
    *,
    key_dates: int,
    events: int | None,
) -> dict[dt.date, Day]:
    """The days `start`..`end` as a month or week grid shows them: each day's first
    `events` events (all-day first, then by time; all of them for None; no guests) and
    `key_dates` of its key dates, with the count of everything it holds.

    A crowded day shows clients' own dates before their relatives'. The key dates of the
    span are read from their covering index (month, day, year, client and relative;
    migration 0004), then counted and the first few of each day chosen here: a month grid
    takes 3 ms less than with SQLite's count and window function at 10k clients, 45 ms
    less at 100k. Events are counted from their index (start, end, zone and all-day;
    migration 0003); only what is shown is read in full."""
    rule = feb29_rule()
    deleted = _deleted()
    totals: dict[dt.date, int] = {}
    wanted: dict[int, dt.date] = {}
    # Rows sort as a crowded day shows them: clients' own dates first, then by client.
    columns = (KeyDate.month * 100 + KeyDate.day, KeyDate.relative.is_null(False),
               KeyDate.client, KeyDate.id)  # fmt: skip
    for year, first, last in _years(start, end):
        # dates.kept_in, for SQL: nothing is kept in or before the year a date began.
        where = _span(year, first, last, rule) & (KeyDate.year.is_null() | (KeyDate.year < year))
        if deleted:
            where &= KeyDate.client.not_in(list(deleted))
        on: dict[int, list[tuple[int, int, int, int]]] = {}  # month * 100 + day: its rows
        for row in database.execute(KeyDate.select(*columns).where(where)).fetchall():
            on.setdefault(row[0], []).append(row)
        for month_day, rows in on.items():
            when = occurrence(month_day // 100, month_day % 100, year, rule)
            if first <= when <= last:
                totals[when] = totals.get(when, 0) + len(rows)
                for row in heapq.nsmallest(key_dates, rows):
                    wanted[row[3]] = when
    details = _occurrences_of(list(wanted))
    chosen: dict[dt.date, list[Occurrence]] = {}
    for kd_id, (occ, born) in details.items():
        day = wanted[kd_id]
        years = None if born is None else day.year - born
        chosen.setdefault(day, []).append(occ._replace(date=day, years=years))
    on_day, event_counts = event_days(start, end, display_zone, per_day=events)
    grid: dict[dt.date, Day] = {}
    for day in totals.keys() | event_counts.keys():
        dates = sorted(chosen.get(day, []), key=_order)[:key_dates]  # Feb 29 may add some
        total = event_counts.get(day, 0) + totals.get(day, 0)
        grid[day] = Day(on_day.get(day, []) + dates, total)
    return grid


def _occurrences_of(ids: list[int]) -> dict[int, tuple[Occurrence, int | None]]:
    """These key dates in full, by id, with the year they began: the caller sets the day
    they fall on and the years that makes."""
    rows = []
    for chunk in chunks(ids):
        rows += database.execute_sql(
            'SELECT "id", "uid", "kind", "label", "year", "lead_days", "client_id",'
            f' "relative_id" FROM "key_date" WHERE "id" IN ({marks(chunk)})',
            chunk,
        ).fetchall()
    people = _names({row[6] for row in rows}, {row[7] for row in rows if row[7] is not None})
    found: dict[int, tuple[Occurrence, int | None]] = {}
    new = Occurrence._make_positional
    for kd_id, uid, kind, label, born, lead, cid, rid in rows:
        name = people.clients.get(cid)
        if name is None:
            continue  # deleted by another window since the grid chose it
        rname, rel = people.relatives.get(rid, ("", "")) if rid is not None else ("", "")
        occ = new(dt.date.min, name, rname, kind, label, None, rel, lead, cid, rid, kd_id, uid)
        found[kd_id] = (occ, born)
    return found
