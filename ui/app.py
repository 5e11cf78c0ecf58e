"""Starting the window: the application object, the database (read-only when another
window holds it; a damaged or lost one offers its newest good backup), the backup of the
day, and a clean exit that removes deleted clients for good."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from models import db
from models.errors import CorruptDatabaseError, RapportError
from ui import messages, resources

log = logging.getLogger(__name__)

# What waits for the first paint and the first page's load (zero-delay timers can run
# before the paint): the Clients page is built, and the backup of the day starts.
AFTER_START_MS = 700


def _report_bug(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """A bug, not a refusal (those are typed and worded where they happen): keep the
    traceback on stderr and tell the person, rather than let PySide print it unseen."""
    traceback.print_exception(kind, error, trace)
    QMessageBox.critical(
        None,
        QApplication.translate("app", "Rapport hit a bug"),
        QApplication.translate(
            "app",
            "Something went wrong: {error}\n\nWhat you were doing may not have been saved; "
            "everything saved before is safe. Please report this, with what you did.",
        ).format(error=error),
    )


def run_app(db_path: str | None) -> int:
    # SQLite checks the file (issue 8) on the other core while the window's modules load
    # (main.py starts it sooner still); open_database waits for the verdict, as before,
    # before anything is written or shown.
    db.check_ahead(db_path)
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    sys.excepthook = _report_bug
    app.setApplicationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    app.setDesktopFileName("rapport")
    app.setWindowIcon(resources.icon("rapport"))
    app.setStyleSheet(resources.stylesheet())
    opened = open_for_window(db_path)
    if opened is None:
        return 1
    if not opened.read_only:
        # Clients deleted in an earlier session can no longer be undone: removed for good
        # once the window has painted (it reads every client: 35 ms at 100k), and at quit.
        started = dt.datetime.now(dt.UTC)
        QTimer.singleShot(AFTER_START_MS, lambda: purge_bin(before=started))
        app.aboutToQuit.connect(purge_bin)
    app.aboutToQuit.connect(db.close_database)
    window = MainWindow(opened)
    window.show()
    # The Clients page, built then, opens at once when first asked for; the backup runs
    # in a separate process.
    QTimer.singleShot(AFTER_START_MS, window, window.prepare_clients_page)
    QTimer.singleShot(AFTER_START_MS, window.backups, window.backups.back_up_if_due)
    return app.exec()


def purge_bin(before: dt.datetime | None = None) -> None:
    """Housekeeping nobody asked for: when it cannot be done (the database busy, the disk
    full), the deleted clients wait for the next start; no message interrupts the person."""
    from models import clients  # after the first paint: the card modules (~25 ms)

    try:
        clients.purge_deleted(before=before)
    except RapportError as exc:
        log.warning("deleted clients kept until the next start: %s", messages.describe(exc))


def open_for_window(db_path: str | None) -> db.OpenedDatabase | None:
    """The database for the window, read-only when another window holds it. When it is
    damaged (already moved aside by models/db.py), or missing while backups of it exist,
    the person chooses: restore the newest good backup, start empty, or quit. None when
    they quit or it cannot be opened (a message said why)."""
    target = db.resolve_path(db_path)
    try:
        if not target.exists():
            from models import backup  # a lost database: rare

            good = backup.newest_good(target)
            if good is not None and not _ask(
                target, damage=None, kept_aside=None, backup=good.path, taken=good.taken
            ):
                return None
        try:
            return db.open_database(db_path, read_only_if_busy=True)
        except CorruptDatabaseError as exc:
            facts = {"damage": exc.damage, "kept_aside": exc.kept_aside}
            if not _ask(target, **facts, backup=exc.backup, taken=exc.backup_taken):
                return None
            return db.open_database(db_path, read_only_if_busy=True)
    except RapportError as exc:
        title = QApplication.translate("app", "Rapport cannot start")
        QMessageBox.critical(None, title, messages.describe(exc))
        return None


def _ask(target: Path, **facts: Any) -> bool:
    """Whether to go on. The lock is held while the person decides and a restore runs,
    so that no other Rapport opens the file meanwhile."""
    from ui.damaged_database_dialog import Choice, DamagedDatabaseDialog  # rarely needed

    db.lock_database(target)
    try:
        return DamagedDatabaseDialog.ask(target, **facts) != Choice.QUIT
    finally:
        db.close_database()
