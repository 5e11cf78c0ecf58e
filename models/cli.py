"""The command-line actions behind `python main.py COMMAND` (main.py parses and dispatches).
Output is for people and scripts alike: one line per item, tab-separated, or JSON."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

# The modules of one command only are imported by it (a format's reader and writer, the
# backup, courtship, briefs, demo), and those whose errors describe_error words only then:
# an import of vCards starts about 0.1 s sooner than with every command's modules.
from models import client_list, clients, importing
from models.cards import MAX_LEAD_DAYS
from models.errors import (
    BackupError,
    BackupProblem,
    CorruptDatabaseError,
    Damage,
    DatabaseInUseError,
    DatabaseOpenError,
    ForeignDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    Problem,
    RapportError,
    StorageError,
    StorageProblem,
    ValidationError,
)
from models.interop import contact
from models.timezones import local_zone_name
from models.vocab import DateKind, EventKind, EventStatus, Gesture

if TYPE_CHECKING:
    from models import contacts_import, ics_import
    from models.briefs import MeetingBrief
    from models.occurrences import CalendarItem, Occurrence

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
    """Key dates and planned events (not cancelled ones), one per line or as JSON."""
    from models import occurrences
    from models.events import EventOccurrence

    end = start + dt.timedelta(days=days - 1)
    items = [
        item
        for item in occurrences.between(start, end, local_zone_name())
        if not (isinstance(item, EventOccurrence) and item.status == EventStatus.CANCELLED)
    ]
    rows = [_row(item, start) for item in items]
    if as_json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for row in rows:
        out.write(f"{row['date']}\t{row['kind']}\t{row['person']}\t{row['title']}\n")


GESTURE_TITLES = {
    Gesture.KEEP_IN_TOUCH: "keep in touch",
    Gesture.CHECK_IN_CALL: "check-in call",
    Gesture.THANK_YOU_MEAL: "thank-you meal",
    Gesture.OUTING: "outing",
    Gesture.GIFT: "gift",
    Gesture.DISCOUNT: "great-customer discount",
    Gesture.PERSONAL_NOTE: "personal note",
}


def due(today: dt.date, *, as_json: bool, out: TextIO) -> None:
    """Gestures and promises overdue or due within two weeks, by date: the date due, the
    client, what, and the days overdue (negative: due in that many days)."""
    from models import courtship

    lines = courtship.due_lines(today)
    if as_json:
        rows = [
            {
                "date": line.due.isoformat(),
                "client": line.client_name,
                "client_id": line.client_id,
                "what": GESTURE_TITLES[Gesture(line.gesture)] if line.gesture else line.what,
                "gesture": line.gesture or None,
                "promise_id": line.promise_id,
                "days_overdue": line.days_overdue,
            }
            for line in lines
        ]
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for line in lines:
        what = GESTURE_TITLES[Gesture(line.gesture)] if line.gesture else f"promise: {line.what}"
        name, what = (" ".join(text.split()) for text in (line.client_name, what))
        out.write(f"{line.due.isoformat()}\t{name}\t{what}\t{line.days_overdue}\n")


def _row(item: CalendarItem, start: dt.date) -> dict[str, object]:
    from models.events import EventOccurrence

    if isinstance(item, EventOccurrence):
        title = item.title if item.all_day else f"{item.title}, {item.start:%H:%M}"
        return {
            "date": max(item.date, start).isoformat(),
            "kind": f"event:{item.kind}",
            "person": item.attendees,
            "title": title,
            "start": item.start.isoformat(timespec="minutes"),
            "end": item.end.isoformat(timespec="minutes"),
            "all_day": item.all_day,
            "status": item.status,
            "location": item.location,
            "event_id": item.event_id,
            "uid": item.uid,
        }
    return {
        "date": item.date.isoformat(),
        "kind": item.kind,
        "person": occurrence_person(item),
        "title": occurrence_title(item),
        "years": item.years,
        "client": item.client_name,
        "client_id": item.client_id,
        "relative": item.relative_name or None,
        "uid": item.uid,
    }


def export_ics(
    target: Path,
    *,
    start: dt.date,
    end: dt.date | None,
    kinds: frozenset[str] | None,
    prepare_days: int,
    tiers: frozenset[str] | None = None,
    client_ids: frozenset[int] | None = None,
    reveal_preferences: bool,
    split: bool,
    progress: bool,
    out: TextIO,
    processes: int = 1,
) -> None:
    """Write the calendar; with `progress`, a "progress DONE TOTAL" line now and then (the
    window reads them from this command, run in a separate process). `processes`: see
    ics_export.export."""
    from models import exporting, ics_export

    date_kinds = event_kinds = None
    if kinds is not None:
        unknown = {k for k in kinds if k.removeprefix("event:") not in _KNOWN_KINDS}
        if unknown:
            raise ValidationError("kinds", Problem.UNKNOWN_VALUE, ", ".join(sorted(unknown)))
        date_kinds = frozenset(k for k in kinds if not k.startswith("event:"))
        event_kinds = frozenset(k.removeprefix("event:") for k in kinds if k.startswith("event:"))
    if not 0 <= prepare_days <= MAX_LEAD_DAYS:
        raise ValidationError("prepare_days", Problem.OUT_OF_RANGE, prepare_days)
    tier_ids = None
    if tiers is not None:
        # A tier by its name ("A") or its label ("Key clients"), in any case.
        known = {n.casefold(): t.id for t in clients.tiers() for n in (t.name, t.label) if n}
        if unknown := {name for name in tiers if name.casefold() not in known}:
            raise ValidationError("tiers", Problem.UNKNOWN_VALUE, ", ".join(sorted(unknown)))
        tier_ids = frozenset(known[name.casefold()] for name in tiers)
    options = ics_export.ExportOptions(
        events_from=start,
        events_to=end or start + dt.timedelta(days=365),
        zone=local_zone_name(),
        date_kinds=date_kinds,
        event_kinds=event_kinds,
        tier_ids=tier_ids,
        client_ids=client_ids,
        prepare_days=prepare_days,
        reveal_preferences=reveal_preferences,
    )
    report = _reporter(out) if progress else None
    stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    parts = ics_export.export(options, stamp, progress=report, processes=processes)
    try:
        files = exporting.write_files(
            target, parts, max_bytes=ics_export.GOOGLE_LIMIT if split else None
        )
    except OSError as exc:  # a full disk, a read-only folder: one line, not a traceback
        raise CannotWriteError(target, exc.strerror or str(exc)) from None
    for path in files:
        size = path.stat().st_size
        out.write(f"Wrote {path} ({size / 1_000_000:.2f} MB).\n")
        if size > ics_export.GOOGLE_LIMIT:
            out.write(
                "  Over 1 MB: Google Calendar refuses files this large. Use --split to write "
                "several smaller files.\n"
            )


def export_contacts(
    target: Path,
    kind: str,
    *,
    clients_wanted: list[str] | None,
    version: str = "3.0",
    progress: bool,
    out: TextIO,
) -> None:
    """Write clients as vCard ("vcf"), Google CSV ("csv") or Rapport JSON ("json")."""
    from models import contacts_export, exporting

    client_ids = contacts_export.find_clients(clients_wanted) if clients_wanted else None
    report = _reporter(out) if progress else None
    if kind == "vcf":
        parts = contacts_export.vcards(client_ids, version, report)
    elif kind == "csv":
        parts = contacts_export.google_csv(client_ids, report)
    else:
        parts = contacts_export.rapport_json(client_ids)
    try:
        [path] = exporting.write_files(target, parts)
    except OSError as exc:  # a full disk, a read-only folder: one line, not a traceback
        raise CannotWriteError(target, exc.strerror or str(exc)) from None
    count = len(client_ids) if client_ids is not None else client_list.client_count()
    out.write(f"Wrote {path} ({_count(count, 'client')}, {path.stat().st_size / 1e6:.2f} MB).\n")


def _reporter(out: TextIO) -> Callable[[int, int], None]:
    """Writes "progress DONE TOTAL" lines, at most ten a second, for the window (which
    runs a long command in a separate process and reads its output)."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 0.1 or done == total:
            last[0] = now
            out.write(f"progress {done} {total}\n")
            out.flush()

    return report


def import_files(
    sources: list[Path],
    options: importing.Options,
    *,
    dry_run: bool,
    preview_json: bool,
    choices: Path | None,
    progress: bool,
    out: TextIO,
) -> None:
    """Import calendars, contacts and Rapport JSON, each file recognised from its content.
    Every file is read and previewed before any is written: one bad file imports none.
    `preview_json` prints the preview for the window, and `choices` applies what the
    person chose in it (both for one file)."""
    report = _reporter(out) if progress else None
    try:
        loaded = [importing.load(source, options, report) for source in sources]
    except RapportError as exc:
        if preview_json:
            out.write(importing.error_json(exc) + "\n")
        raise
    if preview_json:
        out.write(importing.preview_json(loaded[0]) + "\n")
        return
    try:
        chosen = choices.read_text("utf-8") if choices else None
    except OSError:
        raise ValidationError("choices", Problem.UNKNOWN_VALUE, str(choices)) from None
    for one in loaded:
        if len(loaded) > 1:
            out.write(f"{one.source.name}:\n")
        if not chosen:
            _describe(one, options, out)
        if dry_run:
            continue
        try:
            result = importing.apply(one, chosen)
        except (ValueError, KeyError, TypeError):
            raise ValidationError("choices", Problem.UNKNOWN_VALUE, str(choices)) from None
        out.write(_said(one, result) + "\n")
    if dry_run:
        out.write("Nothing was changed (--dry-run).\n")


def _describe(one: importing.Loaded, options: importing.Options, out: TextIO) -> None:
    if importing.is_calendar(one):
        _describe_preview(one.preview, options.start, options.end, out)
    elif importing.is_contacts(one):
        _describe_contacts(one.preview, out)
    else:
        from models import json_io

        found = json_io.preview(one.preview)
        out.write(
            f"{_count(len(found.new_clients), 'new client')}, "
            f"{_count(len(found.known_clients), 'client')} already here (left as they are), "
            f"{_count(found.new_events, 'new event')}.\n"
        )


def _said(one: importing.Loaded, result: Any) -> str:
    """What an import wrote: its format's Result (a JSON import's, its preview)."""
    if importing.is_calendar(one):
        return (
            f"Imported {_count(result.events_added, 'new event')}, "
            f"{_count(result.events_updated, 'updated event')}, "
            f"{_count(result.dates_added, 'date')}"
            + (f" and {_count(result.clients_added, 'new client')}"
               if result.clients_added else "")
            + "."
        )  # fmt: skip
    if importing.is_contacts(one):
        return (
            f"Imported {_count(result.created, 'new client')}, merged "
            f"{_count(result.merged, 'contact')} into clients, skipped {result.skipped}."
        )
    return (
        f"Imported {_count(len(result.new_clients), 'new client')} and "
        f"{_count(result.new_events, 'event')}."
    )


def _describe_contacts(found: contacts_import.Preview, out: TextIO) -> None:
    from models.contacts_import import Choice

    for row, item in enumerate(found.items):
        contact = item.contact
        if item.match is None:
            out.write(f"new\t{contact.name}\n")
            continue
        why = {"uid": "same UID", "email": "same email", "phone": "same phone",
               "name": "same name"}[item.match.reason]  # fmt: skip
        where = "earlier in the file" if item.match.client_id is None else "here"
        if item.choice is Choice.CREATE:
            out.write(
                f"new\t{contact.name}\tkept apart from {item.match.name} ({why}, {where};"
                " nothing else in common)\n"
            )
            continue
        effect = found.merge_effect(row)
        adds = f"\tadds {', '.join(effect.adds)}" if effect.adds else "\tadds nothing"
        out.write(f"merge\t{contact.name}\tinto {item.match.name} ({why}, {where}){adds}\n")
    if found.skipped_empty:
        out.write(f"{_count(found.skipped_empty, 'empty record')} left out.\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _describe_preview(found: ics_import.Preview, start: dt.date, end: dt.date, out: TextIO) -> None:
    from models.ics_import import Status

    words = {
        Status.NEW: "new",
        Status.CHANGED: "changed in the file: updated",
        Status.SAME: "already here",
        Status.UNMATCHED: "no client by that name: left out (choose one in the window)",
        Status.CONFLICT: "the card has another date ({existing}): left out",
        Status.OWN: "your own birthday: left out",
        Status.INVALID: "cannot be imported ({problem}): left out",
    }
    for item in found.events:
        when = item.event.start.date().isoformat() if item.event.all_day else (
            f"{item.event.start:%Y-%m-%d %H:%M} {item.event.zone}".rstrip()
        )  # fmt: skip
        status = words[item.status].format(problem=item.problem, existing="")
        guests = ", ".join(p.name for p in item.attendees)
        out.write(
            f"event\t{when}\t{item.event.title}\t{status}"
            + (f"\twith {guests}" if guests else "")
            + "\n"
        )
    for date in found.dates:
        day = f"{date.date.year or '-'}-{date.date.month:02d}-{date.date.day:02d}"
        status = words[date.status].format(
            problem=date.problem.replace("_", " "), existing=date.existing
        )
        whose = f"\t{date.person.name}" if date.person else ""
        out.write(f"date\t{day}\t{date.date.title}\t{status}{whose}\n")
    if found.outside:
        out.write(
            f"{_count(found.outside, 'event')} outside {start} to {end} left out "
            "(--from and --to choose the days).\n"
        )


_KNOWN_KINDS = {k.value for k in DateKind} | {k.value for k in EventKind}


def fill_demo(today: dt.date, out: TextIO) -> None:
    if count := client_list.client_count():
        raise DemoRefusedError(count)
    from models import demo

    created = demo.load_sample(today)
    out.write(f"Added {created} sample clients.\n")


def take_backup(database: Path, target: Path | None, *, progress: bool, out: TextIO) -> None:
    """Copy the database, checked, to `target`; without one, an automatic backup into the
    backups folder beside it (which keeps the newest N)."""
    from models import backup

    report = _reporter(out) if progress else None
    if target is None:
        path = backup.take(database, progress=report).path
    else:
        path = backup.back_up(database, target, progress=report)
    size = path.stat().st_size / 1_000_000
    out.write(f"Backed up {database} to {path} ({size:.1f} MB, integrity checked).\n")


def restore_backup(database: Path, source: Path, *, progress: bool, out: TextIO) -> None:
    """Replace the database with `source` (the caller holds the database's lock)."""
    from models import backup

    done = backup.restore(source, database, progress=_reporter(out) if progress else None)
    out.write(f"Restored {done.database} from {done.source}.\n")
    if done.previous_damaged:
        out.write(f"The damaged database was kept aside, as it was, in {done.previous}.\n")
    elif done.previous:
        out.write(f"What it held before is backed up in {done.previous}.\n")


class DemoRefusedError(RapportError):
    """The sample clients go only into an empty database, never among real ones."""

    def __init__(self, existing: int) -> None:
        super().__init__(existing)
        self.existing = existing


def brief(
    wanted: str,
    today: dt.date,
    target: Path,
    render: Callable[[MeetingBrief], bytes],
    out: TextIO,
) -> None:
    """Write the pre-meeting brief of one client (a name or an id) to `target`. `render`
    draws it: main.py passes Qt's PDF writer, which models/ may not import."""
    from models import briefs, contacts_export, exporting

    [client_id] = contacts_export.find_clients([wanted])
    made = briefs.meeting_brief(client_id, today)
    try:
        [path] = exporting.write_files(target, (b"", iter([render(made)]), b""))
    except OSError as exc:
        raise CannotWriteError(target, exc.strerror or str(exc)) from None
    out.write(f"Wrote {path} (the brief of {made.name}, {path.stat().st_size / 1000:.0f} kB).\n")


class CannotWriteError(RapportError):
    """The file cannot be written there (no such folder, no permission, disk full)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


def describe_error(exc: RapportError) -> str:
    """One line a person can act on."""
    # The modules these errors belong to, only now (see the imports above).
    from models import contacts_export, exporting, json_io
    from models.interop import ics_read

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
        case CorruptDatabaseError():
            said = (
                f"{exc.path} is damaged: {_DAMAGE[exc.damage]}. It was moved aside, unchanged, "
                f"to {exc.kept_aside}."
            )
            if exc.backup is None or exc.backup_taken is None:
                return said + (
                    " No backup of it passes SQLite's integrity check; the next start creates "
                    "a new, empty database."
                )
            taken = f"{exc.backup_taken.astimezone():%Y-%m-%d %H:%M}"
            return said + (
                f" Restore the newest good backup, of {taken}, with: "
                f"rapport --db {_quoted(exc.path)} restore {_quoted(exc.backup)}"
            )
        case NotADatabaseError():
            return f"{exc.path} is not a Rapport database (or it is damaged); it was not changed."
        case DatabaseOpenError():
            return f"Cannot open {exc.path}: {exc.detail}."
        case CannotWriteError():
            return f"Cannot write {exc.path}: {exc.reason}. Nothing was written."
        case DemoRefusedError():
            return (
                f"The database already holds {exc.existing} clients; sample clients only go "
                "into an empty database. Use --db with a new file."
            )
        case BackupError():
            return {
                BackupProblem.SOURCE_DAMAGED: f"{exc.path} is damaged ({exc.detail}); "
                "nothing was changed.",
                BackupProblem.COPY_FAILED_CHECK: "The copy failed SQLite's integrity check "
                f"({exc.detail}), so it was deleted, not kept as a backup: the database itself "
                "may be damaged. Earlier backups are untouched.",
                BackupProblem.CANNOT_READ: f"Cannot read {exc.path}: {exc.detail}; nothing "
                "was changed.",
                BackupProblem.CANNOT_WRITE: f"Cannot write {exc.path}: {exc.detail}; nothing "
                "was changed.",
                BackupProblem.SAME_FILE: f"{exc.path} is the database itself; choose a backup.",
            }[exc.problem]
        case StorageError():
            return {
                StorageProblem.FULL: "The disk is full; nothing was changed. Free some space.",
                StorageProblem.READ_ONLY: "The database cannot be written (read-only file, "
                "folder or window); nothing was changed.",
                StorageProblem.BUSY: "Another program holds the database locked; nothing "
                "was changed. Try again.",
                StorageProblem.DAMAGED: "The database file is damaged; nothing was changed. "
                "Restore it from a backup.",
                StorageProblem.IO: f"The disk failed to read or write the database "
                f"({exc.detail}): is it full, or removed? Nothing was changed.",
            }.get(exc.problem, f"The database failed ({exc.detail}); nothing was changed.")
        case ics_read.UnreadableCalendarError():
            return _calendar_refusals()[exc.reason].format(
                source=exc.source, detail=exc.detail, line=exc.line or "?",
                limit=importing.MAX_BYTES // 1_000_000,
            ) + " Nothing was imported."  # fmt: skip
        case contact.UnreadableContactsError():
            where = f" (line {exc.line})" if exc.line else (
                f" (record {exc.record})" if exc.record else "")  # fmt: skip
            return _CONTACTS[exc.reason].format(
                source=exc.source, detail=exc.detail, where=where
            ) + " Nothing was imported."  # fmt: skip
        case contacts_export.UnknownClientError():
            if exc.ids:
                return (
                    f"Several clients are called {exc.wanted!r} (ids "
                    f"{', '.join(map(str, exc.ids))}): give the id instead."
                )
            return f"No client is called {exc.wanted!r} (or has that id)."
        case json_io.UnreadableJsonError():
            return f"{exc.source} cannot be imported: {exc.detail}. Nothing was imported."
        case exporting.NothingToExportError():
            return (
                "Nothing matches these options: no file was written (an empty calendar is refused)."
            )
        case ValidationError():
            return f"Invalid {exc.field}: {exc.problem.value.replace('_', ' ')} ({exc.value!r})."
    return f"Error: {exc}"


_DAMAGE = {
    Damage.EMPTY: "the file is empty",
    Damage.OVERWRITTEN: "its beginning is no longer a database's (overwritten or damaged)",
    Damage.TRUNCATED: "it is shorter than it should be (cut off)",
    Damage.MALFORMED: "SQLite's check finds damage inside",
}


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() or c in "'\"&;|<>()$`" for c in text) else text


@cache
def _calendar_refusals() -> dict[str, str]:
    from models.interop.ics_read import Unreadable

    return {
        Unreadable.EMPTY: "{source} is empty.",
        Unreadable.BINARY: "{source} is not a text file, so it is not a calendar (.ics).",
        Unreadable.VCARD: "{source} holds contacts (vCard), not a calendar: import it as contacts.",
        Unreadable.NOT_ICALENDAR: "{source} is not an iCalendar file (it does not start "
        "with BEGIN:VCALENDAR).",
        Unreadable.TRUNCATED: "{source} ends early ({detail} is never closed): it was "
        "probably cut off while downloading or copying. Export it again.",
        Unreadable.DAMAGED: "{source} is damaged (line {line}: {detail}).",
        Unreadable.NO_EVENTS: "{source} holds no events.",
        Unreadable.TOO_LARGE: "{source} is larger than {limit} MB; export a shorter "
        "period and import the files one by one.",
        Unreadable.CANNOT_OPEN: "Cannot read {source}: {detail}.",
    }


_CONTACTS = {
    contact.Unreadable.EMPTY: "{source} is empty.",
    contact.Unreadable.BINARY: "{source} is not a text file (a picture or a program's data?), "
    "so it holds no contacts.",
    contact.Unreadable.ENCODING: "{source} is not in UTF-8{where}: Rapport does not guess "
    "what it is. Export it again as UTF-8, or say its encoding with --encoding (e.g. cp1252).",
    contact.Unreadable.UNKNOWN_FORMAT: "{source} is none of the files Rapport imports: "
    "calendars (.ics), contacts (vCard, Google or Outlook CSV) or Rapport's JSON.",
    contact.Unreadable.TOO_LARGE: "{source} is larger than {detail} MB; split it and import "
    "the parts one by one.",
    contact.Unreadable.PROPERTY_TOO_LARGE: "{source} holds one value over 5 MB{where} "
    "(a huge photo?).",
    contact.Unreadable.TRUNCATED: "{source} ends in the middle of a contact{where}: it was "
    "probably cut off while copying. Export it again.",
    contact.Unreadable.MALFORMED: "{source} has a contact that cannot be read{where}: {detail}.",
    contact.Unreadable.DELIMITER: "{source} is separated by semicolons or tabs, not commas: "
    'export it again as "Comma Separated Values".',
    contact.Unreadable.HEADER_ONLY: "{source} has column names but no contacts.",
    contact.Unreadable.UNBALANCED_QUOTES: "{source} has a quote that is never closed{where}.",
    contact.Unreadable.NO_CONTACTS: "{source} holds no contacts (only empty records).",
    contact.Unreadable.AMBIGUOUS_DATES: "{source} writes dates such as {detail} that could be "
    "day/month or month/day. Say which with --day-first or --month-first.",
    contact.Unreadable.CANNOT_OPEN: "Cannot read {source}: {detail}.",
}
