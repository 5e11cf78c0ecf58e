"""The preview of a contacts import as a table: one row per contact, with what the import
will do with it (a new card, a merge into a client it is likely the same as, keep both,
or skip), which the person may change row by row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from models.contacts_import import Choice, ContactItem, Preview, Reason
from ui import labels
from ui.table_model import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

NAME, REACH, BIRTHDAY, ACTION, DETAILS = range(5)


class ContactsPreviewModel(RowsTableModel[ContactItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._preview = Preview("")
        self._headers = (self.tr("Contact"), self.tr("Email or phone"), self.tr("Birthday"),
                         self.tr("What the import does"), self.tr("Details"))  # fmt: skip

    def set_preview(self, preview: Preview) -> None:
        self.beginResetModel()
        self._preview = preview
        self._rows = list(preview.items)
        self._choices = [item.choice for item in self._rows]
        self.endResetModel()

    def item(self, row: int) -> ContactItem:
        return self._rows[row]

    def choice(self, row: int) -> Choice:
        return self._choices[row]

    def options(self, row: int) -> list[tuple[str, Choice]]:
        """What can be done with a row: a likely duplicate can also be kept apart."""
        item = self._rows[row]
        if item.match is None:
            return [(self.tr("New client"), Choice.CREATE), (self.tr("Skip"), Choice.SKIP)]
        return [
            (self._merge_text(item), Choice.MERGE),
            (self.tr("Keep both: a new client"), Choice.CREATE),
            (self.tr("Skip"), Choice.SKIP),
        ]

    def choices(self) -> dict[int, Choice]:
        """The rows where the person chose otherwise than the preview's default."""
        return {
            row: choice
            for row, (item, choice) in enumerate(zip(self._rows, self._choices, strict=True))
            if choice is not item.choice
        }

    def counts(self) -> dict[Choice, int]:
        found = dict.fromkeys(Choice, 0)
        for choice in self._choices:
            found[choice] += 1
        return found

    # -- Qt's model ----------------------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ACTION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(row, column)
            if role == Qt.ItemDataRole.ToolTipRole and column == ACTION:
                return self.tr("Double-click to choose: merge, keep both, or skip")
            return text
        if role == Qt.ItemDataRole.ForegroundRole and self._choices[row] is Choice.SKIP:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.EditRole and column == ACTION:
            return self._choices[row]
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != ACTION:
            return False
        if value not in [choice for _, choice in self.options(index.row())]:
            return False
        self._choices[index.row()] = Choice(value)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), DETAILS))
        return True

    # -- Words ---------------------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self._rows[row]
        contact = item.contact
        match column:
            case 0:
                return contact.name
            case 1:
                first = [*contact.emails, *contact.phones]
                more = len(first) - 1
                return first[0].value + (f" (+{more})" if more > 0 else "") if first else ""
            case 2:
                return labels.partial_date(contact.birthday)
            case 3:
                choice = self._choices[row]
                return dict((c, text) for text, c in self.options(row))[choice]
        if self._choices[row] is not Choice.MERGE:
            return ""
        effect = self._preview.merge_effect(row)
        adds = ", ".join(effect.adds) if effect.adds else self.tr("nothing new")
        text = self.tr("Adds: {what}").format(what=adds)
        if effect.differs:
            text += " · " + self.tr("Kept as the card says: {what}").format(
                what=", ".join(effect.differs)
            )
        return text

    def _merge_text(self, item: ContactItem) -> str:
        assert item.match is not None
        why = {
            Reason.UID: self.tr("same contact"),
            Reason.EMAIL: self.tr("same email"),
            Reason.PHONE: self.tr("same phone"),
            Reason.NAME: self.tr("same name"),
        }[item.match.reason]
        if item.match.client_id is None:
            return self.tr("Merge with {name} above ({why})").format(name=item.match.name, why=why)
        return self.tr("Merge into {name} ({why})").format(name=item.match.name, why=why)
