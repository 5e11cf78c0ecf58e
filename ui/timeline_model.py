"""A client's history, newest first, as a read-only table: date, kind, summary, how it
went, worth. Entries are edited through the log dialog (double-click), not in cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from models.interactions import InteractionData
from models.vocab import Tone
from ui import labels
from ui.table_model import RowsTableModel

DATE, KIND, SUMMARY, TONE, WORTH = range(5)
_TONE_COLORS = {Tone.POSITIVE: QColor("#1E7B34"), Tone.NEGATIVE: QColor("#B3261E")}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the InteractionData of a row

_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(RowsTableModel[InteractionData]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._currency = ""
        self._headers = [
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Summary"),
            self.tr("How it went"),
            self.tr("Worth"),
        ]
        self._kinds = labels.interaction_kinds()
        self._tones = labels.tones()

    def set_entries(self, entries: list[InteractionData], currency: str = "") -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._currency = currency
        self.endResetModel()

    def entry(self, row: int) -> InteractionData:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == SUMMARY and entry.summary:
            return entry.summary
        if role == Qt.ItemDataRole.ForegroundRole and column == TONE:
            return _TONE_COLORS.get(Tone(entry.tone))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WORTH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, entry: InteractionData, column: int) -> str:
        match column:
            case 0:
                return labels.date(entry.occurred_on)
            case 1:
                kind = self._kinds.get(entry.kind, entry.kind)
                return kind + (" · " + self.tr("asked nothing") if entry.asked_for_nothing else "")
            case 2:
                return entry.summary
            case 3:
                return self._tones.get(entry.tone, entry.tone)
            case _:
                return labels.money(entry.value_cents, self._currency)
