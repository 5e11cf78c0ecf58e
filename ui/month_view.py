"""A month as a grid of six weeks: each day with its birthdays, anniversaries and planned
events, "+N more" when they do not fit, today marked. Painted in one pass (no widget per
day or item), so that switching months costs a query and a repaint.

Click an item to open it, "+N more" to see the whole day, double-click a day (or press
Enter) to plan something on it; arrow keys move the selected day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from models.occurrences import CalendarItem, Day
from ui import calendar_items

WEEKS = 6


class _More(NamedTuple):
    """The "+N more" line of a day (calendar items are tuples too: a class of its own)."""

    day: dt.date


class _Style(NamedTuple):
    """What every cell of one paint uses."""

    line: int  # the height of an item's line
    font: QFont
    metrics: QFontMetrics
    more: str  # "+{n} more", translated
    more_color: QColor


# Made once: a month paints hundreds of items, and each Qt enum looked up costs a call.
_CENTER = Qt.AlignmentFlag.AlignCenter
_V_CENTER = Qt.AlignmentFlag.AlignVCenter
_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
_ONE_DAY = dt.timedelta(days=1)


def grid_start(month: dt.date, first_weekday: int) -> dt.date:
    """The first day shown for `month`: the `first_weekday` (1 = Monday ... 7 = Sunday) on or
    before its first day."""
    first = month.replace(day=1)
    return first - dt.timedelta(days=(first.isoweekday() - first_weekday) % 7)


class MonthView(QWidget):
    """Signals:
    item_activated(object): a CalendarItem was clicked.
    day_requested(object): "+N more" of a date was clicked: show the whole day.
    plan_requested(object): a date was double-clicked (or Enter pressed): plan on it.
    selected_changed(object): the arrow keys moved the selected date.
    """

    item_activated = Signal(object)
    day_requested = Signal(object)
    plan_requested = Signal(object)
    selected_changed = Signal(object)

    def __init__(self, first_weekday: int = 1, parent: Any = None) -> None:
        super().__init__(parent)
        self._first_weekday = first_weekday
        self._month = dt.date.today().replace(day=1)
        self._today = dt.date.today()
        self._selected = self._today
        self._days: dict[dt.date, Day] = {}
        self._hits: list[tuple[QRect, CalendarItem | _More]] = []
        self._weekday_names: list[str] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Each week a row of day numbers at the least: a small window's grid shows only
        # how many things each day holds (see _paint_items), and nothing is cut off.
        line = self.fontMetrics().height() + 3
        self.setMinimumSize(QSize(420, self._header_height() + WEEKS * (line + 6)))

    # -- API -----------------------------------------------------------------------------

    def set_weekday_names(self, names: list[str]) -> None:
        """Seven short names, starting with the first day of the week."""
        self._weekday_names = names

    def first_day(self) -> dt.date:
        return grid_start(self._month, self._first_weekday)

    def last_day(self) -> dt.date:
        return self.first_day() + dt.timedelta(days=7 * WEEKS - 1)

    def set_month(self, month: dt.date, today: dt.date) -> None:
        self._month, self._today = month.replace(day=1), today
        if not self.first_day() <= self._selected <= self.last_day():
            self._selected = month.replace(day=1)
        self.update()

    def set_days(self, days: dict[dt.date, Day]) -> None:
        self._days = days
        self.update()

    def select(self, day: dt.date) -> None:
        self._selected = day
        self.update()

    # -- Painting ------------------------------------------------------------------------

    def _cells(self) -> list[QRect]:
        """The 42 day cells, left to right and top to bottom."""
        header = self._header_height()
        width, height = self.width() / 7, (self.height() - header) / WEEKS
        lefts = [round(column * width) for column in range(8)]
        tops = [header + round(row * height) for row in range(WEEKS + 1)]
        return [
            QRect(lefts[column], tops[row], lefts[column + 1] - lefts[column],
                  tops[row + 1] - tops[row])
            for row in range(WEEKS)
            for column in range(7)
        ]  # fmt: skip

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        line = metrics.height() + 3
        self._hits = []
        grid_pen = palette.color(QPalette.ColorRole.Mid)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        other_month = palette.color(QPalette.ColorRole.AlternateBase)
        cells = self._cells()
        header = self._header_height()

        painter.setPen(muted)
        for cell, name in zip(cells, self._weekday_names, strict=False):  # none before set
            painter.drawText(QRect(cell.left(), 0, cell.width(), header), _CENTER, name)

        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        more = calendar_items.more_text(metrics, cells[0].width() - 10)  # as _paint_items
        style = _Style(line, font, metrics, more, palette.color(QPalette.ColorRole.Link))
        day = self.first_day()
        for cell in cells:
            in_month = day.month == self._month.month
            if not in_month:
                painter.fillRect(cell, other_month)
            if day == self._selected and self.hasFocus():
                tint = QColor(palette.color(QPalette.ColorRole.Highlight))
                tint.setAlpha(40)
                painter.fillRect(cell, tint)
            painter.setPen(grid_pen)
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(cell.adjusted(0, 0, -1, -1))
            # The day number; today's in a filled circle.
            number = QRect(cell.left() + 3, cell.top() + 2, line + 4, line)
            if day == self._today:
                painter.setPen(_NO_PEN)
                painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
                painter.drawEllipse(number)
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
                painter.setFont(bold)
                painter.drawText(number, _CENTER, str(day.day))
                painter.setFont(font)
            else:
                painter.setPen(text if in_month else muted)
                painter.drawText(number, _CENTER, str(day.day))
            self._paint_items(painter, cell, day, style)
            day += _ONE_DAY

    def _paint_items(self, painter: QPainter, cell: QRect, day: dt.date, style: _Style) -> None:
        entry = self._days.get(day)
        if entry is None:
            return
        line = style.line
        left, top, width = cell.left() + 3, cell.top() + line + 4, cell.width() - 6
        room = max(0, (cell.bottom() - top - 2) // line)
        shown = entry.items[:room] if entry.total <= room else entry.items[: max(0, room - 1)]
        for item in shown:
            rect = QRect(left, top, width, line - 1)
            text = calendar_items.short_text(item)
            calendar_items.paint(painter, rect, item, text, style.font, style.metrics)
            self._hits.append((rect, item))
            top += line
        hidden = entry.total - len(shown)
        if hidden and not room:  # no line below the day's number: beside it
            rect = QRect(cell.left() + line + 10, cell.top() + 2, width - line - 7, line)
            painter.setPen(style.more_color)
            painter.drawText(rect, _V_CENTER, f"+{hidden}")
            self._hits.append((rect, _More(day)))
        elif hidden:
            rect = QRect(left, top, width, line - 1)
            painter.setPen(style.more_color)
            painter.drawText(rect.adjusted(4, 0, 0, 0), _V_CENTER, style.more.format(n=hidden))
            self._hits.append((rect, _More(day)))

    # -- Input ---------------------------------------------------------------------------

    def _day_at(self, pos: QPoint) -> dt.date | None:
        for index, cell in enumerate(self._cells()):
            if cell.contains(pos):
                return self.first_day() + dt.timedelta(days=index)
        return None

    def _hit(self, pos: QPoint) -> CalendarItem | _More | None:
        return next((target for rect, target in self._hits if rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click selects without moving to another month (a double-click on a day of the
        # next month plans on that day); the arrow keys move through months.
        pos = event.position().toPoint()
        day = self._day_at(pos)
        if day is not None and day != self._selected:
            self._selected = day
            self.update()
        target = self._hit(pos)
        if isinstance(target, _More):
            self.day_requested.emit(target.day)
        elif target is not None:
            self.item_activated.emit(target)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        day = self._day_at(pos)
        if day is not None and self._hit(pos) is None:
            self.plan_requested.emit(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        target = self._hit(event.position().toPoint())
        if target is not None and not isinstance(target, _More):
            QToolTip.showText(
                event.globalPosition().toPoint(), calendar_items.full_text(target), self
            )  # type: ignore[arg-type]
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            QToolTip.hideText()
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if target else Qt.CursorShape.ArrowCursor
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if event.key() in steps:
            self._selected += dt.timedelta(days=steps[Qt.Key(event.key())])
            self.selected_changed.emit(self._selected)
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.plan_requested.emit(self._selected)
        else:
            super().keyPressEvent(event)
