"""What the window says when models/ refuses something, in the person's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.errors import (
    BackupError,
    BackupProblem,
    ConflictError,
    CorruptDatabaseError,
    Damage,
    DatabaseInUseError,
    DatabaseOpenError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    NotFoundError,
    RapportError,
    StorageError,
    StorageProblem,
    ValidationError,
)
from ui import labels


def _t(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def describe(error: RapportError) -> str:
    match error:
        case NewerSchemaError():
            return _t(
                "{path} was saved by a newer version of Rapport. Install the newer version to "
                "open it; the file was not changed."
            ).format(path=error.path)
        case DatabaseInUseError():
            return _t("{path} is open in another Rapport window.").format(path=error.path)
        case ForeignDatabaseError():
            return _t("{path} belongs to another program; Rapport left it untouched.").format(
                path=error.path
            )
        case CorruptDatabaseError():
            return _t(
                "{path} is damaged: {damage}. It was moved aside, unchanged, to {kept}."
            ).format(path=error.path, damage=damage(error.damage), kept=error.kept_aside)
        case BackupError():
            return {
                BackupProblem.SOURCE_DAMAGED: _t(
                    "{path} is damaged ({detail}); nothing was changed."
                ),
                BackupProblem.COPY_FAILED_CHECK: _t(
                    "The backup failed SQLite's integrity check ({detail}), so it was deleted "
                    "rather than kept as if it were good. The database itself may be damaged; "
                    "earlier backups are untouched."
                ),
                BackupProblem.CANNOT_READ: _t("Cannot read {path}: {detail}. Nothing was changed."),
                BackupProblem.CANNOT_WRITE: _t(
                    "Cannot write {path}: {detail}. Nothing was changed."
                ),
                BackupProblem.SAME_FILE: _t("{path} is the database itself: choose a backup."),
            }[error.problem].format(path=error.path, detail=error.detail)
        case NotADatabaseError():
            return _t("{path} is not a Rapport file, or it is damaged; it was not changed.").format(
                path=error.path
            )
        case MissingDatabaseError():
            return _t("There is no Rapport file at {path}.").format(path=error.path)
        case DatabaseOpenError():
            return _t("Rapport cannot open {path}: {detail}").format(
                path=error.path, detail=error.detail
            )
        case StorageError():
            return {
                StorageProblem.FULL: _t(
                    "The disk is full, so this was not saved. Free some space and try again."
                ),
                StorageProblem.READ_ONLY: _t(
                    "The database cannot be written (the file or its folder is read-only), "
                    "so this was not saved."
                ),
                StorageProblem.BUSY: _t(
                    "Another program holds the database locked, so this was not saved. "
                    "Try again in a moment."
                ),
                StorageProblem.DAMAGED: _t(
                    "The database file is damaged, so this was not saved. Restore it from a backup."
                ),
            }.get(
                error.problem,
                _t("The database failed ({detail}), so this was not saved.").format(
                    detail=error.detail
                ),
            )
        case ConflictError():
            return _t("This card changed elsewhere; it has been reloaded. Please redo your edit.")
        case NotFoundError():
            return _t("That client no longer exists.")
        case ValidationError():
            return labels.problem(error.problem)
    return _t("Something went wrong: {error}").format(error=error)


def damage(kind: Damage) -> str:
    """How a damaged database is damaged, in plain words."""
    return {
        Damage.EMPTY: _t("the file is empty"),
        Damage.OVERWRITTEN: _t("its beginning is no longer a database's (overwritten or damaged)"),
        Damage.TRUNCATED: _t("it is shorter than it should be (cut off)"),
        Damage.MALFORMED: _t("SQLite's own check finds damage inside it"),
    }[kind]
