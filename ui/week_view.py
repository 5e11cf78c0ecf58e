"""A week: seven days side by side, key dates and all-day events in a row on top, timed
events as blocks on an hour grid below (events that overlap share the width of their day).
Painted, like the month view; the hour grid scrolls, the all-day row stays."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QToolTip, QVBoxLayout, QWidget

from models.events import EventOccurrence
from models.occurrences import CalendarItem, Day
from ui import calendar_items

GUTTER = 52  # room for the hour labels
HOUR = 44  # pixels per hour


class _Days(QWidget):
    """What the header and the grid share: the week's days and where their columns are."""

    item_activated = Signal(object)
    plan_requested = Signal(object)  # a datetime: the day, and the hour clicked (or None)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.first = dt.date.today()
        self.today = dt.date.today()
        self.days: dict[dt.date, Day] = {}
        self.hits: list[tuple[QRect, CalendarItem]] = []
        self.setMouseTracking(True)

    def column(self, n: int) -> QRect:
        # The header keeps a right margin as wide as the grid's scroll bar: same columns.
        width = (self.width() - self.contentsMargins().right() - GUTTER) / 7
        left = GUTTER + round(n * width)
        return QRect(left, 0, GUTTER + round((n + 1) * width) - left, self.height())

    def day_at(self, pos: QPoint) -> int | None:
        return next((n for n in range(7) if self.column(n).contains(pos)), None)

    def hit(self, pos: QPoint) -> CalendarItem | None:
        return next((item for rect, item in self.hits if rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.hit(event.position().toPoint())
        if item is not None:
            self.item_activated.emit(item)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self.hit(event.position().toPoint())
        if item is None:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        QToolTip.showText(event.globalPosition().toPoint(), calendar_items.full_text(item), self)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paint_block(self, painter: QPainter, rect: QRect, item: CalendarItem, text: str) -> None:
        calendar_items.paint(painter, rect, item, text, self.font(), self.fontMetrics())
        self.hits.append((rect, item))


class _Header(_Days):
    """Day names and dates, then the all-day row."""

    def all_day(self, day: dt.date) -> tuple[list[CalendarItem], int]:
        """The day's all-day items (key dates, all-day events) and how many there are."""
        entry = self.days.get(day, Day([], 0))
        items = [i for i in entry.items if not isinstance(i, EventOccurrence) or i.all_day]
        return items, entry.total - (len(entry.items) - len(items))

    def rows(self) -> int:
        return max([1, *(self.all_day(self.first + dt.timedelta(days=n))[1] for n in range(7))])

    def preferred_height(self) -> int:
        line = self.fontMetrics().height() + 4
        return line * 2 + 6 + min(self.rows(), 5) * line

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        line = self.fontMetrics().height() + 4
        self.hits = []
        bold = QFont(self.font())
        bold.setBold(True)
        more = calendar_items.more_text(self.fontMetrics(), self.column(0).width() - 10)
        for n in range(7):
            day = self.first + dt.timedelta(days=n)
            column = self.column(n)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(column.topLeft(), column.bottomLeft())
            title = QRect(column.left(), 2, column.width(), line * 2)
            painter.setFont(bold if day == self.today else self.font())
            painter.setPen(
                palette.color(QPalette.ColorRole.Highlight)
                if day == self.today
                else palette.color(QPalette.ColorRole.Text)
            )
            painter.drawText(
                title, Qt.AlignmentFlag.AlignCenter, self.day_names[n] + f"\n{day.day}"
            )
            painter.setFont(self.font())
            top = line * 2 + 4
            items, total = self.all_day(day)
            room = (self.height() - top) // line
            for k, item in enumerate(items):
                if k == room - 1 and total > room:
                    painter.setPen(palette.color(QPalette.ColorRole.Link))
                    painter.drawText(
                        QRect(column.left() + 4, top, column.width() - 6, line),
                        Qt.AlignmentFlag.AlignVCenter,
                        more.format(n=total - k),
                    )
                    break
                rect = QRect(column.left() + 2, top, column.width() - 4, line - 2)
                self.paint_block(painter, rect, item, calendar_items.short_text(item))
                top += line
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)

    day_names: list[str] = [""] * 7


class _Grid(_Days):
    """The hours of the week, with timed events placed by their start and end."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(24 * HOUR)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        n = self.day_at(pos)
        if n is not None and self.hit(pos) is None:
            hour = min(23, max(0, pos.y() // HOUR))
            day = self.first + dt.timedelta(days=n)
            self.plan_requested.emit(dt.datetime.combine(day, dt.time(hour)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        visible = event.rect()
        painter.fillRect(visible, palette.color(QPalette.ColorRole.Base))
        self.hits = []
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        for hour in range(24):
            y = hour * HOUR
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(GUTTER, y, self.width(), y)
            painter.setPen(muted)
            painter.drawText(
                QRect(0, y, GUTTER - 6, self.fontMetrics().height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                f"{hour:02d}:00",
            )
        for n in range(7):
            day = self.first + dt.timedelta(days=n)
            column = self.column(n)
            if day == self.today:
                tint = QColor(palette.color(QPalette.ColorRole.Highlight))
                tint.setAlpha(28)
                painter.fillRect(column, tint)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(column.topLeft(), column.bottomLeft())
            timed = [
                i
                for i in self.days.get(day, Day([], 0)).items
                if isinstance(i, EventOccurrence) and not i.all_day
            ]
            for item, lane, lanes in _lanes(timed):
                start = max(item.start, dt.datetime.combine(day, dt.time()))
                end = min(item.end, dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
                top = round((start.hour + start.minute / 60) * HOUR)
                bottom = max(top + 18, round(((end - start).total_seconds() / 3600) * HOUR) + top)
                width = (column.width() - 4) / lanes
                rect = QRect(
                    column.left() + 2 + round(lane * width),
                    top + 1,
                    round(width) - 2,
                    bottom - top - 2,
                )
                if rect.intersects(visible):  # the scroll area shows a third of the day
                    self.paint_block(painter, rect, item, calendar_items.short_text(item))
                else:
                    self.hits.append((rect, item))  # still clickable once scrolled to
        now = dt.datetime.now()
        if self.first <= now.date() < self.first + dt.timedelta(days=7):
            column = self.column((now.date() - self.first).days)
            y = round((now.hour + now.minute / 60) * HOUR)
            painter.setPen(QColor("#D6336C"))
            painter.drawLine(column.left(), y, column.right(), y)


def _lanes(timed: list[EventOccurrence]) -> list[tuple[EventOccurrence, int, int]]:
    """Side-by-side lanes for overlapping events: each takes the first lane free at its
    start, and the events of one overlapping group share that group's number of lanes."""
    result: list[tuple[EventOccurrence, int, int]] = []
    group: list[tuple[EventOccurrence, int]] = []
    group_end = dt.datetime.min

    def flush() -> None:
        lanes = max(lane for _, lane in group) + 1
        result.extend((event, lane, lanes) for event, lane in group)
        group.clear()

    for item in sorted(timed, key=lambda e: (e.start, e.end)):
        if group and item.start >= group_end:
            flush()
        busy = {lane for event, lane in group if event.end > item.start}
        group.append((item, next(n for n in range(len(group) + 1) if n not in busy)))
        group_end = max(group_end, item.end) if len(group) > 1 else item.end
    if group:
        flush()
    return result


class WeekView(QWidget):
    """Signals:
    item_activated(object): a CalendarItem was clicked.
    plan_requested(object): a datetime (a day and an hour) was double-clicked.
    """

    item_activated = Signal(object)
    plan_requested = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.header = _Header()
        self.grid = _Grid()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.grid)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The header keeps the scroll bar's width free, so its columns line up with the grid's.
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        for part in (self.header, self.grid):
            part.item_activated.connect(self.item_activated)
        self.grid.plan_requested.connect(self.plan_requested)
        self.scroll.verticalScrollBar().setValue(8 * HOUR)

    def set_week(self, first: dt.date, today: dt.date, day_names: list[str]) -> None:
        self._new_week = first != self.grid.first
        for part in (self.header, self.grid):
            part.first, part.today = first, today
        self.header.day_names = day_names
        self.update_parts()

    def set_days(self, days: dict[dt.date, Day]) -> None:
        for part in (self.header, self.grid):
            part.days = days
        self.update_parts()
        if getattr(self, "_new_week", True):
            # A new week opens on its earliest event (an hour before), else at 08:00.
            starts = [
                i.start.hour
                for day in days.values()
                for i in day.items
                if isinstance(i, EventOccurrence) and not i.all_day
            ]
            self.scroll.verticalScrollBar().setValue(max(0, min(starts, default=9) - 1) * HOUR)

    def update_parts(self) -> None:
        self.header.setFixedHeight(self.header.preferred_height())
        scrollbar = self.scroll.verticalScrollBar().sizeHint().width()
        self.header.setContentsMargins(0, 0, scrollbar, 0)
        self.header.update()
        self.grid.update()
