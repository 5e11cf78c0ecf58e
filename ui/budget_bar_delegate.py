"""A slim bar under a cell's text for how much of a budget was used: the eye compares
lengths down a column faster than percentages, and red says "over" without reading."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

_OVER = QColor("#B3261E")
_BAR, _GAP, _MARGIN = 3, 2, 4  # bar height, space above and below it, side inset


class BudgetBarDelegate(QStyledItemDelegate):
    """Reads the share used (1.0 = all of it; None: no budget, no bar) from `role`."""

    def __init__(self, role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        share = index.data(self._role)
        if share is None:
            return
        rect: QRect = option.rect  # type: ignore[attr-defined]
        track = QRect(
            rect.left() + _MARGIN,
            rect.bottom() - _GAP - _BAR + 1,
            max(0, rect.width() - 2 * _MARGIN),
            _BAR,
        )
        over = share > 1
        filled = track.width() if over or math.isinf(share) else round(track.width() * share)
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
        painter.drawRect(track)
        painter.setBrush(_OVER if over else palette.color(QPalette.ColorRole.Highlight))
        painter.drawRect(QRect(track.left(), track.top(), filled, _BAR))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + _BAR + 2 * _GAP)
