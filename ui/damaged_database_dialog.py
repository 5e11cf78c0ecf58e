"""At start-up, when the database is damaged (it has already been moved aside, unchanged)
or missing while backups of it exist: restore the newest backup that passes SQLite's
integrity check, start with an empty database, or quit. The restore runs the command
line in a separate process, as every long job does.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
)

from models.errors import Damage
from ui import messages
from ui.job_dialog import JobDialog
from ui.restore_dialog import when


class Choice(Enum):
    RESTORED = "restored"  # the backup is in place
    EMPTY = "empty"  # start with a new, empty database
    QUIT = "quit"


class DamagedDatabaseDialog(JobDialog):
    def __init__(
        self,
        database: Path,
        *,
        damage: Damage | None,
        kept_aside: Path | None,
        backup: Path | None,
        taken: dt.datetime | None,
        parent: Any = None,
    ) -> None:
        """`damage` None: the file is missing (and backups of it exist)."""
        super().__init__(database, parent)
        self._choice = Choice.QUIT
        self._backup = backup
        self.setWindowTitle(self.tr("Rapport: your database"))
        self.setMinimumWidth(460)
        if damage is None:
            heading = self.tr("Your Rapport database is missing")
            text = self.tr("There is no database at {path}, but Rapport kept backups of it.")
        else:
            heading = self.tr("Your Rapport database is damaged")
            text = self.tr(
                "Rapport cannot use {path}: {damage}.\n\nThe damaged file was kept, unchanged, "
                "as {kept}. Nothing was deleted."
            )
        text = text.format(
            path=database,
            damage=messages.damage(damage) if damage else "",
            kept=kept_aside,
        )
        if backup is not None and taken is not None:
            text += "\n\n" + self.tr(
                "The newest backup that passes SQLite's integrity check is from {when}."
            ).format(when=when(taken))
        else:
            text += "\n\n" + self.tr("No backup of it passes SQLite's integrity check.")
        self.heading = QLabel(heading)
        self.heading.setObjectName("sectionTitle")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if backup is not None and taken is not None:
            self.restore_button = self.buttons.addButton(
                self.tr("Restore backup from {when}").format(when=when(taken)),
                QDialogButtonBox.ButtonRole.AcceptRole,
            )
            self.restore_button.clicked.connect(self._on_restore_clicked)
        self.empty_button = self.buttons.addButton(
            self.tr("Start with an empty database"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.quit_button = self.buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        layout = QVBoxLayout(self)
        # As big as its wrapped text needs, no smaller: shrunk, a dialog clips wrapped labels.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)
        if self.restore_button is not None:
            self.restore_button.setDefault(True)  # once in the dialog, or it does not hold

        self.empty_button.clicked.connect(self._on_empty_clicked)
        self.quit_button.clicked.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)

    @property
    def choice(self) -> Choice:
        return self._choice

    @classmethod
    def ask(cls, database: Path, **facts: Any) -> Choice:
        """Show the dialog and wait (there is no window yet); what the person chose."""
        dialog = cls(database, **facts)
        dialog.exec()
        return dialog.choice

    def reject(self) -> None:
        # The restore is safe to stop (Stop), but not to walk away from: its end decides.
        if not self.job.running():
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.buttons():
            button.setEnabled(not busy)

    @Slot()
    def _on_restore_clicked(self) -> None:
        if self._backup is None or self.job.running():
            return
        self.result.setVisible(False)
        self._set_busy(True)
        self.job.start(["restore", str(self._backup)])

    @Slot()
    def _on_empty_clicked(self) -> None:
        self._choice = Choice.EMPTY
        self.done(QDialog.DialogCode.Accepted)

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        self._set_busy(False)
        if ok:
            self._choice = Choice.RESTORED
            self.done(QDialog.DialogCode.Accepted)
            return
        self.say(error or self.tr("Stopped: nothing was restored."), error=bool(error))
