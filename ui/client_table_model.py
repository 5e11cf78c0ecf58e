"""The client list as a Qt table: a plain list of ClientRow tuples, filtered and sorted in
Python and reset as a whole (no QSortFilterProxyModel: DESIGN.md, "Speed by design").

Display strings are made once per row when rows arrive, so data() only reads memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models import search
from models.clients import ClientRow
from ui import labels

_Index = QModelIndex | QPersistentModelIndex

NAME, COMPANY, TIER, NEXT_DATE, LAST_CONTACT = range(5)


class ClientTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ClientRow] = []  # every row, in the current sort order
        self._texts: dict[int, tuple[str, ...]] = {}  # client id -> display per column
        self._keys: dict[int, tuple[str, str, str]] = {}  # client id -> folded name/company/tier
        self._visible: list[ClientRow] = []
        self._terms: list[str] = []
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._today = dt.date.today()
        self._headers = (
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Tier"),
            self.tr("Next date"),
            self.tr("Last contact"),
        )

    # -- Feeding -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ClientRow], today: dt.date) -> None:
        self._today = today
        self._all = list(rows)
        self._texts = {row.id: self._display(row) for row in self._all}
        self._keys = {row.id: _fold_keys(row) for row in self._all}
        self._sort_all()
        self._refresh()

    def update_rows(self, rows: Sequence[ClientRow], removed_ids: Sequence[int] = ()) -> None:
        """Replace (or add) these clients' rows and drop `removed_ids`, keeping the rest."""
        fresh = {row.id: row for row in rows}
        gone = set(removed_ids) | set(fresh)
        self._all = [row for row in self._all if row.id not in gone] + list(fresh.values())
        for row in rows:
            self._texts[row.id] = self._display(row)
            self._keys[row.id] = _fold_keys(row)
        for client_id in removed_ids:
            self._texts.pop(client_id, None)
            self._keys.pop(client_id, None)
        self._sort_all()
        self._refresh()

    def set_filter(self, text: str) -> None:
        terms = search.query_terms(text)
        if terms != self._terms:
            self._terms = terms
            self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._sort_all()
        self._refresh()

    # -- Reading -------------------------------------------------------------------------

    def client_id(self, row: int) -> int | None:
        return self._visible[row].id if 0 <= row < len(self._visible) else None

    def row_of(self, client_id: int) -> int | None:
        for n, row in enumerate(self._visible):
            if row.id == client_id:
                return n
        return None

    def total_count(self) -> int:
        return len(self._all)

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[self._visible[index.row()].id][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Columns are narrow: the whole text, and the exact date behind "in 5 days".
            row = self._visible[index.row()]
            text = self._texts[row.id][index.column()]
            exact = {NEXT_DATE: row.next_date, LAST_CONTACT: row.last_contact}.get(index.column())
            return f"{text}\n{labels.date(exact)}" if exact else (text or None)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    # -- Inside --------------------------------------------------------------------------

    def _display(self, row: ClientRow) -> tuple[str, ...]:
        next_text = ""
        if row.next_date is not None:
            what = labels.date_kinds().get(row.next_kind, row.next_kind).lower()
            whose = f" ({row.next_whose})" if row.next_whose else ""
            next_text = f"{labels.relative_day(row.next_date, self._today)} · {what}{whose}"
        return (
            row.name,
            row.company,
            row.tier,
            next_text,
            labels.ago(row.last_contact, self._today),
        )

    def _sort_all(self) -> None:
        """Sort once per change of rows or order, so that a keystroke only filters."""
        self._all.sort(key=self._sort_key())
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            self._all.reverse()

    def _refresh(self) -> None:
        self.beginResetModel()
        if self._terms:
            terms = self._terms
            self._visible = [row for row in self._all if search.matches(row.search_text, terms)]
        else:
            self._visible = list(self._all)
        self.endResetModel()

    def _sort_key(self) -> Any:
        """Empty values sort last whatever the order; names break ties."""
        column = self._sort_column
        keys = self._keys
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if column == NEXT_DATE:
            far = dt.date.min if descending else dt.date.max
            return lambda r: (r.next_date or far, keys[r.id][NAME])
        if column == LAST_CONTACT:
            # Never contacted counts as longest ago: first when ascending.
            return lambda r: (r.last_contact or dt.date.min, keys[r.id][NAME])
        blank = "" if descending else "\uffff"
        return lambda r: (keys[r.id][column] or blank, keys[r.id][NAME])


def _fold_keys(row: ClientRow) -> tuple[str, str, str]:
    return (search.fold(row.name), search.fold(row.company), search.fold(row.tier))
