"""How calendar items read and look, the same in the month, week and agenda views and on
the dashboard: key dates in their kind's colour with whose date it is, events as blue
blocks (grey once done, struck through when cancelled)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

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


def _t(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


def color(item: CalendarItem) -> QColor:
    if isinstance(item, Occurrence):
        return KEY_DATE_COLORS.get(DateKind(item.kind), KEY_DATE_COLORS[DateKind.CUSTOM])
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
    return f"{item.start:%H:%M} {item.title}"


def full_text(item: CalendarItem) -> str:
    """The whole story, for tooltips and the agenda: "Léa (child of Élodie Marchand):
    Birthday, turns 11"; "19:30–22:00 Thank-you dinner · Yayo Daporta · Majo, Javier"."""
    if isinstance(item, Occurrence):
        who = item.person
        if item.relative_name:
            who = f"{item.relative_name} ({labels.relation_of(item.relation, item.client_name)})"
        years = labels.years(item.kind, item.years)
        return f"{who}: {what(item)}" + (f", {years}" if years else "")
    parts = [item.title]
    if not item.all_day:
        parts[0] = f"{item.start:%H:%M}–{item.end:%H:%M} {item.title}"
    parts += [p for p in (item.location, item.attendees) if p]
    if item.status != EventStatus.PLANNED:
        parts.append(labels.event_statuses()[item.status])
    return " · ".join(parts)
