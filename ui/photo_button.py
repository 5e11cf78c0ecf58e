"""The round photo at the top of a card: the client's picture, or their initials; a click
offers to choose or remove the picture."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from ui.photos import PhotoError, photo_from_file, round_thumbnail

EDGE = 88
_PALETTE = ("#5B8DEF", "#E8833A", "#3BAA6E", "#B5509C", "#D4A72C", "#4AA3B5", "#8C6BD6")


class PhotoButton(QToolButton):
    """Signals:
    photo_changed(object): new JPEG bytes, or None when removed.
    photo_refused(str): the chosen file is not a readable picture (Qt's reason).
    """

    photo_changed = Signal(object)
    photo_refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._photo: bytes | None = None
        self._name = ""
        self._initials = "?"
        self.setFixedSize(QSize(EDGE, EDGE))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Change the photo"))
        self.setAccessibleName(self.tr("Photo"))
        menu = QMenu(self)
        self._choose = menu.addAction(self.tr("Choose a photo…"))
        self._remove = menu.addAction(self.tr("Remove the photo"))
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._choose.triggered.connect(self._on_choose_triggered)
        self._remove.triggered.connect(self._on_remove_triggered)

    def set_photo(self, photo: bytes | None, name: str, initials: str) -> None:
        self._photo, self._name, self._initials = photo, name, initials
        self._remove.setEnabled(photo is not None)
        self.update()

    @classmethod
    def ask_path(cls, parent: QWidget) -> str:
        """The picture file chosen by the person, "" when cancelled. Tests replace this."""
        path, _ = QFileDialog.getOpenFileName(
            parent,
            parent.tr("Choose a photo"),
            "",
            parent.tr("Pictures (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.heic)"),
        )
        return path

    @Slot()
    def _on_choose_triggered(self) -> None:
        path = self.ask_path(self)
        if not path:
            return
        try:
            data = photo_from_file(path)
        except PhotoError as exc:
            self.photo_refused.emit(exc.reason)
            return
        self.photo_changed.emit(data)

    @Slot()
    def _on_remove_triggered(self) -> None:
        self.photo_changed.emit(None)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._photo is not None:
            try:
                painter.drawPixmap(0, 0, round_thumbnail(self._photo, EDGE))
                return
            except PhotoError:
                pass  # a damaged stored photo: show the initials instead
        color = QColor(_PALETTE[sum(map(ord, self._name)) % len(_PALETTE)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(0, 0, EDGE, EDGE))
        font = QFont(self.font())
        font.setPixelSize(EDGE // 3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._initials)


def initials(name: str, given: str = "", family: str = "") -> str:
    """ "María José García López" (given "María José", family "García López") -> "MG";
    "Élodie Marchand" -> "ÉM"; "王秀英" -> "王"; "" -> "?"."""
    if given.strip() and family.strip():
        return (given.strip()[0] + family.strip()[0]).upper()
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()
