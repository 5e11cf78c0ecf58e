"""The calendar: a month, a week or an agenda of any range, with every birthday and
anniversary of every client and their family beside the planned meals and outings.

Signals:
    open_client(int): a key date was clicked: show whose card it is.
    open_event(int): an event was clicked.
    plan_on(object): plan something on this date (a date, or a datetime from the week grid).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QDate, QLocale, QMargins, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import occurrences
from models.events import EventOccurrence
from models.occurrences import CalendarItem, Day, Occurrence
from models.vocab import DateKind
from ui import calendar_items, labels, zones
from ui.agenda_model import AgendaModel
from ui.changes import Change, ChangeHub
from ui.month_view import WEEKS, MonthView, grid_start
from ui.week_view import WeekView

MONTH, WEEK, AGENDA = range(3)
AGENDA_DAYS = 30
GRID_ITEMS = 8  # the most of a kind that a day's cell or all-day row can show
GRIDS_KEPT = 12  # months or weeks read (or read ahead) kept until the data changes


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class CalendarPage(QWidget):
    open_client = Signal(int)
    open_event = Signal(int)
    plan_on = Signal(object)

    def __init__(self, hub: ChangeHub, display_zone: str | None = None, parent: Any = None) -> None:
        """`display_zone`: the zone times are shown in; by default the computer's."""
        super().__init__(parent)
        self._hub = hub
        self._zone = display_zone or zones.display_zone()
        self._mode = MONTH
        self._anchor = dt.date.today()
        self._agenda_from = dt.date.today()
        self._agenda_to = dt.date.today() + dt.timedelta(days=AGENDA_DAYS - 1)
        self._grids: dict[tuple[int, dt.date], dict[dt.date, Day]] = {}
        self._prefetch_timer = QTimer(self, singleShot=True, interval=0)
        locale = QLocale()
        self._first_weekday = locale.firstDayOfWeek().value
        self._day_names = [
            locale.dayName((self._first_weekday - 1 + n) % 7 + 1, QLocale.FormatType.ShortFormat)
            for n in range(7)
        ]

        self.month = MonthView(self._first_weekday)
        self.month.set_weekday_names(self._day_names)
        self.week = WeekView()
        self.agenda_model = AgendaModel(self)
        self.agenda = QTableView()
        self.agenda.setModel(self.agenda_model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.verticalHeader().hide()
        self.agenda.setShowGrid(False)
        self.agenda.setAlternatingRowColors(True)
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.agenda_empty = QLabel(self.tr("Nothing in these days."))
        self.agenda_empty.setObjectName("hint")
        self.agenda_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        agenda_box = QWidget()
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(self.agenda, 1)
        agenda_layout.addWidget(self.agenda_empty, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.month)
        self.stack.addWidget(self.week)
        self.stack.addWidget(agenda_box)

        self.modes = QButtonGroup(self)
        # The bar: its controls, then where it is (the title, the agenda's range, Go to);
        # the two halves stack when the page is too narrow for one row (_fit_bar).
        bar = QHBoxLayout()
        for mode, text in (
            (MONTH, self.tr("Month")),
            (WEEK, self.tr("Week")),
            (AGENDA, self.tr("Agenda")),
        ):
            button = QToolButton(text=text)
            button.setCheckable(True)
            button.setChecked(mode == self._mode)
            self.modes.addButton(button, mode)
            bar.addWidget(button)
        bar.addSpacing(12)
        self.previous_button = QToolButton(text="◀")
        self.previous_button.setToolTip(self.tr("Previous (Page Up)"))
        self.today_button = QToolButton(text=self.tr("Today"))
        self.next_button = QToolButton(text="▶")
        self.next_button.setToolTip(self.tr("Next (Page Down)"))
        for button in (self.previous_button, self.today_button, self.next_button):
            bar.addWidget(button)
        bar.addStretch(1)  # packed to the left when the halves stack
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        place = QHBoxLayout()
        place.addWidget(self.title, 1)
        self.agenda_from = QDateEdit(calendarPopup=True)
        self.agenda_to = QDateEdit(calendarPopup=True)
        self.agenda_range = QWidget()
        agenda_bar = QHBoxLayout(self.agenda_range)
        agenda_bar.setContentsMargins(0, 0, 0, 0)
        agenda_bar.addWidget(QLabel(self.tr("From")))
        agenda_bar.addWidget(self.agenda_from)
        agenda_bar.addWidget(QLabel(self.tr("to")))
        agenda_bar.addWidget(self.agenda_to)
        place.addWidget(self.agenda_range)
        self.go_to = QDateEdit(calendarPopup=True)
        self.go_to.setToolTip(self.tr("Go to a date"))
        # The agenda's From and to say where it goes: Go to is for the grids.
        self._go_to = QWidget()
        go_to_row = QHBoxLayout(self._go_to)
        go_to_row.setContentsMargins(0, 0, 0, 0)
        go_to_row.addWidget(QLabel(self.tr("Go to")))
        go_to_row.addWidget(self.go_to)
        place.addWidget(self._go_to)
        self._bar = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._bar.setSpacing(12)
        self._bar.addLayout(bar, 0)
        self._bar.addLayout(place, 1)

        # One label that wraps between its entries: a narrow window shows the legend on two
        # lines, not cut off.
        entries = [
            (
                color,
                labels.date_kinds()[kind] if kind != DateKind.CUSTOM else self.tr("Other dates"),
                "▌",
            )
            for kind, color in calendar_items.KEY_DATE_COLORS.items()
        ]
        entries.append((calendar_items.EVENT_COLOR, self.tr("Planned events"), "■"))
        hint = html.escape(self.tr("Double-click a day to plan something on it."))
        legend = QLabel(
            " &nbsp; ".join(
                f"<span style='color:{color.name()}'>{mark}</span>&nbsp;"
                + html.escape(name).replace(" ", "&nbsp;")
                for color, name, mark in entries
            )
            + f" &nbsp; &nbsp; <span style='color:gray'>{hint}</span>"
        )
        legend.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(legend)
        self._connect_signals()
        self._update_controls()

    def _connect_signals(self) -> None:
        self.modes.idClicked.connect(self.set_mode)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.go_to.dateChanged.connect(self._on_go_to_changed)
        self.agenda_from.dateChanged.connect(self._on_agenda_range_changed)
        self.agenda_to.dateChanged.connect(self._on_agenda_range_changed)
        self.month.item_activated.connect(self._on_item_activated)
        self.month.plan_requested.connect(self.plan_on)
        self.month.day_requested.connect(self._on_day_requested)
        self.month.selected_changed.connect(self._on_month_selection_changed)
        self.week.item_activated.connect(self._on_item_activated)
        self.week.plan_requested.connect(self.plan_on)
        self.agenda.activated.connect(
            lambda index: self._on_item_activated(self.agenda_model.item(index.row()))
        )
        self._hub.changed.connect(self._on_changed)
        self._prefetch_timer.timeout.connect(self._on_prefetch_timeout)
        for keys, step in (
            (QKeySequence.StandardKey.MoveToPreviousPage, -1),
            (QKeySequence.StandardKey.MoveToNextPage, 1),
        ):
            # The whole window's while the calendar shows (the focus may be on the side bar).
            shortcut = QShortcut(
                QKeySequence(keys), self, context=Qt.ShortcutContext.WindowShortcut
            )
            shortcut.activated.connect(lambda step=step: self.step(step))

    # -- API -----------------------------------------------------------------------------

    def range(self) -> tuple[dt.date, dt.date]:
        """The first and last day the current view shows."""
        if self._mode == AGENDA:
            return self._agenda_from, self._agenda_to
        return self._grid_range(self._mode, self._anchor)

    def _grid_range(self, mode: int, anchor: dt.date) -> tuple[dt.date, dt.date]:
        if mode == MONTH:
            first = grid_start(anchor, self._first_weekday)
            return first, first + dt.timedelta(days=7 * WEEKS - 1)
        first = anchor - dt.timedelta(days=(anchor.isoweekday() - self._first_weekday) % 7)
        return first, first + dt.timedelta(days=6)

    def _neighbour(self, mode: int, anchor: dt.date, direction: int) -> dt.date:
        if mode == MONTH:
            month = anchor.month - 1 + direction
            return dt.date(anchor.year + month // 12, month % 12 + 1, 1)
        return anchor + dt.timedelta(days=7 * direction)

    @Slot(int)
    def set_mode(self, mode: int) -> None:
        self._mode = mode
        self.modes.button(mode).setChecked(True)
        self.stack.setCurrentIndex(mode)
        self.reload()

    def step(self, direction: int) -> None:
        if self._mode in (MONTH, WEEK):
            self._anchor = self._neighbour(self._mode, self._anchor, direction)
        else:
            span = (self._agenda_to - self._agenda_from).days + 1
            self._agenda_from += dt.timedelta(days=span * direction)
            self._agenda_to += dt.timedelta(days=span * direction)
        self.reload()

    @Slot()
    def go_today(self) -> None:
        self.show_date(dt.date.today())

    def show_date(self, day: dt.date) -> None:
        self._anchor = day
        if self._mode == AGENDA and not self._agenda_from <= day <= self._agenda_to:
            span = (self._agenda_to - self._agenda_from).days
            self._agenda_from, self._agenda_to = day, day + dt.timedelta(days=span)
        self.month.select(day)
        self.reload()

    def reload(self) -> None:
        """Show the current range: the agenda reads it; a grid comes from the cache of grids
        read (or read ahead) since the data last changed."""
        if not self.isVisible():
            return  # it reloads when shown
        first, last = self.range()
        today = dt.date.today()
        if self._mode == AGENDA:
            items = occurrences.between(first, last, self._zone)
            self.agenda_model.set_items(items, first, today)
            self.agenda.setVisible(bool(items))
            self.agenda_empty.setVisible(not items)
        else:
            days = self._grid(self._mode, first, last)
            self._prefetch_timer.start()
            if self._mode == MONTH:
                self.month.set_month(self._anchor, today)
                self.month.set_days(days)
            else:
                self.week.set_week(first, today, [f"{n} " for n in self._day_names])
                self.week.set_days(days)
        self._update_controls()

    def _grid(self, mode: int, first: dt.date, last: dt.date) -> dict[dt.date, Day]:
        """A grid's days, from the cache when they were read (or read ahead) since the data
        last changed."""
        key = (mode, first)
        days = self._grids.get(key)
        if days is None:
            if len(self._grids) > GRIDS_KEPT:
                self._grids.clear()
            # The week's hour grid shows every timed event; a month's cell only a few.
            events = GRID_ITEMS if mode == MONTH else None
            days = occurrences.grid_days(
                first, last, self._zone, key_dates=GRID_ITEMS, events=events
            )
            self._grids[key] = days
        return days

    @Slot()
    def _on_prefetch_timeout(self) -> None:
        """Read the next and the previous grid while the person looks at this one, one per
        idle moment, so that PageUp and PageDown only paint."""
        if self._mode == AGENDA or not self.isVisible():
            return
        for direction in (1, -1):
            first, last = self._grid_range(
                self._mode, self._neighbour(self._mode, self._anchor, direction)
            )
            if (self._mode, first) not in self._grids:
                self._grid(self._mode, first, last)
                self._prefetch_timer.start()  # the other one at the next idle moment
                return

    # -- Slots ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_bar()

    def _fit_bar(self) -> None:
        """One row where it fits, else the title and Go to under the controls."""
        controls, place = (self._bar.itemAt(n).layout() for n in (0, 1))
        for half in (controls, place):
            half.invalidate()  # a new title or a shown field: its width, not the last one's
        margins = self.layout().contentsMargins() if self.layout() else QMargins()
        needed = (
            controls.sizeHint().width() + self._bar.spacing() + place.sizeHint().width()
            + margins.left() + margins.right()
        )  # fmt: skip
        wide = needed <= self.width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._bar.direction() != direction:
            self._bar.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:
        # Always fresh when it comes into view (a new day, a changed setting): one query.
        super().showEvent(event)
        # Fresh data on every show (another day, another window's writes), read after the
        # show: an error while reading must reach the bug report, not abort Qt.
        self._grids.clear()
        QTimer.singleShot(0, self, self.reload)
        self.stack.currentWidget().setFocus()  # arrows move the day, Enter plans on it

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        self._grids.clear()
        self.reload()

    @Slot(object)
    def _on_item_activated(self, item: CalendarItem) -> None:
        if isinstance(item, Occurrence):
            self.open_client.emit(item.client_id)
        elif isinstance(item, EventOccurrence):
            self.open_event.emit(item.event_id)

    @Slot(object)
    def _on_day_requested(self, day: dt.date) -> None:
        self._agenda_from = self._agenda_to = day
        self.set_mode(AGENDA)

    @Slot(object)
    def _on_month_selection_changed(self, day: dt.date) -> None:
        if (day.year, day.month) != (self._anchor.year, self._anchor.month):
            self._anchor = day
            self.reload()

    @Slot(QDate)
    def _on_go_to_changed(self, day: QDate) -> None:
        if _pydate(day) != self._anchor:
            self.show_date(_pydate(day))

    @Slot()
    def _on_agenda_range_changed(self) -> None:
        first, last = _pydate(self.agenda_from.date()), _pydate(self.agenda_to.date())
        if (first, last) != (self._agenda_from, self._agenda_to) and first <= last:
            self._agenda_from, self._agenda_to = first, last
            self.reload()

    # -- Inside --------------------------------------------------------------------------

    def _update_controls(self) -> None:
        locale = QLocale()
        first, last = self.range()
        if self._mode == MONTH:
            title = locale.toString(_qdate(self._anchor), "MMMM yyyy")
        elif self._mode == WEEK:
            since = locale.toString(_qdate(first), "d MMM")
            title = f"{since} – {locale.toString(_qdate(last), 'd MMM yyyy')}"
        else:
            title = f"{labels.date(first)} – {labels.date(last)}"
        self.title.setText(title)
        self.agenda_range.setVisible(self._mode == AGENDA)
        self._go_to.setVisible(self._mode != AGENDA)
        self._fit_bar()
        for edit, value in (
            (self.go_to, self._anchor),
            (self.agenda_from, self._agenda_from),
            (self.agenda_to, self._agenda_to),
        ):
            edit.blockSignals(True)
            edit.setDate(_qdate(value))
            edit.blockSignals(False)
