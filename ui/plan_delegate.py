"""Editors for the cells of the plan matrix: text for names, spin boxes for weights and
intervals (an interval may be blank: the tier does not have that gesture), a money box
for budgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from models import courtship
from ui.money_edit import MoneyEdit
from ui.plan_table_model import BUDGET, LABEL, NAME, WEIGHT

_Index = QModelIndex | QPersistentModelIndex


class PlanDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = index.column()
        if column in (NAME, LABEL):
            line = QLineEdit(parent)
            line.setMaxLength(courtship.TIER_NAME_MAX if column == NAME else 200)
            return line
        if column == BUDGET:
            return MoneyEdit(parent)
        spin = QSpinBox(parent)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == WEIGHT:
            spin.setRange(1, courtship.WEIGHT_MAX)
            return spin
        # 0 stands for blank, so that the arrows can also reach "not in the plan".
        spin.setRange(0, courtship.INTERVAL_MAX)
        spin.setSpecialValueText(self.tr("none"))
        spin.setSuffix(self.tr(" days"))
        return spin

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, MoneyEdit):
            editor.set_cents(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")
        elif isinstance(editor, QSpinBox):
            editor.setValue(value or 0)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        value: Any
        if isinstance(editor, MoneyEdit):
            try:
                value = editor.cents()
            except ValueError:
                return  # not an amount: the cell keeps what it had
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        elif isinstance(editor, QSpinBox):
            # Typing the number away (an empty box) means blank, like "none".
            value = editor.value() if editor.cleanText().strip() else 0
            value = max(value, 1) if index.column() == WEIGHT else value or None
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        editor.setGeometry(option.rect)  # type: ignore[attr-defined]
