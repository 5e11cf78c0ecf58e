"""The client list: search as you type above a sortable table, and a line that says how
many clients match."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.client_list import ClientRow
from ui import client_table_model as columns
from ui import undo_passthrough
from ui.client_table_model import ClientTableModel


class ClientListPanel(QWidget):
    """Signals:
    client_selected(object): the selected client's id, or None.
    delete_requested(int): the person pressed Delete on a client.
    """

    client_selected = Signal(object)
    delete_requested = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = ClientTableModel(self)
        self._chosen: int | None = None  # the client whose card is open
        self._expected: int | None = None  # see set_expected
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, companies, family, tastes, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search clients"))
        undo_passthrough.install(self.search)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(columns.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((columns.NAME, 160), (columns.COMPANY, 110), (columns.TIER, 34),
                              (columns.NEXT_DATE, 130)):  # fmt: skip
            header.resizeSection(column, width)

        self.delete_action = QAction(self.tr("Delete client"), self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)

        self.status = QLabel()
        self.status.setObjectName("hint")
        self.no_match = QLabel()
        self.no_match.setObjectName("hint")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_match, 1)
        layout.addWidget(self.status)
        self._connect_signals()

    def _show_status(self) -> None:
        number = QLocale().toString  # "10,000 clients", as the person's locale writes it
        shown, total = number(self.model.rowCount()), number(self.model.total_count())
        if self._expected is not None and self.model.total_count() < self._expected:
            self.status.setText(
                self.tr("Loading clients… {total} of {expected}").format(
                    total=total, expected=number(self._expected)
                )
            )
        elif self.search.text().strip():
            self.status.setText(
                self.tr("{shown} of {total} clients").format(shown=shown, total=total)
            )
        else:
            self.status.setText(self.tr("{total} clients").format(total=total))

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.model.modelReset.connect(self._on_model_reset)

    # -- API -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ClientRow], today: dt.date) -> None:
        self.model.set_rows(rows, today)

    def update_rows(self, rows: Sequence[ClientRow], removed: Sequence[int] = ()) -> None:
        self.model.update_rows(rows, removed)

    def set_expected(self, total: int | None) -> None:
        """How many clients the list will hold while it loads a piece at a time; None
        once it has them all."""
        self._expected = total
        self._show_status()

    def selected_id(self) -> int | None:
        """The client whose row is selected (None while a search hides it)."""
        index = self.table.selectionModel().currentIndex()
        return self.model.client_id(index.row()) if index.isValid() else None

    def select(self, client_id: int | None) -> None:
        """Select this client (clearing a search that hides it), or nothing."""
        row = None if client_id is None else self.model.row_of(client_id)
        if client_id is not None and row is None and self.search.text():
            self.search.clear()
            row = self.model.row_of(client_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        else:
            index = self.model.index(row, columns.NAME)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        if self._chosen != client_id:
            self._chosen = client_id
            self.client_selected.emit(client_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_read_only(self, read_only: bool) -> None:
        self.delete_action.setEnabled(not read_only)

    # -- Slots ---------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_filter(text)

    @Slot()
    def _on_current_row_changed(self) -> None:
        client_id = self.selected_id()
        if client_id is not None and client_id != self._chosen:
            self._chosen = client_id
            self.client_selected.emit(client_id)

    @Slot()
    def _on_delete_triggered(self) -> None:
        client_id = self.selected_id()
        if client_id is not None:
            self.delete_requested.emit(client_id)

    @Slot()
    def _on_model_reset(self) -> None:
        shown = self.model.rowCount()
        self._show_status()
        searching = bool(self.search.text().strip()) and shown == 0
        self.no_match.setText(
            self.tr("No client matches “{text}”.").format(text=self.search.text().strip())
        )
        self.no_match.setVisible(searching)
        self.table.setVisible(not searching)
        # The chosen client stays chosen while a search hides it (its card stays open)
        # and is selected again when the search shows it again.
        row = None if self._chosen is None else self.model.row_of(self._chosen)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, columns.NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
