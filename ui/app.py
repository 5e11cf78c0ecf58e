"""Starting the window: the application object, the database (read-only when another
window holds it), and a clean exit that removes deleted clients for good."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from models import clients, db
from models.errors import RapportError
from ui import messages, resources
from ui.main_window import MainWindow


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
    app = QApplication.instance() or QApplication(sys.argv)
    sys.excepthook = _report_bug
    app.setApplicationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    app.setDesktopFileName("rapport")
    app.setWindowIcon(resources.icon("rapport"))
    app.setStyleSheet(resources.stylesheet())
    try:
        opened = db.open_database(db_path, read_only_if_busy=True)
    except RapportError as exc:
        QMessageBox.critical(None, app.tr("Rapport cannot start"), messages.describe(exc))
        return 1
    if not opened.read_only:
        # Clients deleted in an earlier session can no longer be undone: remove them for good.
        clients.purge_deleted()
        app.aboutToQuit.connect(clients.purge_deleted)
    app.aboutToQuit.connect(db.close_database)
    window = MainWindow(opened)
    window.show()
    return app.exec()
