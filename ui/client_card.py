"""The client card: every section of one client, viewed and edited in place.

The card never writes: each finished edit becomes a request (the card before, the card
after, what to call it in Undo) that the page saves, and the saved card comes back through
`show_card`. A section with an unfinished or invalid row keeps it on screen, with the
problem spelled out, and is saved once it is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from models import courtship
from models.cards import ClientCard
from models.clients import TierData
from models.courtship import CardCourtship
from models.errors import Problem
from ui import labels
from ui.card_courtship import AttentionPanel, HistoryPanel
from ui.card_header import CardHeader
from ui.card_sections import SectionSpec, all_sections
from ui.notes_edit import NotesEdit
from ui.record_section import RecordSection


class ClientCardEditor(QScrollArea):
    """Signals:
    edit_requested(object, object, str): card before, card after, text for Undo.
    log_requested(int, str): log a contact of this kind (vocab.InteractionKind) with them.
    edit_entry_requested(int): open this history entry in the log dialog.
    delete_entry_requested(int): delete this history entry.
    create_requested(str): the name typed for a new client.
    photo_refused(str): a chosen photo could not be read.
    plan_meal_requested(int): plan a thank-you meal with this client.
    export_requested(int, str): export this client ("vcf" or "json").
    brief_requested(int, str): this client's pre-meeting brief, to "print" or save as "pdf".
    plan_requested(int): edit this client's own courtship terms.
    """

    edit_requested = Signal(object, object, str)
    log_requested = Signal(int, str)
    edit_entry_requested = Signal(int)
    delete_entry_requested = Signal(int)
    create_requested = Signal(str)
    photo_refused = Signal(str)
    plan_meal_requested = Signal(int)
    export_requested = Signal(int, str)
    brief_requested = Signal(int, str)
    plan_requested = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._card: ClientCard | None = None
        self._creating = False
        self._read_only = False
        self._undo_texts = {
            "name": self.tr("Edit name"),
            "nickname": self.tr("Edit the name they go by"),
            "job_title": self.tr("Edit job title"),
            "company": self.tr("Edit company"),
            "client_since": self.tr("Edit client since"),
            "how_we_met": self.tr("Edit how we met"),
            "tier_id": self.tr("Change tier"),
            "photo": self.tr("Change photo"),
            "notes": self.tr("Edit notes"),
        }
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.header = CardHeader()
        self.attention = AttentionPanel()
        self.attention.hide()
        self.history = HistoryPanel()
        self._today = dt.date.today()
        self._new_hint = QLabel(
            self.tr("Type the client's name, then press Enter to start the card.")
        )
        self._new_hint.setObjectName("hint")
        self._new_hint.setWordWrap(True)
        self._specs: list[SectionSpec] = all_sections(dt.date.today, lambda: self._card)
        self.sections: dict[str, RecordSection] = {
            spec.key: RecordSection(spec.title, spec.add_label, spec.columns, spec.new_draft)
            for spec in self._specs
        }
        self._notes_title = QLabel(self.tr("Notes"))
        self._notes_title.setObjectName("sectionTitle")
        self.notes = NotesEdit()
        self.notes.setPlaceholderText(
            self.tr("Anything worth remembering: how they like to be treated, what to avoid…")
        )
        self.notes.setMinimumHeight(90)
        self._notes_problem = QLabel()
        self._notes_problem.setObjectName("problem")
        self._notes_problem.hide()

        body = QWidget()
        body.setObjectName("cardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 14)
        layout.setSpacing(14)
        layout.addWidget(self.header)
        layout.addWidget(self.attention)
        layout.addWidget(self._new_hint)
        for section in self.sections.values():
            layout.addWidget(section)
        layout.addWidget(self.history)
        layout.addWidget(self._notes_title)
        layout.addWidget(self.notes)
        layout.addWidget(self._notes_problem)
        layout.addStretch(1)
        self.setWidget(body)
        self._connect_signals()
        self._show_parts()

    def _connect_signals(self) -> None:
        self.header.changed.connect(self._on_header_changed)
        self.header.photo_refused.connect(self.photo_refused)
        self.header.plan_meal_requested.connect(
            lambda: self._card is not None and self.plan_meal_requested.emit(self._card.id)
        )
        self.header.export_requested.connect(
            lambda kind: self._card is not None and self.export_requested.emit(self._card.id, kind)
        )
        self.header.brief_requested.connect(
            lambda how: self._card is not None and self.brief_requested.emit(self._card.id, how)
        )
        self.header.plan_requested.connect(
            lambda: self._card is not None and self.plan_requested.emit(self._card.id)
        )
        self.attention.log_requested.connect(
            lambda kind: self._card is not None and self.log_requested.emit(self._card.id, kind)
        )
        self.attention.confirm_requested.connect(self._on_confirm_requested)
        self.history.log_requested.connect(
            lambda: self._card is not None and self.log_requested.emit(self._card.id, "call")
        )
        self.history.edit_requested.connect(self.edit_entry_requested)
        self.history.delete_requested.connect(self.delete_entry_requested)
        self.notes.committed.connect(lambda text: self._on_header_changed({"notes": text}))
        self.notes.refused.connect(lambda problem: self.show_problem("notes", problem))
        for spec in self._specs:
            # After the cell's editor has closed: saving inside Qt's commit step would
            # reset the table under the delegate (and lose Tab's move to the next cell).
            self.sections[spec.key].edited.connect(
                lambda spec=spec: QTimer.singleShot(0, self, lambda: self._on_section_edited(spec))
            )

    # -- API -----------------------------------------------------------------------------

    def card(self) -> ClientCard | None:
        return self._card

    def set_tiers(self, tiers: list[TierData]) -> None:
        self.header.set_tiers(tiers)

    def show_card(self, card: ClientCard | None) -> None:
        same_client = card is not None and self._card is not None and card.id == self._card.id
        self._card = card
        self._creating = False
        if card is not None:
            self.header.show_card(card)
            self.notes.set_text(card.notes)
            self._notes_problem.hide()
            for spec in self._specs:
                self.sections[spec.key].set_drafts(spec.drafts(card), keep_unsaved=same_client)
        self._show_parts()

    def show_courtship(self, state: CardCourtship, today: dt.date, currency: str = "") -> None:
        """The programme's part of the card: what needs attention, and the history."""
        self._today = today
        self.attention.show_state(state, today)
        self.history.show_state(state, today, currency)

    def start_new(self) -> None:
        """An empty card that becomes a client once it has a name."""
        self._card = None
        self._creating = True
        self.header.show_card(ClientCard(name=""))
        self._show_parts()
        self.header.name.line.setFocus()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.header.set_read_only(read_only)
        self.notes.setReadOnly(read_only)
        self.attention.set_read_only(read_only)
        self.history.set_read_only(read_only)
        for section in self.sections.values():
            section.set_read_only(read_only)

    def show_problem(self, field: str, problem: Problem) -> None:
        """A refusal ("notes", "company", "relatives[0].notes"...) shown where it belongs:
        next to the field, or under the list it concerns."""
        top = field.split("[", 1)[0].split(".", 1)[0]
        if top == "notes":
            self._notes_problem.setText(labels.problem(problem))
            self._notes_problem.show()
        elif not self.header.show_problem(top, problem):
            key = "key_dates" if ".key_dates" in field else top
            section = self.sections.get(key)
            if section is not None:
                section.show_refusal(problem)

    def commit_pending(self) -> None:
        """Save what is typed but not yet committed (the notes box keeps focus on exit)."""
        self.notes.commit()

    # -- Slots ---------------------------------------------------------------------------

    @Slot(dict)
    def _on_header_changed(self, changes: dict[str, Any]) -> None:
        if self._creating:
            name = changes.get("name")
            if name:
                self.create_requested.emit(name)
            return
        if self._card is None:
            return
        after = replace(self._card, **changes)
        if after != self._card:
            text = self._undo_texts.get(next(iter(changes)), self.tr("Edit card"))
            self.edit_requested.emit(self._card, after, text)

    @Slot(list)
    def _on_confirm_requested(self, preference_ids: list[int]) -> None:
        if self._card is None or self._read_only:
            return
        after = courtship.confirmed(self._card, preference_ids, self._today)
        if after != self._card:
            self.edit_requested.emit(self._card, after, self.tr("Confirm tastes"))

    def _on_section_edited(self, spec: SectionSpec) -> None:
        section = self.sections[spec.key]
        if self._read_only:
            return
        if self._card is None or not section.model.is_complete():
            return
        after = spec.apply(self._card, section.model.drafts())
        if after != self._card:
            self.edit_requested.emit(self._card, after, spec.undo_text)

    # -- Inside --------------------------------------------------------------------------

    def _show_parts(self) -> None:
        has_card = self._card is not None
        self._new_hint.setVisible(self._creating)
        for part in (*self.sections.values(), self._notes_title, self.notes, self.history):
            part.setVisible(has_card)
        if not has_card:
            self.attention.hide()
        self.header.set_details_enabled(has_card)
