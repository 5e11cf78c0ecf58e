"""Who received what: the gifts, discounts, meals and outings of the ledger's period, for
every client or one, as a Qt table sorted in Python (newest first by default). Cells are
formatted when first shown, as in ui/ledger_table_model.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models import search
from models.courtship import Given
from ui import labels
from ui.ledger_table_model import CLIENT_ID_ROLE  # one role: both tables open a card
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

DATE, CLIENT, KIND, SUMMARY, VALUE = range(5)


class LedgerEntriesModel(RowsTableModel[Given]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._newest: list[Given] = []  # as models.courtship.ledger gives them
        self._all: list[Given] = []  # in the current sort order; _rows: those shown
        self._client_id: int | None = None
        self._texts: dict[int, tuple[str, ...]] = {}  # interaction id -> display, once shown
        self._currency = ""
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._kinds = labels.interaction_kinds()
        self._headers = (
            self.tr("Date"),
            self.tr("Client"),
            self.tr("Kind"),
            self.tr("What"),
            self.tr("Value"),
        )

    # -- Feeding -------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[Given], currency: str) -> None:
        self.beginResetModel()
        self._newest = list(entries)
        self._currency = currency
        self._texts = {}
        self._sort_all()
        self._filter()
        self.endResetModel()

    def set_client(self, client_id: int | None) -> None:
        """Show only this client's entries; None: everyone's."""
        if client_id == self._client_id:
            return
        self.beginResetModel()
        self._client_id = client_id
        self._filter()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._sort_all()
        self._filter()
        self.endResetModel()

    # -- Reading -------------------------------------------------------------------------

    def client_id(self) -> int | None:
        return self._client_id

    def entry(self, row: int) -> Given:
        return self._rows[row]

    def total_cents(self) -> int:
        """What the entries shown add up to."""
        return sum(entry.value_cents for entry in self._rows)

    # -- Qt ------------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry)[column]
        if role == CLIENT_ID_ROLE:
            return entry.client_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (CLIENT, SUMMARY, VALUE):
            return self._display(entry)[column] or None  # cut short in the column
        return None

    # -- Inside --------------------------------------------------------------------------

    def _display(self, entry: Given) -> tuple[str, ...]:
        texts = self._texts.get(entry.interaction_id)
        if texts is None:
            texts = (
                labels.date(entry.occurred_on),
                entry.client_name,
                self._kinds.get(entry.kind, entry.kind),
                entry.summary,
                labels.money(entry.value_cents, self._currency),
            )
            self._texts[entry.interaction_id] = texts
        return texts

    def _filter(self) -> None:
        client_id = self._client_id
        if client_id is None:
            self._rows = list(self._all)
        else:
            self._rows = [entry for entry in self._all if entry.client_id == client_id]

    def _sort_all(self) -> None:
        """Blank summaries last whatever the order; ties newest first."""
        value = self._sort_value(self._sort_column)
        newest = self._newest
        filled = [entry for entry in newest if value(entry) is not None]
        blank = [entry for entry in newest if value(entry) is None]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        filled.sort(key=value, reverse=descending)  # stable: ties stay newest first
        self._all = filled + blank

    def _sort_value(self, column: int) -> Callable[[Given], Any]:
        kinds = self._kinds
        return {
            DATE: lambda e: e.occurred_on,
            CLIENT: lambda e: search.fold(e.client_name),
            KIND: lambda e: search.fold(kinds.get(e.kind, e.kind)),
            SUMMARY: lambda e: search.fold(e.summary) or None,
            VALUE: lambda e: e.value_cents,
        }[column]
