"""Rapport: `python main.py [--db PATH] [COMMAND]`. Without a command, the window opens.

Parses the command line, opens the database (migrating it) and hands over to the window or
to a command of models/cli.py. Qt is imported only for the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

from models import cli, db
from models.errors import RapportError


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="fill an empty database with about 40 sample clients")
    upcoming = commands.add_parser("upcoming", help="list the key dates in a range of days")
    upcoming.add_argument(
        "--from", dest="start", type=_iso_date, help="first day, YYYY-MM-DD (default: today)"
    )
    upcoming.add_argument("--days", type=_day_count, default=30, help="how many days (default: 30)")
    upcoming.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    today = dt.date.today()
    try:
        match args.command:
            case None:
                from ui.app import run_app

                return run_app(args.db)
            case "demo":
                db.open_database(args.db)
                cli.fill_demo(today, sys.stdout)
            case "upcoming":
                db.open_database(args.db, read_only_if_busy=True, create=False)
                cli.upcoming(args.start or today, args.days, as_json=args.json, out=sys.stdout)
    except RapportError as exc:
        print(f"rapport: {cli.describe_error(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`upcoming | head`): not an error, and nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        db.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
