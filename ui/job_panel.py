"""A long job's progress bar and Cancel button, for the dialogs that run one (export,
import). The job runs in a separate process (JobRunner); the window stays responsive."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ui.job_runner import JobRunner


class JobPanel(QWidget):
    """Signals:
    finished(bool, str, str): whether the job succeeded, its output, its error line.
    cancelled(): the person stopped it.
    """

    finished = Signal(bool, str, str)
    cancelled = Signal()

    def __init__(self, database: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.runner = JobRunner(database, self)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setToolTip(self.tr("Stop now: nothing is written"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.setVisible(False)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

    def start(self, command: Sequence[str]) -> None:
        self.bar.setRange(0, 0)  # busy until the job says how much there is
        self.setVisible(True)
        self.runner.start(command)

    def running(self) -> bool:
        return self.runner.running()

    def cancel(self) -> None:
        if self.runner.running():
            self.runner.cancel()
            self.cancelled.emit()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    @Slot(bool, str, str)
    def _on_finished(self, ok: bool, output: str, error: str) -> None:
        self.setVisible(False)
        self.finished.emit(ok, output, error)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel()
