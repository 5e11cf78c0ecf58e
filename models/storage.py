"""Writing to the database: one transaction per service call, and the database's own
failures (disk full, read-only file, locked, damaged) turned into one typed error that the
window and the command line can put into words. A failed transaction changes nothing.
Also the one piece of SQL that differs between SQLite and PostgreSQL that we use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import peewee
from peewee import Model, PostgresqlDatabase, fn

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
    """`database.atomic()`, with storage failures raised as StorageError."""
    global _writes
    try:
        with database.atomic():
            yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise  # a broken rule is a bug of ours, not a storage failure
        raise storage_error(exc) from exc
    finally:
        _writes += 1


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


def _db_row(model: type[Model], names: Sequence[str], row: dict[str, Any]) -> list[Any]:
    return [model._meta.fields[name].db_value(row[name]) for name in names]


def _with_defaults(model: type[Model], row: dict[str, Any]) -> dict[str, Any]:
    """The row plus the model's Python-side defaults (created_at, version...), which a raw
    INSERT would otherwise leave out."""
    missing = {}
    for name, field in model._meta.fields.items():
        if name not in row and field.default is not None and not field.primary_key:
            missing[name] = field.default() if callable(field.default) else field.default
    return row | missing


def insert_one(model: type[Model], **row: Any) -> int:
    """Insert one row through the raw cursor (no per-value peewee overhead); its id."""
    row = _with_defaults(model, row)
    names = list(row)
    cursor = database.execute_sql(_insert_sql(model, names), _db_row(model, names, row))
    return int(cursor.lastrowid)


def insert_many(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """One executemany per table: about 7x faster than peewee's insert_many (DESIGN.md)."""
    rows = [_with_defaults(model, row) for row in rows]
    names = list(rows[0])
    cursor = database.cursor()
    cursor.executemany(_insert_sql(model, names), [_db_row(model, names, r) for r in rows])


# -- Lists of ids in a query -------------------------------------------------------------


def chunks(ids: Sequence[_T], size: int = 900) -> list[list[_T]]:
    """Pieces small enough for any SQLite's limit on bound parameters (999 before 3.32)."""
    return [list(ids[n : n + size]) for n in range(0, len(ids), size)]


def marks(values: Sequence[object]) -> str:
    """Placeholders for an IN list, written out: peewee's in_() converts value by value,
    which cost more than the query for a month's worth of events."""
    return ", ".join([database.param] * len(values))
