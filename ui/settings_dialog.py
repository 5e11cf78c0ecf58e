"""Preferences: app-wide options that travel with the database file."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from models.vocab import Feb29Rule


class SettingsDialog(QDialog):
    def __init__(self, feb29_rule: Feb29Rule, dashboard_days: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._feb29 = QComboBox()
        self._feb29.addItem(self.tr("On February 28"), Feb29Rule.FEB_28)
        self._feb29.addItem(self.tr("On March 1"), Feb29Rule.MAR_1)
        self._feb29.setCurrentIndex(self._feb29.findData(feb29_rule))
        explain = QLabel(
            self.tr(
                "Applies to the calendar, the lists and every export, so that all of them "
                "show a leap-day birthday on the same day."
            )
        )
        explain.setObjectName("hint")
        explain.setWordWrap(True)
        self._days = QSpinBox()
        self._days.setRange(1, 90)
        self._days.setValue(dashboard_days)
        self._days.setSuffix(self.tr(" days"))
        form = QFormLayout()
        form.addRow(self.tr("February 29 dates, in other years"), self._feb29)
        form.addRow(explain)
        form.addRow(self.tr("“This week” looks ahead"), self._days)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def feb29_rule(self) -> Feb29Rule:
        return Feb29Rule(self._feb29.currentData())

    @property
    def dashboard_days(self) -> int:
        return self._days.value()
