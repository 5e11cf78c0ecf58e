"""The client service matrix: every tier with how often each gesture is due for its clients,
its weight in the overdue list and its yearly budget per client, edited as one draft and
saved at once (Save), or thrown away (Revert)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import courtship, settings
from models.courtship import TierPlan
from models.errors import RapportError, ValidationError
from ui import labels, messages
from ui.changes import Change, ChangeHub
from ui.plan_delegate import PlanDelegate
from ui.plan_table_model import (
    BUDGET,
    CLEARABLE,
    FIRST_GESTURE,
    LABEL,
    NAME,
    WEIGHT,
    PlanTableModel,
)


class PlanEditor(QWidget):
    """The matrix of tiers × gestures. Saving announces Change(plan=True)."""

    def __init__(self, hub: ChangeHub, read_only: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._read_only = read_only
        self.model = PlanTableModel(self)
        self.model.set_read_only(read_only)

        intro = QLabel(
            self.tr(
                "How often each tier of clients hears from you. A blank cell: that tier "
                "does not get this gesture. A client can have terms of their own "
                "(Courtship… on their card)."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(PlanDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Long titles ("Great-customer discount") wrap onto a second line rather than
        # widening the matrix.
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + 8)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        # Light buttons for the rows, as on a card's lists; push buttons for the draft.
        self.add_button = QToolButton(text=self.tr("&Add tier"))
        self.remove_button = QToolButton(text=self.tr("&Remove tier"))
        self.up_button = QToolButton(text=self.tr("Move &up"))
        self.up_button.setToolTip(self.tr("Move the tier up (Alt+Up)"))
        self.down_button = QToolButton(text=self.tr("Move &down"))
        self.down_button.setToolTip(self.tr("Move the tier down (Alt+Down)"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoRaise(True)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.setToolTip(self.tr("Forget the changes made here since the last save"))
        self.save_button = QPushButton(self.tr("&Save plan"))
        self.save_button.setToolTip(self.tr("Save the plan (Ctrl+S)"))

        self._clear_action = self._action(QKeySequence.StandardKey.Delete, self._on_clear_triggered)
        self._clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self._clear_action)
        self._up_action = self._action(QKeySequence("Alt+Up"), lambda: self._move(-1))
        self._down_action = self._action(QKeySequence("Alt+Down"), lambda: self._move(1))
        self._save_action = self._action(QKeySequence.StandardKey.Save, self.save)
        for action in (self._up_action, self._down_action, self._save_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addStretch(1)
        if read_only:
            for button in (self.add_button, self.remove_button, self.up_button,
                           self.down_button, self.revert_button, self.save_button):  # fmt: skip
                button.hide()
            for action in (self._clear_action, self._up_action, self._down_action,
                           self._save_action):  # fmt: skip
                action.setEnabled(False)
        self._connect_signals()
        self.reload()

    def _action(self, keys: QKeySequence | QKeySequence.StandardKey, slot: Any) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save)
        self.model.edited.connect(self._on_model_edited)
        self.model.modelReset.connect(self._update_buttons)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.dataChanged, self.model.headerDataChanged):  # fmt: skip
            signal.connect(self._fit)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self._hub.changed.connect(self._on_changed)

    # -- API -----------------------------------------------------------------------------

    def reload(self) -> None:
        """The stored plan, unless the draft has changes that are not saved yet."""
        self.model.set_currency(settings.currency())
        if not self.model.is_dirty():
            self.model.set_plan(courtship.plan())
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            # Remove and Move act on the current tier: have one from the start.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self._update_buttons()

    def has_unsaved_changes(self) -> bool:
        return self.model.is_dirty()

    @Slot()
    def save(self) -> bool:
        """Save the draft (True), or say why it cannot be (False: nothing was saved)."""
        if self._read_only:
            return False
        self._commit_open_editor()
        if not self.model.is_dirty():
            return True
        try:
            saved = courtship.save_plan(self.model.plan())
        except ValidationError as exc:
            self._show_refusal(exc)
            return False
        except RapportError as exc:  # the disk is full, the file read-only...
            self.problem.setText(messages.describe(exc))
            self.problem.show()
            return False
        self.problem.hide()
        self.model.set_plan(saved)
        self._update_buttons()
        self._hub.announce(Change(plan=True))
        return True

    @Slot()
    def revert(self) -> None:
        self._close_open_editor()
        self.model.set_plan(courtship.plan())
        self.problem.hide()
        self._update_buttons()

    # -- Slots ---------------------------------------------------------------------------

    @Slot()
    def _on_add_clicked(self) -> None:
        taken = {t.name.strip().casefold() for t in self.model.plan()}
        name = next((c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c.casefold() not in taken), "")
        row = self.model.add_tier(TierPlan(name))
        self._go_to(row, NAME, edit=True)

    @Slot()
    def _on_remove_clicked(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        tier = self.model.tier(current.row())
        count = courtship.clients_in_tiers().get(tier.id, 0) if tier.id is not None else 0
        if count and not self._confirm_remove(tier.name, count):
            return
        self._close_open_editor()
        self.model.remove_tier(current.row())
        if self.model.rowCount():
            self._go_to(min(current.row(), self.model.rowCount() - 1), current.column())

    def _confirm_remove(self, name: str, count: int) -> bool:
        text = (
            self.tr("One client is in tier “{name}”.")
            if count == 1
            else self.tr("{n} clients are in tier “{name}”.")
        ).format(n=count, name=name)
        answer = QMessageBox.question(
            self,
            self.tr("Remove tier “{name}”?").format(name=name),
            text
            + " "
            + self.tr(
                "Once you save, they will be left without a tier: only intervals of their "
                "own will remind you of them."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _move(self, step: int) -> None:
        if self._read_only:
            return
        current = self.table.currentIndex()
        if not current.isValid():
            return
        self._close_open_editor()
        to = current.row() + step
        if self.model.move_tier(current.row(), to):
            self._go_to(to, current.column())

    @Slot()
    def _on_clear_triggered(self) -> None:
        if self._read_only:
            return
        indexes = self.table.selectionModel().selectedIndexes() or [self.table.currentIndex()]
        for index in indexes:
            if index.column() in CLEARABLE:
                self.model.clear(index)

    @Slot()
    def _on_model_edited(self) -> None:
        if self.problem.isVisible():
            self._show_first_problem()
        self._update_buttons()

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        # A save elsewhere, an import with a plan, or another currency in the settings.
        if change.plan or change.everything:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    # -- Inside --------------------------------------------------------------------------

    def _show_refusal(self, error: ValidationError) -> None:
        if not self._show_first_problem():
            self.problem.setText(
                self.tr("Not saved: {problem}").format(problem=labels.problem(error.problem))
            )
            self.problem.show()

    def _show_first_problem(self) -> bool:
        """Point at the first cell the service would refuse; False when there is none."""
        problems = self.model.problems()
        if not problems:
            self.problem.hide()
            return False
        row, column, problem = problems[0]
        if column == NAME:
            text = self.tr("Not saved. The tier name in row {row}: {problem}")
        else:
            text = self.tr("Not saved. Tier “{tier}”, {column}: {problem}")
        self.problem.setText(
            text.format(
                row=row + 1,
                tier=self.model.tier(row).name.strip(),
                column=self.model.column_title(column),
                problem=labels.problem(problem),
            )
        )
        self.problem.show()
        if self.table.state() != QAbstractItemView.State.EditingState:
            self._go_to(row, column)
        return True

    def _go_to(self, row: int, column: int, *, edit: bool = False) -> None:
        index = self.model.index(row, max(column, 0))
        self.table.setFocus()
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.scrollTo(index)
        if edit:
            self.table.edit(index)

    def _open_editor(self) -> QWidget | None:
        focus = QApplication.focusWidget()
        viewport = self.table.viewport()
        while focus is not None and focus.parentWidget() is not viewport:
            focus = focus.parentWidget()
        return focus

    def _commit_open_editor(self) -> None:
        """Ctrl+S while typing in a cell saves what is typed, as leaving the cell would."""
        editor = self._open_editor()
        if editor is not None:
            delegate = self.table.itemDelegate()
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, PlanDelegate.EndEditHint.NoHint)

    def _close_open_editor(self) -> None:
        editor = self._open_editor()
        if editor is not None:
            self.table.itemDelegate().closeEditor.emit(editor, PlanDelegate.EndEditHint.NoHint)

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row()
        rows = self.model.rowCount()
        dirty = self.model.is_dirty()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < rows - 1)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    @Slot()
    def _fit(self) -> None:
        """Names and numbers as wide as they need; the gestures share what is left, never
        narrower than "every 6 months" (a small window scrolls sideways instead); the
        table as tall as its tiers, so the buttons stay right under them."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("M")

        def content(column: int, least: int, most: int) -> int:
            title = header.fontMetrics().horizontalAdvance(self.model.column_title(column)) + em
            wanted = max(self.table.sizeHintForColumn(column), title, least)
            return min(wanted, most)

        fixed = {
            NAME: content(NAME, 0, 12 * em),
            LABEL: content(LABEL, 10 * em, 20 * em),
            WEIGHT: content(WEIGHT, 0, 8 * em),
            # Its long title wraps over two lines.
            BUDGET: max(
                self.table.sizeHintForColumn(BUDGET), content(BUDGET, 0, 99 * em) // 2 + em
            ),
        }
        gestures = self.model.columnCount() - FIRST_GESTURE
        least = max(metrics.horizontalAdvance(labels.every(d)) for d in (45, 180, 77)) + em
        width = self.table.viewport().width()
        # A long description gives way first (its tooltip has it all), then the window scrolls.
        spare = width - sum(fixed.values()) - gestures * least
        if spare < 0:
            fixed[LABEL] = max(fixed[LABEL] + spare, min(fixed[LABEL], 10 * em))
        for column, size in fixed.items():
            header.resizeSection(column, size)
        share = (width - sum(fixed.values())) // gestures
        for column in range(FIRST_GESTURE, self.model.columnCount()):
            header.resizeSection(column, max(least, share))

        rows = self.model.rowCount()
        height = max(header.minimumHeight(), header.sizeHint().height())
        height += 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(rows))
        height += 0 if rows else self.table.verticalHeader().defaultSectionSize()
        if header.length() > self.table.viewport().width():
            height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setMaximumHeight(height)
