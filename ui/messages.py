"""What the window says when models/ refuses something, in the person's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.errors import (
    ConflictError,
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
