"""Free-text notes that save when the person leaves the box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit

from ui import undo_passthrough


class NotesEdit(QPlainTextEdit):
    """Signals:
    committed(str): the text, when focus leaves and it changed.
    """

    committed = Signal(str)

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
        text = self.toPlainText()
        if text != self._stored and not self.isReadOnly():
            self._stored = text
            undo_passthrough.forget_history(self)
            self.committed.emit(text)
