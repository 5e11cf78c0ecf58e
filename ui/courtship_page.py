"""The Courtship page: who is due for attention (the overdue list), the plan (tiers and how
often each gesture is due: the client service matrix), and the appreciation ledger (who
received what, against the budgets). Each tab is its own widget; this page only holds them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.changes import ChangeHub
from ui.due_view import DueView
from ui.ledger_view import LedgerView
from ui.plan_editor import PlanEditor


class CourtshipPage(QWidget):
    def __init__(self, hub: ChangeHub, *, read_only: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.due = DueView(hub, read_only=read_only)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.plan = PlanEditor(hub, read_only=read_only)
        self.tabs.addTab(self.due, self.tr("Due and overdue"))
        self.ledger = LedgerView(hub)
        self.tabs.addTab(self.plan, self.tr("Plan"))
        self.tabs.addTab(self.ledger, self.tr("Appreciation"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)

    def show_due(self) -> None:
        self.tabs.setCurrentWidget(self.due)
