"""Backups and restores from the window, and the start-up dialog for a damaged or lost
database. The jobs run for real: the command line in a separate process."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QMessageBox

from models import backup, client_list, clients, db
from models.errors import Damage, MissingDatabaseError
from ui import app, files, messages
from ui.damaged_database_dialog import Choice, DamagedDatabaseDialog
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog, size, when

JOB_TIMEOUT = 60_000
NOON = dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC)


def ended(running: bool) -> bool:
    """A backup's running_changed that says it is over."""
    return not running


def names_in(path: Path) -> list[str]:
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        return [row[0] for row in con.execute("SELECT name FROM client ORDER BY name")]


def integrity(path: Path) -> str:
    with sqlite3.connect(db.read_only_uri(path), uri=True) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions()]


def test_the_file_menu_backs_up_and_restores(window: MainWindow) -> None:
    texts = file_menu_texts(window)
    assert texts.index("&Back up now…") + 1 == texts.index("&Restore from backup…")
    assert window.backup_action.isEnabled() and window.restore_action.isEnabled()


def test_a_read_only_window_backs_up_but_does_not_restore(read_only_window: MainWindow) -> None:
    assert read_only_window.backup_action.isEnabled()
    assert not read_only_window.restore_action.isEnabled()
    read_only_window.backups.back_up_if_due()  # the window that writes does that
    assert not read_only_window.backups.running()


def test_back_up_now_writes_the_chosen_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    clients.create_client("Anna Roy")
    target = tmp_path / "copies" / "mine"
    target.parent.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *args: target)
    with qtbot.waitSignal(
        window.backups.running_changed, timeout=JOB_TIMEOUT, check_params_cb=ended
    ):
        window.backup_action.trigger()
        assert not window.backup_action.isEnabled()  # one backup at a time
    written = target.with_name("mine.db")
    assert names_in(written) == ["Anna Roy"]
    assert integrity(written) == "ok"
    assert str(written) in window.statusBar().currentMessage()
    assert window.backup_action.isEnabled()


def test_the_backup_of_the_day_is_taken_once(
    window: MainWindow, database: db.OpenedDatabase, qtbot
) -> None:
    assert window.backups.job is None  # made for the first backup, after the first paint
    with qtbot.waitSignal(
        window.backups.running_changed, timeout=JOB_TIMEOUT, check_params_cb=ended
    ):
        window.backups.back_up_if_due()
    [made] = backup.list_backups(database.path)
    assert made.taken.astimezone().date() == dt.date.today()
    assert "Today's backup" in window.statusBar().currentMessage()
    window.backups.back_up_if_due()
    assert not window.backups.running()


def test_a_backup_that_fails_its_check_is_reported_and_not_kept(
    window: MainWindow, database: db.OpenedDatabase, qtbot
) -> None:
    path = database.path
    clients.create_client("Anna Roy")
    with sqlite3.connect(path) as con:  # index damage, which only integrity_check sees
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_master SET sql = sql || ' WHERE 0' WHERE name = 'client_uid'")
    with qtbot.waitSignal(
        window.backups.running_changed, timeout=JOB_TIMEOUT, check_params_cb=ended
    ):
        window.backups.back_up_if_due()
    [box] = window.findChildren(QMessageBox)
    assert box.isVisible() and "integrity check" in box.text()
    assert list(backup.folder(path).iterdir()) == []
    box.close()


# -- The restore dialog ------------------------------------------------------------------


def test_the_restore_dialog_lists_backups_newest_first_with_date_and_size(
    qtbot, tmp_path: Path
) -> None:
    backups = [
        backup.Backup(tmp_path / f"{n}.db", NOON - dt.timedelta(days=n), 5, 1_500_000 * (n + 1))
        for n in range(3)
    ]
    dialog = RestoreDialog(tmp_path / "rapport.db", backups)
    qtbot.addWidget(dialog)
    rows = [
        (dialog.list.topLevelItem(n).text(0), dialog.list.topLevelItem(n).text(1))
        for n in range(dialog.list.topLevelItemCount())
    ]
    assert rows == [(when(b.taken), size(b.size)) for b in backups]
    assert "2027" in rows[0][0] and rows[0][1] != rows[1][1]
    assert dialog.chosen == backups[0].path
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()
    assert not dialog.empty.isVisibleTo(dialog)


def test_with_no_backups_the_dialog_says_so_and_offers_another_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = RestoreDialog(tmp_path / "rapport.db", [])
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    other = tmp_path / "from a USB stick.db"
    other.write_bytes(b"x" * 2048)
    monkeypatch.setattr(files, "ask_open_path", lambda *args: other)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == other
    assert dialog.list.topLevelItem(0).text(0) == other.name
    assert dialog.restore_button.isEnabled()


def restore_dialog_of(window: MainWindow) -> RestoreDialog:
    window.restore_action.trigger()
    [dialog] = window.findChildren(RestoreDialog)
    return dialog


def test_restoring_in_the_window_replaces_the_data_and_reopens_it(
    window: MainWindow, database: db.OpenedDatabase, qtbot
) -> None:
    path = database.path
    clients.create_client("Kept in the backup")
    backup.take(path, now=NOON)
    window.clients_page.load_sample()
    window.undo_stack.push(QUndoCommand("an edit of the database about to be replaced"))
    dialog = restore_dialog_of(window)
    assert dialog.chosen == backup.list_backups(path)[0].path
    with (
        qtbot.waitSignal(dialog.restore_finished, timeout=JOB_TIMEOUT) as finished,
        qtbot.waitSignal(window.hub.changed, timeout=JOB_TIMEOUT),
    ):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert not dialog.restore_button.isEnabled() and dialog.job.running()
    assert finished.args == [True]
    assert "Restored" in dialog.result.text()
    assert window.undo_stack.count() == 0
    assert [c.name for c in client_list.list_clients(dt.date.today())] == ["Kept in the backup"]
    assert len(backup.list_backups(path)) == 2  # what the window held, backed up first
    assert dialog.list.topLevelItemCount() == 2  # and listed, to go back to it
    clients.create_client("Written after the restore")  # the database is open, for writing
    assert names_in(path) == ["Kept in the backup", "Written after the restore"]
    assert db._lock is not None  # held throughout: no other Rapport could open it meanwhile


def test_a_refused_restore_leaves_the_window_on_its_own_data(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    clients.create_client("Still here")
    notes = tmp_path / "notes.db"
    notes.write_text("not a database at all")
    monkeypatch.setattr(files, "ask_open_path", lambda *args: notes)
    dialog = restore_dialog_of(window)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.restore_finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False]
    assert "is not a Rapport database" in dialog.result.text()
    assert dialog.result.objectName() == "problem"
    assert [c.name for c in client_list.list_clients(dt.date.today())] == ["Still here"]


def test_the_restore_dialog_cannot_be_closed_halfway(
    window: MainWindow, database: db.OpenedDatabase, qtbot
) -> None:
    backup.take(database.path, now=NOON)
    dialog = restore_dialog_of(window)
    with qtbot.waitSignal(dialog.restore_finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        assert dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_database_that_cannot_be_reopened_closes_the_window_with_a_reason(
    window: MainWindow, database: db.OpenedDatabase, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    backup.take(database.path, now=NOON)

    def gone(path: object) -> db.OpenedDatabase:
        raise MissingDatabaseError(database.path)

    monkeypatch.setattr(db, "reopen_database", gone)
    dialog = restore_dialog_of(window)
    with qtbot.waitSignal(dialog.restore_finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert str(database.path) in box.text() and "Start Rapport again" in box.text()
    box.done(0)
    assert not window.isVisible()


# -- The start-up dialog -----------------------------------------------------------------


@pytest.fixture
def filled(db_path: Path) -> Path:
    db.open_database(db_path)
    clients.create_client("Élodie Marchand")
    db.close_database()
    return db_path


def damaged_dialog(qtbot, database: Path, **facts: object) -> DamagedDatabaseDialog:
    dialog = DamagedDatabaseDialog(database, **facts)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("damage", list(Damage))
def test_the_damaged_database_dialog_says_what_and_where_in_plain_words(
    qtbot, tmp_path: Path, damage: Damage
) -> None:
    database, kept = tmp_path / "rapport.db", tmp_path / "rapport.corrupt-20270315T120000Z.db"
    dialog = damaged_dialog(
        qtbot, database, damage=damage, kept_aside=kept, backup=tmp_path / "b.db", taken=NOON
    )
    text = dialog.message.text()
    assert f"Rapport cannot use {database}: {messages.damage(damage)}." in text
    assert f"kept, unchanged, as {kept}. Nothing was deleted." in text
    assert f"passes SQLite's integrity check is from {when(NOON)}" in text
    assert dialog.restore_button is not None and dialog.restore_button.isDefault()
    assert {b.text() for b in dialog.buttons.buttons()} == {
        f"Restore backup from {when(NOON)}",
        "Start with an empty database",
        "Quit",
    }


def test_without_a_good_backup_there_is_nothing_to_restore(qtbot, tmp_path: Path) -> None:
    dialog = damaged_dialog(
        qtbot,
        tmp_path / "rapport.db",
        damage=Damage.OVERWRITTEN,
        kept_aside=tmp_path / "aside.db",
        backup=None,
        taken=None,
    )
    assert dialog.restore_button is None
    assert "No backup of it passes" in dialog.message.text()
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert (QDialog.result(dialog), dialog.choice) == (QDialog.DialogCode.Accepted, Choice.EMPTY)


def test_quit_changes_nothing(qtbot, tmp_path: Path) -> None:
    dialog = damaged_dialog(
        qtbot, tmp_path / "rapport.db", damage=None, kept_aside=None, backup=None, taken=None
    )
    assert "There is no database at" in dialog.message.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert (QDialog.result(dialog), dialog.choice) == (QDialog.DialogCode.Rejected, Choice.QUIT)


def test_restore_from_the_start_up_dialog_puts_the_backup_in_place(qtbot, filled: Path) -> None:
    made = backup.take(filled, now=NOON)
    filled.write_bytes(filled.read_bytes()[:4096])
    kept = backup.keep_aside(filled)
    dialog = damaged_dialog(
        qtbot, filled, damage=Damage.TRUNCATED, kept_aside=kept, backup=made.path, taken=NOON
    )
    assert dialog.restore_button is not None
    with qtbot.waitSignal(dialog.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert (QDialog.result(dialog), dialog.choice) == (QDialog.DialogCode.Accepted, Choice.RESTORED)
    assert names_in(filled) == ["Élodie Marchand"]


# -- Opening the database for the window (ui/app.py) ------------------------------------


class Asked:
    """Stands in for the start-up dialog: records what it was shown and answers `answer`
    (restoring the offered backup, as the dialog's job does, for RESTORED)."""

    def __init__(self) -> None:
        self.shown: list[dict[str, object]] = []
        self.answer = Choice.QUIT

    def __call__(self, database: Path, **facts: object) -> Choice:
        self.shown.append({"database": database, **facts})
        if self.answer == Choice.RESTORED:
            backup.restore(facts["backup"], database)  # type: ignore[arg-type]
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    fake = Asked()
    monkeypatch.setattr(
        DamagedDatabaseDialog, "ask", lambda database, **facts: fake(database, **facts)
    )
    return fake


def test_a_damaged_database_at_start_offers_its_backup_and_can_start_empty(
    filled: Path, asked: Asked
) -> None:
    made = backup.take(filled, now=NOON)
    filled.write_bytes(filled.read_bytes()[:4096])
    asked.answer = Choice.EMPTY
    opened = app.open_for_window(str(filled))
    try:
        assert opened is not None and not opened.read_only
        assert client_list.client_count() == 0  # a new, empty database
    finally:
        db.close_database()
    [shown] = asked.shown
    assert shown["damage"] == Damage.TRUNCATED and shown["backup"] == made.path
    kept = shown["kept_aside"]
    assert isinstance(kept, Path) and kept.exists() and kept.stat().st_size == 4096


def test_a_damaged_database_at_start_restored(filled: Path, asked: Asked) -> None:
    backup.take(filled, now=NOON)
    filled.write_bytes(b"\x00" * 8192)
    asked.answer = Choice.RESTORED
    opened = app.open_for_window(str(filled))
    try:
        assert opened is not None
        assert [c.name for c in client_list.list_clients(dt.date.today())] == ["Élodie Marchand"]
    finally:
        db.close_database()


def test_quitting_at_the_damaged_database_opens_nothing(filled: Path, asked: Asked) -> None:
    backup.take(filled, now=NOON)
    filled.write_bytes(b"")
    assert app.open_for_window(str(filled)) is None
    assert not filled.exists()  # kept aside; the next start asks again, about a lost file
    assert asked.shown[0]["damage"] == Damage.EMPTY
    assert app.open_for_window(str(filled)) is None
    assert asked.shown[1]["damage"] is None and asked.shown[1]["kept_aside"] is None
    db.lock_database(filled)  # the lock was released
    db.close_database()


def test_a_missing_database_with_backups_asks_before_starting_empty(
    filled: Path, asked: Asked
) -> None:
    made = backup.take(filled, now=NOON)
    filled.unlink()
    asked.answer = Choice.RESTORED
    opened = app.open_for_window(str(filled))
    db.close_database()
    assert opened is not None
    assert asked.shown == [
        {"database": filled, "damage": None, "kept_aside": None, "backup": made.path,
         "taken": made.taken}
    ]  # fmt: skip
    assert names_in(filled) == ["Élodie Marchand"]


def test_a_new_database_asks_nothing(db_path: Path, asked: Asked) -> None:
    opened = app.open_for_window(str(db_path))
    db.close_database()
    assert opened is not None and asked.shown == []


def test_a_file_that_cannot_be_opened_is_explained(
    tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
    picture = tmp_path / "holiday.db"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    assert app.open_for_window(str(picture)) is None
    assert asked.shown == [] and len(said) == 1 and "is not a Rapport file" in said[0]
    assert picture.exists()


def test_the_bin_waits_for_the_next_start_when_the_database_is_busy(
    filled: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db.open_database(filled)
    try:
        clients.delete_client(clients.names()[0][0])
        db.database.execute_sql("PRAGMA busy_timeout = 50")
        with sqlite3.connect(filled) as other:
            other.execute("BEGIN EXCLUSIVE")
            app.purge_bin()  # neither raises nor shows a box
            other.rollback()
        assert "deleted clients kept until the next start" in caplog.text
        assert clients.purge_deleted() == 1  # still there to purge
    finally:
        db.close_database()
