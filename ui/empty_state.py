"""What a first start shows instead of an empty list: what Rapport is for and the two ways
to begin."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Signals:
    add_requested(): "Add a client".
    sample_requested(): "Load sample clients".
    """

    add_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Remember what matters to your best clients"))
        title.setObjectName("emptyTitle")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Each client gets a card: their favourite drink and dessert, their family's "
                "birthdays, their wedding anniversary, their dreams, and the promises you made "
                "them. Rapport keeps it all on this computer and reminds you in time."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setObjectName("emptyText")
        self.add_button = QPushButton(self.tr("Add a client"))
        self.add_button.setDefault(True)
        self.sample_button = QPushButton(self.tr("Load sample clients"))
        self.sample_button.setToolTip(
            self.tr("About 40 made-up clients to try Rapport with; delete them any time.")
        )
        self.add_button.clicked.connect(self.add_requested)
        self.sample_button.clicked.connect(self.sample_requested)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addStretch(3)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        self.sample_button.setEnabled(not read_only)
