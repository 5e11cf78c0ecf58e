"""Backups: checked copies of the database, taken with SQLite's online backup API (a
consistent snapshot even while the window writes), and restoring one.

Automatic backups go to a `backups/` folder beside the database (0700), one file each
(0600), named for the database, the UTC time and the schema version of what they hold:
`rapport-20270131T091500Z-schema5.db`. Rapport takes one on the first start of a day and
one before every migration, and keeps the newest N (the `backups_keep` setting). Every copy
is checked with `PRAGMA integrity_check` before it gets its name: one that fails is deleted
and reported, never kept as if it were good.

A copy is written under a temporary name and renamed when complete and checked, so a
crash or a cancel (the window kills the process) leaves at most a hidden `.part` file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models import db, settings
from models.errors import (
    BackupError,
    BackupProblem,
    DatabaseOpenError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)

FOLDER = "backups"
_STAMP = "%Y%m%dT%H%M%SZ"
# SQLite result codes of a failed write (https://sqlite.org/rescode.html): full, read-only,
# I/O error, cannot open, no permission. Anything else while copying is the source's fault.
_WRITE_FAILURES = {3, 8, 10, 13, 14}
# A crashed or stopped copy leaves a `.part` file; one this old is no one's work in progress.
_STALE_PART_SECONDS = 3600

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime  # UTC, aware
    schema: int
    size: int  # bytes


@dataclass(frozen=True)
class Restored:
    database: Path
    source: Path
    schema: int  # of what was restored; an older one is migrated on the next opening
    previous: Path | None  # where what the database held before is now (None: it was empty)
    previous_damaged: bool  # that was damaged, so it was kept aside as it was, not copied


def folder(database: Path) -> Path:
    return database.parent / FOLDER


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-(\d{{8}}T\d{{6}}Z)-schema(\d+)(?:-(\d+))?\.db")


def list_backups(database: Path) -> list[Backup]:
    """The automatic backups of `database`, newest first."""
    pattern = _pattern(database)
    found: list[tuple[dt.datetime, int, Backup]] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder(database)):
            match = pattern.fullmatch(entry.name)
            if match is None or not entry.is_file():
                continue
            try:
                taken = dt.datetime.strptime(match[1], _STAMP).replace(tzinfo=dt.UTC)
                size = entry.stat().st_size
            except (ValueError, OSError):
                continue
            backup = Backup(Path(entry.path), taken, int(match[2]), size)
            found.append((taken, int(match[3] or 1), backup))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for *_, backup in found]


def due(database: Path, now: dt.datetime | None = None) -> bool:
    """Whether the start-up backup is due: none was taken today (the computer's day).
    One dated in the future (a clock that was wrong) does not count as today's."""
    today = (now or dt.datetime.now(dt.UTC)).astimezone().date()
    return all(b.taken.astimezone().date() != today for b in list_backups(database))


def back_up(database: Path, target: Path, *, progress: Progress | None = None) -> Path:
    """Copy `database` to `target` (replacing it), checked; private to the user (0600)."""
    database, target = db.resolve_path(database), Path(target)
    if target.exists() and _same_file(target, database):
        raise BackupError(target, BackupProblem.SAME_FILE)
    _schema_to_copy(database)
    _copy_checked(database, target, progress)
    return target


def take(
    database: Path, *, now: dt.datetime | None = None, progress: Progress | None = None
) -> Backup:
    """An automatic backup into `backups/` beside the database; then only the newest N
    (the `backups_keep` setting stored in the database) are kept."""
    database = db.resolve_path(database)
    schema = _schema_to_copy(database)
    place = folder(database)
    try:
        # A new folder is private to the user; an existing one is left as it is (as db.py
        # does for the database's own folder).
        place.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise BackupError(place, BackupProblem.CANNOT_WRITE, exc.strerror or str(exc)) from exc
    _remove_stale_parts(place)
    taken = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    name = f"{database.stem}-{taken:{_STAMP}}-schema{schema}"
    target = place / f"{name}.db"
    counter = 1
    while target.exists():  # two in one second: a migration, then a backup asked for
        counter += 1
        target = place / f"{name}-{counter}.db"
    keep = _copy_checked(database, target, progress)
    for old in list_backups(database)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return Backup(target, taken, schema, target.stat().st_size)


def check(path: Path) -> int:
    """The schema of a Rapport database that passes SQLite's integrity check and that this
    version can open; refuses anything else (a typed error about `path`)."""
    schema = _schema_of_source(path)
    if problem := _integrity_problem(path):
        raise BackupError(path, BackupProblem.SOURCE_DAMAGED, problem)
    return schema


def newest_good(database: Path) -> Backup | None:
    """The newest automatic backup that this version can open and that passes SQLite's
    integrity check (which reads all of it: a few seconds for a large database)."""
    latest = db.latest_schema_version()
    for backup in list_backups(database):
        if backup.schema > latest:
            continue
        with contextlib.suppress(DatabaseOpenError, BackupError):
            check(backup.path)
            return backup
    return None


def keep_aside(database: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database, with its -wal and -shm, to `<name>.corrupt-<UTC time>`
    beside it: never deleted, and kept together, since SQLite finds a database's -wal by
    its name (recovery tools read both). The caller holds the database's lock."""
    taken = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stem = f"{database.stem}.corrupt-{taken:{_STAMP}}"
    aside = database.with_name(stem + database.suffix)
    counter = 1
    while any(Path(f"{aside}{end}").exists() for end in ("", "-wal", "-shm")):
        counter += 1
        aside = database.with_name(f"{stem}-{counter}{database.suffix}")
    # The -wal and -shm first: a crash halfway must not leave a new file under the old
    # name beside the old file's write-ahead log.
    for end in ("-wal", "-shm", ""):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{database}{end}").rename(f"{aside}{end}")
    _sync_folder(database.parent)
    return aside


def restore(
    source: Path,
    database: Path,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Restored:
    """Replace `database` with a copy of `source`, a Rapport database that passes the
    integrity check and that this version can open. What the database held is backed up
    first (or, when damaged, kept aside as it is). The caller holds the database's lock
    and has no connection open on it. The copy is made and checked beside the database,
    then renamed over it: at every moment the database is the old one or the new one."""
    source, database = Path(source), db.resolve_path(database)
    if database.exists() and _same_file(source, database):
        raise BackupError(source, BackupProblem.SAME_FILE)
    schema = _schema_of_source(source)
    report = progress or (lambda done, total: None)
    steps = 4
    incoming = database.with_name(f".{database.name}.restore.part")
    try:
        report(0, steps)
        _copy(source, incoming, reading=source)
        report(1, steps)
        if problem := _integrity_problem(incoming):
            raise BackupError(source, BackupProblem.SOURCE_DAMAGED, problem)
        report(2, steps)
        previous, damaged = _set_aside_current(database, now)
        report(3, steps)
        _sync_file(incoming)
        incoming.replace(database)
        _sync_folder(database.parent)
    except OSError as exc:
        raise BackupError(database, BackupProblem.CANNOT_WRITE, exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            incoming.unlink()
    report(steps, steps)
    return Restored(database, source, schema, previous, damaged)


def _set_aside_current(database: Path, now: dt.datetime | None) -> tuple[Path | None, bool]:
    """Back up what the database holds before a restore replaces it; keep it aside when it
    cannot be copied because it is damaged. Then take away its -wal and -shm, which belong
    to it and must never be read with the restored file."""
    if not database.exists():
        return None, False
    try:
        previous = take(database, now=now).path
    except (NotADatabaseError, BackupError) as exc:
        if isinstance(exc, BackupError) and exc.problem == BackupProblem.CANNOT_WRITE:
            raise
        return keep_aside(database, now), True
    # Empty the write-ahead log into the file first (its commits are in the backup anyway):
    # if the power goes before the rename, the old database is whole.
    with contextlib.suppress(sqlite3.Error):
        con = sqlite3.connect(database)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    for end in ("-wal", "-shm"):
        Path(f"{database}{end}").unlink(missing_ok=True)
    return previous, False


# -- Copying ------------------------------------------------------------------------------


def _schema_to_copy(database: Path) -> int:
    if not database.exists():
        raise MissingDatabaseError(database)
    schema = db.file_schema(database)  # refuses other programs' files and garbage
    if schema == 0:
        raise NotADatabaseError(database, "empty")
    return schema


def _schema_of_source(path: Path) -> int:
    try:
        if not path.is_file():
            raise BackupError(path, BackupProblem.CANNOT_READ, "no such file")
    except OSError as exc:
        raise BackupError(path, BackupProblem.CANNOT_READ, exc.strerror or str(exc)) from exc
    try:
        schema = db.file_schema(path)
    except DatabaseOpenError as exc:
        if type(exc) is DatabaseOpenError:  # the file could not be read at all
            raise BackupError(path, BackupProblem.CANNOT_READ, exc.detail) from exc
        raise
    if schema == 0:
        raise NotADatabaseError(path, "empty")
    latest = db.latest_schema_version()
    if schema > latest:
        raise NewerSchemaError(path, schema, latest)
    return schema


def _copy_checked(database: Path, target: Path, progress: Progress | None) -> int:
    """Copy, check and name the copy; returns the `backups_keep` setting the copy holds."""
    report = progress or (lambda done, total: None)
    partial = target.with_name(f".{target.name}.part")
    try:
        report(0, 2)
        keep = _copy(database, partial, reading=database)
        report(1, 2)
        if problem := _integrity_problem(partial):
            # The copy is page for page the database: the database itself is damaged (or
            # the disk failed while writing). Never keep it as if it were good.
            raise BackupError(target, BackupProblem.COPY_FAILED_CHECK, problem)
        _sync_file(partial)
        partial.replace(target)
        _sync_folder(target.parent)
        report(2, 2)
        return keep
    except OSError as exc:
        raise BackupError(target, BackupProblem.CANNOT_WRITE, exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def _copy(source: Path, target: Path, *, reading: Path) -> int:
    """Copy `source` into a new file `target` (0600) in one step of the backup API (one
    consistent snapshot: stepping would restart whenever the window commits). Returns the
    copy's `backups_keep` setting."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    os.close(os.open(target, flags, 0o600))
    # Read-only: a backup never writes to the database, not even a checkpoint.
    src = sqlite3.connect(db.read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # One self-contained file (no -wal beside it), to copy anywhere as it is.
            dst.execute("PRAGMA journal_mode = DELETE")
            keep = _keep_setting(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in _WRITE_FAILURES:
            raise BackupError(target, BackupProblem.CANNOT_WRITE, str(exc)) from exc
        raise BackupError(reading, BackupProblem.SOURCE_DAMAGED, str(exc)) from exc
    finally:
        src.close()
    return keep


def _keep_setting(con: sqlite3.Connection) -> int:
    default = int(settings.DEFAULTS[settings.BACKUPS_KEEP])
    try:
        row = con.execute(
            "SELECT value FROM setting WHERE key = ?", (settings.BACKUPS_KEEP,)
        ).fetchone()
        value = json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError, TypeError):
        return default
    return int(value) if settings.is_valid(settings.BACKUPS_KEEP, value) else default


def _integrity_problem(path: Path) -> str:
    """SQLite's first complaint about the file ("" when integrity_check says ok)."""
    try:
        con = sqlite3.connect(db.read_only_uri(path), uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "" if rows == [("ok",)] else str(rows[0][0])


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _remove_stale_parts(place: Path) -> None:
    limit = time.time() - _STALE_PART_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(place):
            if entry.name.startswith(".") and entry.name.endswith(".part"):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < limit:
                        Path(entry.path).unlink()


def _sync_file(path: Path) -> None:
    """On disk before it is renamed into place: a rename can reach the disk before the
    data it names."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(path: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to sync it; NTFS journals the rename
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
