"""The preview of an import as a table: one row per yearly date, then per event, each with
what the import will do, and for dates whose they become (which the person may change).
The person's decisions are kept here and handed over as `ics_import.Choices`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from models.dates import PartialDate
from models.errors import Problem
from models.events import MAX_DAYS
from models.ics_import import Choices, DateItem, EventItem, Person, Preview, Status
from ui import labels
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

WHAT, WHEN, WHOSE, OUTCOME = range(4)
# What the import can do with an item at all; the others are shown, greyed, for the record.
_ACTIONABLE = {Status.NEW, Status.CHANGED, Status.UNMATCHED, Status.CONFLICT}


@dataclass(frozen=True)
class NewClient:
    """A date that gets a client card of its own, named after the person in the title."""

    name: str


Whose = Person | NewClient | None  # None: the date is left out


class ImportPreviewModel(RowsTableModel[DateItem | EventItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._checked: list[bool] = []
        self._whose: dict[int, Whose] = {}
        self._headers = (self.tr("Item"), self.tr("When"), self.tr("Whose / with"),
                         self.tr("What the import does"))  # fmt: skip

    def set_preview(self, preview: Preview) -> None:
        self.beginResetModel()
        self._rows = [*preview.dates, *preview.events]
        self._whose = {
            row: item.person if item.status is not Status.UNMATCHED else None
            for row, item in enumerate(self._rows)
            if isinstance(item, DateItem)
        }
        # By default: what is new or changed, and dates that found their one person.
        self._checked = [
            item.status in (Status.NEW, Status.CHANGED) and self._whose.get(row, True) is not None
            for row, item in enumerate(self._rows)
        ]
        self.endResetModel()

    def item(self, row: int) -> DateItem | EventItem:
        return self._rows[row]

    def choosable(self, row: int) -> bool:
        """Whether the person can say whose this date is."""
        item = self._rows[row]
        return isinstance(item, DateItem) and item.status in _ACTIONABLE

    def options(self, row: int, people: list[Person]) -> list[tuple[str, Whose]]:
        """For the "whose" editor: the title's matches first, a new card, leaving it out,
        then everyone else."""
        item = self._rows[row]
        assert isinstance(item, DateItem)
        first = [p for p in (item.person, *item.candidates) if p is not None]
        name = item.date.person or item.date.title
        found: list[tuple[str, Whose]] = [(p.name, p) for p in first]
        found.append((self.tr("New client card: {name}").format(name=name), NewClient(name)))
        found.append((self.tr("Leave out"), None))
        taken = {(p.client_id, p.relative_id) for p in first}
        found += [(p.name, p) for p in people if (p.client_id, p.relative_id) not in taken]
        return found

    def whose(self, row: int) -> Whose:
        return self._whose.get(row)

    def choices(self) -> Choices:
        skip, people, new_clients = set(), {}, set()
        for row, item in enumerate(self._rows):
            key = item.date.key if isinstance(item, DateItem) else item.event.key
            whose = self._whose.get(row)
            if not self._checked[row] or (isinstance(item, DateItem) and whose is None):
                skip.add(key)
            elif isinstance(whose, NewClient):
                new_clients.add(key)
            elif isinstance(whose, Person):
                people[key] = whose
        return Choices(skip=frozenset(skip), people=people, new_clients=frozenset(new_clients))

    def chosen_count(self) -> int:
        return sum(self._checked)

    # -- Qt's model ----------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == WHAT and self._rows[index.row()].status in _ACTIONABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == WHOSE and self.choosable(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        item = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == WHAT:
            if item.status not in _ACTIONABLE:
                return None
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and item.status not in _ACTIONABLE:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHOSE and self.choosable(row):
                return self.tr("Double-click to choose whose date this is")
            return self._text(row, column)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = index.row()
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == WHAT:
            self._checked[row] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and index.column() == WHOSE and self.choosable(row):
            self._whose[row] = value
            self._checked[row] = value is not None
        else:
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    # -- Words ---------------------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self._rows[row]
        if isinstance(item, DateItem):
            date = item.date
            match column:
                case 0:
                    return date.title
                case 1:
                    if item.status is Status.INVALID:
                        return f"{date.day}/{date.month}" + (f"/{date.year}" if date.year else "")
                    return labels.partial_date(PartialDate(date.month, date.day, date.year))
                case 2:
                    if self.choosable(row) and self._whose.get(row) is None:
                        return self.tr("Choose…")
                    return self._whose_text(self._whose.get(row))
                case _:
                    return self._outcome(item)
        event = item.event
        match column:
            case 0:
                return event.title
            case 1:
                return self._when(item)
            case 2:
                return ", ".join(p.name for p in item.attendees)
            case _:
                return self._outcome(item)

    def _whose_text(self, whose: Whose) -> str:
        if isinstance(whose, NewClient):
            return self.tr("New client card: {name}").format(name=whose.name)
        if isinstance(whose, Person):
            return whose.name
        return self.tr("—")

    def _when(self, item: EventItem) -> str:
        event = item.event
        locale = QLocale()
        day = labels.date(event.start.date())
        if event.all_day:
            return day
        time = locale.toString(event.start.time(), QLocale.FormatType.ShortFormat)
        zone = event.zone.rsplit("/", 1)[-1].replace("_", " ")
        return f"{day} {time} ({zone})" if zone else f"{day} {time}"

    def _outcome(self, item: DateItem | EventItem) -> str:
        match item.status:
            case Status.NEW:
                return self.tr("New")
            case Status.CHANGED:
                return self.tr("Changed in the file: updated here")
            case Status.SAME:
                return self.tr("Already in Rapport")
            case Status.UNMATCHED if isinstance(item, DateItem) and item.candidates:
                return self.tr("Several people fit: choose whose it is")
            case Status.UNMATCHED:
                return self.tr("No client by this name: choose one, or a new card")
            case Status.CONFLICT:
                assert isinstance(item, DateItem)
                return self.tr("The card already says {day}: tick to add this one too").format(
                    day=labels.partial_date(_from_iso(item.existing))
                )
            case Status.OWN:
                return self.tr("Your own birthday: left out")
            case Status.INVALID:
                if isinstance(item, EventItem) and item.problem == Problem.TOO_LONG:
                    return self.tr("Lasts more than {days} days: left out").format(days=MAX_DAYS)
                return self.tr("Rapport cannot hold it ({problem}): left out").format(
                    problem=item.problem.replace("_", " ")
                )
        return ""


def _from_iso(text: str) -> PartialDate:
    """ "1980-03-12", or "--03-12" without a year (PartialDate.iso)."""
    if text.startswith("--"):
        return PartialDate(int(text[2:4]), int(text[5:7]))
    return PartialDate(int(text[5:7]), int(text[8:10]), int(text[:4]))
