"""Typed errors raised by models/. They carry facts, not user-facing text: ui/ and the
command line turn them into messages (STYLE.md, "Refuse a DB from a newer version")."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path


class RapportError(Exception):
    """Base of every error models/ raises on purpose."""


class DatabaseOpenError(RapportError):
    """The database file cannot be used; nothing was changed in it."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else str(path))
        self.path = path
        self.detail = detail


class MissingDatabaseError(DatabaseOpenError):
    """There is no file at the path, and this action does not create one."""


class NotADatabaseError(DatabaseOpenError):
    """The file exists but is not an SQLite database (or is damaged)."""


class ForeignDatabaseError(DatabaseOpenError):
    """An SQLite database that some other program wrote."""


class NewerSchemaError(DatabaseOpenError):
    """Written by a newer Rapport: opening it could lose what that version stored."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(path, f"schema {found}, this version knows up to {supported}")
        self.found = found
        self.supported = supported


class DatabaseInUseError(DatabaseOpenError):
    """Another Rapport process holds the database open for writing."""


class Damage(StrEnum):
    """How a Rapport database was found damaged on opening."""

    EMPTY = "empty"  # nothing left where a database was
    OVERWRITTEN = "overwritten"  # its first bytes are no longer an SQLite database's
    TRUNCATED = "truncated"  # shorter than its own header says: cut off
    MALFORMED = "malformed"  # SQLite's own check finds damage inside


class CorruptDatabaseError(DatabaseOpenError):
    """The file was a Rapport database and is damaged. It was renamed to `kept_aside`
    (with its -wal and -shm), never deleted; `backup` is the newest backup that passes
    SQLite's integrity check (taken at `backup_taken`, UTC), or None."""

    def __init__(
        self,
        path: Path,
        damage: Damage,
        detail: str,
        kept_aside: Path,
        backup: Path | None,
        backup_taken: dt.datetime | None,
    ) -> None:
        super().__init__(path, f"{damage.value}: {detail}")
        self.damage = damage
        self.kept_aside = kept_aside
        self.backup = backup
        self.backup_taken = backup_taken


class BackupProblem(StrEnum):
    SOURCE_DAMAGED = "source_damaged"  # the file to copy or restore is damaged
    COPY_FAILED_CHECK = "copy_failed_check"  # the copy failed integrity_check (and was deleted)
    CANNOT_READ = "cannot_read"  # the file to restore cannot be read (missing, no access)
    CANNOT_WRITE = "cannot_write"  # disk full, read-only folder...
    SAME_FILE = "same_file"  # restoring the database onto itself


class BackupError(RapportError):
    """A backup or a restore failed or was refused; the database was not changed.
    `path` is the file the problem is about, `detail` what SQLite or the system said."""

    def __init__(self, path: Path, problem: BackupProblem, detail: str = "") -> None:
        super().__init__(f"{path}: {problem.value}" + (f" ({detail})" if detail else ""))
        self.path = path
        self.problem = problem
        self.detail = detail


class StorageProblem(StrEnum):
    FULL = "full"  # no space left on the disk
    READ_ONLY = "read_only"  # the file, its folder or this connection cannot be written
    BUSY = "busy"  # another program holds the file locked
    IO = "io"  # the operating system failed to read or write
    DAMAGED = "damaged"  # the file is corrupt
    OTHER = "other"


class StorageError(RapportError):
    """The database failed to store (or read) what was asked; nothing was changed."""

    def __init__(self, problem: StorageProblem, detail: str) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


class Problem(StrEnum):
    """Why a value was refused; ui/ words each one next to the field."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    BAD_EMAIL = "bad_email"
    BAD_PHONE = "bad_phone"
    BAD_URL = "bad_url"
    BAD_DATE = "bad_date"  # not understood as a date
    NO_SUCH_DAY = "no_such_day"  # understood, but that day does not exist (31 April)
    YEAR_OUT_OF_RANGE = "year_out_of_range"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_VALUE = "unknown_value"  # not one of a vocabulary's values
    DUPLICATE = "duplicate"  # must be unique (a tier's name)


class ValidationError(RapportError):
    """A value breaks a rule: `field` names which, `problem` says why, `value` what was given."""

    def __init__(self, field: str, problem: Problem, value: object = None) -> None:
        super().__init__(f"{field}: {problem.value} ({value!r})")
        self.field = field
        self.problem = problem
        self.value = value


class NotFoundError(RapportError):
    """The row asked for does not exist (or was deleted)."""


class ConflictError(RapportError):
    """The row changed since it was read: saving would overwrite someone else's edit."""
