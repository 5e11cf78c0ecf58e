"""Editors for RecordTableModel cells, chosen by the column's `editor`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.record_table_model import RecordTableModel

_Index = QModelIndex | QPersistentModelIndex


class RecordDelegate(QStyledItemDelegate):
    def __init__(self, model: RecordTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = self._model.columns()[index.column()]
        kind = column.editor_of(self._model.draft(index.row()))
        if kind == "choice" and column.choices is not None:
            combo = QComboBox(parent)
            for value, label in column.choices().items():
                combo.addItem(label, value)
            return combo
        if kind == "int":
            spin = QSpinBox(parent)
            spin.setRange(column.minimum, column.maximum)
            return spin
        if kind == "multiline":
            # Return adds a line; Tab or leaving the cell saves (Qt's delegate filter).
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            return edit
        line = QLineEdit(parent)
        if kind == "date":
            line.setPlaceholderText(self.tr("12 March, or 12 March 1980"))
        return line

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            value: Any = editor.currentData()
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 4 * option.fontMetrics.height() - rect.height()))  # type: ignore[attr-defined]
        editor.setGeometry(rect)
