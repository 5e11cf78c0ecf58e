"""Writing to the database: one transaction per service call, and the database's own
failures (disk full, read-only file, locked, damaged) turned into one typed error that the
window and the command line can put into words. A failed transaction changes nothing.
Also the one piece of SQL that differs between SQLite and PostgreSQL that we use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee
from peewee import PostgresqlDatabase, fn

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


@contextmanager
def transaction() -> Iterator[None]:
    """`database.atomic()`, with storage failures raised as StorageError."""
    try:
        with database.atomic():
            yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise  # a broken rule is a bug of ours, not a storage failure
        raise storage_error(exc) from exc


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
