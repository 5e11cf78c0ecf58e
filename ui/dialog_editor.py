"""What the editors share (ui/event_editor.py, ui/interaction_editor.py): they open their
dialog over the window, store what it says through the undo stack, announce the change,
and report a refusal to the window instead of showing it themselves."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.changes import ChangeHub


class DialogEditor(QObject):
    """Signals:
    error(object): a RapportError to tell the person about.
    """

    error = Signal(object)

    def __init__(
        self, window: QWidget, undo_stack: Any, hub: ChangeHub, *, read_only: bool
    ) -> None:
        super().__init__(window)
        self._window = window
        self._undo = undo_stack
        self._hub = hub
        self._read_only = read_only
