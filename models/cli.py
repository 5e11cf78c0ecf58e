"""The command-line actions behind `python main.py COMMAND` (main.py parses and dispatches).
Output is for people and scripts alike: one line per item, tab-separated, or JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from models import clients, demo, occurrences
from models.errors import (
    DatabaseInUseError,
    DatabaseOpenError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    RapportError,
    StorageError,
    StorageProblem,
    ValidationError,
)
from models.occurrences import Occurrence
from models.vocab import DateKind

_KIND_TITLES = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.WEDDING_ANNIVERSARY: "Wedding anniversary",
    DateKind.BUSINESS_ANNIVERSARY: "Business anniversary",
    DateKind.NAME_DAY: "Name day",
}


def occurrence_title(occ: Occurrence) -> str:
    """ "Birthday: turns 8", "Wedding anniversary: 20 years", "Name day"."""
    title = occ.label if occ.kind == DateKind.CUSTOM else _KIND_TITLES.get(occ.kind, occ.kind)
    if occ.years is None or occ.kind == DateKind.NAME_DAY:
        return title
    if occ.kind == DateKind.BIRTHDAY:
        return f"{title}: turns {occ.years}"
    return f"{title}: {occ.years} year{'s' if occ.years != 1 else ''}"


def occurrence_person(occ: Occurrence) -> str:
    """The client, or the relative with whose relative it is: "Tom (child of Anna Roy)"."""
    if not occ.relative_name:
        return occ.client_name
    return f"{occ.relative_name} ({occ.relation} of {occ.client_name})"


def upcoming(start: dt.date, days: int, *, as_json: bool, out: TextIO) -> None:
    end = start + dt.timedelta(days=days - 1)
    items = occurrences.key_date_occurrences(start, end)
    if as_json:
        json.dump(
            [
                {
                    "date": o.date.isoformat(),
                    "kind": o.kind,
                    "person": occurrence_person(o),
                    "title": occurrence_title(o),
                    "years": o.years,
                    "client": o.client_name,
                    "client_id": o.client_id,
                    "relative": o.relative_name or None,
                    "uid": o.uid,
                }
                for o in items
            ],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return
    for o in items:
        out.write(
            f"{o.date.isoformat()}\t{o.kind}\t{occurrence_person(o)}\t{occurrence_title(o)}\n"
        )


def fill_demo(today: dt.date, out: TextIO) -> None:
    if count := clients.client_count():
        raise DemoRefusedError(count)
    created = demo.load_sample(today)
    out.write(f"Added {created} sample clients.\n")


class DemoRefusedError(RapportError):
    """The sample clients go only into an empty database, never among real ones."""

    def __init__(self, existing: int) -> None:
        super().__init__(existing)
        self.existing = existing


def describe_error(exc: RapportError) -> str:
    """One line a person can act on."""
    match exc:
        case NewerSchemaError():
            return (
                f"{exc.path} was written by a newer version of Rapport (schema {exc.found}; "
                f"this version knows up to {exc.supported}). Update Rapport to open it; "
                "the file was not changed."
            )
        case DatabaseInUseError():
            return (
                f"{exc.path} is open in another Rapport window. Close it first; "
                "nothing was changed."
            )
        case MissingDatabaseError():
            return (
                f"There is no database at {exc.path}. Start Rapport, or run the demo "
                "command, to create one."
            )
        case ForeignDatabaseError():
            return f"{exc.path} belongs to another program, not Rapport; it was not changed."
        case NotADatabaseError():
            return f"{exc.path} is not a Rapport database (or it is damaged); it was not changed."
        case DatabaseOpenError():
            return f"Cannot open {exc.path}: {exc.detail}."
        case DemoRefusedError():
            return (
                f"The database already holds {exc.existing} clients; sample clients only go "
                "into an empty database. Use --db with a new file."
            )
        case StorageError():
            return {
                StorageProblem.FULL: "The disk is full; nothing was changed. Free some space.",
                StorageProblem.READ_ONLY: "The database cannot be written (read-only file, "
                "folder or window); nothing was changed.",
                StorageProblem.BUSY: "Another program holds the database locked; nothing "
                "was changed. Try again.",
                StorageProblem.DAMAGED: "The database file is damaged; nothing was changed. "
                "Restore it from a backup.",
            }.get(exc.problem, f"The database failed ({exc.detail}); nothing was changed.")
        case ValidationError():
            return f"Invalid {exc.field}: {exc.problem.value.replace('_', ' ')} ({exc.value!r})."
    return f"Error: {exc}"
