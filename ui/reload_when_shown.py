"""Keeps a view fresh without reading for it while it is hidden: a change announced while
the view is out of sight only marks it stale, and a stale view reads again once shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QObject):
    def __init__(self, widget: QWidget, load: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._load = load
        self._stale = True  # nothing read yet
        widget.installEventFilter(self)

    @Slot()
    def reload(self) -> None:
        """Load now if the widget is visible, else when it is next shown."""
        if not self._widget.isVisible():
            self._stale = True
            return
        self._stale = False
        self._load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self._stale:
            # After the show: an error while reading must reach the bug report, not abort Qt.
            QTimer.singleShot(0, self, self.reload)
        return super().eventFilter(watched, event)
