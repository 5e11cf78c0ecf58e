"""Ctrl+Z in a text field undoes the typing in it while there is typing to undo, and then
the last saved change, like the rest of the window.

Qt's text widgets claim Undo/Redo for themselves whenever they have focus, even with
nothing to undo, so after a field saved, Ctrl+Z would do nothing visible (or wipe the
field). This filter lets the shortcut through to the window when the field has no
history of its own; fields clear their history when they save.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


class UndoPassThrough(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        if isinstance(watched, QLineEdit):
            has_own = watched.isUndoAvailable() if undo else watched.isRedoAvailable()
        elif isinstance(watched, QPlainTextEdit):
            document = watched.document()
            has_own = document.isUndoAvailable() if undo else document.isRedoAvailable()
        else:
            return False
        # Filtering the override out leaves it unaccepted: the window's shortcut runs.
        return not has_own


_filter: UndoPassThrough | None = None


def install(widget: QLineEdit | QPlainTextEdit) -> None:
    global _filter
    if _filter is None:
        _filter = UndoPassThrough()
    widget.installEventFilter(_filter)


def forget_history(widget: QLineEdit | QPlainTextEdit) -> None:
    """Drop the widget's own undo history (after a save), keeping text and cursor."""
    if isinstance(widget, QPlainTextEdit):
        widget.document().clearUndoRedoStacks()
        return
    position, selected = widget.cursorPosition(), widget.selectionStart()
    length = len(widget.selectedText())
    widget.setText(widget.text())  # setText is QLineEdit's only way to clear its history
    if selected >= 0:
        widget.setSelection(selected, length)
    else:
        widget.setCursorPosition(position)
