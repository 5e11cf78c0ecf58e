"""The courtship programme on a client card.

At the top, what needs attention (AttentionPanel): late promises and those due this week,
gestures overdue or due within a week, a snooze, and the tastes to confirm at the next
meeting, each with a one-click "confirmed". Further down, the history (HistoryPanel): the
last contact, how the moments went, and the log itself, newest first.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.courtship import KIND_OF, CardCourtship
from models.vocab import Gesture
from ui import labels
from ui.list_table import list_table
from ui.timeline_model import DATE, KIND, SUMMARY, TONE, WORTH, TimelineModel

_LATE = "#B3261E"
_SOON = "#8A5A00"
HISTORY_ROWS_SHOWN = 8  # then the history scrolls inside the card


def _links(label: QLabel) -> None:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.LinksAccessibleByMouse
        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    )


class AttentionPanel(QFrame):
    """Signals:
    log_requested(str): log this kind of contact (vocab.InteractionKind), for a gesture due.
    confirm_requested(list): these preference ids were confirmed just now.
    """

    log_requested = Signal(str)
    confirm_requested = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("attention")
        self.due = QLabel()
        self.reconfirm_title = QLabel(self.tr("Confirm at the next meeting"))
        self.reconfirm_title.setObjectName("sectionTitle")
        self.reconfirm = QLabel()
        for label in (self.due, self.reconfirm):
            _links(label)
            label.linkActivated.connect(self._on_link_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.due)
        layout.addWidget(self.reconfirm_title)
        layout.addWidget(self.reconfirm)
        self._stale: list[int] = []
        self._read_only = False

    def show_state(self, state: CardCourtship, today: dt.date) -> None:
        lines = []
        for p in state.late_promises:
            lines.append(
                f"<span style='color:{_LATE}'>"
                + html.escape(
                    self.tr("Promise late since {date}: {what}").format(
                        date=labels.date(p.due), what=p.what
                    )
                )
                + "</span>"
            )
        for p in state.promises_this_week:
            lines.append(
                f"<span style='color:{_SOON}'>"
                + html.escape(
                    self.tr("Promise due {when}: {what}").format(
                        when=labels.relative_day(p.due, today), what=p.what
                    )
                )
                + "</span>"
            )
        gestures = labels.gestures()
        for item in state.due:
            name = gestures.get(item.gesture, item.gesture)
            if item.overdue:
                text = self.tr("{gesture}: overdue by {n} days").format(
                    gesture=name, n=item.days_overdue
                )
            else:
                text = self.tr("{gesture}: due {when}").format(
                    gesture=name, when=labels.relative_day(item.due, today)
                )
            color = _LATE if item.overdue else _SOON
            link = "" if self._read_only else self._log_link(Gesture(item.gesture))
            lines.append(f"<span style='color:{color}'>{html.escape(text)}</span>{link}")
        if state.snoozed_until is not None and state.snoozed_until > today:
            lines.append(
                html.escape(
                    self.tr("Snoozed until {date}: not on the due list before then.").format(
                        date=labels.date(state.snoozed_until)
                    )
                )
            )
        self.due.setText("<br>".join(lines))
        self.due.setVisible(bool(lines))

        self._stale = [p.id for p in state.to_reconfirm if p.id is not None]
        categories = labels.preference_categories()
        rows = []
        for p in state.to_reconfirm:
            since = (
                self.tr("confirmed {ago}").format(ago=labels.ago(p.last_confirmed, today))
                if p.last_confirmed
                else self.tr("never confirmed")
            )
            text = f"{categories.get(p.category, p.category)}: {p.value} ({since})"
            link = (
                ""
                if self._read_only
                else f" · <a href='confirm:{p.id}'>{self.tr('Still true')}</a>"
            )
            rows.append(html.escape(text) + link)
        if len(rows) > 1 and not self._read_only:
            rows.append(f"<a href='confirm:all'>{html.escape(self.tr('All still true'))}</a>")
        self.reconfirm.setText("<br>".join(rows))
        self.reconfirm.setToolTip(
            self.tr("If a taste has changed, edit it under Tastes: the old one is kept as history.")
        )
        for part in (self.reconfirm_title, self.reconfirm):
            part.setVisible(bool(rows))
        self.setVisible(bool(lines or rows))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def _log_link(self, gesture: Gesture) -> str:
        return f" · <a href='log:{KIND_OF[gesture].value}'>{html.escape(self.tr('Log it'))}</a>"

    @Slot(str)
    def _on_link_activated(self, link: str) -> None:
        what, value = link.split(":", 1)
        if what == "log":
            self.log_requested.emit(value)
        elif what == "confirm":
            self.confirm_requested.emit(self._stale if value == "all" else [int(value)])


class HistoryPanel(QWidget):
    """Signals:
    log_requested(): log something new for this client.
    edit_requested(int): open this entry (its id) in the log dialog.
    delete_requested(int): delete this entry.
    """

    log_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("History"))
        self.title.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.log_button = QToolButton(text=self.tr("Log…"))
        self.log_button.setAutoRaise(True)
        self.log_button.setToolTip(self.tr("Log a call, a meal, a gift… (Ctrl+L)"))
        self.remove_button = QToolButton(text=self.tr("Remove"))
        self.remove_button.setAutoRaise(True)
        self.remove_button.setEnabled(False)
        self.model = TimelineModel(self)
        self.table = list_table(self.model)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for column, mode in (
            (DATE, QHeaderView.ResizeMode.ResizeToContents),
            (KIND, QHeaderView.ResizeMode.ResizeToContents),
            (SUMMARY, QHeaderView.ResizeMode.Stretch),
            (TONE, QHeaderView.ResizeMode.ResizeToContents),
            (WORTH, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(column, mode)
        self.empty = QLabel(
            self.tr("Nothing logged yet. Log a call, a meal or a gift with Ctrl+L.")
        )
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)

        self._delete_action = QAction(self.tr("Remove"), self.table)
        self._delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self._delete_action)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.log_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

        self.log_button.clicked.connect(self.log_requested)
        self.remove_button.clicked.connect(self._on_delete_triggered)
        self._delete_action.triggered.connect(self._on_delete_triggered)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._read_only = False

    def show_state(self, state: CardCourtship, today: dt.date, currency: str = "") -> None:
        self.model.set_entries(state.timeline, currency)
        contact = state.contact
        if contact.last_contact is None:
            self.summary.setText(self.tr("No contact logged yet."))
        else:
            self.summary.setText(
                self.tr(
                    "Last contact {date} ({ago}) · {good} went well, {bad} went badly, "
                    "{neutral} neutral"
                ).format(
                    date=labels.date(contact.last_contact),
                    ago=labels.ago(contact.last_contact, today),
                    good=contact.positive,
                    bad=contact.negative,
                    neutral=contact.neutral,
                )
            )
        has_rows = bool(state.timeline)
        self.table.setVisible(has_rows)
        self.summary.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        rows = min(len(state.timeline), HISTORY_ROWS_SHOWN)
        # Rows do not wrap, so each is the default height: known before the table is laid out.
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height)
        self._on_selection_changed()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.log_button.setEnabled(not read_only)
        self._on_selection_changed()

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()).id if rows else None

    @Slot()
    def _on_selection_changed(self) -> None:
        self.remove_button.setEnabled(not self._read_only and self._selected() is not None)

    @Slot()
    def _on_delete_triggered(self) -> None:
        entry_id = self._selected()
        if entry_id is not None and not self._read_only:
            self.delete_requested.emit(entry_id)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and not self._read_only:
            entry_id = self.model.entry(index.row()).id
            if entry_id is not None:
                self.edit_requested.emit(entry_id)
