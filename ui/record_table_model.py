"""An editable table of draft rows, the one mechanism behind every list on a card (contact
details, preferences, family, dates, dreams, promises).

A `Draft` is what a row currently says, typed text included: a value that does not parse
stays visible with its problem (red, with the reason) instead of being thrown away. The card
saves a section only when all its drafts are complete and valid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from models.errors import Problem, ValidationError
from models.validation import TEXT_MAX
from ui import labels

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """How one column shows and edits its value.

    editor: "text", "multiline", "choice", "date", "int", "check" or "" (read-only);
    `editor_for` may choose per row (an address is multi-line, an email is not).
    parse: text typed -> value (raises ValidationError); format: value -> text.
    check: a rule over the value and its row -> Problem or None.
    """

    key: str
    title: str
    editor: str = "text"
    choices: Callable[[], Mapping[str, str]] | None = None
    required: bool | Callable[[Draft], bool] = False
    parse: Callable[[str], Any] | None = None
    format: Callable[[Any], str] | None = None
    check: Callable[[Any, Draft], Problem | None] | None = None
    display: Callable[[Draft], str] | None = None  # shown instead of the value's text
    editor_for: Callable[[Draft], str] | None = None
    warn: Callable[[Draft], str] | None = None  # a reason to draw attention to the cell
    width: int = 0  # a share of the table's width; 0 for the default share (240)
    minimum: int = 0
    maximum: int = 999
    limit: int = TEXT_MAX  # the longest text the service accepts here

    def is_required(self, draft: Draft) -> bool:
        return self.required(draft) if callable(self.required) else self.required

    def editor_of(self, draft: Draft) -> str:
        return self.editor_for(draft) if self.editor_for is not None else self.editor

    def text(self, value: Any) -> str:
        if self.format is not None:
            return self.format(value)
        if self.choices is not None:
            return self.choices().get(value, value or "")
        return "" if value is None else str(value)


@dataclass
class Draft:
    values: dict[str, Any]
    source: Any = None  # the snapshot row this draft edits; None for a new row
    raw: dict[str, str] = field(default_factory=dict)  # typed text that did not parse
    errors: dict[str, Problem] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)

    @property
    def is_new(self) -> bool:
        return self.source is None


class RecordTableModel(QAbstractTableModel):
    """Signals:
    edited: a cell was changed by the person (not by set_drafts).
    """

    edited = Signal()

    _ERROR_BRUSH = QBrush(QColor(255, 224, 224))
    _WARN_BRUSH = QBrush(QColor(255, 240, 200))
    _PLACEHOLDER_BRUSH = QBrush(QColor(140, 140, 140))

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._drafts: list[Draft] = []
        self._read_only = False

    # -- Feeding and reading -------------------------------------------------------------

    def set_drafts(self, drafts: Sequence[Draft], *, keep_unsaved: bool = False) -> None:
        """Show these rows, made from the stored card.

        With `keep_unsaved` (the same card, saved or undone elsewhere), what the person typed
        and storage does not hold yet stays on screen: new rows, and the values they changed
        (or typed and got refused) in stored rows; everything else takes the stored values.
        When that says what the table already says (the save of an edit made here), only
        the sources change: no reset, so an open editor and the selection survive.
        """
        merged = list(drafts)
        if keep_unsaved:
            mine = {getattr(d.source, "id", None): d for d in self._drafts if d.source is not None}
            for fresh in merged:
                old = mine.get(getattr(fresh.source, "id", None))
                if old is None:
                    continue
                pending = {k for k in old.touched if old.values.get(k) != fresh.values.get(k)}
                pending |= set(old.raw)
                fresh.values.update({k: old.values[k] for k in pending if k in old.values})
                fresh.raw = dict(old.raw)
                fresh.touched = pending
            merged += [d for d in self._drafts if d.source is None]
        if len(merged) == len(self._drafts) and all(
            new.values == old.values and new.raw == old.raw
            for new, old in zip(merged, self._drafts, strict=True)
        ):
            for new, old in zip(merged, self._drafts, strict=True):
                old.source, old.touched = new.source, new.touched
                self._validate(old)
            if self._drafts:
                last = self.index(len(self._drafts) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._drafts = merged
        for draft in self._drafts:
            self._validate(draft)
        self.endResetModel()

    def drafts(self) -> list[Draft]:
        return list(self._drafts)

    def draft(self, row: int) -> Draft:
        return self._drafts[row]

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_read_only(self, read_only: bool) -> None:
        self.beginResetModel()
        self._read_only = read_only
        self.endResetModel()

    def add_draft(self, draft: Draft) -> int:
        row = len(self._drafts)
        self.beginInsertRows(QModelIndex(), row, row)
        self._drafts.append(draft)
        self._validate(draft)
        self.endInsertRows()
        return row

    def remove_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._drafts):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._drafts[row]
                self.endRemoveRows()
        self.edited.emit()

    def is_complete(self) -> bool:
        """Every row valid and every required value given: the section can be saved."""
        return all(not d.errors and not self._missing(d) for d in self._drafts)

    def first_problem(self) -> tuple[int, Column, Problem] | None:
        """The first problem to tell the person about (new rows' blanks are not one yet)."""
        for row, draft in enumerate(self._drafts):
            for column in self._columns:
                if column.key in draft.errors:
                    return row, column, draft.errors[column.key]
        return None

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._drafts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or self._read_only:
            return base
        editor = self._columns[index.column()].editor_of(self._drafts[index.row()])
        if editor == "check":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if editor:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        draft = self._drafts[index.row()]
        column = self._columns[index.column()]
        key = column.key
        value = draft.values.get(key)
        problem = draft.errors.get(key)
        missing = column.is_required(draft) and self._blank(value) and key not in draft.raw
        if role == Qt.ItemDataRole.DisplayRole:
            if column.editor == "check":
                return None
            if key in draft.raw:
                return draft.raw[key]
            if missing:
                return self.tr("(required)")
            if column.display is not None:
                return column.display(draft)
            return column.text(value)
        if role == Qt.ItemDataRole.EditRole:
            if key in draft.raw:
                return draft.raw[key]
            if column.editor in ("choice", "int", "check"):
                return value
            return column.text(value)
        if role == Qt.ItemDataRole.CheckStateRole and column.editor == "check":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        warning = column.warn(draft) if column.warn is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem is not None:
                return self._ERROR_BRUSH
            return self._WARN_BRUSH if warning else None
        if role == Qt.ItemDataRole.ForegroundRole and missing and problem is None:
            return self._PLACEHOLDER_BRUSH
        if role == Qt.ItemDataRole.FontRole and missing and problem is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.problem(problem) if problem is not None else (warning or None)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self._read_only:
            return False
        draft = self._drafts[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.editor == "check":
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            # Stored values carry no surrounding blanks; a row that kept them would never
            # match its saved self and would stay "unsaved".
            new = value.strip() if isinstance(value, str) else value
        else:
            return False
        before = (draft.values.get(column.key), draft.raw.get(column.key))
        draft.touched.add(column.key)
        draft.raw.pop(column.key, None)
        if column.parse is not None and isinstance(new, str):
            try:
                new = column.parse(new)
            except ValidationError as exc:
                draft.raw[column.key] = new
                draft.errors[column.key] = exc.problem
        if column.key not in draft.raw:
            draft.values[column.key] = new
        self._validate(draft)
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        if (draft.values.get(column.key), draft.raw.get(column.key)) != before:
            self.edited.emit()
        return True

    # -- Inside --------------------------------------------------------------------------

    @staticmethod
    def _blank(value: Any) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    def _missing(self, draft: Draft) -> bool:
        return any(
            c.is_required(draft) and self._blank(draft.values.get(c.key)) for c in self._columns
        )

    def _validate(self, draft: Draft) -> None:
        """Recompute the row's problems; a parse problem stands until the text changes."""
        for column in self._columns:
            key = column.key
            if key in draft.raw:
                continue
            draft.errors.pop(key, None)
            value = draft.values.get(key)
            if column.is_required(draft) and self._blank(value):
                if not draft.is_new or key in draft.touched:
                    draft.errors[key] = Problem.REQUIRED
                continue
            problem = None
            if isinstance(value, str) and len(value) > column.limit:
                problem = Problem.TOO_LONG
            elif column.check is not None and not self._blank(value):
                problem = column.check(value, draft)
            if problem is not None:
                draft.errors[key] = problem
