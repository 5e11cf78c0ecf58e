"""This week: what the app opens on. The dates coming up (each from the moment its lead time
begins, with what to prepare), the planned meals and outings, and the promises due or late.
Every line opens its card or its event.

Signals:
    open_client(int): a key date or a promise was chosen.
    open_event(int): an event was chosen.
    open_courtship(): the whole overdue list was asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from models import settings
from models.vocab import DateKind
from ui import labels

# The window first paints this page empty, before its data loads: what only the load and
# its lines need (the zone, html, calendar_items and the models behind them; about 25 ms)
# is imported by them.
from ui.changes import Change, ChangeHub
from ui.turns import next_turn

if TYPE_CHECKING:
    from models.courtship import DueItem
    from models.dashboard import DueDate, PromiseDue, WeekAhead
    from models.events import EventOccurrence

_LATE = QColor("#B3261E")
_CLIENT, _EVENT, _COURTSHIP, _CALENDAR = "client", "event", "courtship", "calendar"
OVERDUE_SHOWN = 8
# Dates and plans shown per section; the calendar has the rest. A label of rich text takes
# about a millisecond a line to lay out: a fortnight of a 100k-client base (17,000 dates
# and plans) kept the window from answering for 16 s.
WEEK_SHOWN = 40


_Line = tuple[str, str, int, QColor | None]  # text, what it opens, its id, a colour or None
_T = TypeVar("_T")


def _first(
    items: Sequence[_T], shown: int, line: Callable[[_T], _Line], more: tuple[str, str]
) -> list[_Line]:
    """The lines of the first `shown` items, then "and N more" (`more`: its text, with
    {n}, and what it opens) when there are more."""
    lines = [line(item) for item in items[:shown]]
    if len(items) > shown:
        text, target = more
        lines.append((text.format(n=QLocale().toString(len(items) - shown)), target, 0, None))
    return lines


class _Section(QWidget):
    """A titled list of lines, each a link to what it is about. Rich-text links in one
    label: they wrap with the window, open with a click, and Tab reaches them."""

    activated = Signal(str, int)  # what ("client" or "event") and its id

    def __init__(self, title: str, empty: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.lines.linkActivated.connect(self._on_link_activated)
        self._empty = empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)

    def set_lines(self, lines: list[_Line]) -> None:
        import html

        if not lines:
            self.lines.setText(f"<p style='color:gray'>{html.escape(self._empty)}</p>")
            return
        rows = []
        for text, target, target_id, color in lines:
            style = f"color:{color.name()};" if color is not None else ""
            rows.append(
                f"<p style='margin:3px 0'><a href='{target}:{target_id}' "
                f"style='{style}text-decoration:none'>{html.escape(text)}</a></p>"
            )
        self.lines.setText("".join(rows))

    @Slot(str)
    def _on_link_activated(self, link: str) -> None:
        target, target_id = link.split(":", 1)
        self.activated.emit(target, int(target_id))


class DashboardPage(QScrollArea):
    open_client = Signal(int)
    open_event = Signal(int)
    open_courtship = Signal()
    open_calendar = Signal()

    def __init__(self, hub: ChangeHub, display_zone: str | None = None, parent: Any = None) -> None:
        """`display_zone`: the zone times are shown in; by default the computer's, asked at
        the first load (after the window first paints)."""
        super().__init__(parent)
        self._hub = hub
        self._zone = display_zone
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.heading = QLabel(self.tr("This week and the next"))  # on screen before it loads
        self.heading.setObjectName("emptyTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("hint")
        self.dates = _Section(
            self.tr("Dates coming up"), self.tr("No birthday or anniversary in these days.")
        )
        self.events = _Section(
            self.tr("Planned"),
            self.tr("Nothing planned. A thank-you meal, perhaps? (Calendar: double-click a day)"),
        )
        self.promises = _Section(
            self.tr("Promises due"), self.tr("No promise due: every commitment is on track.")
        )
        self.overdue = _Section(
            self.tr("Overdue for attention"),
            self.tr("Nobody is overdue: every client has had what their tier asks for."),
        )
        body = QWidget()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.dates)
        left.addStretch(1)
        right.addWidget(self.events)
        right.addSpacing(12)
        right.addWidget(self.promises)
        right.addSpacing(12)
        right.addWidget(self.overdue)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)
        self.setWidget(body)
        # Reloads once the page has painted (see showEvent): the body is what paints.
        self._reload_on_paint = False
        self._overdue_pending = False  # its read is asked for (see reload)
        body.installEventFilter(self)
        for section in (self.dates, self.events, self.promises, self.overdue):
            section.activated.connect(self._on_link_activated)
        self._hub.changed.connect(self._on_changed)

    def reload(self) -> None:
        if not self.isVisible():
            return  # it reloads when shown
        # Imported here, after the window's first paint (see showEvent): 60 ms of start-up.
        from models import dashboard
        from ui.zones import display_zone

        today = dt.date.today()
        zone = self._zone or display_zone()
        self.show_week(dashboard.week_ahead(today, settings.dashboard_days(), zone))
        # Who is overdue in the next turn of the event loop: at 100k clients each read
        # takes about half a second, and the window answers in between. One read for
        # reloads asked meanwhile, and none once the page is hidden (it reloads when shown).
        if not self._overdue_pending:
            self._overdue_pending = True
            next_turn(self, self._reload_overdue)

    def _reload_overdue(self) -> None:
        self._overdue_pending = False
        if not self.isVisible():
            return
        from models import courtship  # see reload

        today = dt.date.today()
        self.show_overdue([i for i in courtship.due_items(today, 0) if i.overdue], today)

    def show_overdue(self, items: list[DueItem], today: dt.date) -> None:
        """The most pressing few; the Courtship page has them all."""
        gestures = labels.gestures()

        def line(item: DueItem) -> _Line:
            text = self.tr("{client}: {gesture}, {n} days overdue").format(
                client=item.client_name,
                gesture=gestures.get(item.gesture, item.gesture).lower(),
                n=item.days_overdue,
            )
            return text, _CLIENT, item.client_id, None

        more = self.tr("and {n} more: see Courtship")
        self.overdue.set_lines(_first(items, OVERDUE_SHOWN, line, (more, _COURTSHIP)))

    def show_week(self, week: WeekAhead) -> None:
        locale = QLocale()
        self.heading.setText(self.tr("This week and the next"))
        last = week.today + dt.timedelta(days=week.days - 1)
        self.subheading.setText(
            self.tr("{today}: the next {n} days, up to {last}").format(
                today=locale.toString(
                    QDate(week.today.year, week.today.month, week.today.day),
                    QLocale.FormatType.LongFormat,
                ),
                n=week.days,
                last=labels.date(last),
            )
        )
        more = (self.tr("and {n} more: see the Calendar"), _CALENDAR)
        self.dates.set_lines(
            _first(week.key_dates, WEEK_SHOWN, lambda d: self._date_line(d, week.today), more)
        )
        self.events.set_lines(
            _first(week.events, WEEK_SHOWN, lambda e: self._event_line(e, week.today), more)
        )
        self.promises.set_lines([self._promise_line(p, week.today) for p in week.promises])

    # -- Lines ---------------------------------------------------------------------------

    def _date_line(self, due: DueDate, today: dt.date) -> _Line:
        from ui import calendar_items

        occ = due.occurrence
        text = f"{labels.relative_day(occ.date, today)} · {calendar_items.full_text(occ)}"
        if occ.date == today:
            text += " — " + self.tr("today: call or write to wish them well")
        elif due.preparing:
            text += " — " + self._prepare(occ.kind)
        return text, _CLIENT, occ.client_id, calendar_items.color(occ)

    def _prepare(self, kind: str) -> str:
        return {
            DateKind.BIRTHDAY: self.tr("time to find a gift"),
            DateKind.WEDDING_ANNIVERSARY: self.tr("time to send a card or flowers"),
            DateKind.BUSINESS_ANNIVERSARY: self.tr("time to write a note"),
            DateKind.NAME_DAY: self.tr("time to send a greeting"),
        }.get(DateKind(kind), self.tr("time to prepare"))

    def _event_line(self, event: EventOccurrence, today: dt.date) -> _Line:
        from ui import calendar_items

        when = labels.relative_day(max(event.date, today), today)
        return f"{when} · {calendar_items.full_text(event)}", _EVENT, event.event_id, None

    def _promise_line(self, promise: PromiseDue, today: dt.date) -> _Line:
        if promise.late:
            when = self.tr("late since {date}").format(date=labels.date(promise.due))
        else:
            when = self.tr("due {when}").format(when=labels.relative_day(promise.due, today))
        text = f"{promise.client_name}: {promise.what} ({when})"
        return text, _CLIENT, promise.client_id, _LATE if promise.late else None

    # -- Slots ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Always fresh when it comes into view (a new day, a changed setting): one query,
        # once the page has painted, so that the window's first paint does not wait for it
        # (0.5 s with 10k clients), then from the event loop, so that an error while
        # reading reaches the bug report rather than aborting Qt.
        super().showEvent(event)
        self._reload_on_paint = True
        self.widget().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._reload_on_paint:
            self._reload_on_paint = False
            QTimer.singleShot(0, self, self.reload)
        return super().eventFilter(watched, event)

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        self.reload()

    @Slot(str, int)
    def _on_link_activated(self, target: str, target_id: int) -> None:
        if target == _COURTSHIP:
            self.open_courtship.emit()
        elif target == _CALENDAR:
            self.open_calendar.emit()
        else:
            (self.open_client if target == _CLIENT else self.open_event).emit(target_id)
