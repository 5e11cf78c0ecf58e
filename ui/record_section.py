"""One titled list on a card: a RecordTableModel in a table that is as tall as its rows
(the card scrolls, not each list), with Add and Remove, and the first problem spelled out
under the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import Problem
from ui import labels
from ui.record_delegate import RecordDelegate
from ui.record_table_model import Column, Draft, RecordTableModel


class RecordSection(QWidget):
    """Signals:
    edited: the person changed, added or removed a row.
    """

    edited = Signal()

    def __init__(
        self,
        title: str,
        add_label: str,
        columns: list[Column],
        new_draft: Callable[[], Draft],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._new_draft = new_draft
        self.model = RecordTableModel(columns, self)
        self._columns = columns

        self._title = QLabel(title)
        self._title.setObjectName("sectionTitle")
        self._add = QToolButton(text=add_label)
        self._add.setAutoRaise(True)
        self._remove = QToolButton(text=self.tr("Remove"))
        self._remove.setAutoRaise(True)
        self._remove.setEnabled(False)
        self._remove.setToolTip(self.tr("Remove the selected rows (Delete)"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(RecordDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(36)
        # Columns share the card's width in proportion (no sideways scrolling in a card).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._weights = [column.width or 240 for column in columns]
        self.table.viewport().installEventFilter(self)

        self._problem = QLabel()
        self._problem.setObjectName("problem")
        self._problem.setWordWrap(True)
        self._problem.hide()

        self._remove_action = QAction(self.tr("Remove"), self.table)
        self._remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self._remove_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._title)
        top.addStretch(1)
        top.addWidget(self._add)
        top.addWidget(self._remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self._problem)
        self._connect_signals()
        self._fit_height()

    def _connect_signals(self) -> None:
        self._add.clicked.connect(self._on_add_clicked)
        self._remove.clicked.connect(self._on_remove_triggered)
        self._remove_action.triggered.connect(self._on_remove_triggered)
        self.model.edited.connect(self._on_model_edited)
        self.model.modelReset.connect(self._on_rows_changed)
        self.model.rowsInserted.connect(self._on_rows_changed)
        self.model.rowsRemoved.connect(self._on_rows_changed)
        self.model.dataChanged.connect(self._on_rows_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # Wrapped text needs new row heights when the columns get their real widths.
        self.table.horizontalHeader().sectionResized.connect(self._on_rows_changed)

    # -- API -----------------------------------------------------------------------------

    def set_drafts(self, drafts: list[Draft], *, keep_unsaved: bool = False) -> None:
        self.model.set_drafts(drafts, keep_unsaved=keep_unsaved)

    def set_read_only(self, read_only: bool) -> None:
        self.model.set_read_only(read_only)
        self._add.setVisible(not read_only)
        self._remove.setVisible(not read_only)
        self._remove_action.setEnabled(not read_only)

    def show_refusal(self, problem: Problem) -> None:
        """The service refused this list (a rule the table did not check): say so; the
        rows stay as typed, so nothing is lost and the person can fix them."""
        self._problem.setText(
            self.tr("Not saved: {problem}").format(problem=labels.problem(problem))
        )
        self._problem.show()

    @Slot()
    def add_row(self) -> None:
        self._on_add_clicked()

    # -- Slots ---------------------------------------------------------------------------

    @Slot()
    def _on_add_clicked(self) -> None:
        row = self.model.add_draft(self._new_draft())
        first = next(
            (n for n, c in enumerate(self._columns) if c.editor and c.editor != "check"), 0
        )
        index = self.model.index(row, first)
        self.table.setFocus()
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.edit(index)

    @Slot()
    def _on_remove_triggered(self) -> None:
        rows = [index.row() for index in self.table.selectionModel().selectedRows()]
        if rows:
            self.model.remove_rows(rows)

    @Slot()
    def _on_model_edited(self) -> None:
        self._show_problem()
        self.edited.emit()

    @Slot()
    def _on_rows_changed(self) -> None:
        self._show_problem()
        self._fit_height()

    @Slot()
    def _on_selection_changed(self) -> None:
        self._remove.setEnabled(self.table.selectionModel().hasSelection())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._layout_columns()
        return super().eventFilter(watched, event)

    # -- Inside --------------------------------------------------------------------------

    def _layout_columns(self) -> None:
        width = self.table.viewport().width()
        total = sum(self._weights)
        header = self.table.horizontalHeader()
        used = 0
        for n, weight in enumerate(self._weights):
            size = width - used if n == len(self._weights) - 1 else width * weight // total
            header.resizeSection(n, max(size, header.minimumSectionSize()))
            used += size

    def _show_problem(self) -> None:
        found = self.model.first_problem()
        if found is None:
            self._problem.hide()
            return
        row, column, problem = found
        self._problem.setText(
            self.tr("Row {row}, {column}: {problem}").format(
                row=row + 1, column=column.title, problem=labels.problem(problem)
            )
        )
        self._problem.show()

    def _fit_height(self) -> None:
        self.table.resizeRowsToContents()
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(rows))
        if rows == 0:
            height += self.table.verticalHeader().defaultSectionSize() // 2
        self.table.setFixedHeight(height)
