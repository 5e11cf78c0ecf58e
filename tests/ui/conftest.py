from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from models import db
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_dialog_left_open(qapp) -> Iterator[None]:
    """A dialog a window opened without waiting for it (an event, Preferences) outlives
    the window until the event loop deletes them both: the next test would find it."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


@pytest.fixture
def window(database: db.OpenedDatabase, qtbot) -> Iterator[MainWindow]:
    win = MainWindow(database)
    qtbot.addWidget(win)
    win.show()
    yield win


@pytest.fixture
def sample_window(window: MainWindow) -> MainWindow:
    window.clients_page.load_sample()
    return window


@pytest.fixture
def read_only_window(db_path: Path, qtbot) -> Iterator[MainWindow]:
    """A second window on a database that another process holds for writing."""
    from models import clients
    from models.cards import ContactPointData

    db.open_database(db_path)
    clients.create_client(
        "Held Elsewhere", contact_points=(ContactPointData("email", "held@example.com"),)
    )
    held, db._lock = db._lock, None  # keep the writer's lock as another process would
    opened = db.open_database(db_path, read_only_if_busy=True)
    win = MainWindow(opened)
    qtbot.addWidget(win)
    win.show()
    yield win
    db.close_database()
    db._lock = held
    db._release_lock()
