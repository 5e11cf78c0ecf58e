"""The client list as a Qt table: a plain list of ClientRow tuples, filtered and sorted in
Python and reset as a whole (no QSortFilterProxyModel: DESIGN.md, "Speed by design").

The rows come with their name and company folded (the database keeps them), so nothing
is folded per row here; display strings are made when a row is first painted. Each order
and each recent search is kept until the rows change: sorting back by a column, or
deleting a letter, costs a list copy.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models import search
from models.client_list import ClientRow
from ui import labels

_Index = QModelIndex | QPersistentModelIndex

NAME, COMPANY, TIER, NEXT_DATE, LAST_CONTACT = range(5)
_RECENT_SEARCHES = 32
_name_key = attrgetter("name_key")
_T = TypeVar("_T")
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


class ClientTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._by_name: list[ClientRow] = []  # every row, by name
        self._name_keys: list[str] = []  # their name keys, in the same order
        self._rows: dict[int, ClientRow] = {}  # every row, by client id
        self._all: list[ClientRow] = []  # every row, in the current sort order
        # (column, descending) -> every row in that order, since the rows last changed.
        self._orders: dict[tuple[int, bool], list[ClientRow]] = {}
        self._texts: dict[int, tuple[str, ...]] = {}  # client id -> display per column
        self._visible: list[ClientRow] = []
        self._terms: list[str] = []
        # Recent searches -> their rows in the current order. A keystroke that narrows
        # a search filters what that search found, and a backspace finds it again.
        self._found: dict[tuple[str, ...], list[ClientRow]] = {}
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
        self._texts = {}
        self._by_name = sorted(rows, key=_name_key)
        self._name_keys = [row.name_key for row in self._by_name]
        self._rows = {row.id: row for row in rows}
        self._rows_changed()

    def update_rows(self, rows: Sequence[ClientRow], removed_ids: Sequence[int] = ()) -> None:
        """Replace (or add) these clients' rows and drop `removed_ids`, keeping the rest.

        Each row is found, and put in its place, by a binary search of the name keys (a
        list of their own), and the rows between those places are copied a slice at a
        time. Filtering and sorting the rows themselves, scattered in memory, cost 40 ms
        for each piece of the list as it loads at 100k clients: 6 ms now for a piece of
        2,500, 16 for one of 10,000."""
        fresh = sorted({row.id: row for row in rows}.values(), key=_name_key)
        gone = (set(removed_ids) | {row.id for row in fresh}) & self._rows.keys()
        drop = sorted(self._place(client_id) for client_id in gone)
        # After the rows of the same name already there (the dropped ones included).
        places = [bisect.bisect_right(self._name_keys, row.name_key) for row in fresh]
        self._by_name = _spliced(self._by_name, drop, places, fresh)
        self._name_keys = _spliced(self._name_keys, drop, places, [r.name_key for r in fresh])
        for client_id in gone:
            del self._rows[client_id]
            self._texts.pop(client_id, None)
        self._rows.update((row.id, row) for row in fresh)
        self._rows_changed()

    def _place(self, client_id: int) -> int:
        """Where this client's row is in the name order."""
        at = bisect.bisect_left(self._name_keys, self._rows[client_id].name_key)
        while self._by_name[at].id != client_id:  # among equal names
            at += 1
        return at

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

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Asked for seven roles per cell at each paint of the list, that is each keystroke
        # of a search: the roles are compared with constants (looking up
        # Qt.ItemDataRole.DisplayRole costs more than the rest of the call), and the
        # display text, asked most, comes first.
        if role == _DISPLAY:
            row = index.row()
            return self._text(self._visible[row])[index.column()] if row >= 0 else None
        if role == _TOOLTIP and index.isValid():
            # Columns are narrow: the whole text, and the exact date behind "in 5 days".
            row = self._visible[index.row()]
            text = self._text(row)[index.column()]
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

    def _text(self, row: ClientRow) -> tuple[str, ...]:
        texts = self._texts.get(row.id)
        if texts is None:
            texts = self._texts[row.id] = self._display(row)
        return texts

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

    def _rows_changed(self) -> None:
        self._orders.clear()
        self._sort_all()
        self._refresh()

    def _sort_all(self) -> None:
        """Sort once per change of rows or order, so that a keystroke only filters."""
        self._found.clear()
        key = (self._sort_column, self._sort_order == Qt.SortOrder.DescendingOrder)
        order = self._orders.get(key)
        if order is None:
            order = self._orders[key] = self._ordered(*key)
        self._all = order

    def _ordered(self, column: int, descending: bool) -> list[ClientRow]:
        """Every row by `column`, names breaking ties (A to Z in either order); empty
        values last either way, except that never contacted counts as longest ago.

        Both ways keep the name order within equal values rather than compare tuples: a
        column of few values (dates, tiers) is grouped in one pass, a column of many
        (companies) is a stable sort of the name order on that column alone."""
        by_name = self._by_name
        if column == NAME:
            return by_name[::-1] if descending else by_name
        if column == COMPANY:
            blank = "" if descending else "\uffff"
            keys = [r.company_key or blank for r in by_name]
            positions = sorted(range(len(by_name)), key=keys.__getitem__, reverse=descending)
            return [by_name[n] for n in positions]
        groups: dict[Any, list[ClientRow]] = {}
        if column == NEXT_DATE:
            for row in by_name:
                groups.setdefault(row.next_date, []).append(row)
        elif column == LAST_CONTACT:
            for row in by_name:
                groups.setdefault(row.last_contact, []).append(row)
        else:
            folded = {tier: search.fold(tier) for tier in {r.tier for r in by_name}}
            for row in by_name:
                groups.setdefault(folded[row.tier] or None, []).append(row)
        values = sorted((v for v in groups if v is not None), reverse=descending)
        if column == LAST_CONTACT and not descending:
            values.insert(0, None)
        elif None in groups:
            values.append(None)
        return [row for value in values if value in groups for row in groups[value]]

    def _refresh(self) -> None:
        self.beginResetModel()
        self._visible = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[ClientRow]:
        terms = self._terms
        if not terms:
            return self._all
        key = tuple(terms)
        found = self._found.get(key)
        if found is None:
            found = min(
                (rows for old, rows in self._found.items() if search.refines(terms, old)),
                key=len,
                default=self._all,
            )
            for term in sorted(terms, key=len, reverse=True):  # the longest cuts most
                found = [row for row in found if term in row.search_text]
            if len(self._found) >= _RECENT_SEARCHES:
                del self._found[next(iter(self._found))]
            self._found[key] = found
        return found


def _spliced(items: list[_T], drop: list[int], places: list[int], new: list[_T]) -> list[_T]:
    """A new list of `items` without those at `drop` and with each of `new` before the
    item at its place (both in ascending order; `new` at one place in its order)."""
    spliced: list[_T] = []
    start = d = 0
    for at, item in zip(places, new, strict=True):
        while d < len(drop) and drop[d] < at:
            spliced += items[start : drop[d]]
            start = drop[d] + 1
            d += 1
        spliced += items[start:at]
        spliced.append(item)
        start = at
    for at in drop[d:]:
        spliced += items[start:at]
        start = at + 1
    spliced += items[start:]
    return spliced
