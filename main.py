"""Rapport: `python main.py [--db PATH] [COMMAND]`. Without a command, the window opens.

Parses the command line, opens the database (migrating it) and hands over to the window or
to a command of models/cli.py. Qt is imported only for the window.
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from models import db, runtime
from models.errors import RapportError

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from models.briefs import MeetingBrief


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-01-31") from None


def _day_count(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= 3660:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 1 to 3660")
    return days


def _encoding(text: str) -> str:
    try:
        return codecs.lookup(text).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an encoding Python knows") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Remember what matters to your key clients. No command opens the window.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${db.ENV_VAR}, else {db.default_path()})",
    )
    # Set by the window for the jobs it runs in a separate process: it holds the database's
    # lock for them (models/db.py).
    parser.add_argument("--window-job", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="fill an empty database with about 40 sample clients")
    upcoming = commands.add_parser("upcoming", help="list the key dates in a range of days")
    upcoming.add_argument(
        "--from", dest="start", type=_iso_date, help="first day, YYYY-MM-DD (default: today)"
    )
    upcoming.add_argument("--days", type=_day_count, default=30, help="how many days (default: 30)")
    upcoming.add_argument("--json", action="store_true", help="print a JSON list")
    due = commands.add_parser(
        "due",
        help="list the gestures and promises overdue or due within 14 days",
        description="One line per gesture or promise: the date it is due, the client, what, "
        "and the days overdue (negative: due in that many days).",
    )
    due.add_argument("--today", type=_iso_date, help="count from this day (default: today)")
    due.add_argument("--json", action="store_true", help="print a JSON list")
    brief = commands.add_parser(
        "brief",
        help="write a client's one-page pre-meeting brief as a PDF",
        description="Photo, tastes, family with ages, the dates of the next 60 days, the last "
        "contacts, open promises, tastes to re-confirm and dreams, on one page.",
    )
    brief.add_argument("client", metavar="NAME_OR_ID", help="the client, by name or id")
    brief.add_argument("--pdf", type=Path, required=True, metavar="OUT", help="the PDF to write")
    brief.add_argument("--today", type=_iso_date, help="as of this day (default: today)")
    export = commands.add_parser(
        "export-ics", help="write the calendar as an .ics file for Outlook or Google"
    )
    export.add_argument("out", metavar="OUT", help="the .ics file to write")
    export.add_argument("--from", dest="start", type=_iso_date, help="events from (default: today)")
    export.add_argument("--to", dest="end", type=_iso_date, help="events to (default: a year on)")
    export.add_argument(
        "--kinds",
        type=lambda text: frozenset(k.strip() for k in text.split(",") if k.strip()),
        help="only these, comma-separated: birthday, wedding_anniversary, "
        "business_anniversary, name_day, custom, event:thank_you_meal, event:outing...",
    )
    export.add_argument(
        "--tier",
        dest="tiers",
        action="append",
        metavar="NAME",
        help="only clients of this tier, by name or label (repeat for several)",
    )
    export.add_argument(
        "--client",
        dest="clients",
        action="append",
        type=int,
        metavar="ID",
        help="only this client (its id, as upcoming --json prints it; repeat for several)",
    )
    export.add_argument(
        "--prepare-days",
        type=int,
        default=0,
        metavar="N",
        help='add an all-day "prepare" day N days before each date and event',
    )
    export.add_argument(
        "--reveal-preferences",
        action="store_true",
        help="put tastes (drinks, desserts, allergies, gift ideas) in descriptions",
    )
    export.add_argument(
        "--split", action="store_true", help="write files of at most 1 MB (Google's import limit)"
    )
    export.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    for name, what in (
        ("export-vcf", "write clients as vCard (.vcf) for phones, Apple, Google, Outlook"),
        ("export-csv", "write clients as CSV with Google Contacts' columns"),
        ("export-json", "write all Rapport holds (or all about one client) as JSON"),
    ):
        contacts = commands.add_parser(name, help=what)
        contacts.add_argument("out", type=Path, metavar="OUT", help="the file to write")
        contacts.add_argument(
            "--client",
            dest="clients",
            action="append",
            metavar="NAME_OR_ID",
            help="only this client (repeat for several; default: all)",
        )
        if name == "export-vcf":
            contacts.add_argument(
                "--version", choices=("3.0", "4.0"), default="3.0",
                help="vCard 3.0 (read everywhere; the default) or 4.0",
            )  # fmt: skip
        contacts.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    imports = commands.add_parser(
        "import",
        help="add calendars (.ics), contacts (vCard, Google or Outlook CSV) or a Rapport "
        "JSON file; the format is recognised from the content",
    )
    imports.add_argument("sources", nargs="+", type=Path, metavar="FILE")
    imports.add_argument(
        "--from", dest="start", type=_iso_date, help="calendar events from (default: a year ago)"
    )
    imports.add_argument(
        "--to", dest="end", type=_iso_date, help="calendar events before (default: in two years)"
    )
    order = imports.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first", dest="day_first", action="store_const", const=True,
        help="CSV dates like 9/8/2012 are day/month",
    )  # fmt: skip
    order.add_argument(
        "--month-first", dest="day_first", action="store_const", const=False,
        help="CSV dates like 9/8/2012 are month/day",
    )  # fmt: skip
    imports.add_argument(
        "--encoding",
        type=_encoding,
        help="the text encoding of a CSV that is not UTF-8 (e.g. cp1252)",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="say what would be imported, change nothing"
    )
    imports.add_argument("--preview-json", action="store_true", help=argparse.SUPPRESS)
    imports.add_argument("--choices", type=Path, help=argparse.SUPPRESS)
    imports.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    backup = commands.add_parser(
        "backup",
        help="copy the database, checked, to OUT (without OUT: into the backups folder "
        "beside it, which keeps the newest ones)",
    )
    backup.add_argument("out", nargs="?", type=Path, metavar="OUT", help="the copy to write")
    backup.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup (what it holds now is backed up first)",
    )
    restore.add_argument("source", type=Path, metavar="IN", help="the backup to restore")
    restore.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    return parser


_qt_app: QGuiApplication | None = None


def _brief_pdf(brief: MeetingBrief) -> bytes:
    """Qt draws the PDF: on a machine without a display (a server, ssh), offscreen. Only
    now, once the client is found, so that a mistyped name costs no Qt start-up."""
    global _qt_app
    windowed = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not windowed and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.brief_document import pdf_bytes

    if QGuiApplication.instance() is None:
        _qt_app = QGuiApplication(["rapport"])
    return pdf_bytes(brief)


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    runtime.tune_garbage_collector()
    today = dt.date.today()
    if args.command is not None:
        # Only for a command: they import the interchange modules, which the window's
        # start-up does not wait for (0.3-0.7 s; "Speed by design" in DESIGN.md).
        from models import cli, forked, importing
    try:
        match args.command:
            case None:
                # SQLite checks the file on the other core while Qt and the window load.
                db.check_ahead(args.db)
                from ui.app import run_app

                return run_app(args.db)
            case "demo":
                db.open_database(args.db)
                cli.fill_demo(today, sys.stdout)
            case "upcoming":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                cli.upcoming(args.start or today, args.days, as_json=args.json, out=sys.stdout)
            case "due":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                cli.due(args.today or today, as_json=args.json, out=sys.stdout)
            case "brief":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                cli.brief(args.client, args.today or today, args.pdf, _brief_pdf, sys.stdout)
            case "export-ics":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                db.reading_once()
                cli.export_ics(
                    Path(args.out),
                    start=args.start or today,
                    end=args.end,
                    kinds=args.kinds,
                    tiers=frozenset(args.tiers) if args.tiers else None,
                    client_ids=frozenset(args.clients) if args.clients else None,
                    prepare_days=args.prepare_days,
                    reveal_preferences=args.reveal_preferences,
                    split=args.split,
                    progress=args.progress,
                    out=sys.stdout,
                    processes=forked.processes(),
                )
            case "export-vcf" | "export-csv" | "export-json":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                db.reading_once()
                cli.export_contacts(
                    args.out,
                    args.command.removeprefix("export-"),
                    clients_wanted=args.clients,
                    version=getattr(args, "version", "3.0"),
                    progress=args.progress,
                    out=sys.stdout,
                )
            case "backup":
                # A backup only reads, through SQLite's own snapshot: no lock, and a window
                # may go on writing meanwhile.
                cli.take_backup(
                    db.resolve_path(args.db), args.out, progress=args.progress, out=sys.stdout
                )
            case "restore":
                # The window that runs a restore holds the lock, its connection closed.
                target = db.resolve_path(args.db) if args.window_job else db.lock_database(args.db)
                cli.restore_backup(target, args.source, progress=args.progress, out=sys.stdout)
            case "import":
                read_only = args.dry_run or args.preview_json
                db.open_database(
                    args.db, read_only=read_only, create=False, lock=not args.window_job
                )
                options = importing.Options(
                    start=args.start or today - dt.timedelta(days=365),
                    end=args.end or today + dt.timedelta(days=2 * 365),
                    day_first=args.day_first,
                    encoding=args.encoding,
                    processes=forked.processes(),
                )
                with runtime.collector_paused():
                    cli.import_files(
                        args.sources,
                        options,
                        dry_run=args.dry_run,
                        preview_json=args.preview_json,
                        choices=args.choices,
                        progress=args.progress,
                        out=sys.stdout,
                    )
    except RapportError as exc:
        from models import cli

        print(f"rapport: {cli.describe_error(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`upcoming | head`): not an error, and nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        db.close_database()
    return 0


def end_command(status: int) -> NoReturn:
    """A command's process ends without Python's teardown of every module and object it
    made (40 ms after importing one card, 80 ms after 10k: as long as some commands' whole
    work). By now its files are written and closed and its database is closed; the exit
    handlers still run, and the standard streams are flushed."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # The reader went away (`due | head`): as in run, not an error.
        with contextlib.suppress(BrokenPipeError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    arguments = build_parser().parse_args()
    status = run(arguments)
    if arguments.command is not None:
        end_command(status)
    sys.exit(status)
