"""Backups from the window: the one of the day at start-up, "Back up now…" and "Restore
from backup…". Each runs the command line in a separate process (a backup of 10k clients
takes seconds, mostly SQLite's integrity check); this widget sits in the status bar and
shows its progress, with Stop.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSizePolicy, QWidget

from models import db
from models.db import OpenedDatabase
from models.errors import RapportError
from ui import messages

if TYPE_CHECKING:
    from ui.job_panel import JobPanel


class BackupStatus(QWidget):
    """Signals:
    status_message(str): how a backup went, for the status bar.
    running_changed(bool): a backup started or ended (one at a time).
    database_replaced(object): a restore replaced the file and it is open again (the new
        OpenedDatabase): whatever was read from the old one is stale, and Undo with it.
    database_lost(str): after a restore the database could not be opened again (why).
    """

    status_message = Signal(str)
    running_changed = Signal(bool)
    database_replaced = Signal(object)
    database_lost = Signal(str)

    def __init__(self, opened: OpenedDatabase, parent: Any = None) -> None:
        super().__init__(parent)
        self._opened = opened
        self._target: Path | None = None  # where "Back up now" writes; None: the daily one
        self.label = QLabel(self.tr("Backing up…"))
        self.label.setVisible(False)
        # Made for the first backup (after the window's first paint, like its modules).
        self.job: JobPanel | None = None
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.label)
        self.running_changed.connect(self.label.setVisible)

    def running(self) -> bool:
        return self.job is not None and self.job.running()

    def back_up_if_due(self) -> None:
        """The backup of the day, on the first start of a day (read-only windows leave it to
        the window that writes)."""
        from models import backup  # after the first paint (ui.app)

        if self._opened.read_only or self.running() or not backup.due(self._opened.path):
            return
        self._start(None)

    def back_up_now(self) -> None:
        """Ask where, then copy the database there."""
        from ui import files

        if self.running():
            return
        stamp = dt.date.today().isoformat()
        target = files.ask_save_path(
            self.window(),
            self.tr("Back up now"),
            f"{self._opened.path.stem}-backup-{stamp}.db",
            self.tr("Rapport databases (*.db)"),
        )
        if target is None:
            return
        if not target.suffix:
            target = target.with_name(f"{target.name}.db")
        self._start(target)

    def restore(self) -> None:
        """The restore dialog; the window's connection is closed while the file is replaced."""
        from models import backup
        from ui.restore_dialog import RestoreDialog  # only when asked for

        dialog = RestoreDialog(self._opened.path, backup.list_backups(self._opened.path), self)
        dialog.restore_starting.connect(self._on_restore_starting)
        dialog.restore_finished.connect(self._on_restore_finished)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def stop(self) -> None:
        """Stop a running backup now (the window is closing): it leaves no backup, and the
        next start takes the day's backup again."""
        if self.job is not None and self.job.running():
            self.job.cancel()
            self.job.runner.wait()

    def _start(self, target: Path | None) -> None:
        self._target = target
        if self.job is None:
            from ui.job_panel import JobPanel

            self.job = JobPanel(self._opened.path, self)
            self.job.bar.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 8)
            # No percentage: most of the time goes to the integrity check, which cannot say.
            self.job.bar.setTextVisible(False)
            self.job.cancel_button.setToolTip(self.tr("Stop the backup: nothing is kept"))
            self.job.finished.connect(self._on_job_finished)
            self._row.addWidget(self.job)
        self.job.start(["backup"] if target is None else ["backup", str(target)])
        self.running_changed.emit(True)

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        self.running_changed.emit(False)
        if ok:
            if self._target is None:
                self.status_message.emit(self.tr("Today's backup is taken and checked."))
            else:
                self.status_message.emit(
                    self.tr("Backed up to {path} and checked.").format(path=self._target)
                )
        elif error:
            # A failed backup is news (a damaged database, a full disk): not a passing line.
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Backup failed"),
                self.tr("Rapport could not back up your data.\n\n{error}").format(error=error),
                QMessageBox.StandardButton.Ok,
                self.window(),
            )
            box.finished.connect(box.deleteLater)
            box.open()

    @Slot()
    def _on_restore_starting(self) -> None:
        self.stop()
        # Keep the lock: no other Rapport may open the file while it is replaced.
        db.close_database(keep_lock=True)

    @Slot(bool)
    def _on_restore_finished(self, restored: bool) -> None:
        try:
            self._opened = db.reopen_database(self._opened.path)
        except RapportError as exc:
            self.database_lost.emit(messages.describe(exc))
            return
        if restored:
            self.database_replaced.emit(self._opened)
