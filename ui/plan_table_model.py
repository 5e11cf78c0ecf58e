"""The client service matrix as a table: a row per tier (name, description, weight, yearly
budget per client), then a column per gesture holding how often it is due, in days (None:
the tier does not have that gesture).

The model edits a draft of the plan (a list of TierPlan); nothing is written until the
editor saves the whole draft through `courtship.save_plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from models import courtship
from models.courtship import TierPlan
from models.errors import Problem, ValidationError
from models.vocab import Gesture
from ui import labels

_Index = QModelIndex | QPersistentModelIndex

NAME, LABEL, WEIGHT, BUDGET = range(4)
GESTURES: tuple[Gesture, ...] = tuple(Gesture)
FIRST_GESTURE = 4
CLEARABLE = frozenset({LABEL, BUDGET, *range(FIRST_GESTURE, FIRST_GESTURE + len(GESTURES))})
_FIELD_COLUMNS = {"tier": NAME, "label": LABEL, "weight": WEIGHT, "budget": BUDGET}


def gesture_of(column: int) -> Gesture | None:
    n = column - FIRST_GESTURE
    return GESTURES[n] if 0 <= n < len(GESTURES) else None


def column_of(gesture: str) -> int:
    return FIRST_GESTURE + GESTURES.index(Gesture(gesture))


class PlanTableModel(QAbstractTableModel):
    """Signals:
    edited(): the person changed the draft (a cell; a tier added, removed or moved).
    """

    edited = Signal()

    _ERROR_BRUSH = QBrush(QColor(255, 224, 224))
    _PLACEHOLDER_BRUSH = QBrush(QColor(140, 140, 140))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TierPlan] = []
        self._saved: list[TierPlan] = []
        self._problems: dict[tuple[int, int], Problem] = {}
        self._read_only = False
        self._currency = ""

    # -- Feeding and reading -------------------------------------------------------------

    def set_plan(self, tiers: Sequence[TierPlan]) -> None:
        """Show the stored plan (the draft becomes clean). When the draft already says
        the same (a save made here), nothing is reset: the current cell stays put."""
        tiers = list(tiers)
        self._saved = list(tiers)
        if tiers == self._rows:
            return
        self.beginResetModel()
        self._rows = tiers
        self._check()
        self.endResetModel()

    def plan(self) -> list[TierPlan]:
        """The draft, in order, as `courtship.save_plan` takes it."""
        return list(self._rows)

    def tier(self, row: int) -> TierPlan:
        return self._rows[row]

    def is_dirty(self) -> bool:
        return self._rows != self._saved

    def set_read_only(self, read_only: bool) -> None:
        self.beginResetModel()
        self._read_only = read_only
        self.endResetModel()

    def set_currency(self, currency: str) -> None:
        """The owner's currency (an ISO code; "" for the system's), for the budgets."""
        if currency == self._currency:
            return
        self._currency = currency
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, BUDGET, BUDGET)
        if self._rows:
            self.dataChanged.emit(self.index(0, BUDGET), self.index(len(self._rows) - 1, BUDGET))

    def currency_symbol(self) -> str:
        return self._currency or QLocale().currencySymbol(
            QLocale.CurrencySymbolFormat.CurrencySymbol
        )

    def add_tier(self, tier: TierPlan) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(tier)
        self._check()
        self.endInsertRows()
        self._changed_all()
        return row

    def remove_tier(self, row: int) -> TierPlan:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._rows.pop(row)
        self._check()
        self.endRemoveRows()
        self._changed_all()
        return removed

    def move_tier(self, row: int, to: int) -> bool:
        """Move the tier at `row` to position `to` (its row once moved)."""
        if row == to or not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)):
            return False
        # Qt counts the destination before the move: one further when moving down.
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + (to > row)):
            return False
        self._rows.insert(to, self._rows.pop(row))
        self._check()
        self.endMoveRows()
        self._changed_all()
        return True

    def clear(self, index: _Index) -> bool:
        """Blank an optional cell (description, budget, an interval): Delete on the table."""
        if not index.isValid() or index.column() not in CLEARABLE:
            return False
        blank = "" if index.column() == LABEL else None
        return self.setData(index, blank)

    def problems(self) -> list[tuple[int, int, Problem]]:
        """What save_plan would refuse, cell by cell, in reading order."""
        return sorted((row, column, problem) for (row, column), problem in self._problems.items())

    def column_title(self, column: int) -> str:
        return str(self.headerData(column, Qt.Orientation.Horizontal))

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_GESTURE + len(GESTURES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            gesture = gesture_of(section)
            if gesture is not None:
                return labels.gestures()[gesture]
            return {
                NAME: self.tr("Tier"),
                LABEL: self.tr("Description"),
                WEIGHT: self.tr("Weight"),
                BUDGET: self.tr("Yearly budget per client ({currency})").format(
                    currency=self.currency_symbol()
                )
                if self.currency_symbol()
                else self.tr("Yearly budget per client"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if gesture_of(section) is not None:
                return self.tr("How often, in days; blank: this tier does not get it")
            return {
                NAME: self.tr("A short name, shown beside each client (A, B, Gold…)"),
                WEIGHT: self.tr("1 to {max}: heavier tiers come first in the overdue list").format(
                    max=courtship.WEIGHT_MAX
                ),
                BUDGET: self.tr(
                    "What you mean to give each client of this tier in a year, in gifts, "
                    "meals, outings and discounts; blank: no budget"
                ),
            }.get(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or self._read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tier = self._rows[index.row()]
        column = index.column()
        gesture = gesture_of(column)
        problem = self._problems.get((index.row(), column))
        blank_name = column == NAME and not tier.name.strip()
        if role == Qt.ItemDataRole.DisplayRole:
            if blank_name:
                return self.tr("(required)")
            if gesture is not None:
                return labels.every(tier.rules.get(gesture))
            if column == WEIGHT:
                return str(tier.weight)
            if column == BUDGET:
                return labels.money(tier.yearly_budget_cents, self._currency)
            return tier.name if column == NAME else tier.label
        if role == Qt.ItemDataRole.EditRole:
            if gesture is not None:
                return tier.rules.get(gesture)
            return (tier.name, tier.label, tier.weight, tier.yearly_budget_cents)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem is not None:
                return labels.problem(problem)
            if gesture is not None:
                days = tier.rules.get(gesture)
                name = labels.gestures()[gesture]
                if days is None:
                    return self.tr("{gesture}: not in this tier's plan").format(gesture=name)
                return self.tr("{gesture}: every {n} days").format(gesture=name, n=days)
            return tier.label or None if column == LABEL else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (WEIGHT, BUDGET):
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._ERROR_BRUSH if problem is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and blank_name and problem is None:
            return self._PLACEHOLDER_BRUSH
        if role == Qt.ItemDataRole.FontRole and blank_name:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self._read_only or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        tier = self._rows[row]
        gesture = gesture_of(column)
        if gesture is not None:
            if value is not None and not _whole(value):
                return False
            rules = {g: d for g, d in tier.rules.items() if g != gesture}
            if value:  # 0 reads as "none" in the spin box
                rules[gesture] = value
            after = replace(tier, rules={g.value: rules[g] for g in GESTURES if g in rules})
        elif column in (NAME, LABEL):
            if not isinstance(value, str):
                return False
            # Stored text carries no surrounding blanks: a draft that kept them would
            # never match its saved self.
            after = replace(tier, **{("name" if column == NAME else "label"): value.strip()})
        elif column == WEIGHT:
            if not _whole(value):
                return False
            after = replace(tier, weight=value)
        elif column == BUDGET:
            if value is not None and not _whole(value):
                return False
            after = replace(tier, yearly_budget_cents=value)
        else:
            return False
        if after == tier:
            return True
        self._rows[row] = after
        self._check()
        self._changed_all()
        return True

    # -- Inside --------------------------------------------------------------------------

    def _changed_all(self) -> None:
        # A change in one row can make or clear a duplicate in another: repaint them all.
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.edited.emit()

    def _check(self) -> None:
        """Each row's first problem by the service's own rules, and repeated names."""
        problems: dict[tuple[int, int], Problem] = {}
        seen: set[str] = set()
        for row, tier in enumerate(self._rows):
            try:
                courtship.check_tier(tier)
            except ValidationError as exc:
                problems[(row, self._column_of(exc, tier))] = exc.problem
            key = tier.name.strip().casefold()
            if key and key in seen and (row, NAME) not in problems:
                problems[(row, NAME)] = Problem.DUPLICATE
            seen.add(key)
        self._problems = problems

    @staticmethod
    def _column_of(error: ValidationError, tier: TierPlan) -> int:
        if error.field in _FIELD_COLUMNS:
            return _FIELD_COLUMNS[error.field]
        bad = [g for g, days in tier.rules.items() if g == error.value or days == error.value]
        return column_of(bad[0]) if bad and bad[0] in Gesture._value2member_map_ else NAME


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
