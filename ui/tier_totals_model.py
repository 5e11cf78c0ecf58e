"""The appreciation ledger by tier, one line each: how many clients, how many received
something, what was given, and how much of the tiers' budgets that uses. Lines stay in the
plan's order (A before B), with "No tier" last, as models.courtship.ledger gives them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from models.courtship import TierTotal
from ui import labels
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

TIER, CLIENTS, RECEIVING, GIVEN, AVERAGE, BUDGET, USED = range(7)
USED_ROLE = Qt.ItemDataRole.UserRole + 1  # the share of the budget given (float), or None
OVER = QColor("#B3261E")
_NUMBERS = {CLIENTS, RECEIVING, GIVEN, AVERAGE, BUDGET, USED}


def used_share(given_cents: int, budget_cents: int | None) -> float | None:
    """What share of a budget was given: 1.0 is all of it, inf is anything against a zero
    budget; None without a budget."""
    if budget_cents is None:
        return None
    if budget_cents == 0:
        return float("inf") if given_cents else 0.0
    return given_cents / budget_cents


class TierTotalsModel(RowsTableModel[TierTotal]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._texts: list[tuple[str, ...]] = []
        self._currency = ""
        self._headers = (
            self.tr("Tier"),
            self.tr("Clients"),
            self.tr("Received"),
            self.tr("Given"),
            self.tr("Per client"),
            self.tr("Budget"),
            self.tr("Used"),
        )
        self._header_tips = {
            RECEIVING: self.tr("How many of the tier's clients received something"),
            AVERAGE: self.tr("What was given, divided among all the tier's clients"),
            BUDGET: self.tr("The yearly budgets of the tier's clients, added up"),
            USED: self.tr("How much of the budget was given"),
        }

    def set_totals(self, totals: Sequence[TierTotal], currency: str) -> None:
        self.beginResetModel()
        self._rows = list(totals)
        self._currency = currency
        self._texts = [self._display(t) for t in self._rows]
        self.endResetModel()

    def totals(self) -> list[TierTotal]:
        return list(self._rows)

    # -- Qt ------------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        total, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        share = used_share(total.budgeted_cents, total.budget_cents)
        if role == USED_ROLE and column == USED:
            return share
        over = share is not None and share > 1
        if role == Qt.ItemDataRole.ForegroundRole and over and column in (GIVEN, USED):
            return OVER
        if role == Qt.ItemDataRole.ToolTipRole and over and column in (GIVEN, USED):
            over_by = total.budgeted_cents - (total.budget_cents or 0)
            return self.tr("Over budget by {amount}").format(
                amount=labels.money(over_by, self._currency)
            )
        return None

    # -- Inside --------------------------------------------------------------------------

    def _display(self, total: TierTotal) -> tuple[str, ...]:
        currency = self._currency
        locale = QLocale()
        average = None
        if total.clients:
            average = (total.total_cents + total.clients // 2) // total.clients  # whole cents
        return (
            total.tier or self.tr("No tier"),
            locale.toString(total.clients),
            locale.toString(total.receiving),
            labels.money(total.total_cents, currency),
            labels.money(average, currency),
            labels.money(total.budget_cents, currency),
            self._used_text(total),
        )

    def _used_text(self, total: TierTotal) -> str:
        share = used_share(total.budgeted_cents, total.budget_cents)
        if share is None:
            return ""
        if share == float("inf"):
            return self.tr("over")  # against a budget of zero, no percentage means anything
        budget = total.budget_cents or 1
        percent = (total.budgeted_cents * 100 + budget // 2) // budget  # rounded, in integers
        return self.tr("{percent}%").format(percent=QLocale().toString(percent))
