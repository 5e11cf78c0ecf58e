"""Logging a contact or a gesture (Ctrl+L from anywhere), or editing one from a card's
history: who, what kind, when, a line of summary, how it went, whether it asked for
nothing in return, and what a gift or discount was worth.

The dialog never writes: Save asks (save_requested) and stays open until the editor has
stored the entry; a refusal comes back as a message under the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from models import search
from models.courtship import GIVING_KINDS
from models.errors import Problem
from models.interactions import VALUE_MAX_CENTS, InteractionData
from models.vocab import InteractionKind, Tone
from ui import labels


class InteractionDialog(QDialog):
    """Signals:
    save_requested(object): the InteractionData the form describes.
    """

    save_requested = Signal(object)

    def __init__(
        self,
        entry: InteractionData | None,
        clients: Sequence[tuple[int, str]],
        *,
        currency: str = "",
        today: dt.date | None = None,
        parent: Any = None,
    ) -> None:
        """`entry` None: a new entry, whose client is chosen here; an entry without an id: a
        new entry filled in (its client fixed, e.g. from a card); with an id: an edit."""
        super().__init__(parent)
        self._entry = entry
        today = today or dt.date.today()
        self.setWindowTitle(
            self.tr("Edit the history") if entry and entry.id else self.tr("Log a contact")
        )
        self.setMinimumWidth(460)

        # Who: a client fixed by where the dialog was opened from, or typed here.
        self._clients = list(clients)
        self._names = {cid: name for cid, name in self._clients}
        self.client = QLineEdit()
        self.client.setPlaceholderText(self.tr("Type a client's name"))
        self.client.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel([name for _cid, name in self._clients], self))
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.client.setCompleter(completer)
        self.client_fixed = QLabel()
        self.client_fixed.setTextFormat(Qt.TextFormat.PlainText)
        if entry is not None:
            self.client_fixed.setText(self._names.get(entry.client_id, ""))
            self.client.hide()
        else:
            self.client_fixed.hide()

        self.kind = QComboBox()
        for value, text in labels.interaction_kinds().items():
            self.kind.addItem(text, value)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setMinimumDate(QDate(1900, 1, 1))
        self.date.setMaximumDate(QDate(2200, 12, 31))
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("What happened, in a line"))
        self.tone_group = QButtonGroup(self)
        tone_row = QHBoxLayout()
        self.tones: dict[str, QRadioButton] = {}
        for value, text in labels.tones().items():
            button = QRadioButton(text)
            self.tones[value] = button
            self.tone_group.addButton(button)
            tone_row.addWidget(button)
        tone_row.addStretch(1)
        self.asked_for_nothing = QCheckBox(self.tr("I asked for nothing in return"))
        self.value = QDoubleSpinBox()
        self.value.setRange(0, VALUE_MAX_CENTS / 100)
        self.value.setDecimals(2)
        self.value.setSpecialValueText(self.tr("not recorded"))
        self.value.setSuffix(f" {currency}" if currency else "")
        self.value.setToolTip(self.tr("What it was worth, for the appreciation ledger"))
        self.value_label = QLabel(self.tr("Worth"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.addRow(self.tr("Client"), self.client if entry is None else self.client_fixed)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("How it went"), tone_row)
        form.addRow("", self.asked_for_nothing)
        form.addRow(self.value_label, self.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        shown = entry or InteractionData(0, InteractionKind.CALL.value, today)
        self.kind.setCurrentIndex(max(0, self.kind.findData(shown.kind)))
        d = shown.occurred_on
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.summary.setText(shown.summary)
        self.tones.get(shown.tone, self.tones[Tone.NEUTRAL.value]).setChecked(True)
        self.asked_for_nothing.setChecked(shown.asked_for_nothing)
        self.value.setValue((shown.value_cents or 0) / 100)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        (self.client if entry is None else self.summary).setFocus()

    # -- API -----------------------------------------------------------------------------

    def entry(self) -> InteractionData | None:
        """What the form says; None (with the reason shown) when no client is chosen."""
        client_id = self._entry.client_id if self._entry is not None else self._client_typed()
        if client_id is None:
            return None
        d = self.date.date()
        kind = self.kind.currentData()
        cents = round(self.value.value() * 100) if kind in GIVING_KINDS else 0
        base = self._entry or InteractionData(client_id, kind, dt.date.today())
        return replace(
            base,
            client_id=client_id,
            kind=kind,
            occurred_on=dt.date(d.year(), d.month(), d.day()),
            summary=self.summary.text(),
            tone=next(v for v, b in self.tones.items() if b.isChecked()),
            asked_for_nothing=self.asked_for_nothing.isChecked(),
            value_cents=cents or None,
        )

    def show_problem(self, field: str, problem: Problem) -> None:
        self.problem.setText(labels.problem(problem))
        self.problem.show()

    # -- Inside --------------------------------------------------------------------------

    def _client_typed(self) -> int | None:
        typed = search.fold(self.client.text().strip())
        if not typed:
            self._say(self.tr("Choose the client this was with."))
            return None
        exact = [cid for cid, name in self._clients if search.fold(name) == typed]
        found = exact or [cid for cid, name in self._clients if typed in search.fold(name)]
        if len(found) == 1:
            return found[0]
        self._say(
            self.tr("No client is called “{name}”.").format(name=self.client.text().strip())
            if not found
            else self.tr("Several clients match “{name}”: choose one from the list.").format(
                name=self.client.text().strip()
            )
        )
        return None

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    @Slot()
    def _on_kind_changed(self) -> None:
        giving = self.kind.currentData() in GIVING_KINDS
        self.value.setVisible(giving)
        self.value_label.setVisible(giving)
        self.asked_for_nothing.setEnabled(giving or self.kind.currentData() == InteractionKind.NOTE)

    @Slot()
    def _on_save(self) -> None:
        entry = self.entry()
        if entry is not None:
            self.save_requested.emit(entry)
