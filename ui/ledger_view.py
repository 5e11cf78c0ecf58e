"""The appreciation ledger: who received what over a period (the last twelve months, this
calendar year or the last), by tier at the top so that generosity stays fair across tiers,
then per client against their yearly budget, then the gifts, discounts, meals and outings
themselves, for the selected client or everyone.

Signals:
    open_client(int): open this client's card (double-click or Enter on a client or entry).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import courtship, settings
from models.courtship import Ledger
from ui import labels
from ui import ledger_entries_model as entry_columns
from ui import ledger_table_model as line_columns
from ui import tier_totals_model as tier_columns
from ui.budget_bar_delegate import BudgetBarDelegate
from ui.changes import Change, ChangeHub
from ui.ledger_entries_model import LedgerEntriesModel
from ui.ledger_table_model import LedgerTableModel
from ui.list_table import list_table
from ui.reload_when_shown import ReloadWhenShown
from ui.tier_totals_model import TierTotalsModel

LAST_12_MONTHS, THIS_YEAR, LAST_YEAR = "last_12_months", "this_year", "last_year"
_NAME_MIN = 180  # pixels: below it, names are guesswork


def period(choice: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of a period of the selector."""
    if choice == THIS_YEAR:
        return dt.date(today.year, 1, 1), today
    if choice == LAST_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return courtship.year_before(today), today


class LedgerView(QWidget):
    open_client = Signal(int)

    def __init__(self, hub: ChangeHub, parent: Any = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._reloader = ReloadWhenShown(self, self._load)
        self._currency = ""

        self.heading = QLabel(self.tr("Appreciation given"))
        self.heading.setObjectName("sectionTitle")
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for text, choice in (
            (self.tr("Last 12 months"), LAST_12_MONTHS),
            (self.tr("This calendar year"), THIS_YEAR),
            (self.tr("Last calendar year"), LAST_YEAR),
        ):
            self.period.addItem(text, choice)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)

        self.tier_model = TierTotalsModel(self)
        self.tiers = list_table(self.tier_model, self)
        self.tiers.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tiers.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tiers.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tiers.setItemDelegateForColumn(
            tier_columns.USED, BudgetBarDelegate(tier_columns.USED_ROLE, self.tiers)
        )
        # Room for the budget bar under the percentage.
        self.tiers.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.tiers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tiers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)
        # The bars take the width left: lengths compare at a glance down the column.
        header.setSectionResizeMode(tier_columns.USED, QHeaderView.ResizeMode.Stretch)

        self.line_model = LedgerTableModel(self)
        self.clients = list_table(self.line_model, self)
        self.clients.setAccessibleName(self.tr("Appreciation per client"))
        self.clients.setSortingEnabled(True)
        self.clients.sortByColumn(line_columns.TOTAL, Qt.SortOrder.DescendingOrder)

        self.entries_title = QLabel()
        self.entries_title.setObjectName("sectionTitle")
        self.show_all = QPushButton(self.tr("Show everyone"))
        self.show_all.setToolTip(self.tr("What every client received, not only the selected one"))
        self.entry_model = LedgerEntriesModel(self)
        self.entries = list_table(self.entry_model, self)
        self.entries.setAccessibleName(self.tr("Who received what"))
        self.entries.setSortingEnabled(True)
        self.entries.sortByColumn(entry_columns.DATE, Qt.SortOrder.DescendingOrder)

        entries_pane = QWidget()
        entries_top = QHBoxLayout()
        entries_top.addWidget(self.entries_title, 1)
        entries_top.addWidget(self.show_all)
        entries_layout = QVBoxLayout(entries_pane)
        entries_layout.setContentsMargins(0, 6, 0, 0)
        entries_layout.addLayout(entries_top)
        entries_layout.addWidget(self.entries, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.clients)
        self.splitter.addWidget(entries_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.tiers)
        content_layout.addWidget(self.splitter, 1)

        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("emptyText")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(2)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(3)

        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(empty)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.clients.selectionModel().currentRowChanged.connect(self._on_client_row_changed)
        self.line_model.modelReset.connect(self._on_lines_reset)
        self.show_all.clicked.connect(self._on_show_all_clicked)
        for table in (self.clients, self.entries):
            table.doubleClicked.connect(self._on_row_chosen)
            table.installEventFilter(self)
            table.viewport().installEventFilter(self)
        self._hub.changed.connect(self._on_changed)

    # -- Loading -------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the ledger again, now if shown, else when it is next shown."""
        self._reloader.reload()

    def _load(self) -> None:
        today = dt.date.today()
        start, end = period(self.period.currentData(), today)
        self.show_ledger(courtship.ledger(today, start, end), settings.currency())

    def show_ledger(self, ledger: Ledger, currency: str) -> None:
        self._currency = currency
        chosen = self.selected_client()
        self.tier_model.set_totals(ledger.tiers, currency)
        self._fit_tiers()
        self._fit_columns()
        self.entry_model.set_entries(ledger.entries, currency)
        self.line_model.set_lines(ledger.lines, currency)
        self.select_client(chosen)
        when = self.tr("{start} to {end}").format(
            start=labels.date(ledger.start), end=labels.date(ledger.end)
        )
        if ledger.entries:
            given = sum(entry.value_cents for entry in ledger.entries)
            receiving = len({entry.client_id for entry in ledger.entries})
            text = (
                self.tr("{when}: {amount} given to one client")
                if receiving == 1
                else self.tr("{when}: {amount} given to {n} clients")
            )
            self.summary.setText(
                text.format(when=when, amount=labels.money(given, currency), n=receiving)
            )
            self.stack.setCurrentIndex(0)
        else:
            self.summary.setText(when)
            self.empty_title.setText(self.tr("Nothing given with a value in this period"))
            self.empty_text.setText(
                self.tr(
                    "Log a gift or a discount with its value: Ctrl+L.\n"
                    "Meals and outings count too when you note what they cost.\n\n"
                    "Yearly budgets: per tier under Courtship ▸ Plan, or per client on their card."
                )
            )
            self.stack.setCurrentIndex(1)

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    # -- Selection -----------------------------------------------------------------------

    def selected_client(self) -> int | None:
        return self.entry_model.client_id()

    def select_client(self, client_id: int | None) -> None:
        """Show this client's entries and select their line (None: everyone's)."""
        row = None if client_id is None else self.line_model.row_of(client_id)
        selection = self.clients.selectionModel()
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            client_id = None
        else:
            index = self.line_model.index(row, line_columns.CLIENT)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.clients.scrollTo(index)
        self._show_entries_of(client_id)

    def _show_entries_of(self, client_id: int | None) -> None:
        self.entry_model.set_client(client_id)
        self.show_all.setEnabled(client_id is not None)
        if client_id is None:
            self.entries_title.setText(self.tr("Who received what"))
            return
        row = self.line_model.row_of(client_id)
        name = self.line_model.line(row).client_name if row is not None else ""
        # A 120-character name must not widen the window.
        name = self.entries_title.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, 220)
        self.entries_title.setText(
            self.tr("What {name} received: {amount}").format(
                name=name, amount=labels.money(self.entry_model.total_cents(), self._currency)
            )
        )

    def _fit_columns(self) -> None:
        """Amounts and dates as wide as a large one; names and summaries take what is left,
        never less than a readable width: a narrow window scrolls sideways instead of
        cutting every name to "Jean-Fr…"."""
        metrics = self.clients.fontMetrics()
        pad = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        # Wider amounts are rare in a gift ledger; they show whole in the tooltip.
        money = metrics.horizontalAdvance(labels.money(9_999_999, self._currency)) + pad

        header = self.clients.horizontalHeader()
        widths = {
            column: max(money, header.sectionSizeHint(column))
            for column in range(line_columns.TIER, line_columns.COUNT + 1)
        }
        tiers = [metrics.horizontalAdvance(t.tier) + pad for t in self.tier_model.totals()]
        widths[line_columns.TIER] = min(
            160, max([header.sectionSizeHint(line_columns.TIER), *tiers])
        )
        widths[line_columns.COUNT] = header.sectionSizeHint(line_columns.COUNT)
        name = self.clients.viewport().width() - sum(widths.values())
        widths[line_columns.CLIENT] = max(_NAME_MIN, name)
        for column, width in widths.items():
            header.resizeSection(column, width)

        header = self.entries.horizontalHeader()
        room = self.entries.viewport().width()
        kinds = labels.interaction_kinds()
        widths = {
            entry_columns.DATE: max(
                metrics.horizontalAdvance(labels.date(dt.date(2026, month, 28)))
                for month in range(1, 13)
            )
            + pad,
            entry_columns.VALUE: max(money, header.sectionSizeHint(entry_columns.VALUE)),
            entry_columns.CLIENT: min(200, max(_NAME_MIN * 2 // 3, room // 4)),
            entry_columns.KIND: min(
                max(metrics.horizontalAdvance(kinds[k]) for k in courtship.GIVING_KINDS) + pad,
                max(_NAME_MIN * 2 // 3, room // 5),
            ),
        }
        summary = room - sum(widths.values())
        widths[entry_columns.SUMMARY] = max(_NAME_MIN * 2 // 3, summary)
        for column, width in widths.items():
            header.resizeSection(column, width)

    def _fit_tiers(self) -> None:
        """As tall as its lines: a handful of tiers never needs a scroll bar."""
        rows = self.tier_model.rowCount()
        height = self.tiers.horizontalHeader().sizeHint().height()
        height += rows * self.tiers.verticalHeader().defaultSectionSize()
        self.tiers.setFixedHeight(height + 2 * self.tiers.frameWidth())

    # -- Slots ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in (
            self.clients.viewport(),
            self.entries.viewport(),
        ):
            self._fit_columns()
            return False
        # Enter opens the card; `activated` would also fire on a single click where the
        # platform activates that way, and a click here only selects.
        if (
            isinstance(watched, QTableView)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched.currentIndex().isValid()
        ):
            self._on_row_chosen(watched.currentIndex())
            return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_row_chosen(self, index: QModelIndex) -> None:
        client_id = index.data(line_columns.CLIENT_ID_ROLE)
        if client_id is not None:
            self.open_client.emit(client_id)

    @Slot()
    def _on_client_row_changed(self) -> None:
        index = self.clients.selectionModel().currentIndex()
        if index.isValid():
            self._show_entries_of(self.line_model.line(index.row()).client_id)

    @Slot()
    def _on_lines_reset(self) -> None:
        # A sort resets the table: select the chosen client's line again.
        chosen = self.selected_client()
        if chosen is not None and self.line_model.row_of(chosen) is not None:
            self.select_client(chosen)

    @Slot()
    def _on_show_all_clicked(self) -> None:
        self.select_client(None)

    @Slot(int)
    def _on_period_changed(self, _index: int) -> None:
        self.reload()

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        self.reload()
