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


def _has_own(widget: object, *, redo: bool) -> bool:
    """Whether a writable text field has typing of its own to undo (or redo)."""
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return False


class UndoPassThrough(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (redo or event.matches(QKeySequence.StandardKey.Undo)):
            return False
        # Filtering the override out leaves it unaccepted: the window's shortcut runs.
        return not _has_own(watched, redo=redo)


def undo_typing(widget: object, *, redo: bool = False) -> bool:
    """Undo (or redo) the unsaved typing in a focused text field, if it has any; for the
    Undo menu item and toolbar button, which do not take the focus from the field."""
    if not _has_own(widget, redo=redo):
        return False
    widget.redo() if redo else widget.undo()  # type: ignore[attr-defined]
    return True


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
