"""The appreciation ledger per client as a Qt table: what each received in the period, kind
by kind, against their yearly budget. A plain list of LedgerLine snapshots, sorted in Python
and reset as a whole (no QSortFilterProxyModel: DESIGN.md, "Speed by design").

Money is formatted when a cell is first shown and kept: formatting every cell of 10k clients
up front takes about a second, and a screen shows thirty rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from models import search
from models.courtship import LedgerLine
from models.vocab import InteractionKind
from ui import labels
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

CLIENT, TIER, GIFTS, DISCOUNTS, MEALS, OUTINGS, TOTAL, BUDGET, REMAINING, COUNT = range(10)
KIND_OF_COLUMN = {
    GIFTS: InteractionKind.GIFT.value,
    DISCOUNTS: InteractionKind.DISCOUNT.value,
    MEALS: InteractionKind.MEAL.value,
    OUTINGS: InteractionKind.OUTING.value,
}
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVER = QColor("#B3261E")
_NUMBERS = {*KIND_OF_COLUMN, TOTAL, BUDGET, REMAINING, COUNT}


class LedgerTableModel(RowsTableModel[LedgerLine]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)  # _rows: in the current sort order
        self._names: dict[int, str] = {}  # client id -> folded name, for sorting
        self._folded: dict[str, str] = {}  # name -> folded: a reload mostly sees the same names
        self._texts: dict[int, tuple[str, ...]] = {}  # client id -> display, once shown
        self._currency = ""
        self._sort_column = TOTAL
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._headers = (
            self.tr("Client"),
            self.tr("Tier"),
            self.tr("Gifts"),
            self.tr("Discounts"),
            self.tr("Meals"),
            self.tr("Outings"),
            self.tr("Total"),
            self.tr("Budget"),
            self.tr("Remaining"),
            self.tr("Gestures"),
        )
        self._header_tips = {
            BUDGET: self.tr("The client's yearly budget, else their tier's"),
            REMAINING: self.tr("What is left of the yearly budget"),
            COUNT: self.tr("How many gifts, discounts, meals and outings with a value"),
        }

    # -- Feeding -------------------------------------------------------------------------

    def set_lines(self, lines: Sequence[LedgerLine], currency: str) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        self._currency = currency
        folded = self._folded
        for line in self._rows:
            if line.client_name not in folded:
                folded[line.client_name] = search.fold(line.client_name)
        self._names = {line.client_id: folded[line.client_name] for line in self._rows}
        self._texts = {}
        self._sort_lines()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._sort_lines()
        self.endResetModel()

    # -- Reading -------------------------------------------------------------------------

    def line(self, row: int) -> LedgerLine:
        return self._rows[row]

    def row_of(self, client_id: int) -> int | None:
        for row, line in enumerate(self._rows):
            if line.client_id == client_id:
                return row
        return None

    # -- Qt ------------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line)[column]
        if role == CLIENT_ID_ROLE:
            return line.client_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        remaining = line.remaining_cents
        over = remaining is not None and remaining < 0
        if role == Qt.ItemDataRole.ForegroundRole and over and column == REMAINING:
            return OVER
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REMAINING and over:
                return self.tr("Over budget by {amount}").format(
                    amount=labels.money(-remaining, self._currency)  # type: ignore[operator]
                )
            if column == CLIENT or column in _NUMBERS:
                return self._display(line)[column] or None  # cut short in a narrow column
        return None

    # -- Inside --------------------------------------------------------------------------

    def _display(self, line: LedgerLine) -> tuple[str, ...]:
        texts = self._texts.get(line.client_id)
        if texts is None:
            currency = self._currency
            kinds = [
                labels.money(line.by_kind.get(kind), currency) for kind in KIND_OF_COLUMN.values()
            ]
            texts = (
                line.client_name,
                line.tier,
                *kinds,
                labels.money(line.total_cents, currency),
                labels.money(line.budget_cents, currency),
                labels.money(line.remaining_cents, currency),
                QLocale().toString(line.count),
            )
            self._texts[line.client_id] = texts
        return texts

    def _sort_lines(self) -> None:
        """Blanks (no tier, no budget, nothing of a kind) last whatever the order; ties in
        name order."""
        value = self._sort_value(self._sort_column)
        names = self._names
        filled = [line for line in self._rows if value(line) is not None]
        blank = [line for line in self._rows if value(line) is None]
        filled.sort(key=lambda line: names[line.client_id])
        blank.sort(key=lambda line: names[line.client_id])
        # A stable sort keeps name order among ties, even reversed.
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        filled.sort(key=value, reverse=descending)  # type: ignore[arg-type]
        self._rows = filled + blank

    def _sort_value(self, column: int) -> Callable[[LedgerLine], Any]:
        if column == CLIENT:
            return lambda line: self._names[line.client_id]
        if column == TIER:
            return lambda line: search.fold(line.tier) or None
        if column in KIND_OF_COLUMN:
            kind = KIND_OF_COLUMN[column]
            return lambda line: line.by_kind.get(kind)
        return {
            TOTAL: lambda line: line.total_cents,
            BUDGET: lambda line: line.budget_cents,
            REMAINING: lambda line: line.remaining_cents,
            COUNT: lambda line: line.count,
        }[column]
