"""Choosing who attends: type part of a name (accents and case do not matter), pick from
the matches, see and remove the chosen guests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import search
from models.events import Attendee, AttendeeChoice
from ui import labels

MATCHES_SHOWN = 8


class AttendeePicker(QWidget):
    """Signals:
    changed(): a guest was added or removed.
    """

    changed = Signal()

    def __init__(self, choices: Sequence[AttendeeChoice], parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._folded = [
            search.fold(f"{c.name} {c.client_name if c.relative_id else ''}") for c in choices
        ]
        self._by_key = {(c.client_id, c.relative_id): c for c in choices}
        self._matches: list[AttendeeChoice] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Add a guest: type a client's or relative's name"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self._results_model = QStringListModel(self)
        self.results = QListView()
        self.results.setModel(self._results_model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setMaximumHeight(self.fontMetrics().height() * (MATCHES_SHOWN + 1))
        self.results.hide()
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 6)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setEnabled(False)

        row = QHBoxLayout()
        row.addWidget(self.chosen, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addLayout(row)

        self.search.textEdited.connect(self._on_search_edited)
        self.search.returnPressed.connect(self._on_return_pressed)
        self.results.activated.connect(self._on_result_activated)
        self.results.clicked.connect(self._on_result_activated)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.chosen.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.chosen.selectedItems()))
        )

    # -- API -----------------------------------------------------------------------------

    def attendees(self) -> tuple[Attendee, ...]:
        return tuple(
            Attendee(*self.chosen.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.chosen.count())
        )

    def set_attendees(self, attendees: Sequence[Attendee]) -> None:
        self.chosen.clear()
        for attendee in attendees:
            choice = self._by_key.get((attendee.client_id, attendee.relative_id))
            if choice is None:
                # A guest who is no longer a client (deleted): kept, so saving the event
                # does not quietly remove them (Undo may bring the client back).
                choice = AttendeeChoice(
                    attendee.client_id, attendee.relative_id, self.tr("(a deleted client)"), "", ""
                )
            self._add(choice, announce=False)

    def client_ids(self) -> list[int]:
        return list(dict.fromkeys(a.client_id for a in self.attendees()))

    @staticmethod
    def describe(choice: AttendeeChoice) -> str:
        if choice.relative_id is None:
            return choice.name
        return f"{choice.name} ({labels.relation_of(choice.relation, choice.client_name)})"

    # -- Slots ---------------------------------------------------------------------------

    @Slot(str)
    def _on_search_edited(self, text: str) -> None:
        terms = search.query_terms(text)
        taken = set(self.attendees())
        self._matches = []
        if terms:
            for choice, folded in zip(self._choices, self._folded, strict=True):
                key = Attendee(choice.client_id, choice.relative_id)
                if key not in taken and search.matches(folded, terms):
                    self._matches.append(choice)
                    if len(self._matches) == MATCHES_SHOWN:
                        break
        self._results_model.setStringList([self.describe(c) for c in self._matches])
        self.results.setVisible(bool(self._matches))
        if self._matches:
            self.results.setCurrentIndex(self._results_model.index(0))

    @Slot()
    def _on_return_pressed(self) -> None:
        row = self.results.currentIndex().row()
        if 0 <= row < len(self._matches):
            self._pick(self._matches[row])

    @Slot()
    def _on_result_activated(self) -> None:
        self._on_return_pressed()

    @Slot()
    def _on_remove_clicked(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.changed.emit()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Up/Down in the search box move through the matches, as in any completer.
        arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if (
            watched is self.search
            and self._matches
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in arrows
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = self.results.currentIndex().row() + step
            row = max(0, min(len(self._matches) - 1, row))
            self.results.setCurrentIndex(self._results_model.index(row))
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) and self.chosen.hasFocus():
            self._on_remove_clicked()
            return
        super().keyPressEvent(event)

    # -- Inside --------------------------------------------------------------------------

    def _pick(self, choice: AttendeeChoice) -> None:
        self._add(choice)
        self.search.clear()
        self._on_search_edited("")

    def _add(self, choice: AttendeeChoice, *, announce: bool = True) -> None:
        item = QListWidgetItem(self.describe(choice))
        item.setData(Qt.ItemDataRole.UserRole, (choice.client_id, choice.relative_id))
        self.chosen.addItem(item)
        if announce:
            self.changed.emit()
