"""Opening the database: the one place that knows where it lives, how it is configured,
who may write to it and which schema it holds.

`open_database()` resolves the path (argument, then RAPPORT_DB, then the platform's user data
folder), creates the file and its folder private, takes the writer's lock, refuses files it
must not touch, runs pending migrations and binds `entities.database`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import filelock
import peewee
import platformdirs
from peewee import SqliteDatabase
from playhouse.migrations import Runner

from models.entities import database
from models.errors import (
    DatabaseInUseError,
    DatabaseOpenError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)

log = logging.getLogger(__name__)

APP_NAME = "Rapport"
DB_FILENAME = "rapport.db"
ENV_VAR = "RAPPORT_DB"
# PRAGMA application_id: tells a Rapport file from any other SQLite file ("RPRT").
APPLICATION_ID = 0x52505254
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class OpenedDatabase:
    path: Path
    read_only: bool
    schema_version: int
    migrated_from: int  # the schema found on opening; 0 for a new file


_lock: filelock.BaseFileLock | None = None


def default_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file to use: an explicit path, else $RAPPORT_DB, else the default."""
    if path:
        return Path(path).expanduser()
    if env := os.environ.get(ENV_VAR):
        return Path(env).expanduser()
    return default_path()


def latest_schema_version() -> int:
    return max((_index(p) for p in MIGRATIONS_DIR.glob("[0-9]*.py")), default=0)


def _index(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def open_database(
    path: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    read_only_if_busy: bool = False,
    create: bool = True,
    lock: bool = True,
) -> OpenedDatabase:
    """Open (creating and migrating if need be) and bind the database.

    A writer holds an OS lock on "<file>.lock" until `close_database()` or process exit.
    When another process holds it: DatabaseInUseError, or a read-only connection if
    `read_only_if_busy`. `lock=False` is for a job the window runs in a separate process
    (an import): the window holds the lock for both, and SQLite orders their writes.
    With `create=False` a missing file is an error. Raises a
    DatabaseOpenError subclass, having changed nothing, for files that are not SQLite,
    belong to another program, or come from a newer Rapport.
    """
    close_database()
    target = resolve_path(path)
    if (read_only or not create) and not target.exists():
        raise MissingDatabaseError(target)
    if read_only:
        return _connect(target, read_only=True)

    if not lock:
        return _connect(target, read_only=False)
    if not _acquire_lock(target):
        if read_only_if_busy and target.exists():
            return _connect(target, read_only=True)
        raise DatabaseInUseError(target)
    try:
        _create_private(target)
        return _connect(target, read_only=False)
    except BaseException:
        _release_lock()
        raise


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        if not database.obj.read_only:
            with contextlib.suppress(peewee.DatabaseError):
                # SQLite's advice for long-lived connections: refresh the planner's statistics.
                database.execute_sql("PRAGMA optimize")
        database.close()
    database.initialize(None)
    _release_lock()


def _acquire_lock(target: Path) -> bool:
    global _lock
    # A new folder is private to the user (0700); an existing one is left as it is.
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = filelock.FileLock(
        target.with_name(target.name + ".lock"),
        timeout=0,
        mode=0o600,
        is_singleton=False,
        fallback_to_soft=False,
    )
    try:
        lock.acquire()
    except filelock.Timeout:
        return False
    except OSError as exc:
        # A file system without locks (some network shares): refusing would lock the user
        # out of their own data, so open without the guard and say so in the log.
        log.warning("cannot lock %s (%s); a second window would not be detected", target, exc)
        return True
    _lock = lock
    return True


def _release_lock() -> None:
    global _lock
    if _lock is not None:
        _lock.release()
        _lock = None


def _create_private(target: Path) -> None:
    """Create an empty file (0600; its folder is already there, 0700, made for the lock)
    before SQLite touches it."""
    if target.exists():
        return
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise DatabaseOpenError(target, exc.strerror or str(exc)) from exc
    os.close(fd)


def _connect(target: Path, *, read_only: bool) -> OpenedDatabase:
    # Look before touching: the pragmas below (WAL) would rewrite a file we must refuse.
    found = _inspect(target)
    latest = latest_schema_version()
    if found > latest:
        raise NewerSchemaError(target, found, latest)
    if found < latest and read_only:
        raise DatabaseOpenError(target, "needs an upgrade that a read-only window cannot do")

    pragmas: dict[str, object] = {
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
        # A ceiling, not an allocation: the default 2 MiB evicted the pages a month view
        # needs at 10k clients (29 ms -> 14 ms for a month of key dates).
        "cache_size": -64 * 1024,
    }
    if read_only:
        name, uri = _read_only_uri(target), True
    else:
        # WAL lets a reader (a second window) see the file while we write;
        # synchronous=FULL keeps SQLite's promise of no lost commit on power loss.
        pragmas |= {"journal_mode": "wal", "synchronous": 2}
        name, uri = str(target), False
    db = SqliteDatabase(name, pragmas=pragmas, uri=uri)
    db.read_only = read_only  # type: ignore[attr-defined]
    try:
        db.connect()
        if found < latest:
            _migrate(db, latest)
    except BaseException:
        db.close()
        raise
    database.initialize(db)
    return OpenedDatabase(target, read_only, latest, found)


def _read_only_uri(target: Path) -> str:
    return f"file:{quote(str(target.resolve()))}?mode=ro"


def _inspect(target: Path) -> int:
    """The schema version of a Rapport file; 0 for an empty one. Refuses other files."""
    try:
        with target.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(target, exc.strerror or str(exc)) from exc
    if not head:
        return 0
    if head != SQLITE_MAGIC:
        raise NotADatabaseError(target, "not an SQLite database")
    try:
        con = sqlite3.connect(_read_only_uri(target), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(target, str(exc)) from exc
    if app_id == APPLICATION_ID:
        return int(version)
    if app_id != 0 or tables:
        raise ForeignDatabaseError(target, "an SQLite database of another program")
    return 0


def _migrate(db: SqliteDatabase, latest: int) -> None:
    """Apply pending numbered migrations, each in its own transaction, then stamp the file."""
    # Claim the file first: if a migration fails or the power goes, the next start must
    # still know it as ours (and finish the job), not refuse it as another program's.
    # PRAGMAs cannot be bound parameters; both values are our own integers.
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    runner = Runner(db, directory=str(MIGRATIONS_DIR))
    applied = runner.up()
    log.info("applied migrations: %s", ", ".join(applied) or "none")
    db.execute_sql(f"PRAGMA user_version = {latest}")
