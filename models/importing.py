"""One way in for every file Rapport imports: calendars (.ics), contacts (vCard, Google
or Outlook CSV) and Rapport's own JSON. The format is recognised from the content, never
the name; each file is read and previewed whole before anything is written, and each is
written in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from models.errors import RapportError
from models.interop import contact

# Each format's module is imported by the file that needs it: a vCard import does not wait
# for the calendar's and the JSON's modules (about 50 ms at every command's start).

# The largest file read at all; each format has its own, smaller limit where it needs one
# (contacts 10 MB). A calendar of years of a busy Outlook account is well under this.
MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Options:
    start: dt.date  # calendar events from
    end: dt.date  # to (exclusive)
    day_first: bool | None = None  # contacts CSV dates, when the file cannot tell
    encoding: str | None = None  # contacts CSV not in UTF-8, as the person says
    processes: int = 1  # to read a large vCard file with (forked.processes)


@dataclass
class Loaded:
    source: Path
    format: contact.Format
    preview: Any  # ics_import.Preview, contacts_import.Preview or a JSON document


def load(source: Path, options: Options, progress: Callable[[int, int], None] | None) -> Loaded:
    """Read and preview one file. Raises a RapportError naming the file (`source`)."""
    try:
        try:
            if source.stat().st_size > MAX_BYTES:
                raise contact.UnreadableContactsError(
                    contact.Unreadable.TOO_LARGE, str(MAX_BYTES // 1_000_000)
                )
            data = source.read_bytes()
        except OSError as exc:
            raise contact.UnreadableContactsError(
                contact.Unreadable.CANNOT_OPEN, exc.strerror or str(exc)
            ) from None
        kind = contact.detect(data)
        if kind is contact.Format.ICALENDAR:
            from models import ics_import

            found: Any = ics_import.preview(data, options.start, options.end, progress=progress)
        elif kind is contact.Format.RAPPORT_JSON:
            from models import json_io

            found = json_io.read(data)
            # Every check now, like the other formats: a bad record refuses the file here,
            # named, before any file of the command is written.
            json_io.preview(found)
        else:
            from models import contacts_import

            kind, read = contacts_import.read(
                data,
                day_first=options.day_first,
                encoding=options.encoding,
                progress=progress,
                processes=options.processes,
            )
            found = contacts_import.preview(kind, read)
    except RapportError as exc:
        if hasattr(exc, "source"):
            exc.source = source.name  # type: ignore[attr-defined]
        raise
    return Loaded(source, kind, found)


def is_calendar(loaded: Loaded) -> bool:
    return loaded.format is contact.Format.ICALENDAR


def is_contacts(loaded: Loaded) -> bool:
    return loaded.format in (contact.Format.VCARD, contact.Format.GOOGLE_CSV,
                             contact.Format.OUTLOOK_CSV)  # fmt: skip


class Kind(StrEnum):
    """What the window shows a preview with."""

    CALENDAR = "calendar"
    CONTACTS = "contacts"
    RAPPORT_JSON = "rapport_json"


def kind_of(loaded: Loaded) -> Kind:
    if is_calendar(loaded):
        return Kind.CALENDAR
    return Kind.CONTACTS if is_contacts(loaded) else Kind.RAPPORT_JSON


def preview_json(loaded: Loaded) -> str:
    """The preview for the window: {"kind": ..., "preview": ...}; the window reads the
    preview back with the module that wrote it."""
    if is_calendar(loaded):
        from models import ics_import

        inner = ics_import.preview_to_json(loaded.preview)
    elif is_contacts(loaded):
        from models import contacts_import

        inner = contacts_import.preview_to_json(loaded.preview)
    else:
        from models import json_io

        inner = json.dumps(asdict(json_io.preview(loaded.preview)), ensure_ascii=False)
    return f'{{"kind": "{kind_of(loaded).value}", "preview": {inner}}}'


def error_json(error: RapportError) -> str:
    """A refusal the window can act on (ask for the date order, or the encoding)."""
    reason = getattr(error, "reason", "")
    return json.dumps({"error": str(reason), "detail": getattr(error, "detail", "")})


def parse_preview(line: str) -> tuple[Kind, str]:
    """(the kind, the preview's own JSON) from a preview_json line."""
    raw = json.loads(line)
    return Kind(raw["kind"]), json.dumps(raw["preview"], ensure_ascii=False)


def apply(loaded: Loaded, choices: str | None) -> Any:
    """Write it; `choices` (JSON from the window) says what the person chose."""
    if is_calendar(loaded):
        from models import ics_import

        chosen = ics_import.choices_from_json(choices) if choices else None
        return ics_import.apply(loaded.preview, chosen)
    if is_contacts(loaded):
        from models import contacts_import

        picked = contacts_import.choices_from_json(choices) if choices else None
        return contacts_import.apply(loaded.preview, picked)
    from models import json_io

    return json_io.apply(loaded.preview)
