"""Planning or editing one event: what, when (all day, or from-to in a time zone), where,
who, a reminder, its status, and, beside the form, what matters to each guest at the table.

The dialog never writes: Save asks (save_requested) and stays open until the editor has
stored the event; a refusal comes back as a message under the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.briefs import TableBrief
from models.errors import Problem
from models.events import AttendeeChoice, EventData
from models.timezones import all_zone_names
from models.vocab import EventKind, EventStatus
from ui import labels
from ui.attendee_picker import AttendeePicker
from ui.table_brief_panel import TableBriefPanel

_MINUTES = {"minutes": 1, "hours": 60, "days": 24 * 60}
# Kinds where asking for nothing in return is the point (on by default for them).
_GESTURES = {EventKind.THANK_YOU_MEAL, EventKind.OUTING, EventKind.GIFT_DELIVERY}


def _qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _pydatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class EventDialog(QDialog):
    """Signals:
    save_requested(object): the EventData the form describes.
    delete_requested(object): the (stored) EventData to delete.
    invitation_requested(object): the EventData the form describes, to invite its guests.
    """

    save_requested = Signal(object)
    delete_requested = Signal(object)
    invitation_requested = Signal(object)

    def __init__(
        self,
        event: EventData,
        choices: Sequence[AttendeeChoice],
        briefs: Callable[[list[int]], list[TableBrief]],
        default_zone: str = "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._original = event
        self._briefs = briefs
        self._default_zone = default_zone
        self.setWindowTitle(self.tr("Edit event") if event.id else self.tr("Plan an event"))
        self.resize(900, 600)

        self.kind = QComboBox()
        for value, text in labels.event_kinds().items():
            self.kind.addItem(text, value)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Thank-you dinner with…"))
        self.all_day = QCheckBox(self.tr("All day"))
        self.starts = QDateTimeEdit()
        self.ends = QDateTimeEdit()
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(all_zone_names())
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(all_zone_names(), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Restaurant, address, stadium…"))
        self.attendees = AttendeePicker(choices)
        self.remind = QCheckBox(self.tr("Remind me"))
        self.remind_amount = QSpinBox()
        self.remind_amount.setRange(0, 60 * 24 * 365)
        self.remind_unit = QComboBox()
        for unit, text in (
            ("minutes", self.tr("minutes before")),
            ("hours", self.tr("hours before")),
            ("days", self.tr("days before")),
        ):
            self.remind_unit.addItem(text, unit)
        self.status = QComboBox()
        for value, text in labels.event_statuses().items():
            self.status.addItem(text, value)
        self.asked_for_nothing = QCheckBox(self.tr("I ask for nothing in return"))
        self.asked_for_nothing.setToolTip(
            self.tr("A thank-you, not a sales meeting: no business talk unless they start it.")
        )
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("Notes for the day"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.briefs_panel = TableBriefPanel()

        when = QHBoxLayout()
        when.addWidget(self.starts, 1)
        when.addWidget(QLabel("–"))
        when.addWidget(self.ends, 1)
        when.addWidget(self.all_day)
        reminder = QHBoxLayout()
        reminder.addWidget(self.remind)
        reminder.addWidget(self.remind_amount)
        reminder.addWidget(self.remind_unit, 1)
        form = QFormLayout()
        form.addRow(self.tr("What"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("When"), when)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Where"), self.location)
        form.addRow(self.tr("Guests"), self.attendees)
        form.addRow(self.tr("Reminder"), reminder)
        form.addRow(self.tr("Status"), self.status)
        form.addRow("", self.asked_for_nothing)
        form.addRow(self.tr("Notes"), self.description)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.problem)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("What matters at the table"))
        heading.setObjectName("sectionTitle")
        right_layout.addWidget(heading)
        right_layout.addWidget(self.briefs_panel)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button: QPushButton | None = None
        self.invitation_button: QPushButton | None = None
        if event.id is not None:
            self.delete_button = self.buttons.addButton(
                self.tr("Delete event"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.invitation_button = self.buttons.addButton(
                self.tr("Invitation…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.invitation_button.setToolTip(
                self.tr("Save an invitation (.ics) to attach to an email to the guests")
            )
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self._show(event)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        if self.delete_button is not None:
            self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self._original))
        if self.invitation_button is not None:
            self.invitation_button.clicked.connect(
                lambda: self.invitation_requested.emit(self.event)
            )
        self.all_day.toggled.connect(self._on_all_day_toggled)
        self.remind.toggled.connect(self._on_remind_toggled)
        self.starts.dateTimeChanged.connect(self._on_starts_changed)
        self.attendees.changed.connect(self._on_attendees_changed)
        self.kind.activated.connect(self._on_kind_activated)

    # -- API -----------------------------------------------------------------------------

    @property
    def event(self) -> EventData:
        """The event as the form describes it (identity and version of the original)."""
        starts, ends = _pydatetime(self.starts.dateTime()), _pydatetime(self.ends.dateTime())
        if self.all_day.isChecked():
            starts = dt.datetime.combine(starts.date(), dt.time())
            ends = dt.datetime.combine(ends.date() + dt.timedelta(days=1), dt.time())
        reminder = None
        if self.remind.isChecked():
            reminder = self.remind_amount.value() * _MINUTES[self.remind_unit.currentData()]
        return replace(
            self._original,
            kind=self.kind.currentData(),
            title=self.title.text().strip(),
            starts_at=starts,
            ends_at=ends,
            all_day=self.all_day.isChecked(),
            timezone="" if self.all_day.isChecked() else self.zone.currentText().strip(),
            location=self.location.text().strip(),
            description=self.description.toPlainText(),
            reminder_minutes=reminder,
            status=self.status.currentData(),
            asked_for_nothing=self.asked_for_nothing.isChecked(),
            attendees=self.attendees.attendees(),
        )

    def set_read_only(self, read_only: bool) -> None:
        """Another window holds the database: the event can be read, not saved."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not read_only)
        if self.delete_button is not None:
            self.delete_button.setEnabled(not read_only)

    def show_problem(self, field: str, problem: Problem) -> None:
        names = {
            "title": self.tr("Title"),
            "ends_at": self.tr("End"),
            "timezone": self.tr("Time zone"),
            "reminder_minutes": self.tr("Reminder"),
        }
        text = labels.problem(problem)
        if field == "ends_at" and problem is Problem.OUT_OF_RANGE:
            text = self.tr("The event must end after it starts.")
        elif field == "ends_at" and problem is Problem.TOO_LONG:
            text = self.tr("An event lasts at most two months.")
        self.show_message(f"{names.get(field, field)}: {text}", error=True)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """A line under the form: a problem (red), or what just happened."""
        self.problem.setObjectName("problem" if error else "")
        self.problem.style().unpolish(self.problem)
        self.problem.style().polish(self.problem)
        self.problem.setText(text)
        self.problem.show()

    # -- Slots ---------------------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        self.problem.hide()
        self.save_requested.emit(self.event)

    @Slot(bool)
    def _on_all_day_toggled(self, all_day: bool) -> None:
        """Dates only, or dates and times: the times and the zone of a timed event come
        back when "All day" is unticked (for an all-day event: 19:00, the computer's zone)."""
        if all_day:
            self._timed = (self.starts.time(), self.ends.time(), self.zone.currentText())
        self._show_all_day(all_day)
        if not all_day:
            starts, ends, zone = self._timed
            self.starts.setTime(starts)
            self.ends.setTime(ends)
            self.zone.setCurrentText(zone or self._default_zone)

    def _show_all_day(self, all_day: bool) -> None:
        form = "d MMM yyyy" if all_day else "d MMM yyyy HH:mm"
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat(form)
        self.zone.setEnabled(not all_day)

    @Slot(bool)
    def _on_remind_toggled(self, on: bool) -> None:
        self.remind_amount.setEnabled(on)
        self.remind_unit.setEnabled(on)

    @Slot(QDateTime)
    def _on_starts_changed(self, starts: QDateTime) -> None:
        """Moving the start moves the end with it: the length stays."""
        moved = self._last_start.secsTo(starts)
        self._last_start = starts
        self.ends.setDateTime(self.ends.dateTime().addSecs(moved))

    @Slot()
    def _on_attendees_changed(self) -> None:
        self.briefs_panel.set_briefs(self._briefs(self.attendees.client_ids()))

    @Slot(int)
    def _on_kind_activated(self, index: int) -> None:
        self.asked_for_nothing.setChecked(self.kind.itemData(index) in _GESTURES)

    # -- Inside --------------------------------------------------------------------------

    def _show(self, event: EventData) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(event.kind)))
        self.title.setText(event.title)
        self._timed = (QTime(19, 0), QTime(21, 0), self._default_zone)
        self.all_day.setChecked(event.all_day)  # not connected yet: nothing to remember
        self._show_all_day(event.all_day)
        ends = event.ends_at - dt.timedelta(days=1) if event.all_day else event.ends_at
        self.starts.setDateTime(_qdatetime(event.starts_at))
        self.ends.setDateTime(_qdatetime(ends))
        self._last_start = self.starts.dateTime()
        self.zone.setCurrentText(event.timezone or ("" if event.all_day else self._default_zone))
        self.location.setText(event.location)
        self.attendees.set_attendees(event.attendees)
        minutes = event.reminder_minutes
        self.remind.setChecked(minutes is not None)
        self._on_remind_toggled(minutes is not None)
        if minutes is None:
            unit, amount = "days", 1  # what a new reminder offers first
        else:
            unit = next(u for u in ("days", "hours", "minutes") if minutes % _MINUTES[u] == 0)
            amount = minutes // _MINUTES[unit]
        self.remind_unit.setCurrentIndex(self.remind_unit.findData(unit))
        self.remind_amount.setValue(amount)
        self.status.setCurrentIndex(max(0, self.status.findData(event.status)))
        self.asked_for_nothing.setChecked(event.asked_for_nothing)
        self.description.setPlainText(event.description)
        self.briefs_panel.set_briefs(self._briefs(self.attendees.client_ids()))
        if event.status == EventStatus.PLANNED and not event.id:
            self.title.setFocus()
