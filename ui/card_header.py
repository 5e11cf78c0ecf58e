"""The top of a client card: photo, name and who they are (title, company, tier, since
when, how we met). Each field saves on its own when the person leaves it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.cards import ClientCard
from models.clients import TierData
from models.errors import Problem
from models.validation import NAME_MAX, text_problem
from ui import labels
from ui.card_sections import parse_full
from ui.field_edit import FieldEdit
from ui.photo_button import PhotoButton, initials


class CardHeader(QWidget):
    """Signals:
    changed(dict): ClientCard fields the person changed, with their new values.
    photo_refused(str): a chosen photo could not be read.
    plan_meal_requested(): "Plan a thank-you meal" was clicked.
    export_requested(str): export this client, as "vcf" or "json" (all Rapport holds).
    brief_requested(str): the pre-meeting brief, to "print" (a preview) or save as "pdf".
    plan_requested(): "Courtship…" was clicked: this client's own terms.
    """

    changed = Signal(dict)
    photo_refused = Signal(str)
    plan_meal_requested = Signal()
    export_requested = Signal(str)
    brief_requested = Signal(str)
    plan_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self._details_enabled = True
        self.photo = PhotoButton()
        self.name = FieldEdit(
            placeholder=self.tr("Name"),
            check=lambda v: text_problem(v, required=True, limit=NAME_MAX),
        )
        self.name.setObjectName("cardName")
        self.name.line.setAccessibleName(self.tr("Name"))
        self.nickname = FieldEdit(placeholder=self.tr("What they like to be called"))
        self.job_title = FieldEdit(placeholder=self.tr("Job title"))
        self.company = FieldEdit(placeholder=self.tr("Company"))
        self.client_since = FieldEdit(
            placeholder=self.tr("e.g. 3 May 2016"), parse=parse_full, format=labels.date
        )
        self.how_we_met = FieldEdit(placeholder=self.tr("A trade fair, a friend's introduction…"))
        self.tier = QComboBox()
        self.tier.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tier.setMinimumContentsLength(6)
        self._fields = {
            "name": self.name,
            "nickname": self.nickname,
            "job_title": self.job_title,
            "company": self.company,
            "client_since": self.client_since,
            "how_we_met": self.how_we_met,
        }

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Goes by"), self.nickname)
        form.addRow(self.tr("Job title"), self.job_title)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Tier"), self.tier)
        form.addRow(self.tr("Client since"), self.client_since)
        form.addRow(self.tr("How we met"), self.how_we_met)
        self.plan_meal = QPushButton(self.tr("Plan a thank-you meal…"))
        self.plan_meal.setToolTip(
            self.tr("A meal where you ask for nothing in return, with what matters at the table")
        )
        # Out of Rapport: to a phone or address book, or all Rapport holds about them (a
        # privacy request).
        self.export = QToolButton()
        self.export.setText(self.tr("Export…"))
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.export)
        menu.addAction(
            self.tr("As a contact card (.vcf)…"), lambda: self.export_requested.emit("vcf")
        )
        menu.addAction(
            self.tr("All Rapport holds about them (.json)…"),
            lambda: self.export_requested.emit("json"),
        )
        self.export.setMenu(menu)
        self.brief = QToolButton()
        self.brief.setText(self.tr("Brief…"))
        self.brief.setToolTip(self.tr("One page to read before meeting them"))
        self.brief.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.brief.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        brief_menu = QMenu(self.brief)
        brief_menu.addAction(self.tr("Print…"), lambda: self.brief_requested.emit("print"))
        brief_menu.addAction(self.tr("Save as PDF…"), lambda: self.brief_requested.emit("pdf"))
        self.brief.setMenu(brief_menu)
        self.courtship = QToolButton()
        self.courtship.setText(self.tr("Courtship…"))
        self.courtship.setToolTip(
            self.tr("How often to reach out to them, a snooze, their yearly budget")
        )
        self.courtship.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        right = QVBoxLayout()
        right.addWidget(self.name)
        right.addLayout(form)
        left = QVBoxLayout()
        left.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.plan_meal)
        left.addWidget(self.brief, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.courtship, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addWidget(self.export, 0, Qt.AlignmentFlag.AlignHCenter)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 0)
        layout.addLayout(right, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        for key, edit in self._fields.items():
            edit.committed.connect(lambda value, key=key: self.changed.emit({key: value}))
        self.tier.activated.connect(self._on_tier_activated)
        self.photo.photo_changed.connect(lambda data: self.changed.emit({"photo": data}))
        self.photo.photo_refused.connect(self.photo_refused)
        self.plan_meal.clicked.connect(self.plan_meal_requested)
        self.courtship.clicked.connect(self.plan_requested)

    def set_tiers(self, tiers: list[TierData]) -> None:
        self.tier.clear()
        self.tier.addItem(self.tr("No tier"), None)
        for tier in tiers:
            text = f"{tier.name} · {tier.label}" if tier.label else tier.name
            self.tier.addItem(text, tier.id)

    def show_card(self, card: ClientCard) -> None:
        for key, edit in self._fields.items():
            edit.set_value(getattr(card, key))
        self.tier.setCurrentIndex(max(0, self.tier.findData(card.tier_id)))
        self.photo.set_photo(
            card.photo, card.name, initials(card.name, card.given_name, card.family_name)
        )

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for edit in self._fields.values():
            edit.set_read_only(read_only)
        self.set_details_enabled(self._details_enabled)

    def show_problem(self, field: str, problem: Problem) -> bool:
        """Show a refusal next to its field; False when the field is not in the header."""
        edit = self._fields.get(field)
        if edit is not None:
            edit.show_problem(problem)
        return edit is not None

    def set_details_enabled(self, enabled: bool) -> None:
        """Everything but the name: a new card has only its name until it is created."""
        self._details_enabled = enabled
        for key, edit in self._fields.items():
            if key != "name":
                edit.setEnabled(enabled)
        self.tier.setEnabled(enabled and not self._read_only)
        self.photo.setEnabled(enabled and not self._read_only)
        self.plan_meal.setEnabled(enabled and not self._read_only)
        self.export.setEnabled(enabled)
        self.brief.setEnabled(enabled)
        self.courtship.setEnabled(enabled and not self._read_only)

    @Slot(int)
    def _on_tier_activated(self, index: int) -> None:
        self.changed.emit({"tier_id": self.tier.itemData(index)})
