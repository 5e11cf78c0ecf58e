"""Free-text notes that save when the person leaves the box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit

from models.validation import NOTES_MAX, text_problem
from ui import undo_passthrough


class NotesEdit(QPlainTextEdit):
    """Signals:
    committed(str): the text, when focus leaves and it changed.
    refused(object): the text breaks a rule (a Problem); it stays, unsaved.
    """

    committed = Signal(str)
    refused = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.setTabChangesFocus(True)
        undo_passthrough.install(self)

    def set_text(self, text: str) -> None:
        self._stored = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        """Offer the text for saving; it counts as stored only once the saved card comes
        back through set_text."""
        text = self.toPlainText()
        if text == self._stored or self.isReadOnly():
            return
        if (problem := text_problem(text, limit=NOTES_MAX)) is not None:
            self.refused.emit(problem)
            return
        undo_passthrough.forget_history(self)
        self.committed.emit(text)
