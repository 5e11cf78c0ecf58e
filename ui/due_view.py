"""Who is due for attention: every gesture of the courtship plan that is overdue (or falls
due within two weeks), the most pressing first (days overdue times the tier's weight), with
one-click actions on the selected line: log it, plan a thank-you meal, snooze the client,
open the card.

Signals:
    open_client(int): open this client's card.
    log_requested(int, str): log a contact of this kind (vocab.InteractionKind) with them.
    plan_meal_requested(int): plan a thank-you meal with this client.
    snooze_requested(int, int): leave this client off the list for this many days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import courtship
from models.courtship import KIND_OF, DueItem
from models.vocab import Gesture
from ui import labels
from ui.changes import Change, ChangeHub
from ui.list_table import list_table
from ui.reload_when_shown import ReloadWhenShown
from ui.table_model import RowsTableModel

DUE, CLIENT, TIER, WHAT, OVERDUE, LAST = range(6)
_LATE = QColor("#B3261E")
SNOOZES = (7, 14, 30, 90)  # days offered by Snooze

_Index = QModelIndex | QPersistentModelIndex


class DueModel(RowsTableModel[DueItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()
        self._gestures = labels.gestures()
        self._headers = [
            self.tr("Due"),
            self.tr("Client"),
            self.tr("Tier"),
            self.tr("What"),
            self.tr("Overdue"),
            self.tr("Last done"),
        ]

    def set_items(self, items: list[DueItem], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._today = today
        self.endResetModel()

    def item(self, row: int) -> DueItem:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and item.overdue:
            return _LATE
        if role == Qt.ItemDataRole.ToolTipRole and column == WHAT:
            return self.tr("Every {n} days").format(n=item.interval_days)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == OVERDUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: DueItem, column: int) -> str:
        match column:
            case 0:
                return labels.relative_day(item.due, self._today)
            case 1:
                return item.client_name
            case 2:
                return item.tier
            case 3:
                return self._gestures.get(item.gesture, item.gesture)
            case 4:
                if item.overdue:
                    return self.tr("{n} days").format(n=item.days_overdue)
                return ""
            case _:
                if item.last_done is None:
                    return self.tr("never")
                return labels.ago(item.last_done, self._today)


class DueView(QWidget):
    open_client = Signal(int)
    log_requested = Signal(int, str)
    plan_meal_requested = Signal(int)
    snooze_requested = Signal(int, int)

    def __init__(self, hub: ChangeHub, *, read_only: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._read_only = read_only
        self._reloader = ReloadWhenShown(self, self._load)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.soon = QCheckBox(self.tr("Also what falls due in the next two weeks"))
        self.soon.setChecked(True)
        self.model = DueModel(self)
        self.table = list_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CLIENT, QHeaderView.ResizeMode.Stretch)

        self.log_button = QPushButton(self.tr("Log it…"))
        self.log_button.setToolTip(self.tr("Log the call, meal or gift for the selected line"))
        self.meal_button = QPushButton(self.tr("Plan a thank-you meal…"))
        self.snooze_button = QToolButton(text=self.tr("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for days in SNOOZES:
            action = menu.addAction(self.tr("For {n} days").format(n=days))
            action.triggered.connect(lambda _=False, d=days: self._on_snooze(d))
        self.snooze_button.setMenu(menu)
        self.open_button = QPushButton(self.tr("Open card"))

        self.empty = QLabel()
        self.empty.setObjectName("emptyText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.soon)
        actions = QHBoxLayout()
        for button in (self.log_button, self.meal_button, self.snooze_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        layout.addLayout(actions)

        self.soon.toggled.connect(self.reload)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.log_button.clicked.connect(self._on_log)
        self.meal_button.clicked.connect(self._on_meal)
        self.open_button.clicked.connect(self._on_open)
        self._hub.changed.connect(self._on_changed)
        self._update_buttons()

    # -- Loading -------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the list again, now if shown, else when it is next shown."""
        self._reloader.reload()

    def _load(self) -> None:
        today = dt.date.today()
        horizon = courtship.HORIZON_DAYS if self.soon.isChecked() else 0
        items = courtship.due_items(today, horizon)
        if not self.soon.isChecked():
            items = [i for i in items if i.overdue]
        self.show_items(items, today)

    def show_items(self, items: list[DueItem], today: dt.date) -> None:
        selected = self._selected()
        key = (selected.client_id, selected.gesture) if selected else None
        self.model.set_items(items, today)
        overdue = sum(1 for i in items if i.overdue)
        people = len({i.client_id for i in items if i.overdue})
        self.heading.setText(
            self.tr("{n} gestures overdue, for {people} clients").format(n=overdue, people=people)
            if overdue
            else self.tr("Nothing overdue")
        )
        self.empty.setText(
            self.tr(
                "Every client has had the attention their tier asks for. "
                "The plan is under Courtship ▸ Plan."
            )
        )
        self._stack.setCurrentWidget(self.table if items else self.empty)
        # The line in hand stays in hand; else the most pressing, so one click acts on it.
        rows = [r for r, i in enumerate(items) if (i.client_id, i.gesture) == key] or [0]
        if items:
            self.table.selectRow(rows[0])
        self._update_buttons()

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        self.reload()

    # -- Actions -------------------------------------------------------------------------

    def _selected(self) -> DueItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        item = self._selected()
        for button in (self.log_button, self.meal_button, self.snooze_button):
            button.setEnabled(item is not None and not self._read_only)
        self.open_button.setEnabled(item is not None)
        if item is not None:
            kind = labels.interaction_kinds()[KIND_OF[Gesture(item.gesture)]]
            self.log_button.setText(self.tr("Log: {kind}…").format(kind=kind))
        else:
            self.log_button.setText(self.tr("Log it…"))

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_client.emit(self.model.item(index.row()).client_id)

    @Slot()
    def _on_log(self) -> None:
        if (item := self._selected()) is not None:
            self.log_requested.emit(item.client_id, KIND_OF[Gesture(item.gesture)].value)

    @Slot()
    def _on_meal(self) -> None:
        if (item := self._selected()) is not None:
            self.plan_meal_requested.emit(item.client_id)

    @Slot()
    def _on_open(self) -> None:
        if (item := self._selected()) is not None:
            self.open_client.emit(item.client_id)

    def _on_snooze(self, days: int) -> None:
        if (item := self._selected()) is not None:
            self.snooze_requested.emit(item.client_id, days)
