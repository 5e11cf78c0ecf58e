"""Writing to the database: one transaction per service call, and the database's own
failures (disk full, read-only file, locked, damaged) turned into one typed error that the
window and the command line can put into words. A failed transaction changes nothing.
Also the one piece of SQL that differs between SQLite and PostgreSQL that we use."""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import peewee
from peewee import Model, PostgresqlDatabase, SqliteDatabase, fn

from models.entities import database
from models.errors import StorageError, StorageProblem

# SQLite primary result codes (https://sqlite.org/rescode.html).
_PROBLEMS = {
    3: StorageProblem.READ_ONLY,  # SQLITE_PERM
    5: StorageProblem.BUSY,  # SQLITE_BUSY
    6: StorageProblem.BUSY,  # SQLITE_LOCKED
    8: StorageProblem.READ_ONLY,  # SQLITE_READONLY
    10: StorageProblem.IO,  # SQLITE_IOERR
    11: StorageProblem.DAMAGED,  # SQLITE_CORRUPT
    13: StorageProblem.FULL,  # SQLITE_FULL
    14: StorageProblem.IO,  # SQLITE_CANTOPEN
    26: StorageProblem.DAMAGED,  # SQLITE_NOTADB
}


_T = TypeVar("_T")
_writes = 0  # transactions this process has committed (or tried to)


@contextmanager
def transaction() -> Iterator[None]:
    """`database.atomic()`, with storage failures raised as StorageError.

    On SQLite it begins with BEGIN IMMEDIATE: it takes the write lock first, waiting up to
    the busy timeout while another process writes. A plain BEGIN takes it at the first
    write, and a service that reads first (does the client exist?) then fails at once,
    without waiting, if another process committed meanwhile (its snapshot is stale:
    SQLITE_BUSY_SNAPSHOT). The window and an import it runs apart write at the same time:
    two such writers of 150 entries each saw 383 of 600 writes refused as "database is
    locked" (tests/reliability/test_concurrent_writers.py). Nested, it is a savepoint."""
    global _writes
    begin = ("IMMEDIATE",) if isinstance(database.obj, SqliteDatabase) else ()
    try:
        with database.atomic(*begin):
            yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise  # a broken rule is a bug of ours, not a storage failure
        raise storage_error(_failure(exc)) from exc
    finally:
        _writes += 1


def _failure(exc: BaseException) -> BaseException:
    """The failure itself, not the ROLLBACK that failed after it: SQLite rolls a
    transaction back by itself after some errors (a full disk, an I/O error), and then
    peewee's ROLLBACK fails with "no transaction is active", which hid why (a full disk
    during an import said "The database failed (cannot rollback...)")."""
    while "no transaction is active" in str(exc) and isinstance(
        exc.__context__, (peewee.DatabaseError, sqlite3.DatabaseError)
    ):
        exc = exc.__context__
    return exc


def generation() -> tuple[int, int, int]:
    """Changes whenever the data may have: another database, a write of ours, or a commit
    by another connection (SQLite's data_version). What is cached from the database is
    good while this stays the same."""
    other = database.execute_sql("PRAGMA data_version").fetchone()[0]
    return (id(database.obj), _writes, other)


def storage_error(exc: BaseException) -> StorageError:
    original = getattr(exc, "orig", None) or exc
    code = getattr(original, "sqlite_errorcode", None)
    problem = _PROBLEMS.get(code & 0xFF, StorageProblem.OTHER) if code is not None else None
    return StorageError(problem or StorageProblem.OTHER, str(original))


def concat(query: Any, separator: str = " ") -> Any:
    """A subquery joining its one text column into one string (NULL when no rows): the
    database's own aggregate, so that a client's relatives and tastes arrive as one value."""
    column = query._returning[0]
    if isinstance(database.obj, PostgresqlDatabase):
        aggregate = fn.STRING_AGG(column, separator)
    else:  # SQLite and MySQL
        aggregate = fn.GROUP_CONCAT(column, separator)
    return query.select(aggregate)


# -- Bulk inserts (imports, sample data): the raw cursor, about 7x faster than peewee's
# insert_many (DESIGN.md, "Speed by design"); same columns and defaults as the models.


def _insert_sql(model: type[Model], names: Sequence[str]) -> str:
    fields = [model._meta.fields[name] for name in names]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'


_Converters = list[Callable[[Any], Any]]
# (model, its columns) -> (the INSERT, each column's db_value): made once, not per row
# (at 10k imported cards, rebuilding them cost more than SQLite's own work).
_inserts: dict[tuple[type[Model], tuple[str, ...], str], tuple[str, _Converters]] = {}
_defaults: dict[type[Model], list[tuple[str, Any]]] = {}


def _insert(model: type[Model], names: tuple[str, ...]) -> tuple[str, _Converters]:
    key = (model, names, database.param)
    found = _inserts.get(key)
    if found is None:
        fields = model._meta.fields
        found = _inserts[key] = (
            _insert_sql(model, names),
            [_db_value(fields[name]) for name in names],
        )
    return found


def _db_value(field: peewee.Field) -> Callable[[Any], Any]:
    """The field's db_value; for a date or a timestamp, then the text sqlite3 would make of
    it (its adapter, a Python call per value, took 60 ms of 10k new clients' insert)."""
    if not isinstance(field, peewee.DateField | peewee.DateTimeField):
        return field.db_value

    def as_text(value: Any) -> Any:
        value = field.db_value(value)
        return str(value) if isinstance(value, dt.date) else value  # date: str is ISO

    return as_text


def _db_row(converters: _Converters, values: Iterable[Any]) -> list[Any]:
    return [convert(value) for convert, value in zip(converters, values, strict=True)]


def _with_defaults(model: type[Model], row: dict[str, Any]) -> dict[str, Any]:
    """The row plus the model's Python-side defaults (created_at, version...), which a raw
    INSERT would otherwise leave out."""
    defaults = _defaults.get(model)
    if defaults is None:
        defaults = _defaults[model] = [
            (name, field.default)
            for name, field in model._meta.fields.items()
            if field.default is not None and not field.primary_key
        ]
    missing = {
        name: default() if callable(default) else default
        for name, default in defaults
        if name not in row
    }
    return row | missing


def insert_one(model: type[Model], **row: Any) -> int:
    """Insert one row through the raw cursor (no per-value peewee overhead); its id."""
    row = _with_defaults(model, row)
    sql, converters = _insert(model, tuple(row))
    with peewee.__exception_wrapper__:  # sqlite3's errors as peewee's, as execute_sql
        cursor = database.cursor()
        cursor.execute(sql, _db_row(converters, row.values()))
    return int(cursor.lastrowid)


def insert_many(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """One executemany per table: about 7x faster than peewee's insert_many (DESIGN.md),
    when every row has the columns of the first (as they usually do); else one by one."""
    if not rows:
        return
    names = tuple(rows[0])
    columns = _columns(rows, names)
    if columns is None:  # rows with other columns than the first's: one by one
        for row in rows:
            insert_one(model, **row)
        return
    _insert_columns(model, names, columns, len(rows))


def insert_rows(model: type[Model], names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """insert_many for rows made as tuples of the columns `names`, in that order: at 10k
    imported cards (75k rows), making a dict of each row and taking the dicts apart again
    cost twice the time of the tuples."""
    if rows:
        _insert_columns(model, names, [list(c) for c in zip(*rows, strict=True)], len(rows))


def _insert_columns(
    model: type[Model], given: tuple[str, ...], columns: list[list[Any]], count: int
) -> None:
    """Insert `count` rows given column by column (`columns`, of the fields `given`), with
    the model's Python-side defaults for the fields left out."""
    names = tuple(_with_defaults(model, dict.fromkeys(given)))
    sql, converters = _insert(model, names)
    fields = model._meta.fields
    for n, (convert, name) in enumerate(zip(converters[: len(given)], given, strict=True)):
        # A column whose values are all of the type that is its own db_value (a str for a
        # text column, an int for an integer one; and None) goes as it is.
        kinds = set(map(type, columns[n])) - {type(None)}
        if kinds and kinds != {_plain_type(fields[name])}:
            columns[n] = [None if value is None else convert(value) for value in columns[n]]
    # The Python-side defaults the rows leave out. A timestamp (created_at) is taken once:
    # the rows are written at one moment; any other callable one is called for each row.
    for convert, name in zip(converters[len(given) :], names[len(given) :], strict=True):
        default = fields[name].default
        if callable(default) and not isinstance(fields[name], peewee.DateTimeField):
            columns.append([convert(default()) for _ in range(count)])
        else:
            columns.append([convert(default() if callable(default) else default)] * count)
    with peewee.__exception_wrapper__:  # sqlite3's errors as peewee's, as insert_one
        database.cursor().executemany(sql, zip(*columns, strict=True))


def _columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> list[list[Any]] | None:
    """The rows' values column by column, or None unless every row has just these keys.
    The loops run in C: at 10k imported cards (75k rows, half a million values) a Python
    loop per value cost more than SQLite's own work."""
    if set(map(len, rows)) != {len(names)}:
        return None
    if not names:  # rows of defaults alone
        return []
    try:
        if len(names) == 1:
            return [[row[names[0]] for row in rows]]
        return [
            list(column) for column in zip(*map(operator.itemgetter(*names), rows), strict=True)
        ]
    except KeyError:
        return None


# Field types whose db_value gives back a value of this very type as it is.
_PLAIN: dict[type[peewee.Field], type] = {
    peewee.TextField: str,
    peewee.CharField: str,
    peewee.IntegerField: int,
    peewee.AutoField: int,
}


def _plain_type(field: peewee.Field) -> type | None:
    if isinstance(field, peewee.ForeignKeyField):
        field = field.rel_field
    return _PLAIN.get(type(field))


def new_ids(model: type[Model], count: int) -> range:
    """The ids the next `count` rows of `model` get when inserted with these explicit ids:
    those SQLite would give them itself (one more than the largest), so that rows that
    refer to them (a relative's key dates) go in by executemany too, with no round trip
    per row. Only within a transaction that has begun writing (BEGIN IMMEDIATE, see
    `transaction`): no other connection can insert until it ends."""
    (largest,) = database.execute_sql(
        f'SELECT max("{model._meta.primary_key.column_name}") FROM "{model._meta.table_name}"'
    ).fetchone()
    first = (largest or 0) + 1
    return range(first, first + count)


# -- Lists of ids in a query -------------------------------------------------------------


def chunks(ids: Sequence[_T], size: int = 900) -> list[list[_T]]:
    """Pieces small enough for any SQLite's limit on bound parameters (999 before 3.32)."""
    return [list(ids[n : n + size]) for n in range(0, len(ids), size)]


def marks(values: Sequence[object]) -> str:
    """Placeholders for an IN list, written out: peewee's in_() converts value by value,
    which cost more than the query for a month's worth of events."""
    return ", ".join([database.param] * len(values))
