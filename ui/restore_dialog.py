"""Restore from a backup: the automatic backups, newest first, with their date and size,
or any other file. Runs the command line's `restore` in a separate process (checking a
large database takes seconds); what Rapport holds now is backed up first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSize, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from models import backup
from models.backup import Backup
from ui import files, labels
from ui.job_dialog import JobDialog

_PATH = Qt.ItemDataRole.UserRole


def when(taken: dt.datetime, *, seconds: bool = False) -> str:
    """A backup's time, in the computer's zone: "27 Nov 2026, 18:34" (with the seconds when
    two backups share a minute: a restore backs up what it replaces)."""
    local = taken.astimezone()
    time = QTime(local.hour, local.minute, local.second)
    clock = (
        QLocale().toString(time, "HH:mm:ss")
        if seconds
        else QLocale().toString(time, QLocale.FormatType.ShortFormat)
    )
    return f"{labels.date(local.date())}, {clock}"


def size(count: int) -> str:
    return QLocale().formattedDataSize(count)


class RestoreDialog(JobDialog):
    """Signals:
    restore_starting(): the file is about to be replaced: close the connection to it now.
    restore_finished(bool): the job ended (True: restored); open the database again.
    """

    restore_starting = Signal()
    restore_finished = Signal(bool)

    def __init__(self, database: Path, backups: list[Backup], parent: Any = None) -> None:
        super().__init__(database, parent)
        self._database = database
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(
            self.tr(
                "Restoring replaces everything in Rapport with the backup you choose. What "
                "Rapport holds now is backed up first, so you can come back to it."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Size")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # On the list, not the dialog: a dialog's own minimum size stops its layout from
        # making room for the wrapped text above.
        self.list.setMinimumSize(self.fontMetrics().horizontalAdvance("M") * 30,
                                 self.fontMetrics().height() * 8)  # fmt: skip
        # Layouts size a wrapped label for one line: at its narrowest, it needs this much.
        intro.setMinimumHeight(intro.heightForWidth(self.list.minimumWidth()))
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._show(backups)
        self.empty = QLabel(
            self.tr("No automatic backup yet: Rapport takes one on the first start of each day.")
        )
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setVisible(not backups)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.other_button = self.buttons.addButton(
            self.tr("Other file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = self.buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.result)
        layout.addWidget(self.job)
        layout.addWidget(self.buttons)
        self.restore_button.setDefault(True)  # once in the dialog, or it does not hold
        if backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_buttons()
        self.resize(self.sizeHint().expandedTo(QSize(560, 380)))

        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(self._on_restore_clicked)
        self.other_button.clicked.connect(self._on_other_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.buttons.rejected.connect(self.reject)
        self.job.finished.connect(self._on_job_finished)

    @property
    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(0, _PATH)) if item is not None and item.isSelected() else None

    def _show(self, backups: list[Backup]) -> None:
        self.list.clear()
        minutes = [when(one.taken) for one in backups]
        for one, minute in zip(backups, minutes, strict=True):
            shared = minutes.count(minute) > 1
            item = QTreeWidgetItem([when(one.taken, seconds=shared), size(one.size)])
            item.setData(0, _PATH, str(one.path))
            item.setToolTip(0, str(one.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)

    def reject(self) -> None:
        # Stopping halfway is safe (the file is replaced in one rename at the end), but
        # the window must hear how the job ended to reopen its database: Stop says so.
        if not self.job.running():
            super().reject()

    @Slot()
    def _update_buttons(self) -> None:
        idle = not self.job.running()
        self.restore_button.setEnabled(idle and self.chosen is not None)
        self.other_button.setEnabled(idle)
        self.list.setEnabled(idle)

    @Slot()
    def _on_other_clicked(self) -> None:
        path = files.ask_open_path(
            self,
            self.tr("Restore from another file"),
            self.tr("Rapport databases (*.db);;All files (*)"),
        )
        if path is None:
            return
        try:
            count = path.stat().st_size
        except OSError:
            count = 0
        item = QTreeWidgetItem([path.name, size(count)])
        item.setData(0, _PATH, str(path))
        item.setToolTip(0, str(path))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.list.insertTopLevelItem(0, item)
        self.list.setCurrentItem(item)
        self.empty.setVisible(False)

    @Slot()
    def _on_restore_clicked(self) -> None:
        source = self.chosen
        if source is None or self.job.running():
            return
        self.result.setVisible(False)
        self.restore_starting.emit()
        self.job.start(["restore", str(source)])
        self._update_buttons()

    @Slot(bool, str, str)
    def _on_job_finished(self, ok: bool, output: str, error: str) -> None:
        self._update_buttons()
        if ok:
            self.say(output or self.tr("Restored."))
            self._show(backup.list_backups(self._database))  # with what was there before
            self.restore_button.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        elif error:
            self.say(error, error=True)
        else:
            self.say(self.tr("Stopped: nothing was changed."))
        self.restore_finished.emit(ok)
