"""How calendar items read and look, the same in the month, week and agenda views and on
the dashboard: key dates in their kind's colour with whose date it is, events as blue
blocks (grey once done, struck through when cancelled)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from models.events import EventOccurrence
from models.occurrences import CalendarItem, Occurrence
from models.vocab import DateKind, EventStatus
from ui import labels

KEY_DATE_COLORS = {
    DateKind.BIRTHDAY: QColor("#D6336C"),
    DateKind.WEDDING_ANNIVERSARY: QColor("#C98A00"),
    DateKind.BUSINESS_ANNIVERSARY: QColor("#1C7C7C"),
    DateKind.NAME_DAY: QColor("#2F9E44"),
    DateKind.CUSTOM: QColor("#7048E8"),
}
EVENT_COLOR = QColor("#2F6FDF")
DONE_COLOR = QColor("#8A94A6")
# Made once: a month repaints hundreds of items, and each Qt enum looked up or combined
# costs a Python call.
_WHITE = QColor("white")
_NO_PEN = Qt.PenStyle.NoPen
_ELIDE = Qt.TextElideMode.ElideRight
_ONE_LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_WRAPPED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def _t(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


def color(item: CalendarItem) -> QColor:
    if isinstance(item, Occurrence):
        return KEY_DATE_COLORS.get(item.kind, KEY_DATE_COLORS[DateKind.CUSTOM])
    return EVENT_COLOR if item.status == EventStatus.PLANNED else DONE_COLOR


def what(occ: Occurrence) -> str:
    """ "Birthday", "Wedding anniversary", or a custom date's own name."""
    if occ.kind == DateKind.CUSTOM:
        return occ.label
    return labels.date_kinds().get(occ.kind, occ.kind)


def short_text(item: CalendarItem) -> str:
    """What fits in a day cell: "Léa, 11", "19:30 Thank-you dinner"."""
    if isinstance(item, Occurrence):
        text = item.person
        return (
            f"{text}, {item.years}"
            if item.years is not None and item.kind != DateKind.NAME_DAY
            else text
        )
    if item.all_day:
        return item.title
    return f"{clock(item.start)} {item.title}"


def who(occ: Occurrence) -> str:
    """ "Élodie Marchand", or "Léa (child of Élodie Marchand)"."""
    if not occ.relative_name:
        return occ.client_name
    return f"{occ.relative_name} ({labels.relation_of(occ.relation, occ.client_name)})"


def occasion(occ: Occurrence) -> str:
    """ "Birthday, turns 11", "Wedding anniversary, 20 years", "Name day"."""
    years = labels.years(occ.kind, occ.years)
    return what(occ) + (f", {years}" if years else "")


def times(event: EventOccurrence) -> str:
    """ "19:30–22:00", or "" for an all-day event."""
    return "" if event.all_day else f"{clock(event.start)}–{clock(event.end)}"


def clock(moment: dt.datetime) -> str:
    """ "19:30". Not strftime, which imports `time` at every call, through the import hook
    PySide installs: 1 ms of a week's repaint."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def details(event: EventOccurrence) -> str:
    """Where, who, and the status unless planned: "Yayo Daporta · Majo, Javier · Done"."""
    status = labels.event_statuses()[event.status] if event.status != EventStatus.PLANNED else ""
    return " · ".join(p for p in (event.location, event.attendees, status) if p)


def full_text(item: CalendarItem) -> str:
    """The whole story, for tooltips and the dashboard: "Léa (child of Élodie Marchand):
    Birthday, turns 11"; "19:30–22:00 Thank-you dinner · Yayo Daporta · Majo, Javier"."""
    if isinstance(item, Occurrence):
        return f"{who(item)}: {occasion(item)}"
    head = " ".join(p for p in (times(item), item.title) if p)
    return " · ".join(p for p in (head, details(item)) if p)


def more_text(metrics: QFontMetrics, width: int) -> str:
    """The template of a day's "+N more" line that fits `width`: the words where "+999
    more" fits, else "+{n}" alone (a narrow window's cells)."""
    words = _t("+{n} more")
    return words if metrics.horizontalAdvance(words.format(n=999)) <= width else "+{n}"


def paint(
    painter: QPainter, rect: QRect, item: CalendarItem, text: str, font: QFont,
    metrics: QFontMetrics,
) -> None:  # fmt: skip
    """An item as a block: an event as a filled rounded box with white text (struck
    through when cancelled), a key date as a bar and text in its kind's colour. The text
    is elided to one line, or wrapped when the block is tall enough for two. `font` is
    the painter's, `metrics` its metrics."""
    tint = color(item)
    if isinstance(item, EventOccurrence):
        painter.setPen(_NO_PEN)
        painter.setBrush(tint)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(_WHITE)
        struck = item.status == EventStatus.CANCELLED
        if struck:
            struck_font = QFont(font)
            struck_font.setStrikeOut(True)
            painter.setFont(struck_font)
        inner = rect.adjusted(4, 0, -2, 0)
    else:
        painter.fillRect(QRect(rect.left(), rect.top() + 2, 3, rect.height() - 4), tint)
        painter.setPen(tint.darker(115))  # to read on white
        struck = False
        inner = rect.adjusted(7, 0, -2, 0)
    if inner.height() < 2 * metrics.height():
        # Eliding is far cheaper than laying out wrapped text (a busy week has hundreds).
        painter.drawText(inner, _ONE_LINE, metrics.elidedText(text, _ELIDE, inner.width()))
    else:
        painter.drawText(inner.adjusted(0, 1, 0, -1), _WRAPPED, text)
    if struck:
        painter.setFont(font)
