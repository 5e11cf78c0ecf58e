"""The meal planner's side panel: for every guest, what matters at the table. Allergies
and dietary needs come first and stand out: they are the ones that must not be missed."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QTextBrowser

from models.briefs import TableBrief
from ui import labels


class TableBriefPanel(QTextBrowser):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(260)
        self.set_briefs([])

    def set_briefs(self, briefs: Sequence[TableBrief]) -> None:
        if not briefs:
            self.setHtml(
                "<p style='color:gray'>"
                + html.escape(self.tr("Add guests to see what matters to them at the table."))
                + "</p>"
            )
            return
        self.setHtml("".join(self._brief_html(b) for b in briefs))

    def _brief_html(self, brief: TableBrief) -> str:
        def line(title: str, values: Sequence[str], style: str = "") -> str:
            if not values:
                return ""
            text = ", ".join(html.escape(v) for v in values)
            return f"<p style='margin:2px 0;{style}'><b>{html.escape(title)}:</b> {text}</p>"

        warning = "color:#B3261E;"
        family = [
            f"{m.name} ({labels.relations().get(m.relation, m.relation).lower()}"
            + (f", {m.age}" if m.age is not None else "")
            + ")"
            for m in brief.family
        ]
        parts = [
            f"<h3 style='margin:10px 0 4px 0'>{html.escape(brief.name)}</h3>",
            line("⚠ " + self.tr("Allergies"), brief.allergies, warning),
            line("⚠ " + self.tr("Dietary needs"), brief.dietary, warning),
            line(self.tr("Drinks"), brief.drinks),
            line(self.tr("Desserts"), brief.desserts),
            line(self.tr("Food"), brief.food),
            line(self.tr("Dislikes"), brief.dislikes),
            line(self.tr("Favourite places"), brief.restaurants),
            line(self.tr("Family"), family),
            self._list(self.tr("Promises still open"), brief.open_promises),
        ]
        return "".join(parts)

    @staticmethod
    def _list(title: str, values: Sequence[str]) -> str:
        if not values:
            return ""
        items = "".join(f"<li>{html.escape(v)}</li>" for v in values)
        heading = f"<p style='margin:2px 0'><b>{html.escape(title)}:</b></p>"
        return f"{heading}<ul style='margin:0'>{items}</ul>"
