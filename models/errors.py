"""Typed errors raised by models/. They carry facts, not user-facing text: ui/ and the
command line turn them into messages (STYLE.md, "Refuse a DB from a newer version")."""

from __future__ import annotations

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
