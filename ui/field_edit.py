"""A one-line field that checks what was typed when the person leaves it, shows the
problem right under it, and only then reports the value (parsed) to be saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from models.errors import Problem, ValidationError
from ui import labels, undo_passthrough


class FieldEdit(QWidget):
    """Signals:
    committed(object): the parsed value, after the person changed it and it is valid.
    """

    committed = Signal(object)

    def __init__(
        self,
        *,
        placeholder: str = "",
        parse: Callable[[str], Any] | None = None,
        format: Callable[[Any], str] | None = None,
        check: Callable[[Any], Problem | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._parse = parse or (lambda text: text.strip())
        self._format = format or (lambda value: value or "")
        self._check = check
        self._value: Any = None
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        self._problem = QLabel()
        self._problem.setObjectName("problem")
        self._problem.setWordWrap(True)
        self._problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.line)
        layout.addWidget(self._problem)
        undo_passthrough.install(self.line)
        self.line.editingFinished.connect(self._on_editing_finished)

    def set_value(self, value: Any) -> None:
        """Show a stored value; typing in progress elsewhere is not disturbed."""
        self._value = value
        text = self._format(value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)
        self._show(None)

    def has_problem(self) -> bool:
        return not self._problem.isHidden()

    def show_problem(self, problem: Problem) -> None:
        self._show(problem)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)

    @Slot()
    def _on_editing_finished(self) -> None:
        if self.line.isReadOnly():
            return
        try:
            value = self._parse(self.line.text())
        except ValidationError as exc:
            self._show(exc.problem)
            return
        problem = self._check(value) if self._check else None
        self._show(problem)
        if problem is None:
            undo_passthrough.forget_history(self.line)
            if value != self._value:
                # Stored only once the saved card comes back through set_value.
                self.committed.emit(value)

    def _show(self, problem: Problem | None) -> None:
        self._problem.setVisible(problem is not None)
        if problem is not None:
            self._problem.setText(labels.problem(problem))
            self.line.setAccessibleDescription(labels.problem(problem))
        self.line.setProperty("invalid", problem is not None)
        self.line.style().unpolish(self.line)
        self.line.style().polish(self.line)
