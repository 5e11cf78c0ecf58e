"""What the export and import dialogs share: a line that says how the job went, the job's
progress bar with Stop, and closing the dialog stopping the job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel

from ui.job_panel import JobPanel


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class JobDialog(QDialog):
    def __init__(self, database: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        self.job = JobPanel(database, self)

    def say(self, text: str, *, error: bool = False) -> None:
        self.result.setObjectName("problem" if error else "")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)
        self.result.setVisible(True)

    def reject(self) -> None:
        self.job.cancel()  # stopped before it ends, a job writes nothing
        super().reject()
