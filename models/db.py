"""Opening the database: the one place that knows where it lives, how it is configured,
who may write to it and which schema it holds.

`open_database()` resolves the path (argument, then RAPPORT_DB, then the platform's user data
folder), creates the file and its folder private, takes the writer's lock, refuses files it
must not touch, checks the file (`quick_check`), backs it up before a migration, runs pending
migrations and binds `entities.database`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import peewee
import platformdirs
from peewee import SqliteDatabase

from models.entities import database
from models.errors import (
    CorruptDatabaseError,
    Damage,
    DatabaseInUseError,
    DatabaseOpenError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)
from models.file_lock import FileLock

log = logging.getLogger(__name__)

APP_NAME = "Rapport"
DB_FILENAME = "rapport.db"
ENV_VAR = "RAPPORT_DB"
# PRAGMA application_id: tells a Rapport file from any other SQLite file ("RPRT").
APPLICATION_ID = 0x52505254
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024  # SQLite's page cache, at most
READ_ONCE_CACHE_KIB = 2 * 1024


@dataclass(frozen=True)
class OpenedDatabase:
    path: Path
    read_only: bool
    schema_version: int
    migrated_from: int  # the schema found on opening; 0 for a new file


_lock: FileLock | None = None


class _CheckAhead:
    """SQLite's quick_check of a file, started early in a thread (`check_ahead`) so that it
    runs while the window's modules load: SQLite does the work with the GIL released, on
    the other core. open_database uses its result only if the file (and its WAL) did not
    change since it started; otherwise, or on any error, it checks again itself."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.stamp = _stamp(target)
        self.result: list[tuple[str]] | None = None
        self.thread = threading.Thread(target=self._run, name="rapport-quick-check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            con = sqlite3.connect(read_only_uri(self.target), uri=True)
            try:
                if con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                    self.result = con.execute("PRAGMA quick_check").fetchall()
            finally:
                con.close()

    def take(self, target: Path) -> list[tuple[str]] | None:
        self.thread.join()
        if target != self.target or _stamp(target) != self.stamp:
            return None
        return self.result


_ahead: _CheckAhead | None = None


def _stamp(target: Path) -> tuple[object, ...]:
    """What changes when the file or its WAL is written (an empty WAL, which a reader may
    create, holds nothing: the same as none)."""
    stamp: list[object] = []
    for path in (target, target.with_name(target.name + "-wal")):
        try:
            st = path.stat()
        except OSError:
            stamp.append(None)
        else:
            stamp.append((st.st_ino, st.st_size, st.st_mtime_ns) if st.st_size else None)
    return tuple(stamp)


def check_ahead(path: str | os.PathLike[str] | None = None) -> None:
    """Start the writer's quick_check of this database now, in a thread, for the next
    open_database to use (the window starts it before loading its modules). Nothing to do
    for a file that is not there."""
    global _ahead
    target = resolve_path(path)
    if _ahead is not None and _ahead.target == target:
        return  # already under way
    _ahead = _CheckAhead(target) if target.exists() else None


def _take_ahead(target: Path) -> list[tuple[str]] | None:
    global _ahead
    ahead, _ahead = _ahead, None
    return ahead.take(target) if ahead is not None else None


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

    The writer also runs SQLite's quick_check on a file that was there. A Rapport database
    found damaged is renamed aside (never deleted) and CorruptDatabaseError names it and
    the newest backup that passes the integrity check.
    """
    close_database()
    target = resolve_path(path)
    try:
        return _open(target, read_only, read_only_if_busy, create, lock)
    finally:
        _take_ahead(target)  # a check started ahead and not used ends here


def _open(
    target: Path, read_only: bool, read_only_if_busy: bool, create: bool, lock: bool
) -> OpenedDatabase:
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
    existed = target.exists()
    try:
        try:
            _create_private(target)
            return _connect(target, read_only=False, check=existed)
        except _DamagedFileError as exc:
            raise _set_aside(target, exc) from None  # renamed while we hold the lock
    except BaseException:
        _release_lock()
        raise


def reopen_database(path: str | os.PathLike[str] | None = None) -> OpenedDatabase:
    """Open the database again with the writer's lock this process kept (closed with
    `close_database(keep_lock=True)`): after a restore replaced the file."""
    close_database(keep_lock=True)
    target = resolve_path(path)
    if not target.exists():
        raise MissingDatabaseError(target)
    try:
        return _connect(target, read_only=False, check=True)
    except _DamagedFileError as exc:
        raise _set_aside(target, exc) from None


def lock_database(path: str | os.PathLike[str] | None = None) -> Path:
    """Take the writer's lock without opening the file (a restore replaces it, and the
    file may be too damaged to open); DatabaseInUseError when another process holds it.
    `close_database()` releases it."""
    close_database()
    target = resolve_path(path)
    if not _acquire_lock(target):
        raise DatabaseInUseError(target)
    return target


def file_schema(path: Path) -> int:
    """The schema of a Rapport file, read without opening it for use (0: empty); refuses
    the files open_database() refuses."""
    return _inspect(path)


def reading_once() -> None:
    """For a process that reads each row once (an export): SQLite's own 2 MiB page cache
    rather than the window's, which such a process would fill with pages it never reads
    again (an export of 50k events held 48 MiB more with its workers, for no time saved)."""
    database.execute_sql(f"PRAGMA cache_size = -{READ_ONCE_CACHE_KIB}")


def close_database(*, keep_lock: bool = False) -> None:
    if database.obj is not None and not database.is_closed():
        if not database.obj.read_only:
            with contextlib.suppress(peewee.DatabaseError):
                # SQLite's advice for long-lived connections: refresh the planner's statistics.
                database.execute_sql("PRAGMA optimize")
        database.close()
    database.initialize(None)
    if not keep_lock:
        _release_lock()


def _acquire_lock(target: Path) -> bool:
    global _lock
    # A new folder is private to the user (0700); an existing one is left as it is.
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = FileLock(target.with_name(target.name + ".lock"))
    try:
        if not lock.acquire():
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


def _connect(target: Path, *, read_only: bool, check: bool = False) -> OpenedDatabase:
    # Look before touching: the pragmas below (WAL) would rewrite a file we must refuse.
    found = _inspect(target, check=check)
    latest = latest_schema_version()
    if found > latest:
        raise NewerSchemaError(target, found, latest)
    if found < latest and read_only:
        raise DatabaseOpenError(target, "needs an upgrade that a read-only window cannot do")
    if 0 < found < latest:
        from models import backup  # it builds on this module

        backup.take(target)  # a migration is the riskiest write of all; refuse it unbacked

    pragmas: dict[str, object] = {
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
        # A ceiling, not an allocation: the default 2 MiB evicted the pages a month view
        # needs at 10k clients (29 ms -> 14 ms for a month of key dates).
        "cache_size": -CACHE_KIB,
    }
    if read_only:
        name, uri = read_only_uri(target), True
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


def read_only_uri(target: Path) -> str:
    return f"file:{quote(str(target.resolve()))}?mode=ro"


class _DamagedFileError(Exception):
    """A file of ours that SQLite cannot use (open_database keeps it aside, then raises
    CorruptDatabaseError)."""

    def __init__(self, damage: Damage, detail: str) -> None:
        super().__init__(detail)
        self.damage = damage
        self.detail = detail


def _inspect(target: Path, *, check: bool = False) -> int:
    """The schema version of a Rapport file; 0 for an empty one. Refuses other files.

    With `check` (the writer, on a file that was already there) SQLite's quick_check runs
    too, and a damaged file that is ours raises _DamagedFileError instead of being refused as a
    stranger's. Ours means: its header still carries our application_id, or Rapport has
    kept backups of it (a file at this path was a Rapport database, whatever it is now).
    Without either, a file SQLite cannot read may be another program's, and renaming it
    would be the worse mistake: it is refused untouched, as before.
    """
    try:
        with target.open("rb") as fh:
            head = fh.read(_HEADER_SIZE)
        size = target.stat().st_size
    except OSError as exc:
        raise DatabaseOpenError(target, exc.strerror or str(exc)) from exc
    ours = head.startswith(SQLITE_MAGIC) and head[68:72] == APPLICATION_ID.to_bytes(4, "big")

    def refuse(damage: Damage, detail: str, error: DatabaseOpenError) -> Exception:
        if check and (ours or _has_backups(target)):
            if damage == Damage.MALFORMED and _cut_off(head, size):
                damage = Damage.TRUNCATED
            return _DamagedFileError(damage, detail)
        return error

    if not head:
        if check and _has_backups(target):
            raise _DamagedFileError(Damage.EMPTY, "0 bytes")
        return 0  # what _create_private leaves if the first start stopped there
    if not head.startswith(SQLITE_MAGIC):
        detail = "not an SQLite database"
        raise refuse(Damage.OVERWRITTEN, detail, NotADatabaseError(target, detail))
    quick: list[tuple[str]] = [("ok",)]
    try:
        con = sqlite3.connect(read_only_uri(target), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if check and app_id == APPLICATION_ID:
                # Reads every page (0.3 s for 10k clients and 100k events), but not the
                # indexes against their tables: integrity_check, for backups, does that.
                # Started ahead of time, for the same file unchanged (check_ahead), or now.
                ahead = _take_ahead(target)
                quick = ahead or con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in _NOT_THE_FILES_FAULT:
            # A full disk (no room for the -shm), a read-only folder, a lock: the file may
            # be sound, and is refused as it is, never moved aside as damaged.
            raise DatabaseOpenError(target, str(exc)) from exc
        damage = Damage.OVERWRITTEN if code == _SQLITE_NOTADB else Damage.MALFORMED
        raise refuse(damage, str(exc), NotADatabaseError(target, str(exc))) from exc
    if app_id == APPLICATION_ID:
        if quick != [("ok",)]:
            raise refuse(Damage.MALFORMED, str(quick[0][0]), NotADatabaseError(target, ""))
        return int(version)
    if app_id != 0 or tables:
        raise ForeignDatabaseError(target, "an SQLite database of another program")
    return 0


_HEADER_SIZE = 100
_SQLITE_NOTADB = 26
# SQLite's result codes for trouble around the file, not in it: PERM, BUSY, LOCKED, NOMEM,
# READONLY, IOERR, FULL, CANTOPEN, PROTOCOL (https://sqlite.org/rescode.html).
_NOT_THE_FILES_FAULT = frozenset({3, 5, 6, 7, 8, 10, 13, 14, 15})
_MIN_PAGE = 512


def _cut_off(head: bytes, size: int) -> bool:
    """Shorter than its header says (https://sqlite.org/fileformat.html, 1.3)."""
    if len(head) < _HEADER_SIZE:
        return size < _MIN_PAGE
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count is trusted only when written by the same change as the counter.
    valid = pages > 0 and head[24:28] == head[92:96]
    return valid and size < pages * page_size


def _has_backups(target: Path) -> bool:
    from models import backup  # it builds on this module

    return bool(backup.list_backups(target))


def _set_aside(target: Path, damaged: _DamagedFileError) -> DatabaseOpenError:
    """Rename the damaged file aside and find the backup to offer."""
    from models import backup  # it builds on this module

    try:
        kept = backup.keep_aside(target)
    except OSError as exc:
        why = exc.strerror or str(exc)
        return DatabaseOpenError(target, f"damaged ({damaged.detail}); cannot move it aside: {why}")
    good = backup.newest_good(target)
    return CorruptDatabaseError(
        target,
        damaged.damage,
        damaged.detail,
        kept,
        good.path if good else None,
        good.taken if good else None,
    )


def _migrate(db: SqliteDatabase, latest: int) -> None:
    """Apply pending numbered migrations and stamp the file, all in one transaction: a
    failure, a kill or a power cut part-way leaves the schema the file had, never a mix of
    two (each migration committing on its own left, say, schema 3 stamped as schema 1;
    tests/reliability/test_migration_safety.py)."""
    from playhouse.migrations import Runner  # only here: 30 ms of every start otherwise

    # Claim the file first, on its own: if a migration fails or the power goes, the next
    # start must still know it as ours (and do the job), not refuse it as another program's.
    # PRAGMAs cannot be bound parameters; both values are our own integers.
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    # Foreign keys off while the schema changes, as SQLite's ALTER TABLE procedure says: a
    # migration that rebuilds a table would otherwise cascade the drop of the old one into
    # its children. The pragma does nothing inside a transaction (where the migrator would
    # set it), so it is set here, and every reference is checked before the commit.
    db.pragma("foreign_keys", 0)
    try:
        with db.atomic("IMMEDIATE"):
            applied = Runner(db, directory=str(MIGRATIONS_DIR)).up()
            if broken := db.execute_sql("PRAGMA foreign_key_check").fetchall():
                raise peewee.IntegrityError(f"a migration broke references: {broken[:3]}")
            db.execute_sql(f"PRAGMA user_version = {latest}")
    finally:
        db.pragma("foreign_keys", 1)
    log.info("applied migrations: %s", ", ".join(applied) or "none")
