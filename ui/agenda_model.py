"""The agenda: a range of days as a table, one line per key date or event, display text
made once when the rows arrive (data() only reads memory)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.events import EventOccurrence
from models.occurrences import CalendarItem, Occurrence
from ui import calendar_items, labels
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

DAY, TIME, WHAT, DETAILS = range(4)


class AgendaModel(RowsTableModel[CalendarItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts: list[tuple[str, str, str, str]] = []
        self._headers = (self.tr("Day"), self.tr("Time"), self.tr("What"), self.tr("Details"))

    def set_items(self, items: Sequence[CalendarItem], first: dt.date, today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._texts = [self._display(item, first, today) for item in self._rows]
        self.endResetModel()

    def item(self, row: int) -> CalendarItem:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == WHAT:
            return calendar_items.color(self._rows[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return calendar_items.full_text(self._rows[index.row()])
        return None

    @staticmethod
    def _display(item: CalendarItem, first: dt.date, today: dt.date) -> tuple[str, str, str, str]:
        if isinstance(item, Occurrence):
            return (
                _day(item.date, today),
                "",
                calendar_items.who(item),
                calendar_items.occasion(item),
            )
        assert isinstance(item, EventOccurrence)
        day = _day(max(item.date, first), today)
        return (day, calendar_items.times(item), item.title, calendar_items.details(item))


def _day(day: dt.date, today: dt.date) -> str:
    when = labels.relative_day(day, today)
    return f"{labels.date(day)} ({when})" if when and when != labels.date(day) else labels.date(day)
